"""Who made it and for whom (issue #21), as people do it: a member writes under a second pseud, gives the work
to another member and invites a co-creator; a guest then sees all of it on the page, in the EPUB and in the
feed, and a refused gift is gone from all three."""

import io
import re
import zipfile
from xml.etree import ElementTree

from factories import UserFactory
from playwright.sync_api import expect

from quire.works.models import Work

DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-menu")).to_contain_text(username)


def epub_metadata(page, work) -> tuple[list[str], str]:
    """The EPUB a guest downloads: its dc:creator names, and everything its metadata says (description too)."""
    response = page.request.get(f"/downloads/{work.pk}/work.epub")
    assert response.ok, response.status
    with zipfile.ZipFile(io.BytesIO(response.body())) as epub:
        opf_name = next(name for name in epub.namelist() if name.endswith(".opf"))
        opf = ElementTree.fromstring(epub.read(opf_name))
    creators = [element.text for element in opf.iter(f"{DC}creator")]
    metadata = ElementTree.tostring(
        next(opf.iter("{http://www.idpf.org/2007/opf}metadata")), encoding="unicode"
    )
    return creators, metadata


def feed_entry(page, work) -> tuple[list[str], str]:
    """The work's entry in its fandom's Atom feed: its authors, and its summary's text."""
    feed = ElementTree.fromstring(page.request.get("/tags/Original%20Work/feed.atom").body())
    for entry in feed.iter(f"{ATOM}entry"):
        if work.title in (entry.findtext(f"{ATOM}title") or ""):
            names = [author.findtext(f"{ATOM}name") for author in entry.iter(f"{ATOM}author")]
            summary = re.sub(r"<[^>]+>", "", entry.findtext(f"{ATOM}summary") or "")  # as a reader sees it
            return names, summary
    raise AssertionError(f"{work.title} is not in the feed")


def test_second_pseud_gift_and_co_creator_seen_by_a_guest_then_the_gift_refused(
    browser, live_server, checked, transactional_db
):
    UserFactory(username="penwriter")
    UserFactory(username="cowriter")
    UserFactory(username="giftee")

    writer = browser.new_context(base_url=live_server.url).new_page()
    log_in(writer, "penwriter")
    writer.goto("/account/pseuds/new")
    writer.get_by_label("Name").fill("Night Owl")
    writer.get_by_role("button", name=re.compile("^(Create|Save)")).click()
    expect(writer.get_by_text("Night Owl").first).to_be_visible()

    writer.goto("/works/new")
    writer.get_by_label("Rating:", exact=True).select_option(label="General Audiences")
    writer.get_by_label("No Archive Warnings Apply").check()
    writer.get_by_label("Fandoms:", exact=True).fill("Original Work")
    writer.get_by_label("Title:", exact=True).fill("Owl Hours")
    writer.get_by_label(re.compile("^(Creator/Pseud|Pseud)")).select_option(label="Night Owl")
    writer.get_by_label(re.compile("^Gift to")).fill("giftee")
    writer.get_by_label("Chapter text:", exact=True).fill("They wrote by lamplight, two at one desk.")
    writer.get_by_role("button", name="Post", exact=True).click()
    expect(writer.locator("h2.title")).to_have_text("Owl Hours")
    work = Work.objects.get(title="Owl Hours")

    writer.goto(f"/works/{work.pk}/creators")
    writer.get_by_label("Invite a co-creator").fill("cowriter")
    writer.get_by_role("button", name="Send invitation").click()
    expect(writer.get_by_text("cowriter").first).to_be_visible()

    guest = browser.new_context(base_url=live_server.url).new_page()
    guest.goto(work.get_absolute_url())
    byline = guest.locator(".byline").first
    expect(byline).to_contain_text("Night Owl (penwriter)")
    expect(byline).not_to_contain_text("cowriter")  # invited, not yet accepted

    co = browser.new_context(base_url=live_server.url).new_page()
    log_in(co, "cowriter")
    co.goto("/inbox")
    co.get_by_role("button", name=re.compile("^Accept")).first.click()
    expect(co.get_by_text(re.compile("credited|accepted", re.I)).first).to_be_visible()

    guest.goto(work.get_absolute_url())
    expect(guest.locator(".byline").first).to_contain_text("Night Owl (penwriter), cowriter")
    expect(guest.get_by_text("for giftee").first).to_be_visible()
    checked(guest, "co-created-gift-work")
    creators, metadata = epub_metadata(guest, work)
    assert creators == ["Night Owl (penwriter)", "cowriter"]
    assert "for giftee" in metadata
    authors, entry = feed_entry(guest, work)
    assert authors == ["Night Owl (penwriter)", "cowriter"]
    assert "for giftee" in entry

    recipient = browser.new_context(base_url=live_server.url).new_page()
    log_in(recipient, "giftee")
    recipient.goto("/users/giftee/gifts")
    expect(recipient.get_by_role("link", name="Owl Hours")).to_be_visible()
    checked(recipient, "gifts-page")
    recipient.get_by_role("button", name=re.compile("^Refuse")).click()
    expect(recipient.get_by_role("link", name="Owl Hours")).to_have_count(0)

    guest.goto(work.get_absolute_url())
    expect(guest.locator(".byline").first).to_contain_text("Night Owl (penwriter), cowriter")
    expect(guest.get_by_text("for giftee")).to_have_count(0)
    creators, metadata = epub_metadata(guest, work)
    assert creators == ["Night Owl (penwriter)", "cowriter"]
    assert "giftee" not in metadata
    authors, entry = feed_entry(guest, work)
    assert "giftee" not in entry
