"""What each event tells whom. Every message goes only to people who may see what it points at."""

from django.db.models import Count
from django.utils import timezone

from quire.access.reading import (
    creators_public,
    mask_creators_reviews,
    may_hear_of,
    may_hear_of_feedback,
    posted_chapters,
    public_byline,
)
from quire.core.tasks import enqueue_after_commit
from quire.creators.selectors import credits_prefetch
from quire.feedback.models import Bookmark, Kudos, Review
from quire.follows.models import Notification, Subscription
from quire.follows.selectors import creators_of_work, subscribers_of
from quire.follows.services import notify, queue_emails
from quire.related.services import announce_relations
from quire.series.models import SeriesWork
from quire.works.models import Chapter, Work


def announce_chapter(chapter_id: int) -> int:
    chapter = Chapter.objects.select_related("work__pseud__user").filter(pk=chapter_id).first()
    if chapter is None or not chapter.is_posted or not may_hear_of(chapter.work):
        return 0
    work = chapter.work
    number = posted_chapters(work).filter(position__lte=chapter.position).count()
    title = f": {chapter.title}" if chapter.title else ""
    ids = notify(
        user_ids=subscribers_of(work),
        kind=Notification.Kind.NEW_CHAPTER,
        key=f"chapter:{chapter.pk}",
        text=f"{work.title} by {public_byline(work)}: chapter {number}{title} is up",
        url=chapter.get_absolute_url(),
        work=work,
    )
    queue_emails(ids)
    return len(ids)


def announce_work(work_id: int) -> int:
    work = Work.objects.select_related("pseud__user").filter(pk=work_id).first()
    if work is None or not may_hear_of(work):
        return 0
    # A draft that filled a prompt tells its prompter now (quire.prompts).
    enqueue_after_commit("quire.prompts.tasks.tell_prompters", work.pk)
    if not creators_public(work):
        # Telling its creators' followers, or the subscribers of a series that names them, would name them.
        return announce_relations(work.pk)

    # The followers of each of its creators hear of it, once each.
    creators = creators_of_work(work)
    followers = (
        Subscription.objects.filter(author_id__in=creators)
        .exclude(user_id__in=creators)
        .values_list("user_id", flat=True)
    )
    ids = notify(
        user_ids=followers,
        kind=Notification.Kind.NEW_WORK,
        key=f"work:{work.pk}",
        text=f"{public_byline(work)} posted a new work: {work.title}",
        url=work.get_absolute_url(),
        work=work,
    )
    queue_emails(ids)
    return len(ids) + announce_series_work(work.pk) + announce_relations(work.pk)


def announce_series_work(work_id: int, series_id: int | None = None) -> int:
    """Tell each series' subscribers of a posted work in it, except those already told of this work (as the
    writer's followers, or through another series): each reader hears of a new work once."""
    work = Work.objects.select_related("pseud__user").filter(pk=work_id).first()
    if work is None or not may_hear_of(work) or not creators_public(work):
        return 0  # a series names its creators: an anonymous work is not announced in it
    entries = list(SeriesWork.objects.filter(work=work).select_related("series").order_by("series_id"))
    keys = [f"work:{work.pk}"] + [f"series:{entry.series_id}:work:{work.pk}" for entry in entries]
    sent = []
    for entry in entries:
        if series_id is not None and entry.series_id != series_id:
            continue
        key = f"series:{entry.series_id}:work:{work.pk}"
        readers = set(
            Subscription.objects.filter(series_id=entry.series_id)
            .exclude(user_id__in=creators_of_work(work))
            .values_list("user_id", flat=True)
        )
        told = Notification.objects.filter(user_id__in=readers, key__in=[k for k in keys if k != key])
        sent += notify(
            user_ids=sorted(readers - set(told.values_list("user_id", flat=True))),
            kind=Notification.Kind.NEW_WORK,
            key=key,
            text=f"New in the series {entry.series.title}: {work.title} by {public_byline(work)}",
            url=work.get_absolute_url(),
            work=work,
        )
    queue_emails(sent)
    return len(sent)


def announce_review(review_id: int) -> int:
    review = (
        Review.objects.select_related("work", "user", "pseud__user", "parent__user", "parent__pseud__user")
        .filter(pk=review_id)
        .first()
    )
    if review is None or review.is_deleted or review.hidden_at or not may_hear_of_feedback(review.work):
        return 0
    work, sent = review.work, []
    # Every creator moderates and answers reviews, so each is told (not the one who wrote it).
    writers = creators_of_work(work)
    if review.user_id not in writers:
        waiting = " (waiting for your approval)" if review.status == Review.Status.PENDING else ""
        sent += notify(
            user_ids=writers,
            kind=Notification.Kind.REVIEW,
            key=f"review:{review.pk}",
            text=f"{review.author_name} reviewed {work.title}{waiting}",
            url=review.get_absolute_url(),
            work=work,
            review=review,
        )
    parent = review.parent
    told_as_writer = parent is not None and parent.user_id in writers and review.user_id not in writers
    if (
        review.status == Review.Status.PUBLISHED
        and parent is not None
        and parent.user_id
        and parent.user_id != review.user_id
        and not told_as_writer
    ):
        # A creator answering on their anonymous work is "Anonymous Creator" to the reader they answer.
        mask_creators_reviews(parent.user, work, [review])
        sent += notify(
            user_ids=[parent.user_id],
            kind=Notification.Kind.REPLY,
            key=f"reply:{review.pk}",
            text=f"{review.author_name} replied to your review of {work.title}",
            url=review.get_absolute_url(),
            work=work,
            review=review,
        )
    queue_emails(sent)
    return len(sent)


def summarize_feedback() -> int:
    """Writers hear of kudos and bookmarks in one message per work per day, updated as more arrive."""
    today = timezone.localdate()
    start = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    kudos = dict(Kudos.objects.filter(created_at__gte=start).values_list("work_id").annotate(n=Count("pk")))
    bookmarks = dict(
        Bookmark.objects.filter(created_at__gte=start, private=False)
        .values_list("work_id")
        .annotate(n=Count("pk"))
    )
    updated = 0
    works = Work.objects.filter(pk__in=set(kudos) | set(bookmarks)).only("pk", "title", "author_id")
    for work in works.prefetch_related(credits_prefetch()):
        for kind, counts, one, many in (
            (Notification.Kind.KUDOS, kudos, "kudos", "kudos"),
            (Notification.Kind.BOOKMARK, bookmarks, "bookmark", "bookmarks"),
        ):
            count = counts.get(work.pk)
            if not count:
                continue
            text = f"{work.title} got {count} {one if count == 1 else many} today"
            for writer_id in creators_of_work(work):
                notification, created = Notification.objects.get_or_create(
                    user_id=writer_id,
                    key=f"{kind}:{work.pk}:{today.isoformat()}",
                    defaults={"kind": kind, "text": text, "url": work.get_absolute_url(), "work": work},
                )
                if not created and notification.text != text:
                    Notification.objects.filter(pk=notification.pk).update(text=text, read_at=None)
            updated += 1
    return updated
