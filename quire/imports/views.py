"""eFiction's old addresses, kept working: with an imported archive served at its old address, its links
(bookmarks, search engines, other sites) answer with a permanent redirect to the new page. What the viewer
may not see (a draft, a hidden work) is a 404, as its new address would be."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quire.access.reading import chapters_for, may_see_tag, review_for, work_for
from quire.accounts import backends
from quire.accounts.models import User
from quire.imports.claiming import (
    author_for_token,
    claim_into_account,
    claim_with_new_login,
    give_up_works,
    work_count,
)
from quire.imports.forms import ClaimForm
from quire.imports.models import ImportedRow
from quire.privacy.deletion import WorksChoice
from quire.series.models import Series
from quire.sitepages.models import TERMS_SLUG
from quire.sitepages.selectors import site_index
from quire.sitepages.services import agree_to_terms
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
    work = work_for(request.user, _imported("stories", _number(request, "sid")), blurb=False)
    number = request.GET.get("chapter", "")
    if number.isdigit() and len(number) < 10:
        # Its address needs its ids alone: not its text, which can be half a million words.
        chapter = chapters_for(request.user, work).filter(position=int(number)).only("work_id").first()
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
        review = review_for(request.user, _imported("reviews", _number(request, "reviewid")))
        return redirect(review.get_absolute_url(), permanent=True)
    if request.GET.get("type", "ST") != "ST":
        raise Http404
    work = work_for(request.user, _imported("stories", _number(request, "item")), blurb=False)
    return redirect(reverse("feedback:work_reviews", args=[work.pk]), permanent=True)


@require_http_methods(["GET", "POST"])
def claim(request, token):
    """The claim link an imported author was emailed. They choose a username and a password and the account
    holding their works becomes theirs; or, logged in as the member they already are, they move the works to
    that account; or they ask for the works to be orphaned or removed, once they confirm. A used or unknown
    link is a 404 that says so."""
    imported = author_for_token(token)
    if imported is None:
        return render(request, "imports/claim_spent.html", status=404)
    action = request.POST.get("action", "")
    if action in [choice.value for choice in WorksChoice]:
        return _give_up(request, imported, WorksChoice(action))
    if action == "merge" and request.user.is_authenticated:
        try:
            pseud = claim_into_account(imported=imported, member=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(request.path)
        messages.success(request, f"Your stories are yours again, under your pseud {pseud.name}.")
        return redirect(pseud.get_absolute_url())
    terms_version = site_index().terms_version
    form = ClaimForm(
        request.POST or None,
        account=imported.user,
        initial={"username": imported.user.username},
        terms_url=reverse("sitepages:page", args=[TERMS_SLUG]) if terms_version else "",
        minimum_age=settings.MINIMUM_AGE,
    )
    if request.method == "POST" and not request.user.is_authenticated and form.is_valid():
        try:
            with transaction.atomic():
                user = claim_with_new_login(
                    imported=imported,
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                )
                if terms_version:
                    agree_to_terms(user=user, version=terms_version)
        except ValidationError:
            return render(request, "imports/claim_spent.html", status=404)
        login(request, user, backend=backends.PATH)
        messages.success(request, f"Welcome, {user.username}: your stories are yours again.")
        return redirect(user.get_absolute_url())
    return render(
        request,
        "imports/claim.html",
        {"form": form, "imported": imported, "work_count": work_count(imported)},
    )


def _give_up(request, imported, choice: WorksChoice):
    """Orphaning or removing the works asks first (the confirmation page), then does it."""
    if request.POST.get("confirm") != "yes":
        return render(request, "imports/claim_give_up.html", {"imported": imported, "choice": choice})
    try:
        give_up_works(imported=imported, choice=choice)
    except ValidationError:
        return render(request, "imports/claim_spent.html", status=404)
    done = "orphaned" if choice == WorksChoice.ORPHAN else "removed"
    messages.success(request, f"Your imported stories have been {done}, and the imported account is closed.")
    return redirect("/")
