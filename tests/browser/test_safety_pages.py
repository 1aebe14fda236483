"""What a person meets of the spam and abuse guards: nothing in the way of a guest's review, and calm pages
when a limit is reached or an upload is too large."""

import pytest
from factories import UserFactory, make_work
from playwright.sync_api import expect

from quire.feedback.models import Review

pytestmark = pytest.mark.browser


@pytest.fixture
def refused_page(browser, live_server):
    """A page whose document is meant to be refused (413, 429): the browser logs that as a console error,
    which the shared `page` fixture would count as a failure."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_guest_reviews_past_the_spam_checks_without_seeing_them(page, checked, settings, transactional_db):
    settings.GUEST_FORM_MIN_SECONDS = 1
    work = make_work(title="Open to Guests")
    page.goto(work.get_absolute_url())
    # The honeypot sits in a 1-pixel clipped box, hidden from screen readers too.
    wrapper = page.locator("div[aria-hidden=true]:has(input[name=website])").first
    box = wrapper.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    page.get_by_label("Your name").fill("A passing reader")
    page.get_by_label("Your review").fill("I read this twice. Thank you!")
    # Tab from the name field goes to the review, never into the honeypot.
    page.get_by_label("Your name").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Your review")).to_be_focused()
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Post review").click()
    expect(page.get_by_text("Your review was posted.")).to_be_visible()
    checked(page, "guest-review-posted")
    assert Review.objects.get().guest_name == "A passing reader"


def test_rate_limit_page_is_calm_and_says_when(refused_page, checked, settings, transactional_db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "searches": "1/m"}
    refused_page.goto("/works/search?q=tea")
    response = refused_page.goto("/works/search?q=coffee")
    assert response.status == 429 and int(response.headers["retry-after"]) <= 60
    expect(refused_page.get_by_role("heading", name="Slow down a little")).to_be_visible()
    checked(refused_page, "rate-limited")


def test_too_large_an_upload_is_explained(refused_page, checked, settings, transactional_db, tmp_path):
    settings.MAX_REQUEST_BYTES = 50_000
    writer = UserFactory(username="uploader")
    work = make_work(author=writer)
    refused_page.goto("/account/login")
    refused_page.get_by_label("Username").fill("uploader")
    refused_page.get_by_label("Password").fill("a-long-test-password")
    refused_page.get_by_role("button", name="Log in").click()
    refused_page.goto(f"/works/{work.pk}/chapters/new")
    big = tmp_path / "long.txt"
    big.write_text("word " * 20_000)
    refused_page.get_by_label("Import text from a file").set_input_files(big)
    refused_page.get_by_role("button", name="Import into the chapter").click()
    expect(refused_page.get_by_role("heading", name="That upload is too large")).to_be_visible()
    checked(refused_page, "upload-too-large")
