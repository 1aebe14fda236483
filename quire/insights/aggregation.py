"""Folding raw read events into daily totals per work and per chapter (run by the worker every few minutes)."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from quire.feedback.counters import refresh_hit_counts
from quire.insights.models import ChapterDay, ReadEvent, WorkDay
from quire.works.models import Chapter, Work

REFOLD_DAYS = 2  # late beacons land on yesterday too
KEEP_EVENTS_DAYS = 4


@transaction.atomic
def aggregate() -> int:
    """Recompute the totals of the last days from their events; safe to run at any time, any number of times."""
    today = timezone.localdate()
    since = today - timedelta(days=REFOLD_DAYS - 1)
    events = ReadEvent.objects.filter(day__gte=since)
    views = events.filter(kind=ReadEvent.Kind.VIEW)

    # A hit is a reader on a work (or a chapter) on a day, however often they reload it (AO3 counts hits so):
    # hits and readers of a day are the same count. Events are written once per reader, page and day
    # (recording.py), but a forgetful cache can write one twice, so the count is of distinct readers.
    work_rows = views.values_list("work_id", "day").annotate(
        hits=Count("reader", distinct=True), readers=Count("reader", distinct=True)
    )
    chapter_rows = (
        views.filter(chapter_id__isnull=False)
        .values_list("chapter_id", "work_id", "day")
        .annotate(hits=Count("reader", distinct=True), readers=Count("reader", distinct=True))
    )
    finishers = defaultdict(set)
    for chapter_id, day, reader in events.filter(kind=ReadEvent.Kind.END).values_list(
        "chapter_id", "day", "reader"
    ):
        finishers[(chapter_id, day)].add(reader)
    for chapter_id, day, reader in views.filter(finished_chapter_id__isnull=False).values_list(
        "finished_chapter_id", "day", "reader"
    ):
        finishers[(chapter_id, day)].add(reader)

    live_works = set(Work.objects.filter(pk__in={w for w, *_ in work_rows}).values_list("pk", flat=True))
    chapter_ids = {c for c, *_ in chapter_rows} | {c for c, _ in finishers}
    chapter_work = dict(Chapter.objects.filter(pk__in=chapter_ids).values_list("pk", "work_id"))

    WorkDay.objects.filter(day__gte=since).delete()
    WorkDay.objects.bulk_create(
        [WorkDay(work_id=w, day=d, hits=h, readers=r) for w, d, h, r in work_rows if w in live_works],
        batch_size=2000,
    )
    per_chapter = {(c, d): [h, r] for c, _w, d, h, r in chapter_rows}
    for key in finishers:
        per_chapter.setdefault(key, [0, 0])
    ChapterDay.objects.filter(day__gte=since).delete()
    ChapterDay.objects.bulk_create(
        [
            ChapterDay(
                chapter_id=c,
                work_id=chapter_work[c],
                day=d,
                hits=h,
                readers=r,
                finishers=len(finishers.get((c, d), ())),
            )
            for (c, d), (h, r) in per_chapter.items()
            if c in chapter_work
        ],
        batch_size=2000,
    )
    refresh_hit_counts(live_works)
    ReadEvent.objects.filter(day__lt=today - timedelta(days=KEEP_EVENTS_DAYS)).delete()
    return len(per_chapter)
