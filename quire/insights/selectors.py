"""The writer's stats page: totals, per chapter, and by day."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.follows.selectors import subscribers_of
from quire.insights.models import ChapterDay, WorkDay

CHART_DAYS = 30


def work_stats(work, chapters) -> dict:
    days = WorkDay.objects.filter(work=work)
    totals = days.aggregate(hits=Sum("hits"), readers=Sum("readers"))
    per_chapter = {
        c: (h or 0, r or 0, f or 0)
        for c, h, r, f in ChapterDay.objects.filter(work=work)
        .values_list("chapter_id")
        .annotate(h=Sum("hits"), r=Sum("readers"), f=Sum("finishers"))
    }
    reviews = dict(
        Review.objects.filter(work=work, status=Review.Status.PUBLISHED)
        .values_list("chapter_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for number, chapter in enumerate(chapters, start=1):
        hits, readers, finishers = per_chapter.get(chapter.pk, (0, 0, 0))
        rows.append(
            {
                "number": number,
                "chapter": chapter,
                "hits": hits,
                "readers": readers,
                "finishers": finishers,
                "read_through": round(finishers * 100 / readers) if readers else None,
                "reviews": reviews.get(chapter.pk, 0),
            }
        )
    return {
        "hits": totals["hits"] or 0,
        "readers": totals["readers"] or 0,
        "kudos": Kudos.objects.filter(work=work).count(),
        "reviews": sum(reviews.values()),
        "bookmarks": Bookmark.objects.filter(work=work).count(),
        "subscribers": subscribers_of(work).count(),
        "more_please": MorePlease.objects.filter(work=work, for_chapter=work.chapter_count + 1).count(),
        "chapters": rows,
        "series": daily_series(work),
        "latest_reviews": list(
            Review.objects.filter(work=work)
            .exclude(status=Review.Status.DELETED)
            .select_related("user")
            .order_by("-created_at")[:5]
        ),
    }


def daily_series(work) -> list[dict]:
    today = timezone.localdate()
    start = today - timedelta(days=CHART_DAYS - 1)
    found = {
        d: (h, r)
        for d, h, r in WorkDay.objects.filter(work=work, day__gte=start).values_list("day", "hits", "readers")
    }
    days = [start + timedelta(days=i) for i in range(CHART_DAYS)]
    return [
        {"day": day, "hits": found.get(day, (0, 0))[0], "readers": found.get(day, (0, 0))[1]} for day in days
    ]


def chart(series: list[dict], width: int = 640, height: int = 200, pad: int = 32) -> dict:
    """Coordinates for a server-drawn SVG line chart of hits and readers by day."""
    top = max([p["hits"] for p in series] + [1])
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
        "readers": points("readers"),
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
