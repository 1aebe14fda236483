"""A reader stops halfway through chapter 2, leaves, and "continue reading" brings them back there."""

import re
from pathlib import Path

from conftest import open_menu
from factories import PASSWORD, UserFactory, make_work
from playwright.sync_api import expect

from quire.shelf.models import Reading

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

FRACTION_READ = """() => {
  const rect = document.querySelector("#chapters div.userstuff").getBoundingClientRect();
  return -rect.top / rect.height;
}"""
SCROLL_HALFWAY = """() => {
  const rect = document.querySelector("#chapters div.userstuff").getBoundingClientRect();
  window.scrollTo(0, window.scrollY + rect.top + rect.height / 2);
}"""


def screenshot_top(page, name):
    """The long chapters make full-page shots unreadable; the top of the page is what this feature adds to."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=ARTIFACTS / f"{name}-top-{label}.png")
    page.set_viewport_size(SIZES["desktop"])


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-menu summary")).to_have_text(f"Menu for {username}")


def test_continue_reading_returns_to_chapter_two_where_the_reader_stopped(page, checked, transactional_db):
    work = make_work(title="The Long Road", chapters=3, words_per_chapter=3000, summary="Miles to go.")
    other = make_work(title="Another Story", summary="Something else.")
    UserFactory(username="bookworm")
    log_in(page, "bookworm")

    page.get_by_role("link", name="The Long Road").click()
    page.get_by_role("link", name="Next Chapter →").first.click()
    expect(page.locator("#chapters")).to_contain_text("Chapter 2.")
    with page.expect_response(lambda response: response.url.endswith("/shelf/position")) as saved:
        page.evaluate(SCROLL_HALFWAY)
    assert saved.value.status == 204
    assert abs(Reading.objects.get(work=work).position - 0.5) < 0.05

    # Leave for another work, then come back to the first one's front page.
    page.goto("/")
    page.get_by_role("link", name="Another Story").click()
    expect(page.locator("h2.title")).to_have_text("Another Story")
    page.goto("/")
    page.locator("li.work.blurb").get_by_role("link", name="The Long Road").click()
    expect(page.locator(".continue-reading")).to_contain_text("Chapter 2: Part 2, about 50% through")
    checked(page, "work-continue-reading", screenshots=False)
    screenshot_top(page, "work-continue-reading")

    page.get_by_role("link", name="Continue reading").click()
    two = work.chapters.get(position=2)
    expect(page).to_have_url(re.compile(re.escape(two.get_absolute_url()) + r"\?position=0\.[45]"))
    expect(page.locator("#chapters")).to_contain_text("Chapter 2.")
    page.wait_for_function(f"() => ({FRACTION_READ})() > 0.4")
    assert abs(page.evaluate(FRACTION_READ) - 0.5) < 0.05

    # The history lists both works, latest first, with the chapter reached.
    open_menu(page)
    page.get_by_role("navigation", name="Site").get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name="Reading history")).to_be_visible()
    expect(page.locator("li.reading.blurb").first).to_contain_text("The Long Road")
    expect(page.locator("li.reading.blurb").first).to_contain_text("Chapter 2: Part 2")
    checked(page, "reading-history")

    # "Mark for later" from a blurb swaps the button in place (htmx) and keeps the keyboard focus on it.
    page.goto("/")
    button = page.get_by_role("button", name=re.compile(r"^Mark for later\W+Another Story"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#later-{other.pk}")).to_have_text(re.compile("^Remove from later"))
    expect(page.locator(f"#later-{other.pk}")).to_be_focused()
    open_menu(page)
    page.get_by_role("navigation", name="Site").get_by_role("link", name="History").click()
    page.get_by_role("link", name="Marked for later").click()
    expect(page.locator("li.reading.blurb")).to_have_count(1)
    expect(page.locator("li.reading.blurb")).to_contain_text("Another Story")
    checked(page, "marked-for-later")

    # Clearing asks first; the later list stays. Turning history off is one checkbox in the settings.
    page.get_by_role("navigation", name="Your reading").get_by_role("link", name="History").click()
    page.get_by_role("link", name="Clear my history").click()
    checked(page, "clear-history", screenshots=False)
    page.get_by_role("button", name="Yes, clear my history").click()
    expect(page.get_by_text("Your history is empty.")).to_be_visible()
    open_menu(page)
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Account").click()
    page.get_by_label("Keep my reading history").uncheck()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    checked(page, "settings-history-off", screenshots=False)
    page.goto(work.get_absolute_url())
    expect(page.locator(".continue-reading")).to_have_count(0)
    assert not Reading.objects.exists()
