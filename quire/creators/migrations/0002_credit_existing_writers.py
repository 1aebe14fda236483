"""Every existing work is credited to its writer's pseud, and every series to its creators' default pseuds.

One INSERT ... SELECT each, so a million-work archive migrates in seconds rather than a row at a time."""

from django.db import migrations


def credit_existing(apps, schema_editor):
    creatorship = apps.get_model("creators", "Creatorship")._meta.db_table
    work = apps.get_model("works", "Work")._meta.db_table
    series_creators = apps.get_model("series", "Series").creators.through._meta.db_table
    series = apps.get_model("series", "Series")._meta.db_table
    pseud = apps.get_model("accounts", "Pseud")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {creatorship} (pseud_id, user_id, work_id, accepted_at, created_at) "
            f"SELECT pseud_id, author_id, id, created_at, created_at FROM {work}"
        )
        cursor.execute(
            f"INSERT INTO {creatorship} (pseud_id, user_id, series_id, accepted_at, created_at) "
            f"SELECT p.id, sc.user_id, sc.series_id, s.created_at, s.created_at FROM {series_creators} sc "
            f"JOIN {series} s ON s.id = sc.series_id "
            f"JOIN {pseud} p ON p.user_id = sc.user_id AND p.is_default = %s",
            [True],
        )


class Migration(migrations.Migration):
    dependencies = [("creators", "0001_initial")]

    operations = [migrations.RunPython(credit_existing, migrations.RunPython.noop, elidable=True)]
