"""Gift-exchange matching at size (issue #22): every participant who can be matched is matched, in under 10 s.

    python bench/matching.py

A generated exchange, the same every run (seeded): 3,000 participants with 3 to 6 requests and 3 to 6
offers each, over 1,500 fandoms whose popularity follows Zipf's law (the most popular fandom is named by
about one entry in eight, the rarest by one or two of the 27,000), each fandom with 2 to 5 characters; an
entry names one fandom and 0 to 2 of its characters. Rules: offer and request must share a fandom. Times the
whole of `match` from the sign-ups, potential pairings included (it computes them itself, as arrays; the
{pair: overlap} dict of `potential_pairings` is for pages, not needed here). Prints one line:

    matched M of N participants (K unmatchable) in S s

No larger matching exists: `match` solves the assignment exactly (SciPy's LAPJVsp), and no matching can
reach more than N - K, since the K unmatchable participants lie on no cycle of possible pairings; the run
checks that every participant is assigned at most once each way and only along a valid pairing.
"""

import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quire.exchanges.matching import Entry, MatchRules, Participant, match, pairing_overlap  # noqa: E402 -- after the path

PARTICIPANTS = 3_000
FANDOMS = 1_500
ENTRIES = (3, 6)
CHARACTERS = (2, 5)
SEED = 22
RULES = MatchRules(fandom=True)


def generate_exchange(seed: int = SEED) -> list[Participant]:
    rng = random.Random(seed)
    fandoms = [f"Fandom {rank}" for rank in range(1, FANDOMS + 1)]
    popularity = list(itertools.accumulate(1 / rank for rank in range(1, FANDOMS + 1)))
    characters = {
        fandom: [f"{fandom} / Character {k}" for k in range(1, rng.randint(*CHARACTERS) + 1)]
        for fandom in fandoms
    }

    def entries() -> tuple[Entry, ...]:
        chosen = []
        wanted = rng.randint(*ENTRIES)
        while len(chosen) < wanted:  # distinct fandoms, as a sign-up form would insist
            (fandom,) = rng.choices(fandoms, cum_weights=popularity)
            if fandom not in chosen:
                chosen.append(fandom)
        return tuple(
            Entry(
                fandoms=frozenset({fandom}),
                characters=frozenset(rng.sample(characters[fandom], rng.randint(0, 2))),
            )
            for fandom in chosen
        )

    return [
        Participant(id=number, requests=entries(), offers=entries()) for number in range(1, PARTICIPANTS + 1)
    ]


def main():
    participants = generate_exchange()
    started = time.perf_counter()
    matching = match(participants, RULES)
    elapsed = time.perf_counter() - started
    recipients = set(matching.assignments.values())
    assert len(recipients) == len(matching.assignments) and recipients == set(matching.assignments)
    by_id = {participant.id: participant for participant in participants}
    for giver, recipient in matching.assignments.items():
        assert giver != recipient and pairing_overlap(by_id[giver], by_id[recipient], RULES) is not None
    print(
        f"matched {len(matching.assignments)} of {len(participants)} participants "
        f"({len(matching.unmatchable)} unmatchable) in {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
