from django.db import migrations

MEDIA = [
    "TV Shows",
    "Books & Literature",
    "Movies",
    "Anime & Manga",
    "Video Games",
    "Cartoons & Comics & Graphic Novels",
    "Music & Bands",
    "Theater",
    "Other Media",
]


def create_media(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    for name in MEDIA:
        if not Tag.objects.filter(name__iexact=name).exists():
            Tag.objects.create(name=name, type="media", canonical=True)


class Migration(migrations.Migration):
    dependencies = [("tags", "0002_workfilter_alter_tag_options_alter_tag_type_and_more")]
    operations = [migrations.RunPython(create_media, migrations.RunPython.noop)]
