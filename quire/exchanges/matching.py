"""Gift-exchange matching (issue #22): who writes for whom.

Pure Python over plain values, no models: the exchanges app turns sign-ups into `Participant`s, calls
`match`, and saves the `Matching`.

A giver may write for a recipient when one of the giver's offers and one of the recipient's requests satisfy
the exchange's `MatchRules`:

- each required field (fandom, and optionally character and relationship) has a tag in common, where a field
  left EMPTY means "any": a request with no characters takes any character, and an offer with no characters
  means the giver will write whichever the recipient asks for;
- and the two entries have at least `min_overlap` tags in common over all four fields (an empty field adds
  nothing to that count).

The overlap of a pairing is the best such count among its valid (offer, request) pairs.

A participant is *matched* when they have both a recipient and a giver, so a matching is a set of disjoint
directed cycles in the "may give to" graph (two people writing for each other is a cycle of two). `match`
covers as many participants as any matching can, and among those matchings takes the one with the largest
total overlap. That is an assignment problem: each participant is assigned a recipient or, standing for
"unmatched", themselves (see `match`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

FIELDS = ("fandoms", "characters", "relationships", "other_tags")


@dataclass(frozen=True)
class Entry:
    """One request or one offer of a participant: the tags it names, per field."""

    fandoms: frozenset[str] = frozenset()
    characters: frozenset[str] = frozenset()
    relationships: frozenset[str] = frozenset()
    other_tags: frozenset[str] = frozenset()  # freeforms etc.: count toward the overlap only


@dataclass(frozen=True)
class Participant:
    id: int
    requests: tuple[Entry, ...]
    offers: tuple[Entry, ...]


@dataclass(frozen=True)
class MatchRules:
    fandom: bool = True  # an offer and a request must share a fandom
    character: bool = False  # ... and a character
    relationship: bool = False  # ... and a relationship
    min_overlap: int = 0  # ... and at least this many tags in common over all fields

    @property
    def required_fields(self) -> tuple[str, ...]:
        wanted = (self.fandom, self.character, self.relationship)
        return tuple(field for field, required in zip(FIELDS[:3], wanted, strict=True) if required)


@dataclass
class Matching:
    assignments: dict[int, int]  # giver id -> recipient id; everyone at most once on each side
    unmatched: list[int]  # participants without both a recipient and a giver, by id
    unmatchable: list[int]  # those no matching at all could include (on no cycle of possible pairings)
    total_overlap: int


def pairing_overlap(offer_side: Participant, request_side: Participant, rules: MatchRules) -> int | None:
    """The best overlap between an offer of `offer_side` and a request of `request_side` that satisfy
    `rules`, or None when no pair does. The reference for one pairing; `potential_pairings` computes every
    pairing of an exchange at once with the same rules."""
    best = None
    for offer in offer_side.offers:
        for request in request_side.requests:
            if not all(_field_matches(getattr(offer, f), getattr(request, f)) for f in rules.required_fields):
                continue
            overlap = sum(len(getattr(offer, f) & getattr(request, f)) for f in FIELDS)
            if overlap >= rules.min_overlap and (best is None or overlap > best):
                best = overlap
    return best


def _field_matches(offered: frozenset[str], requested: frozenset[str]) -> bool:
    return not offered or not requested or not offered.isdisjoint(requested)


def potential_pairings(participants: Iterable[Participant], rules: MatchRules) -> dict[tuple[int, int], int]:
    """{(giver id, recipient id): overlap} for every valid pairing of two different participants."""
    participants = list(participants)
    givers, recipients, overlaps = _pairing_arrays(participants, rules)
    ids = [participant.id for participant in participants]
    return {
        (ids[giver], ids[recipient]): overlap
        for giver, recipient, overlap in zip(
            givers.tolist(), recipients.tolist(), overlaps.tolist(), strict=True
        )
    }


def match(participants: Iterable[Participant], rules: MatchRules) -> Matching:
    """The matching that covers the most participants and, among those, has the highest total overlap.

    Assignment problem on an n x n matrix of costs, L the largest overlap of any pairing: giver i ->
    recipient j (a valid pairing) costs L + 1 - overlap, between 1 and L + 1; i -> i ("unmatched") costs
    n(L + 1) + 1; anything else is forbidden. A perfect assignment always exists thanks to the i -> i
    entries, and an assignment is a set of disjoint cycles plus the unmatched, so the cheapest is the best
    matching: one more participant unmatched costs more than all the pairings of any matching together
    (at most n(L + 1)), so the most participants are matched first; for a given number matched the cost is a
    constant minus the total overlap, so then the overlap is the highest.

    Solved by SciPy's LAPJVsp (`min_weight_full_bipartite_matching`), which is exact: its answer is an
    optimal assignment, hence a maximum matching. It takes the sparse matrix of valid pairings (every cost
    is at least 1, as SciPy drops explicit zeros). On the 3,000-participant benchmark (bench/matching.py,
    3.3 million valid pairings of 9 million) it solves in 0.35 s of CPU; the dense
    `scipy.optimize.linear_sum_assignment` on the same matrix (forbidden pairs as infinite costs) gave the same
    optimum in 1.8 s and needs the whole n x n matrix (72 MB here, growing with the square of n).
    """
    participants = list(participants)
    ids = [participant.id for participant in participants]
    if len(set(ids)) != len(ids):
        raise ValueError("Each participant needs a distinct id.")
    n = len(participants)
    givers, recipients, overlaps = _pairing_arrays(participants, rules)
    if not len(givers):
        return Matching(assignments={}, unmatched=sorted(ids), unmatchable=sorted(ids), total_overlap=0)

    largest_overlap = int(overlaps.max())
    everyone = np.arange(n)
    # Costs as in the docstring; all >= 1, as explicit zeros would be dropped from the sparse matrix.
    unmatched_cost = n * (largest_overlap + 1) + 1
    costs = sparse.csr_array(
        (
            np.concatenate([largest_overlap + 1 - overlaps, np.full(n, unmatched_cost)]).astype(np.float64),
            (np.concatenate([givers, everyone]), np.concatenate([recipients, everyone])),
        ),
        shape=(n, n),
    )
    _, recipient_of = min_weight_full_bipartite_matching(costs)

    matched = np.flatnonzero(recipient_of != everyone)
    assignments = {
        ids[giver]: ids[recipient]
        for giver, recipient in zip(matched.tolist(), recipient_of[matched].tolist(), strict=True)
    }
    # The pairings come sorted by giver, then recipient: find each chosen one's overlap by binary search.
    chosen = np.searchsorted(givers * n + recipients, matched * n + recipient_of[matched])
    total_overlap = int(overlaps[chosen].sum())

    # Someone can be in some matching exactly when they lie on a directed cycle of possible pairings, that
    # is in a strongly connected component of two or more participants.
    graph = sparse.csr_array((np.ones(len(givers), dtype=np.int8), (givers, recipients)), shape=(n, n))
    _, component = connected_components(graph, directed=True, connection="strong")
    on_no_cycle = np.bincount(component)[component] == 1
    return Matching(
        assignments=assignments,
        unmatched=sorted(ids[i] for i in range(n) if ids[i] not in assignments),
        unmatchable=sorted(ids[i] for i in np.flatnonzero(on_no_cycle).tolist()),
        total_overlap=total_overlap,
    )


# Givers are paired with recipients a block at a time, so that about this many (offer, request) candidates,
# or (giver, recipient) cells, at most are in memory at once whatever the exchange: an offer that leaves the
# fandom open is a candidate for every request, and 3,000 participants with 4 or 5 entries each make 180
# million (offer, request) pairs.
CANDIDATES_PER_BLOCK = 4_000_000


def _pairing_arrays(
    participants: Sequence[Participant], rules: MatchRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every valid pairing as three aligned arrays (giver index, recipient index, overlap), indices into
    `participants`, sorted by giver then recipient, no self pairings, each (giver, recipient) once.

    Vectorised over sparse tag-incidence matrices rather than a Python loop over pairs of entries. The first
    required field proposes candidates (entries sharing a tag there, by a sparse product, plus those that
    left it empty); the other rules are checked on the candidates only. Each block of givers keeps the best
    overlap per (giver, recipient) in a dense givers x participants array (`np.maximum.at`, 20 times faster
    than sorting the candidates by pairing).
    """
    n = len(participants)
    offers = [
        (owner, entry) for owner, participant in enumerate(participants) for entry in participant.offers
    ]
    requests = [
        (owner, entry) for owner, participant in enumerate(participants) for entry in participant.requests
    ]
    empty = np.empty(0, dtype=np.int64)
    if not offers or not requests:
        return empty, empty, empty
    offer_owner = np.array([owner for owner, _ in offers], dtype=np.int64)
    request_owner = np.array([owner for owner, _ in requests], dtype=np.int64)
    offered = {}
    requested = {}
    for field in FIELDS:
        vocabulary = {}
        offered[field] = _incidence([getattr(entry, field) for _, entry in offers], vocabulary)
        requested[field] = _incidence([getattr(entry, field) for _, entry in requests], vocabulary)
        # Both sides share the vocabulary, which grew while building the request side.
        offered[field].resize((len(offers), max(len(vocabulary), 1)))
        requested[field].resize((len(requests), max(len(vocabulary), 1)))

    required = rules.required_fields
    if required:
        proposer = required[0]
        proposing_offers, proposing_requests = offered[proposer], requested[proposer]
    else:
        # No field is required: candidates share a tag in any field (each field its own columns), and the
        # product that finds them counts the whole overlap.
        proposer = None
        proposing_offers = sparse.hstack([offered[f] for f in FIELDS], format="csr")
        proposing_requests = sparse.hstack([requested[f] for f in FIELDS], format="csr")

    anything_goes = not required and rules.min_overlap == 0
    # Offers are listed giver by giver: the offers of giver g are first_offer[g] to first_offer[g + 1].
    first_offer = np.searchsorted(offer_owner, np.arange(n + 1))
    has_requests = np.zeros(n, dtype=bool)
    has_requests[request_owner] = True
    found_givers, found_recipients, found_overlaps = [], [], []
    for first, last in _giver_blocks(first_offer, max(1, CANDIDATES_PER_BLOCK // max(len(requests), n))):
        start, stop = first_offer[first], first_offer[last]
        offer_index, request_index, overlap = _candidates_sharing(
            proposing_offers, proposing_requests, start, stop, wildcards=bool(required)
        )
        valid = offer_owner[offer_index] != request_owner[request_index]
        for field in FIELDS if required else ():
            if field == proposer:  # counted by the product that proposed the candidates
                continue
            shared = _shared_counts(offered[field], requested[field], offer_index, request_index)
            overlap += shared
            if field in required:
                valid &= (
                    (shared > 0)
                    | _left_open(offered[field])[offer_index]
                    | _left_open(requested[field])[request_index]
                )
        valid &= overlap >= rules.min_overlap
        best = np.full((last - first, n), -1, dtype=np.int64)  # -1: no valid pairing
        if anything_goes:
            # Everyone with an offer may write for anyone else with a request, with no tag in common if the
            # product found none.
            givers = np.arange(first, last)
            best[np.ix_(first_offer[givers + 1] > first_offer[givers], has_requests)] = 0
            best[givers - first, givers] = -1
        np.maximum.at(
            best,
            (offer_owner[offer_index[valid]] - first, request_owner[request_index[valid]]),
            overlap[valid],
        )
        giver, recipient = np.nonzero(best >= 0)
        found_givers.append(giver + first)
        found_recipients.append(recipient)
        found_overlaps.append(best[giver, recipient])
    return np.concatenate(found_givers), np.concatenate(found_recipients), np.concatenate(found_overlaps)


def _giver_blocks(first_offer: np.ndarray, size: int):
    """(first giver, giver after the last) of consecutive blocks of givers, each with about `size` offers and
    at most `size` givers (a giver with more offers than that gets a block alone)."""
    givers = len(first_offer) - 1
    first = 0
    while first < givers:
        last = int(np.searchsorted(first_offer, first_offer[first] + size, side="right")) - 1
        last = min(max(last, first + 1), first + size, givers)
        yield first, last
        first = last


def _incidence(tag_sets: list[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_array:
    """Entries x tags, 1 where the entry names the tag; new tags are added to `vocabulary`."""
    columns = [vocabulary.setdefault(tag, len(vocabulary)) for tags in tag_sets for tag in tags]
    indptr = np.zeros(len(tag_sets) + 1, dtype=np.int64)
    np.cumsum([len(tags) for tags in tag_sets], out=indptr[1:])
    return sparse.csr_array(
        (np.ones(len(columns), dtype=np.int64), np.array(columns, dtype=np.int64), indptr),
        shape=(len(tag_sets), max(len(vocabulary), 1)),
    )


def _left_open(entries: sparse.csr_array) -> np.ndarray:
    """Per entry (row), whether it names no tag in this field, which means "any"."""
    return entries.indptr[1:] == entries.indptr[:-1]


def _candidates_sharing(
    offered: sparse.csr_array, requested: sparse.csr_array, start: int, stop: int, *, wildcards: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offer, request) pairs, for the offers start to stop, with a tag in common in this field, and how many;
    with `wildcards`, also every pair where either side left the field empty (none in common)."""
    shared = (offered[start:stop] @ requested.T).tocoo()
    offer_parts, request_parts = [shared.row.astype(np.int64) + start], [shared.col.astype(np.int64)]
    counts = [shared.data.astype(np.int64)]
    if wildcards:
        open_offers = start + np.flatnonzero(_left_open(offered[start:stop]))
        named_offers = start + np.flatnonzero(~_left_open(offered[start:stop]))
        open_requests = np.flatnonzero(_left_open(requested))
        all_requests = np.arange(requested.shape[0])
        # An open offer with every request; a named offer with every open request. Disjoint from each other
        # and from the shared pairs, where both sides name tags.
        offer_parts += [
            np.repeat(open_offers, len(all_requests)),
            np.repeat(named_offers, len(open_requests)),
        ]
        request_parts += [np.tile(all_requests, len(open_offers)), np.tile(open_requests, len(named_offers))]
        counts.append(
            np.zeros(len(open_offers) * len(all_requests) + len(named_offers) * len(open_requests), np.int64)
        )
    return np.concatenate(offer_parts), np.concatenate(request_parts), np.concatenate(counts)


def _shared_counts(
    offered: sparse.csr_array, requested: sparse.csr_array, offer_index: np.ndarray, request_index: np.ndarray
) -> np.ndarray:
    """How many tags of this field each candidate (offer, request) pair has in common: the candidates' rows
    gathered and multiplied (half the time of reading them off the block's sparse product)."""
    if not offered.nnz or not requested.nnz or not len(offer_index):
        return np.zeros(len(offer_index), dtype=np.int64)
    return np.asarray(offered[offer_index].multiply(requested[request_index]).sum(axis=1)).ravel()
