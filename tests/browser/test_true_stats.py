"""Stats that cannot lie, in a browser (issue #18): the writer's own reading and replies count for nothing."""

from factories import UserFactory, make_work
from playwright.sync_api import expect
from test_writers_loop import log_in

from quire.insights.aggregation import aggregate


def read_to_the_end(page):
    page.locator(".chapter-end").scroll_into_view_if_needed()
    page.wait_for_timeout(600)  # the end-of-chapter signal goes once the end has been in view


def test_the_dashboard_counts_the_reader_and_not_the_writer(browser, live_server, checked, transactional_db):
    writer = UserFactory(username="hopeful")
    UserFactory(username="reader")
    work = make_work(writer, title="Come Away", chapters=2, words_per_chapter=800, expected_chapters=None)
    one, two = work.chapters.order_by("position")

    reader_context = browser.new_context(base_url=live_server.url)
    reader = reader_context.new_page()
    log_in(reader, "reader")
    reader.goto(one.get_absolute_url())
    read_to_the_end(reader)
    reader.get_by_label("Your review").fill("The diner scene! Lovely.")
    reader.get_by_role("button", name="Post review").click()
    expect(reader.get_by_text("Your review was posted.")).to_be_visible()
    reader_context.close()  # and stops: never opens chapter 2

    writer_context = browser.new_context(base_url=live_server.url)
    desk = writer_context.new_page()
    log_in(desk, "hopeful")
    desk.goto(one.get_absolute_url())
    read_to_the_end(desk)
    desk.get_by_role("link", name="Next chapter").first.click()
    expect(desk).to_have_url(f"{live_server.url}{two.get_absolute_url()}?from={one.pk}")
    read_to_the_end(desk)
    desk.goto(one.get_absolute_url())
    desk.locator("details.reply summary").first.click()
    desk.get_by_label("Your reply to reader").fill("Thank you so much!")
    desk.get_by_role("button", name="Post reply").click()
    expect(desk.get_by_text("Your reply was posted.")).to_be_visible()

    aggregate()  # what the worker does every few minutes
    desk.goto(f"/works/{work.pk}/stats")
    expect(desk.locator("dd.readers")).to_have_text("1")
    expect(desk.locator("dd.reviews")).to_have_text("1")
    rows = desk.locator(".stats-table.chapters tbody tr")
    expect(rows.nth(0).locator("td.readers")).to_have_text("1")
    expect(rows.nth(0).locator("td.read-through")).to_have_text("100%")
    expect(rows.nth(0).locator("td.went-on")).to_have_text("0 (0%)")
    expect(rows.nth(1).locator("td.readers")).to_have_text("0")
    expect(rows.nth(1).locator("td.read-through")).to_have_text("No readers yet")
    expect(desk.locator(".latest-reviews")).to_contain_text("The diner scene!")
    expect(desk.locator(".latest-reviews")).not_to_contain_text("Thank you so much")
    checked(desk, "dashboard-true-stats")
    writer_context.close()
