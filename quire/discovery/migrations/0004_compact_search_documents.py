"""PostgreSQL: rewrite the search documents compactly after 0003 moved their texts out of line.

0003's update left each narrow new row on the page of its wide old one, so a search still read as many
pages as before (on the 1,000,000-work bench: 180,000 pages for one common word; 20,000 after this). VACUUM
FULL cannot run in a transaction, hence a migration of its own. It locks the table while it runs (about
four minutes at 1,000,000 works): searches wait meanwhile.
"""

from django.db import migrations


def compact(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("VACUUM (FULL, ANALYZE) discovery_searchdocument")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("discovery", "0003_searchdocument_listing_columns")]
    operations = [migrations.RunPython(compact, migrations.RunPython.noop, elidable=True)]
