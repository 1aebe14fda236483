"""Gift-exchange matching (issue #22): every pairing satisfies the rules, no one gets themselves, as many
participants as possible are matched and, among those matchings, the total overlap is the highest.

The examples read like sign-ups; the properties check random small exchanges against a predicate written
here, networkx's maximum-weight matching, and (up to six participants) every permutation."""

import itertools
from unittest import mock

import networkx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quire.exchanges import matching
from quire.exchanges.matching import Entry, Matching, MatchRules, Participant, match, potential_pairings


def entry(*fandoms, characters=(), relationships=(), other_tags=()):
    return Entry(
        fandoms=frozenset(fandoms),
        characters=frozenset(characters),
        relationships=frozenset(relationships),
        other_tags=frozenset(other_tags),
    )


def person(id, requests=(), offers=()):
    return Participant(id=id, requests=tuple(requests), offers=tuple(offers))


# ---- Examples ----------------------------------------------------------------------------------------------


def test_two_people_who_want_each_others_fandom_write_for_each_other():
    alice = person(1, requests=[entry("Good Omens")], offers=[entry("Discworld")])
    bilal = person(2, requests=[entry("Discworld")], offers=[entry("Good Omens")])

    matching = match([alice, bilal], MatchRules())

    assert matching.assignments == {1: 2, 2: 1}
    assert matching.unmatched == []
    assert matching.unmatchable == []


def test_someone_nobody_can_write_for_is_unmatched_and_unmatchable():
    alice = person(1, requests=[entry("Good Omens")], offers=[entry("Discworld")])
    bilal = person(2, requests=[entry("Discworld")], offers=[entry("Good Omens")])
    chen = person(3, requests=[entry("Obscure Radio Play")], offers=[entry("Good Omens")])

    matching = match([alice, bilal, chen], MatchRules())

    assert matching.assignments == {1: 2, 2: 1}
    assert matching.unmatched == [3]
    assert matching.unmatchable == [3]


def test_no_one_is_given_themselves_even_when_they_offer_what_they_request():
    narcissus = person(1, requests=[entry("Good Omens")], offers=[entry("Good Omens")])

    matching = match([narcissus], MatchRules())

    assert matching == Matching(assignments={}, unmatched=[1], unmatchable=[1], total_overlap=0)
    assert potential_pairings([narcissus], MatchRules()) == {}


def test_one_more_matched_participant_outweighs_any_overlap():
    # Alice and Bilal would overlap a lot writing for each other, but then Chen is left out; the three-way
    # cycle Alice -> Bilal -> Chen -> Alice matches everyone.
    rich = dict(characters={"Aziraphale", "Crowley"}, other_tags={"Fluff", "Bookshops"})
    alice = person(
        1, requests=[entry("Good Omens", **rich)], offers=[entry("Good Omens", **rich), entry("Discworld")]
    )
    bilal = person(
        2, requests=[entry("Good Omens", **rich)], offers=[entry("Good Omens", **rich), entry("Dune")]
    )
    chen = person(3, requests=[entry("Dune")], offers=[entry("Good Omens")])

    matching = match([alice, bilal, chen], MatchRules())

    assert matching.assignments == {1: 2, 2: 3, 3: 1}
    assert matching.total_overlap == 5 + 1 + 1


def test_among_maximum_matchings_the_one_with_most_overlap_wins():
    # Everyone can write for everyone (one fandom); pairing by shared characters overlaps most.
    people = [
        person(
            1, requests=[entry("Dune", characters={"Paul"})], offers=[entry("Dune", characters={"Chani"})]
        ),
        person(
            2, requests=[entry("Dune", characters={"Chani"})], offers=[entry("Dune", characters={"Paul"})]
        ),
        person(
            3, requests=[entry("Dune", characters={"Leto"})], offers=[entry("Dune", characters={"Jessica"})]
        ),
        person(
            4, requests=[entry("Dune", characters={"Jessica"})], offers=[entry("Dune", characters={"Leto"})]
        ),
    ]

    matching = match(people, MatchRules())

    assert matching.assignments == {1: 2, 2: 1, 3: 4, 4: 3}
    assert matching.total_overlap == 4 * 2


def test_character_rule_requires_a_shared_character():
    asks_crowley = person(1, requests=[entry("Good Omens", characters={"Crowley"})], offers=[entry("Dune")])
    offers_aziraphale = person(
        2, requests=[entry("Dune")], offers=[entry("Good Omens", characters={"Aziraphale"})]
    )

    assert match([asks_crowley, offers_aziraphale], MatchRules(character=False)).assignments == {1: 2, 2: 1}
    strict = match([asks_crowley, offers_aziraphale], MatchRules(character=True))
    assert strict.assignments == {}
    assert strict.unmatchable == [1, 2]


def test_relationship_rule_requires_a_shared_relationship():
    wants = person(1, requests=[entry("Dune", relationships={"Paul/Chani"})], offers=[entry("Discworld")])
    offers_other = person(
        2, requests=[entry("Discworld")], offers=[entry("Dune", relationships={"Leto/Jessica"})]
    )
    offers_same = person(
        3, requests=[entry("Discworld")], offers=[entry("Dune", relationships={"Paul/Chani"})]
    )

    rules = MatchRules(relationship=True)

    assert potential_pairings([wants, offers_other, offers_same], rules) == {
        (1, 2): 1,
        (1, 3): 1,
        (3, 1): 2,
    }


def test_min_overlap_counts_tags_in_common_over_all_fields():
    asks = person(
        1, requests=[entry("Dune", other_tags={"Fluff"})], offers=[entry("Discworld", other_tags={"Angst"})]
    )
    gives = person(2, requests=[entry("Discworld")], offers=[entry("Dune", other_tags={"Fluff"})])

    assert potential_pairings([asks, gives], MatchRules(min_overlap=2)) == {(2, 1): 2}
    assert match([asks, gives], MatchRules(min_overlap=2)).assignments == {}
    assert match([asks, gives], MatchRules(min_overlap=1)).assignments == {1: 2, 2: 1}


def test_an_empty_required_field_means_any():
    # A request with no fandom takes anything; an offer with no characters writes whichever is asked.
    anything_please = person(1, requests=[entry()], offers=[entry("Dune", characters={"Paul"})])
    will_write_any_character = person(
        2, requests=[entry("Dune", characters={"Paul"})], offers=[entry("Discworld")]
    )

    rules = MatchRules(fandom=True, character=True)

    assert potential_pairings([anything_please, will_write_any_character], rules) == {(1, 2): 2, (2, 1): 0}
    assert match([anything_please, will_write_any_character], rules).assignments == {1: 2, 2: 1}


def test_participants_without_offers_or_requests_are_unmatchable():
    only_asks = person(1, requests=[entry("Dune")])
    only_gives = person(2, offers=[entry("Dune")])

    matching = match([only_asks, only_gives], MatchRules())

    assert matching == Matching(assignments={}, unmatched=[1, 2], unmatchable=[1, 2], total_overlap=0)


def test_no_participants_make_an_empty_matching():
    assert match([], MatchRules()) == Matching(assignments={}, unmatched=[], unmatchable=[], total_overlap=0)


def test_participant_ids_must_be_distinct():
    with pytest.raises(ValueError, match="distinct id"):
        match([person(1), person(1)], MatchRules())


# ---- Properties --------------------------------------------------------------------------------------------

# Few tags per field, so that random exchanges have matches, near-misses, and empty (= any) fields.
TAGS = {
    "fandoms": ["Dune", "Discworld", "Good Omens"],
    "characters": ["Paul", "Chani", "Crowley"],
    "relationships": ["Paul/Chani", "Aziraphale/Crowley"],
    "other_tags": ["Fluff", "Angst", "Hurt/Comfort", "Humor"],
}


def subsets(tags):
    # One integer per field, read as a bitmask: much faster to generate than a set strategy.
    return st.integers(0, 2 ** len(tags) - 1).map(
        lambda mask: frozenset(t for i, t in enumerate(tags) if mask >> i & 1)
    )


entries = st.builds(Entry, **{field: subsets(tags) for field, tags in TAGS.items()})


@st.composite
def exchanges(draw, max_size):
    size = draw(st.integers(0, max_size))
    return [
        Participant(
            id=number * 10,  # ids that are not list positions
            requests=tuple(draw(st.lists(entries, max_size=3))),
            offers=tuple(draw(st.lists(entries, max_size=3))),
        )
        for number in range(1, size + 1)
    ]


rules_strategy = st.builds(
    MatchRules,
    fandom=st.booleans(),
    character=st.booleans(),
    relationship=st.booleans(),
    min_overlap=st.integers(0, 2),
)


def reference_overlap(giver, recipient, rules):
    """What the issue says, spelled out: the best tags-in-common count over (offer, request) pairs where each
    required field is empty on one side or shares a tag, and the count reaches min_overlap; None if none."""
    required = [
        field
        for field, wanted in (
            ("fandoms", rules.fandom),
            ("characters", rules.character),
            ("relationships", rules.relationship),
        )
        if wanted
    ]
    counts = []
    for offer in giver.offers:
        for request in recipient.requests:
            if any(
                getattr(offer, f) and getattr(request, f) and not getattr(offer, f) & getattr(request, f)
                for f in required
            ):
                continue
            common = sum(len(getattr(offer, f) & getattr(request, f)) for f in TAGS)
            if common >= rules.min_overlap:
                counts.append(common)
    return max(counts, default=None)


def reference_pairings(participants, rules):
    pairings = {}
    for giver, recipient in itertools.permutations(participants, 2):
        overlap = reference_overlap(giver, recipient, rules)
        if overlap is not None:
            pairings[giver.id, recipient.id] = overlap
    return pairings


def best_by_networkx(participants, pairings):
    """(most participants matched, most overlap among those) as networkx's blossom algorithm finds it on the
    bipartite giver/recipient graph, where giver i - recipient i stands for "i unmatched"."""
    largest_overlap = max(pairings.values(), default=0)
    per_match = len(participants) * largest_overlap + 1
    graph = networkx.Graph()
    for p in participants:
        graph.add_edge(("gives", p.id), ("receives", p.id), weight=0)
    for (giver, recipient), overlap in pairings.items():
        graph.add_edge(("gives", giver), ("receives", recipient), weight=per_match + overlap)
    chosen = networkx.max_weight_matching(graph, maxcardinality=True)
    weight = sum(graph.edges[edge]["weight"] for edge in chosen)
    return divmod(weight, per_match)


def best_by_brute_force(participants, pairings):
    """(most participants matched, most overlap among those) over every permutation, fixed points unmatched."""
    ids = [p.id for p in participants]
    best = (0, 0)
    for recipients in itertools.permutations(ids):
        pairs = [(g, r) for g, r in zip(ids, recipients, strict=True) if g != r]
        if all(pair in pairings for pair in pairs):
            best = max(best, (len(pairs), sum(pairings[pair] for pair in pairs)))
    return best


def on_some_cycle(participants, pairings):
    graph = networkx.DiGraph(list(pairings))
    graph.add_nodes_from(p.id for p in participants)
    return {
        p.id for p in participants if any(networkx.has_path(graph, r, p.id) for r in graph.successors(p.id))
    }


def check_matching_is_valid(participants, rules, matching):
    ids = {p.id for p in participants}
    by_id = {p.id: p for p in participants}
    givers, recipients = set(matching.assignments), set(matching.assignments.values())
    # Everyone gives at most once (a dict) and receives at most once; only people who do both are matched.
    assert len(recipients) == len(matching.assignments)
    assert givers == recipients
    assert givers <= ids
    assert matching.unmatched == sorted(ids - givers)
    for giver, recipient in matching.assignments.items():
        assert giver != recipient
        assert reference_overlap(by_id[giver], by_id[recipient], rules) is not None
    assert matching.total_overlap == sum(
        reference_overlap(by_id[g], by_id[r], rules) for g, r in matching.assignments.items()
    )


@settings(max_examples=100, deadline=None)
@given(participants=exchanges(max_size=8), rules=rules_strategy, block=st.integers(1, 40))
def test_potential_pairings_are_exactly_the_pairings_the_rules_allow(participants, rules, block):
    expected = reference_pairings(participants, rules)
    assert potential_pairings(participants, rules) == expected
    # Big exchanges are paired a block of givers at a time; small blocks must find the same pairings.
    with mock.patch.object(matching, "CANDIDATES_PER_BLOCK", block):
        assert potential_pairings(participants, rules) == expected


@settings(max_examples=100, deadline=None)
@given(participants=exchanges(max_size=8), rules=rules_strategy)
def test_matching_is_valid_and_as_large_and_overlapping_as_networkx_finds(participants, rules):
    matching = match(participants, rules)

    check_matching_is_valid(participants, rules, matching)
    pairings = reference_pairings(participants, rules)
    assert (len(matching.assignments), matching.total_overlap) == best_by_networkx(participants, pairings)
    assert set(matching.unmatchable) == {p.id for p in participants} - on_some_cycle(participants, pairings)


@settings(max_examples=100, deadline=None)
@given(participants=exchanges(max_size=6), rules=rules_strategy)
def test_matching_is_the_best_of_every_permutation(participants, rules):
    matching = match(participants, rules)

    check_matching_is_valid(participants, rules, matching)
    pairings = reference_pairings(participants, rules)
    assert (len(matching.assignments), matching.total_overlap) == best_by_brute_force(participants, pairings)


@st.composite
def graph_exchanges(draw, max_size):
    """Any "may give to" graph with weights, written as an exchange: for an edge g -> r of weight w, g offers
    and r requests an entry naming the edge's own fandom and w tags of its own, so the pairings are exactly
    the edges and each overlaps by 1 + w. Dense graphs with varied weights are where matching the most
    participants and overlapping the most disagree, which random sign-ups seldom produce."""
    size = draw(st.integers(0, max_size))
    edges = {}
    for giver, recipient in itertools.permutations(range(1, size + 1), 2):
        weight = draw(st.one_of(st.none(), st.integers(0, 6)))
        if weight is not None:
            edges[giver, recipient] = weight

    def edge_entry(giver, recipient):
        name = f"{giver}->{recipient}"
        return entry(name, other_tags={f"{name} #{k}" for k in range(edges[giver, recipient])})

    participants = [
        person(
            number,
            requests=[edge_entry(g, r) for g, r in edges if r == number],
            offers=[edge_entry(g, r) for g, r in edges if g == number],
        )
        for number in range(1, size + 1)
    ]
    return participants, {edge: 1 + weight for edge, weight in edges.items()}


@settings(max_examples=150, deadline=None)
@given(exchange=graph_exchanges(max_size=6))
def test_matching_on_any_pairing_graph_is_the_best_of_every_permutation(exchange):
    participants, pairings = exchange
    rules = MatchRules()
    assert potential_pairings(participants, rules) == pairings

    matching = match(participants, rules)

    check_matching_is_valid(participants, rules, matching)
    assert (len(matching.assignments), matching.total_overlap) == best_by_brute_force(participants, pairings)
    assert set(matching.unmatchable) == {p.id for p in participants} - on_some_cycle(participants, pairings)
