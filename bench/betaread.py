"""The beta read: precision and recall of every rule on the labelled corpus, and the time to analyse a
10,000-word chapter.

    python bench/betaread.py

Precision counts a finding on ANY correct example in the corpus (not only the rule's own) as a false
alarm. The corpus lives in tests/data/beta_corpus; "?" lines are known misses and count against recall.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")
CHAPTER_WORDS = 10_000
WORST_CASE_CHARS = 505_000


def main():
    import django

    django.setup()
    from quire.beta.checker import beta_read
    from quire.beta.evaluation import load
    from quire.beta.findings import RULES
    from quire.core.words import count_words

    corpus = ROOT / "tests" / "data" / "beta_corpus"
    examples = load(corpus)
    _table(f"Beta read: {len(examples)} labelled examples (the corpus the tests assert on)", examples, RULES)
    held_out = load(corpus / "holdout")
    _table(f"\nHeld out: {len(held_out)} examples written after the rules were frozen", held_out, RULES)

    paragraphs = [example.html() for example in examples]
    chapter, words = [], 0
    while words < CHAPTER_WORDS:
        for fragment in paragraphs:
            chapter.append(fragment)
            words += count_words(fragment)
            if words >= CHAPTER_WORDS:
                break
    body = "\n".join(chapter)
    started = time.perf_counter()
    report = beta_read(body)
    first = time.perf_counter() - started
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        beta_read(body)
        runs.append(time.perf_counter() - started)
    print(
        f"\n{words:,}-word chapter ({len(report.entries)} findings): {statistics.median(runs) * 1000:.0f} ms "
        f"median of 5; first run in a fresh process {first * 1000:.0f} ms (loads the CMU dictionary)"
    )
    _worst_case(beta_read)


def _worst_case(beta_read):
    """The schema's longest chapter written to be highlighted everywhere: a crutch word or an exclamation
    mark every few words (issue #17: 15 s and more, every place compared with every other). Processor
    time as well as wall time, so the figure means something on a busy machine."""
    from quire.core.text import TextFormat, render

    unit = "Just wow! She smiled, really. Then she nodded!\n\n"
    body = render((unit * (WORST_CASE_CHARS // len(unit) + 1))[:WORST_CASE_CHARS], TextFormat.PLAIN)
    started, cpu = time.perf_counter(), time.process_time()
    report = beta_read(body)
    places = sum(len(entry.places) for entry in report.entries)
    print(
        f"{WORST_CASE_CHARS:,}-character worst case ({places:,} highlighted places): "
        f"{time.perf_counter() - started:.2f} s, {time.process_time() - cpu:.2f} s of processor time"
    )


def _table(title, examples, rules):
    from quire.beta.evaluation import score

    scores = score(examples)
    print(title)
    print(f"{'rule':<17}{'wrong':>6}{'right':>6}{'TP':>5}{'FN':>5}{'FP':>5}{'precision':>11}{'recall':>8}")
    for rule in rules:
        result = scores[rule.slug]
        wrong = sum(1 for e in examples if e.rule == rule.slug and e.label in "+?")
        right = sum(1 for e in examples if e.rule == rule.slug and e.label == "-")
        if not wrong + right:
            continue
        print(
            f"{rule.slug:<17}{wrong:>6}{right:>6}{result.true_positives:>5}{result.false_negatives:>5}"
            f"{result.false_positives:>5}{_percent(result.precision):>11}{_percent(result.recall):>8}"
        )
    for result in scores.values():
        for example in result.false_alarms:
            print(f"  false alarm ({result.rule}): {example.rule}.txt:{example.line} {example.text[:60]}")
        for example in result.misses:
            print(f"  miss ({result.rule}): {example.rule}.txt:{example.line} {example.text[:60]}")


def _percent(value) -> str:
    return "n/a" if value is None else f"{value:.0%}"


if __name__ == "__main__":
    main()
