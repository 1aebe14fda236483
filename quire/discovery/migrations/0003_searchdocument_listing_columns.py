"""Search documents carry what a search listing filters and sorts by, so PostgreSQL can answer a broad
search from this table alone; their texts move out of line so its rows are narrow.

Filling rewrites every row. On PostgreSQL the GIN index is dropped first and built again after: updating
it row by row would take far longer than building it once.
"""

import importlib

from django.db import migrations, models

FILL = {
    "postgresql": (
        "UPDATE discovery_searchdocument d SET author_id = w.author_id, restricted = w.restricted, "
        "revised_at = w.revised_at FROM works_work w WHERE w.id = d.work_id"
    ),
    "sqlite": (
        "UPDATE discovery_searchdocument SET "
        "author_id = (SELECT author_id FROM works_work w WHERE w.id = work_id), "
        "restricted = (SELECT restricted FROM works_work w WHERE w.id = work_id), "
        "revised_at = (SELECT revised_at FROM works_work w WHERE w.id = work_id)"
    ),
}


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        schema_editor.execute("ALTER TABLE discovery_searchdocument SET (toast_tuple_target = 128)")
        schema_editor.execute("DROP INDEX IF EXISTS discovery_search_vector_gin")
    schema_editor.execute(FILL[vendor])
    if vendor == "postgresql":
        schema_editor.execute("CREATE INDEX discovery_search_vector_gin ON discovery_searchdocument USING gin (vector)")


def restore_sqlite_triggers(apps, schema_editor):
    # SQLite rebuilds a table to add or change a NOT NULL column, and the rebuild drops its triggers:
    # without them the FTS5 index would silently stop following the documents.
    if schema_editor.connection.vendor != "sqlite":
        return
    engines = importlib.import_module("quire.discovery.migrations.0002_search_engines")
    for statement in engines.SQLITE_FORWARD[1:]:
        schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0002_search_engines"),
        ("works", "0007_sanitizer_version_2"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        # Going back, the rebuilds below drop the triggers again: restore them after (operations reverse).
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="author",
            field=models.ForeignKey(
                null=True, on_delete=models.deletion.CASCADE, related_name="+", to="accounts.user"
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="restricted",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="revised_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="searchdocument",
            name="author",
            field=models.ForeignKey(on_delete=models.deletion.CASCADE, related_name="+", to="accounts.user"),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="revised_at",
            field=models.DateTimeField(),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
