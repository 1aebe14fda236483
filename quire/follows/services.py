"""Following works and authors, and telling people what happened: inbox first, email as they chose."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from quire.access.reading import may_be_told
from quire.accounts.models import EmailFrequency, User
from quire.core.mail import subject_line
from quire.core.site import absolute_url as site_url
from quire.core.tasks import named
from quire.follows.models import Notification, Subscription
from quire.insights.models import ReadEvent
from quire.insights.recording import record_answer

logger = logging.getLogger("quire.follows")

FANOUT_BATCH = 2000
EMAIL_BATCH = 200
# Immediate emails that failed are retried by the periodic sweep for this long, then left in the inbox only.
RETRY_WINDOW = timedelta(days=1)
# A notification this new may still be in its first send's queue: the sweep leaves it to that send.
RETRY_AFTER = timedelta(minutes=5)


def subscribe(*, user, work=None, author=None, series=None) -> Subscription:
    if author is not None and author.pk == user.pk:
        raise ValueError("You cannot subscribe to yourself.")
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(user=user, work=work, author=author, series=series)
    except IntegrityError:  # already subscribed: a double click is not an error
        return Subscription.objects.get(user=user, work=work, author=author, series=series)
    if work is not None:
        record_answer(work, ReadEvent.Kind.FOLLOW, user=user)
    return subscription


def unsubscribe(*, user, work=None, author=None, series=None) -> None:
    Subscription.objects.filter(user=user, work=work, author=author, series=series).delete()


def notify(
    *, user_ids: Iterable[int], kind: str, key: str, text: str, url: str, work=None, review=None
) -> list[int]:
    """Store one notification per user for this event (`key`); users who already have it get nothing new.

    Returns the ids of the notifications created now, for emailing.
    """
    user_ids = list(dict.fromkeys(user_ids))
    created = []
    for start in range(0, len(user_ids), FANOUT_BATCH):
        batch = user_ids[start : start + FANOUT_BATCH]
        Notification.objects.bulk_create(
            [
                Notification(user_id=uid, kind=kind, key=key, text=text, url=url, work=work, review=review)
                for uid in batch
            ],
            ignore_conflicts=True,
            batch_size=FANOUT_BATCH,
        )
        # ignore_conflicts gives no ids back; these are the rows this event owns and nobody has emailed yet.
        created += list(
            Notification.objects.filter(key=key, user_id__in=batch, emailed_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
    return created


def queue_emails(notification_ids: list[int]) -> None:
    immediate = list(
        Notification.objects.filter(
            pk__in=notification_ids, user__email_notifications=EmailFrequency.IMMEDIATELY
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(immediate), EMAIL_BATCH):
        named("quire.follows.tasks.send_notification_emails").enqueue(immediate[start : start + EMAIL_BATCH])


def _claim(notification_ids: Iterable[int]) -> list[Notification]:
    """Mark these as emailed before sending, so a task run twice (or by two workers) sends one email:
    each row is claimed by exactly one UPDATE. A send that fails gives its rows back (`_unclaim`)."""
    stamp = timezone.now()
    Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True).update(
        emailed_at=stamp
    )
    return list(
        Notification.objects.filter(pk__in=list(notification_ids), emailed_at=stamp).select_related(
            "user", "work"
        )
    )


def _unclaim(notifications: list[Notification]) -> None:
    """The email did not go: the rows are unsent again, so the next run (the digest's next hour, or the
    sweep for immediate emails) sends them. Only rows still carrying this claim's stamp are released."""
    Notification.objects.filter(
        pk__in=[n.pk for n in notifications], emailed_at__in={n.emailed_at for n in notifications}
    ).update(emailed_at=None)


def _send(subject: str, body: str, address: str) -> bool:
    try:
        send_mail(subject, body, None, [address])
    except Exception:  # the mail server, the network, a header it refuses: logged, and the rows retried
        logger.exception("An email to %s could not be sent; it will be retried", address)
        return False
    return True


# Why this email came: a reader who only reviewed was once told "because you follow this work".
EMAIL_REASONS = {
    Notification.Kind.NEW_CHAPTER: "you follow this work or its author",
    Notification.Kind.NEW_WORK: "you follow this author or series",
    Notification.Kind.REVIEW: "someone reviewed your work",
    Notification.Kind.REPLY: "someone replied to your review",
    Notification.Kind.KUDOS: "readers left kudos on your work",
    Notification.Kind.BOOKMARK: "readers bookmarked your work",
    Notification.Kind.MODERATION: "the moderators wrote to you",
    Notification.Kind.RELATED: "a work names yours as what it was made from",
    Notification.Kind.GIFT: "a writer gave you a work",
    Notification.Kind.CREATOR_INVITATION: "a writer invited you to be a co-creator",
    Notification.Kind.COLLECTION: "you follow this collection, or it invites your work or bookmark",
    Notification.Kind.CHALLENGE: "you take part in this challenge",
}


def send_notification_emails(notification_ids: list[int]) -> int:
    sent = 0
    for notification in _claim(notification_ids):
        user = notification.user
        if not user.email or not user.is_active or not may_be_told(user, notification.work):
            continue
        body = render_to_string(
            "follows/email/notification.txt",
            {
                "user": user,
                "notification": notification,
                "url": site_url(notification.url),
                "reason": EMAIL_REASONS.get(notification.kind, "of activity on this archive"),
                "follows": notification.kind in (Notification.Kind.NEW_CHAPTER, Notification.Kind.NEW_WORK),
            },
        )
        if _send(subject_line(notification.text), body, user.email):
            sent += 1
        else:
            _unclaim([notification])
    return sent


def retry_unsent_emails() -> int:
    """Periodic: send again the immediate emails whose send failed (their rows were given back unsent).
    Moderators' messages are left out: the moderation service emails those itself."""
    now = timezone.now()
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__gte=now - RETRY_WINDOW,
            created_at__lt=now - RETRY_AFTER,
            user__email_notifications=EmailFrequency.IMMEDIATELY,
        )
        .exclude(kind=Notification.Kind.MODERATION)
        .order_by("pk")
        .values_list("pk", flat=True)[:EMAIL_BATCH]
    )
    return send_notification_emails(ids) if ids else 0


def send_daily_digests() -> int:
    """One email per daily-digest reader with everything before today not yet sent. Running it more often
    than daily changes nothing: today's news waits for tomorrow's digest."""
    sent = 0
    today = timezone.make_aware(timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time()))
    waiting = (
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__lt=today, user__email_notifications=EmailFrequency.DAILY
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user in User.objects.filter(pk__in=list(waiting), is_active=True):
        ids = Notification.objects.filter(
            user=user, emailed_at__isnull=True, created_at__lt=today
        ).values_list("pk", flat=True)
        claimed = [n for n in _claim(ids) if may_be_told(user, n.work)]
        if claimed and user.email:
            body = render_to_string(
                "follows/email/digest.txt",
                {
                    "user": user,
                    "items": [(n, site_url(n.url)) for n in claimed],
                    "site_name": settings.SITE_NAME,
                },
            )
            subject = subject_line(f"{len(claimed)} new update{'s' if len(claimed) != 1 else ''}")
            if _send(subject, body, user.email):
                sent += 1
            else:
                _unclaim(claimed)
    return sent
