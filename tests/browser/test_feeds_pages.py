"""The feed links on profiles and work pages, and the private catalog address on the settings page."""

from factories import UserFactory, make_work
from playwright.sync_api import expect


def test_feed_links_and_private_catalog_address_pass_checks(page, checked, transactional_db):
    writer = UserFactory(username="serialist")
    work = make_work(writer, title="Ongoing", chapters=2)
    UserFactory(username="kobo")
    page.goto("/account/login")
    page.get_by_label("Username").fill("kobo")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/works/{work.pk}")
    expect(page.get_by_role("link", name="New chapters (Atom feed)")).to_be_visible()
    checked(page, "work-feed-link", screenshots=False)
    page.goto("/users/serialist")
    expect(page.get_by_role("link", name="New works by serialist (Atom feed)")).to_be_visible()
    checked(page, "profile-feed-link", screenshots=False)

    page.goto("/account/settings")
    page.get_by_role("button", name="Create my private catalog address").click()
    address = page.get_by_label("Your private catalog address")
    first = address.input_value()
    assert "/opds/u/" in first
    checked(page, "settings-catalog-address")
    page.get_by_role("button", name="Reset the address").click()
    expect(page.get_by_text("the old one no longer works")).to_be_visible()
    assert page.get_by_label("Your private catalog address").input_value() != first
