"""Issue #17, finding 7: a beta read costs a bounded amount per request, however long the chapter.

The highlight placement is checked against the plain quadratic scan it replaced on random highlight sets;
long chapters go to the worker with a progress page; beta reads are rate limited per account."""

import time

import pytest
from factories import make_work
from hypothesis import given, settings
from hypothesis import strategies as st
from task_queue import run_worker

from quire.beta.checker import beta_read
from quire.beta.models import BetaRead
from quire.core.text import TextFormat, render
from quire.works import services
from quire.works.models import Chapter


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
    # Processor time, not wall time: the test machine runs other tests alongside, and only this
    # process's own work says whether the checker grew with the square of its input.
    started = time.process_time()
    report = beta_read(html)
    return time.process_time() - started, report


def test_a_chapter_of_abbreviations_is_read_in_linear_time():
    # "Mr. Ab Mr. Ab ...": every full stop re-read the sentence from its start, 39 s for these 98,000
    # characters on a quiet machine (1.3 s now); the budget leaves room for a loaded test machine.
    beta_read(render("Warm up. " * 200, TextFormat.PLAIN))
    seconds, report = _timed(render("Mr. Ab " * 14_000, TextFormat.PLAIN))
    assert report.word_count == 28_000
    assert seconds < 6


def test_thousands_of_highlighted_places_are_placed_in_linear_time():
    # Each crutch word and exclamation mark is a highlighted place: 18,000 of them in 144,000 characters
    # took about 18 s, every place scanning all those placed before it (under 2 s now).
    beta_read(render("Warm up. " * 200, TextFormat.PLAIN))
    unit = "Just wow! She smiled, really. Then she nodded!\n\n"
    seconds, report = _timed(render(unit * 3_000, TextFormat.PLAIN))
    assert sum(len(entry.places) for entry in report.entries) == 18_000
    assert report.marked_html.count("<mark") == 18_000
    assert seconds < 6


# --- Long chapters go to the worker; beta reads are rate limited -----------------------------------------

LONG = (
    "“Your going to miss the train.” she said softly.\n\nHe reached for the the door. The platform was "
    "empty, the clock over the ticket office said ten past six, and somewhere far down the line a whistle "
    "blew.\n\n"
) * 20


def _chapter(work, body=LONG, *, post=False):
    return services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(title="Long", body=body, text_format=TextFormat.PLAIN),
        post=post,
    )


def _url(chapter):
    return f"/works/{chapter.work_id}/chapters/{chapter.pk}/beta-read"


@pytest.fixture
def long_chapters(settings):
    # The same rule as the default 50,000 characters, scaled down so the test's chapter counts as long.
    settings.BETA_READ_INLINE_CHARS = 2_000


def test_a_long_chapter_is_read_by_the_worker_behind_a_progress_page(
    long_chapters, writer_client, writer, client, reader
):
    chapter = _chapter(make_work(writer))
    assert len(chapter.body_html) > 2_000

    waiting = writer_client.get(_url(chapter))
    page = waiting.content.decode()
    assert waiting.status_code == 202
    assert "beta reading it in the background" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'<a href="{_url(chapter)}">Check now</a>' in page
    assert "<mark" not in page

    run_worker()
    ready = writer_client.get(_url(chapter))
    page = ready.content.decode()
    assert ready.status_code == 200
    assert '<mark id="beta-1">Your</mark>' in page
    assert "Did you mean “You’re”?" in page

    client.force_login(reader)
    assert client.get(_url(chapter)).status_code == 404


def test_a_stored_report_is_shown_again_without_reading_the_chapter_again(
    long_chapters, writer_client, writer
):
    chapter = _chapter(make_work(writer))
    writer_client.get(_url(chapter))
    run_worker()
    writer_client.get(_url(chapter))
    BetaRead.objects.update(report_html="<p>kept report</p>")
    assert "<p>kept report</p>" in writer_client.get(_url(chapter)).content.decode()


def test_the_progress_page_polls_only_its_status_box(long_chapters, writer_client, writer):
    chapter = _chapter(make_work(writer))
    writer_client.get(_url(chapter))
    box = writer_client.get(_url(chapter), headers={"HX-Request": "true"}).content.decode()
    assert box.lstrip().startswith('<div class="notice beta-progress" role="status" id="beta-status"')
    assert 'data-hx-trigger="every 3s"' in box
    run_worker()
    box = writer_client.get(_url(chapter), headers={"HX-Request": "true"}).content.decode()
    assert "The beta read is ready" in box and "data-hx-get" not in box


def test_a_chapter_changed_while_queued_is_read_as_it_is_now(long_chapters, writer_client, writer):
    chapter = _chapter(make_work(writer))
    writer_client.get(_url(chapter))
    changed = LONG.replace("Your going", "Its been")
    Chapter.objects.filter(pk=chapter.pk).update(body_html=render(changed, TextFormat.PLAIN))
    run_worker()
    assert writer_client.get(_url(chapter)).status_code == 202
    run_worker()
    page = writer_client.get(_url(chapter)).content.decode()
    assert "Did you mean “You’re”?" not in page
    assert "Did you mean “It’s”?" in page


def test_the_draft_panel_of_a_long_chapter_offers_the_background_read(long_chapters, writer_client, writer):
    chapter = _chapter(make_work(writer))
    page = writer_client.get(chapter.get_absolute_url()).content.decode()
    assert "its beta read runs in the background instead of on this page" in page
    assert "things to check before you post" not in page

    writer_client.get(_url(chapter))
    run_worker()
    page = writer_client.get(chapter.get_absolute_url()).content.decode()
    assert "things to check before you post" in page
    assert f"{_url(chapter)}#beta-1" in page


def test_thirty_beta_reads_an_hour_then_a_clear_429_that_keeps_the_text(writer_client, writer):
    work = make_work(writer, chapters=31, words_per_chapter=12)
    chapters = list(work.chapters.order_by("position"))
    for chapter in chapters[:30]:
        assert writer_client.get(_url(chapter)).status_code == 200

    refused = writer_client.get(_url(chapters[30]))
    page = refused.content.decode()
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "You have run a lot of beta reads this hour" in page
    assert chapters[30].body_html in page
    # Reports already run still open: reopening one is not a new read.
    assert writer_client.get(_url(chapters[0])).status_code == 200


def test_the_beta_read_rate_counts_each_account_apart(settings, client, writer, reader):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "beta-reads": "1/h"}
    mine, theirs = make_work(writer, chapters=2), make_work(reader)
    client.force_login(writer)
    assert client.get(_url(mine.chapters.first())).status_code == 200
    assert client.get(_url(mine.chapters.last())).status_code == 429
    client.force_login(reader)
    assert client.get(_url(theirs.chapters.get())).status_code == 200
