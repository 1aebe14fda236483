"""The news pages at /admin_posts (AO3's address): the list, a post with its comments, staff's forms, and
the site banner's dismiss button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quire.access import writing
from quire.access.reading import news_comment_counts, news_comments_for, news_post_for, news_posts_for
from quire.access.writing import not_suspended
from quire.core import ratelimit
from quire.core.ratelimit import review_checks
from quire.core.redirects import safe_next
from quire.feedback.selectors import flat_threads
from quire.news import banner as site_banner
from quire.news import services
from quire.news.forms import BannerForm, CommentEditForm, CommentForm, NewsPostForm
from quire.news.models import NewsComment

POSTS_PER_PAGE = 10
BANNER_COOKIE_AGE = 365 * 86400


def _errors(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


def news_list(request):
    page = Paginator(news_posts_for(request.user), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    counts = news_comment_counts(post.pk for post in page.object_list)
    for post in page.object_list:
        post.comment_count = counts.get(post.pk, 0)
    context = {"page": page, "may_write_news": writing.may_write_news(request.user)}
    return render(request, "news/list.html", context)


def _post_page(request, post, *, form=None, status=200):
    comments = list(news_comments_for(request.user, post).select_related("user"))
    refusal = writing.news_comment_refusal(request.user, post)
    context = {
        "post": post,
        "rows": flat_threads(comments, can_reply=lambda root: not refusal),
        "comment_count": sum(1 for c in comments if not c.is_deleted and not c.hidden_at),
        "review_form": form or CommentForm(guest=not request.user.is_authenticated),
        "comment_allowed": not refusal,
        "comment_refusal": refusal,
        "may_write_news": writing.may_write_news(request.user),
    }
    # News staff delete any comment on the news, as a writer deletes reviews on their work.
    context["may_delete_any"] = context["may_write_news"]
    return render(request, "news/post.html", context, status=status)


def news_post(request, post_id):
    return _post_page(request, news_post_for(request.user, post_id))


@require_POST
def comment_create(request, post_id):
    post = news_post_for(request.user, post_id)
    form = CommentForm(request.POST, guest=not request.user.is_authenticated)
    page = {"post": post, "form": form}
    # Comments share the reviews' rates: one budget for everything a reader writes under others' words.
    checks = review_checks(request)
    if wait := ratelimit.wait_for(checks):
        return ratelimit.refuse_form(
            request, "news/comment_form_page.html", page, form=form, retry_after=wait, what="comments"
        )
    ratelimit.count_all(checks)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = news_comments_for(request.user, post).filter(pk=form.cleaned_data["parent"]).first()
        try:
            comment = services.post_comment(
                post=post,
                user=request.user,
                body=form.cleaned_data["body"],
                guest_name=form.cleaned_data.get("guest_name", ""),
                parent=parent,
                idempotency_key=form.cleaned_data["token"],
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "Your reply was posted." if parent else "Your comment was posted.")
            return redirect(comment.get_absolute_url())
    return render(request, "news/comment_form_page.html", page, status=400)


def _comment(request, comment_id) -> NewsComment:
    comment = get_object_or_404(NewsComment.objects.select_related("post"), pk=comment_id)
    news_post_for(request.user, comment.post_id)
    if not news_comments_for(request.user, comment.post).filter(pk=comment.pk).exists():
        raise Http404
    return comment


@require_http_methods(["GET", "POST"])
@not_suspended
def comment_edit(request, comment_id):
    comment = _comment(request, comment_id)
    writing.ensure_may_edit_news_comment(request.user, comment)
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment=comment, user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", _errors(error))
        else:
            messages.success(request, "Your comment was updated.")
            return redirect(comment.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "news/comment_edit.html", {"comment": comment, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@not_suspended
def comment_delete(request, comment_id):
    comment = _comment(request, comment_id)
    writing.ensure_may_delete_news_comment(request.user, comment)
    if request.method == "POST":
        services.delete_comment(comment=comment, user=request.user)
        messages.success(request, "The comment was deleted.")
        return redirect(comment.post)
    return render(request, "news/comment_delete.html", {"comment": comment})


# --- Staff: writing the news -----------------------------------------------------------------------------


def _fields(form) -> services.PostFields:
    return services.PostFields(**form.cleaned_data)


@require_http_methods(["GET", "POST"])
@not_suspended
def post_new(request):
    writing.ensure_may_write_news(request.user)
    form = NewsPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(user=request.user, fields=_fields(form))
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "The news post is published.")
            return redirect(post)
    status = 400 if form.errors else 200
    return render(request, "news/post_form.html", {"form": form, "post": None}, status=status)


@require_http_methods(["GET", "POST"])
@not_suspended
def post_edit(request, post_id):
    writing.ensure_may_write_news(request.user)
    post = news_post_for(request.user, post_id)
    initial = {
        "title": post.title,
        "body": post.body,
        "text_format": post.text_format,
        "published_at": post.published_at,
        "comments": post.comments,
    }
    form = NewsPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post=post, user=request.user, fields=_fields(form))
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "The news post was updated.")
            return redirect(post)
    status = 400 if form.errors else 200
    return render(request, "news/post_form.html", {"form": form, "post": post}, status=status)


@require_http_methods(["GET", "POST"])
@not_suspended
def post_delete(request, post_id):
    writing.ensure_may_write_news(request.user)
    post = news_post_for(request.user, post_id)
    if request.method == "POST":
        services.delete_post(post=post, user=request.user)
        messages.success(request, f"“{post.title}” was deleted.")
        return redirect("news:list")
    return render(request, "news/post_delete.html", {"post": post})


# --- The site banner -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@not_suspended
def banner_edit(request):
    writing.ensure_may_set_banner(request.user)
    form = BannerForm(request.POST or None, instance=site_banner.current())
    if request.method == "POST" and form.is_valid():
        services.set_banner(user=request.user, **form.cleaned_data)
        messages.success(request, "The banner was saved.")
        return redirect("news:banner")
    return render(request, "news/banner_form.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def banner_dismiss(request):
    """Remember, in a cookie, which version of the banner this reader closed: a changed banner shows again.
    With htmx the banner is swapped for nothing; without, the reader returns to the page they were on."""
    if request.headers.get("HX-Request"):
        response = HttpResponse("")
    else:
        response = redirect(safe_next(request, request.POST.get("next"), "/"))
    version = request.POST.get("version", "")
    if version.isdigit():
        response.set_cookie(
            site_banner.DISMISSED_COOKIE,
            version,
            max_age=BANNER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
