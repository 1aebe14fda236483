"""Atom feeds for feed readers: new works per tag and per author, new chapters per work; guests' view only."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone
from factories import UserFactory, make_work

from quire.core.text import TextFormat
from quire.works import services

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def add_chapter(work, title, *, post=True):
    fields = services.ChapterFields(title=title, body=f"{title} text here.", text_format=TextFormat.PLAIN)
    return services.add_chapter(work=work, user=work.author, fields=fields, post=post)


@pytest.fixture
def secrets(writer):
    """A draft, a restricted and a hidden work by the writer, in the same fandom and tag as public ones."""
    make_work(writer, title="Secret Draft", posted=False, tags=["Shared"])
    make_work(writer, title="Secret Restricted", restricted=True, tags=["Shared"])
    hidden = make_work(writer, title="Secret Hidden", tags=["Shared"])
    hidden.hidden_at = timezone.now()
    hidden.save()
    return ["Secret Draft", "Secret Restricted", "Secret Hidden"]


def test_tag_feed_lists_new_works_with_author_categories_and_dates(client, writer, reader):
    make_work(writer, title="Older", tags=["Fluff"], age_days=3, summary="An *old* one & more.")
    make_work(reader, title="Newer", tags=["Fluff"], relationships=["Rory/Jess"])
    make_work(reader, title="Elsewhere", tags=["Angst"])
    feed = parse(client.get("/tags/Fluff/feed.atom"))
    assert feed.feed.title == "New works in Fluff"
    assert titles(feed) == ["Newer by reader", "Older by writer"]
    newest = feed.entries[0]
    assert newest.author == "reader"
    assert newest.link.endswith(f"/works/{newest.link.rsplit('/', 1)[1]}")
    assert {tag.term for tag in newest.tags} >= {"Fluff", "Rory/Jess", "Gilmore Girls"}
    assert newest.published_parsed and newest.updated_parsed
    assert "An *old* one &amp; more." in feed.entries[1].summary


def test_author_feed_lists_their_new_works_and_is_linked_from_their_profile(client, writer):
    make_work(writer, title="First", age_days=2)
    make_work(writer, title="Second")
    make_work(title="Someone else's")
    page = client.get(f"/users/{writer.username}").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="New works by writer"' in page
    assert 'href="/users/writer/works/feed.atom">New works by writer (Atom feed)</a>' in page
    feed = parse(client.get("/users/Writer/works/feed.atom"))
    assert feed.feed.title == "New works by writer"
    assert titles(feed) == ["Second by writer", "First by writer"]
    assert client.get("/users/nobody/works/feed.atom").status_code == 404


def test_work_feed_lists_posted_chapters_newest_first_and_is_linked_from_the_work(client, writer):
    work = make_work(writer, title="Serial", chapters=2)
    add_chapter(work, "Unposted", post=False)
    add_chapter(work, "Finale")
    page = client.get(f"/works/{work.pk}").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New chapters of Serial" href="/works/{work.pk}/chapters/feed.atom">'
        in page
    )
    assert f'href="/works/{work.pk}/chapters/feed.atom">New chapters (Atom feed)</a>' in page
    feed = parse(client.get(f"/works/{work.pk}/chapters/feed.atom"))
    assert feed.feed.title == "Serial by writer: new chapters"
    assert titles(feed) == ["Chapter 3: Finale", "Chapter 2: Part 2", "Chapter 1: One"]
    assert feed.entries[0].link.endswith(f"/works/{work.pk}/chapters/{work.chapters.get(title='Finale').pk}")
    assert all(entry.author == "writer" for entry in feed.entries)


def test_drafts_restricted_and_hidden_works_are_in_no_feed(client, writer, secrets):
    make_work(writer, title="Public", tags=["Shared"])
    for url in ["/tags/Shared/feed.atom", "/tags/Gilmore Girls/feed.atom", "/users/writer/works/feed.atom"]:
        assert titles(parse(client.get(url))) == ["Public by writer"], url
    client.force_login(UserFactory())  # feed readers are guests, whoever else is logged in
    assert titles(parse(client.get("/tags/Shared/feed.atom"))) == ["Public by writer"]
    client.logout()
    for secret in secrets:
        work = writer.works.get(title=secret)
        assert client.get(f"/works/{work.pk}/chapters/feed.atom").status_code == 404, secret


def test_restricted_work_page_offers_no_feed_its_readers_could_not_open(client, writer):
    work = make_work(writer, title="Members", restricted=True)
    client.force_login(UserFactory())
    page = client.get(f"/works/{work.pk}").content.decode()
    assert "chapters/feed.atom" not in page


@pytest.mark.parametrize("page", ["/tags/Fluff", "/tags/Fluff/works"])
def test_tag_page_and_its_works_listing_advertise_its_feed(client, page):
    """Work pages' tag links lead to the works listing: a feed reader pointed there finds the feed too."""
    make_work(title="Tagged", tags=["Fluff"])
    html = client.get(page).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New works in Fluff" href="/tags/Fluff/feed.atom">'
        in html
    )
    assert '<a href="/tags/Fluff/feed.atom">New works in Fluff (Atom feed)</a>' in html


def test_a_title_with_characters_xml_cannot_carry_does_not_break_the_feeds(client, writer):
    from quire.works.models import Work

    work = make_work(writer, title="Odd", tags=["Fluff"])
    Work.objects.filter(pk=work.pk).update(title="Odd\x01 title\x0b", summary_html="<p>bell\x07</p>")
    for url in [
        "/tags/Fluff/feed.atom",
        "/users/writer/works/feed.atom",
        f"/works/{work.pk}/chapters/feed.atom",
    ]:
        parse(client.get(url))
    assert titles(parse(client.get("/tags/Fluff/feed.atom"))) == ["Odd title by writer"]


def addresses(response) -> list[str]:
    """Every address an Atom feed gives, as written (feedparser would resolve relative ones for us)."""
    root = ET.fromstring(response.content)
    uris = [element.text for element in root.iter(f"{ATOM}uri")]
    return uris + [element.get("href") for element in root.iter(f"{ATOM}link")]


def test_every_feed_address_is_absolute_at_the_address_readers_use(client, writer, settings):
    work = make_work(writer, title="Serial", tags=["Fluff"])
    feeds = ["/tags/Fluff/feed.atom", "/users/writer/works/feed.atom", f"/works/{work.pk}/chapters/feed.atom"]
    for url in feeds:
        found = addresses(client.get(url, HTTP_HOST="127.0.0.1:8765"))
        assert len(found) >= 3, url
        assert all(address.startswith("http://127.0.0.1:8765/") for address in found), (url, found)
    # Behind a proxy the operator's SITE_URL is the address, whatever Host the proxy passes on.
    settings.SITE_URL, settings.SITE_URL_SET = "https://archive.example.org", True
    for url in feeds:
        found = addresses(client.get(url, HTTP_HOST="127.0.0.1:8765"))
        assert all(address.startswith("https://archive.example.org/") for address in found), (url, found)


def test_rating_warning_and_category_links_lead_to_the_works_listing_filtered_by_them(client, writer):
    from quire.works.enums import Rating, Warning

    teen = make_work(writer, title="Teen One", rating=Rating.TEEN)
    make_work(writer, title="General One", rating=Rating.GENERAL)
    page = client.get(f"/works/{teen.pk}").content.decode()
    found = dict(re.findall(r'<dd class="(rating|warning|category) tags">.*?href="([^"]+)"', page))
    assert found["rating"] == f"/works?rating={Rating.TEEN.value}"
    assert found["warning"] == f"/works?warning={Warning.NONE_APPLY.value}"
    listing = client.get(found["rating"]).content.decode()
    assert "Teen One" in listing and "General One" not in listing
    both = client.get(found["warning"]).content.decode()
    assert "Teen One" in both and "General One" in both
