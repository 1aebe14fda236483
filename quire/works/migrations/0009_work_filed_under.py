"""Work.filed_under: the keys a work is filed under, its WorkFilter tags and its warnings and categories.

Filled from WorkFilter, WorkWarning and WorkCategory in one statement. On PostgreSQL a GIN index lets a
listing find the works filed under several tags, and not under others, from the work rows alone; on SQLite
a covering index holds what a listing reads of each work. The fill
rewrites every work row, so the table is vacuumed and analysed after (the planner needs the new column's
and index's statistics), which cannot run in a transaction on PostgreSQL.
"""

import quire.tags.fields
from django.db import migrations

# Frozen copies of quire.tags.filters.TYPE_CODES, WARNING_KEYS and CATEGORY_KEYS as they were when this ran.
TYPE_CODES = {"fandom": 1, "relationship": 2, "character": 3, "additional": 4, "media": 5}
WARNING_KEYS = {
    "chose_not_to_warn": -1, "none_apply": -2, "violence": -3, "character_death": -4, "non_con": -5,
    "underage": -6,
}  # fmt: skip
CATEGORY_KEYS = {"ff": -101, "fm": -102, "gen": -103, "mm": -104, "multi": -105, "other": -106}


def _case(column, keys):
    return "CASE " + " ".join(f"WHEN {column} = '{value}' THEN {key}" for value, key in keys.items()) + " END"


def fill(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    keys = (
        f"SELECT work_id, tag_id * 8 + {_case('tag_type', TYPE_CODES)} AS filing_key FROM tags_workfilter"
        f" UNION ALL SELECT work_id, {_case('warning', WARNING_KEYS)} FROM works_workwarning"
        f" UNION ALL SELECT work_id, {_case('category', CATEGORY_KEYS)} FROM works_workcategory"
    )
    if postgres:
        schema_editor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        schema_editor.execute(
            "UPDATE works_work SET filed_under = filed.keys FROM ("
            f"  SELECT work_id, array_agg(filing_key ORDER BY filing_key) AS keys FROM ({keys}) AS all_keys"
            "  GROUP BY work_id) AS filed WHERE filed.work_id = works_work.id"
        )
        schema_editor.execute("CREATE INDEX work_filed_under_gin ON works_work USING gin (filed_under)")
    else:
        schema_editor.execute(
            "UPDATE works_work SET filed_under = filed.keys FROM ("
            "  SELECT work_id, json_group_array(filing_key) AS keys FROM ("
            f"    SELECT * FROM ({keys}) ORDER BY work_id, filing_key) GROUP BY work_id"
            ") AS filed WHERE filed.work_id = works_work.id"
        )
        # SQLite looks works up one id at a time (from WorkFilter or a search's matches); this narrow copy
        # of what a listing reads spares it the wide rows (on the 100,000-work bench: a common word's
        # 30,000 matches in 69 ms instead of 94).
        schema_editor.execute(
            "CREATE INDEX work_listing_cover ON works_work"
            " (id, revised_at, hidden_at, posted_at, restricted, author_id, rating, filed_under)"
        )


def drop_index(apps, schema_editor):
    name = "work_filed_under_gin" if schema_editor.connection.vendor == "postgresql" else "work_listing_cover"
    schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def analyse(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    schema_editor.execute("VACUUM ANALYZE works_work" if postgres else "ANALYZE works_work")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("works", "0008_work_unlisted_idx")]

    operations = [
        migrations.AddField(
            model_name="work",
            name="filed_under",
            field=quire.tags.fields.KeyListField(),
        ),
        migrations.RunPython(fill, drop_index, atomic=True),
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=True),
    ]
