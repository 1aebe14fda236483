from django.db import migrations

MODERATOR_PERMISSIONS = [("moderate", "report", "Can work the moderation queue")]


def create_group(apps, schema_editor):
    # Permissions are normally made after migrations run; this one is made now so the group can hold it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for codename, model, name in MODERATOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="moderation", model=model)
        permission, _ = Permission.objects.get_or_create(
            codename=codename, content_type=content_type, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
