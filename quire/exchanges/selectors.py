"""What the exchange's pages read, each in a fixed number of queries however many sign-ups there are. Who may
see each page is asked of quire.access (reading.may_see_signup, may_see_assignment; maintaining the
collection) by the views before they read here."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from quire.collections.models import Collection
from quire.exchanges.models import Assignment, EntryKind, Exchange, Signup, SignupEntry
from quire.tags.enums import TagType
from quire.tags.models import Tag


def exchange_of(name: str) -> Exchange:
    """The exchange of the collection with this name; 404 when there is no such collection or exchange."""
    collection = get_object_or_404(Collection.objects.select_related("parent"), name=name)
    exchange = Exchange.objects.filter(collection=collection).first()
    if exchange is None:
        raise Http404
    exchange.collection = collection
    return exchange


def entries_prefetch(path: str = "entries") -> Prefetch:
    return Prefetch(path, queryset=SignupEntry.objects.prefetch_related("tags").order_by("kind", "position"))


def with_entries(signups):
    """Sign-ups with their pseuds and entries (and the entries' tags): three queries for any number."""
    return signups.select_related("pseud__user").prefetch_related(entries_prefetch())


def own_signup(exchange: Exchange, user) -> Signup | None:
    if not user.is_authenticated:
        return None
    return with_entries(Signup.objects.filter(exchange=exchange, user=user)).first()


def signups(exchange: Exchange):
    return with_entries(exchange.signups.order_by("pk"))


@dataclass
class FandomCount:
    fandom: Tag | None  # None: entries naming no fandom ("any fandom")
    requests: int
    offers: int

    @property
    def unoffered(self) -> bool:
        return self.requests > 0 and self.offers == 0


def summary(exchange: Exchange) -> list[FandomCount]:
    """Per fandom (by filing key, so synonyms count together): how many requests and offers name it.
    Fandoms requested and offered by nobody come first, then those most short of offers. Three queries.

    The entries' fandom links are read as plain rows and counted here: COUNT(DISTINCT) per fandom and an
    "entries naming no fandom" anti-join each took about a second over 80,000 entries (2,000 full sign-ups)."""
    links = (
        SignupEntry.tags.through.objects.filter(
            signupentry__signup__exchange=exchange, tag__type=TagType.FANDOM
        )
        .annotate(key=Coalesce("tag__merger_id", "tag_id"))
        .values_list("key", "signupentry__kind", "signupentry_id")
    )
    # A set: an entry naming a fandom and its synonym counts once for it.
    named = set(links.iterator(chunk_size=10_000))
    counts: dict[int | None, dict[str, int]] = {}
    with_fandom: dict[str, set[int]] = {EntryKind.REQUEST: set(), EntryKind.OFFER: set()}
    for key, kind, entry_id in named:
        counts.setdefault(key, {EntryKind.REQUEST: 0, EntryKind.OFFER: 0})[kind] += 1
        with_fandom[kind].add(entry_id)
    totals = (
        SignupEntry.objects.filter(signup__exchange=exchange)
        .order_by()
        .values("kind")
        .annotate(entries=Count("pk"))
    )
    for row in totals:
        if fandomless := row["entries"] - len(with_fandom[row["kind"]]):
            counts.setdefault(None, {EntryKind.REQUEST: 0, EntryKind.OFFER: 0})[row["kind"]] = fandomless
    tags = Tag.objects.in_bulk([key for key in counts if key is not None])
    rows = [
        FandomCount(fandom=tags.get(key), requests=c[EntryKind.REQUEST], offers=c[EntryKind.OFFER])
        for key, c in counts.items()
        if key is None or key in tags
    ]
    rows.sort(
        key=lambda r: (
            not r.unoffered,
            -(r.requests - r.offers),
            r.fandom is None,
            r.fandom.name.casefold() if r.fandom else "",
        )
    )
    return rows


def assignments(exchange: Exchange):
    """Every assignment of the exchange, with both sides' pseuds and the work: one query."""
    return exchange.assignments.select_related(
        "giver_signup__pseud", "recipient_signup__pseud", "giver", "work"
    ).order_by("pk")


@dataclass
class Unmatched:
    without_recipient: list[Signup]  # sign-ups that give to nobody
    without_giver: list[Signup]  # sign-ups nobody gives to


def unmatched(exchange: Exchange) -> Unmatched:
    everyone = list(
        exchange.signups.select_related("pseud")
        .annotate(
            gives=Count("given_assignments", distinct=True),
            receives=Count("received_assignments", distinct=True),
        )
        .order_by("pk")
    )
    return Unmatched(
        without_recipient=[s for s in everyone if not s.gives],
        without_giver=[s for s in everyone if not s.receives],
    )


def assignment_of(exchange: Exchange, assignment_id: int) -> Assignment:
    """One assignment with its recipient's sign-up and requests; 404 when not of this exchange."""
    assignment = (
        exchange.assignments.select_related(
            "recipient_signup__pseud__user", "giver_signup__pseud", "giver", "work"
        )
        .prefetch_related(entries_prefetch("recipient_signup__entries"))
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404
    assignment.exchange = exchange
    return assignment


def own_assignment(exchange: Exchange, user) -> Assignment | None:
    """The assignment this member writes now (sent), if any."""
    if not user.is_authenticated:
        return None
    return (
        exchange.assignments.filter(giver=user, sent_at__isnull=False, fulfilled_at__isnull=True)
        .exclude(Q(defaulted_at__isnull=False) & Q(claimed_at__isnull=True))
        .order_by("pk")
        .first()
    )


def given_by(exchange: Exchange, user):
    """The assignments this member gives in this exchange once sent (their own, and pinch hits they
    claimed), whatever became of each, with what their recipients asked for: three queries."""
    if not user.is_authenticated:
        return exchange.assignments.none()
    return (
        exchange.assignments.filter(giver=user, sent_at__isnull=False)
        .select_related("recipient_signup__pseud", "work")
        .prefetch_related(entries_prefetch("recipient_signup__entries"))
        .order_by("pk")
    )


def open_pinch_hits(exchange: Exchange):
    """Pinch hits waiting for a claimer, with what their recipients asked for: three queries."""
    return (
        exchange.assignments.filter(
            pinch_hit_at__isnull=False, claimed_at__isnull=True, fulfilled_at__isnull=True
        )
        .select_related("recipient_signup")
        .prefetch_related(entries_prefetch("recipient_signup__entries"))
        .order_by("pinch_hit_at", "pk")
    )
