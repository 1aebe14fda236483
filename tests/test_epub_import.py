"""Bringing a whole work in from an EPUB: Quire's own, FanFicFare's, AO3's; hostile files refused."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from epub_fixtures import CONTAINER, ao3_epub, zip_bytes
from factories import UserFactory

from quire.core.text import TextFormat
from quire.exports.epub_reader import read_epub
from quire.exports.naming import download_url
from quire.works import services
from quire.works.enums import Category, Rating, Warning
from quire.works.importing import ImportError_
from quire.works.models import Work

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"


def upload(client, content: bytes, name="work.epub", **typed):
    file = SimpleUploadedFile(name, content, content_type="application/epub+zip")
    return client.post(reverse("works:new"), {"action": "import", "file": file, **typed})


def imported_work(response) -> Work:
    assert response.status_code == 302, response.content.decode()[:2000]
    return Work.objects.for_listing().get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def summary_of(work: Work) -> dict:
    return {
        "title": work.title,
        "rating": work.rating,
        "warnings": [w.value for w in work.warnings],
        "categories": [c.value for c in work.categories],
        "fandoms": [t.name for t in work.fandoms],
        "relationships": [t.name for t in work.relationships],
        "characters": sorted(t.name for t in work.characters),
        "additional_tags": sorted(t.name for t in work.additional_tags),
        "language": work.language,
        "expected_chapters": work.expected_chapters,
        "summary": work.summary_html,
        "notes": work.notes_html,
        "end_notes": work.end_notes_html,
        "chapters": [
            (c.title, c.body_html, c.summary_html, c.notes_html, c.end_notes_html)
            for c in work.chapters.order_by("position")
        ],
    }


def test_round_trip_quire_epub_gives_the_same_work_back(client, writer):
    original = services.create_work(
        author=writer,
        work=services.WorkFields(
            title="Exit Ramps",
            rating=Rating.MATURE,
            warnings=[Warning.VIOLENCE, Warning.CHARACTER_DEATH],
            categories=[Category.FM, Category.GEN],
            fandoms=["Gilmore Girls", "Veronica Mars (TV)"],
            relationships=["Jess Mariano/Rory Gilmore"],
            characters=["Rory Gilmore", "Jess Mariano"],
            additional_tags=["Road Trips", "Canon Divergence"],
            summary="<p>Rory says <em>yes</em>.</p>",
            notes="<p>Thanks to my beta &amp; friends.</p>",
            end_notes="<p>More soon.</p>",
            language="fr",
            expected_chapters=3,
        ),
        chapter=services.ChapterFields(
            title="Mile Zero",
            summary="<p>They leave.</p>",
            notes="<p>Here we go.</p>",
            body="<p>“Come away with me…” he said.<br>She got in.</p><hr><blockquote><p>A sign: <strong>EXIT</strong></p></blockquote><ul><li>maps</li><li>coffee</li></ul>",
        ),
        post=True,
    )
    for title, body, end in [
        ("", "<p>They drove until dawn.</p>", "<p>The end!</p>"),
        ("Home", "<p>Back.</p>", ""),
    ]:
        services.add_chapter(
            work=original,
            user=original.author,
            fields=services.ChapterFields(title=title, body=body, end_notes=end),
            post=True,
        )
    original = Work.objects.for_listing().get(pk=original.pk)
    client.force_login(writer)
    exported = b"".join(client.get(download_url(original, "epub")).streaming_content)

    copy = imported_work(upload(client, exported, name="Exit_Ramps.epub"))
    assert copy.is_draft and copy.pk != original.pk and copy.author == writer
    expected = summary_of(original)
    assert summary_of(copy) == expected
    assert copy.chapters.count() == 3 and not copy.chapters.filter(posted_at__isnull=False).exists()
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "This is a draft." in page and "Imported “Exit_Ramps.epub” as a draft with 3 chapters." in page


def test_fanficfare_epub(client, writer):
    """tests/data/fanficfare.epub: FanFicFare 4.62 (default EPUB 2 settings) downloading a Quire work,
    which it reads with its AO3 parser, so it is the shape of an AO3 work downloaded with FanFicFare."""
    client.force_login(writer)
    work = imported_work(upload(client, (DATA / "fanficfare.epub").read_bytes()))
    assert summary_of(work) == {
        "title": "Exit Ramps",
        "rating": Rating.TEEN,
        "warnings": [Warning.NONE_APPLY],
        "categories": [Category.FM],
        "fandoms": ["Gilmore Girls"],
        "relationships": ["Jess Mariano/Rory Gilmore"],
        "characters": ["Jess Mariano", "Rory Gilmore"],
        "additional_tags": ["Canon Divergence", "Road Trips"],
        "language": "en",
        "expected_chapters": 2,
        "summary": "<p>Rory says yes.</p>",
        "notes": "<p>Thanks to my beta &amp; friends.</p>",
        "end_notes": "<p>More soon.</p>",
        "chapters": [
            (
                "Mile Zero",
                "<p>“Come away with me…” he said.</p>\n<p>She got in the car.</p>",
                "",
                "<p>Here we go.</p>",
                "",
            ),
            ("Somewhere", "<p>They drove until dawn.</p>", "", "", "<p>The end!</p>"),
        ],
    }


def test_ao3_epub(client, writer):
    client.force_login(writer)
    work = imported_work(upload(client, ao3_epub()))
    assert summary_of(work) == {
        "title": "Exit Ramps",
        "rating": Rating.MATURE,
        "warnings": [Warning.VIOLENCE, Warning.CHARACTER_DEATH],
        "categories": [Category.FM, Category.GEN],
        "fandoms": ["Gilmore Girls", "Veronica Mars (TV)"],
        "relationships": ["Jess Mariano/Rory Gilmore"],
        "characters": ["Jess Mariano", "Rory Gilmore", "Veronica Mars"],
        "additional_tags": ["Crossover", "Road Trips"],
        "language": "en",
        "expected_chapters": 2,
        "summary": "<p>Two detectives, one car.</p>",
        "notes": "<p>For my beta.</p>",
        "end_notes": "<p>Thanks for reading!</p>",
        "chapters": [
            ("Mile Zero", "<p>“Come away with me…” he said.</p><p>Second <em>paragraph</em>.</p>", "<p>They leave.</p>", "<p>Here we go.</p>", ""),
            ("", "<p>They drove until dawn.</p><p>Second <em>paragraph</em>.</p>", "", "", "<p>The end!</p>"),
        ],
    }  # fmt: skip


def test_epub_without_fandom_uses_the_typed_one_or_asks_for_it(client, writer):
    page = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
    <body><h1>Only Chapter</h1><p>Plain book text.</p></body></html>"""
    opf = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
    <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Plain Book</dc:title></metadata>
    <manifest><item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/></manifest>
    <spine><itemref idref="c1"/></spine></package>"""
    content = zip_bytes(
        {
            "META-INF/container.xml": CONTAINER.format(opf="OPS/book.opf"),
            "OPS/book.opf": opf,
            "OPS/text/c1.xhtml": page,
        }
    )
    client.force_login(writer)
    refused = upload(client, content, title="My typed title", summary="Typed summary")
    text = refused.content.decode()
    assert refused.status_code == 200 and "does not say which fandom" in text
    assert 'value="My typed title"' in text and "Typed summary" in text and Work.objects.count() == 0
    work = imported_work(upload(client, content, fandoms="Original Work", rating=Rating.GENERAL))
    assert (work.title, [t.name for t in work.fandoms], work.rating) == (
        "A Plain Book",
        ["Original Work"],
        "general",
    )
    chapter = work.chapters.get()
    assert chapter.title == "Only Chapter" and chapter.body_html == "<p>Plain book text.</p>"


def bomb() -> bytes:
    return zip_bytes({"META-INF/container.xml": b"\0" * (120 * 1024 * 1024)})


def many_entries() -> bytes:
    return zip_bytes({f"OPS/{n}.xhtml": "" for n in range(5001)}, compression=zipfile.ZIP_STORED)


def huge_entry() -> bytes:
    return zip_bytes({"OPS/chapter.xhtml": b" " * (17 * 1024 * 1024)})


def long_page() -> bytes:
    opf = '<package><manifest><item id="p" href="p.xhtml"/></manifest><spine><itemref idref="p"/></spine></package>'
    page = "<html><body>" + "<p>a</p>" * 600_000 + "</body></html>"
    return zip_bytes(
        {"META-INF/container.xml": CONTAINER.format(opf="content.opf"), "content.opf": opf, "p.xhtml": page}
    )


def billion_laughs() -> bytes:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};">'
        for i in range(9)
    )
    container = f'<?xml version="1.0"?><!DOCTYPE c [{entities}]><container><rootfiles><rootfile full-path="&j;"/></rootfiles></container>'
    return zip_bytes({"META-INF/container.xml": container})


def external_entity() -> bytes:
    container = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>'
    opf = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><package><metadata><title xmlns="http://purl.org/dc/elements/1.1/">&x;</title></metadata><manifest/><spine/></package>'
    return zip_bytes({"META-INF/container.xml": container, "content.opf": opf})


def broken_crc() -> bytes:
    content = bytearray(ao3_epub())
    at = content.index(b"Exit_Ramps_split_001.xhtml") + 40  # inside that entry's compressed data
    content[at] ^= 0xFF
    return bytes(content)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"PK\x03\x04 this is not really a zip", "damaged or is not really a .epub"),
        (lambda: b"%PDF-1.4 a pdf renamed", "damaged or is not really a .epub"),
        (bomb, "expands to far more than a work could hold"),
        (many_entries, "expands to far more than a work could hold"),
        (huge_entry, "has a part far larger than any chapter"),
        (long_page, "a page far longer than any chapter"),
        (lambda: zip_bytes({"../../etc/evil.xhtml": "x"}), "unsafe paths"),
        (lambda: zip_bytes({"/etc/evil.xhtml": "x"}), "unsafe paths"),
        (lambda: zip_bytes({"META-INF/container.xml": CONTAINER.format(opf="../../content.opf")}), "does not say where its contents are"),
        (lambda: zip_bytes({"OPS/content.opf": "<package/>"}), "no table of contents"),
        (lambda: zip_bytes({"META-INF/container.xml": "<container><unclosed>"}), "not readable XML"),
        (billion_laughs, "damaged"),
        (external_entity, "no chapters"),
        (broken_crc, "could not read that .epub"),
    ],
    ids=["not-a-zip", "pdf", "zip-bomb", "many-entries", "huge-entry", "long-page", "dotdot-path", "absolute-path",
         "container-escapes", "no-container", "broken-xml", "billion-laughs", "external-entity", "bad-crc"],
)  # fmt: skip
def test_hostile_and_broken_files_are_refused_with_a_clear_message(client, writer, make, message):
    content = make()
    with pytest.raises(ImportError_, match=message):
        read_epub(content)
    client.force_login(writer)
    response = upload(client, content, title="Kept title")
    page = response.content.decode()
    assert response.status_code == 200 and Work.objects.count() == 0
    assert message in page and 'value="Kept title"' in page


def test_oversized_upload_is_refused(client, writer, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(writer)
    assert "larger than 0 MB" in upload(client, ao3_epub()).content.decode()


def test_epub_in_a_chapter_form_points_to_new_work(client, writer):
    from factories import make_work

    work = make_work(writer)
    client.force_login(writer)
    file = SimpleUploadedFile("w.epub", ao3_epub(), content_type="application/epub+zip")
    page = client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"action": "import", "body": "Typed first", "text_format": TextFormat.PLAIN, "file": file},
    ).content.decode()
    assert "An .epub holds a whole work" in page and "Typed first" in page


def test_import_command_takes_an_epub(writer, tmp_path):
    path = tmp_path / "exit.epub"
    path.write_bytes(ao3_epub())
    out = io.StringIO()
    call_command("import", str(path), "--author", "writer", "--draft", stdout=out)
    work = Work.objects.get()
    assert out.getvalue().strip() == f"/works/{work.pk}" and work.is_draft and work.chapters.count() == 2
    call_command("import", str(path), "--author", "writer", stdout=io.StringIO())
    assert Work.objects.filter(posted_at__isnull=False).count() == 1
    with pytest.raises(CommandError, match="Name the work's fandom"):
        (tmp_path / "a.txt").write_text("Text.")
        call_command("import", str(tmp_path / "a.txt"), "--author", "writer")


def test_tags_of_another_type_are_named_not_dropped_silently(client, writer):
    from quire.tags.enums import TagType
    from quire.tags.models import Tag

    Tag.objects.create(name="Road Trips", type=TagType.CHARACTER)
    UserFactory(username="someone")
    client.force_login(writer)
    response = upload(client, ao3_epub())
    work = imported_work(response)
    assert "Road Trips" not in [t.name for t in work.additional_tags]
    page = client.get(response["Location"]).content.decode()
    assert "left out" in page and "Road Trips" in page


def test_spine_repeating_one_page_reads_it_once(monkeypatch):
    from quire.exports import epub_reader

    page = "<html><body><h2>Once</h2><div class='userstuff'><p>Only once.</p></div></body></html>"
    refs = '<itemref idref="p"/>' * 4000
    opf = f'<package><manifest><item id="p" href="p.xhtml"/></manifest><spine>{refs}</spine></package>'
    content = zip_bytes(
        {"META-INF/container.xml": CONTAINER.format(opf="content.opf"), "content.opf": opf, "p.xhtml": page}
    )
    parsed = []
    real_parse = epub_reader._parse_page
    monkeypatch.setattr(epub_reader, "_parse_page", lambda data: parsed.append(1) or real_parse(data))
    work = read_epub(content)
    assert len(parsed) == 1 and [c.title for c in work.chapters] == ["Once"]
