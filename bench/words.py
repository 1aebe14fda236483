"""Counting words stays linear on hostile text: 10,000,000 characters of runs that would make a backtracking
pattern crawl (issue #18 moved every count to quire.core.words)."""

import time

import django

RUNS = ["word ", ".", "a'", "1,", "<em>a</em>", "<", "<a", "&amp;", "日", "か\u3099", "e\u0301", "—x"]
CHARS = 10_000_000


def main():
    django.setup()
    from quire.core.words import count_words

    print(f"Counting words in {CHARS:,} characters of one repeated run:")
    for run in RUNS:
        text = run * (CHARS // len(run))
        started = time.perf_counter()
        words = count_words(text)
        print(f"  {run!r:<14} {time.perf_counter() - started:6.2f} s  {words:,} words")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")
    main()
