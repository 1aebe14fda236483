"""A guest reports a work, and a moderator works the queue and hides it, as seen in a real browser."""

from conftest import open_menu
from django.contrib.auth.models import Permission
from factories import PASSWORD, UserFactory, make_work
from playwright.sync_api import expect


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_guest_reports_and_moderator_hides_the_work(page, checked, transactional_db):
    work = make_work(title="Suspicious Story")
    moderator = UserFactory(username="moderator")
    # Not the migration's group: earlier transactional tests flush it; the permission is made again.
    moderator.user_permissions.add(Permission.objects.get(codename="moderate"))

    page.goto(work.get_absolute_url())
    page.get_by_role("link", name="Report this work").click()
    expect(page.get_by_role("group", name="What is wrong?")).to_be_visible()
    checked(page, "report-form")
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Tell the moderators more").fill("Every chapter links to a shop.")
    page.get_by_label("Your email").fill("reader@example.org")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()

    log_in(page, "moderator")
    open_menu(page)
    page.get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("table")).to_contain_text("Suspicious Story")
    checked(page, "moderation-queue")
    page.get_by_role("link", name="work “Suspicious Story”", exact=False).click()
    page.get_by_label("Action").select_option("hide")
    page.get_by_label("Reason").fill("Advertising, not fiction.")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".flash")).to_contain_text("Done: hid work")
    checked(page, "moderation-case")
    page.goto("/")
    expect(page.locator("li.work.blurb")).to_have_count(0)
    for path, name in [
        ("/moderation/log", "moderation-log"),
        ("/moderation/invites", "moderation-invites"),
        (f"/users/{work.author.username}", "profile-with-block-and-mute"),
    ]:
        page.goto(path)
        checked(page, name, screenshots=False)
    page.get_by_role("button", name=f"Mute {work.author.username}").click()
    expect(page.locator(".flash")).to_contain_text("You muted")
    page.goto("/account/blocked")
    checked(page, "blocked-and-muted", screenshots=False)
