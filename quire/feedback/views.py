from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quire.access import writing
from quire.access.reading import chapter_for, reviews_for, work_for, works_for
from quire.access.surfaces import Surface
from quire.access.writing import not_suspended
from quire.accounts.forms import add_pseud_choice
from quire.accounts.models import User
from quire.core import ratelimit
from quire.core.ratelimit import by_reader, limit, review_checks
from quire.core.readers import daily_hash, guest_token, remember_guest
from quire.core.redirects import safe_next
from quire.feedback import services
from quire.feedback.forms import BookmarkForm, ReviewEditForm, ReviewForm
from quire.feedback.models import Bookmark, Review
from quire.feedback.selectors import review_counts, review_threads
from quire.works.models import Work
from quire.works.selectors import visible_chapters


def _back(work, anchor: str):
    return redirect(work.get_absolute_url() + f"#{anchor}")


@require_POST
@limit(by_reader("kudos"))
def kudos(request, work_id):
    work = work_for(request.user, work_id)
    try:
        new = services.leave_kudos(
            work=work,
            user=request.user,
            guest_token=guest_token(request),
            address_hash=daily_hash(request, "kudos"),
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _back(work, "feedback")
    if new:
        messages.success(request, "Thank you for leaving kudos!")
    else:
        messages.info(request, "You have already left kudos here. :)")
    return remember_guest(
        request,
        redirect(safe_next(request, request.POST.get("next_chapter"), work.get_absolute_url() + "#feedback")),
    )


@require_POST
def more_please(request, work_id):
    work = work_for(request.user, work_id)
    try:
        new = services.ask_for_more(
            work=work,
            user=request.user,
            guest_token=guest_token(request),
            address_hash=daily_hash(request, "more"),
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return _back(work, "feedback")
    messages.success(
        request, "The writer will know you want more." if new else "You already asked for the next chapter."
    )
    return remember_guest(request, _back(work, "feedback"))


@require_POST
def review_create(request, work_id, chapter_id):
    work = work_for(request.user, work_id)
    chapter = chapter_for(request.user, work, chapter_id)
    form = add_pseud_choice(ReviewForm(request.POST, guest=not request.user.is_authenticated), request.user)
    page = {"work": work, "chapter": chapter, "form": form}
    # Every attempt counts, as before; past the rate the form comes back with the review as typed.
    checks = review_checks(request)
    if wait := ratelimit.wait_for(checks):
        return ratelimit.refuse_form(
            request, "feedback/review_form_page.html", page, form=form, retry_after=wait, what="reviews"
        )
    ratelimit.count_all(checks)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = (
                reviews_for(request.user, work)
                .filter(pk=form.cleaned_data["parent"], chapter=chapter)
                .first()
            )
        try:
            review = services.post_review(
                chapter=chapter,
                user=request.user,
                body=form.cleaned_data["body"],
                guest_name=form.cleaned_data.get("guest_name", ""),
                pseud=form.cleaned_data.get("pseud"),
                parent=parent,
                idempotency_key=form.cleaned_data["token"],
                guest_token="" if request.user.is_authenticated else guest_token(request),
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            what = "reply" if parent else "review"
            if review.status == Review.Status.PENDING:
                messages.info(request, f"Thank you! Your {what} will appear once the writer approves it.")
            else:
                messages.success(request, f"Your {what} was posted.")
            return remember_guest(request, redirect(review.get_absolute_url()))
    return render(request, "feedback/review_form_page.html", page, status=400)


def _own_review(request, review_id) -> Review:
    review = get_object_or_404(Review.objects.select_related("work"), pk=review_id)
    work_for(request.user, review.work_id)
    return review


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def review_edit(request, review_id):
    review = _own_review(request, review_id)
    writing.ensure_may_edit_review(request.user, review)
    form = ReviewEditForm(request.POST or None, initial={"body": review.body})
    if request.method == "POST" and form.is_valid():
        services.edit_review(review=review, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your review was updated.")
        return redirect(review.get_absolute_url())
    return render(request, "feedback/review_edit.html", {"review": review, "form": form})


@require_http_methods(["GET", "POST"])
@not_suspended
def review_delete(request, review_id):
    review = _own_review(request, review_id)
    if request.method == "POST":
        try:
            services.delete_review(review=review, user=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The review was deleted.")
        return redirect("works:chapter", review.work_id, review.chapter_id)
    writing.ensure_may_delete_review(request.user, review)
    return render(request, "feedback/review_delete.html", {"review": review})


@login_required
@require_POST
@not_suspended
def review_moderate(request, review_id, action):
    review = _own_review(request, review_id)
    if action == "approve":
        services.approve_review(review=review, user=request.user)
        messages.success(request, "The review is now public.")
    else:
        services.set_frozen(review=review, user=request.user, frozen=action == "freeze")
        messages.success(
            request, "The thread is frozen." if action == "freeze" else "The thread is open again."
        )
    return redirect(review.get_absolute_url())


def work_reviews(request, work_id):
    work = work_for(request.user, work_id)
    chapters = visible_chapters(request.user, work)
    counts = review_counts(request.user, work)
    threads = review_threads(request.user, work, [c.pk for c in chapters])
    for number, chapter in enumerate(chapters, start=1):
        chapter.number, chapter.review_count, chapter.threads = (
            number,
            counts.get(chapter.pk, 0),
            threads.get(chapter.pk, []),
        )
    context = {
        "work": work,
        "chapters": chapters,
        "total": sum(counts.values()),
        "is_author": work.is_owned_by(request.user),
    }
    return render(request, "feedback/work_reviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def bookmark(request, work_id):
    work = work_for(request.user, work_id)
    existing = Bookmark.objects.filter(user=request.user, work=work).select_related("pseud").first()
    initial = (
        {"note": existing.note, "tags": existing.tags, "rec": existing.rec, "private": existing.private}
        if existing
        else {}
    )
    form = add_pseud_choice(
        BookmarkForm(request.POST or None, initial=initial),
        request.user,
        current=existing.pseud if existing else None,
    )
    if request.method == "POST":
        if "delete" in request.POST:
            services.remove_bookmark(user=request.user, work=work)
            messages.success(request, "Bookmark removed.")
            return redirect(work)
        if form.is_valid():
            services.save_bookmark(user=request.user, work=work, **form.cleaned_data)
            messages.success(request, "Bookmark saved." if not existing else "Bookmark updated.")
            return redirect(work)
    return render(request, "feedback/bookmark_form.html", {"work": work, "form": form, "existing": existing})


def user_bookmarks(request, username):
    owner = get_object_or_404(User, username__iexact=username)
    visible_works = works_for(request.user, Surface.LISTING).values("pk")
    bookmarks = Bookmark.objects.filter(user=owner, work__in=visible_works)
    if request.user != owner:
        bookmarks = bookmarks.filter(private=False)
    if request.GET.get("rec"):
        bookmarks = bookmarks.filter(rec=True)
    bookmarks = (
        bookmarks.select_related("pseud__user")
        .prefetch_related(Prefetch("work", queryset=Work.objects.for_listing()))
        .order_by("-created_at", "-id")
    )
    page = Paginator(bookmarks, 20).get_page(request.GET.get("page"))
    return render(request, "feedback/user_bookmarks.html", {"owner": owner, "page": page})
