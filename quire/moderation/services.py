"""Moderators' actions (each logged with who and why, and the affected user told), reports, blocks, mutes
and invitations."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from quire.access.reading import ANONYMOUS, creators_public, mask_creators_reviews
from quire.access.staff import ensure_may_act_on_account
from quire.access.writing import ARCHIVE
from quire.accounts.models import User
from quire.accounts.services import end_sessions
from quire.core.mail import subject_line
from quire.core.site import absolute_url as site_url
from quire.creators import services as creators
from quire.creators.models import Creatorship
from quire.creators.selectors import creator_user_ids
from quire.discovery.indexing import index_works
from quire.feedback.counters import refresh_feedback_counts
from quire.feedback.models import Review
from quire.follows.models import Notification
from quire.follows.services import notify
from quire.insights.answers import recount_review_answers
from quire.moderation.models import Block, Invite, ModerationAction, Report, Target
from quire.news.models import NewsComment
from quire.series.models import Series
from quire.works import services as works
from quire.works.models import Chapter, Work

logger = logging.getLogger("quire.moderation")

Kind = ModerationAction.Kind

# What a moderator may do to each kind of target; warn, suspend and ban reach the target's author.
ACTIONS = {
    Target.WORK: [Kind.HIDE, Kind.RESTORE, Kind.DELETE, Kind.WARN, Kind.SUSPEND, Kind.BAN, Kind.DISMISS],
    Target.CHAPTER: [Kind.DELETE, Kind.WARN, Kind.SUSPEND, Kind.BAN, Kind.DISMISS],
    Target.REVIEW: [Kind.HIDE, Kind.RESTORE, Kind.DELETE, Kind.WARN, Kind.SUSPEND, Kind.BAN, Kind.DISMISS],
    Target.COMMENT: [Kind.HIDE, Kind.RESTORE, Kind.DELETE, Kind.WARN, Kind.SUSPEND, Kind.BAN, Kind.DISMISS],
    Target.USER: [Kind.WARN, Kind.SUSPEND, Kind.UNSUSPEND, Kind.BAN, Kind.UNBAN, Kind.DELETE, Kind.DISMISS],
}
# The actions that land on the owner's account itself, whatever was reported (deleting a user is one too).
ACCOUNT_KINDS = {Kind.WARN, Kind.SUSPEND, Kind.UNSUSPEND, Kind.BAN, Kind.UNBAN}


class ActionRefused(Exception):
    pass


def _writer(work) -> str:
    return work.author.username if creators_public(work) else ANONYMOUS


@dataclass
class Subject:
    """A reportable thing, loaded: what it is, how to name and link it, and whose it is."""

    type: str
    obj: object

    @property
    def id(self) -> int:
        return self.obj.pk

    @property
    def owner(self) -> User | None:
        owners = {
            Target.USER: lambda user: user,
            Target.WORK: lambda work: work.author,
            Target.CHAPTER: lambda chapter: chapter.work.author,
            Target.REVIEW: lambda review: review.user,  # None for a guest's review
            Target.COMMENT: lambda comment: comment.user,  # a news comment, None for a guest's
        }
        return owners[self.type](self.obj)

    @property
    def work(self) -> Work | None:
        """The work this is, or is part of; None for an account."""
        if self.type == Target.WORK:
            return self.obj
        return getattr(self.obj, "work", None)  # a chapter's or a review's; an account has none

    @property
    def label(self) -> str:
        """What the report form shows its reader, and the moderators' queue keeps: an anonymous work's
        writer is "Anonymous" here too (the reporter reads it; the moderators act on the account anyway)."""
        obj = self.obj
        if self.type == Target.WORK:
            return f"work “{obj.title}” by {_writer(obj)}"
        if self.type == Target.CHAPTER:
            return f"chapter {obj.position} of “{obj.work.title}” by {_writer(obj.work)}"
        if self.type == Target.REVIEW:
            mask_creators_reviews(AnonymousUser(), obj.work, [obj])
            return f"review by {obj.author_name} on “{obj.work.title}”"
        if self.type == Target.COMMENT:
            return f"comment by {obj.author_name} on the news post “{obj.post.title}”"
        return f"user {obj.username}"

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()


def load_subject(target_type: str, target_id: int) -> Subject | None:
    queries = {
        Target.WORK: Work.objects.select_related("author"),
        Target.CHAPTER: Chapter.objects.select_related("work__author"),
        Target.REVIEW: Review.objects.select_related("work", "user", "pseud__user"),
        Target.COMMENT: NewsComment.objects.select_related("post", "user"),
        Target.USER: User.objects.all(),
    }
    if target_type not in queries:
        return None
    obj = queries[target_type].filter(pk=target_id).first()
    return Subject(target_type, obj) if obj is not None else None


def file_report(*, subject: Subject, reporter, email: str, reason: str, details: str) -> Report:
    return Report.objects.create(
        target_type=subject.type,
        target_id=subject.id,
        target_label=subject.label[:300],
        reporter=reporter if reporter.is_authenticated else None,
        email="" if reporter.is_authenticated else email,
        reason=reason,
        details=details,
    )


def _tell(action: ModerationAction, user: User, text: str, reason: str, url: str = "") -> None:
    """The affected user hears in the inbox and by email (email reaches banned and deleted users too)."""
    if User.objects.filter(pk=user.pk).exists():
        key = f"moderation:{action.pk}"
        notify(
            user_ids=[user.pk], kind=Notification.Kind.MODERATION, key=key, text=text[:500], url=url or "/"
        )
    if user.email:
        body = f"Hello {user.username},\n\n{text}\n\nThe moderators' reason: {reason}\n"
        if url:
            body += f"\n{site_url(url)}\n"
        # After the commit: the action stands whatever the mail server does (an email that could not be
        # built or sent once rolled a hide back and left the work public).
        transaction.on_commit(lambda: _email(action.pk, user.email, subject_line(text), body))


def _co_creators(subject, owner) -> list[User]:
    """A work's other creators hear what happened to it too (hidden, restored, deleted): it is theirs as much as
    the lead's. Read before the action, which may delete it."""
    if subject.type not in (Target.WORK, Target.CHAPTER):
        return []
    return list(User.objects.filter(pk__in=creator_user_ids(subject.work)).exclude(pk=owner.pk))


def _email(action_id: int, address: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [address])
    except Exception:  # the outside world failing is logged for the operators, never raised into the action
        logger.exception("The email about moderation action %s could not be sent to %s", action_id, address)


@transaction.atomic
def act(*, moderator, subject: Subject, kind: str, reason: str, until=None) -> ModerationAction:
    if kind not in ACTIONS[subject.type]:
        raise ActionRefused("That action does not apply here.")
    if not reason.strip():
        raise ActionRefused("Say why: the log and the affected user both get the reason.")
    owner = subject.owner
    if kind in (Kind.SUSPEND, Kind.BAN, Kind.UNSUSPEND, Kind.UNBAN, Kind.WARN) and owner is None:
        raise ActionRefused("A guest wrote this: there is no account to act on.")
    if kind == Kind.SUSPEND and (until is None or until <= timezone.now()):
        raise ActionRefused("Give a suspension end in the future.")
    if kind in ACCOUNT_KINDS or (kind == Kind.DELETE and subject.type == Target.USER):
        ensure_may_act_on_account(moderator, owner, action=f"{kind} ({subject.label})")
    label = subject.label[:300]
    co_creators = _co_creators(subject, owner) if kind in (Kind.HIDE, Kind.RESTORE, Kind.DELETE) else []
    action = ModerationAction.objects.create(
        moderator=moderator,
        kind=kind,
        target_type=subject.type,
        target_id=subject.id,
        target_label=label,
        affected_user=owner,
        reason=reason,
        until=until if kind == Kind.SUSPEND else None,
    )
    message, url = _APPLY[kind](subject, until)
    if owner is not None and message:
        for person in [owner, *co_creators]:
            _tell(action, person, message, reason, url)
    Report.objects.filter(target_type=subject.type, target_id=subject.id, status=Report.Status.OPEN).update(
        status=Report.Status.DISMISSED if kind == Kind.DISMISS else Report.Status.RESOLVED,
        closed_at=timezone.now(),
    )
    return action


@transaction.atomic
def close_reports(*, moderator, target_type: str, target_id: int, reason: str) -> ModerationAction:
    """Close the open reports about something that no longer exists (its writer deleted it, or it went with
    their account): nothing is left to act on, but closing them is a moderator's decision, logged like any."""
    if not reason.strip():
        raise ActionRefused("Say why: the log keeps the reason.")
    reports = Report.objects.filter(target_type=target_type, target_id=target_id)
    open_reports = reports.filter(status=Report.Status.OPEN)
    if not open_reports.exists():
        raise ActionRefused("These reports are already closed.")
    action = ModerationAction.objects.create(
        moderator=moderator,
        kind=Kind.DISMISS,
        target_type=target_type,
        target_id=target_id,
        target_label=reports.values_list("target_label", flat=True).first(),
        reason=reason,
    )
    open_reports.update(status=Report.Status.DISMISSED, closed_at=timezone.now())
    return action


def _hide(subject, _until):
    stamp = timezone.now()
    if subject.type == Target.WORK:
        Work.objects.filter(pk=subject.id).update(hidden_at=stamp)
        index_works([subject.id])  # a hidden work leaves the search index
        return (
            f"A moderator hid your work “{subject.obj.title}”. Only you and the moderators can see it now.",
            subject.url,
        )
    if subject.type == Target.COMMENT:
        NewsComment.objects.filter(pk=subject.id).update(hidden_at=stamp)
        return f"A moderator hid your comment on “{subject.obj.post.title}”.", subject.url
    review = subject.obj
    Review.objects.filter(pk=review.pk).update(hidden_at=stamp)
    # Inbox messages about it disappear with it; emails not yet sent go with them.
    Notification.objects.filter(key__in=[f"review:{review.pk}", f"reply:{review.pk}"]).delete()
    refresh_feedback_counts([review.work_id])
    recount_review_answers(review)
    return f"A moderator hid your review on “{review.work.title}”.", subject.url


def _restore(subject, _until):
    if subject.type == Target.WORK:
        Work.objects.filter(pk=subject.id).update(hidden_at=None)
        index_works([subject.id])
        return f"A moderator restored your work “{subject.obj.title}”; readers can see it again.", subject.url
    if subject.type == Target.COMMENT:
        NewsComment.objects.filter(pk=subject.id).update(hidden_at=None)
        return f"A moderator restored your comment on “{subject.obj.post.title}”.", subject.url
    Review.objects.filter(pk=subject.id).update(hidden_at=None)
    refresh_feedback_counts([subject.obj.work_id])
    recount_review_answers(subject.obj)
    return f"A moderator restored your review on “{subject.obj.work.title}”.", subject.url


def _delete(subject, _until):
    obj = subject.obj
    if subject.type == Target.WORK:
        works.delete_work(work=obj, user=ARCHIVE)
        return f"A moderator deleted your work “{obj.title}”.", ""
    if subject.type == Target.CHAPTER:
        title = obj.work.title
        if obj.work.chapters.count() <= 1:
            works.delete_work(work=obj.work, user=ARCHIVE)
        else:
            works.delete_chapter(chapter=obj, user=ARCHIVE)
        return f"A moderator deleted a chapter of your work “{title}”.", ""
    if subject.type == Target.REVIEW:
        work_id = obj.work_id
        Notification.objects.filter(key__in=[f"review:{obj.pk}", f"reply:{obj.pk}"]).delete()
        obj.delete()
        refresh_feedback_counts([work_id])
        return f"A moderator deleted your review on “{obj.work.title}”.", ""
    if subject.type == Target.COMMENT:
        obj.delete()  # its replies with it, as a review's
        return f"A moderator deleted your comment on “{obj.post.title}”.", ""
    work_ids = list(Review.objects.filter(user=obj).values_list("work_id", flat=True).distinct())
    NewsComment.objects.filter(user=obj).delete()
    Review.objects.filter(user=obj).delete()
    creators.leave_shared(obj)  # co-created works and series stay with their other creators
    Work.objects.filter(author=obj).delete()  # before the account: a work's pseud is protected
    Series.objects.credited_to(obj).delete()
    Creatorship.objects.filter(user=obj).delete()
    obj.delete()
    refresh_feedback_counts(work_ids)
    return "A moderator deleted your account and everything you posted.", ""


def _warn(subject, _until):
    return "A moderator has sent you a warning.", subject.url if subject.type != Target.USER else ""


def _suspend(subject, until):
    User.objects.filter(pk=subject.owner.pk).update(suspended_until=until)
    when = formats.date_format(timezone.localtime(until), "j F Y, H:i T")
    return (
        f"Your account is suspended until {when}: you can read but not post, edit, review or leave kudos.",
        "",
    )


def _unsuspend(subject, _until):
    User.objects.filter(pk=subject.owner.pk).update(suspended_until=None)
    return "A moderator lifted your suspension.", ""


def _ban(subject, _until):
    # An inactive user is logged out at their next request: Django's backend no longer returns them.
    User.objects.filter(pk=subject.owner.pk).update(is_active=False)
    end_sessions(subject.owner)
    return "Your account is banned from the archive.", ""


def _unban(subject, _until):
    User.objects.filter(pk=subject.owner.pk).update(is_active=True)
    return "A moderator lifted your ban; you can log in again.", ""


def _dismiss(subject, _until):
    return "", ""


_APPLY = {
    Kind.HIDE: _hide,
    Kind.RESTORE: _restore,
    Kind.DELETE: _delete,
    Kind.WARN: _warn,
    Kind.SUSPEND: _suspend,
    Kind.UNSUSPEND: _unsuspend,
    Kind.BAN: _ban,
    Kind.UNBAN: _unban,
    Kind.DISMISS: _dismiss,
}


def toggle(model, *, user, other: User, on: bool) -> None:
    """Block or mute (model Block or Mute) someone, or stop."""
    if other.pk == user.pk:
        raise ActionRefused("You cannot do that to yourself.")
    mine, theirs = ("blocker", "blocked") if model is Block else ("muter", "muted")
    if on:
        model.objects.get_or_create(**{mine: user, theirs: other})
    else:
        model.objects.filter(**{mine: user, theirs: other}).delete()


def request_invite(*, email: str) -> Invite:
    email = email.strip().lower()
    existing = Invite.objects.filter(email=email, used_at__isnull=True).first()
    return existing or Invite.objects.create(email=email, requested_at=timezone.now())


def send_invite(*, invite: Invite, sender) -> Invite:
    if invite.code is None:
        invite.code = Invite.new_code()
    invite.sent_at, invite.sent_by = timezone.now(), sender
    invite.save(update_fields=["code", "sent_at", "sent_by"])
    link = site_url(reverse("accounts:signup") + f"?invite={invite.code}")
    send_mail(
        subject_line("Your invitation"),
        f"You are invited to join {settings.SITE_NAME}.\n\nYour invitation code: {invite.code}\n"
        f"Sign up here: {link}\n\nThe code works once.\n",
        None,
        [invite.email],
    )
    return invite


def valid_invite(code: str) -> Invite | None:
    if not code:
        return None
    return Invite.objects.filter(code=code.strip(), sent_at__isnull=False, used_at__isnull=True).first()


def use_invite(*, code: str, user) -> bool:
    """Claims the code for this user; False if someone used it first."""
    return bool(
        Invite.objects.filter(code=code.strip(), used_at__isnull=True).update(
            used_at=timezone.now(), used_by=user
        )
    )
