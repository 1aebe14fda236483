"""A writer schedules a chapter and builds a series; a reader follows the series from its page."""

from datetime import timedelta

from django.utils import timezone
from factories import UserFactory, make_work
from playwright.sync_api import expect

from quire.series import services as series_services
from quire.works.models import Chapter


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_schedule_form_and_series_pages(browser, live_server, checked, transactional_db):
    writer = UserFactory(username="planner", time_zone="Europe/Paris")
    first = make_work(
        writer, title="First Snow", summary="Lorelai smells snow coming.", words_per_chapter=800
    )
    second = make_work(
        writer,
        title="Second Thaw",
        summary="Spring, and a diner.",
        chapters=2,
        relationships=("Lorelai/Luke",),
    )
    make_work(writer, title="Third Spring", summary="Graduation.")
    UserFactory(username="follower")

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    log_in(desk, "planner")

    # Schedule a new chapter for tomorrow evening, Paris time.
    desk.goto(f"/works/{first.pk}/chapters/new")
    desk.get_by_label("Chapter title:", exact=True).fill("Snowed In")
    desk.get_by_label("Chapter text").fill("The snow kept falling over Stars Hollow.")
    expect(desk.get_by_text("Europe/Paris")).to_be_visible()
    release = (timezone.now() + timedelta(days=1)).astimezone(timezone.get_fixed_timezone(60))
    desk.get_by_label("Release on").fill(release.strftime("%Y-%m-%dT18:00"))
    desk.get_by_role("button", name="Schedule").click()
    expect(desk.get_by_text("Scheduled: your chapter will be posted")).to_be_visible()
    chapter = Chapter.objects.get(work=first, position=2)
    assert chapter.is_scheduled and not chapter.is_posted
    desk.goto(f"/works/{first.pk}/chapters/{chapter.pk}/edit")
    expect(desk.get_by_text("Scheduled to be posted on")).to_be_visible()
    checked(desk, "chapter-schedule-form")

    # Start a series from the first work, then add the others.
    desk.goto(f"/works/{first.pk}/series")
    desk.get_by_label("Or start a new series titled").fill("Seasons of Stars Hollow")
    desk.get_by_role("button", name="Add to series").click()
    expect(desk.get_by_text("is now part 1 of")).to_be_visible()
    series = first.series.get()
    for work in (second,):
        series_services.add_work(series=series, work=work, user=writer)
    desk.goto(f"/works/{second.pk}/series")
    checked(desk, "work-series-form")
    desk.goto(f"/series/{series.pk}/edit")
    desk.get_by_label("First Snow").fill("2")
    desk.get_by_label("Second Thaw").fill("2")
    desk.get_by_role("button", name="Save changes").click()
    expect(desk.get_by_text("Use each number from 1 to 2 exactly once.")).to_be_visible()
    checked(desk, "series-edit-form")
    desk.get_by_label("First Snow").fill("1")
    desk.get_by_role("button", name="Save changes").click()
    expect(desk.get_by_text("Your changes to the series were saved.")).to_be_visible()
    third = writer.works.get(title="Third Spring")
    series_services.add_work(series=series, work=third, user=writer)
    series_services.update_series(
        series=series,
        user=writer,
        fields=series_services.SeriesFields(
            title="Seasons of Stars Hollow",
            summary="A year in town, one season per story.",
            notes="Read in order.",
        ),
    )
    context.close()

    reader_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    log_in(reader, "follower")
    reader.goto(second.get_absolute_url())
    expect(reader.locator("dd.series .position")).to_have_text("Part 2 of Seasons of Stars Hollow")
    checked(reader, "work-in-series")
    reader.locator("dd.series").get_by_role("link", name="Seasons of Stars Hollow", exact=True).click()
    expect(reader.get_by_role("heading", name="Seasons of Stars Hollow")).to_be_visible()
    reader.get_by_role("button", name="Subscribe to this series").click()
    expect(reader.get_by_text("Subscribed: you will hear when a new work joins")).to_be_visible()
    checked(reader, "series-page")
    reader_context.close()
