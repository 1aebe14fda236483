"""The full-text machinery each database needs: FTS5 with sync triggers on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

COLUMNS = "title, tags, people, summary, body"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE discovery_search_fts USING fts5(
        {COLUMNS}, content='discovery_searchdocument', content_rowid='work_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER discovery_search_ai AFTER INSERT ON discovery_searchdocument BEGIN
        INSERT INTO discovery_search_fts(rowid, {COLUMNS})
        VALUES (new.work_id, new.title, new.tags, new.people, new.summary, new.body); END""",
    f"""CREATE TRIGGER discovery_search_ad AFTER DELETE ON discovery_searchdocument BEGIN
        INSERT INTO discovery_search_fts(discovery_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.work_id, old.title, old.tags, old.people, old.summary, old.body); END""",
    f"""CREATE TRIGGER discovery_search_au AFTER UPDATE ON discovery_searchdocument BEGIN
        INSERT INTO discovery_search_fts(discovery_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.work_id, old.title, old.tags, old.people, old.summary, old.body);
        INSERT INTO discovery_search_fts(rowid, {COLUMNS})
        VALUES (new.work_id, new.title, new.tags, new.people, new.summary, new.body); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS discovery_search_au",
    "DROP TRIGGER IF EXISTS discovery_search_ad",
    "DROP TRIGGER IF EXISTS discovery_search_ai",
    "DROP TABLE IF EXISTS discovery_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX discovery_search_vector_gin ON discovery_searchdocument USING gin (vector)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS discovery_search_vector_gin"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("discovery", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
