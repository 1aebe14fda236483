"""Every change to a gift exchange goes through here: its set-up, sign-ups, the matching and the assignments
made from it, defaults, pinch hits and the works that fulfil them. Each function checks quire.access first.

Tags are matched by their filing key (a synonym's canonical tag, as listings file works), so a request for
"Sherlock (TV)" and an offer of its synonym "BBC Sherlock" meet."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from quire.access.writing import (
    ensure_may_change_signup,
    ensure_may_claim_pinch_hit,
    ensure_may_fulfil_assignment,
    ensure_may_give_for,
    ensure_may_maintain_collection,
    ensure_may_sign_up,
)
from quire.collections.models import MAINTAINERS, Collection, CollectionRole
from quire.collections.services import add_work
from quire.core.tasks import enqueue_after_commit
from quire.exchanges.matching import Entry, MatchRules, Participant, match, pairing_overlap
from quire.exchanges.models import (
    DESCRIPTION_MAX,
    ENTRIES_MAX,
    Assignment,
    EntryKind,
    Exchange,
    Signup,
    SignupEntry,
)
from quire.follows.models import Notification
from quire.follows.services import notify, queue_emails
from quire.gifts.services import set_gifts
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.tags.selectors import tags_named
from quire.works.models import Work

logger = logging.getLogger("quire.exchanges")

# Matching this many sign-ups takes well under a second (the matching's bench does 3,000 in a few): done in
# the maintainer's request, so they see the result at once. A bigger exchange is matched by the worker, and
# the assignments page says it is running until it is done.
MATCH_INLINE_MAX = 500

# Each field of a request or offer, with the type of tag it takes; the tag set limits the first three.
ENTRY_FIELDS = {
    "fandoms": TagType.FANDOM,
    "characters": TagType.CHARACTER,
    "relationships": TagType.RELATIONSHIP,
    "other_tags": TagType.ADDITIONAL,
}
FIELD_OF_TYPE = {tag_type: name for name, tag_type in ENTRY_FIELDS.items()}
SET_FIELDS = {"fandoms": "any_fandom", "characters": "any_character", "relationships": "any_relationship"}
PLURAL = {"fandoms": "fandoms", "characters": "characters", "relationships": "relationships"}


def split_tag_names(typed: str) -> list[str]:
    """Comma-separated names, trimmed, each once (ignoring case), in the order typed."""
    names, seen = [], set()
    for raw in (typed or "").split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def filing_key(tag: Tag) -> int:
    """The tag works are filed under: a synonym's canonical tag, else the tag itself."""
    return tag.merger_id or tag.pk


# --- Set-up --------------------------------------------------------------------------------------------


@dataclass
class ExchangeFields:
    signups_open_at: datetime
    signups_close_at: datetime
    fandoms: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    any_fandom: bool = False
    any_character: bool = True
    any_relationship: bool = True
    requests_min: int = 1
    requests_max: int = 3
    offers_min: int = 1
    offers_max: int = 3
    match_character: bool = False
    match_relationship: bool = False
    min_overlap: int = 0
    assignments_due_at: datetime | None = None
    reveal_at: datetime | None = None
    reveal_creators_at: datetime | None = None


def _check_setup(fields: ExchangeFields) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for side in ("requests", "offers"):
        low, high = getattr(fields, f"{side}_min"), getattr(fields, f"{side}_max")
        if low > high:
            errors.setdefault(f"{side}_max", []).append(
                f"The most {side} ({high}) cannot be fewer than the fewest ({low})."
            )
        if high > ENTRIES_MAX:
            errors.setdefault(f"{side}_max", []).append(f"At most {ENTRIES_MAX} {side} per participant.")
        if high < 1:
            errors.setdefault(f"{side}_max", []).append(
                f"Each participant needs at least one of their {side}."
            )
    if fields.signups_close_at <= fields.signups_open_at:
        errors.setdefault("signups_close_at", []).append("Sign-ups must close after they open.")
    for name in ("assignments_due_at", "reveal_at", "reveal_creators_at"):
        moment = getattr(fields, name)
        if moment is not None and moment <= fields.signups_close_at:
            errors.setdefault(name, []).append("This must come after sign-ups close.")
    if fields.reveal_creators_at and fields.reveal_at and fields.reveal_creators_at < fields.reveal_at:
        errors.setdefault("reveal_creators_at", []).append("Creators cannot be revealed before their works.")
    for name, any_name in SET_FIELDS.items():
        if not getattr(fields, any_name) and not getattr(fields, name):
            errors.setdefault(name, []).append(
                f"Name the {PLURAL[name]} participants may choose, or allow any."
            )
    return errors


def _set_tags(fields: ExchangeFields, errors: dict[str, list[str]]) -> list[Tag]:
    """The tag set's tags, made as posting a work makes them when new (a small fandom may have no works yet)."""
    tags = []
    for name, tag_type in ENTRY_FIELDS.items():
        if name not in SET_FIELDS or getattr(fields, SET_FIELDS[name]):
            continue
        for typed in getattr(fields, name):
            try:
                tags.append(Tag.for_name(typed, tag_type))
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.messages)
    return tags


@transaction.atomic
def set_up_exchange(*, collection: Collection, user, fields: ExchangeFields) -> Exchange:
    """Make or change the collection's exchange. The reveal dates are the collection's (its scheduled reveals);
    the tag set, limits and match rules may change while sign-ups are open, not once assignments are sent."""
    ensure_may_maintain_collection(user, collection)
    exchange = Exchange.objects.filter(collection=collection).first() or Exchange(collection=collection)
    if exchange.assignments_sent_at is not None:
        raise ValidationError("The assignments are sent: this exchange's set-up can no longer change.")
    errors = _check_setup(fields)
    tags = _set_tags(fields, errors) if not errors else []
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    for name in (
        "any_fandom", "any_character", "any_relationship", "requests_min", "requests_max", "offers_min",
        "offers_max", "match_character", "match_relationship", "min_overlap", "signups_open_at",
        "signups_close_at", "assignments_due_at",
    ):  # fmt: skip
        setattr(exchange, name, getattr(fields, name))
    exchange.save()
    exchange.tag_set.set(tags)
    Collection.objects.filter(pk=collection.pk).update(
        reveal_at=fields.reveal_at, reveal_creators_at=fields.reveal_creators_at
    )
    collection.reveal_at, collection.reveal_creators_at = fields.reveal_at, fields.reveal_creators_at
    return exchange


# --- Sign-ups ------------------------------------------------------------------------------------------


@dataclass
class EntryFields:
    fandoms: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    other_tags: list[str] = field(default_factory=list)
    description: str = ""

    @property
    def filled(self) -> bool:
        return bool(
            self.fandoms or self.characters or self.relationships or self.other_tags or self.description
        )


@dataclass
class SignupFields:
    requests: list[EntryFields]
    offers: list[EntryFields]
    pseud_id: int | None = None


def entry_key(kind: str, index: int, name: str) -> str:
    """The form field an error belongs to: "request-0-fandoms" (the sign-up form's prefixes)."""
    return f"{kind}-{index}-{name}"


class _TagSet:
    """The exchange's tag set, read once: which filing keys each limited field allows."""

    def __init__(self, exchange: Exchange):
        self.exchange = exchange
        self.allowed: dict[str, set[int] | None] = {}
        tags = (
            list(exchange.tag_set.all()) if not all(getattr(exchange, a) for a in SET_FIELDS.values()) else []
        )
        for name, any_name in SET_FIELDS.items():
            if getattr(exchange, any_name):
                self.allowed[name] = None
            else:
                self.allowed[name] = {filing_key(t) for t in tags if t.type == ENTRY_FIELDS[name]}
        self.allowed["other_tags"] = None


def _resolve_entry(tag_set: _TagSet, entry: EntryFields, kind: str, index: int, errors) -> list[Tag]:
    """The entry's tags, or messages (quoting each name refused) under its fields' keys."""
    found = tags_named(
        [n.lower() for name in ENTRY_FIELDS for n in getattr(entry, name)]
    )  # one query for the whole entry
    tags = []
    for name, tag_type in ENTRY_FIELDS.items():
        key = entry_key(kind, index, name)
        allowed = tag_set.allowed[name]
        for typed in getattr(entry, name):
            tag = found.get(typed.lower())
            if tag is not None and tag.type != tag_type:
                errors.setdefault(key, []).append(
                    f"“{typed}” is {TagType(tag.type).described}, not {TagType(tag_type).described}."
                )
            elif allowed is None:
                try:
                    tags.append(tag or Tag.for_name(typed, tag_type))
                except ValidationError as error:
                    errors.setdefault(key, []).extend(error.messages)
            elif tag is None or filing_key(tag) not in allowed:
                errors.setdefault(key, []).append(f"“{typed}” is not one of this exchange's {PLURAL[name]}.")
            else:
                tags.append(tag)
    if len(entry.description) > DESCRIPTION_MAX:
        errors.setdefault(entry_key(kind, index, "description"), []).append(
            f"A description can have at most {DESCRIPTION_MAX} characters; this one has {len(entry.description)}."
        )
    return tags


def _check_counts(exchange: Exchange, requests: list, offers: list, errors) -> None:
    for kind, entries, low, high in (
        (EntryKind.REQUEST, requests, exchange.requests_min, exchange.requests_max),
        (EntryKind.OFFER, offers, exchange.offers_min, exchange.offers_max),
    ):
        count = len(entries)
        noun = kind.label.lower()
        if count < low:
            errors.setdefault("__all__", []).append(
                f"This exchange asks for at least {low} {noun}{'s' if low != 1 else ''}; you filled in {count}."
            )
        if count > high:
            errors.setdefault("__all__", []).append(
                f"This exchange takes at most {high} {noun}{'s' if high != 1 else ''}; you filled in {count}."
            )


def _pseud(user, pseud_id):
    if pseud_id is None:
        return user.pseuds.get(is_default=True)
    pseud = user.pseuds.filter(pk=pseud_id).first()
    if pseud is None:
        raise ValidationError({"pseud": ["Choose one of your pseuds."]})
    return pseud


def _save_entries(signup: Signup, exchange: Exchange, fields: SignupFields) -> None:
    """Replace the sign-up's entries with these, or raise every message at once (keyed by form field)."""
    tag_set, errors = _TagSet(exchange), {}
    kinds = ((EntryKind.REQUEST, fields.requests), (EntryKind.OFFER, fields.offers))
    resolved = []
    for kind, entries in kinds:
        for index, entry in enumerate(entries):
            if entry.filled:
                resolved.append((kind, index, entry, _resolve_entry(tag_set, entry, kind, index, errors)))
    _check_counts(
        exchange,
        [r for r in resolved if r[0] == EntryKind.REQUEST],
        [r for r in resolved if r[0] == EntryKind.OFFER],
        errors,
    )
    if errors:
        raise ValidationError(errors)
    signup.entries.all().delete()
    positions = {EntryKind.REQUEST: 0, EntryKind.OFFER: 0}
    for kind, _, entry, tags in resolved:
        row = SignupEntry.objects.create(
            signup=signup, kind=kind, position=positions[kind], description=entry.description.strip()
        )
        positions[kind] += 1
        row.tags.set(tags)


@transaction.atomic
def sign_up(*, exchange: Exchange, user, fields: SignupFields) -> Signup:
    """A member signs up, once per exchange, while sign-ups are open."""
    ensure_may_sign_up(user, exchange)
    if Signup.objects.filter(exchange=exchange, user=user).exists():
        raise ValidationError("You have signed up already: edit your sign-up instead.")
    signup = Signup.objects.create(exchange=exchange, user=user, pseud=_pseud(user, fields.pseud_id))
    try:
        _save_entries(signup, exchange, fields)
    except ValidationError:
        transaction.set_rollback(True)  # tags made for the refused form go too
        raise
    return signup


@transaction.atomic
def edit_signup(*, signup: Signup, user, fields: SignupFields) -> Signup:
    ensure_may_change_signup(user, signup)
    signup.pseud = _pseud(user, fields.pseud_id)
    signup.save(update_fields=["pseud", "updated_at"])
    try:
        _save_entries(signup, signup.exchange, fields)
    except ValidationError:
        transaction.set_rollback(True)
        raise
    return signup


def withdraw_signup(*, signup: Signup, user) -> None:
    """The member leaves the exchange while sign-ups are open; their requests and offers go with them."""
    ensure_may_change_signup(user, signup)
    signup.delete()


# --- Matching ------------------------------------------------------------------------------------------


def match_rules(exchange: Exchange) -> MatchRules:
    return MatchRules(
        fandom=True,
        character=exchange.match_character,
        relationship=exchange.match_relationship,
        min_overlap=exchange.min_overlap,
    )


def participants_of(exchange: Exchange, signup_ids=None) -> dict[int, Participant]:
    """The matching's view of the sign-ups, by sign-up id: each entry's tags as filing keys. Two queries,
    however many sign-ups."""
    entries = SignupEntry.objects.filter(signup__exchange=exchange)
    if signup_ids is not None:
        entries = entries.filter(signup_id__in=signup_ids)
    kinds = {pk: (signup_id, kind) for pk, signup_id, kind in entries.values_list("pk", "signup_id", "kind")}
    keys: dict[int, dict[str, set[str]]] = {pk: {name: set() for name in ENTRY_FIELDS} for pk in kinds}
    links = SignupEntry.tags.through.objects.filter(signupentry__in=entries).values_list(
        "signupentry_id", "tag_id", "tag__type", "tag__merger_id"
    )
    for entry_id, tag_id, tag_type, merger_id in links:
        if tag_type in FIELD_OF_TYPE:
            keys[entry_id][FIELD_OF_TYPE[tag_type]].add(str(merger_id or tag_id))
    sides: dict[int, dict[str, list[Entry]]] = {}
    for entry_id, (signup_id, kind) in kinds.items():
        entry = Entry(**{name: frozenset(values) for name, values in keys[entry_id].items()})
        sides.setdefault(signup_id, {EntryKind.REQUEST: [], EntryKind.OFFER: []})[kind].append(entry)
    ids = (
        signup_ids
        if signup_ids is not None
        else Signup.objects.filter(exchange=exchange).values_list("pk", flat=True)
    )
    return {
        pk: Participant(
            id=pk,
            requests=tuple(sides.get(pk, {}).get(EntryKind.REQUEST, ())),
            offers=tuple(sides.get(pk, {}).get(EntryKind.OFFER, ())),
        )
        for pk in ids
    }


def _ensure_may_match(exchange: Exchange, user) -> None:
    ensure_may_maintain_collection(user, exchange.collection)
    if exchange.assignments_sent_at is not None:
        raise ValidationError("The assignments are sent already.")
    if timezone.now() < exchange.signups_close_at:
        raise ValidationError("Sign-ups are still open: match once they close.")


@transaction.atomic
def generate_assignments(*, exchange: Exchange, user) -> bool:
    """Make the potential assignments anew (the maintainers review them before sending). Returns True when
    they are made now, False when the worker makes them (a big exchange)."""
    _ensure_may_match(exchange, user)
    exchange.matching_requested_at = timezone.now()
    exchange.save(update_fields=["matching_requested_at"])
    if exchange.signups.count() <= MATCH_INLINE_MAX:
        run_matching(exchange.pk)
        return True
    enqueue_after_commit("quire.exchanges.tasks.run_matching", exchange.pk)
    return False


@transaction.atomic
def run_matching(exchange_id: int) -> int:
    """The matching itself (the worker's task for a big exchange): replaces the potential assignments.
    Idempotent; does nothing once the assignments are sent."""
    exchange = Exchange.objects.select_for_update().filter(pk=exchange_id).first()
    if exchange is None or exchange.assignments_sent_at is not None:
        return 0
    participants = participants_of(exchange)
    rules = match_rules(exchange)
    result = match(list(participants.values()), rules)
    users = dict(Signup.objects.filter(exchange=exchange).values_list("pk", "user_id"))
    exchange.assignments.all().delete()
    Assignment.objects.bulk_create(
        [
            Assignment(
                exchange=exchange,
                giver_signup_id=giver,
                giver_id=users[giver],
                recipient_signup_id=recipient,
                overlap=pairing_overlap(participants[giver], participants[recipient], rules),
            )
            for giver, recipient in result.assignments.items()
        ]
    )
    exchange.matched_at = timezone.now()
    exchange.save(update_fields=["matched_at"])
    return len(result.assignments)


def _check_pairing(exchange: Exchange, giver: Signup, recipient: Signup) -> str:
    """A warning when the pairing does not satisfy the required match ("" when it does)."""
    participants = participants_of(exchange, [giver.pk, recipient.pk])
    if pairing_overlap(participants[giver.pk], participants[recipient.pk], match_rules(exchange)) is None:
        return (
            f"{giver.pseud.name}'s offers do not satisfy the required match with {recipient.pseud.name}'s "
            "requests. The pairing is saved; change it if that was a mistake."
        )
    return ""


def _signup(exchange: Exchange, signup_id) -> Signup:
    signup = Signup.objects.select_related("pseud").filter(exchange=exchange, pk=signup_id).first()
    if signup is None:
        raise ValidationError("That participant is not signed up to this exchange.")
    return signup


@transaction.atomic
def set_recipient(*, exchange: Exchange, user, giver_id: int, recipient_id: int | None) -> str:
    """A maintainer gives this giver this recipient by hand (None: no recipient). Refused when it gives
    someone themselves or gives a recipient a second giver (swap them instead); a pairing that does not
    satisfy the required match is saved with a warning, returned."""
    ensure_may_maintain_collection(user, exchange.collection)
    if exchange.assignments_sent_at is not None:
        raise ValidationError("The assignments are sent: post a pinch hit instead.")
    giver = _signup(exchange, giver_id)
    current = exchange.assignments.filter(giver_signup=giver).first()
    if recipient_id is None:
        if current is not None:
            current.delete()
        return ""
    recipient = _signup(exchange, recipient_id)
    if recipient.pk == giver.pk:
        raise ValidationError(f"{giver.pseud.name} cannot give to themselves.")
    other = exchange.assignments.filter(recipient_signup=recipient).exclude(giver_signup=giver).first()
    if other is not None:
        raise ValidationError(
            f"{recipient.pseud.name} already has a giver, so they would receive two gifts. "
            "Swap the two givers' recipients instead."
        )
    warning = _check_pairing(exchange, giver, recipient)
    overlap = None if warning else _overlap(exchange, giver, recipient)
    if current is None:
        Assignment.objects.create(
            exchange=exchange,
            giver_signup=giver,
            giver_id=giver.user_id,
            recipient_signup=recipient,
            overlap=overlap,
        )
    else:
        current.recipient_signup, current.overlap = recipient, overlap
        current.save(update_fields=["recipient_signup", "overlap"])
    return warning


def _overlap(exchange, giver, recipient):
    participants = participants_of(exchange, [giver.pk, recipient.pk])
    return pairing_overlap(participants[giver.pk], participants[recipient.pk], match_rules(exchange))


@transaction.atomic
def swap_recipients(*, exchange: Exchange, user, first_giver_id: int, second_giver_id: int) -> list[str]:
    """Two givers trade recipients. Refused when that gives either of them themselves; warnings for
    pairings that do not satisfy the required match."""
    ensure_may_maintain_collection(user, exchange.collection)
    if exchange.assignments_sent_at is not None:
        raise ValidationError("The assignments are sent: post a pinch hit instead.")
    if first_giver_id == second_giver_id:
        raise ValidationError("Choose two different givers to swap.")
    rows = list(
        exchange.assignments.filter(giver_signup_id__in=[first_giver_id, second_giver_id]).select_related(
            "giver_signup__pseud", "recipient_signup__pseud"
        )
    )
    if len(rows) != 2:
        raise ValidationError("Both givers need a recipient to swap them.")
    first, second = rows
    for row, other in ((first, second), (second, first)):
        if row.giver_signup_id == other.recipient_signup_id:
            raise ValidationError(f"The swap would give {row.giver_signup.pseud.name} themselves.")
    pairs = [(first.giver_signup, second.recipient_signup), (second.giver_signup, first.recipient_signup)]
    exchange.assignments.filter(pk__in=[first.pk, second.pk]).delete()
    warnings = []
    for giver, recipient in pairs:
        warning = _check_pairing(exchange, giver, recipient)
        if warning:
            warnings.append(warning)
        Assignment.objects.create(
            exchange=exchange,
            giver_signup=giver,
            giver_id=giver.user_id,
            recipient_signup=recipient,
            overlap=None if warning else _overlap(exchange, giver, recipient),
        )
    return warnings


@transaction.atomic
def send_assignments(*, exchange: Exchange, user) -> int:
    """Send the potential assignments: from now on each giver sees theirs, and the pairings change only by
    defaults and pinch hits. The givers are told by the worker (announce_assignments): a message each, so a
    3,000-participant exchange is not told inside the maintainer's request."""
    ensure_may_maintain_collection(user, exchange.collection)
    if exchange.assignments_sent_at is not None:
        raise ValidationError("The assignments are sent already.")
    if not exchange.assignments.exists():
        raise ValidationError("There are no assignments to send: generate them first.")
    now = timezone.now()
    count = exchange.assignments.update(sent_at=now)
    exchange.assignments_sent_at = now
    exchange.save(update_fields=["assignments_sent_at"])
    enqueue_after_commit("quire.exchanges.tasks.announce_assignments", exchange.pk)
    return count


# A giver's message names what their recipient asked for, in the few words an inbox line holds.
ANNOUNCED_FANDOMS = 5


def announce_assignments(exchange_id: int) -> int:
    """Tell each giver of a sent assignment whom they write for and what was asked (inbox, and email as they
    chose). Safe to run twice: each assignment's message is one event (its key)."""
    exchange = Exchange.objects.select_related("collection").filter(pk=exchange_id).first()
    if exchange is None or exchange.assignments_sent_at is None:
        return 0
    rows = (
        exchange.assignments.filter(sent_at__isnull=False, giver__isnull=False)
        .select_related("recipient_signup__pseud")
        .prefetch_related(
            Prefetch(
                "recipient_signup__entries",
                queryset=SignupEntry.objects.filter(kind=EntryKind.REQUEST).prefetch_related("tags"),
            )
        )
    )
    notification_ids = []
    for row in rows:
        row.exchange = exchange
        fandoms = list(
            dict.fromkeys(
                tag.name
                for entry in row.recipient_signup.entries.all()
                for tag in entry.tags.all()
                if tag.type == TagType.FANDOM
            )
        )
        asked = ", ".join(fandoms[:ANNOUNCED_FANDOMS]) + (", …" if len(fandoms) > ANNOUNCED_FANDOMS else "")
        text = f"Your assignment for “{exchange.collection.title}”: you write for {row.recipient_signup.pseud.name}"
        notification_ids += notify(
            user_ids=[row.giver_id],
            kind=Notification.Kind.CHALLENGE,
            key=f"assignment:{row.pk}",
            text=(f"{text}, who asked for {asked}." if asked else f"{text}.")[:500],
            url=row.get_absolute_url(),
        )
    queue_emails(notification_ids)
    return len(notification_ids)


# --- After sending: defaults, pinch hits, fulfilment ---------------------------------------------------


def _maintainer_ids(collection: Collection) -> list[int]:
    ids = [collection.pk] + ([collection.parent_id] if collection.parent_id else [])
    return list(
        CollectionRole.objects.filter(collection__in=ids, role__in=MAINTAINERS).values_list(
            "user_id", flat=True
        )
    )


@transaction.atomic
def default_assignment(*, assignment: Assignment, user) -> Assignment:
    """The giver says they cannot write it. The maintainers are told, to post it as a pinch hit."""
    ensure_may_give_for(user, assignment)
    assignment.defaulted_at = timezone.now()
    assignment.pinch_hit_at = assignment.claimed_at = None
    assignment.save(update_fields=["defaulted_at", "pinch_hit_at", "claimed_at"])
    collection = assignment.exchange.collection
    ids = notify(
        user_ids=_maintainer_ids(collection),
        kind=Notification.Kind.CHALLENGE,
        key=f"default:{assignment.pk}:{assignment.defaulted_at.timestamp()}",
        text=f"A participant of “{collection.title}” defaulted on their assignment: post it as a pinch hit.",
        url=assignment.get_absolute_url(),
    )
    queue_emails(ids)
    return assignment


@transaction.atomic
def post_pinch_hit(
    *, exchange: Exchange, user, assignment_id: int | None = None, recipient_id=None
) -> Assignment:
    """Offer a defaulted assignment, or a participant nobody gives to, to any member who will write it."""
    ensure_may_maintain_collection(user, exchange.collection)
    if exchange.assignments_sent_at is None:
        raise ValidationError("Send the assignments first.")
    now = timezone.now()
    if assignment_id is not None:
        assignment = exchange.assignments.filter(pk=assignment_id).first()
        if assignment is None or assignment.status != Assignment.Status.DEFAULTED:
            raise ValidationError("Only a defaulted assignment can be posted as a pinch hit.")
        assignment.pinch_hit_at = now
        assignment.save(update_fields=["pinch_hit_at"])
        return assignment
    recipient = _signup(exchange, recipient_id)
    if exchange.assignments.filter(recipient_signup=recipient).exists():
        raise ValidationError(f"{recipient.pseud.name} has a giver already.")
    return Assignment.objects.create(
        exchange=exchange, recipient_signup=recipient, sent_at=now, pinch_hit_at=now
    )


@transaction.atomic
def claim_pinch_hit(*, assignment: Assignment, user) -> Assignment:
    """A member takes the pinch hit: they are its giver now, and see the recipient's requests."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("exchange__collection", "recipient_signup", "giver_signup")
        .get(pk=assignment.pk)
    )
    ensure_may_claim_pinch_hit(user, assignment)
    assignment.giver = user
    assignment.claimed_at = timezone.now()
    # The defaulted giver's draft, if any, is not the pinch hitter's work in progress.
    assignment.work = None
    assignment.save(update_fields=["giver", "claimed_at", "work"])
    ids = notify(
        user_ids=[user.pk],
        kind=Notification.Kind.CHALLENGE,
        key=f"pinch-hit:{assignment.pk}:{user.pk}",
        text=f"You claimed a pinch hit for “{assignment.exchange.collection.title}”.",
        url=assignment.get_absolute_url(),
    )
    queue_emails(ids)
    return assignment


@transaction.atomic
def fulfil_assignment(*, assignment: Assignment, work, user) -> Assignment:
    """Posting a work "for" an assignment: the work goes into the exchange's collection (unrevealed and
    anonymous as the collection is) and becomes a gift to the recipient's pseud."""
    ensure_may_fulfil_assignment(user, assignment, work)
    collection = assignment.exchange.collection
    # Into the collection first, so the work is unrevealed before it is a gift: nobody hears of it early.
    add_work(collection=collection, work=work, user=user, approved_by_collection=True)
    work.refresh_from_db(fields=["in_unrevealed", "in_anonymous"])
    recipient = assignment.recipient_signup.pseud
    given = list(work.gifts.shown().select_related("pseud__user"))
    if not any(gift.pseud_id and gift.pseud.user_id == recipient.user_id for gift in given):
        try:
            set_gifts(work=work, user=user, names=[gift.recipient for gift in given] + [recipient.byline])
        except ValidationError as error:
            raise ValidationError(error.message_dict.get("recipients", error.messages)) from None
    assignment.work = work
    # A draft is the giver's work in progress (AO3's "unposted"): the assignment is fulfilled when it is
    # posted (`fulfil_with_posted_work`, queued by posting), not before.
    assignment.fulfilled_at = None if work.is_draft else timezone.now()
    assignment.save(update_fields=["work", "fulfilled_at"])
    return assignment


def fulfil_with_posted_work(work_id: int) -> int:
    """A draft posted "for" an assignment is posted: the assignment it was drafted for is fulfilled now.
    Queued whenever a work is posted; safe to run twice."""
    work = Work.objects.filter(pk=work_id).first()
    if work is None or work.is_draft:
        return 0
    return Assignment.objects.filter(work=work, fulfilled_at=None).update(fulfilled_at=timezone.now())


def assignment_to_fulfil(*, user, assignment_id) -> Assignment:
    """The assignment a work is being posted for (the posting form's `?assignment=`), if this member may
    fulfil it; PermissionDenied (with the reason) otherwise."""
    assignment = (
        Assignment.objects.select_related("exchange__collection", "recipient_signup__pseud__user")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise PermissionDenied("There is no such assignment.")
    ensure_may_give_for(user, assignment)
    return assignment
