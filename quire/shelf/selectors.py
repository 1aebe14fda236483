"""Reads for the shelf pages and for every work blurb, in a fixed number of queries."""

from django.db.models import Count, OuterRef, Prefetch, Subquery

from quire.shelf.models import MarkedForLater, Reading
from quire.works.models import Chapter, Work

# Each row's work with everything its blurb shows: the one listing queryset, one query more than joining.
BLURB = Prefetch("work", queryset=Work.objects.for_listing())
MARKED_IDS_ATTRIBUTE = "_quire_marked_for_later"


def history(user):
    """The reader's history, latest first, of works they may still see; `chapter_number` counts posted
    chapters so it matches the numbers on the work page."""
    posted_up_to_last = (
        Chapter.objects.filter(
            work=OuterRef("work"), posted_at__isnull=False, position__lte=OuterRef("last_chapter__position")
        )
        .order_by()
        .values("work")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Reading.objects.filter(user=user, work__in=Work.objects.visible_to(user).values("pk"))
        .select_related("last_chapter")
        .prefetch_related(BLURB)
        .annotate(chapter_number=Subquery(posted_up_to_last))
        .order_by("-last_opened_at", "-id")
    )


def later_list(user):
    return (
        MarkedForLater.objects.filter(user=user, work__in=Work.objects.visible_to(user).values("pk"))
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
    return MarkedForLater.objects.filter(user=user, work=work).exists()
