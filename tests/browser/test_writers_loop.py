"""The whole loop: a guest reads and leaves feedback, a reader subscribes, the writer continues and sees
what readers thought."""

import re

from django.core import mail
from factories import UserFactory, make_work
from playwright.sync_api import expect
from task_queue import run_worker

from quire.follows.models import Notification
from quire.insights.aggregation import aggregate


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_guest_feedback_subscription_new_chapter_inbox_email_and_dashboard(
    browser, live_server, checked, transactional_db
):
    writer = UserFactory(username="hopeful")
    work = make_work(
        writer,
        title="Come Away",
        words_per_chapter=1500,
        expected_chapters=None,
        notes="Review to let me know if it's worth continuing…",
    )
    UserFactory(username="loyal")

    guest = browser.new_context(base_url=live_server.url, viewport={"width": 1000, "height": 700})
    page = guest.new_page()
    page.goto(work.get_absolute_url())
    page.locator(".chapter-end").scroll_into_view_if_needed()  # the end of the chapter comes into view
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Kudos ♥").click()
    expect(page.get_by_text("Thank you for leaving kudos!")).to_be_visible()
    page.get_by_label("Your name").fill("Passing Reader")
    page.get_by_label("Your review").fill("Please keep going, I need to know where they drive!")
    page.get_by_role("button", name="Post review").click()
    expect(page.get_by_text("Your review was posted.")).to_be_visible()
    checked(page, "work-with-feedback")
    guest.close()

    reader_context = browser.new_context(base_url=live_server.url)
    reader = reader_context.new_page()
    log_in(reader, "loyal")
    reader.goto(work.get_absolute_url())
    reader.get_by_role("button", name="Subscribe").click()
    expect(reader.get_by_text("Subscribed: you will hear when")).to_be_visible()

    writer_context = browser.new_context(base_url=live_server.url)
    desk = writer_context.new_page()
    log_in(desk, "hopeful")
    desk.goto(f"/works/{work.pk}/chapters/new")
    desk.get_by_label("Chapter title:", exact=True).fill("The Road")
    desk.get_by_label("Text format:", exact=True).select_option(label="Plain text")
    desk.get_by_label("Chapter text:", exact=True).fill("They drove until the road ran out of names.")
    desk.get_by_role("button", name="Post", exact=True).click()
    expect(desk.get_by_text("Your chapter was posted.")).to_be_visible()

    run_worker()  # what `quire worker` does in the background
    run_worker()
    aggregate()

    reader.goto("/")
    inbox_link = reader.get_by_role("link", name=re.compile(r"^Inbox \(1 unread"))
    expect(inbox_link).to_be_visible()
    inbox_link.click()
    message = reader.get_by_role("button", name="Come Away by hopeful: chapter 2: The Road is up")
    expect(message).to_be_visible()
    checked(reader, "inbox")
    reader.goto(f"/works/{work.pk}/bookmark")
    checked(reader, "bookmark-form", screenshots=False)
    reader.get_by_label("Your tags").fill("road trips, hope")
    reader.get_by_role("button", name="Save bookmark").click()
    reader.goto("/users/loyal/bookmarks")
    expect(reader.locator(".bookmark.blurb")).to_contain_text("road trips, hope")
    checked(reader, "bookmarks", screenshots=False)
    reader.goto(f"/works/{work.pk}/reviews")
    checked(reader, "work-reviews", screenshots=False)
    reader.goto("/account/subscriptions")
    checked(reader, "subscriptions", screenshots=False)
    to_loyal = [m for m in mail.outbox if m.to == ["loyal@example.org"]]
    assert len(to_loyal) == 1 and "chapter 2: The Road is up" in to_loyal[0].subject
    assert Notification.objects.filter(user__username="loyal").count() == 1

    desk.goto(f"/works/{work.pk}/stats")
    expect(desk.locator("dd.kudos")).to_have_text("1")
    expect(desk.locator("dd.subscribers")).to_have_text("1")
    expect(desk.locator("dd.reviews")).to_have_text("1")
    expect(desk.locator(".latest-reviews")).to_contain_text("Please keep going")
    expect(desk.locator("td.read-through").first).to_have_text("100%")
    expect(desk.locator(".continuation")).to_contain_text("Is it worth continuing?")
    expect(desk.locator(".continuation")).to_contain_text("subscriber is waiting for the next chapter")
    checked(desk, "dashboard")
    reader_context.close()
    writer_context.close()
