"""Download my data and Delete my account, in Chromium: checked by axe and the Nu HTML Checker."""

import json
import zipfile

from conftest import PHONE
from factories import PASSWORD, UserFactory, make_work
from playwright.sync_api import expect

from quire.accounts.models import User


def _log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_member_downloads_their_data_then_deletes_their_account(
    page, checked, transactional_db, settings, tmp_path
):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.DATA_EXPORTS_DIR = tmp_path / "data-exports"
    writer = UserFactory(username="departing")
    make_work(writer, title="Lanterns at Dusk", chapters=2)
    _log_in(page, "departing")

    page.goto("/account/settings")
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", name="Download my data")).to_be_visible()
    checked(page, "privacy-export")
    page.get_by_role("button", name="Prepare my archive").click()
    expect(page.get_by_text("Your archive is ready")).to_be_visible()
    checked(page, "privacy-export-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="download it").click()
    archive = zipfile.ZipFile(download.value.path())
    manifest = json.loads(archive.read("manifest.json"))
    assert [w["title"] for w in manifest["works"]] == ["Lanterns at Dusk"]
    assert sum(name.endswith(".epub") for name in archive.namelist()) == 1

    page.goto("/account/settings")
    page.get_by_role("link", name="Delete my account").click()
    checked(page, "privacy-delete")
    page.get_by_label("Orphan my works").check()
    page.get_by_label("Type your username to confirm").fill("departing")
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("That is not your password")
    expect(page.get_by_label("Type your username to confirm")).to_have_value("departing")
    checked(page, "privacy-delete-errors")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account was deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not User.objects.filter(username="departing").exists()
    page.get_by_role("link", name="Lanterns at Dusk").first.click()
    expect(page.get_by_role("link", name="orphan_account").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("departing")
