"""Bringing in chapters written elsewhere: files through the form and `quire import`."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from factories import make_work

from quire.core.text import TextFormat
from quire.works.importing import ImportError_, read_file, split_notes
from quire.works.models import Work

# The chapter in ../shared/seed, exactly as a fan writer posted it; a copy travels with the tests.
SEED = sorted((Path(__file__).resolve().parents[2] / "shared" / "seed").glob("*.txt")) or [
    Path(__file__).parent / "data" / "seed_chapter.txt"
]


def seed_text() -> str:
    return SEED[0].read_text(encoding="utf-8")


def test_seed_chapter_splits_introduction_into_notes():
    chapter = read_file("chapter.txt", seed_text().encode())
    assert chapter.notes.startswith("So this idea hit me on a road trip")
    assert chapter.notes.endswith("Review to let me know if it's worth continuing…")
    assert chapter.body.startswith('"Come away with me…" Jess said calmly.')
    assert chapter.body.endswith("she knew that this was what she wanted.")
    assert "Author's Introduction" not in chapter.body + chapter.notes
    assert chapter.body.count("\n\n") == seed_text().count("\n\n") - 1  # every paragraph kept
    assert chapter.text_format == TextFormat.PLAIN


@pytest.mark.parametrize(
    "opening",
    [
        "A/N: Thanks for reading!",
        "Author's Note: hi",
        "Author’s Notes - hi",
        "AN: quick one",
        "Note: short",
        "Disclaimer: not mine",
    ],
)
def test_note_labels_writers_use(opening):
    chapter = split_notes(f"{opening}\n\nThe story starts.", TextFormat.PLAIN)
    assert chapter.body == "The story starts."
    assert chapter.notes and opening.split(":")[-1].split("-")[-1].strip() in chapter.notes


def test_closing_note_goes_to_end_notes_and_plain_story_is_untouched():
    chapter = split_notes("Notebook open.\n\nA/N: More soon!", TextFormat.PLAIN)
    assert (chapter.body, chapter.end_notes, chapter.notes) == ("Notebook open.", "More soon!", "")
    untouched = split_notes("Anne wrote: hello.\n\nNothing else.", TextFormat.PLAIN)
    assert untouched.notes == "" and untouched.body == "Anne wrote: hello.\n\nNothing else."


def test_html_file_with_note_paragraph():
    chapter = read_file(
        "c.html",
        b"<html><head><title>My Title</title></head><body><p><b>A/N:</b> hello</p><p>Story.</p></body></html>",
    )
    assert (chapter.document_title, chapter.notes, chapter.body) == (
        "My Title",
        "<p>hello</p>",
        "<p>Story.</p>",
    )


def make_docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()


def test_docx_import_keeps_paragraphs_and_typography():
    chapter = read_file(
        "c.docx", make_docx(["Author’s Note: for my beta", "“Hello…” — she said.", "Second."])
    )
    assert chapter.notes == "<p>for my beta</p>"
    assert chapter.body == "<p>“Hello…” — she said.</p><p>Second.</p>"


def test_zip_bomb_docx_is_refused_before_expanding():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(ImportError_, match="expands to far more"):
        read_file("bomb.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.docx", b"not a zip", "damaged"),
        ("x.pdf", b"%PDF", "can import .txt"),
        ("x.txt", b"   ", "no text"),
    ],
)
def test_bad_files_get_clear_messages(name, content, message):
    with pytest.raises(ImportError_, match=message):
        read_file(name, content)


def test_oversized_file_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1024
    with pytest.raises(ImportError_, match="larger than"):
        read_file("big.txt", b"x" * 2048)


@pytest.mark.django_db
def test_import_into_new_work_form_fills_fields_without_saving(writer_client):
    upload = SimpleUploadedFile("chapter.txt", seed_text().encode(), content_type="text/plain")
    response = writer_client.post(reverse("works:new"), {"action": "import", "title": "Mine", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and Work.objects.count() == 0
    assert "So this idea hit me on a road trip" in page
    assert "Come away with me…" in page
    assert 'value="Mine"' in page
    assert "Imported “chapter.txt”" in page


@pytest.mark.django_db
def test_import_refused_file_keeps_typed_text(writer_client, writer):
    from factories import make_work

    work = make_work(author=writer)
    upload = SimpleUploadedFile("chapter.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"action": "import", "body": "Words I typed first", "text_format": "plain", "file": upload},
    )
    page = response.content.decode()
    assert "Quire can import .txt, .html, .md, .docx and .epub files." in page
    assert "Words I typed first" in page


@pytest.mark.django_db
def test_import_command_creates_work_and_prints_its_path(writer):
    out = io.StringIO()
    call_command(
        "import", str(SEED[0]), "--author", "writer", "--fandom", "Gilmore Girls",
        "--relationship", "Jess Mariano/Rory Gilmore", "--character", "Rory Gilmore", "--character", "Jess Mariano",
        "--tag", "Canon Divergence", "--rating", "Teen And Up Audiences", "--title", "Come Away With Me", stdout=out,
    )  # fmt: skip
    work = Work.objects.for_listing().get()
    assert out.getvalue().strip() == f"/works/{work.pk}"
    assert work.title == "Come Away With Me" and work.rating == "teen" and not work.is_draft
    assert [t.name for t in work.characters] == ["Rory Gilmore", "Jess Mariano"]
    chapter = work.chapters.get()
    assert chapter.notes.startswith("So this idea hit me")
    assert chapter.body_html.startswith('<p>"Come away with me…" Jess said calmly.')


@pytest.mark.django_db
def test_import_command_draft_and_errors(writer, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("# Heading\n\nSome *text*.")
    out = io.StringIO()
    call_command(
        "import", str(story), "--author", "writer", "--fandom", "Original Work", "--draft", stdout=out
    )
    work = Work.objects.get()
    assert work.is_draft and work.title == "Story"
    with pytest.raises(CommandError, match="no user named"):
        call_command("import", str(story), "--author", "ghost", "--fandom", "X")
    with pytest.raises(CommandError, match="Unknown rating"):
        call_command("import", str(story), "--author", "writer", "--fandom", "X", "--rating", "spicy")


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Chapter Two: The Road", "The Road"),
        ("Ch. 3 - Home", "Home"),
        ("CHAPTER 12", ""),
        ("Chapter Twenty-One — Late", "Late"),
        ("Prologue", "Prologue"),
        ("Epilogue: After", "Epilogue: After"),
        ("## Chapter 4: Rain", "Rain"),
        ("**Part IV. Dawn**", "Dawn"),
    ],
)
def test_a_chapter_heading_becomes_the_title_not_the_first_line(heading, title):
    chapter = split_notes(f"{heading}\n\nA/N: Sorry for the wait!\n\nThe story starts.", TextFormat.PLAIN)
    assert (chapter.title, chapter.notes, chapter.body) == (title, "Sorry for the wait!", "The story starts.")


def test_a_heading_in_html_becomes_the_title():
    html = b"<html><head><title>story.docx</title></head><body><h2>Chapter Two: The Road</h2><p>They drove.</p></body></html>"
    chapter = read_file("two.html", html)
    assert (chapter.title, chapter.document_title) == ("The Road", "story.docx")
    assert "Chapter Two" not in chapter.body and "They drove." in chapter.body


@pytest.mark.parametrize(
    "opening",
    [
        "Chapter and verse were all she knew.",
        "Prologues bored him.",
        "Part one of her plan failed.",
        "Part of her wanted to stay, and part of her had already gone, and she could not tell which was which any more.",
    ],
)
def test_a_first_line_that_only_starts_like_a_heading_stays_text(opening):
    chapter = split_notes(f"{opening}\n\nMore.", TextFormat.PLAIN)
    assert chapter.title == "" and chapter.body.startswith(opening)


def test_an_authors_note_over_the_last_paragraphs_goes_to_the_end_notes():
    text = "The story.\n\nThe end of it.\n\nA/N: Thank you all!\n\nNext chapter on Sunday."
    chapter = split_notes(text, TextFormat.PLAIN)
    assert chapter.body == "The story.\n\nThe end of it."
    assert chapter.end_notes == "Thank you all!\n\nNext chapter on Sunday."


@pytest.mark.django_db
def test_importing_a_chapter_file_fills_its_title_from_the_heading(writer_client, writer):
    work = make_work(writer, title="Road Trip")
    upload = SimpleUploadedFile(
        "two.txt", b"Chapter Two: The Road\n\nThey drove on.", content_type="text/plain"
    )
    page = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]), {"action": "import", "file": upload}
    ).content.decode()
    assert 'value="The Road"' in page and "They drove on." in page
    assert "Chapter Two: The Road\n" not in page
