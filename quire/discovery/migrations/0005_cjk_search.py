"""Chinese, Japanese and Korean text is indexed by its characters and their pairs (quire.discovery.cjk), so a
search finds a word inside a run of text written without spaces.

SQLite: the FTS5 triggers index each column through quire_search_text (registered on every connection by
quire.discovery.apps). Text without CJK reads the same through it, so only documents holding CJK are taken
out of the index as they were indexed and put back as the new triggers index them. PostgreSQL: those
documents get their vector again. Either way the documents holding CJK are picked out by the database (a
regular expression; on SQLite through Django's REGEXP function) in batches by primary key.
"""

from django.db import migrations
from django.db.models import Q

from quire.discovery import cjk
from quire.discovery.indexing import stored_vector, update_cjk_vector

BATCH = 500
COLUMNS = ("title", "tags", "people", "summary", "body")
_LIST = ", ".join(COLUMNS)


def _triggers(read):
    """The FTS5 sync triggers, each column read through `read` (a format string with {row} and {column})."""

    def values(row):
        return ", ".join(read.format(row=row, column=column) for column in COLUMNS)

    return [
        f"""CREATE TRIGGER discovery_search_ai AFTER INSERT ON discovery_searchdocument BEGIN
            INSERT INTO discovery_search_fts(rowid, {_LIST}) VALUES (new.work_id, {values("new")}); END""",
        f"""CREATE TRIGGER discovery_search_ad AFTER DELETE ON discovery_searchdocument BEGIN
            INSERT INTO discovery_search_fts(discovery_search_fts, rowid, {_LIST})
            VALUES ('delete', old.work_id, {values("old")}); END""",
        f"""CREATE TRIGGER discovery_search_au AFTER UPDATE ON discovery_searchdocument BEGIN
            INSERT INTO discovery_search_fts(discovery_search_fts, rowid, {_LIST})
            VALUES ('delete', old.work_id, {values("old")});
            INSERT INTO discovery_search_fts(rowid, {_LIST}) VALUES (new.work_id, {values("new")}); END""",
    ]


RAW = "{row}.{column}"
SPLIT = "quire_search_text({row}.{column})"
# A later migration that makes SQLite rebuild discovery_searchdocument (which drops its triggers) restores
# these, as 0003 restored 0002's.
SQLITE_TRIGGERS = _triggers(SPLIT)
DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS discovery_search_{name}" for name in ("ai", "ad", "au")]


def _documents_with_cjk(SearchDocument):
    """Batches of ids of the documents holding CJK text."""
    holding = Q()
    for column in COLUMNS:
        holding |= Q(**{f"{column}__regex": cjk.CLASS})
    last = 0
    while ids := list(
        SearchDocument.objects.filter(holding, pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
    ):
        last = ids[-1]
        yield ids


def _reindex_sqlite(schema_editor, SearchDocument, old, new):
    for ids in _documents_with_cjk(SearchDocument):
        marks = ", ".join(["%s"] * len(ids))
        for statement in (
            f"INSERT INTO discovery_search_fts(discovery_search_fts, rowid, {_LIST}) "
            f"SELECT 'delete', work_id, {', '.join(old.format(row='d', column=c) for c in COLUMNS)} "
            f"FROM discovery_searchdocument d WHERE work_id IN ({marks})",
            f"INSERT INTO discovery_search_fts(rowid, {_LIST}) "
            f"SELECT work_id, {', '.join(new.format(row='d', column=c) for c in COLUMNS)} "
            f"FROM discovery_searchdocument d WHERE work_id IN ({marks})",
        ):
            schema_editor.execute(statement, ids)


def forward(apps, schema_editor):
    SearchDocument = apps.get_model("discovery", "SearchDocument")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in DROP_TRIGGERS + SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        _reindex_sqlite(schema_editor, SearchDocument, RAW, SPLIT)
    elif vendor == "postgresql":
        for ids in _documents_with_cjk(SearchDocument):
            for document in SearchDocument.objects.filter(pk__in=ids):
                update_cjk_vector(document)


def backward(apps, schema_editor):
    SearchDocument = apps.get_model("discovery", "SearchDocument")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in DROP_TRIGGERS + _triggers(RAW):
            schema_editor.execute(statement)
        _reindex_sqlite(schema_editor, SearchDocument, SPLIT, RAW)
    elif vendor == "postgresql":
        for ids in _documents_with_cjk(SearchDocument):
            SearchDocument.objects.filter(pk__in=ids).update(vector=stored_vector())


class Migration(migrations.Migration):
    dependencies = [("discovery", "0004_compact_search_documents")]
    operations = [migrations.RunPython(forward, backward)]
