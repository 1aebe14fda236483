from django.db import migrations


def give_every_account_a_default_pseud(apps, schema_editor):
    # Accounts made before User.save made the pseud (`createsuperuser`, the admin) had none.
    User = apps.get_model("accounts", "User")
    Pseud = apps.get_model("accounts", "Pseud")
    missing = User.objects.exclude(pseuds__is_default=True)
    Pseud.objects.bulk_create([Pseud(user=user, name=user.username[:40], is_default=True) for user in missing])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_user_keep_reading_history")]

    operations = [migrations.RunPython(give_every_account_a_default_pseud, migrations.RunPython.noop)]
