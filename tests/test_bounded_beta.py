"""Issue #17, finding 7: a beta read costs a bounded amount per request, however long the chapter.

The highlight placement is checked against the plain quadratic scan it replaced on random highlight sets;
long chapters go to the worker with a progress page; beta reads are rate limited per account."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from quire.beta.checker import beta_read
from quire.core.text import TextFormat, render


def _first_crossing_by_scanning(taken, start, end):
    """The scan the checker used to run for every place: every highlight so far, in the order placed."""
    for other_start, other_end, mark_id in taken:
        overlaps = other_start < end and start < other_end
        nested = (other_start <= start and end <= other_end) or (start <= other_start and other_end <= end)
        if overlaps and not nested:
            return mark_id
    return None


_span = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda s: (s[0], s[0] + s[1]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_span, max_size=60))
def test_highlights_link_to_the_same_clash_as_the_quadratic_scan(spans):
    from quire.beta.checker import _Taken

    taken, placed = _Taken(spans), []
    for number, (start, end) in enumerate(spans):
        expected = _first_crossing_by_scanning(placed, start, end)
        assert taken.first_crossing(start, end) == expected
        if expected is None:
            taken.add(start, end, f"beta-{number}")
            placed.append((start, end, f"beta-{number}"))


def _timed(html):
    started = time.perf_counter()
    report = beta_read(html)
    return time.perf_counter() - started, report


def test_a_chapter_of_abbreviations_is_read_in_linear_time():
    # "Mr. Ab Mr. Ab ...": every full stop re-read the sentence from its start (8.9 s for 50,000 characters).
    beta_read(render("Warm up. " * 200, TextFormat.PLAIN))
    seconds, report = _timed(render("Mr. Ab " * 7_000, TextFormat.PLAIN))
    assert report.word_count == 14_000
    assert seconds < 2


def test_thousands_of_highlighted_places_are_placed_in_linear_time():
    # Each crutch word and exclamation mark is a highlighted place: 12,000 of them in 96,000 characters.
    beta_read(render("Warm up. " * 200, TextFormat.PLAIN))
    unit = "Just wow! She smiled, really. Then she nodded!\n\n"
    seconds, report = _timed(render(unit * 2_000, TextFormat.PLAIN))
    assert sum(len(entry.places) for entry in report.entries) == 12_000
    assert report.marked_html.count("<mark") == 12_000
    assert seconds < 2
