"""Readers' answers as the stats count them: who asked for the next chapter, and a reader's "reviewed" and
"asked" days recounted from what is left when a review is deleted, hidden, restored or edited."""

from django.db.models import Q

from quire.access.reading import counted_reviews
from quire.creators.selectors import creator_user_ids
from quire.feedback.models import MorePlease, Review
from quire.insights.days import site_day
from quire.insights.models import WorkReader
from quire.insights.recording import member_key, reader_key


def review_reader(review: Review) -> str:
    """The reviewer as the stats count readers; reviews from before Quire kept it are keyed by account."""
    if review.reader:
        return review.reader
    return member_key(review.work_id, review.user_id) if review.user_id else ""


def _button_reader(ask: MorePlease) -> str:
    if ask.user_id:
        return member_key(ask.work_id, ask.user_id)
    return reader_key(ask.work_id, guest_token=ask.guest_token) or f"address:{ask.pk}"


def readers_reviews(work):
    """Reviews and replies by readers: the writer's own replies are answers, not reviews."""
    return counted_reviews(work).exclude(user_id__in=list(creator_user_ids(work)))


def asked_for_next(work, chapters) -> int:
    """The people asking for the chapter after `chapters` (the posted ones), each once: by the button for that
    chapter, or in a review that asks, written since the latest chapter went up."""
    if work.posted_at is None or not chapters:
        return 0
    asking = {
        _button_reader(ask) for ask in MorePlease.objects.filter(work=work, for_chapter=len(chapters) + 1)
    }
    latest = max(c.posted_at for c in chapters)
    reviews = readers_reviews(work).filter(asks=True, parent__isnull=True, created_at__gte=latest)
    asking |= {
        review_reader(r) or f"review:{r.pk}" for r in reviews.only("pk", "work_id", "reader", "user_id")
    }
    return len(asking)


def recount_review_answers(review: Review) -> None:
    """Set the reviewer's first "reviewed" and "asked" days again from their reviews still counted (and their
    button asks), so a deleted or hidden review leaves the figures it made."""
    work = review.work
    reader = review_reader(review)
    if not reader or work.posted_at is None:
        return
    row = WorkReader.objects.filter(work=work, reader=reader).first()
    if row is None:
        return  # not folded yet: the fold reads the events
    posted_on = site_day(work.posted_at)

    def after(moment):
        return max(0, (site_day(moment) - posted_on).days)

    same = Q(reader=reader) | Q(reader="", user_id=review.user_id) if review.user_id else Q(reader=reader)
    theirs = list(readers_reviews(work).filter(same).only("created_at", "asks", "parent_id"))
    buttons = MorePlease.objects.filter(work=work).filter(
        Q(user_id=review.user_id) if review.user_id else Q(user__isnull=True)
    )
    asks = [r.created_at for r in theirs if r.asks and r.parent_id is None]
    asks += [a.created_at for a in buttons if _button_reader(a) == reader]
    row.reviewed_after = min((after(r.created_at) for r in theirs), default=None)
    row.asked_after = min((after(moment) for moment in asks), default=None)
    row.save(update_fields=["reviewed_after", "asked_after"])
