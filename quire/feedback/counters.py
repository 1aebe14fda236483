"""The per-work feedback counts listings sort by, recounted (never incremented) so they cannot drift."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from quire.feedback.models import Bookmark, Kudos, Review
from quire.insights.models import WorkDay
from quire.works.models import Work


def _count(model, **conditions):
    return Coalesce(
        Subquery(
            model.objects.filter(work=OuterRef("pk"), **conditions)
            .order_by()
            .values("work")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def refresh_feedback_counts(work_ids) -> None:
    Work.objects.filter(pk__in=list(work_ids)).update(
        kudos_count=_count(Kudos),
        review_count=_count(Review, status=Review.Status.PUBLISHED, hidden_at__isnull=True),
        bookmark_count=_count(Bookmark, private=False),
    )


def refresh_hit_counts(work_ids) -> None:
    hits = Subquery(
        WorkDay.objects.filter(work=OuterRef("pk"))
        .order_by()
        .values("work")
        .annotate(n=Sum("hits"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    Work.objects.filter(pk__in=list(work_ids)).update(hit_count=Coalesce(hits, 0))
