"""The tool readers use to put fan fiction into Calibre reads Quire as it reads AO3."""

import re
import urllib.request
import zipfile
from pathlib import Path

import fanficfare
import pytest
from factories import UserFactory, make_work
from fanficfare_support import download_story, make_adapter_class

from quire.core.text import TextFormat
from quire.works import services
from quire.works.enums import Category, Rating, Warning


@pytest.fixture
def two_chapter_work(transactional_db):
    author = UserFactory(username="starshollowsnow")
    work = services.create_work(
        author=author,
        work=services.WorkFields(
            title="Exit Ramps",
            rating=Rating.TEEN,
            warnings=[Warning.NONE_APPLY],
            categories=[Category.FM],
            fandoms=["Gilmore Girls"],
            relationships=["Jess Mariano/Rory Gilmore"],
            characters=["Rory Gilmore", "Jess Mariano"],
            additional_tags=["Road Trips", "Canon Divergence"],
            summary="Rory says yes.",
            notes="Thanks to my beta & friends.",
            end_notes="More soon.",
            expected_chapters=2,
            text_format=TextFormat.PLAIN,
        ),
        chapter=services.ChapterFields(
            title="Mile Zero",
            notes="Here we go.",
            body="“Come away with me…” he said.\n\nShe got in the car.",
        ),
        post=True,
    )
    services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(title="Somewhere", end_notes="The end!", body="They drove until dawn."),
        post=True,
    )
    work.refresh_from_db()
    return work


def test_fanficfare_downloads_a_multi_chapter_work_with_notes_and_metadata(
    live_server, two_chapter_work, tmp_path
):
    make_adapter_class(live_server.url)
    story = download_story(
        f"{live_server.url}/works/{two_chapter_work.pk}", epub_path=tmp_path / "story.epub"
    )

    assert story["title"] == "Exit Ramps"
    assert story["authors"] == ["starshollowsnow"]
    assert story["rating"] == "Teen And Up Audiences"
    assert story["warnings"] == ["No Archive Warnings Apply"]
    assert story["categories"] == ["F/M"]
    assert story["fandoms"] == ["Gilmore Girls"]
    assert story["relationships"] == ["Jess Mariano/Rory Gilmore"]
    assert sorted(story["characters"]) == ["Jess Mariano", "Rory Gilmore"]  # FanFicFare sorts lists
    assert sorted(story["freeform_tags"]) == ["Canon Divergence", "Road Trips"]
    assert story["language"] == "English"
    assert story["chapters_shown"] == "2/2" and story["status"] == "Completed"
    assert story["chapter_count"] == 2
    assert "Rory says yes." in story["summary"]
    assert "Thanks to my beta &amp; friends." in story["notes"]
    assert "More soon." in story["end_notes"]
    assert "Here we go." in story["chapter_notes"][0]["notes"]
    assert "The end!" in story["chapter_notes"][1]["end_notes"]
    (title_one, text_one), (title_two, text_two) = story["chapters"]
    assert title_one == "1. Mile Zero" and title_two == "2. Somewhere"
    assert "“Come away with me…” he said." in text_one and "She got in the car." in text_one
    assert "They drove until dawn." in text_two
    with zipfile.ZipFile(tmp_path / "story.epub") as epub:
        assert any(name.endswith(".xhtml") for name in epub.namelist())


def test_fanficfare_reads_an_adult_work_past_the_notice(live_server, transactional_db):
    from factories import make_work

    work = make_work(title="After Dark", rating=Rating.MATURE, chapters=1)
    make_adapter_class(live_server.url)
    story = download_story(f"{live_server.url}/works/{work.pk}")
    assert story["rating"] == "Mature" and story["chapter_count"] == 1
    assert "Chapter one." in story["chapters"][0][1]


def test_fanficfare_updates_a_downloaded_epub_with_the_new_chapter(
    live_server, two_chapter_work, tmp_path, monkeypatch
):
    """A reader keeps the archive's own EPUB; the writer adds a chapter to the complete work; FanFicFare's
    update (its command line, `--update-epub`) finds the work by the EPUB's source URL and adds the chapter,
    and the book then agrees with the archive on chapters, words, status and series."""
    from fanficfare import cli

    from quire.exports.naming import download_url
    from quire.series import services as series_services

    series = series_services.create_series(
        creator=two_chapter_work.author, fields=series_services.SeriesFields(title="The Road Years")
    )
    series_services.add_work(
        series=series, work=make_work(two_chapter_work.author), user=two_chapter_work.author
    )
    series_services.add_work(series=series, work=two_chapter_work, user=two_chapter_work.author)
    book = tmp_path / "Exit_Ramps.epub"
    with urllib.request.urlopen(live_server.url + download_url(two_chapter_work, "epub")) as response:
        book.write_bytes(response.read())

    services.add_chapter(
        work=two_chapter_work,
        user=two_chapter_work.author,
        fields=services.ChapterFields(title="Epilogue", body="Years later, they drove back."),
        post=True,
    )
    two_chapter_work.refresh_from_db()
    assert two_chapter_work.chapters_display == "3/3" and two_chapter_work.is_complete

    make_adapter_class(live_server.url)
    monkeypatch.setenv("HOME", str(tmp_path))  # no personal.ini of the machine's user
    monkeypatch.chdir(tmp_path)
    defaults = (Path(fanficfare.__file__).parent / "defaults.ini").read_text()
    options = [
        "is_adult=true",
        "slow_down_sleep_time=0",
        "max_request_retries=0",
        "never_make_cover=true",
        "calibre_series_meta=true",
    ]
    cli.main(
        ["--update-epub", "--non-interactive", *[f"--option={o}" for o in options], str(book)],
        passed_defaultsini=defaults,
    )

    with zipfile.ZipFile(book) as epub:
        names = epub.namelist()
        chapters = sorted(n for n in names if re.search(r"/file\d+\.x?html$", n))
        assert len(chapters) == 3, names
        assert "Years later, they drove back." in epub.read(chapters[-1]).decode()
        title_page = next(epub.read(n).decode() for n in names if n.endswith("title_page.xhtml"))
        package = next(epub.read(n).decode() for n in names if n.endswith(".opf"))
    text = re.sub(r"<[^>]+>", " ", title_page)
    assert re.search(r"Chapters:\s*3\b", text) and re.search(r"Status:\s*Completed", text), text
    assert re.search(r"Series:\s*The Road Years \[2\]", text), text
    assert re.search(r"Series:\s*The Road Years \[2\]", text), text
    assert re.search(rf"Words:\s*{two_chapter_work.word_count:,}\b", text), text
    metas = {
        re.search(r'name="([^"]*)"', tag)[1]: re.search(r'content="([^"]*)"', tag)[1]
        for tag in re.findall(r"<meta [^>]*>", package)
        if "content=" in tag
    }
    assert metas["calibre:series"] == "The Road Years" and float(metas["calibre:series_index"]) == 2


def test_fanficfare_downloads_a_co_created_work_with_both_creators(live_server, two_chapter_work, tmp_path):
    """Each accepted creator is one author to FanFicFare, as an AO3 work with co-creators is (in the
    chapter index's byline); an invitation not yet accepted names nobody."""
    from epub_support import OPF_NS, opf

    from quire.accounts.models import Pseud
    from quire.creators.models import Creatorship
    from quire.creators.services import credit_creator

    cowriter = UserFactory(username="cowriter")
    credit_creator(two_chapter_work, Pseud.objects.create(user=cowriter, name="Pen"))
    invitee = UserFactory(username="invitee")
    Creatorship.objects.create(work=two_chapter_work, pseud=invitee.default_pseud, user=invitee)

    make_adapter_class(live_server.url)
    story = download_story(
        f"{live_server.url}/works/{two_chapter_work.pk}", epub_path=tmp_path / "story.epub"
    )
    assert story["authors"] == ["starshollowsnow", "Pen (cowriter)"]
    package, _ = opf((tmp_path / "story.epub").read_bytes())
    creators = [creator.text for creator in package.findall(".//dc:creator", namespaces=OPF_NS)]
    assert creators == ["starshollowsnow", "Pen (cowriter)"]
