"""Anonymous works (issue 22): a work in an anonymous collection shows "Anonymous" as its creator on every
surface (pages, listings, search, feeds, catalogs, downloads, the API, messages) to everyone but its own
creators, and is listed among its writer's works only to them, until the creators' reveal. The collection's
maintainers read the creators on its management page alone, as AO3 shows them in its "collection items
management area" (and not on the work, to spoil nothing unasked)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from epub_support import OPF_NS, epubcheck_messages, opf, read_entry
from factories import UserFactory, make_series, make_work
from test_discovery import titles

from quire.access.reading import creators_hidden_from, creators_public, credited_works_shown
from quire.api.services import create_token
from quire.collections.models import Collection, CollectionRole, Role
from quire.collections.services import add_work, reveal_creators
from quire.exports.document import fingerprint
from quire.exports.naming import download_url
from quire.feedback import services as feedback
from quire.follows import services as follows
from quire.follows.announcements import announce_chapter, announce_review, announce_work
from quire.follows.models import Notification
from quire.related import services as related
from quire.works import services as work_services
from quire.works.models import Work

pytestmark = pytest.mark.django_db

# A name no page says for any other reason: wherever it shows, the writer is named.
SECRET = "quillmoth"


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.SITE_URL, settings.SITE_URL_SET = "https://archive.example.org", True


@pytest.fixture
def author(db):
    return UserFactory(username=SECRET)


@pytest.fixture
def maintainer(db):
    return UserFactory(username="maintainer")


@pytest.fixture
def collection(maintainer):
    collection = Collection.objects.create(name="yuletide", title="Yuletide", is_anonymous=True)
    CollectionRole.objects.create(collection=collection, user=maintainer, role=Role.OWNER)
    return collection


def anonymous_work(author, collection, **fields) -> Work:
    work = make_work(author, **{"title": "Snowbound", "fandoms": ("Gilmore Girls",), **fields})
    add_work(collection=collection, work=work, user=author)
    work.refresh_from_db()
    return work


@pytest.fixture
def work(author, collection):
    return anonymous_work(author, collection)


def reveal(collection, maintainer, work=None):
    reveal_creators(collection=collection, user=maintainer)
    if work is not None:
        work.refresh_from_db()


def page(client, url, user=None, **params) -> str:
    if user is not None:
        client.force_login(user)
    else:
        client.logout()
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def others(reader, maintainer):
    """Everyone who must not learn who wrote it: a guest, another member, the collection's maintainer."""
    return [None, reader, maintainer]


# --- The rule ----------------------------------------------------------------------------------------------


def test_creators_are_hidden_from_all_but_the_creators_until_the_reveal(work, author, reader, maintainer):
    def listed_as_theirs(viewer):
        return list(Work.objects.filter(credited_works_shown(viewer, user=author)))

    assert [creators_hidden_from(v, work) for v in (AnonymousUser(), reader, maintainer, author)] == [
        True, True, True, False
    ]  # fmt: skip
    item = work.collection_items.get()
    assert [creators_hidden_from(v, work, managing=item) for v in (AnonymousUser(), reader, maintainer)] == [
        True, True, False
    ]  # fmt: skip
    assert not creators_public(work)
    assert listed_as_theirs(reader) == [] and listed_as_theirs(author) == [work]

    reveal(work.collection_items.get().collection, maintainer, work)
    assert not creators_hidden_from(reader, work) and creators_public(work)
    assert listed_as_theirs(reader) == [work]


# --- Pages -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["work", "navigate", "chapter"])
def test_the_work_pages_say_anonymous_to_readers_and_the_creator_sees_their_name(
    client, author, collection, reader, maintainer, where
):
    work = anonymous_work(author, collection, chapters=2)
    url = {
        "work": work.get_absolute_url(),
        "navigate": reverse("works:navigate", args=[work.pk]),
        "chapter": work.chapters.order_by("position").last().get_absolute_url(),
    }[where]
    for viewer in others(reader, maintainer):
        html = page(client, url, viewer)
        assert "Anonymous" in html
        assert SECRET not in html
    own = page(client, url, author)
    assert "Anonymous (you: " in own and SECRET in own

    reveal(collection, maintainer)
    revealed = page(client, url, reader)
    assert SECRET in revealed and "Anonymous" not in revealed


def test_the_title_bar_and_heading_say_anonymous(client, work, reader):
    html = page(client, work.get_absolute_url(), reader)
    assert "<title>Snowbound - Anonymous - Gilmore Girls" in html
    assert '<h3 class="byline heading">Anonymous</h3>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_listings_show_anonymous_blurbs_in_a_fixed_number_of_queries(
    client, author, collection, reader, maintainer, django_assert_max_num_queries, count
):
    for n in range(count):
        anonymous_work(author, collection, title=f"Snow {n}")
        make_work(UserFactory(), title=f"Named {n}")
    client.force_login(reader)
    listing = reverse("discovery:works")
    client.get(listing)  # the language menu's counts are cached from the first listing on
    # A member's listing (a guest's takes 12: tests/test_discovery.py); whatever the number of works.
    with django_assert_max_num_queries(17) as anonymous:
        response = client.get(listing, {"tag": "Gilmore Girls"})
    html = response.content.decode()
    assert len(titles(response)) == 2 * count
    assert html.count("by Anonymous") == count
    assert SECRET not in html

    reveal(collection, maintainer)
    with django_assert_max_num_queries(17) as revealed:
        assert SECRET in client.get(listing, {"tag": "Gilmore Girls"}).content.decode()
    assert len(anonymous) == len(revealed)  # hiding the names costs no query


def test_home_page_and_bookmarks_say_anonymous(client, work, reader, author):
    feedback.save_bookmark(user=reader, work=work)
    for url in (reverse("discovery:home"), reverse("feedback:user_bookmarks", args=[reader.username])):
        html = page(client, url, reader)
        assert "Snowbound" in html and "Anonymous" in html, url
        assert SECRET not in html, url


# --- Lists of one writer's works ---------------------------------------------------------------------------


def test_lists_of_the_writers_works_leave_it_out_for_all_but_its_creators(
    client, work, author, reader, maintainer, collection
):
    make_work(author, title="Signed work")
    pseud = author.pseuds.get()
    urls = [
        reverse("discovery:author_works", args=[SECRET]),
        reverse("accounts:profile", args=[SECRET]),
        pseud.get_absolute_url(),
    ]
    for url in urls:
        for viewer in others(reader, maintainer):
            html = page(client, url, viewer)
            assert "Signed work" in html and "Snowbound" not in html, url
        assert "Snowbound" in page(client, url, author), url

    reveal(collection, maintainer)
    for url in urls:
        assert "Snowbound" in page(client, url, reader), url


def test_a_series_lists_an_anonymous_part_only_to_its_creators(
    client, author, collection, reader, maintainer
):
    first = make_work(author, title="Part one")
    second = anonymous_work(author, collection, title="Part two")
    series = make_series("Winter", first, second)
    html = page(client, series.get_absolute_url(), reader)
    assert "Part one" in html and "Part two" not in html
    work_page = page(client, second.get_absolute_url(), reader)
    assert "Winter" not in work_page  # "Part 2 of Winter" would name the series' writer
    assert "Next Work" not in page(client, first.get_absolute_url(), reader)
    assert "Part two" in page(client, series.get_absolute_url(), author)
    user_series = page(client, reverse("series:user_series", args=[SECRET]), reader)
    assert "<dd>1</dd>" in user_series

    reveal(collection, maintainer)
    assert "Part two" in page(client, series.get_absolute_url(), reader)


# --- The collection's maintainers ----------------------------------------------------------------------------


def manage(collection) -> str:
    return reverse("collections:manage", args=[collection.name])


def test_the_management_page_names_the_creators_to_the_maintainers_with_what_readers_see(
    client, work, author, maintainer, collection
):
    html = page(client, manage(collection), maintainer)
    assert "Snowbound" in html
    assert f'Anonymous (creator: <a rel="author" href="/users/{SECRET}/pseuds/{SECRET}">{SECRET}</a>)' in html

    reveal(collection, maintainer)
    revealed = page(client, manage(collection), maintainer)
    assert f'by <a rel="author" href="/users/{SECRET}/pseuds/{SECRET}">{SECRET}</a>' in revealed
    assert "Anonymous (creator" not in revealed


def test_a_maintainer_reads_anonymous_on_the_work_and_the_collections_page(
    client, work, maintainer, collection
):
    # AO3 names the creators in the management area only, so a maintainer reading the works is not told unasked.
    for url in (work.get_absolute_url(), collection.get_absolute_url(), reverse("discovery:works")):
        html = page(client, url, maintainer)
        assert "Snowbound" in html and "Anonymous" in html, url
        assert SECRET not in html, url


def test_the_parents_moderators_read_the_creators_on_a_subcollections_management_page(
    client, author, collection, reader
):
    standing = Collection.objects.create(name="fandom_fests", title="Fandom Fests")
    CollectionRole.objects.create(collection=standing, user=reader, role=Role.MODERATOR)
    collection.parent = standing
    collection.save()
    anonymous_work(author, collection)
    assert "Anonymous (creator: <a" in page(client, manage(collection), reader)
    assert SECRET not in page(client, reverse("discovery:works"), reader)


def test_a_maintainer_of_another_collection_does_not_read_the_creators(client, author, collection, reader):
    other = Collection.objects.create(name="other_fest", title="Other Fest", is_anonymous=True)
    CollectionRole.objects.create(collection=other, user=reader, role=Role.OWNER)
    work = anonymous_work(author, collection)
    item = work.collection_items.get()
    assert creators_hidden_from(reader, work, managing=item)
    html = page(client, manage(other), reader)
    assert "Snowbound" not in html and SECRET not in html


def test_the_management_page_names_co_creators_and_lists_what_waits(client, author, maintainer, collection):
    from quire.creators import services as creators

    collection.is_moderated = True
    collection.save()
    work = anonymous_work(author, collection)
    partner = UserFactory(username="inkfinch")
    invitation = creators.invite_creator(thing=work, pseud=partner.default_pseud, inviter=author)
    creators.accept_invitation(creatorship=invitation, user=partner)
    html = page(client, manage(collection), maintainer)
    waiting = html.split('id="waiting-heading"')[1].split("</section>")[0]
    assert "Snowbound" in waiting and "Anonymous (creators: " in waiting
    assert SECRET in waiting and "inkfinch" in waiting


@pytest.mark.parametrize("count", [1, 3])
def test_the_management_page_names_the_creators_in_a_fixed_number_of_queries(
    client, author, collection, maintainer, django_assert_max_num_queries, count
):
    for n in range(count):
        anonymous_work(UserFactory(username=f"{SECRET}{n}"), collection, title=f"Snow {n}")
    client.force_login(maintainer)
    client.get(manage(collection))  # the session and the menus' caches from the first page on
    # Whatever the number of works: their credits in one query, the maintainer's role read once.
    with django_assert_max_num_queries(16):
        html = client.get(manage(collection)).content.decode()
    assert html.count("Anonymous (creator: ") == count


# --- Search ------------------------------------------------------------------------------------------------


def test_search_by_the_writers_name_does_not_find_it_until_the_reveal(
    client, work, reader, maintainer, collection
):
    make_work(author=work.author, title="Signed work")
    search = reverse("discovery:search")
    client.force_login(reader)
    assert titles(client.get(search, {"q": SECRET})) == ["Signed work"]
    found = client.get(search, {"q": "Snowbound"})
    assert titles(found) == ["Snowbound"]
    assert SECRET not in found.content.decode()

    reveal(collection, maintainer)
    assert sorted(titles(client.get(search, {"q": SECRET}))) == ["Signed work", "Snowbound"]


def test_sorting_by_author_sorts_an_anonymous_work_as_anonymous(client, author, collection, reader):
    # The writer's name sorts last; "Anonymous" sorts between "Aaron" and "Mike".
    anonymous_work(author, collection, title="Hidden")
    make_work(UserFactory(username="aaron"), title="By Aaron")
    make_work(UserFactory(username="mike"), title="By Mike")
    make_work(author, title="Signed")
    client.force_login(reader)
    response = client.get(reverse("discovery:works"), {"sort": "author"})
    assert titles(response) == ["By Aaron", "Hidden", "By Mike", "Signed"]


# --- Feeds and catalogs ------------------------------------------------------------------------------------


def test_atom_feeds_say_anonymous_with_no_address_and_the_writers_feed_leaves_it_out(
    client, work, author, maintainer, collection
):
    tag_feed = page(client, reverse("tags:feed", args=["Gilmore Girls"]), author)  # the creator too
    assert "<author><name>Anonymous</name></author>" in tag_feed
    assert "Snowbound by Anonymous" in tag_feed
    assert SECRET not in tag_feed
    chapters = page(client, reverse("feeds:work", args=[work.pk]))
    assert "<name>Anonymous</name>" in chapters and SECRET not in chapters
    by_writer = page(client, reverse("feeds:author", args=[SECRET]))
    assert "Snowbound" not in by_writer

    reveal(collection, maintainer)
    assert f"<name>{SECRET}</name>" in page(client, reverse("tags:feed", args=["Gilmore Girls"]))
    assert "Snowbound" in page(client, reverse("feeds:author", args=[SECRET]))


def test_the_public_catalog_says_anonymous(client, work, maintainer, collection):
    catalog = page(client, reverse("feeds:recent"))
    assert "<author><name>Anonymous</name></author>" in catalog
    assert SECRET not in catalog
    reveal(collection, maintainer)
    assert f"<name>{SECRET}</name>" in page(client, reverse("feeds:recent"))


def test_a_private_catalog_leaves_a_followed_writers_anonymous_work_out(client, work, author, reader):
    from quire.feeds.selectors import works_by_followed_authors

    signed = make_work(author, title="Signed work")
    follows.subscribe(user=reader, author=author)
    assert list(works_by_followed_authors(reader)) == [signed]


# --- Downloads ---------------------------------------------------------------------------------------------


def download(client, work, ext) -> bytes:
    response = client.get(download_url(work, ext))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_epub_names_anonymous_passes_epubcheck_and_is_rebuilt_at_the_reveal(
    client, work, author, maintainer, collection, tmp_path
):
    client.force_login(author)  # one file for every reader: its creator's copy says Anonymous too
    content = download(client, work, "epub")
    path = tmp_path / "anonymous.epub"
    path.write_bytes(content)
    assert epubcheck_messages(path) == []
    package, _ = opf(content)
    assert [e.text for e in package.findall(".//dc:creator", namespaces=OPF_NS)] == ["Anonymous"]
    assert SECRET.encode() not in content  # in no entry of the book
    assert "by Anonymous" in read_entry(content, "title.xhtml")

    before = fingerprint(work, include_unposted=False, site="https://archive.example.org")
    reveal(collection, maintainer, work)
    assert fingerprint(work, include_unposted=False, site="https://archive.example.org") != before
    revealed, _ = opf(download(client, work, "epub"))
    assert [e.text for e in revealed.findall(".//dc:creator", namespaces=OPF_NS)] == [SECRET]


@pytest.mark.parametrize("ext", ["html", "txt", "pdf"])
def test_other_downloads_say_by_anonymous(client, work, ext):
    content = download(client, work, ext)
    if ext == "pdf":
        assert SECRET.encode() not in content
        assert b"Anonymous" in content
    else:
        text = content.decode()
        assert "by Anonymous" in text and SECRET not in text


def test_a_file_built_before_the_reveal_is_not_served_after(client, work, maintainer, collection):
    assert "by Anonymous" in download(client, work, "txt").decode()
    reveal(collection, maintainer, work)
    after = download(client, work, "txt").decode()
    assert f"by {SECRET}" in after and "Anonymous" not in after


# --- The API -----------------------------------------------------------------------------------------------


def test_the_api_says_anonymous_on_lists_and_details_but_to_the_creator(client, work, author, reader):
    theirs = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=author, name='t')[1]}"}
    member = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=reader, name='t')[1]}"}
    for headers in ({}, member):
        listed = client.get("/api/v1/works", **headers)
        detail = client.get(f"/api/v1/works/{work.pk}", **headers)
        for body in (listed.json()["results"][0], detail.json()):
            assert body["author"] == {"username": None, "pseud": "Anonymous"}
            assert body["creators"] == [{"pseud": "Anonymous", "user": None, "url": None}]
            assert body["anonymous"] is True
        assert SECRET not in listed.content.decode() + detail.content.decode()
        assert client.get(f"/api/v1/users/{SECRET}/works", **headers).json()["results"] == []
    own = client.get(f"/api/v1/works/{work.pk}", **theirs).json()
    assert own["author"]["username"] == SECRET
    assert [w["title"] for w in client.get(f"/api/v1/users/{SECRET}/works", **theirs).json()["results"]] == [
        "Snowbound"
    ]


# --- Messages ----------------------------------------------------------------------------------------------


def test_followers_of_the_writer_are_not_told_of_an_anonymous_work(work, author, reader):
    follows.subscribe(user=reader, author=author)
    assert announce_work(work.pk) == 0
    assert not Notification.objects.filter(user=reader).exists()


def test_a_new_chapter_reaches_the_works_subscribers_as_by_anonymous_not_the_writers_followers(work, author):
    follower, subscriber = UserFactory(), UserFactory()
    follows.subscribe(user=follower, author=author)
    follows.subscribe(user=subscriber, work=work)
    chapter = work_services.add_chapter(
        work=work, user=author, fields=work_services.ChapterFields(title="Two", body="More."), post=True
    )
    announce_chapter(chapter.pk)
    assert not Notification.objects.filter(user=follower).exists()
    told = Notification.objects.get(user=subscriber)
    assert "by Anonymous" in told.text and SECRET not in told.text


def test_a_gift_recipient_is_told_anonymous_gave_them_a_work(author, collection, reader):
    from quire.gifts.services import announce_gifts, set_gifts

    work = anonymous_work(author, collection)
    set_gifts(work=work, user=author, names=["reader"])
    announce_gifts(work.pk)
    told = Notification.objects.get(user=reader, kind=Notification.Kind.GIFT)
    assert told.text == "Anonymous gave you a work: Snowbound"


def test_a_parents_writer_is_told_of_an_anonymous_child_by_anonymous(author, collection, reader):
    parent = make_work(reader, title="Original")
    child = anonymous_work(author, collection, title="Remix")
    relation = related.relate_work(user=author, work=child, kind="inspired", url=f"/works/{parent.pk}")
    related.tell_parent_creators(relation.pk)
    told = Notification.objects.get(user=reader, kind=Notification.Kind.RELATED)
    assert "by Anonymous" in told.text and SECRET not in told.text


def test_inspired_by_links_name_anonymous(client, author, collection, reader):
    parent = anonymous_work(author, collection, title="Original")
    child = make_work(reader, title="Remix")
    related.relate_work(user=reader, work=child, kind="inspired", url=f"/works/{parent.pk}")
    html = page(client, child.get_absolute_url(), reader)
    assert "Original" in html and "by Anonymous" in html and SECRET not in html


def test_the_creators_reply_is_signed_anonymous_creator(client, work, author, reader):
    review = feedback.post_review(user=reader, chapter=work.chapters.get(), body="Lovely!")
    reply = feedback.post_review(user=author, chapter=work.chapters.get(), body="Thanks!", parent=review)
    html = page(client, work.get_absolute_url(), reader)
    assert "Anonymous Creator" in html and SECRET not in html
    announce_review(reply.pk)
    told = Notification.objects.get(user=reader, kind=Notification.Kind.REPLY)
    assert told.text.startswith("Anonymous Creator replied") and SECRET not in told.text
    assert "Anonymous Creator" in page(client, reverse("follows:inbox"), reader)


def test_the_report_form_names_the_work_by_anonymous(client, work, reader):
    html = page(client, reverse("moderation:report", args=["work", work.pk]), reader)
    assert "“Snowbound” by Anonymous" in html and SECRET not in html
