"""Holes in who-sees-what that were measured from outside (issue 16), each closed by the access layer."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from factories import UserFactory, make_work
from test_opds import ACQUIRE, ACQUISITION, entry_titled, fetch, link, private_root, titles

from quire.exports.naming import FORMATS
from quire.moderation import services as moderation
from quire.moderation.models import ModerationAction, Mute, Target
from quire.works.enums import Rating


def _is_epub(response) -> bool:
    if response.status_code != 200 or response["Content-Type"] != "application/epub+zip":
        return False
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return book.read("mimetype") == b"application/epub+zip"


# --- Hole 1: an adult work's acquisition link gives the book, never the adult notice's page -------------


@pytest.mark.parametrize("rating", [Rating.MATURE, Rating.EXPLICIT])
def test_public_catalog_acquisition_link_of_an_adult_work_is_the_epub(client, writer, rating):
    make_work(writer, title="Grown Up", rating=rating)
    feed = fetch(client, "/opds/recent", ACQUISITION)
    response = client.get(link(entry_titled(feed, "Grown Up"), rel=ACQUIRE))
    assert _is_epub(response), (response.status_code, response["Content-Type"])


@pytest.mark.parametrize("rating", [Rating.MATURE, Rating.EXPLICIT])
def test_private_catalog_acquisition_link_of_an_adult_work_is_the_epub(client, writer, rating):
    make_work(writer, title="Grown Up", rating=rating)
    root = private_root(client, UserFactory(username="ereader"))
    feed = fetch(client, f"{root}recent", ACQUISITION)
    response = client.get(link(entry_titled(feed, "Grown Up"), rel=ACQUIRE))
    assert _is_epub(response), (response.status_code, response["Content-Type"])


def test_a_guest_download_link_of_an_explicit_work_is_the_file_but_its_page_still_asks(client, writer):
    work = make_work(writer, title="Grown Up", rating=Rating.EXPLICIT)
    assert _is_epub(client.get(f"/downloads/{work.pk}/Grown_Up.epub"))
    assert "This work could have adult content" in client.get(f"/works/{work.pk}").content.decode()


def test_an_archive_that_keeps_adult_downloads_from_guests_refuses_them_clearly(client, writer, settings):
    settings.ADULT_DOWNLOADS_FOR_GUESTS = False
    work = make_work(writer, title="Grown Up", rating=Rating.EXPLICIT)
    for ext in FORMATS:
        response = client.get(f"/downloads/{work.pk}/Grown_Up.{ext}")
        assert response.status_code == 403, ext
        assert "let only logged-in readers download Mature and Explicit works" in response.content.decode()
    # A member's private catalog is theirs: the e-reader gets the book.
    root = private_root(client, UserFactory(username="ereader"))
    feed = fetch(client, f"{root}recent", ACQUISITION)
    assert _is_epub(client.get(link(entry_titled(feed, "Grown Up"), rel=ACQUIRE)))
    client.force_login(UserFactory(username="member"))
    assert _is_epub(client.get(f"/downloads/{work.pk}/Grown_Up.epub"))


# --- Hole 2: mute applies in the private catalog's recent and tag feeds --------------------------------


def test_a_muted_writers_works_are_left_out_of_the_muters_private_catalog(client, writer):
    muter = UserFactory(username="muter")
    make_work(writer, title="Muted Writer's Story", fandoms=("Quiet Fandom",))
    make_work(title="Someone Else's Story", fandoms=("Quiet Fandom",))
    Mute.objects.create(muter=muter, muted=writer)
    root = private_root(client, muter)
    for path in ("recent", "tags/Quiet%20Fandom", "search?q=Story"):
        shown = titles(fetch(client, f"{root}{path}", ACQUISITION))
        assert shown == ["Someone Else's Story"], path
    # The public catalog is nobody's: it does not know the muter.
    assert "Muted Writer's Story" in titles(fetch(client, "/opds/recent", ACQUISITION))


# --- Hole 5: moderators reach what was reported, public or hidden, not writers' unreported drafts ------


@pytest.fixture
def moderator_client(client, db):
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    return client


def test_a_moderator_cannot_open_an_unreported_draft(moderator_client, writer):
    draft = make_work(writer, title="Secret Draft Title", posted=False)
    response = moderator_client.get(f"/moderation/{Target.WORK}/{draft.pk}")
    assert response.status_code == 404
    assert "Secret Draft Title" not in response.content.decode()


def test_a_moderator_opens_posted_and_hidden_works(moderator_client, writer):
    posted = make_work(writer, title="Public Story")
    hidden = make_work(writer, title="Hidden Story")
    moderation.act(
        moderator=UserFactory(username="other_mod"),
        subject=moderation.Subject(Target.WORK, hidden),
        kind=ModerationAction.Kind.HIDE,
        reason="Spam.",
    )
    for work in (posted, hidden):
        response = moderator_client.get(f"/moderation/{Target.WORK}/{work.pk}")
        assert response.status_code == 200
        assert work.title in response.content.decode()
