"""Folding raw read events into who read what (WorkReader, ChapterReader) and daily hits, run by the worker
every few minutes.

Readers are folded incrementally, from the last event folded on: a reader's row keeps the earliest day of each
thing they did, and earliest days do not depend on the order or the number of
folds, so any schedule of folds gives the same rows as one fold at the end (tests/test_reader_counts.py)."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from quire.feedback.counters import refresh_hit_counts
from quire.insights.days import site_day
from quire.insights.models import ChapterDay, ChapterReader, FoldMark, ReadEvent, WorkDay, WorkReader
from quire.works.models import Chapter, Work

REFOLD_DAYS = 2  # hits of yesterday still change while its late events arrive
# PostgreSQL hands out ids before commit, so an event can commit after a higher id was folded (a review's
# answer commits with its review): the events of the last minutes are folded again, which changes nothing
# for the ones already folded (earliest days).
REFOLD_RECENT = timedelta(minutes=10)
KEEP_EVENTS_DAYS = 4
BATCH = 2000

Kind = ReadEvent.Kind
FIRST_OF = {
    Kind.KUDOS: "kudos_after",
    Kind.REVIEW: "reviewed_after",
    Kind.ASK: "asked_after",
    Kind.FOLLOW: "followed_after",
}


@transaction.atomic
def aggregate() -> int:
    """Fold new events into readers, recount the last days' hits; safe to run at any time, any number of times."""
    mark, _ = FoldMark.objects.select_for_update().get_or_create(pk=1)
    folded = fold_readers(after_event=mark.last_event_id, never_before=mark.first_people_event_id)
    if folded > mark.last_event_id:
        mark.last_event_id = folded
        mark.save(update_fields=["last_event_id"])
    changed = count_hits()
    ReadEvent.objects.filter(day__lt=site_day() - timedelta(days=KEEP_EVENTS_DAYS)).delete()
    return changed


def _days_after(day, posted_on) -> int:
    return max(0, (day - posted_on).days)


def fold_readers(after_event: int, never_before: int = 0) -> int:
    """Merge the events after `after_event` (and the last minutes' again) into the reader rows; returns the
    last event id folded."""
    recent = Q(day__gte=site_day() - timedelta(days=1), created_at__gte=timezone.now() - REFOLD_RECENT)
    events = list(
        ReadEvent.objects.filter(Q(pk__gt=after_event) | recent, pk__gt=never_before)
        .order_by("pk")
        .values_list("pk", "work_id", "chapter_id", "finished_chapter_id", "kind", "reader", "day")
    )
    if not events:
        return after_event
    posted_on = {
        pk: site_day(posted)
        for pk, posted in Work.objects.filter(pk__in={e[1] for e in events}).values_list("pk", "posted_at")
        if posted is not None  # a draft again: its readers went with its posting
    }
    chapter_work = dict(
        Chapter.objects.filter(
            pk__in={c for e in events for c in (e[2], e[3]) if c is not None}, work_id__in=posted_on
        ).values_list("pk", "work_id")
    )
    works: dict[tuple, dict] = defaultdict(dict)  # (work, reader) -> field -> days after posting
    chapters: dict[tuple, dict] = defaultdict(dict)  # (chapter, reader) -> field -> days after posting

    def earliest(row: dict, field: str, value: int):
        row[field] = value if row.get(field) is None else min(row[field], value)

    for _pk, work_id, chapter_id, finished_id, kind, reader, day in events:
        if work_id not in posted_on:
            continue  # deleted, or taken back to draft: its readers went with it
        after = _days_after(day, posted_on[work_id])
        row = works[(work_id, reader)]
        earliest(row, "came_after", after)
        if kind in FIRST_OF:
            earliest(row, FIRST_OF[kind], after)
        read = {Kind.VIEW: chapter_id, Kind.END: chapter_id}.get(kind)
        if chapter_work.get(read) == work_id:
            earliest(chapters[(read, reader)], "came_after", after)
        finished = chapter_id if kind == Kind.END else finished_id if kind == Kind.VIEW else None
        if chapter_work.get(finished) == work_id:
            chapter_row = chapters[(finished, reader)]
            earliest(chapter_row, "came_after", after)
            earliest(chapter_row, "finished_after", after)

    _merge(WorkReader, "work_id", works, {})
    _merge(ChapterReader, "chapter_id", chapters, {c: chapter_work[c] for c, _r in chapters})
    return events[-1][0]


def _merge(model, owner: str, found: dict[tuple, dict], work_of: dict[int, int]) -> None:
    """Create the rows not there yet and move the existing ones' days to the earliest (or latest) seen."""
    by_owner = defaultdict(dict)
    for (owner_id, reader), fields in found.items():
        by_owner[owner_id][reader] = fields
    created, updated, touched = [], [], set()
    for owner_id, readers in by_owner.items():
        existing = {
            row.reader: row for row in model.objects.filter(**{owner: owner_id, "reader__in": list(readers)})
        }
        for reader, fields in readers.items():
            row = existing.get(reader)
            if row is None:
                extra = {"work_id": work_of[owner_id]} if work_of else {}
                created.append(model(**{owner: owner_id, "reader": reader, **extra, **fields}))
                continue
            for field, value in fields.items():
                old = getattr(row, field)
                new = value if old is None else min(old, value)
                if new != old:
                    setattr(row, field, new)
                    touched.add(field)
                    updated.append(row)
    model.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        model.objects.bulk_update(
            list({id(r): r for r in updated}.values()), sorted(touched), batch_size=BATCH
        )


def count_hits() -> int:
    """Recount the last days' hits per work and chapter: a hit is a reader on a page on a day, however often
    they reload it, as AO3 counts hits. A forgetful cache can write an event twice, so readers are counted
    distinct."""
    today = site_day()
    since = today - timedelta(days=REFOLD_DAYS - 1)
    views = ReadEvent.objects.filter(day__gte=since, kind=Kind.VIEW)
    work_rows = views.values_list("work_id", "day").annotate(hits=Count("reader", distinct=True))
    chapter_rows = (
        views.filter(chapter_id__isnull=False)
        .values_list("chapter_id", "day")
        .annotate(hits=Count("reader", distinct=True))
    )
    live_works = set(Work.objects.filter(pk__in={w for w, *_ in work_rows}).values_list("pk", flat=True))
    chapter_work = dict(
        Chapter.objects.filter(pk__in={c for c, *_ in chapter_rows}).values_list("pk", "work_id")
    )

    WorkDay.objects.filter(day__gte=since).delete()
    WorkDay.objects.bulk_create(
        [WorkDay(work_id=w, day=d, hits=h) for w, d, h in work_rows if w in live_works], batch_size=BATCH
    )
    ChapterDay.objects.filter(day__gte=since).delete()
    ChapterDay.objects.bulk_create(
        [
            ChapterDay(chapter_id=c, work_id=chapter_work[c], day=d, hits=h)
            for c, d, h in chapter_rows
            if c in chapter_work
        ],
        batch_size=BATCH,
    )
    refresh_hit_counts(live_works)
    return len(chapter_rows)
