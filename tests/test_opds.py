"""The OPDS 1.2 catalog e-readers browse: navigation, acquisition pages, search and private addresses."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import UserFactory, make_work

from quire.feedback.models import Bookmark
from quire.feedback.services import save_bookmark
from quire.feeds.models import CatalogToken
from quire.follows.services import subscribe
from quire.tags import services as wrangling
from quire.tags.models import Tag
from quire.works.models import Work

pytestmark = pytest.mark.django_db
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQUIRE = "http://opds-spec.org/acquisition"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def fetch(client, url, kind):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == f"{kind};charset=utf-8", url
    ET.fromstring(response.content)  # well-formed XML, or this raises
    feed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def link(feed_or_entry, rel=None, type_prefix=""):
    links = getattr(feed_or_entry, "feed", feed_or_entry).links
    for candidate in links:
        if (rel is None or candidate.rel == rel) and candidate.type.startswith(type_prefix):
            return candidate.href
    raise AssertionError(f"no {rel} link in {[(c.rel, c.type) for c in links]}")


def entry_titled(feed, title):
    return next(entry for entry in feed.entries if entry.title == title)


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def in_media(fandom: str, media: str = "TV Shows"):
    tag = Tag.objects.named(fandom).first()
    wrangling.make_canonical(tag=tag)
    wrangling.add_parent(tag=tag, parent=Tag.objects.get(name=media))


def walk_to_epub(client, root="/opds/"):
    """Root → Fandoms by media → TV Shows → Gilmore Girls → the work's acquisition link."""
    feed = fetch(client, root, NAVIGATION)
    media = fetch(client, link(entry_titled(feed, "Fandoms by media")), NAVIGATION)
    fandoms = fetch(client, link(entry_titled(media, "TV Shows")), NAVIGATION)
    works = fetch(client, link(entry_titled(fandoms, "Gilmore Girls"), type_prefix=ACQUISITION), ACQUISITION)
    entry = entry_titled(works, "Walked To")
    return entry, link(entry, rel=ACQUIRE, type_prefix="application/epub+zip")


def test_root_is_a_navigation_feed_with_search(client):
    feed = fetch(client, "/opds/", NAVIGATION)
    assert titles(feed) == ["Recently updated", "Fandoms by media", "Popular tags", "Collections"]
    assert link(feed, rel="start").endswith("/opds/")
    search = client.get(link(feed, rel="search"))
    assert search["Content-Type"] == "application/opensearchdescription+xml;charset=utf-8"
    url = ET.fromstring(search.content).find("{http://a9.com/-/spec/opensearch/1.1/}Url")
    assert url.get("type") == ACQUISITION
    assert url.get("template") == "http://testserver/opds/search?q={searchTerms}"


def test_walk_from_the_root_reaches_an_entry_with_an_epub_link(client, writer):
    work = make_work(writer, title="Walked To", tags=["Fluff"], summary="A <b>bold</b> & brave tale.")
    cafe = make_work(writer, title="Café: Ünïcode?")
    in_media("Gilmore Girls")
    entry, epub = walk_to_epub(client)
    assert epub == f"http://testserver/downloads/{work.pk}/Walked_To.epub"
    assert link(entry_titled(fetch(client, "/opds/recent", ACQUISITION), "Café: Ünïcode?"), rel=ACQUIRE) == (
        f"http://testserver/downloads/{cafe.pk}/Cafe_Unicode.epub"  # ASCII, as AO3 names files
    )
    assert entry.author == "writer"
    # Written as plain text, so the reader sees the writer's angle brackets as typed.
    assert entry.summary == "A <b>bold</b> & brave tale." and entry.summary_detail.type == "text/plain"
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; brave tale." in entry.content[0].value
    assert entry.updated_parsed[:6] == work.revised_at.utctimetuple()[:6]
    assert {tag.term for tag in entry.tags} == {"Gilmore Girls", "Fluff"}
    assert link(entry, rel="alternate") == f"http://testserver/works/{work.pk}"


def test_walk_from_the_root_downloads_the_epub(client, writer):
    make_work(writer, title="Walked To")
    in_media("Gilmore Girls")
    _, epub = walk_to_epub(client)
    response = client.get(epub)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/epub+zip"


def test_acquisition_feeds_page_with_first_previous_next_and_last(client, monkeypatch):
    monkeypatch.setattr("quire.feeds.opds.PER_PAGE", 3)
    for number in range(7):
        make_work(title=f"Work {number}", age_days=number)
    first = fetch(client, "/opds/recent", ACQUISITION)
    assert titles(first) == ["Work 0", "Work 1", "Work 2"]
    assert first.feed.opensearch_totalresults == "7"
    second = fetch(client, link(first, rel="next"), ACQUISITION)
    assert titles(second) == ["Work 3", "Work 4", "Work 5"]
    assert link(second, rel="previous") == link(first, rel="first") == "http://testserver/opds/recent"
    last = fetch(client, link(second, rel="last"), ACQUISITION)
    assert titles(last) == ["Work 6"]
    assert link(last, rel="previous") == link(first, rel="next")
    assert not any(candidate.rel == "next" for candidate in last.feed.links)


def test_popular_tags_lead_to_their_works(client):
    make_work(title="One", tags=["Fluff"])
    make_work(title="Two", tags=["Fluff", "Angst"])
    feed = fetch(client, "/opds/tags", NAVIGATION)
    assert titles(feed) == ["Fluff", "Gilmore Girls", "Angst"]  # most works first, then by name
    assert entry_titled(feed, "Fluff").content[0].value == "2 works (additional tag)."
    fluff = fetch(client, link(entry_titled(feed, "Fluff")), ACQUISITION)
    assert sorted(titles(fluff)) == ["One", "Two"]


def test_search_feed_finds_works_by_their_words(client):
    make_work(title="Coffee at Luke's", summary="Diner talk.")
    make_work(title="Something else")
    feed = fetch(client, "/opds/search?q=coffee", ACQUISITION)
    assert titles(feed) == ["Coffee at Luke's"]
    assert feed.feed.title == "Search results for “coffee”"
    assert fetch(client, "/opds/search?q=", ACQUISITION).feed.title == "Search works"


@pytest.mark.parametrize("url", ["/opds/recent", "/opds/tags/Gilmore Girls"])
def test_acquisition_feeds_cost_the_same_queries_for_few_or_many_works(client, url):
    def queries_for(count):
        for _ in range(count):
            make_work(tags=["Fluff"], relationships=["Rory/Jess"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(6)


# --- Nothing secret in the catalog ----------------------------------------------------------------------


@pytest.fixture
def secrets(writer):
    """A draft, a restricted and a hidden work, each with a tag of its own, in a fandom with a public work."""
    make_work(writer, title="Public", tags=["Shared"], summary="zanzibar")
    make_work(writer, title="Secret Draft", posted=False, tags=["Shared", "Draft Tag"], summary="zanzibar")
    make_work(
        writer, title="Secret Restricted", restricted=True, tags=["Shared", "Members Tag"], summary="zanzibar"
    )
    hidden = make_work(writer, title="Secret Hidden", tags=["Shared", "Hidden Tag"], summary="zanzibar")
    hidden.hidden_at = timezone.now()
    hidden.save()
    in_media("Gilmore Girls")
    return ["Secret Draft", "Secret Restricted", "Secret Hidden"]


def catalog_pages(client, root):
    """Every page reachable from the root, following navigation and paging links; with their feeds."""
    seen, queue, pages = set(), [root], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        kind = response["Content-Type"].split(";charset")[0]
        feed = fetch(client, url, kind)
        pages[url] = (feed, response.content.decode())
        for candidate in [*feed.feed.links, *(c for entry in feed.entries for c in entry.links)]:
            if candidate.type.startswith("application/atom+xml") and candidate.rel != "self":
                queue.append(candidate.href)
    return pages


def test_drafts_restricted_and_hidden_works_are_nowhere_in_the_public_catalog(client, secrets):
    pages = catalog_pages(client, "http://testserver/opds/")
    pages["search"] = (fetch(client, "/opds/search?q=zanzibar", ACQUISITION), "")
    assert any(url.endswith("/opds/tags/Gilmore%20Girls") for url in pages)
    assert len(pages) >= 8
    for url, (feed, text) in pages.items():
        assert not any(title.startswith("Secret") for title in titles(feed)), url
        for private_tag in ["Draft Tag", "Members Tag", "Hidden Tag"]:
            assert private_tag not in text, (url, private_tag)
    assert titles(pages["search"][0]) == ["Public"]
    assert (
        entry_titled(fetch(client, "/opds/tags", NAVIGATION), "Shared").content[0].value.startswith("1 work ")
    )


# --- A reader's private address -------------------------------------------------------------------------


def private_root(client, user) -> str:
    client.force_login(user)
    client.post("/account/catalog")
    client.logout()
    return CatalogToken.objects.get(user=user).get_absolute_url()


def test_private_catalog_lists_followed_works_and_bookmarks_and_members_only_works(client, writer, secrets):
    reader = UserFactory(username="reader")
    followed = make_work(title="Followed", restricted=True)
    bookmarked = make_work(title="Bookmarked")
    for title in ["Secret Draft", "Secret Hidden", "Secret Restricted"]:
        work = writer.works.get(title=title)
        if title != "Secret Draft":  # nobody can follow a draft they cannot see
            subscribe(user=reader, work=work)
        save_bookmark(user=reader, work=work)
    subscribe(user=reader, work=followed)
    subscribe(user=reader, author=writer)
    save_bookmark(user=reader, work=bookmarked)
    root = private_root(client, reader)
    assert root.startswith("/opds/u/") and len(root) > 50

    feed = fetch(client, root, NAVIGATION)
    assert feed.feed.title == "Quire for reader"
    assert titles(feed)[:3] == ["Works you follow", "Works by authors you follow", "Your bookmarks"]
    following = fetch(client, link(entry_titled(feed, "Works you follow")), ACQUISITION)
    assert sorted(titles(following)) == ["Followed", "Secret Restricted"]
    by_authors = fetch(client, link(entry_titled(feed, "Works by authors you follow")), ACQUISITION)
    assert sorted(titles(by_authors)) == ["Public", "Secret Restricted"]
    marks = fetch(client, link(entry_titled(feed, "Your bookmarks")), ACQUISITION)
    assert titles(marks) == ["Bookmarked", "Secret Restricted"]

    pages = catalog_pages(client, f"http://testserver{root}")
    assert all(f"/opds/u/{root.split('/')[3]}/" in url for url in pages)
    seen = {title for feed, _ in pages.values() for title in titles(feed)}
    assert {"Secret Restricted", "Followed", "Public"} <= seen
    assert not seen & {"Secret Draft", "Secret Hidden"}
    search = fetch(client, f"{root}search?q=zanzibar", ACQUISITION)
    assert sorted(titles(search)) == ["Public", "Secret Restricted"]
    assert "Members Tag" in pages[f"http://testserver{root}tags"][1]


def test_resetting_the_private_address_retires_the_old_one(client, reader):
    client.force_login(reader)
    page = client.get("/account/settings").content.decode()
    assert "Create my private catalog address" in page
    response = client.post("/account/catalog", follow=True)
    old = CatalogToken.objects.get(user=reader).get_absolute_url()
    assert f"http://testserver{old}" in response.content.decode()
    assert "Reset the address" in response.content.decode()
    client.post("/account/catalog")
    new = CatalogToken.objects.get(user=reader).get_absolute_url()
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(f"{old}recent").status_code == 404
    assert client.get(new).status_code == 200
    assert client.get("/opds/u/not-a-real-key/").status_code == 404


def test_only_logged_in_readers_can_make_an_address_and_only_by_post(client, reader):
    assert client.post("/account/catalog").status_code == 302
    assert not CatalogToken.objects.exists()
    client.force_login(reader)
    assert client.get("/account/catalog").status_code == 405


def test_private_feeds_cost_the_same_queries_for_few_or_many_works(client, reader):
    root = private_root(client, reader)
    followed_author = UserFactory()
    subscribe(user=reader, author=followed_author)

    def queries_for(count):
        for _ in range(count):
            work = make_work(followed_author, tags=["Fluff"])
            subscribe(user=reader, work=work)
            save_bookmark(user=reader, work=work)
        counts = []
        for page in ["following", "authors", "bookmarks", "recent"]:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"{root}{page}").status_code == 200
            counts.append(len(captured))
        return counts

    assert queries_for(2) == queries_for(6)


def test_a_title_with_characters_xml_cannot_carry_does_not_break_the_catalog(client):
    from quire.works.models import Work

    work = make_work(title="Odd")
    Work.objects.filter(pk=work.pk).update(title="Odd\x01 title", summary_html="<p>bell\x07</p>")
    assert titles(fetch(client, "/opds/recent", ACQUISITION)) == ["Odd title"]


def test_private_epub_links_download_as_the_reader_and_only_what_they_may_read(client, writer, secrets):
    reader = UserFactory(username="reader")
    root = private_root(client, reader)
    feed = fetch(client, f"{root}recent", ACQUISITION)
    restricted = writer.works.get(title="Secret Restricted")
    epub = link(entry_titled(feed, "Secret Restricted"), rel=ACQUIRE)
    assert epub == f"http://testserver{root}download/{restricted.pk}/Secret_Restricted.epub"
    for title in ["Secret Draft", "Secret Hidden"]:
        work = writer.works.get(title=title)
        assert client.get(f"{root}download/{work.pk}/{title.replace(' ', '_')}.epub").status_code == 404
    assert client.get(f"/opds/u/wrong-key/download/{restricted.pk}/Secret_Restricted.epub").status_code == 404


def test_private_catalog_downloads_a_members_only_epub_without_a_login(client, writer, secrets):
    root = private_root(client, UserFactory(username="reader"))
    feed = fetch(client, f"{root}recent", ACQUISITION)
    response = client.get(link(entry_titled(feed, "Secret Restricted"), rel=ACQUIRE))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/epub+zip"


def navigation_stamps(client, url):
    root = ET.fromstring(client.get(url).content)
    return [root.find("a:updated", ATOM).text] + [e.text for e in root.findall("a:entry/a:updated", ATOM)]


def test_navigation_feeds_are_dated_by_what_they_list_not_by_the_fetch(client, writer, reader):
    """E-readers re-download a feed whose `updated` moved: every navigation page carries the newest change of
    what it leads to, so fetching again gives the same stamps."""
    work = make_work(writer, title="Walked To")
    in_media("Gilmore Girls")
    save_bookmark(user=reader, work=work)
    subscribe(user=reader, work=work)
    subscribe(user=reader, author=writer)
    Work.objects.filter(pk=work.pk).update(revised_at=datetime(2024, 5, 1, 12, 30, tzinfo=UTC))
    Bookmark.objects.filter(user=reader).update(created_at=datetime(2024, 4, 1, tzinfo=UTC))
    media = fetch(client, "/opds/media", NAVIGATION)
    tv_shows = link(entry_titled(media, "TV Shows"))
    pages = ["/opds/", "/opds/media", "/opds/tags", tv_shows, private_root(client, reader)]
    for page in pages:
        stamps = navigation_stamps(client, page)
        # Media with no works yet carry a fixed date rather than the time of the fetch.
        assert stamps[0] == "2024-05-01T12:30:00Z", (page, stamps)
        assert set(stamps) <= {"2024-05-01T12:30:00Z", "2000-01-01T00:00:00Z"}, (page, stamps)
        assert navigation_stamps(client, page) == stamps
