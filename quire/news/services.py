"""Writes on the archive's news: staff posts, readers' comments and the site banner. Each checks its rule in
quire.access.writing first, so the web forms, the admin and commands refuse the same things."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quire.access import writing
from quire.core.tasks import enqueue_after_commit
from quire.core.text import SANITIZER_VERSION, TextFormat, render
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.moderation.models import Mute
from quire.news.models import Banner, NewsComment, NewsPost
from quire.works.enums import ReviewPolicy


@dataclass
class PostFields:
    title: str
    body: str
    text_format: str = TextFormat.MARKDOWN
    published_at: datetime | None = None  # None: now
    comments: str = ReviewPolicy.EVERYONE


def _apply(post: NewsPost, fields: PostFields) -> None:
    if not fields.title.strip() or not fields.body.strip():
        raise ValidationError("A news post needs a title and a text.")
    post.title, post.body, post.text_format = fields.title.strip(), fields.body, fields.text_format
    post.body_html = render(fields.body, fields.text_format)
    post.sanitizer_version = SANITIZER_VERSION
    post.comments = fields.comments
    if fields.published_at is not None:
        post.published_at = fields.published_at


def create_post(*, user, fields: PostFields) -> NewsPost:
    writing.ensure_may_write_news(user)
    post = NewsPost(author=user, published_at=timezone.now())
    _apply(post, fields)
    post.save()
    return post


def edit_post(*, post: NewsPost, user, fields: PostFields) -> NewsPost:
    writing.ensure_may_write_news(user)
    _apply(post, fields)
    post.save()
    return post


def delete_post(*, post: NewsPost, user) -> None:
    """The post goes with its comments."""
    writing.ensure_may_write_news(user)
    post.delete()


# --- Comments: the review machinery's rules, on a news post ----------------------------------------------


@transaction.atomic
def post_comment(
    *,
    post: NewsPost,
    user,
    body: str,
    guest_name: str = "",
    parent: NewsComment | None = None,
    idempotency_key: str = "",
) -> NewsComment:
    """Post a comment or a reply; the same idempotency key returns the comment already made."""
    if idempotency_key:
        existing = NewsComment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    writing.ensure_may_comment_on_news(user, post, parent=parent)
    if parent is not None and (parent.post_id != post.pk or parent.is_deleted):
        raise ValidationError("That comment can no longer be replied to.")
    if not body.strip():
        raise ValidationError("Write something first.")
    comment = NewsComment(
        post=post,
        parent=parent,
        thread=(parent.thread or parent) if parent is not None else None,
        user=user if user.is_authenticated else None,
        guest_name="" if user.is_authenticated else guest_name.strip(),
        body=body,
        body_html=render(body, TextFormat.PLAIN),
        idempotency_key=idempotency_key or None,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:  # the same form posted twice at once
        return NewsComment.objects.get(idempotency_key=idempotency_key)
    if parent is not None and parent.user_id:
        enqueue_after_commit("quire.news.tasks.announce_reply", comment.pk)
    return comment


def announce_reply(comment_id: int) -> int:
    """The member a reply answers is told in their inbox, as a reviewer is of a reply to their review; not
    when they answer themselves, muted the one replying, or the reply is gone or hidden by then."""
    reply = NewsComment.objects.select_related("post", "user", "parent").filter(pk=comment_id).first()
    if reply is None or reply.is_deleted or reply.hidden_at or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.user_id or parent.user_id == reply.user_id:
        return 0
    if reply.user_id and Mute.objects.filter(muter_id=parent.user_id, muted_id=reply.user_id).exists():
        return 0
    sent = notify(
        user_ids=[parent.user_id],
        kind=Notification.Kind.REPLY,
        key=f"news-reply:{reply.pk}",
        text=f"{reply.author_name} replied to your comment on {reply.post.title}",
        url=reply.get_absolute_url(),
    )
    queue_emails(sent)
    return len(sent)


def edit_comment(*, comment: NewsComment, user, body: str) -> NewsComment:
    writing.ensure_may_edit_news_comment(user, comment)
    if not body.strip():
        raise ValidationError("A comment cannot be empty; delete it instead.")
    comment.body, comment.body_html = body, render(body, TextFormat.PLAIN)
    comment.edited_at, comment.sanitizer_version = timezone.now(), SANITIZER_VERSION
    comment.save(update_fields=["body", "body_html", "edited_at", "sanitizer_version"])
    return comment


@transaction.atomic
def delete_comment(*, comment: NewsComment, user) -> None:
    """A comment with replies stays as a placeholder for them, as a review does."""
    writing.ensure_may_delete_news_comment(user, comment)
    if comment.replies.exists():
        comment.status, comment.body, comment.body_html = NewsComment.Status.DELETED, "", ""
        comment.save(update_fields=["status", "body", "body_html"])
    else:
        comment.delete()


def remove_comments_of(user) -> None:
    """A closing account's comments go; one that others replied to stays as an authorless placeholder,
    as its reviews do (quire.privacy.deletion)."""
    comments = NewsComment.objects.filter(user=user)
    while leaves := list(comments.filter(replies__isnull=True).values_list("pk", flat=True)):
        NewsComment.objects.filter(pk__in=leaves).delete()
    comments.update(
        user=None,
        guest_name="",
        body="",
        body_html="",
        status=NewsComment.Status.DELETED,
        idempotency_key=None,
    )


# --- The site banner -------------------------------------------------------------------------------------


def set_banner(*, user, text: str, kind: str, active: bool) -> Banner:
    """Save the banner; any change gives it a new version, so readers who dismissed it see it again."""
    writing.ensure_may_set_banner(user)
    if active and not text.strip():
        raise ValidationError("Write the message to show, or turn the banner off.")
    banner = Banner.objects.filter(pk=1).first() or Banner(pk=1)
    if (banner.text, banner.kind, banner.active) != (text, kind, active):
        banner.version += 1
    banner.text, banner.kind, banner.active = text, kind, active
    banner.text_html = render(text, TextFormat.MARKDOWN) if text.strip() else ""
    banner.sanitizer_version = SANITIZER_VERSION
    banner.save()  # forgets the cached copy (Banner.save)
    return banner
