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
        return tuple(field for field, required in zip(FIELDS, wanted, strict=False) if required)


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

    Assignment problem on an n x n matrix: giver i -> recipient j (a valid pairing) is worth W + overlap,
    i -> i ("unmatched") is worth 0, anything else is forbidden. A perfect assignment always exists thanks
    to the i -> i entries, and any assignment is a set of disjoint cycles plus the unmatched, so the best one
    is the best matching. W exceeds the largest total overlap any matching could have (n x the largest
    overlap), so one more matched participant always outweighs any overlap: size first, then overlap.

    Solved by SciPy's LAPJVsp (`min_weight_full_bipartite_matching`), which is exact: its answer is an
    optimal assignment, hence a maximum matching. It works on the sparse matrix of valid pairings, as
    costs K - weight that are all >= 1 (SciPy drops explicit zeros). On the 3,000-participant benchmark
    (bench/matching.py, 1.9 million valid pairings) it takes about 1 s; the dense
    `scipy.optimize.linear_sum_assignment` on the same matrix (forbidden pairs as infinite costs) took about
    as long to solve but needs the dense 3,000 x 3,000 matrix, 72 MB, growing with the square of n.
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
    # Minimising costs: a pairing costs (largest_overlap + 1 - overlap), between 1 and largest_overlap + 1;
    # leaving someone unmatched costs more than the pairings of a whole matching could ever save.
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


def _pairing_arrays(
    participants: Sequence[Participant], rules: MatchRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every valid pairing as three aligned arrays (giver index, recipient index, overlap), indices into
    `participants`, no self pairings, each (giver, recipient) once.

    Vectorised with sparse tag-incidence matrices rather than looping over all pairs of entries: 3,000
    participants with 4 or 5 entries each are 180 million (offer, request) pairs. The first required field
    proposes candidates (entries sharing a tag there, via one sparse product, plus those with the field
    empty); the other rules are checked on the candidates only.
    """
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
        offered[field].resize((len(offers), len(vocabulary)))
        requested[field].resize((len(requests), len(vocabulary)))

    required = rules.required_fields
    if required:
        proposer = required[0]
        offer_index, request_index, proposer_shared = _candidates_sharing(
            offered[proposer], requested[proposer]
        )
        checks = required[1:]
    elif rules.min_overlap > 0:
        # No field is required, but a positive overlap needs at least one tag in common somewhere.
        proposer = None
        offer_index, request_index, _ = _candidates_sharing(
            sparse.hstack([offered[f] for f in FIELDS], format="csr"),
            sparse.hstack([requested[f] for f in FIELDS], format="csr"),
            wildcards=False,
        )
        checks = ()
    else:
        # Anything goes: every offer with every request.
        proposer = None
        offer_index = np.repeat(np.arange(len(offers)), len(requests))
        request_index = np.tile(np.arange(len(requests)), len(offers))
        checks = ()

    keep = offer_owner[offer_index] != request_owner[request_index]
    offer_index, request_index = offer_index[keep], request_index[keep]
    overlap = np.zeros(len(offer_index), dtype=np.int64)
    valid = np.ones(len(offer_index), dtype=bool)
    for field in FIELDS:
        if field == proposer:  # already counted by the product that proposed the candidates
            overlap += proposer_shared[keep]
            continue
        shared = _shared_counts(offered[field], requested[field], offer_index, request_index)
        overlap += shared
        if field in checks:
            valid &= (
                (shared > 0)
                | (offered[field].indptr[1:] == offered[field].indptr[:-1])[offer_index]
                | (requested[field].indptr[1:] == requested[field].indptr[:-1])[request_index]
            )
    valid &= overlap >= rules.min_overlap
    giver = offer_owner[offer_index[valid]]
    recipient = request_owner[request_index[valid]]
    overlap = overlap[valid]

    # Best overlap per (giver, recipient): sort by pairing, then by overlap, and keep each pairing's last.
    pairing = giver * len(participants) + recipient
    order = np.lexsort((overlap, pairing))
    pairing, overlap = pairing[order], overlap[order]
    last = np.ones(len(pairing), dtype=bool)
    last[:-1] = pairing[1:] != pairing[:-1]
    pairing, overlap = pairing[last], overlap[last]
    return pairing // len(participants), pairing % len(participants), overlap


def _incidence(tag_sets: list[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_array:
    """Entries x tags, 1 where the entry names the tag; new tags are added to `vocabulary`."""
    columns = [vocabulary.setdefault(tag, len(vocabulary)) for tags in tag_sets for tag in tags]
    indptr = np.zeros(len(tag_sets) + 1, dtype=np.int64)
    np.cumsum([len(tags) for tags in tag_sets], out=indptr[1:])
    return sparse.csr_array(
        (np.ones(len(columns), dtype=np.int64), np.array(columns, dtype=np.int64), indptr),
        shape=(len(tag_sets), max(len(vocabulary), 1)),
    )


def _candidates_sharing(
    offered: sparse.csr_array, requested: sparse.csr_array, *, wildcards: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offer, request) pairs with a tag in common in this field, plus, when an empty field means "any",
    every pair where either side left it empty; and how many tags of the field each pair has in common."""
    shared = (offered @ requested.T).tocoo()
    offer_parts, request_parts = [shared.row.astype(np.int64)], [shared.col.astype(np.int64)]
    counts = [shared.data.astype(np.int64)]
    if wildcards:
        open_offers = np.flatnonzero(offered.indptr[1:] == offered.indptr[:-1])
        open_requests = np.flatnonzero(requested.indptr[1:] == requested.indptr[:-1])
        named_offers = np.flatnonzero(offered.indptr[1:] != offered.indptr[:-1])
        all_requests = np.arange(requested.shape[0])
        # An open offer with every request; a named offer with every open request (disjoint from the above
        # and from the shared pairs, which both name tags).
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
    """How many tags of this field each (offer, request) pair has in common, computed row by row on the
    candidates only (a full product could be every entry by every entry for a tag like "Fluff")."""
    if not offered.nnz or not requested.nnz or not len(offer_index):
        return np.zeros(len(offer_index), dtype=np.int64)
    return np.asarray(offered[offer_index].multiply(requested[request_index]).sum(axis=1)).ravel()
