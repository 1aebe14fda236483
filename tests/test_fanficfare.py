"""The tool readers use to put fan fiction into Calibre reads Quire as it reads AO3."""

import zipfile

import pytest
from factories import UserFactory
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
