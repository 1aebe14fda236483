"""Recount chapters and works by the one word rule (quire.core.words): the work page, the preview, the beta
read and the API now agree, and works posted before show the same number as works posted after.

Only counts that Quire itself made are changed: a stored count equal to what the rule before this one gave
for the chapter's HTML. Archives built by `generate_archive` hold realistic counts over short placeholder
text on purpose, and those are left alone. Chapters are read in batches by primary key, so memory stays
bounded on an archive of any size.
"""

import html
import re

from django.db import migrations
from django.db.models import Sum

from quire.core.words import count_words

BATCH = 500

# The rule before this migration, frozen here: runs of non-space characters with a letter or digit in them,
# on the HTML with every tag made a space.
_OLD_TAG = re.compile(r"<[^<>]+>")
_OLD_WORD = re.compile(r"(?<!\S)[^\s\w]*\w")


def _old_count(fragment):
    return len(_OLD_WORD.findall(html.unescape(_OLD_TAG.sub(" ", fragment))))


def recount(apps, schema_editor):
    Chapter = apps.get_model("works", "Chapter")
    Work = apps.get_model("works", "Work")
    last = 0
    while True:
        rows = list(
            Chapter.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "work_id", "body_html", "word_count")[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        changed = []
        for pk, work_id, body_html, stored in rows:
            if stored == _old_count(body_html) and (words := count_words(body_html)) != stored:
                changed.append((pk, work_id, words))
        for pk, _, words in changed:
            Chapter.objects.filter(pk=pk).update(word_count=words)
        for work_id in {work_id for _, work_id, _ in changed}:
            # A work's count is its posted chapters' (quire.works.services.refresh_work_totals).
            total = Chapter.objects.filter(work_id=work_id, posted_at__isnull=False).aggregate(
                words=Sum("word_count")
            )["words"]
            Work.objects.filter(pk=work_id).update(word_count=total or 0)


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0010_work_language_list"),
    ]

    operations = [
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
