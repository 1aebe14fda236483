"""Series creators are creatorships (quire.creators) alone: the old list of accounts was copied into them by
creators 0002, which must run first."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('series', '0002_sanitizer_version'),
        ('creators', '0002_credit_existing_writers'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='series',
            name='creators',
        ),
    ]
