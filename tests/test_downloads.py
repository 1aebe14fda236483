"""Downloads: every work a reader may see, as EPUB, HTML, TXT and PDF (and AZW3 and MOBI, converted by Calibre:
tests/test_downloads_calibre.py), at AO3's addresses."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from epub_support import OPF_NS, epubcheck_messages, opf, read_entry
from factories import UserFactory, make_series, make_work
from task_queue import run_worker

from quire.core.text import TextFormat
from quire.exports import services
from quire.exports.naming import FORMATS, download_url, safe_title
from quire.works import services as work_services


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.SITE_URL, settings.SITE_URL_SET = "https://archive.example.org", True


def test_download_url_is_aos_shape(rich_work):
    assert safe_title(rich_work) == "Exit_Ramps_Mile_Zero_Beyond"
    assert download_url(rich_work, "epub") == f"/downloads/{rich_work.pk}/Exit_Ramps_Mile_Zero_Beyond.epub"
    rich_work.title = "日本語"
    assert safe_title(rich_work) == f"Work_{rich_work.pk}"
    with pytest.raises(ValueError):
        download_url(rich_work, "docx")


def test_epub_passes_epubcheck_and_carries_fanficfare_metadata(client, rich_work, tmp_path):
    response = client.get(download_url(rich_work, "epub"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/epub+zip"
    assert 'filename="Exit_Ramps_Mile_Zero_Beyond.epub"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    path = tmp_path / "work.epub"
    path.write_bytes(content)
    assert epubcheck_messages(path) == []

    package, _ = opf(content)
    url = f"https://archive.example.org/works/{rich_work.pk}"
    assert package.findtext(".//dc:title", namespaces=OPF_NS) == "Exit Ramps: “Mile Zero” & Beyond"
    assert package.findtext(".//dc:creator", namespaces=OPF_NS) == "writer"
    assert package.findtext(".//dc:source", namespaces=OPF_NS) == url
    identifiers = [e.text for e in package.findall(".//dc:identifier", namespaces=OPF_NS)]
    assert f"URL:{url}" in identifiers
    subjects = [e.text for e in package.findall(".//dc:subject", namespaces=OPF_NS)]
    assert subjects == [
        "Gilmore Girls", "Teen And Up Audiences", "No Archive Warnings Apply", "F/M",
        "Jess Mariano/Rory Gilmore", "Rory Gilmore", "Jess Mariano", "Road Trips", "Canon Divergence", "Completed",
    ]  # fmt: skip
    assert "Rory says" in package.findtext(".//dc:description", namespaces=OPF_NS)

    title_page = read_entry(content, "title.xhtml")
    for shown in [
        "Teen And Up Audiences", "No Archive Warnings Apply", "Gilmore Girls", "Jess Mariano/Rory Gilmore",
        "Rory Gilmore, Jess Mariano", "Road Trips, Canon Divergence", "Rory says <em>yes</em>",
        "Thanks to my beta &amp; friends.", "Completed", "<dd class=\"chapters\">2/2</dd>",
        f'<dd class="words">{rich_work.word_count}</dd>', url, "English",
    ]:  # fmt: skip
        assert shown in title_page, shown
    nav = read_entry(content, "nav.xhtml")
    assert "Chapter 1: Mile Zero" in nav and "Chapter 2: Somewhere" in nav
    first = read_entry(content, "chapter0001.xhtml")
    assert "Here we go." in first and "They leave." in first
    assert '<div class="center">* * *</div>' in first and 'class="align-right"' in first
    assert '<a href="https://example.org/map.png">[Image: a map]</a>' in first
    assert '<a href="https://archive.example.org/works/1"' in first
    assert "The end!" in read_entry(content, "chapter0002.xhtml")
    assert "More soon." in read_entry(content, "afterword.xhtml")


def test_epub_with_a_series_is_still_epubcheck_clean(rich_work, tmp_path):
    from quire.exports.builders import epub
    from quire.exports.document import gather

    document = gather(rich_work, include_unposted=False, site="https://archive.example.org")
    document.series = ("Road Trip Verse", 2)
    path = tmp_path / "series.epub"
    path.write_bytes(epub.build(document))
    assert epubcheck_messages(path) == []
    package, _ = opf(path.read_bytes())
    metas = {m.get("name"): m.get("content") for m in package.iter("{*}meta") if m.get("name")}
    assert metas["calibre:series"] == "Road Trip Verse" and metas["calibre:series_index"] == "2.00"


@pytest.mark.parametrize(
    ("ext", "content_type", "opening"),
    [
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("txt", "text/plain; charset=utf-8", "Exit Ramps: “Mile Zero” & Beyond\nby writer".encode()),
        ("pdf", "application/pdf", b"%PDF-"),
    ],
)
def test_other_formats(client, rich_work, ext, content_type, opening):
    response = client.get(download_url(rich_work, ext))
    assert response.status_code == 200 and response["Content-Type"] == content_type
    content = b"".join(response.streaming_content)
    assert content.startswith(opening)
    if ext != "pdf":
        text = content.decode()
        for shown in [
            "They drove until dawn.",
            "Here we go.",
            "The end!",
            "More soon.",
            "Jess Mariano/Rory Gilmore",
        ]:
            assert shown in text, shown
        assert "Chapter 2: Somewhere" in text


def test_txt_keeps_paragraphs_and_breaks(client, rich_work):
    text = b"".join(client.get(download_url(rich_work, "txt")).streaming_content).decode()
    assert "Signed, J\n— Stars Hollow" in text
    assert "“Come away with me…” he said.\u00a0She" not in text  # no-break space became a space
    assert "“Come away with me…” he said. She got in the car.\n\n* * *" in text


def test_wrong_title_redirects_and_unknown_format_is_404(client, rich_work):
    response = client.get(f"/downloads/{rich_work.pk}/old-title.epub?view_adult=true")
    assert response.status_code == 302
    assert response["Location"] == download_url(rich_work, "epub") + "?view_adult=true"
    assert client.get(f"/downloads/{rich_work.pk}/Exit_Ramps_Mile_Zero_Beyond.docx").status_code == 404
    assert client.get("/downloads/999999/Anything.epub").status_code == 404
    assert reverse("exports:download", kwargs={"work_id": 5, "filename": "A.pdf"}) == "/downloads/5/A.pdf"


@pytest.mark.django_db
def test_drafts_restricted_and_hidden_works_are_absent(client, writer):
    other = UserFactory()
    draft = make_work(writer, title="Draft Work", posted=False)
    restricted = make_work(writer, title="Members Only", restricted=True)
    hidden = make_work(writer, title="Hidden Work")
    hidden.hidden_at = timezone.now()
    hidden.save()
    for work in (draft, restricted, hidden):
        for ext in FORMATS:
            assert client.get(download_url(work, ext)).status_code == 404, (work.title, ext)
    client.force_login(other)
    assert client.get(download_url(draft, "epub")).status_code == 404
    assert client.get(download_url(hidden, "txt")).status_code == 404
    assert client.get(download_url(restricted, "txt")).status_code == 200  # logged in: may read it
    client.force_login(writer)
    own_draft = client.get(download_url(draft, "txt"))
    assert own_draft.status_code == 200 and b"Chapter one." in b"".join(own_draft.streaming_content)


@pytest.mark.django_db
def test_cached_until_the_work_changes_never_stale(client, writer, settings):
    work = make_work(writer, title="Changing", chapters=2)
    url = download_url(work, "txt")
    first = b"".join(client.get(url).streaming_content)
    files = list((settings.EXPORTS_DIR / str(work.pk)).glob("*.txt"))
    assert len(files) == 1
    built_at = files[0].stat().st_mtime_ns
    assert b"".join(client.get(url).streaming_content) == first
    assert files[0].stat().st_mtime_ns == built_at  # served from the cache, not rebuilt

    chapter = work.chapters.get(position=2)
    work_services.update_chapter(
        chapter=chapter,
        user=chapter.work.author,
        fields=work_services.ChapterFields(body="A new ending.", text_format=TextFormat.PLAIN),
        base_version=chapter.version,
    )
    after_edit = b"".join(client.get(url).streaming_content)
    assert b"A new ending." in after_edit and b"Chapter 2." not in after_edit
    assert len(list((settings.EXPORTS_DIR / str(work.pk)).glob("*.txt"))) == 1  # the old file is gone

    work.work_tags.first().tag.__class__.objects.filter(name="Gilmore Girls").update(
        name="Gilmore Girls (TV)"
    )
    assert b"Gilmore Girls (TV)" in b"".join(client.get(url).streaming_content)


@pytest.mark.django_db
def test_unposted_chapter_is_only_in_the_authors_download(client, writer):
    work = make_work(writer, title="Growing")
    work_services.add_chapter(
        work=work,
        user=work.author,
        fields=work_services.ChapterFields(body="Secret next chapter.", text_format=TextFormat.PLAIN),
        post=False,
    )
    url = download_url(work, "txt")
    assert b"Secret next chapter." not in b"".join(client.get(url).streaming_content)
    client.force_login(writer)
    assert b"Secret next chapter." in b"".join(client.get(url).streaming_content)


@pytest.mark.django_db
def test_large_work_builds_in_the_background_with_progress(client, writer, monkeypatch):
    monkeypatch.setitem(services.BACKGROUND_WORDS, "epub", 5)
    work = make_work(writer, title="Epic", chapters=3)
    url = download_url(work, "epub")
    waiting = client.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page and "being built" in page
    assert f'data-hx-get="{url}" data-hx-trigger="every 3s"' in page
    polled = client.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 200 and b"being built" in polled.content and b"<html" not in polled.content
    assert client.get(url).status_code == 202  # asking again queues nothing new
    run_worker()
    ready_box = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'ready: <a href="{url}">Epic.epub</a>' in ready_box and "data-hx-get" not in ready_box
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/epub+zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(ready.streaming_content))).testzip() is None


@pytest.mark.django_db
def test_progress_page_counts_chapters_and_retries_a_failure_after_a_while(client, writer, monkeypatch):
    from quire.exports.models import ExportBuild

    monkeypatch.setitem(services.BACKGROUND_WORDS, "pdf", 5)
    work = make_work(writer, title="Epic", chapters=3)
    url = download_url(work, "pdf")
    client.get(url)
    ExportBuild.objects.update(status=ExportBuild.Status.RUNNING, done=1, total=3)
    page = client.get(url).content.decode()
    assert "1 of 3 chapters done" in page and 'value="1"' in page
    ExportBuild.objects.update(status=ExportBuild.Status.FAILED, error="boom", updated_at=timezone.now())
    failed = client.get(url).content.decode()
    assert "could not be built" in failed and "http-equiv" not in failed
    assert ExportBuild.objects.get().status == ExportBuild.Status.FAILED
    ExportBuild.objects.update(updated_at=timezone.now() - ExportBuild.RETRY_AFTER)
    assert client.get(url).status_code == 202
    assert ExportBuild.objects.get().status == ExportBuild.Status.QUEUED
    run_worker()
    assert client.get(url)["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_work_page_links_every_format(client, writer):
    work = make_work(writer, title="Linked")
    page = client.get(work.get_absolute_url()).content.decode()
    assert '<li class="download">' in page
    for ext in FORMATS:  # Calibre is installed for the tests, so the Kindle formats too
        assert f'href="{download_url(work, ext)}"' in page


@pytest.mark.django_db
def test_download_queries_do_not_grow_with_chapters_or_series(client, writer, django_assert_num_queries):
    small, large = make_work(writer, title="Small", chapters=2), make_work(writer, title="Large", chapters=8)
    make_series("Short Verse", small)
    make_series("Long Verse", *[make_work(writer, title=f"Part {n}") for n in range(6)], large)
    make_series("Other Verse", large)
    counts = []
    for work in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(download_url(work, "epub")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # From the cache: neither the chapters, nor their size, nor a recorded failed build, nor the series and
    # the related works again (the fingerprint reads them, and the build's gather() a second time), nor the
    # gifts (read with the work only when it has any, and then only by the build).
    with django_assert_num_queries(counts[0] - 6):
        client.get(download_url(large, "epub"))


@pytest.mark.django_db(transaction=True)
def test_deleting_a_work_removes_its_files(client, settings):
    work = make_work(UserFactory(), title="Gone Soon")
    client.get(download_url(work, "txt"))
    folder = settings.EXPORTS_DIR / str(work.pk)
    assert any(folder.iterdir())
    work_services.delete_work(work=work, user=work.author)
    assert not folder.exists()


@pytest.mark.django_db
def test_downloads_name_the_address_the_reader_used_when_no_site_url_is_set(
    client, writer, settings, monkeypatch
):
    """Served on another port without SITE_URL, a download's links and identifier are the port readers use,
    whether built in the request or by the worker."""
    settings.SITE_URL, settings.SITE_URL_SET = "http://127.0.0.1:8000", False
    work = make_work(writer, title="Ported")
    url = f"http://127.0.0.1:8765/works/{work.pk}"
    package, _ = opf(
        b"".join(client.get(download_url(work, "epub"), HTTP_HOST="127.0.0.1:8765").streaming_content)
    )
    assert package.findtext(".//dc:source", namespaces=OPF_NS) == url

    monkeypatch.setitem(services.BACKGROUND_WORDS, "html", 0)
    assert client.get(download_url(work, "html"), HTTP_HOST="localhost:8765").status_code == 202
    run_worker()
    built = b"".join(client.get(download_url(work, "html"), HTTP_HOST="localhost:8765").streaming_content)
    assert f'href="http://localhost:8765/works/{work.pk}"'.encode() in built
    assert b"127.0.0.1:8000" not in built


def test_serve_tells_its_processes_the_address_it_listens_on():
    from quire.core.management.commands.serve import served_at

    assert served_at("127.0.0.1", 8765) == "http://127.0.0.1:8765"
    assert served_at("0.0.0.0", 9000) == "http://127.0.0.1:9000"
    assert served_at("::1", 9000) == "http://[::1]:9000"
