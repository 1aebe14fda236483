"""Autosave in a real browser: the status line says when the text was kept, and says so when it was too long
to keep (a 413, which htmx would otherwise drop without a word)."""

from factories import UserFactory, make_work
from playwright.sync_api import expect

from quire.works.models import Autosave


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_autosave_status_line_shows_saved_and_too_long(browser, live_server, settings, transactional_db):
    # A small cap, so that a few thousand typed characters go past it (the live server shares these settings).
    settings.AUTOSAVE_MAX_CHARS = 2000
    writer = UserFactory(username="drafter")
    work = make_work(writer, title="Half Written")
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    # The browser itself reports the refused request; anything else on the console is a fault.
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" and "status of 413" not in m.text else None,
    )
    log_in(page, "drafter")
    page.goto(f"/works/{work.pk}/chapters/new")
    status = page.locator("#autosave-status")

    page.get_by_label("Chapter text").fill("The first lines, which must not be lost.")
    expect(status).to_contain_text("Autosaved at", timeout=10_000)
    assert Autosave.objects.get(user=writer).data["body"] == "The first lines, which must not be lost."

    page.get_by_label("Chapter text").fill("A much longer draft. " * 150)
    expect(status).to_contain_text("Not autosaved: this form holds", timeout=10_000)
    expect(status).to_contain_text("save it as a draft to keep it")
    # The text is still in the form, and the last autosave is the one kept.
    assert page.get_by_label("Chapter text").input_value().startswith("A much longer draft.")
    assert Autosave.objects.get(user=writer).data["body"] == "The first lines, which must not be lost."
    context.close()
    assert problems == []
