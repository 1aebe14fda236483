"""Writing who is credited: posting credits its writer; co-creators are invited, accept or decline, and leave.

An invitation is a Creatorship without `accepted_at`. It gives nothing (no byline, no edit rights) until its
member accepts it. A chapter's creator is credited on the work too, as on AO3.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quire.access.writing import (
    ensure_may_answer_invitation,
    ensure_may_edit_work,
    ensure_may_invite,
    ensure_may_withdraw_invitation,
    ensure_not_barred,
)
from quire.creators.models import Creatorship
from quire.creators.selectors import credited_thing, forget_credits, invitation_key, thing_field
from quire.discovery.indexing import reindex_credited_works
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.insights.recording import forget_reader
from quire.works.models import Work

LAST_CREATOR = (
    "You are its only creator, so you cannot remove yourself: invite a co-creator first, or delete or "
    "orphan it instead."
)


def credit_creator(thing, pseud, *, invited_by=None) -> Creatorship:
    """Credit `pseud` on a work, chapter or series at once (the one who posts it, or an accepted invitation)."""
    creatorship, _ = Creatorship.objects.update_or_create(
        user=pseud.user,
        **{thing_field(thing): thing},
        defaults={"pseud": pseud, "accepted_at": timezone.now(), "invited_by": invited_by},
    )
    forget_credits(thing)
    return creatorship


@transaction.atomic
def invite_creator(*, thing, pseud, inviter) -> Creatorship:
    """Invite the member who writes as `pseud` to be credited on `thing`; they are told in their inbox."""
    ensure_may_invite(inviter, thing, pseud.user)
    field = thing_field(thing)
    existing = Creatorship.objects.filter(user=pseud.user, **{field: thing}).first()
    if existing is not None:
        raise PermissionDenied(
            f"{pseud.byline} is already "
            + ("one of its creators." if existing.is_accepted else "invited; the invitation is waiting.")
        )
    creatorship = Creatorship.objects.create(
        pseud=pseud, user=pseud.user, invited_by=inviter, **{field: thing}
    )
    what = {"work": "the work", "chapter": "a chapter of", "series": "the series"}[field]
    title = thing.work.title if field == "chapter" else thing.title
    # No `work` on the message: the invitee may not be able to see a draft yet, and the inbox is where
    # they answer.
    ids = notify(
        user_ids=[pseud.user_id],
        kind=Notification.Kind.CREATOR_INVITATION,
        key=invitation_key(creatorship),
        text=f"{inviter.username} invited you ({pseud.name}) to be a co-creator of {what} {title}",
        url=reverse("follows:inbox") + f"#invitation-{creatorship.pk}",
    )
    queue_emails(ids)
    return creatorship


@transaction.atomic
def accept_invitation(*, creatorship: Creatorship, user) -> Creatorship:
    ensure_may_answer_invitation(user, creatorship)
    ensure_not_barred(user)
    if creatorship.is_accepted:
        return creatorship
    if creatorship.chapter_id:
        chapter = creatorship.chapter
        if not chapter.creatorships.filter(accepted_at__isnull=False).exists():
            _credit_work_creators_on_chapter(chapter)
        # A chapter's co-creator is one of the work's creators too (AO3 does the same).
        if not Creatorship.objects.filter(
            work=chapter.work_id, user=user, accepted_at__isnull=False
        ).exists():
            credit_creator(chapter.work, creatorship.pseud, invited_by=creatorship.invited_by)
    creatorship.accepted_at = timezone.now()
    creatorship.save(update_fields=["accepted_at"])
    if work := creatorship.work or (creatorship.chapter and creatorship.chapter.work):
        forget_reader(work, user)
        reindex_credited_works([work.pk])  # found by the new creator's names from now on
    _close_invitation(creatorship)
    return creatorship


@transaction.atomic
def credit_chapter_as(*, chapter, user, pseud) -> None:
    """The member's pseud on one chapter (its form's pseud select). A chapter credited to the work's creators
    keeps that until one of them chooses another pseud for it: then it gets credits of its own, the work's,
    with this member's pseud changed."""
    ensure_may_edit_work(user, chapter.work)
    if pseud.user_id != user.pk:
        raise PermissionDenied("That pseud is not yours.")
    own = Creatorship.objects.filter(chapter=chapter, accepted_at__isnull=False)
    if not own.exists():
        on_work = Creatorship.objects.filter(work=chapter.work_id, user=user, accepted_at__isnull=False)
        if on_work.filter(pseud=pseud).exists():
            return
        _credit_work_creators_on_chapter(chapter)
    Creatorship.objects.filter(chapter=chapter, user=user).update(pseud=pseud)
    forget_credits(chapter)


def _credit_work_creators_on_chapter(chapter) -> None:
    """A chapter that gets creators of its own keeps its writers: until now its byline was the work's, so the
    work's creators are credited on it first (the lead stays first in the chapter's byline)."""
    Creatorship.objects.bulk_create(
        [
            Creatorship(chapter=chapter, user_id=c.user_id, pseud_id=c.pseud_id, accepted_at=c.accepted_at)
            for c in Creatorship.objects.filter(work=chapter.work_id, accepted_at__isnull=False)
        ],
        ignore_conflicts=True,
    )
    forget_credits(chapter)


@transaction.atomic
def decline_invitation(*, creatorship: Creatorship, user) -> None:
    """The invitee says no: the invitation is gone, and they are never credited."""
    ensure_may_answer_invitation(user, creatorship)
    if creatorship.is_accepted:
        raise PermissionDenied("You already accepted it; remove yourself as a creator instead.")
    _close_invitation(creatorship)
    creatorship.delete()


@transaction.atomic
def withdraw_invitation(*, creatorship: Creatorship, user) -> None:
    ensure_may_withdraw_invitation(user, creatorship, credited_thing(creatorship))
    if creatorship.is_accepted:
        raise PermissionDenied("They already accepted; only they can remove themselves.")
    _close_invitation(creatorship)
    creatorship.delete()


@transaction.atomic
def remove_self(*, thing, user) -> None:
    """A creator stops being credited (and owning it). The last creator cannot: the work would have nobody.
    Leaving a work leaves its chapters too; when the lead leaves, the next creator becomes the lead."""
    field = thing_field(thing)
    credits = list(
        Creatorship.objects.select_for_update()
        .filter(accepted_at__isnull=False, **{field: thing})
        .order_by("accepted_at", "id")
    )
    mine = [credit for credit in credits if credit.user_id == user.pk]
    if not mine:
        raise PermissionDenied("You are not one of its creators.")
    if len(credits) == 1 and field != "chapter":
        raise PermissionDenied(LAST_CREATOR)
    Creatorship.objects.filter(pk=mine[0].pk).delete()
    if field == "work":
        Creatorship.objects.filter(chapter__work=thing, user=user).delete()
        if thing.author_id == user.pk:
            lead = next(credit for credit in credits if credit.user_id != user.pk)
            type(thing).objects.filter(pk=thing.pk).update(author_id=lead.user_id, pseud_id=lead.pseud_id)
            thing.refresh_from_db(fields=["author", "pseud"])
        reindex_credited_works([thing.pk])  # no longer found by the name of who left
    forget_credits(thing)


def _close_invitation(creatorship: Creatorship) -> None:
    Notification.objects.filter(user_id=creatorship.user_id, key=invitation_key(creatorship)).delete()


@transaction.atomic
def leave_shared(user) -> None:
    """An account about to be deleted leaves what it shares: co-created works and series stay with their
    other creators (the lead's place passing on), its invitations and chapter credits go. What it made alone is
    left for the caller to delete (a work's pseud is protected, so this runs before the account goes)."""
    Creatorship.objects.filter(user=user, accepted_at__isnull=True).delete()
    for credit in Creatorship.objects.filter(user=user, accepted_at__isnull=False).exclude(
        chapter__isnull=False
    ):
        thing = credited_thing(credit)
        others = Creatorship.objects.filter(**{thing_field(thing): thing}, accepted_at__isnull=False)
        if others.exclude(user=user).exists():
            remove_self(thing=thing, user=user)
    Creatorship.objects.filter(user=user, chapter__isnull=False).delete()


def refresh_lead(work_ids) -> None:
    """After a creator leaves: each work's lead (`Work.author`, `Work.pseud`) becomes its first accepted
    creator, so listings, sorting and the byline's first name follow the credits."""
    leads = (
        Creatorship.objects.filter(work_id__in=list(work_ids), accepted_at__isnull=False)
        .order_by("work_id", "accepted_at", "id")
        .values_list("work_id", "user_id", "pseud_id")
    )
    first = {}
    for work_id, user_id, pseud_id in leads:
        first.setdefault(work_id, (user_id, pseud_id))
    for work in Work.objects.filter(pk__in=first).only("pk", "author_id", "pseud_id"):
        user_id, pseud_id = first[work.pk]
        if (work.author_id, work.pseud_id) != (user_id, pseud_id):
            Work.objects.filter(pk=work.pk).update(author_id=user_id, pseud_id=pseud_id)
