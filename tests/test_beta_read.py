"""The beta read: every rule against its labelled corpus, the highlighting, and who may see the report."""

from pathlib import Path

import pytest
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.beta.checker import beta_read, find
from quire.beta.document import Document
from quire.beta.evaluation import load, rules_fired, score
from quire.beta.findings import RULES
from quire.beta.models import ArchiveRates
from quire.beta.rates import MIN_ARCHIVE_WORDS, current_rates, refresh_rates
from quire.core.text import TextFormat, render
from quire.works import services
from quire.works.models import Chapter

CORPUS = load(Path(__file__).parent / "data" / "beta_corpus")


def _examples(label):
    return [pytest.param(e, id=f"{e.rule}:{e.line}") for e in CORPUS if e.label == label]


def test_every_rule_has_a_corpus_with_correct_and_incorrect_uses():
    for rule in RULES:
        mine = [e for e in CORPUS if e.rule == rule.slug]
        wrong = [e for e in mine if e.label == "+"]
        right = [e for e in mine if e.label == "-"]
        assert len(wrong) >= 6 and len(right) >= 6, rule.slug
    assert len(CORPUS) >= 400


@pytest.mark.parametrize("example", _examples("+"))
def test_rule_catches_its_incorrect_example(example):
    assert example.rule in rules_fired(example), example.text


@pytest.mark.parametrize("example", _examples("-"))
def test_no_rule_fires_on_a_correct_example(example):
    assert rules_fired(example) == set(), example.text


@pytest.mark.parametrize("example", _examples("?"))
def test_documented_misses_stay_documented(example):
    """Recall knowingly traded for precision; if a rule starts catching one, move it to the + list."""
    assert example.rule not in rules_fired(example), example.text


def test_corpus_precision_is_perfect_and_recall_high():
    for slug, result in score(CORPUS).items():
        assert result.precision == 1.0, (slug, result.false_alarms)
        assert result.recall >= 0.9, (slug, result.misses)


def test_finding_points_at_the_confused_word_and_suggests_the_fix():
    document = Document(render("She said your going to be late.", TextFormat.PLAIN))
    (finding,) = find(document)
    assert document.text[finding.start : finding.end] == "your"
    assert finding.suggestion == "Did you mean “you’re”?"


def test_highlight_marks_the_place_inside_the_writers_markup_and_links_back():
    html = render(
        "<p>It was <em>to late</em> &amp; dark.</p><p>He reached for the the door.</p>", TextFormat.RICH
    )
    report = beta_read(html)
    assert [e.rule.slug for e in report.entries] == ["to-too", "repeated-word"]
    assert '<em><mark id="beta-1">to</mark><a class="beta-back" href="#finding-1"' in report.marked_html
    assert '<mark id="beta-2">the the</mark>' in report.marked_html
    assert "&amp; dark" in report.marked_html


def test_a_span_across_tags_becomes_one_mark_per_text_node():
    html = render("<p>“It’s over,” she <strong>said</strong> <em>softly</em>.</p>", TextFormat.RICH)
    report = beta_read(html)
    (entry,) = report.entries
    assert entry.rule.slug == "tag-adverb"
    assert (
        '<strong><mark id="beta-1">said</mark></strong> <em><mark>softly</mark><a class="beta-back"'
        in report.marked_html
    )


def test_highlighting_keeps_the_markup_sanitized():
    html = render('<p>Your going <a href="https://example.org">to the the</a> fair.</p>', TextFormat.RICH)
    report = beta_read(html)
    assert "<script" not in report.marked_html
    # No back link inside the writer's own link: links cannot nest.
    assert report.marked_html.count("<a ") == 2


def test_overused_word_lists_every_place():
    body = " ".join(["Suddenly the door opened and she looked up from the book on her knees."] * 12)
    report = beta_read(render(body, TextFormat.PLAIN))
    overused = [e for e in report.entries if e.rule.slug == "overused" and "suddenly" in e.finding.message]
    assert overused and len(overused[0].places) == 12


def test_archive_rate_replaces_the_built_in_one_once_the_archive_is_big_enough(db):
    assert current_rates().source == "typical fan fiction"
    work = make_work(words_per_chapter=50)
    chapter = work.chapters.get()
    Chapter.objects.filter(pk=chapter.pk).update(
        body="Wait... what?! No! " * 10, word_count=MIN_ARCHIVE_WORDS
    )
    rates = refresh_rates()
    assert (rates.chapters, rates.ellipses, rates.exclamations) == (1, 10, 20)
    measured = current_rates()
    assert measured.source == "this archive’s 1 posted chapters"
    assert measured.exclamations == pytest.approx(20 * 1000 / MIN_ARCHIVE_WORDS)
    assert ArchiveRates.objects.count() == 1


def test_worker_refreshes_the_archive_rates_periodically(db):
    from quire.beta.tasks import refresh_archive_rates
    from quire.core.management.commands.worker import PERIODIC

    assert "quire.beta.tasks.refresh_archive_rates" in {path for _, path in PERIODIC}
    make_work(words_per_chapter=30)
    refresh_archive_rates.enqueue()
    run_worker()
    assert ArchiveRates.objects.get().chapters == 1


# --- Pages ----------------------------------------------------------------------------------------------

DRAFT = (
    "“Your going to miss the train.” she said softly.\n\nHe reached for the the door. The platform was "
    "empty, the clock over the ticket office said ten past six, and somewhere far down the line a whistle "
    "blew. He did not look back at her. He had promised himself he would not."
)


def _draft_chapter(work):
    return services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(title="Draft", body=DRAFT, text_format=TextFormat.PLAIN),
        post=False,
    )


def test_writer_sees_findings_on_the_draft_chapter_preview(writer_client, writer):
    work = make_work(writer)
    chapter = _draft_chapter(work)
    page = writer_client.get(chapter.get_absolute_url()).content.decode()
    assert "Beta read" in page and "things to check before you post" in page
    assert f"/works/{work.pk}/chapters/{chapter.pk}/beta-read#beta-1" in page


def test_posted_chapter_offers_the_beta_read_on_demand(writer_client, writer):
    work = make_work(writer)
    chapter = work.chapters.get()
    page = writer_client.get(chapter.get_absolute_url()).content.decode()
    assert "Beta read this chapter" in page


def test_report_page_highlights_the_text_and_lists_findings(writer_client, writer):
    work = make_work(writer)
    chapter = _draft_chapter(work)
    response = writer_client.get(f"/works/{work.pk}/chapters/{chapter.pk}/beta-read")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<li id="finding-1" value="1">' in page
    assert '<mark id="beta-1">Your</mark>' in page
    assert "Did you mean “You’re”?" in page
    assert "Flesch reading ease" in page


def test_readers_never_see_the_beta_read(client, writer, reader):
    work = make_work(writer)
    chapter = work.chapters.get()
    url = f"/works/{work.pk}/chapters/{chapter.pk}/beta-read"
    assert client.get(url).status_code == 404
    client.force_login(reader)
    assert client.get(url).status_code == 404
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Beta read" not in page
    other = UserFactory()
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_works_not_in_english_get_no_findings(writer_client, writer):
    work = make_work(writer)
    work.language = "fr"
    work.save()
    chapter = _draft_chapter(work)
    assert "Beta read" not in writer_client.get(chapter.get_absolute_url()).content.decode()
    page = writer_client.get(f"/works/{work.pk}/chapters/{chapter.pk}/beta-read").content.decode()
    assert "checks English text only" in page and "<mark" not in page


def test_report_for_a_chapter_of_another_work_is_404(writer_client, writer):
    mine = make_work(writer)
    theirs = make_work()
    chapter = theirs.chapters.get()
    assert writer_client.get(f"/works/{mine.pk}/chapters/{chapter.pk}/beta-read").status_code == 404


def test_an_excerpt_of_dialogue_shows_its_own_quotes_once():
    from django.template.loader import render_to_string

    place = {"before": "“Come away with me…” Jess said ", "excerpt": "calmly", "after": "."}
    shown = render_to_string("beta/_excerpt.html", {"place": place})
    assert "““" not in shown and shown.count("“") == 1
