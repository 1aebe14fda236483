"""A reader downloads a work from its page; a writer imports an EPUB and sees the draft it became."""

import zipfile
from pathlib import Path

from factories import UserFactory, make_work
from playwright.sync_api import expect

from quire.exports import services
from quire.exports.naming import download_url
from quire.works.enums import Rating

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_guest_downloads_epub_and_pdf_from_the_work_page(page, checked, transactional_db, settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    work = make_work(
        UserFactory(username="starshollowsnow"), title="Exit Ramps", chapters=3, rating=Rating.TEEN,
        relationships=["Jess Mariano/Rory Gilmore"], characters=["Rory Gilmore", "Jess Mariano"],
        tags=["Road Trips"], summary="Rory says yes.", notes="For my beta.", expected_chapters=3,
        words_per_chapter=300,
    )  # fmt: skip
    page.goto(work.get_absolute_url())
    downloads = page.get_by_role("list", name="Download")
    expect(downloads.get_by_role("link")).to_have_text(["EPUB", "HTML", "TXT", "PDF", "AZW3", "MOBI"])
    checked(page, "work-with-downloads")

    with page.expect_download() as epub:
        downloads.get_by_role("link", name="EPUB").click()
    assert epub.value.suggested_filename == "Exit_Ramps.epub"
    saved = tmp_path / "Exit_Ramps.epub"
    epub.value.save_as(saved)
    book = zipfile.ZipFile(saved)
    assert "EPUB/chapter0003.xhtml" in book.namelist()

    with page.expect_download() as pdf:
        downloads.get_by_role("link", name="PDF").click()
    assert pdf.value.suggested_filename == "Exit_Ramps.pdf"

    # The EPUB's title page as an e-reader shows it (Chromium stands in for the reader's engine).
    folder = tmp_path / "book"
    book.extractall(folder)
    page.goto((folder / "EPUB" / "title.xhtml").as_uri())
    expect(page.get_by_role("heading", name="Exit Ramps")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=ARTIFACTS / f"epub-title-page-{name}.png", full_page=True)
    page.goto((folder / "EPUB" / "chapter0001.xhtml").as_uri())
    page.set_viewport_size(PHONE)
    page.screenshot(path=ARTIFACTS / "epub-chapter-phone.png", full_page=True)


def test_long_work_shows_progress_page(page, checked, transactional_db, settings, tmp_path, monkeypatch):
    settings.EXPORTS_DIR = tmp_path / "exports"
    monkeypatch.setitem(services.BACKGROUND_WORDS, "pdf", 10)
    work = make_work(UserFactory(), title="Long Road", chapters=2, words_per_chapter=50)
    page.goto(download_url(work, "pdf"))
    expect(page.get_by_role("status")).to_contain_text("being built")
    checked(page, "download-progress")


def test_writer_imports_an_epub_as_a_draft(page, checked, transactional_db, settings, tmp_path):
    from epub_fixtures import ao3_epub

    from quire.accounts.services import create_user

    create_user(username="importer", email="importer@example.org", password="a-long-browser-password")
    page.goto("/account/login")
    page.get_by_label("Username").fill("importer")
    page.get_by_label("Password").fill("a-long-browser-password")
    page.get_by_role("button", name="Log in").click()
    page.goto("/works/new")
    source = tmp_path / "Exit_Ramps.epub"
    source.write_bytes(ao3_epub())
    page.get_by_label("Import text from a file").set_input_files(source)
    page.get_by_role("button", name="Import into the chapter").click()
    expect(page.get_by_text("Imported “Exit_Ramps.epub” as a draft with 2 chapters.")).to_be_visible()
    expect(page.get_by_text("This is a draft.")).to_be_visible()
    checked(page, "epub-imported-draft")

    page.goto("/works/new")
    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"not a zip at all")
    page.get_by_label("Title:", exact=True).fill("Typed before the import")
    page.get_by_label("Import text from a file").set_input_files(broken)
    page.get_by_role("button", name="Import into the chapter").click()
    expect(
        page.get_by_text("That .epub file is damaged or is not really a .epub file.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Typed before the import")
    checked(page, "epub-import-refused")


def test_a_stopped_back_catalogue_import_says_so_and_fits_a_phone(page, checked, transactional_db):
    from datetime import timedelta

    from django.utils import timezone

    from quire.accounts.services import create_user
    from quire.exports.models import ImportBatch, ImportFile

    writer = create_user(
        username="importer", email="importer@example.org", password="a-long-browser-password"
    )
    batch = ImportBatch.objects.create(user=writer, status=ImportBatch.Status.RUNNING)
    for position, name in enumerate(
        ["exit-ramps.epub", "a-very-long-file-name-a-writer-kept-from-an-ao3-download-years-ago.epub"],
        start=1,
    ):
        ImportFile.objects.create(batch=batch, position=position, name=name, size=10, content=b"x")
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page.goto("/account/login")
    page.get_by_label("Username").fill("importer")
    page.get_by_label("Password").fill("a-long-browser-password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/works/import/{batch.pk}")

    expect(page.get_by_text("This import stopped.")).to_be_visible()
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    checked(page, "stopped-back-catalogue-import")
