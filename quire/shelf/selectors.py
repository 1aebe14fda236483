"""Reads for the shelf pages and for every work blurb, in a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery

from quire.access.reading import posted_chapters, works_for
from quire.access.surfaces import Surface
from quire.creators.selectors import credits_prefetch
from quire.shelf.models import MarkedForLater, Reading
from quire.shelf.recording import Place
from quire.works.models import Work

# Each row's work with everything its blurb shows: the one listing queryset, one query more than joining.
BLURB = Prefetch("work", queryset=Work.objects.for_listing())
MARKED_IDS_ATTRIBUTE = "_quire_marked_for_later"


def _readable_ids(user):
    # The reader's own shelf: works they may still see, including writers they muted since.
    return works_for(user, Surface.LISTING, hide_muted=False).values("pk")


def history(user):
    """The reader's history, latest first, of works they may still see; `chapter_number` counts posted
    chapters so it matches the numbers on the work page."""
    posted_up_to_last = (
        posted_chapters()
        .filter(work=OuterRef("work"), position__lte=OuterRef("last_chapter__position"))
        .order_by()
        .values("work")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Reading.objects.filter(user=user, work__in=_readable_ids(user))
        .select_related("last_chapter")
        .prefetch_related(BLURB)
        .annotate(chapter_number=Subquery(posted_up_to_last))
        .order_by("-last_opened_at", "-id")
    )


def later_list(user):
    return (
        MarkedForLater.objects.filter(user=user, work__in=_readable_ids(user))
        .prefetch_related(BLURB)
        .order_by("-created_at", "-id")
    )


def marked_work_ids(request) -> frozenset[int]:
    """Every work this reader marked for later: one small query per page, however many blurbs it shows."""
    if not hasattr(request, MARKED_IDS_ATTRIBUTE):
        ids = MarkedForLater.objects.filter(user=request.user).values_list("work_id", flat=True)
        setattr(request, MARKED_IDS_ATTRIBUTE, frozenset(ids))
    return getattr(request, MARKED_IDS_ATTRIBUTE)


def is_marked_for_later(user, work) -> bool:
    known = getattr(work, "viewer_marked_for_later", None)
    if known is not None:
        return known
    return MarkedForLater.objects.filter(user=user, work=work).exists()


def reading_place(user, work) -> Place:
    """Where this reader stopped in this work (nowhere yet: no chapter), from the work page's own query when
    it carried `viewer_annotations`."""
    if not hasattr(work, "viewer_reading_position"):
        row = Reading.objects.filter(user=user, work=work).values("last_chapter_id", "position").first() or {}
        work.viewer_reading_chapter_id = row.get("last_chapter_id")
        work.viewer_reading_position = row.get("position")
    return Place(chapter_id=work.viewer_reading_chapter_id, position=float(work.viewer_reading_position or 0))


def viewer_annotations(user) -> dict:
    """ "Marked for later?" and where this reader stopped, as annotations on the work page's own query
    (`access.reading.work_for`): no query of their own."""
    if not user.is_authenticated:
        return {}
    reading = Reading.objects.filter(user=user, work=OuterRef("pk"))
    return {
        "viewer_marked_for_later": Exists(MarkedForLater.objects.filter(user=user, work=OuterRef("pk"))),
        "viewer_reading_chapter_id": Subquery(reading.values("last_chapter_id")[:1]),
        "viewer_reading_position": Subquery(reading.values("position")[:1]),
    }


def continue_reading(user, limit: int) -> list:
    """The works this reader opened last that stopped in a chapter still posted, for the home page."""
    entries = (
        history(user)
        .prefetch_related(None)
        .prefetch_related(credits_prefetch("work__creatorships"))
        .filter(last_chapter__isnull=False)
        .select_related("work__pseud")[: limit * 2]
    )
    return [entry for entry in entries if entry.last_chapter.is_posted][:limit]
