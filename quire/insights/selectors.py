"""The writer's stats page: totals, per chapter, and by day."""

from datetime import timedelta

from django.db import connection
from django.db.models import Count, Q, Sum

from quire.access.reading import reviews_for
from quire.feedback.models import Bookmark, Kudos, Review
from quire.follows.selectors import subscribers_of
from quire.insights.answers import asked_for_next, readers_reviews
from quire.insights.days import site_day
from quire.insights.models import ChapterDay, ChapterReader, FoldMark, WorkDay, WorkReader

CHART_DAYS = 30


def people_counted_since():
    """The day Quire began counting readers as people (the upgrade that brought it; None: always)."""
    return FoldMark.objects.filter(pk=1).values_list("people_since", flat=True).first()


def counted_before_people(work) -> bool:
    """Whether part of this work's readership came before readers were people: those early readers show
    in its hits only."""
    since = people_counted_since()
    return since is not None and work.posted_at is not None and site_day(work.posted_at) < since


def reader_reviews_shown_to_writer(work):
    """The readers' reviews the writer may see (the access layer's rule: a muted reviewer's are not shown),
    for quoting on the stats page; the writer's own replies are not among them."""
    return reviews_for(work.author, work).filter(work=work).exclude(user_id=work.author_id)


def days_since_posting(work, moment) -> int:
    """Days from the work's posting to `moment`, as the reader rows count them (aggregation._days_after)."""
    return max(0, (site_day(moment) - site_day(work.posted_at)).days)


def chapter_rows(work, chapters) -> list[dict]:
    """Per posted chapter: hits, readers (people), how many reached its end, and how many of its readers went
    on to read the next chapter. Every share is of the same chapter's reader rows, so none can pass 100%."""
    readers = ChapterReader.objects.filter(work=work)
    counted = {
        c: (r, f)
        for c, r, f in readers.values_list("chapter_id").annotate(
            r=Count("pk"), f=Count("pk", filter=Q(finished_after__isnull=False))
        )
    }
    next_of = {a.pk: b.pk for a, b in zip(chapters, chapters[1:], strict=False)}
    went_on = went_on_counts(next_of)
    hits = dict(ChapterDay.objects.filter(work=work).values_list("chapter_id").annotate(h=Sum("hits")))
    reviews = dict(readers_reviews(work).values_list("chapter_id").annotate(n=Count("pk")))
    rows = []
    for number, chapter in enumerate(chapters, start=1):
        count, finished = counted.get(chapter.pk, (0, 0))
        onward = went_on.get(chapter.pk, 0) if chapter.pk in next_of else None
        rows.append(
            {
                "number": number,
                "chapter": chapter,
                "label": chapter.title or f"Chapter {number}",
                "hits": hits.get(chapter.pk, 0),
                "readers": count,
                "finishers": finished,
                "read_through": percent(finished, count),
                "went_on": onward,
                "went_on_percent": percent(onward, count) if onward is not None else None,
                "reviews": reviews.get(chapter.pk, 0),
            }
        )
    return rows


def went_on_counts(next_of: dict[int, int]) -> dict[int, int]:
    """For each chapter, how many of its readers also read the chapter after it: one join of the reader rows
    on (chapter, reader), which PostgreSQL hashes and SQLite answers from the unique index; a correlated
    subquery per reader row took seconds on a 50,000-reader work (bench/stats.py)."""
    if not next_of:
        return {}
    table = ChapterReader._meta.db_table
    pairs = ", ".join(["(%s, %s)"] * len(next_of))
    sql = (
        f"WITH pairs(this_id, next_id) AS (VALUES {pairs}) "
        f"SELECT pairs.this_id, COUNT(*) FROM pairs "
        f"JOIN {table} this ON this.chapter_id = pairs.this_id "
        f"JOIN {table} later ON later.chapter_id = pairs.next_id AND later.reader = this.reader "
        f"GROUP BY pairs.this_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for pair in next_of.items() for value in pair])
        return {int(chapter_id): count for chapter_id, count in cursor.fetchall()}


def percent(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


def work_stats(work, chapters) -> dict:
    """Everything the writer's stats page and the API show; `chapters` are the posted ones, in order."""
    reviews = readers_reviews(work)
    return {
        "hits": WorkDay.objects.filter(work=work).aggregate(n=Sum("hits"))["n"] or 0,
        "readers": WorkReader.objects.filter(work=work).count(),
        "kudos": Kudos.objects.filter(work=work).count(),
        "reviews": reviews.count(),
        "bookmarks": Bookmark.objects.filter(work=work).count(),
        "subscribers": subscribers_of(work).count(),
        "more_please": asked_for_next(work, chapters),
        "people_since": people_counted_since() if counted_before_people(work) else None,
        "next_chapter": len(chapters) + 1,
        "chapters": chapter_rows(work, chapters),
        "series": daily_series(work),
        "latest_reviews": list(
            reader_reviews_shown_to_writer(work)
            .exclude(status=Review.Status.DELETED)
            .select_related("user", "pseud__user")
            .order_by("-created_at")[:5]
        ),
    }


def daily_series(work) -> list[dict]:
    """Hits and new readers (people reading it for the first time) for each of the last 30 days."""
    today = site_day()
    start = today - timedelta(days=CHART_DAYS - 1)
    hits = dict(WorkDay.objects.filter(work=work, day__gte=start).values_list("day", "hits"))
    new_readers = {}
    if work.posted_at is not None:
        posted_on = site_day(work.posted_at)
        first = max(0, (start - posted_on).days)
        for after, n in (
            WorkReader.objects.filter(work=work, came_after__gte=first)
            .values_list("came_after")
            .annotate(n=Count("pk"))
        ):
            new_readers[posted_on + timedelta(days=after)] = n
    days = [start + timedelta(days=i) for i in range(CHART_DAYS)]
    return [{"day": day, "hits": hits.get(day, 0), "new_readers": new_readers.get(day, 0)} for day in days]


def chart(series: list[dict], width: int = 640, height: int = 200, pad: int = 32) -> dict:
    """Coordinates for a server-drawn SVG line chart of hits and new readers by day."""
    top = max([p["hits"] for p in series] + [p["new_readers"] for p in series] + [1])
    step = (width - 2 * pad) / max(len(series) - 1, 1)

    def points(key):
        return " ".join(
            f"{pad + i * step:.1f},{height - pad - p[key] * (height - 2 * pad) / top:.1f}"
            for i, p in enumerate(series)
        )

    ticks = [series[0], series[len(series) // 2], series[-1]] if series else []
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "top": top,
        "hits": points("hits"),
        "new_readers": points("new_readers"),
        "ticks": [{"x": pad + series.index(t) * step, "label": t["day"].strftime("%d %b")} for t in ticks],
        "baseline_y": height - pad,
        "top_y": pad,
    }


def chapter_chart(rows: list[dict], width: int = 640, height: int = 200, pad: int = 32) -> dict:
    """Bars of readers per chapter, with how many reached the end inside each: where readers drop off."""
    top = max([r["readers"] for r in rows] + [1])
    slot = (width - 2 * pad) / max(len(rows), 1)
    bars = []
    for index, row in enumerate(rows):
        scale = (height - 2 * pad) / top
        bars.append(
            {
                "x": round(pad + index * slot + slot * 0.15, 1),
                "width": round(slot * 0.7, 1),
                "readers_y": round(height - pad - row["readers"] * scale, 1),
                "readers_h": round(row["readers"] * scale, 1),
                "finishers_y": round(height - pad - row["finishers"] * scale, 1),
                "finishers_h": round(row["finishers"] * scale, 1),
                "label_x": round(pad + index * slot + slot / 2, 1),
                "number": row["number"],
            }
        )
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "top": top,
        "bars": bars,
        "baseline_y": height - pad,
        "top_y": pad,
    }
