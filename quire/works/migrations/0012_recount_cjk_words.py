"""Recount the chapters written in Chinese or Japanese by the word rule's script list as it now stands
(quire.core.words): 々 and 〇 count as characters, ・ does not, and a voicing mark belongs to its kana.

Only chapters holding a Han, kana or CJK symbol character are read: the database picks them out (a regular
expression, on SQLite through Django's REGEXP function), in batches by primary key, so an archive of any
size is read once with bounded memory, and the works of changed chapters get their totals again. Archives
built by `generate_archive` hold no such text, so their made-up counts stay as they are.
"""

from django.db import migrations
from django.db.models import Sum

from quire.core.words import count_words

BATCH = 500
# CJK radicals and symbols to CJK ideographs, compatibility ideographs, half-width katakana, and the
# supplementary planes' kana and ideographs: written out, as both databases read a bracket of literal
# characters alike.
CJK = "[" + "".join(
    f"{chr(first)}-{chr(last)}"
    for first, last in (
        (0x2E80, 0x9FFF),
        (0xF900, 0xFAFF),
        (0xFF66, 0xFF9F),
        (0x1AFF0, 0x1B16F),
        (0x1F200, 0x1F200),
        (0x20000, 0x323AF),
    )
) + "]"


def recount(apps, schema_editor):
    Chapter = apps.get_model("works", "Chapter")
    Work = apps.get_model("works", "Work")
    last = 0
    while True:
        rows = list(
            Chapter.objects.filter(pk__gt=last, body_html__regex=CJK)
            .order_by("pk")
            .values_list("pk", "work_id", "body_html", "word_count")[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        changed = [
            Chapter(pk=pk, work_id=work_id, word_count=words)
            for pk, work_id, body_html, stored in rows
            if (words := count_words(body_html)) != stored
        ]
        Chapter.objects.bulk_update(changed, ["word_count"])
        for work_id in {chapter.work_id for chapter in changed}:
            # A work's count is its posted chapters' (quire.works.services.refresh_work_totals).
            total = Chapter.objects.filter(work_id=work_id, posted_at__isnull=False).aggregate(
                words=Sum("word_count")
            )["words"]
            Work.objects.filter(pk=work_id).update(word_count=total or 0)


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0011_recount_words"),
    ]

    operations = [
        migrations.RunPython(recount, migrations.RunPython.noop, elidable=True),
    ]
