"""Writers' back catalogues: works backdated by hand, and many AO3, FanFicFare and Quire downloads imported
at once as drafts dated as where they were first posted, reviewed and posted together."""

import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from epub_fixtures import ao3_download_epub, ao3_download_html
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.api.services import create_token
from quire.exports import batch_import
from quire.exports.models import ImportBatch, ImportFile
from quire.exports.naming import download_url
from quire.series import services as series_services
from quire.series.models import SeriesWork
from quire.works import services
from quire.works.enums import Rating, Warning
from quire.works.models import Work

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"


def fanficfare_epub() -> bytes:
    """tests/data/fanficfare.epub (FanFicFare 4.62's own output) as it is for a work in a series, first
    published and last updated on other days: FanFicFare writes "Series: Name [3]" with the series' link."""
    source = zipfile.ZipFile(DATA / "fanficfare.epub")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as copy:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "OEBPS/title_page.xhtml":
                text = data.decode()
                text = text.replace("<b>Published:</b> 2026-11-25", "<b>Published:</b> 2019-05-04")
                text = text.replace("<b>Updated:</b> 2026-11-25", "<b>Updated:</b> 2020-08-09")
                text = text.replace(
                    "<div>\n",
                    '<div>\n<b>Series:</b> <a class="serieslink" href="http://localhost:46715/series/3">'
                    "Road Trip Verse [3]</a><br />\n",
                    1,
                )
                data = text.encode()
            copy.writestr(entry, data)
    return buffer.getvalue()


def quire_epub(client) -> bytes:
    """A work another Quire archive made: backdated there, part 1 of a series, downloaded as EPUB."""
    elsewhere = UserFactory(username="elsewhere")
    work = services.create_work(
        author=elsewhere,
        work=services.WorkFields(
            title="Snow Day",
            rating=Rating.GENERAL,
            warnings=[Warning.NONE_APPLY],
            fandoms=["Gilmore Girls"],
            characters=["Lorelai Gilmore"],
            summary="<p>It snows.</p>",
            published_on=date(2018, 6, 1),
        ),
        chapter=services.ChapterFields(body="<p>Snow on the gazebo.</p>"),
        post=True,
    )
    series = series_services.create_series(
        creator=elsewhere, fields=series_services.SeriesFields(title="Stars Hollow Nights")
    )
    series_services.add_work(series=series, work=work, user=elsewhere)
    work = Work.objects.for_listing().get(pk=work.pk)
    return b"".join(client.get(download_url(work, "epub")).streaming_content)


# FanFicFare 4.62's HTML output (fanficfare/writers/writer_html.py: its title table, then each chapter from
# <a name="sectionNNNN">) for an AO3 work, whose chapters carry the OTW adapter's notes as in its EPUB.
FANFICFARE_HTML = """<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>Exit Ramps by starshollowsnow</title>
<style type="text/css">
</style>
</head>
<body>
<h1><a href="https://archiveofourown.org/works/777">Exit Ramps</a> by <a class='authorlink' href='https://archiveofourown.org/users/s/pseuds/s'>starshollowsnow</a></h1>

<table class="full">

<tr><td><b>Series:</b></td><td><a class="serieslink" href="https://archiveofourown.org/series/3">Road Trip Verse [3]</a></td></tr>

<tr><td><b>Category:</b></td><td>Gilmore Girls</td></tr>

<tr><td><b>Genre:</b></td><td>Canon Divergence, F/M, Road Trips</td></tr>

<tr><td><b>Published:</b></td><td>2019-05-04</td></tr>

<tr><td><b>Updated:</b></td><td>2020-08-09</td></tr>

<tr><td><b>Rating:</b></td><td>Teen And Up Audiences</td></tr>

<tr><td><b>Warnings:</b></td><td>No Archive Warnings Apply</td></tr>

<tr><td><b>Summary:</b></td><td><div class="userstuff"><p>Rory says yes.</p></div></td></tr>

</table>

<a name="TOCTOP"><h2>Table of Contents</h2></a>
<p>
<a href="#section0001">1. Mile Zero</a><br />
<a href="#section0002">2. Somewhere</a><br />
</p>

<a name="section0001"><h2>1. Mile Zero</h2></a>
<div class="story"><div class="fff_chapter_notes fff_head_notes"><b>Author's Note:</b><blockquote class="userstuff"><p>Thanks to my beta.</p>
</blockquote><b>Notes for the Chapter:</b><blockquote class="userstuff"><p>Here we go.</p>
</blockquote></div><div class="userstuff module">
<p>"Come away with me..." he said.</p>
</div></div>

<a name="section0002"><h2>2. Somewhere</h2></a>
<div class="story"><div class="userstuff module">
<p>They drove until dawn.</p>
</div><div class="fff_chapter_notes fff_foot_notes"><b>Notes for the Chapter:</b><blockquote class="userstuff"><p>The end!</p>
</blockquote></div></div>

</body>
</html>"""


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def start_import(client, files):
    return client.post(reverse("exports:import_works"), {"files": files})


def noon(day: date):
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_a_back_catalogue_becomes_dated_drafts_then_posts_together_keeping_its_dates(client, writer):
    quire_file = quire_epub(client)
    client.force_login(writer)
    response = start_import(
        client,
        [
            upload("Mile Markers.epub", ao3_download_epub(title="Mile Markers", part=1)),
            upload(
                "Diner Talk.html",
                ao3_download_html(
                    title="Diner Talk",
                    part=2,
                    url="https://archiveofourown.org/works/654321",
                    published="2017-02-01",
                    updated="2017-04-05",
                ),
            ),
            upload("Exit_Ramps-ffnet.epub", fanficfare_epub()),
            upload("Snow_Day.epub", quire_file),
            upload("broken.epub", b"this is not a zip at all"),
        ],
    )
    batch = ImportBatch.objects.get(user=writer)
    assert response.status_code == 302 and response["Location"] == reverse(
        "exports:import_batch", args=[batch.pk]
    )
    # The request stored the files and queued the worker: nothing was parsed yet.
    assert not Work.objects.filter(author=writer).exists()
    waiting = client.get(response["Location"]).content.decode()
    assert "0 of 5 files read" in waiting and "Post all selected" not in waiting

    run_worker()

    page = client.get(response["Location"]).content.decode()
    assert "Imported 4 of 5 files." in page
    assert "Not imported: That .epub file is damaged or is not really a .epub file." in page
    works = {w.title: w for w in Work.objects.for_listing().filter(author=writer)}
    assert sorted(works) == ["Diner Talk", "Exit Ramps", "Mile Markers", "Snow Day"]
    assert all(work.is_draft for work in works.values())
    dated = {
        title: (work.published_on, work.updated_on, work.source_url, work.chapters.count())
        for title, work in works.items()
    }
    assert dated == {
        "Mile Markers": (date(2015, 3, 2), date(2016, 1, 10), "https://archiveofourown.org/works/123456", 2),
        "Diner Talk": (date(2017, 2, 1), date(2017, 4, 5), "https://archiveofourown.org/works/654321", 2),
        "Exit Ramps": (date(2019, 5, 4), date(2020, 8, 9), "http://localhost:46715/works/1", 2),
        "Snow Day": (date(2018, 6, 1), date(2018, 6, 1), f"http://testserver/works/{Work.objects.get(title='Snow Day', author__username='elsewhere').pk}", 1),
    }  # fmt: skip
    diner = works["Diner Talk"]
    assert [t.name for t in diner.fandoms] == ["Gilmore Girls"]
    assert sorted(t.name for t in diner.additional_tags) == ["Angst", "Road Trips"]
    assert [w.value for w in diner.warnings] == [Warning.VIOLENCE, Warning.CHARACTER_DEATH]
    assert diner.rating == Rating.MATURE and diner.summary_html == "<p>Two detectives, one car.</p>"
    assert [(c.title, c.notes_html, c.end_notes_html) for c in diner.chapters.order_by("position")] == [
        ("Mile Zero", "<p>Here we go.</p>", ""),
        ("", "", "<p>The end!</p>"),
    ]
    series = {
        entry.work.title: (entry.series.title, entry.position)
        for entry in SeriesWork.objects.filter(work__author=writer).select_related("series", "work")
    }
    assert series == {
        "Mile Markers": ("Road Trip Verse", 1),
        "Diner Talk": ("Road Trip Verse", 2),
        "Exit Ramps": ("Road Trip Verse", 3),
        "Snow Day": ("Stars Hollow Nights", 1),
    }
    draft_page = client.get(diner.get_absolute_url()).content.decode()
    assert (
        "Originally posted at:" in draft_page
        and 'href="https://archiveofourown.org/works/654321"' in draft_page
    )

    response = client.post(
        reverse("exports:import_batch", args=[batch.pk]), {"works": [w.pk for w in works.values()]}
    )
    assert response.status_code == 302
    assert "Posted 4 works" in client.get(response["Location"]).content.decode()
    posted = {w.title: w for w in Work.objects.filter(author=writer)}
    assert {title: (w.posted_at, w.revised_at) for title, w in posted.items()} == {
        "Mile Markers": (noon(date(2015, 3, 2)), noon(date(2016, 1, 10))),
        "Diner Talk": (noon(date(2017, 2, 1)), noon(date(2017, 4, 5))),
        "Exit Ramps": (noon(date(2019, 5, 4)), noon(date(2020, 8, 9))),
        "Snow Day": (noon(date(2018, 6, 1)), noon(date(2018, 6, 1))),
    }
    chapters = list(posted["Diner Talk"].chapters.order_by("position").values_list("posted_at", flat=True))
    assert chapters == [noon(date(2017, 2, 1)), noon(date(2017, 4, 5))]
    listing = client.get(reverse("discovery:works"), {"sort": "posted"})
    mine = [w.title for w in listing.context["listing"].page.object_list if w.author_id == writer.pk]
    assert mine == ["Exit Ramps", "Snow Day", "Diner Talk", "Mile Markers"]


def test_fanficfare_and_quire_html_downloads_import_whole(client, writer):
    quire_work = make_work(UserFactory(), title="Snow Day", chapters=2)
    quire_html = b"".join(client.get(download_url(quire_work, "html")).streaming_content)
    client.force_login(writer)
    start_import(client, [upload("exit.html", FANFICFARE_HTML.encode()), upload("snow.html", quire_html)])
    run_worker()
    exit_ramps = Work.objects.for_listing().get(author=writer, title="Exit Ramps")
    assert (exit_ramps.published_on, exit_ramps.updated_on, exit_ramps.source_url) == (
        date(2019, 5, 4),
        date(2020, 8, 9),
        "https://archiveofourown.org/works/777",
    )
    assert [t.name for t in exit_ramps.fandoms] == ["Gilmore Girls"] and exit_ramps.rating == Rating.TEEN
    assert exit_ramps.notes_html == "<p>Thanks to my beta.</p>"
    assert [(c.title, c.notes_html, c.end_notes_html) for c in exit_ramps.chapters.order_by("position")] == [
        ("Mile Zero", "<p>Here we go.</p>", ""),
        ("Somewhere", "", "<p>The end!</p>"),
    ]
    assert exit_ramps.series_entries.get().position == 3
    snow = Work.objects.get(author=writer, title="Snow Day")
    assert snow.chapters.count() == 2 and snow.published_on == quire_work.posted_at.date()
    assert snow.source_url == f"http://testserver/works/{quire_work.pk}"


def test_a_file_that_cannot_be_a_work_is_reported_and_the_others_still_import(client, writer):
    client.force_login(writer)
    start_import(
        client,
        [
            upload("no-fandom.html", b"<html><body><div id='preface'><h1>Lost</h1></div>"
                   b"<div id='chapters'><div class='userstuff'><p>Text.</p></div></div></body></html>"),
            upload("chapter.html", b"<html><body><p>Just a chapter.</p></body></html>"),
            upload("Diner Talk.html", ao3_download_html(title="Diner Talk")),
        ],
    )  # fmt: skip
    run_worker()
    files = {f.name: (f.status, f.error) for f in ImportFile.objects.all()}
    assert files["Diner Talk.html"] == (ImportFile.Status.IMPORTED, "")
    assert files["no-fandom.html"][0] == ImportFile.Status.FAILED
    assert "does not say which fandom" in files["no-fandom.html"][1]
    assert files["chapter.html"][0] == ImportFile.Status.FAILED
    assert "Import it as a chapter" in files["chapter.html"][1]
    assert list(Work.objects.values_list("title", flat=True)) == ["Diner Talk"]
    assert set(ImportFile.objects.values_list("content", flat=True)) == {b""}  # read once, not kept


def test_too_many_or_too_large_files_are_refused_before_anything_is_stored(client, writer, settings):
    client.force_login(writer)
    settings.IMPORT_BATCH_MAX_FILES = 3
    response = start_import(client, [upload(f"w{n}.epub", b"x") for n in range(4)])
    assert response.status_code == 400
    assert "You chose 4 files; Quire imports at most 3 at once." in response.content.decode()
    settings.IMPORT_BATCH_MAX_BYTES = 2000
    response = start_import(client, [upload("a.epub", b"x" * 1500), upload("b.epub", b"x" * 1500)])
    assert "These files come to 2.9 KB; Quire imports at most 2.0 KB at once." in response.content.decode()
    settings.IMPORT_MAX_BYTES = 1000
    response = start_import(client, [upload("big.epub", b"x" * 1500), upload("notes.txt", b"x")])
    page = response.content.decode()
    assert "“big.epub” is larger than" in page and "“notes.txt” is not an .epub or .html file." in page
    assert not ImportBatch.objects.exists()


def test_a_batch_is_its_writers_alone(client, writer):
    client.force_login(writer)
    start_import(client, [upload("Diner Talk.html", ao3_download_html(title="Diner Talk"))])
    batch = ImportBatch.objects.get()
    run_worker()
    work = Work.objects.get(title="Diner Talk")
    client.force_login(UserFactory(username="someone"))
    assert client.get(reverse("exports:import_batch", args=[batch.pk])).status_code == 404
    client.post(reverse("exports:import_batch", args=[batch.pk]), {"works": [work.pk]})
    client.logout()
    assert client.get(reverse("exports:import_batch", args=[batch.pk])).status_code == 302  # to log in
    assert Work.objects.get(pk=work.pk).is_draft


@pytest.mark.parametrize("count", (1, 4))
def test_the_review_list_reads_a_fixed_number_of_queries(client, writer, count, django_assert_num_queries):
    client.force_login(writer)
    start_import(client, [upload(f"w{n}.html", ao3_download_html(title=f"W{n}")) for n in range(count)])
    run_worker()
    batch = ImportBatch.objects.get()
    with django_assert_num_queries(6):
        response = client.get(reverse("exports:import_batch", args=[batch.pk]))
    assert response.content.decode().count('name="works"') == count


# --- A batch whose worker stopped ----------------------------------------------------------------------


def stopped_batch(client, writer, monkeypatch) -> ImportBatch:
    """Three files; the worker is killed while reading the second (its transaction rolls back, its task
    never comes back), and nothing happens for longer than STALLED_AFTER."""
    client.force_login(writer)
    start_import(client, [upload(f"w{n}.html", ao3_download_html(title=f"Story {n}")) for n in range(3)])
    real = batch_import.import_document

    def killed_on_the_second(*, author, name, content):
        if name == "w1.html":
            raise SystemExit("worker killed")
        return real(author=author, name=name, content=content)

    with monkeypatch.context() as patched:
        patched.setattr(batch_import, "import_document", killed_on_the_second)
        run_worker()
    batch = ImportBatch.objects.get()
    page = client.get(reverse("exports:import_batch", args=[batch.pk])).content.decode()
    assert "1 of 3 files read" in page and "This import stopped" not in page  # only slow, so far
    ImportBatch.objects.update(updated_at=timezone.now() - batch_import.STALLED_AFTER - timedelta(minutes=1))
    return batch


def test_a_stopped_batch_says_so_and_retry_reads_only_the_files_not_read(client, writer, monkeypatch):
    batch = stopped_batch(client, writer, monkeypatch)
    path = reverse("exports:import_batch", args=[batch.pk])

    page = client.get(path).content.decode()
    assert "This import stopped." in page and "1 of 3 files were read" in page
    assert "data-hx-trigger" not in page and 'http-equiv="refresh"' not in page  # no more waiting
    assert 'value="retry"' in page and 'value="discard"' in page
    assert (
        "Stopped (retry or discard it on its page)"
        in client.get(reverse("exports:import_works")).content.decode()
    )
    client.force_login(UserFactory(username="someone"))
    assert client.post(path, {"action": "retry"}).status_code == 404
    client.force_login(writer)
    retried = client.post(path, {"action": "retry"}, follow=True).content.decode()
    again = client.post(path, {"action": "retry"}, follow=True).content.decode()  # a second click
    run_worker()

    assert "Importing again: the 2 files not read yet." in retried
    assert "This import is not stopped" in again
    assert sorted(Work.objects.filter(author=writer).values_list("title", flat=True)) == [
        "Story 0",
        "Story 1",
        "Story 2",
    ]
    finished = client.get(path).content.decode()
    assert "Imported 3 of 3 files." in finished and "This import stopped" not in finished


def test_a_stopped_batch_discarded_keeps_the_drafts_made_and_drops_the_rest(client, writer, monkeypatch):
    batch = stopped_batch(client, writer, monkeypatch)
    path = reverse("exports:import_batch", args=[batch.pk])

    discarded = client.post(path, {"action": "discard"}, follow=True).content.decode()
    run_worker()  # a worker that comes back finds nothing left to read

    assert "Discarded the 2 files not read yet" in discarded
    assert "Imported 1 of 3 files." in discarded
    assert discarded.count("Discarded: the import stopped before this file was read.") == 2
    assert list(Work.objects.filter(author=writer).values_list("title", flat=True)) == ["Story 0"]
    assert set(ImportFile.objects.values_list("content", flat=True)) == {b""}
    assert "Stopped" not in client.get(reverse("exports:import_works")).content.decode()


def test_a_batch_still_going_cannot_be_retried_or_discarded(client, writer):
    client.force_login(writer)
    start_import(client, [upload("w.html", ao3_download_html(title="Story"))])
    batch = ImportBatch.objects.get()
    path = reverse("exports:import_batch", args=[batch.pk])

    for action in ("retry", "discard"):
        page = client.post(path, {"action": action}, follow=True).content.decode()
        assert "This import is not stopped" in page
    run_worker()

    assert list(Work.objects.filter(author=writer).values_list("title", flat=True)) == ["Story"]


# --- Backdating ----------------------------------------------------------------------------------------


def work_form(**changes):
    return {
        "title": "Old Work",
        "rating": Rating.GENERAL,
        "warnings": [Warning.NONE_APPLY],
        "fandoms": "Gilmore Girls",
        "language": "en",
        "review_policy": "everyone",
        "text_format": "html",
        "chapter-body": "<p>The gazebo.</p>",
        "action": "post",
        **changes,
    }


def test_a_backdated_work_is_dated_and_sorted_by_its_date(client, writer):
    newer = make_work(title="Posted Today")
    client.force_login(writer)
    response = client.post(reverse("works:new"), work_form(published_on="2012-05-05"))
    work = Work.objects.get(title="Old Work")
    assert response.status_code == 302 and work.posted_at == noon(date(2012, 5, 5)) == work.revised_at
    assert '<dd class="published">2012-05-05</dd>' in client.get(work.get_absolute_url()).content.decode()
    for sort in ("posted", "updated"):
        listing = client.get(reverse("discovery:works"), {"sort": sort})
        assert [w.title for w in listing.context["listing"].page.object_list] == [newer.title, "Old Work"]
    # Searching reads the search index's copy of the date on PostgreSQL: the same order there.
    listing = client.get(reverse("discovery:works"), {"sort": "updated", "q": "gazebo OR word"})
    assert [w.title for w in listing.context["listing"].page.object_list] == [newer.title, "Old Work"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("tomorrow", "is in the future. A work can be dated today or earlier"),
        ("1850-01-01", "Choose a date from 1900 on."),
        ("5 May", "Enter a date, such as 2015-03-21."),
    ],
)
def test_a_publication_date_in_the_future_or_long_ago_is_refused_keeping_what_was_typed(
    client, writer, typed, message
):
    client.force_login(writer)
    if typed == "tomorrow":
        typed = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(reverse("works:new"), work_form(published_on=typed, summary="Kept."))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "Kept." in page and "&lt;p&gt;The gazebo.&lt;/p&gt;" in page and f'value="{typed}"' in page
    assert not Work.objects.exists()


def test_a_draft_posted_later_keeps_its_date_and_an_edit_redates_a_posted_work(client, writer):
    client.force_login(writer)
    client.post(reverse("works:new"), work_form(published_on="2014-07-01", action="draft"))
    work = Work.objects.get()
    assert work.is_draft and work.published_on == date(2014, 7, 1)
    services.add_chapter(work=work, user=writer, fields=services.ChapterFields(body="Two."), post=True)
    client.post(reverse("works:post", args=[work.pk]))
    work.refresh_from_db()
    assert work.posted_at == noon(date(2014, 7, 1)) == work.revised_at
    assert list(work.chapters.values_list("posted_at", flat=True)) == [noon(date(2014, 7, 1))] * 2

    later = make_work(writer, title="Posted Now")
    form = {**work_form(title="Posted Now", published_on="2010-01-02"), "action": ""}
    assert client.post(reverse("works:edit", args=[later.pk]), form).status_code == 302
    later.refresh_from_db()
    assert later.posted_at == noon(date(2010, 1, 2)) == later.revised_at
    assert later.chapters.get().posted_at == noon(date(2010, 1, 2))


def test_the_api_backdates_a_new_work(client, writer):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=writer, name='script')[1]}"}
    payload = {
        "title": "From the API",
        "rating": "general",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore Girls"],
        "chapter": {"body": "<p>Hi.</p>"},
        "post": True,
        "published_on": "2013-09-09",
    }
    response = client.post("/api/v1/works", payload, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    assert response.json()["posted_at"].startswith("2013-09-09")
    future = {**payload, "published_on": (timezone.localdate() + timedelta(days=2)).isoformat()}
    response = client.post("/api/v1/works", future, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "published_on"
