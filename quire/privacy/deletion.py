"""Deleting an account, as AO3 does: the member chooses to delete their works or to orphan them.

Orphaned works move to the account and pseud "orphan_account" and keep their text, reviews and kudos; the
old name is left nowhere they show (pages, blurbs, feeds, the search index, downloads, inbox messages).
Everything else of the member goes: their profile and email, pseuds (and with them the gifts made to the
member, whose names leave those works and their downloads), reviews and news comments (one others replied to
stays as the usual "deleted" placeholder, with no author), kudos, bookmarks, subscriptions, notifications,
reading history, marked for later, autosaves, API and catalog tokens, blocks and mutes, data exports, and
every session. Reports they filed stay for the moderators, without the reporter.

A work made with co-creators is never deleted with one creator's account, as on AO3: only the member's
share goes. Orphaning hands their credit to orphan_account; deleting removes it. The work stays credited to
the others, and its lead moves to the next creator when the member led it. Invitations they had not
answered go too.
"""

import shutil
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quire.access.writing import ARCHIVE
from quire.accounts.models import ORPHAN_USERNAME, User
from quire.accounts.services import create_user, end_sessions
from quire.creators.models import Creatorship
from quire.creators.selectors import credited_work_ids
from quire.creators.services import credit_creator, refresh_lead
from quire.discovery.indexing import index_works, reindex_credited_works
from quire.discovery.models import SearchDocument
from quire.exports.models import ExportBuild
from quire.feedback.counters import refresh_feedback_counts
from quire.feedback.models import Bookmark, Kudos, Review
from quire.follows.models import Notification
from quire.moderation.models import Invite, Report
from quire.news.services import remove_comments_of
from quire.privacy.data_export import discard_exports
from quire.series.models import Series
from quire.works import services as works_services
from quire.works.models import Work


class WorksChoice(StrEnum):
    ORPHAN = "orphan"
    DELETE = "delete"


def orphan_account() -> User:
    """The account orphaned works belong to; made on first use. Nobody can log in to it."""
    existing = User.objects.filter(username__iexact=ORPHAN_USERNAME).first()
    return existing or create_user(username=ORPHAN_USERNAME, email="", password=None)


def delete_account(user: User, *, works: WorksChoice) -> None:
    with transaction.atomic():
        work_ids, shared_ids = _works_of(user)
        touched = set(Kudos.objects.filter(user=user).values_list("work_id", flat=True))
        touched |= set(Bookmark.objects.filter(user=user).values_list("work_id", flat=True))
        touched |= _remove_reviews(user)
        remove_comments_of(user)  # their news comments, as their reviews
        _leave_shared_works(user, shared_ids, orphan=works == WorksChoice.ORPHAN)
        if works == WorksChoice.ORPHAN:
            _orphan_works(user, work_ids)
            touched |= set(work_ids)
        else:
            _delete_works(user, work_ids)
        _leave_series(user)
        # Their invitations not yet answered, and any credit left (chapters, series) that PROTECTs a pseud.
        Creatorship.objects.filter(user=user).delete()
        Report.objects.filter(reporter=user).update(reporter=None, email="")
        Invite.objects.filter(used_by=user).delete()  # the invitation holds their email address
        discard_exports(user)
        end_sessions(user)
        # Everything else of theirs (pseuds and the gifts to them, kudos, bookmarks, subscriptions, notifications, history,
        # autosaves, tokens, blocks, mutes, exclusions) goes with the account by its CASCADE foreign keys.
        user.delete()
        refresh_feedback_counts(touched)
    if works == WorksChoice.ORPHAN:
        index_works(work_ids)


def works_count(user) -> tuple[int, int]:
    """How many works the member made alone, and how many with co-creators: the delete page says both."""
    alone, shared = _works_of(user)
    return len(alone), len(shared)


def _works_of(user) -> tuple[list[int], list[int]]:
    """The works only this member made (their choice applies), and those they made with others."""
    credited = set(credited_work_ids(user=user).values_list("work_id", flat=True))
    credited |= set(Work.objects.filter(author=user).values_list("pk", flat=True))
    shared = set(
        Creatorship.objects.filter(work_id__in=credited, accepted_at__isnull=False)
        .exclude(user=user)
        .values_list("work_id", flat=True)
    )
    return sorted(credited - shared), sorted(shared)


def _leave_shared_works(user, work_ids: list[int], *, orphan: bool) -> None:
    """The member's share of works made with others: handed to orphan_account (orphaning) or removed
    (deleting). The others stay credited, and lead the work when the member did."""
    if not work_ids:
        return
    theirs = Creatorship.objects.filter(user=user, work_id__in=work_ids)
    if orphan:
        account = orphan_account()
        # A work that already credits orphan_account (another creator orphaned it) keeps that one credit.
        already = Creatorship.objects.filter(user=account, work_id__in=work_ids).values("work_id")
        theirs.filter(work_id__in=already).delete()
        # Listed after the creators still here, so one of them leads the work.
        theirs.update(user=account, pseud=account.default_pseud, accepted_at=timezone.now(), invited_by=None)
    else:
        theirs.delete()
    refresh_lead(work_ids)
    _forget_names(user, work_ids)
    # Now, while the account exists: the search documents it led would go with it.
    reindex_credited_works(work_ids)


def _forget_names(user, work_ids: list[int]) -> None:
    """Files and inbox messages that named the member under these works name nobody now."""
    old_names = {user.username, *user.pseuds.values_list("name", flat=True)}
    bylines = {pseud.byline for pseud in user.pseuds.all()}
    # updated_at moves, so every cached download's fingerprint changes and none shows the old name.
    Work.objects.filter(pk__in=work_ids).update(updated_at=timezone.now())
    ExportBuild.objects.filter(work_id__in=work_ids).delete()
    for work_id in work_ids:
        folder = Path(settings.EXPORTS_DIR) / str(work_id)
        transaction.on_commit(lambda folder=folder: shutil.rmtree(folder, ignore_errors=True))
    # Readers' inbox messages about these works named the writer ("… by name"): they now name nobody.
    for notification in Notification.objects.filter(work_id__in=work_ids).exclude(user=user):
        text = notification.text
        for name in sorted(bylines | old_names, key=len, reverse=True):
            text = text.replace(name, ORPHAN_USERNAME)
        if text != notification.text:
            Notification.objects.filter(pk=notification.pk).update(text=text[:500])


def _remove_reviews(user) -> set[int]:
    """Delete their reviews; one that others replied to stays as an authorless "deleted" placeholder, as
    when a reviewer deletes it themselves, so the replies keep their thread."""
    reviews = Review.objects.filter(user=user)
    work_ids = set(reviews.values_list("work_id", flat=True))
    review_ids = list(reviews.values_list("pk", flat=True))
    Notification.objects.filter(
        key__in=[f"{kind}:{pk}" for pk in review_ids for kind in ("review", "reply")]
    ).delete()
    # Leaves first: a review whose only replies are their own empties out and can go too.
    while leaves := list(reviews.filter(replies__isnull=True).values_list("pk", flat=True)):
        Review.objects.filter(pk__in=leaves).delete()
    reviews.update(
        user=None, guest_name="", body="", body_html="", status=Review.Status.DELETED, idempotency_key=None
    )
    return work_ids


def _orphan_works(user, work_ids: list[int]) -> None:
    if not work_ids:
        return
    orphan = orphan_account()
    Work.objects.filter(pk__in=work_ids).update(author=orphan, pseud=orphan.default_pseud)
    # The credits follow the work (each of these works credits this member alone).
    Creatorship.objects.filter(user=user, work_id__in=work_ids).update(
        user=orphan, pseud=orphan.default_pseud, invited_by=None
    )
    # Now, not only at the reindex after commit: the account's deletion would take the documents with it.
    SearchDocument.objects.filter(work_id__in=work_ids).update(author=orphan)
    _forget_names(user, work_ids)
    for series in Series.objects.credited_to(user).filter(entries__work_id__in=work_ids).distinct():
        credit_creator(series, orphan.default_pseud)


def _delete_works(user, work_ids: list[int]) -> None:
    for work in Work.objects.filter(pk__in=work_ids):
        # Leaving is always allowed, suspended or not: the member's choice, not a write to the archive.
        works_services.delete_work(work=work, user=ARCHIVE)


def _leave_series(user) -> None:
    for series in Series.objects.credited_to(user):
        series.creatorships.filter(user=user).delete()
        if not series.creatorships.filter(accepted_at__isnull=False).exists():
            series.delete()
