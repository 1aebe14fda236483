"""WorkFilter rows carry their tag's type, so facet counts read one covering index and no tag rows."""

from django.db import migrations, models

FILL = {
    "postgresql": "UPDATE tags_workfilter f SET tag_type = t.type FROM tags_tag t WHERE t.id = f.tag_id",
    "sqlite": "UPDATE tags_workfilter SET tag_type = (SELECT type FROM tags_tag WHERE tags_tag.id = tag_id)",
}


def fill_tag_types(apps, schema_editor):
    schema_editor.execute(FILL[schema_editor.connection.vendor])


class Migration(migrations.Migration):
    dependencies = [("tags", "0003_media")]

    operations = [
        migrations.AddField(
            model_name="workfilter",
            name="tag_type",
            field=models.CharField(
                choices=[
                    ("fandom", "Fandom"),
                    ("relationship", "Relationship"),
                    ("character", "Character"),
                    ("additional", "Additional tag"),
                    ("media", "Media"),
                ],
                default="",
                max_length=20,
            ),
            preserve_default=False,
        ),
        # Dropped before the fill, so the fill does not update it for every row.
        migrations.RemoveIndex(model_name="workfilter", name="work_filter_by_work"),
        migrations.RunPython(fill_tag_types, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="workfilter",
            index=models.Index(fields=["work", "tag", "tag_type"], name="work_filter_facets"),
        ),
    ]
