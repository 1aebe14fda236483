"""Downloads as Calibre reads them: `ebook-meta` on the EPUB, the HTML converted by `ebook-convert`, and the
Kindle formats (AZW3, MOBI) Calibre converts from the EPUB. Calibre is installed by `make test` (Debian's
`calibre` package, in the Makefile's system-deps), so these run, never skip."""

import re
import struct
import subprocess
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from epub_support import opf
from factories import make_series, make_work
from task_queue import run_worker

from quire.exports.builders import kindle
from quire.exports.models import ExportBuild
from quire.exports.naming import FORMATS, download_url
from quire.series import services as series_services
from quire.works import services as work_services
from quire.works.enums import Rating, Warning

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.SITE_URL, settings.SITE_URL_SET = "https://archive.example.org", True


def story_url(work) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/works/{work.pk}"


def calibre(tmp_path: Path, *command: str) -> str:
    """A Calibre command run as the worker runs ebook-convert (no display, its own settings)."""
    scratch = tmp_path / "calibre"
    scratch.mkdir(exist_ok=True)
    result = subprocess.run(
        command, capture_output=True, text=True, env=kindle.calibre_env(scratch), timeout=300, check=True
    )
    return result.stdout


def ebook_meta(tmp_path: Path, path: Path) -> dict[str, str]:
    """ebook-meta's fields ("Series              : Road Trip Verse #2") by name."""
    fields = {}
    for line in calibre(tmp_path, "ebook-meta", str(path)).splitlines():
        found = re.match(r"^(\S.*?)\s*: (.*)$", line)
        if found:
            fields[found[1]] = found[2]
    return fields


def downloaded(client, work, ext: str, tmp_path: Path, name: str = "") -> Path:
    response = client.get(download_url(work, ext))
    assert response.status_code == 200, response.status_code
    path = tmp_path / (name or f"work.{ext}")
    path.write_bytes(b"".join(response.streaming_content))
    return path


def japanese_work(author, *, chapters=1):
    work = work_services.create_work(
        author=author,
        work=work_services.WorkFields(
            title="狼の夢",
            rating=Rating.GENERAL,
            warnings=[Warning.NONE_APPLY],
            fandoms=["銀河鉄道の夜"],
            summary="<p>狼は夢を見た。</p>",
            language="ja",
        ),
        chapter=work_services.ChapterFields(title="", body="<p>夜の森を走った。月が見ていた。</p>"),
        post=True,
    )
    for number in range(2, chapters + 1):
        work_services.add_chapter(
            work=work,
            user=author,
            fields=work_services.ChapterFields(title=f"第{number}章", body="<p>朝が来た。</p>"),
            post=True,
        )
    work.refresh_from_db()
    return work


def toc_labels(epub: Path) -> list[str]:
    """The entries of a converted EPUB's table of contents (its NCX), in order."""
    with zipfile.ZipFile(epub) as book:
        ncx = next(name for name in book.namelist() if name.endswith(".ncx"))
        text = book.read(ncx).decode()
    nav_map = text.split("<navMap>", 1)[1]
    return re.findall(r"<navLabel>\s*<text>([^<]*)</text>", nav_map)


# --- EPUB: series, language, publisher and address, as Calibre reads them ------------------------------


def test_epub_of_a_series_work_shows_series_and_part_in_calibre(client, writer, rich_work, tmp_path):
    make_series("Road Trip Verse", make_work(writer, title="Before"), rich_work)
    meta = ebook_meta(tmp_path, downloaded(client, rich_work, "epub", tmp_path))
    assert meta["Series"] == "Road Trip Verse #2"
    assert meta["Title"] == "Exit Ramps: “Mile Zero” & Beyond"
    assert meta["Author(s)"] == "writer [writer]"  # each dc:creator carries its sort name (file-as)
    assert meta["Languages"] == "eng"
    assert meta["Publisher"] == settings.SITE_NAME
    assert f"url:{story_url(rich_work)}" in meta["Identifiers"].split(", ")


def test_epub_of_a_japanese_work_shows_japanese_in_calibre(client, writer, tmp_path):
    work = japanese_work(writer)
    meta = ebook_meta(tmp_path, downloaded(client, work, "epub", tmp_path))
    assert meta["Title"] == "狼の夢"
    assert meta["Languages"] == "jpn"
    assert meta["Publisher"] == settings.SITE_NAME
    assert f"url:{story_url(work)}" in meta["Identifiers"].split(", ")
    assert "Series" not in meta


def _series_meta(client, work) -> dict[str, str]:
    package, _ = opf(b"".join(client.get(download_url(work, "epub")).streaming_content))
    return {m.get("name"): m.get("content") for m in package.iter("{*}meta") if m.get("name")}


def test_a_series_part_counts_only_what_guests_see_and_the_file_follows_changes(client, writer):
    first, draft, third = (
        make_work(writer, title="First"),
        make_work(writer, title="Unfinished", posted=False),
        make_work(writer, title="Third"),
    )
    series = make_series("Road Trip Verse", first, draft, third)
    # The draft neither shows nor leaves a gap: the third work is part 2 until the draft is posted.
    assert _series_meta(client, third)["calibre:series_index"] == "2.00"
    work_services.post_work(work=draft, user=writer)
    assert _series_meta(client, third)["calibre:series_index"] == "3.00"

    series_services.update_series(
        series=series, user=writer, fields=series_services.SeriesFields(title="The Long Road")
    )
    assert _series_meta(client, third)["calibre:series"] == "The Long Road"
    series_services.reorder_works(series=series, user=writer, work_ids=[third.pk, first.pk, draft.pk])
    assert _series_meta(client, third)["calibre:series_index"] == "1.00"
    series_services.remove_work(series=series, work=third, user=writer)
    assert "calibre:series" not in _series_meta(client, third)


def test_a_work_in_two_series_is_named_in_the_one_its_page_lists_first(client, writer):
    work = make_work(writer, title="Crossroads")
    make_series("Older Verse", make_work(writer, title="Opening"), work)
    make_series("Newer Verse", work)
    metas = _series_meta(client, work)
    assert (metas["calibre:series"], metas["calibre:series_index"]) == ("Older Verse", "2.00")
    page = client.get(work.get_absolute_url()).content.decode()
    assert page.index("Older Verse") < page.index("Newer Verse")


# --- The single HTML file, converted by Calibre --------------------------------------------------------


def test_html_converted_by_calibre_keeps_every_detail_and_one_entry_per_chapter(
    client, writer, rich_work, tmp_path
):
    make_series("Road Trip Verse", make_work(writer, title="Before"), rich_work)
    # Named as the download is named, since Calibre also reads a title and author from a file's name.
    source = downloaded(client, rich_work, "html", tmp_path, "Exit_Ramps_Mile_Zero_Beyond.html")
    converted = tmp_path / "converted.epub"
    calibre(tmp_path, "ebook-convert", str(source), str(converted))

    meta = ebook_meta(tmp_path, converted)
    assert meta["Title"] == "Exit Ramps: “Mile Zero” & Beyond"
    assert meta["Author(s)"] == "writer"
    assert meta["Languages"] == "eng"
    assert meta["Publisher"] == settings.SITE_NAME
    assert meta["Tags"].split(", ") == [
        "Gilmore Girls", "Teen And Up Audiences", "No Archive Warnings Apply", "F/M",
        "Jess Mariano/Rory Gilmore", "Rory Gilmore", "Jess Mariano", "Road Trips", "Canon Divergence", "Completed",
    ]  # fmt: skip
    assert meta["Published"].startswith(rich_work.posted_at.date().isoformat())
    assert meta["Comments"] == "Rory says yes."
    assert meta["Series"] == "Road Trip Verse #2"
    assert meta["Identifiers"] == f"url:{story_url(rich_work)}"
    # The front matter, then each chapter once; none of the chapter's links (a dead "#top", a site link).
    assert toc_labels(converted) == [
        "Exit Ramps: “Mile Zero” &amp; Beyond",
        "Chapter 1: Mile Zero",
        "Chapter 2: Somewhere",
    ]


def test_html_of_a_japanese_one_shot_converts_as_japanese_with_one_entry(client, writer, tmp_path):
    work = japanese_work(writer)
    source = downloaded(client, work, "html", tmp_path, f"Work_{work.pk}.html")
    converted = tmp_path / "converted.epub"
    calibre(tmp_path, "ebook-convert", str(source), str(converted))
    meta = ebook_meta(tmp_path, converted)
    assert (meta["Title"], meta["Languages"], meta["Comments"]) == ("狼の夢", "jpn", "狼は夢を見た。")
    assert toc_labels(converted) == ["狼の夢"]


def test_html_links_work_offline_and_keep_real_footnotes(client, writer, tmp_path):
    work = make_work(writer, title="Footnoted")
    chapter = work.chapters.get()
    work_services.update_chapter(
        chapter=chapter,
        user=writer,
        fields=work_services.ChapterFields(
            body=(
                '<p>Text<a href="#fn1">1</a>, <a href="/works/1">a work</a>, <a href="#nowhere">gone</a>.</p>'
                '<p><a name="fn1">1</a> The note.</p>'
            )
        ),
        base_version=chapter.version,
    )
    text = downloaded(client, work, "html", tmp_path).read_text()
    assert '<a href="#fn1" rel="nofollow ugc noopener">1</a>' in text
    assert f'<a href="{settings.SITE_URL}/works/1" rel="nofollow ugc noopener">a work</a>' in text
    assert "<a>gone</a>" in text


# --- Kindle formats --------------------------------------------------------------------------------------


def mobi_version(content: bytes) -> int:
    """The MOBI header's file version: 8 for KF8 (AZW3), 6 for the older MOBI."""
    record0 = struct.unpack(">I", content[78:82])[0]
    assert content[record0 + 16 : record0 + 20] == b"MOBI"
    return struct.unpack(">I", content[record0 + 36 : record0 + 40])[0]


@pytest.mark.parametrize(("ext", "version"), [("azw3", 8), ("mobi", 6)])
def test_kindle_formats_are_converted_by_the_worker(client, rich_work, tmp_path, ext, version):
    url = download_url(rich_work, ext)
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert f"Its {FORMATS[ext][0]} file is being made for Kindles" in waiting.content.decode()
    run_worker()
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == FORMATS[ext][1]
    assert f'filename="Exit_Ramps_Mile_Zero_Beyond.{ext}"' in ready["Content-Disposition"]
    content = b"".join(ready.streaming_content)
    assert content[60:68] == b"BOOKMOBI"
    assert mobi_version(content) == version
    path = tmp_path / f"work.{ext}"
    path.write_bytes(content)
    meta = ebook_meta(tmp_path, path)
    assert (meta["Title"], meta["Author(s)"]) == ("Exit Ramps: “Mile Zero” & Beyond", "writer")
    assert not ExportBuild.objects.exists()


def test_a_short_works_kindle_file_is_never_built_in_the_request(client, writer):
    work = make_work(writer, title="Tiny", words_per_chapter=3)
    assert client.get(download_url(work, "azw3")).status_code == 202
    assert client.get(download_url(work, "azw3")).status_code == 202  # asked again: the same build
    build = ExportBuild.objects.get()
    assert (build.fmt, build.status) == ("azw3", ExportBuild.Status.QUEUED)


def test_kindle_files_are_cached_until_the_work_changes(client, writer):
    work = make_work(writer, title="Cached")
    url = download_url(work, "mobi")
    client.get(url)
    run_worker()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache: nothing queued
    assert not ExportBuild.objects.exists()
    work_services.update_work(
        work=work,
        user=writer,
        fields=work_services.WorkFields(
            title="Cached", rating=Rating.GENERAL, warnings=[Warning.NONE_APPLY], fandoms=["Gilmore Girls"],
            summary="Changed.",
        ),
    )  # fmt: skip
    assert client.get(url).status_code == 202


def test_kindle_links_and_files_only_where_calibre_is_installed(client, writer, monkeypatch):
    work = make_work(writer, title="Linked")
    page = client.get(work.get_absolute_url()).content.decode()
    for ext in FORMATS:
        assert f'href="{download_url(work, ext)}"' in page, ext
    monkeypatch.setattr(kindle, "converter", lambda: None)
    page = client.get(work.get_absolute_url()).content.decode()
    assert f'href="{download_url(work, "epub")}"' in page
    for ext in kindle.FORMATS:
        assert f'href="{download_url(work, ext)}"' not in page
        assert client.get(download_url(work, ext)).status_code == 404
    assert not ExportBuild.objects.exists()


def _fake_converter(tmp_path: Path, script: str) -> str:
    path = tmp_path / "ebook-convert"
    path.write_text("#!/bin/sh\n" + textwrap.dedent(script))
    path.chmod(0o755)
    return str(path)


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_a_stuck_conversion_is_killed_and_recorded_as_failed(client, writer, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    # The converter and a helper it starts both hang; the timeout must end both.
    fake = _fake_converter(tmp_path, f"sleep 60 &\necho $! >> {pids}\necho $$ >> {pids}\nwait\n")
    monkeypatch.setattr(kindle, "converter", lambda: fake)
    monkeypatch.setattr(kindle, "CONVERT_TIMEOUT", 1)
    work = make_work(writer, title="Stuck")
    url = download_url(work, "azw3")
    client.get(url)
    run_worker()
    build = ExportBuild.objects.get()
    assert build.status == ExportBuild.Status.FAILED
    assert "took longer than 1 s" in build.error
    assert "could not be built" in client.get(url).content.decode()
    started = [int(pid) for pid in pids.read_text().split()]
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in started), started


def test_a_failed_conversion_is_recorded_with_calibres_message(client, writer, tmp_path, monkeypatch):
    fake = _fake_converter(tmp_path, "echo 'Conversion error: the input is broken' >&2\nexit 1\n")
    monkeypatch.setattr(kindle, "converter", lambda: fake)
    work = make_work(writer, title="Broken")
    client.get(download_url(work, "mobi"))
    run_worker()
    build = ExportBuild.objects.get()
    assert build.status == ExportBuild.Status.FAILED
    assert "exited with 1" in build.error and "the input is broken" in build.error
    assert "could not be built" in client.get(download_url(work, "mobi")).content.decode()
