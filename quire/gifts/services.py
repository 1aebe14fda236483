"""Giving a work, telling its recipients, and refusing a gift. The posting and edit forms, the API and the
demo all give through `set_gifts`, so the same names are understood and the same gifts refused everywhere."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quire.access.reading import may_hear_of, public_byline
from quire.access.writing import ensure_may_edit_work
from quire.accounts.models import ORPHAN_USERNAME, Pseud, User
from quire.accounts.selectors import split_byline
from quire.core.tasks import enqueue_after_commit
from quire.creators.selectors import creator_user_ids
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.gifts.models import NAME_MAX, Gift
from quire.moderation.models import Block
from quire.works.models import Work

# More would be a mailing list, not a gift; the form says so rather than telling 500 inboxes.
MAX_RECIPIENTS = 30
FIELD = "recipients"


@dataclass(frozen=True)
class Recipient:
    """One name typed in "Gift to": a member's pseud, or a name of someone not on the archive."""

    pseud: Pseud | None = None
    name: str = ""

    def __str__(self):
        return self.pseud.byline if self.pseud else self.name


def split_names(typed: str) -> list[str]:
    """Comma-separated names, trimmed, each once (ignoring case), in the order typed."""
    names, seen = [], set()
    for raw in (typed or "").split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _written_as(pseud: Pseud) -> str:
    return f"“{pseud.name} ({pseud.user.username})”"


def _resolve_one(name: str) -> Recipient:
    pseud_name, username = split_byline(name)
    if username is not None:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise ValidationError(
                f"“{name}”: there is no member called “{username}”. To give the work to someone who is not "
                "a member, type their name without the brackets."
            )
        pseud = user.pseuds.filter(name__iexact=pseud_name).select_related("user").first()
        if pseud is None:
            pseuds = ", ".join(f"“{p.name}”" for p in user.pseuds.all())
            raise ValidationError(
                f"“{name}”: {user.username} has no pseud called “{pseud_name}” (their pseuds: {pseuds})."
            )
        return Recipient(pseud=pseud)
    candidates = list(Pseud.objects.filter(name__iexact=name).select_related("user").order_by("pk"))
    # "Name" alone is the member of that username when they write under it (AO3's reading of a byline),
    # else the only member writing as Name; several leave the writer to choose.
    own = [p for p in candidates if p.user.username.casefold() == name.casefold()]
    if own or len(candidates) == 1:
        return Recipient(pseud=(own or candidates)[0])
    if candidates:
        choices = " or ".join(_written_as(p) for p in candidates[:5])
        raise ValidationError(
            f"“{name}”: several members write as {name}. Type {choices} to say which one you mean."
        )
    if len(name) > NAME_MAX:
        raise ValidationError(f"“{name[:40]}…”: a name can have at most {NAME_MAX} characters.")
    if not any(c.isalnum() for c in name):
        raise ValidationError(f"“{name}”: a name needs at least one letter or number.")
    return Recipient(name=name)


def resolve(names: list[str], *, given_names=frozenset()) -> list[Recipient]:
    """Who each typed name is, or a ValidationError with every name that could not be understood (each
    message quotes the name, so the writer knows which to fix). `given_names` (casefolded) are names the
    work is already a gift to: they stay names, even once a member writes under one of them."""
    if len(names) > MAX_RECIPIENTS:
        raise ValidationError(
            f"A work can be a gift to at most {MAX_RECIPIENTS} people; you typed {len(names)}."
        )
    if any("\x00" in name for name in names):
        raise ValidationError("Null characters are not allowed.")
    recipients, errors = [], []
    for name in names:
        if name.casefold() in given_names:
            recipients.append(Recipient(name=name))
            continue
        try:
            recipients.append(_resolve_one(name))
        except ValidationError as error:
            errors.extend(error.messages)
    members = {}
    for recipient in recipients:
        if recipient.pseud is None:
            continue
        earlier = members.setdefault(recipient.pseud.user_id, recipient.pseud)
        if earlier != recipient.pseud:
            errors.append(
                f"{_written_as(earlier)} and {_written_as(recipient.pseud)} are the same member: "
                "a work is a gift to each member once."
            )
    if errors:
        raise ValidationError(errors)
    return recipients


def gift_refusal(recipient: Recipient, giver_ids) -> str:
    """Why this member may not be given a work by these writers, or "": they blocked one of them, or the
    account is closed or is the archive's orphan account (nobody there to be told or to refuse it)."""
    if recipient.pseud is None:
        return ""
    account = recipient.pseud.user
    if not account.is_active or account.username == ORPHAN_USERNAME:
        return f"{recipient} is a closed account, so the work cannot be a gift to them."
    if Block.objects.filter(blocker_id=recipient.pseud.user_id, blocked_id__in=giver_ids).exists():
        return f"{recipient} does not accept gifts from you, so the work cannot be a gift to them."
    return ""


def _giver_ids(work, user) -> set[int]:
    # The one writing now and every creator of the work; ARCHIVE (no account) is nobody one could block.
    return {*creator_user_ids(work), work.author_id, *([user.pk] if user.pk is not None else [])}


def _matches(gift: Gift, recipient: Recipient) -> bool:
    if recipient.pseud is not None:
        return gift.pseud_id is not None and gift.pseud.user_id == recipient.pseud.user_id
    return gift.pseud_id is None and gift.recipient_name.casefold() == recipient.name.casefold()


@transaction.atomic
def set_gifts(*, work, user, names: list[str]) -> list[Gift]:
    """Make the work a gift to exactly these names (what "Gift to" holds); raises ValidationError, keyed by
    the form's field, when a name cannot be understood or its member blocked the writer.

    Refused gifts stay refused and unseen: typing the name again gives nothing, and says nothing either, so
    the writer never learns of the refusal (AO3 keeps them for the same reason). The members given the work
    now are told once it is posted."""
    ensure_may_edit_work(user, work)
    existing = list(work.gifts.select_related("pseud__user"))
    given_names = {gift.recipient_name.casefold() for gift in existing if not gift.pseud_id}
    try:
        recipients = resolve(names, given_names=given_names)
    except ValidationError as error:
        raise ValidationError({FIELD: error.messages}) from None
    kept, added, refusals = set(), [], []
    givers = _giver_ids(work, user)
    for recipient in recipients:
        gift = next((g for g in existing if _matches(g, recipient)), None)
        if gift is not None:
            kept.add(gift.pk)
            if gift.refused_at is None and recipient.pseud and gift.pseud_id != recipient.pseud.pk:
                gift.pseud = recipient.pseud  # the same member, under another of their pseuds
                gift.save(update_fields=["pseud"])
            continue
        if reason := gift_refusal(recipient, givers):
            refusals.append(reason)
            continue
        added.append(Gift(work=work, pseud=recipient.pseud, recipient_name=recipient.name))
    if refusals:
        raise ValidationError({FIELD: refusals})
    Gift.objects.filter(work=work, refused_at__isnull=True).exclude(pk__in=kept).delete()
    Gift.objects.bulk_create(added)
    if any(gift.pseud_id for gift in added) and may_hear_of(work):
        enqueue_after_commit("quire.gifts.tasks.announce_gifts", work.pk)
    return list(work.gifts.shown().select_related("pseud__user"))


def announce_gifts(work_id: int) -> int:
    """Tell each member this work is given to, once per work, when it is out (posted, not hidden); queued
    when a work is posted and when a posted work is given to someone new."""
    work = Work.objects.select_related("pseud__user").filter(pk=work_id).first()
    if work is None or not may_hear_of(work):
        return 0
    members = (
        work.gifts.shown()
        .filter(pseud__isnull=False)
        .exclude(pseud__user_id__in={*creator_user_ids(work), work.author_id})
        .values_list("pseud__user_id", flat=True)
    )
    ids = notify(
        user_ids=list(members),
        kind=Notification.Kind.GIFT,
        key=f"gift:{work.pk}",
        text=f"{public_byline(work)} gave you a work: {work.title}",
        url=work.get_absolute_url(),
        work=work,
    )
    queue_emails(ids)
    return len(ids)


def _own_gift(user, gift_id: int) -> Gift:
    gift = Gift.objects.filter(pk=gift_id, pseud__user=user).select_related("work").first()
    if gift is None:
        raise Gift.DoesNotExist("You have no gift with that number.")
    return gift


def refuse_gift(*, user, gift_id: int) -> Gift:
    """The recipient takes their name off the work. The writer is not told; refusing is always allowed,
    suspended or not, as it only removes the member's own name."""
    gift = _own_gift(user, gift_id)
    if gift.refused_at is None:
        gift.refused_at = timezone.now()
        gift.save(update_fields=["refused_at"])
    return gift


def accept_gift(*, user, gift_id: int) -> Gift:
    """Undo a refusal: the recipient's name is on the work again."""
    gift = _own_gift(user, gift_id)
    if gift.refused_at is not None:
        gift.refused_at = None
        gift.save(update_fields=["refused_at"])
    return gift
