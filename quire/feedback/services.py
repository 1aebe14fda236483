"""Readers' feedback: kudos, reviews, bookmarks and "more, please". Each create is safe to repeat."""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quire.access import writing
from quire.core.tasks import enqueue_after_commit
from quire.core.text import SANITIZER_VERSION, TextFormat, render
from quire.feedback.counters import refresh_feedback_counts
from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.follows.tasks import announce_review
from quire.insights.answers import recount_review_answers
from quire.insights.asking import asks_for_more
from quire.insights.models import ReadEvent
from quire.insights.recording import reader_key, record_answer


def leave_kudos(*, work, user=None, guest_token: str = "", address_hash: str = "") -> bool:
    """True if this reader's kudos is new. Writers cannot kudos their own work."""
    writing.ensure_may_leave_feedback(user, work, own="You can't leave kudos on your own work.")
    if user is not None and user.is_authenticated:
        fields = {"user": user}
    else:
        if Kudos.objects.filter(work=work, address_hash=address_hash).exists():
            return False
        fields = {"guest_token": guest_token, "address_hash": address_hash}
    try:
        with transaction.atomic():
            Kudos.objects.create(work=work, **fields)
    except IntegrityError:
        return False
    refresh_feedback_counts([work.pk])
    record_answer(work, ReadEvent.Kind.KUDOS, user=user, guest_token=guest_token)
    return True


_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ru|xyz|top|io)\b", re.IGNORECASE
)


def holds_for_approval(*, work, user, body: str) -> bool:
    """Reviews wait for the writer when they moderate, and link-heavy guest reviews (spam's mark) always."""
    if work.is_owned_by(user):
        return False
    if work.moderate_reviews:
        return True
    return not user.is_authenticated and len(_LINK.findall(body)) > settings.GUEST_REVIEW_MAX_LINKS


@transaction.atomic
def post_review(
    *,
    chapter,
    user,
    body: str,
    guest_name: str = "",
    pseud=None,
    parent: Review | None = None,
    idempotency_key: str = "",
    guest_token: str = "",
) -> Review:
    """Post a review or a reply; the same idempotency key returns the review already made. A member signs it
    with one of their pseuds (`pseud`, their default one when not given)."""
    work = chapter.work
    if idempotency_key:
        existing = Review.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    writing.ensure_may_review(user, work, reply=parent is not None)
    if parent is not None:
        thread = parent.thread or parent
        if parent.chapter_id != chapter.pk or parent.is_deleted:
            raise ValidationError("That review can no longer be replied to.")
        if thread.frozen and not work.is_owned_by(user):
            raise PermissionDenied("The writer has frozen this thread; no more replies.")
    else:
        thread = None
    if not body.strip():
        raise ValidationError("Write something first.")
    if user.is_authenticated:
        pseud = _own_pseud(user, pseud)
    review = Review(
        work=work,
        chapter=chapter,
        parent=parent,
        thread=thread,
        user=user if user.is_authenticated else None,
        pseud=pseud if user.is_authenticated else None,
        guest_name="" if user.is_authenticated else guest_name.strip(),
        body=body,
        body_html=render(body, TextFormat.PLAIN),
        reader=""
        if work.is_owned_by(user)
        else reader_key(work.pk, user=user, guest_token=guest_token) or "",
        asks=parent is None and not work.is_owned_by(user) and asks_for_more(body),
        status=Review.Status.PENDING
        if holds_for_approval(work=work, user=user, body=body)
        else Review.Status.PUBLISHED,
        idempotency_key=idempotency_key or None,
    )
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:  # the same form posted twice at once
        return Review.objects.get(idempotency_key=idempotency_key)

    enqueue_after_commit(announce_review, review.pk)
    refresh_feedback_counts([work.pk])
    if review.status == Review.Status.PUBLISHED:
        _record_review_answer(review, guest_token=guest_token)
    return review


def _record_review_answer(review: Review, guest_token: str = "") -> None:
    """A reader's review is an answer; one that asks for more ("Please continue!") is also an ask, like the
    button. The writer's replies are neither (recording.record_answer leaves the writer out)."""
    who = {"user": review.user, "guest_token": guest_token}
    record_answer(review.work, ReadEvent.Kind.REVIEW, **who)
    if review.asks:
        record_answer(review.work, ReadEvent.Kind.ASK, **who)


def edit_review(*, review: Review, user, body: str) -> Review:
    writing.ensure_may_edit_review(user, review)
    if not body.strip():
        raise ValidationError("A review cannot be empty; delete it instead.")
    review.body, review.body_html, review.edited_at = body, render(body, TextFormat.PLAIN), timezone.now()
    review.sanitizer_version = SANITIZER_VERSION
    review.asks = review.parent_id is None and not review.work.is_owned_by(user) and asks_for_more(body)
    review.save(update_fields=["body", "body_html", "edited_at", "sanitizer_version", "asks"])
    recount_review_answers(review)
    return review


@transaction.atomic
def delete_review(*, review: Review, user) -> None:
    """The reviewer or the writer may delete; a review with replies stays as a placeholder for them."""
    writing.ensure_may_delete_review(user, review)
    if review.replies.exists():
        review.status, review.body, review.body_html = Review.Status.DELETED, "", ""
        review.save(update_fields=["status", "body", "body_html"])
    else:
        review.delete()
    refresh_feedback_counts([review.work_id])
    recount_review_answers(review)


def approve_review(*, review: Review, user) -> Review:
    writing.ensure_may_moderate_reviews(user, review.work, what="approve reviews")
    if review.status == Review.Status.PENDING:
        review.status = Review.Status.PUBLISHED
        review.save(update_fields=["status"])
        if review.user_id:  # a guest's cookie is not kept with a held review, so only a member is known
            _record_review_answer(review)

        enqueue_after_commit(announce_review, review.pk)
        refresh_feedback_counts([review.work_id])
    return review


def set_frozen(*, review: Review, user, frozen: bool) -> Review:
    writing.ensure_may_moderate_reviews(user, review.work, what="freeze a thread")
    thread = review.thread or review
    thread.frozen = frozen
    thread.save(update_fields=["frozen"])
    return thread


def _own_pseud(user, pseud):
    """The member's chosen pseud, or their default one; another member's pseud is refused."""
    if pseud is None:
        return user.default_pseud
    if pseud.user_id != user.pk:
        raise PermissionDenied("That pseud is not yours.")
    return pseud


def save_bookmark(
    *, user, work, note: str = "", tags: str = "", private: bool = False, rec: bool = False, pseud=None
) -> Bookmark:
    """One bookmark per reader per work: saving again updates it. It is listed under one of the reader's
    pseuds: `pseud`, or else the one it had, or else their default one."""
    writing.ensure_may_write(user)
    values = {
        "note": note,
        "note_html": render(note, TextFormat.PLAIN),
        "sanitizer_version": SANITIZER_VERSION,
        "tags": tags,
        "private": private,
        "rec": rec,
    }
    if pseud is not None:
        values["pseud"] = _own_pseud(user, pseud)
    try:
        with transaction.atomic():
            bookmark, _ = Bookmark.objects.update_or_create(
                user=user,
                work=work,
                defaults=values,
                create_defaults={"pseud": _own_pseud(user, None), **values},
            )
    except IntegrityError:
        bookmark = Bookmark.objects.get(user=user, work=work)
        for name, value in values.items():
            setattr(bookmark, name, value)
        bookmark.save()
    refresh_feedback_counts([work.pk])
    return bookmark


def remove_bookmark(*, user, work) -> None:
    writing.ensure_may_write(user)
    Bookmark.objects.filter(user=user, work=work).delete()
    refresh_feedback_counts([work.pk])


def ask_for_more(*, work, user=None, guest_token: str = "", address_hash: str = "") -> bool:
    """True if this reader's request for the next chapter is new."""
    if work.is_complete:
        raise ValidationError("This work is complete.")
    writing.ensure_may_leave_feedback(user, work, own="You can't ask yourself for more.")
    if user is not None and user.is_authenticated:
        fields = {"user": user}
    else:
        for_chapter = work.chapter_count + 1
        if MorePlease.objects.filter(work=work, for_chapter=for_chapter, address_hash=address_hash).exists():
            return False
        fields = {"guest_token": guest_token, "address_hash": address_hash}
    try:
        with transaction.atomic():
            MorePlease.objects.create(work=work, for_chapter=work.chapter_count + 1, **fields)
    except IntegrityError:
        return False
    record_answer(work, ReadEvent.Kind.ASK, user=user, guest_token=guest_token)
    return True
