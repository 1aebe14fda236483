"""eFiction's old addresses, kept working: with an imported archive served at its old address, its links
(bookmarks, search engines, other sites) answer with a permanent redirect to the new page. What the viewer
may not see (a draft, a hidden work) is a 404, as its new address would be."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from quire.access.reading import chapters_for, may_see_tag, reviews_for, work_for
from quire.accounts.models import User
from quire.feedback.models import Review
from quire.imports.models import ImportedRow
from quire.series.models import Series
from quire.tags.models import Tag


def _number(request, name: str) -> int:
    value = request.GET.get(name, "")
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


def _imported(table: str, source_id: int) -> int:
    """The id of what this eFiction row became; the newest import's when more than one archive had it."""
    row = (
        ImportedRow.objects.filter(
            archive__kind="efiction", table=table, source_id=str(source_id), object_id__isnull=False
        )
        .order_by("-archive_id")
        .values_list("object_id", flat=True)
        .first()
    )
    if row is None:
        raise Http404
    return row


def view_story(request):
    """viewstory.php?sid=N, with &chapter=M (the chapter's number in the story)."""
    work = work_for(request.user, _imported("stories", _number(request, "sid")))
    number = request.GET.get("chapter", "")
    if number.isdigit() and len(number) < 10:
        chapter = chapters_for(request.user, work).filter(position=int(number)).first()
        if chapter is not None:
            return redirect(chapter.get_absolute_url(), permanent=True)
    return redirect(work.get_absolute_url(), permanent=True)


def view_user(request):
    """viewuser.php?uid=N"""
    user = get_object_or_404(User, pk=_imported("authors", _number(request, "uid")))
    return redirect(user.get_absolute_url(), permanent=True)


def browse(request):
    """browse.php?type=categories&catid=N: the works of the category's tag."""
    if request.GET.get("type") != "categories":
        raise Http404
    tag = get_object_or_404(Tag, pk=_imported("categories", _number(request, "catid")))
    if not may_see_tag(request.user, tag):
        raise Http404
    return redirect(tag.get_absolute_url(), permanent=True)


def view_series(request):
    """viewseries.php?seriesid=N"""
    series = get_object_or_404(Series, pk=_imported("series", _number(request, "seriesid")))
    return redirect(series.get_absolute_url(), permanent=True)


def reviews(request):
    """reviews.php?type=ST&item=N (a story's reviews), or reviews.php?reviewid=N (one review, as eFiction's
    response emails linked it)."""
    if "reviewid" in request.GET:
        review = get_object_or_404(Review, pk=_imported("reviews", _number(request, "reviewid")))
        work = work_for(request.user, review.work_id)
        if not reviews_for(request.user, work).filter(pk=review.pk).exists():
            raise Http404
        return redirect(review.get_absolute_url(), permanent=True)
    if request.GET.get("type", "ST") != "ST":
        raise Http404
    work = work_for(request.user, _imported("stories", _number(request, "item")))
    return redirect(reverse("feedback:work_reviews", args=[work.pk]), permanent=True)
