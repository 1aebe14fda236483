"""Recognising reviews that ask for more: precision, recall and counts on the labelled reviews, and the time
to judge a 10,000-character review.

    python bench/asking.py

The held-out set was written before the recogniser and never tuned against; the development set is the one
the phrases were tuned on (tests/data/asking_reviews.py says which borderline cases count).
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
REVIEW_CHARS = 10_000
RUNS = 2_000


def main():
    from data.asking_reviews import DEVELOPMENT, HELD_OUT, UNSEEN

    from quire.insights.asking import asks_for_more

    for title, examples in (
        ("Development (tuned on)", DEVELOPMENT),
        ("Held out (never tuned on, by the rules' author)", HELD_OUT),
        ("Unseen (never tuned on, by someone who never saw the rules)", UNSEEN),
    ):
        _table(title, examples, asks_for_more)

    paragraph = "I loved the diner scene and the way Jess finally says thank you on the road. "
    reviews = {
        "prose, ask at the end": (paragraph * 200)[: REVIEW_CHARS - 20] + " Please update soon!",
        "prose, no ask": (paragraph * 200)[:REVIEW_CHARS],
        '"more please " repeated': ("more please " * 1000)[:REVIEW_CHARS],
        '"a" * 10,000': "a" * REVIEW_CHARS,
        # every clause holds an ask that a negation cancels, so none ends the search early
        'worst: "no more please "': ("no more please " * 700)[:REVIEW_CHARS],
        'worst: "no ill be waiting, "': ("no I'll be waiting, " * 500)[:REVIEW_CHARS],
        'worst: "no more a b c "': ("no more a b c " * 800)[:REVIEW_CHARS],
        'worst: "no tell me , "': ("no tell me , " * 800)[:REVIEW_CHARS],
        'worst: "no next chapter please , "': ("no next chapter please , " * 500)[:REVIEW_CHARS],
        'worst: "no ch 9 please please…"': ("no ch 9" + " please" * 2000)[:REVIEW_CHARS],
        'accents: "café crème brûlée "': ("café crème brûlée " * 600)[:REVIEW_CHARS],
    }
    print(f"\nTime to judge a {REVIEW_CHARS:,}-character review (median of {RUNS:,} runs):")
    for name, review in reviews.items():
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            asks_for_more(review)
            runs.append(time.perf_counter() - started)
        print(f"  {name:<34}{statistics.median(runs) * 1e6:8.1f} µs  asks={asks_for_more(review)}")


def _table(title, examples, asks_for_more):
    if not examples:
        print(f"{title}: no reviews yet")
        return
    tp = fp = fn = tn = 0
    mistakes = []
    for text, asks in examples:
        found = asks_for_more(text)
        tp += found and asks
        fp += found and not asks
        fn += asks and not found
        tn += not asks and not found
        if found != asks:
            mistakes.append(("false alarm" if found else "miss", text))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(
        f"{title}: {len(examples)} reviews, {tp + fn} asking. precision {precision:.3f}, recall {recall:.3f} "
        f"(TP {tp}, FP {fp}, FN {fn}, TN {tn})"
    )
    for kind, text in mistakes:
        print(f"  {kind}: {text[:90]}")


if __name__ == "__main__":
    main()
