"""The access matrix's other dimensions: rating, mute, block, suspension, staff rank and catalog tokens.

tests/test_access_matrix.py crosses who asks with a work's state (posted, restricted, draft, hidden). This
module crosses them with what surrounds a work: its rating, the reader's mutes, the writer's blocks, the
account's standing, the staff member's rank and the private catalog's token. One small world is built once
for the module, in a transaction rolled back at its end; every test runs in a savepoint of it.

The rule, as issue 16 states it:
- rating: a General and an Explicit work are listed everywhere a posted work is listed. On the work's own
  pages the Explicit one shows the adult notice, not its text, to guests and readers who have not accepted
  it; its author reads it. A download or an OPDS acquisition link is an explicit request for the file: it
  returns the file (an EPUB where one was promised), never the notice (AO3 does not gate downloads).
- mute: the muted writer's works leave everything the muter browses (home, works, tag works, search,
  facets, the API's lists and the muter's private OPDS catalog, recent, tag and search alike), and their
  reviews leave the works' pages; the muter still reaches what they open on purpose (the work, the writer's
  profile and works, a download). Sessionless surfaces (Atom, the public catalog) know no mute.
- gifts: both the muted writer's work and another writer's are gifts to the reader and to the muter; a
  gifts page is browsed like a listing, so the muter does not see the muted writer's gift on the reader's
  page, but their own gifts page is theirs to manage (to refuse the gift, say) and shows it.
- block: the blocked reader may not review or reply on the blocker's works (a clear message, nothing
  saved, what they typed kept); reading is unaffected, and other writers' works take their reviews.
- suspension: the suspended writer's posted works stay up (AO3 keeps them); the writer reads, but posts,
  edits (deleting and reordering included), series, reviews and kudos are refused on the web and through
  the API (403 JSON there).
- staff rank: moderators reach reported, public and moderator-hidden works in the moderation pages, not
  writers' unreported drafts; only superusers act on staff accounts.
- catalog tokens: a banned member's catalog and a reset address answer 404; a catalog lists its member's
  view of posted works, never a draft, even the member's own.
- a tag only a draft or a moderator-hidden work uses is 404 to everyone but that work's writer and staff.
"""

import io
import json
import re
import zipfile
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from factories import UserFactory
from task_queue import run_worker
from test_access_matrix import _client, _page, _shared, _text

from quire.accounts.models import User
from quire.api.services import create_token
from quire.core.text import TextFormat
from quire.exports.naming import FORMATS, download_url
from quire.feedback import services as feedback
from quire.feedback.models import Kudos, Review
from quire.feeds.models import CatalogToken
from quire.feeds.services import reset_catalog_token
from quire.gifts.services import set_gifts
from quire.moderation import services as moderation
from quire.moderation.models import Block, ModerationAction, Mute, Target
from quire.series.models import Series
from quire.works import services as works
from quire.works.enums import Rating, Warning
from quire.works.models import Chapter, Work

FANDOM = "Dimension Fandom Quillon"
# Distinctive words: no one is part of another, nor of any other text on the pages.
WORD = {
    "general": "Galewick",
    "explicit": "Emberfall",
    "draft": "Draftmere",
    "hidden": "Hushwater",
    "muted": "Loudhaven",  # the muted writer's work
    "suspended": "Sablecrest",  # the suspended writer's work
}
MUTED_REVIEW = "Quibblethorn"  # the muted writer's review on the General work
AUTHOR, MUTED_AUTHOR, SUSPENDED = "dimauthor", "dimloud", "dimsuspended"
ADULT_NOTICE = "This work could have adult content"
EPUB = "application/epub+zip"


def _title(key: str) -> str:
    return f"{WORD[key]} Story"


def _tag(key: str) -> str:
    return f"{WORD[key]} Motif"


def _body(key: str) -> str:
    return f"{WORD[key]} chapter text"


# --- The world ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; each test runs in a savepoint."""
    scratch = tmp_path_factory.mktemp("dimensions")
    with (
        django_db_blocker.unblock(),
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            MEDIA_ROOT=scratch / "media",
            EXPORTS_DIR=scratch / "exports",
        ),
        transaction.atomic(),
    ):
        mail.outbox = []
        yield _build_world()
        transaction.set_rollback(True)


def _work(author, key: str, *, rating=Rating.GENERAL, posted=True) -> Work:
    return works.create_work(
        author=author,
        work=works.WorkFields(
            title=_title(key),
            rating=rating,
            warnings=[Warning.NONE_APPLY],
            fandoms=[FANDOM],
            relationships=[],
            characters=[],
            additional_tags=[_tag(key)],
            restricted=False,
            expected_chapters=None,
            summary=f"About {WORD[key]}.",
            notes="",
            end_notes="",
            text_format=TextFormat.PLAIN,
        ),
        chapter=works.ChapterFields(title="One", body=f"The {_body(key)}.", text_format=TextFormat.PLAIN),
        post=posted,
    )


def _build_world() -> dict:
    users = {
        "reader": UserFactory(username="dimreader"),
        "author": UserFactory(username=AUTHOR),
        "muter": UserFactory(username="dimmuter"),
        "muted_author": UserFactory(username=MUTED_AUTHOR),
        "blocked": UserFactory(username="dimblocked"),
        "suspended": UserFactory(username=SUSPENDED),
        "banned": UserFactory(username="dimbanned"),
        "moderator": UserFactory(username="dimmod"),
        "other_moderator": UserFactory(username="dimmodtwo"),
        "superuser": UserFactory(username="dimroot"),
    }
    moderators = Group.objects.get(name="Moderators")
    for role in ("moderator", "other_moderator"):
        users[role].groups.add(moderators)
    User.objects.filter(pk=users["superuser"].pk).update(is_superuser=True, is_staff=True)
    users["superuser"].refresh_from_db()

    author = users["author"]
    work = {
        "general": _work(author, "general"),
        "explicit": _work(author, "explicit", rating=Rating.EXPLICIT),
        "draft": _work(author, "draft", posted=False),
        "hidden": _work(author, "hidden"),
        "muted": _work(users["muted_author"], "muted"),
        "suspended": _work(users["suspended"], "suspended"),
    }
    # Two chapters, so the suspended writer has one to delete and an order to change.
    works.add_chapter(
        work=work["suspended"],
        user=users["suspended"],
        fields=works.ChapterFields(title="Two", body="More.", text_format=TextFormat.PLAIN),
        post=True,
    )
    feedback.post_review(
        chapter=work["general"].chapters.get(), user=users["muted_author"], body=f"{MUTED_REVIEW} says hello."
    )
    for key in ("muted", "general"):
        set_gifts(work=work[key], user=work[key].author, names=["dimreader", "dimmuter"])
    moderation.toggle(Mute, user=users["muter"], other=users["muted_author"], on=True)
    # Someone who is none of the roles bookmarks the muted writer's work and another writer's (pseud pages).
    bookmarker = UserFactory(username=BOOKMARKER)
    for key in ("muted", "general"):
        feedback.save_bookmark(user=bookmarker, work=work[key])
    moderation.toggle(Block, user=author, other=users["blocked"], on=True)

    # Tokens and catalog addresses are made while every account is in good standing.
    token_roles = ("reader", "author", "muter", "blocked", "suspended", "moderator", "superuser")
    tokens = {role: create_token(user=users[role], name="dimensions")[1] for role in token_roles}
    catalogs = {role: CatalogToken.objects.get_or_create(user=user)[0].key for role, user in users.items()}
    retired_key = catalogs["reader"]
    catalogs["reader"] = reset_catalog_token(users["reader"]).key

    moderation.act(
        moderator=users["moderator"],
        subject=moderation.Subject(Target.WORK, work["hidden"]),
        kind=ModerationAction.Kind.HIDE,
        reason="Reported for review.",
    )
    moderation.act(
        moderator=users["moderator"],
        subject=moderation.Subject(Target.USER, users["suspended"]),
        kind=ModerationAction.Kind.SUSPEND,
        reason="A week off.",
        until=timezone.now() + timedelta(days=7),
    )
    moderation.act(
        moderator=users["moderator"],
        subject=moderation.Subject(Target.USER, users["banned"]),
        kind=ModerationAction.Kind.BAN,
        reason="Spam.",
    )
    run_worker()  # the search index, and the news of the posted works
    for user in users.values():
        user.refresh_from_db()
    for item in work.values():
        item.refresh_from_db()
    return {
        "users": users,
        "work": work,
        "tokens": tokens,
        "catalogs": catalogs,
        "retired_key": retired_key,
        "cache": {},
    }


# --- Fetching ----------------------------------------------------------------------------------------


def _api_response(world, role, path, method="get", payload=None):
    headers = {} if role == "guest" else {"Authorization": f"Bearer {world['tokens'][role]}"}
    client = Client()
    if method == "get":
        return client.get(f"/api/v1/{path}", headers=headers)
    call = getattr(client, method)
    return call(
        f"/api/v1/{path}", data=json.dumps(payload or {}), content_type="application/json", headers=headers
    )


def _api(world, role, path) -> str:
    return _text(_api_response(world, role, path))


def _catalog_path(world, role, path, private) -> str:
    if not private:
        return f"/opds/{path}"
    return f"/opds/u/{world['catalogs'][role]}/{path}"


def _opds(world, role, path, private) -> str:
    if not private:
        return _text(Client().get(f"/opds/{path}"))  # the public catalog: no session, whoever reads it
    return _text(Client().get(_catalog_path(world, role, path, True)))


def _facets(html: str) -> str:
    found = re.search(r'<aside class="filters".*?</aside>', html, re.S)
    return found.group(0) if found else ""


def _fandom_path(suffix=""):
    return f"/tags/{quote(FANDOM)}{suffix}"


def _file(response, ext) -> str:
    """The text of a delivered file, or "" when something else came back (a notice page, a refusal)."""
    if response.status_code != 200 or not hasattr(response, "streaming_content"):
        return ""
    content = b"".join(response.streaming_content)
    if ext == "epub":
        if not response["Content-Type"].startswith(EPUB) or not zipfile.is_zipfile(io.BytesIO(content)):
            return ""
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    if ext == "pdf":
        return "a PDF" if content.startswith(b"%PDF") else ""
    return content.decode("utf-8", "replace")


def _download(world, role, key, ext) -> str:
    response = _client(world, role).get(download_url(world["work"][key], ext))
    if response.status_code == 202 and _title(key) in response.content.decode():
        # A file the worker builds (every Kindle one): its progress page, naming the work, stands for it.
        return _body(key)
    text = _file(response, ext)
    # The PDF's text is compressed: a delivered PDF stands for the work.
    return _body(key) if ext == "pdf" and text else text


def _acquisition_link(feed: str, key: str) -> str:
    """The EPUB link of the work's entry in an OPDS feed, as a path on this site."""
    for entry in feed.split("<entry>")[1:]:
        if f"<title>{_title(key)}</title>" in entry:
            link = re.search(r'<link[^>]*type="application/epub\+zip"[^>]*>', entry)
            href = re.search(r'href="([^"]+)"', link.group(0)) if link else None
            return urlsplit(href.group(1).replace("&amp;", "&")).path if href else ""
    return ""


def _opds_acquire(world, role, key, private) -> str:
    """Follows the work's acquisition link in the catalog's recent feed, as an e-reader does: no session."""
    if private and role == "guest":
        return ""
    link = _acquisition_link(_opds(world, role, "recent", private), key)
    return _file(Client().get(link), "epub") if link else ""


# --- Rating: a General and an Explicit work, both posted and public ------------------------------------

RATING_ROLES = ["guest", "reader", "author"]
RATINGS = ["general", "explicit"]
EVERYONE = {rating: set(RATING_ROLES) for rating in RATINGS}
# The text itself: the notice stands in front of the Explicit one for whoever has not accepted it.
TEXT = {"general": set(RATING_ROLES), "explicit": {"author"}}
NOTICE = {"general": set(), "explicit": {"guest", "reader"}}
MEMBERS_ONLY = {rating: set(RATING_ROLES) - {"guest"} for rating in RATINGS}


def _listed(text: str, key: str) -> bool:
    return _title(key) in text or _tag(key) in text


def _noticed(text: str, key: str) -> str:
    return "notice" if ADULT_NOTICE in text and _title(key) in text else ""


# Each surface: (expected rule, fetch(world, role, key) -> text, what shows the work: "listed", "text",
# "notice"). A rule of None for a role means the surface does not exist for it (a guest's private catalog).
RATING_SURFACES = {
    # The work itself
    "work_page": (TEXT, lambda w, r, k: _page(w, r, f"/works/{w['work'][k].pk}"), "text"),
    "work_page_notice": (
        NOTICE,
        lambda w, r, k: _noticed(_page(w, r, f"/works/{w['work'][k].pk}"), k),
        "notice",
    ),
    "chapter_page": (
        TEXT,
        lambda w, r, k: _page(w, r, f"/works/{w['work'][k].pk}/chapters/{w['work'][k].chapters.first().pk}"),
        "text",
    ),
    "entire_work": (
        TEXT,
        lambda w, r, k: _page(w, r, f"/works/{w['work'][k].pk}?view_full_work=true"),
        "text",
    ),
    # Listings and counts
    "home": (EVERYONE, lambda w, r, k: _shared(w, r, "home", lambda: _page(w, r, "/")), "listed"),
    "works_listing": (
        EVERYONE,
        lambda w, r, k: _shared(w, r, "works", lambda: _page(w, r, "/works")),
        "listed",
    ),
    "tag_works": (
        EVERYONE,
        lambda w, r, k: _shared(w, r, "tag_works", lambda: _page(w, r, _fandom_path("/works"))),
        "listed",
    ),
    "author_works": (
        EVERYONE,
        lambda w, r, k: _shared(w, r, "author_works", lambda: _page(w, r, f"/users/{AUTHOR}/works")),
        "listed",
    ),
    "author_profile": (
        EVERYONE,
        lambda w, r, k: _shared(w, r, "profile", lambda: _page(w, r, f"/users/{AUTHOR}")),
        "listed",
    ),
    "search": (EVERYONE, lambda w, r, k: _page(w, r, f"/works/search?q={WORD[k]}"), "listed"),
    "facets": (
        EVERYONE,
        lambda w, r, k: _shared(w, r, "facets", lambda: _facets(_page(w, r, _fandom_path("/works")))),
        "listed",
    ),
    "tag_page_count": (
        EVERYONE,
        lambda w, r, k: _title(k) if "1 work in" in _page(w, r, f"/tags/{quote(_tag(k))}") else "",
        "listed",
    ),
    # Feeds and catalogs
    "tag_feed": (EVERYONE, lambda w, r, k: _page(w, r, _fandom_path("/feed.atom")), "listed"),
    "author_feed": (EVERYONE, lambda w, r, k: _page(w, r, f"/users/{AUTHOR}/works/feed.atom"), "listed"),
    "opds_public_recent": (EVERYONE, lambda w, r, k: _opds(w, r, "recent", False), "listed"),
    "opds_public_tag": (EVERYONE, lambda w, r, k: _opds(w, r, f"tags/{quote(FANDOM)}", False), "listed"),
    "opds_public_search": (EVERYONE, lambda w, r, k: _opds(w, r, f"search?q={WORD[k]}", False), "listed"),
    "opds_private_recent": (MEMBERS_ONLY, lambda w, r, k: _opds(w, r, "recent", True), "listed"),
    "opds_private_tag": (MEMBERS_ONLY, lambda w, r, k: _opds(w, r, f"tags/{quote(FANDOM)}", True), "listed"),
    "opds_private_search": (MEMBERS_ONLY, lambda w, r, k: _opds(w, r, f"search?q={WORD[k]}", True), "listed"),
    # The file itself, through every door that promises one (issue 16 hole 1 for the Explicit work)
    "opds_public_acquisition": (EVERYONE, lambda w, r, k: _opds_acquire(w, r, k, False), "text"),
    "opds_private_acquisition": (MEMBERS_ONLY, lambda w, r, k: _opds_acquire(w, r, k, True), "text"),
    **{
        f"download_{ext}": (EVERYONE, lambda w, r, k, ext=ext: _download(w, r, k, ext), "text")
        for ext in FORMATS
    },
    # The JSON API (a guest has no token; a member uses their own)
    "api_list": (EVERYONE, lambda w, r, k: _shared(w, r, "api_list", lambda: _api(w, r, "works")), "listed"),
    "api_search": (EVERYONE, lambda w, r, k: _api(w, r, f"works/search?q={WORD[k]}"), "listed"),
    "api_detail": (EVERYONE, lambda w, r, k: _api(w, r, f"works/{w['work'][k].pk}"), "listed"),
    "api_tag_works": (EVERYONE, lambda w, r, k: _api(w, r, f"tags/{quote(FANDOM)}/works"), "listed"),
    "api_user_works": (EVERYONE, lambda w, r, k: _api(w, r, f"users/{AUTHOR}/works"), "listed"),
}
NOT_FOR_GUESTS = {
    "opds_private_recent",
    "opds_private_tag",
    "opds_private_search",
    "opds_private_acquisition",
}


def _shows(text: str, key: str, marker: str) -> bool:
    if marker == "text":
        return _body(key) in text
    if marker == "notice":
        return text == "notice"
    return _listed(text, key)


@pytest.mark.parametrize(
    ("role", "rating", "surface"),
    [
        (role, rating, surface)
        for role in RATING_ROLES
        for rating in RATINGS
        for surface in RATING_SURFACES
        if not (role == "guest" and surface in NOT_FOR_GUESTS)  # a guest has no private catalog
    ],
)
def test_rating_matrix(world, db, role, rating, surface):
    expected, fetch, marker = RATING_SURFACES[surface]
    should = role in expected[rating]
    shown = _shows(fetch(world, role, rating), rating, marker)
    what = {"text": "the text of", "notice": "the adult notice for", "listed": ""}[marker]
    assert shown == should, (
        f"{role} {'does not get' if should else 'gets'} {what or 'a listing of'} the {rating} work on {surface}"
    )


def test_an_accepted_notice_lets_the_reader_read_the_explicit_work_for_the_session(world, db):
    client = _client(world, "reader")
    path = f"/works/{world['work']['explicit'].pk}"
    assert _body("explicit") in _text(client.get(path + "?view_adult=true")), "reader accepting the notice"
    page = _text(client.get(path))
    assert _body("explicit") in page and ADULT_NOTICE not in page, "reader back on the page after accepting"


@pytest.mark.parametrize("private", [False, True], ids=["public_catalog", "private_catalog"])
def test_an_explicit_works_opds_acquisition_answers_with_an_epub_not_a_page(world, db, private):
    """Issue 16 hole 1, named on its own: an e-reader that follows the link gets a book it can open."""
    feed = _opds(world, "reader", "recent", private)
    link = _acquisition_link(feed, "explicit")
    assert link, (
        f"the {'private' if private else 'public'} catalog's recent feed offers no EPUB of the Explicit work"
    )
    response = Client().get(link)
    assert response.status_code == 200, f"an e-reader following {link} got {response.status_code}"
    assert response["Content-Type"].startswith(EPUB), (
        f"an e-reader following {link} got {response['Content-Type']} instead of an EPUB"
    )


# --- Mute: the muter hides the muted writer's works from what they browse ------------------------------

BOOKMARKER = "dimbookmarker"
MUTE_ROLES = ["muter", "reader"]
MUTE_KEYS = ["muted", "general"]  # the muted writer's work, and another writer's (unaffected)
BOTH = {key: set(MUTE_ROLES) for key in MUTE_KEYS}
BROWSED = {"muted": {"reader"}, "general": set(MUTE_ROLES)}


def _muted_author_path(key, suffix=""):
    return f"/users/{MUTED_AUTHOR if key == 'muted' else AUTHOR}{suffix}"


MUTE_SURFACES = {
    # Browsing: the muted writer's works are gone for the muter
    "home": (BROWSED, lambda w, r, k: _shared(w, r, "home", lambda: _page(w, r, "/"))),
    "works_listing": (BROWSED, lambda w, r, k: _shared(w, r, "works", lambda: _page(w, r, "/works"))),
    "tag_works": (
        BROWSED,
        lambda w, r, k: _shared(w, r, "tag_works", lambda: _page(w, r, _fandom_path("/works"))),
    ),
    "search": (BROWSED, lambda w, r, k: _page(w, r, f"/works/search?q={WORD[k]}")),
    "readers_gifts_page": (BROWSED, lambda w, r, k: _page(w, r, "/users/dimreader/gifts")),
    "facets": (
        BROWSED,
        lambda w, r, k: _shared(w, r, "facets", lambda: _facets(_page(w, r, _fandom_path("/works")))),
    ),
    "opds_private_recent": (BROWSED, lambda w, r, k: _opds(w, r, "recent", True)),  # hole 2
    "opds_private_tag": (BROWSED, lambda w, r, k: _opds(w, r, f"tags/{quote(FANDOM)}", True)),  # hole 2
    "opds_private_search": (BROWSED, lambda w, r, k: _opds(w, r, f"search?q={WORD[k]}", True)),
    "api_list": (BROWSED, lambda w, r, k: _shared(w, r, "api_list", lambda: _api(w, r, "works"))),
    "api_search": (BROWSED, lambda w, r, k: _api(w, r, f"works/search?q={WORD[k]}")),
    "api_tag_works": (BROWSED, lambda w, r, k: _api(w, r, f"tags/{quote(FANDOM)}/works")),
    # A pseud's bookmarks are a list the muter browses: the muted writer's work leaves it
    "pseud_bookmarks": (BROWSED, lambda w, r, k: _page(w, r, f"/users/{BOOKMARKER}/pseuds/{BOOKMARKER}")),
    # Opened on purpose: the work, its writer's profile and works, a download
    "work_page": (BOTH, lambda w, r, k: _page(w, r, f"/works/{w['work'][k].pk}")),
    "own_gifts_page": (BOTH, lambda w, r, k: _page(w, r, f"/users/{w['users'][r].username}/gifts")),
    "author_works": (BOTH, lambda w, r, k: _page(w, r, _muted_author_path(k, "/works"))),
    "author_profile": (BOTH, lambda w, r, k: _page(w, r, _muted_author_path(k))),
    "pseud_page": (
        BOTH,
        lambda w, r, k: _page(
            w, r, _muted_author_path(k, f"/pseuds/{MUTED_AUTHOR if k == 'muted' else AUTHOR}")
        ),
    ),
    "api_detail": (BOTH, lambda w, r, k: _api(w, r, f"works/{w['work'][k].pk}")),
    "api_user_works": (
        BOTH,
        lambda w, r, k: _api(w, r, f"users/{MUTED_AUTHOR if k == 'muted' else AUTHOR}/works"),
    ),
    "download_epub": (BOTH, lambda w, r, k: _download(w, r, k, "epub") and _title(k)),
    "opds_private_acquisition": (
        BOTH,
        lambda w, r, k: (
            _file(Client().get(_catalog_path(w, r, f"download/{w['work'][k].pk}/x.epub", True)), "epub")
            and _title(k)
        ),
    ),
    # Sessionless: a feed reader carries no mute
    "tag_feed": (BOTH, lambda w, r, k: _page(w, r, _fandom_path("/feed.atom"))),
    "opds_public_recent": (BOTH, lambda w, r, k: _opds(w, r, "recent", False)),
    "opds_public_tag": (BOTH, lambda w, r, k: _opds(w, r, f"tags/{quote(FANDOM)}", False)),
}


@pytest.mark.parametrize("surface", list(MUTE_SURFACES))
@pytest.mark.parametrize("key", MUTE_KEYS)
@pytest.mark.parametrize("role", MUTE_ROLES)
def test_mute_matrix(world, db, role, key, surface):
    expected, fetch = MUTE_SURFACES[surface]
    should = role in expected[key]
    seen = _listed(fetch(world, role, key), key)
    whose = f"the muted writer's ({MUTED_AUTHOR})" if key == "muted" else f"{AUTHOR}'s"
    assert seen == should, f"{role} {'cannot see' if should else 'sees'} {whose} work on {surface}"


@pytest.mark.parametrize("path", ["", "/reviews"])
@pytest.mark.parametrize("role", ["guest", "reader", "muter"])
def test_the_muted_writers_review_is_gone_only_for_the_muter(world, db, role, path):
    page = _page(world, role, f"/works/{world['work']['general'].pk}{path}")
    assert _title("general") in page, f"{role} cannot open the General work's page{path}"
    should = role != "muter"
    assert (MUTED_REVIEW in page) == should, (
        f"{role} {'misses' if should else 'sees'} the muted writer's review on the General work's page{path}"
    )


# --- Block: the blocked reader may not review or reply on the blocker's works ---------------------------


def _review_form(world, role, key, body, parent=None):
    work = world["work"][key]
    chapter = work.chapters.first()
    data = {"body": body, "token": f"dimensions-{role}-{key}-{parent or 0}"}
    if parent:
        data["parent"] = parent
    return _client(world, role).post(f"/works/{work.pk}/chapters/{chapter.pk}/reviews", data)


def test_a_blocked_reader_cannot_review_the_blockers_work_and_keeps_what_they_typed(world, db):
    response = _review_form(world, "blocked", "general", "Blocked words Zephyrine.")
    page = response.content.decode()
    assert response.status_code == 400, (
        f"the blocked reader's review on {AUTHOR}'s work answered {response.status_code}"
    )
    assert "The writer has blocked you" in page, "the blocked reader is not told why the review was refused"
    assert "Zephyrine" in page, "the blocked reader's refused review lost what they typed"
    assert not Review.objects.filter(user=world["users"]["blocked"]).exists(), (
        "the blocked reader's review was saved"
    )


def test_a_blocked_reader_cannot_reply_on_the_blockers_work(world, db):
    review = Review.objects.get(work=world["work"]["general"], user=world["users"]["muted_author"])
    response = _review_form(world, "blocked", "general", "A blocked reply Zephyrine.", parent=review.pk)
    assert response.status_code == 400, (
        f"the blocked reader's reply on {AUTHOR}'s work answered {response.status_code}"
    )
    assert "The writer has blocked you" in response.content.decode()
    assert not Review.objects.filter(user=world["users"]["blocked"]).exists(), (
        "the blocked reader's reply was saved"
    )


def test_a_blocked_reader_still_reads_the_blockers_works_and_reviews_other_writers(world, db):
    assert _body("general") in _page(world, "blocked", f"/works/{world['work']['general'].pk}"), (
        f"the blocked reader cannot read {AUTHOR}'s work"
    )
    assert _title("general") in _page(world, "blocked", "/works"), (
        f"the blocked reader's /works misses {AUTHOR}'s work"
    )
    response = _review_form(world, "blocked", "muted", "Kind words Zephyrine.")
    assert response.status_code == 302, (
        f"the blocked reader's review of another writer answered {response.status_code}"
    )
    assert Review.objects.filter(user=world["users"]["blocked"], work=world["work"]["muted"]).exists()


def test_a_reader_nobody_blocked_reviews_the_same_work(world, db):
    response = _review_form(world, "reader", "general", "Lovely Zephyrine.")
    assert response.status_code == 302, f"reader's review on {AUTHOR}'s work answered {response.status_code}"
    assert Review.objects.filter(user=world["users"]["reader"], work=world["work"]["general"]).exists()


# --- Suspension: the writer's works stay up; the writer reads but does not write -----------------------

SUSPENDED_WORK_SURFACES = {
    "work_page": lambda w: _page(w, "guest", f"/works/{w['work']['suspended'].pk}"),
    "works_listing": lambda w: _page(w, "guest", "/works"),
    "author_works": lambda w: _page(w, "guest", f"/users/{SUSPENDED}/works"),
    "search": lambda w: _page(w, "guest", f"/works/search?q={WORD['suspended']}"),
    "opds_public_recent": lambda w: _opds(w, "guest", "recent", False),
    "api_detail": lambda w: _api(w, "guest", f"works/{w['work']['suspended'].pk}"),
    "download_epub": lambda w: _download(w, "guest", "suspended", "epub") and _title("suspended"),
}


@pytest.mark.parametrize("surface", list(SUSPENDED_WORK_SURFACES))
def test_a_suspended_writers_posted_work_stays_up(world, db, surface):
    assert _listed(SUSPENDED_WORK_SURFACES[surface](world), "suspended"), (
        f"a guest cannot see the suspended writer's posted work on {surface}"
    )


def test_a_suspended_writer_still_reads(world, db):
    assert _body("general") in _page(world, "suspended", f"/works/{world['work']['general'].pk}"), (
        "the suspended writer cannot read another writer's work"
    )
    assert _title("general") in _api(world, "suspended", "works"), (
        "the suspended writer's token lists no works"
    )


def _suspended_chapter_count(world) -> int:
    return Chapter.objects.filter(work=world["work"]["suspended"]).count()


@pytest.mark.parametrize("path", ["/works/new", "/works/{own}/edit", "/works/{own}/chapters/new"])
def test_a_suspended_writer_gets_the_notice_instead_of_the_writing_pages(world, db, path):
    path = path.format(own=world["work"]["suspended"].pk)
    response = _client(world, "suspended").get(path)
    assert response.status_code == 403, f"the suspended writer opened {path}: {response.status_code}"
    assert "Your account is suspended until" in response.content.decode()


def test_a_suspended_writer_cannot_add_a_chapter_on_the_web(world, db):
    work = world["work"]["suspended"]
    response = _client(world, "suspended").post(
        f"/works/{work.pk}/chapters/new", {"title": "More", "body": "More words.", "text_format": "plain"}
    )
    assert response.status_code == 403, f"the suspended writer's new chapter answered {response.status_code}"
    assert _suspended_chapter_count(world) == 2, "the suspended writer's chapter was saved"


def test_a_suspended_writer_cannot_delete_their_work_on_the_web(world, db):
    work = world["work"]["suspended"]
    response = _client(world, "suspended").post(f"/works/{work.pk}/delete")
    assert response.status_code == 403, (
        f"the suspended writer's work deletion answered {response.status_code}"
    )
    assert Work.objects.filter(pk=work.pk).exists(), "the suspended writer deleted their work"


def test_a_suspended_writer_cannot_delete_or_reorder_chapters_on_the_web(world, db):
    work = world["work"]["suspended"]
    first, second = work.chapters.order_by("position")
    client = _client(world, "suspended")
    response = client.post(f"/works/{work.pk}/chapters/{second.pk}/delete")
    assert response.status_code == 403, (
        f"the suspended writer's chapter deletion answered {response.status_code}"
    )
    assert _suspended_chapter_count(world) == 2, "the suspended writer deleted a chapter"
    response = client.post(
        f"/works/{work.pk}/chapters/manage", {f"position-{first.pk}": "2", f"position-{second.pk}": "1"}
    )
    assert response.status_code == 403, (
        f"the suspended writer's chapter reorder answered {response.status_code}"
    )
    first.refresh_from_db()
    assert first.position == 1, "the suspended writer reordered their chapters"


def test_a_suspended_writer_cannot_create_a_series_on_the_web(world, db):
    response = _client(world, "suspended").post("/series/new", {"title": "Suspended Series Vantor"})
    assert response.status_code == 403, f"the suspended writer's new series answered {response.status_code}"
    assert not Series.objects.filter(title="Suspended Series Vantor").exists(), (
        "the suspended writer made a series"
    )


def test_a_suspended_writer_cannot_review_or_leave_kudos(world, db):
    response = _review_form(world, "suspended", "general", "Suspended words Zephyrine.")
    assert response.status_code == 400, f"the suspended writer's review answered {response.status_code}"
    assert "Your account is suspended until" in response.content.decode()
    assert not Review.objects.filter(user=world["users"]["suspended"]).exists(), (
        "the suspended writer's review was saved"
    )
    _client(world, "suspended").post(f"/works/{world['work']['general'].pk}/kudos")
    assert not Kudos.objects.filter(user=world["users"]["suspended"]).exists(), (
        "the suspended writer's kudos was saved"
    )


def _assert_json_refusal(response, what):
    assert response.status_code == 403, f"the suspended writer's API {what} answered {response.status_code}"
    assert response["Content-Type"].startswith("application/json"), (
        f"the suspended writer's API {what} was refused with {response['Content-Type']}, not JSON"
    )
    assert "suspended" in response.json()["detail"], (
        f"the API {what}'s refusal does not say the account is suspended"
    )


def test_a_suspended_writers_api_token_cannot_post_a_work(world, db):
    payload = {
        "title": "Suspended new work",
        "rating": "general",
        "warnings": ["none_apply"],
        "fandoms": [FANDOM],
        "chapter": {"title": "One", "body": "<p>Words.</p>"},
        "post": True,
    }
    response = _api_response(world, "suspended", "works", "post", payload)
    _assert_json_refusal(response, "POST /works")
    assert not Work.objects.filter(title="Suspended new work").exists(), (
        "the suspended writer's work was saved"
    )


def test_a_suspended_writers_api_token_cannot_post_a_chapter(world, db):
    work = world["work"]["suspended"]
    payload = {"title": "More", "body": "<p>More.</p>", "post": True}
    response = _api_response(world, "suspended", f"works/{work.pk}/chapters", "post", payload)
    _assert_json_refusal(response, "POST /works/{id}/chapters")
    assert _suspended_chapter_count(world) == 2, "the suspended writer's chapter was saved through the API"


def test_a_suspended_writers_api_token_cannot_edit_a_chapter(world, db):
    chapter = world["work"]["suspended"].chapters.get(position=1)
    payload = {"title": "Changed", "body": "<p>Changed.</p>", "version": chapter.version}
    response = _api_response(
        world, "suspended", f"works/{chapter.work_id}/chapters/{chapter.pk}", "put", payload
    )
    _assert_json_refusal(response, "PUT /works/{id}/chapters/{id}")
    chapter.refresh_from_db()
    assert chapter.title == "One", "the suspended writer's chapter edit was saved through the API"


# --- Staff rank ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "status"), [("general", 200), ("hidden", 200), ("draft", 404)], ids=["public", "hidden", "draft"]
)
def test_the_moderation_page_of_a_work_reaches_public_and_hidden_works_not_drafts(world, db, key, status):
    response = _client(world, "moderator").get(f"/moderation/work/{world['work'][key].pk}")
    assert response.status_code == status, (
        f"a moderator opening /moderation/work/<the unreported {key} work> got {response.status_code}"
    )
    if status == 404:
        assert _title(key) not in response.content.decode(), "a moderator read the unreported draft's title"


def test_a_moderator_reaches_a_hidden_works_page(world, db):
    assert _body("hidden") in _page(world, "moderator", f"/works/{world['work']['hidden'].pk}"), (
        "the moderator cannot read the hidden work they must review"
    )


def _act_on(world, actor, target, kind):
    data = {"kind": kind, "reason": "Testing rank.", "confirmed": "on"}  # past the confirmation step
    if kind == ModerationAction.Kind.SUSPEND:
        data["until"] = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return _client(world, actor).post(f"/moderation/user/{world['users'][target].pk}", data)


def _standing(world, target) -> tuple:
    user = User.objects.filter(pk=world["users"][target].pk).first()
    return (user is not None, user and user.is_active, user and user.is_suspended)


@pytest.mark.parametrize("kind", ["ban", "suspend", "delete"])
@pytest.mark.parametrize("target", ["superuser", "other_moderator"])
def test_a_moderator_cannot_act_on_staff(world, db, target, kind):
    before = _standing(world, target)
    response = _act_on(world, "moderator", target, kind)
    assert _standing(world, target) == before, f"a moderator's {kind} changed the {target}'s account"
    assert response.status_code in (400, 403), (
        f"a moderator's {kind} of the {target} answered {response.status_code}"
    )
    page = response.content.decode().lower()
    assert "staff" in page or "superuser" in page, (
        f"a moderator's refused {kind} of the {target} does not say that only superusers act on staff"
    )
    assert not ModerationAction.objects.filter(kind=kind, affected_user=world["users"][target]).exists(), (
        f"a moderator's refused {kind} of the {target} was logged as done"
    )


@pytest.mark.parametrize("kind", ["ban", "suspend"])
def test_a_superuser_acts_on_a_moderator(world, db, kind):
    response = _act_on(world, "superuser", "other_moderator", kind)
    assert response.status_code == 302, (
        f"the superuser's {kind} of a moderator answered {response.status_code}"
    )
    exists, active, suspended = _standing(world, "other_moderator")
    assert exists and (not active if kind == "ban" else suspended), (
        f"the superuser's {kind} of a moderator did nothing"
    )


def test_a_moderator_acts_on_a_member(world, db):
    response = _act_on(world, "moderator", "reader", "ban")
    assert response.status_code == 302, f"a moderator's ban of a member answered {response.status_code}"
    assert not _standing(world, "reader")[1], "a moderator's ban left the member active"


# --- Catalog tokens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "recent", f"tags/{quote(FANDOM)}", "search?q=Galewick"])
def test_a_banned_members_catalog_is_gone(world, db, path):
    response = Client().get(_catalog_path(world, "banned", path, True))
    assert response.status_code == 404, f"the banned member's catalog /{path} answered {response.status_code}"


@pytest.mark.parametrize("path", ["", "recent"])
def test_a_reset_catalog_address_is_gone_and_the_new_one_works(world, db, path):
    retired = Client().get(f"/opds/u/{world['retired_key']}/{path}")
    assert retired.status_code == 404, (
        f"the reader's retired catalog address /{path} answered {retired.status_code}"
    )
    assert _listed(_opds(world, "reader", "recent", True), "general"), (
        "the reader's new catalog address lists nothing"
    )


def test_a_suspended_members_catalog_still_reads(world, db):
    assert _listed(_opds(world, "suspended", "recent", True), "general"), (
        "the suspended member's catalog lists nothing"
    )


@pytest.mark.parametrize("path", ["recent", f"tags/{quote(FANDOM)}", "search?q=Draftmere", "tags"])
@pytest.mark.parametrize("role", ["author", "reader"])
def test_no_catalog_lists_a_draft_not_even_its_writers(world, db, role, path):
    assert not _listed(_opds(world, role, path, True), "draft"), (
        f"{role}'s private catalog /{path} lists the draft"
    )


@pytest.mark.parametrize("role", ["author", "reader"])
def test_no_catalog_downloads_a_draft(world, db, role):
    draft = world["work"]["draft"]
    path = _catalog_path(world, role, f"download/{draft.pk}/x.epub", True)
    response = Client().get(path)
    assert response.status_code == 404, (
        f"{role}'s private catalog download of the draft answered {response.status_code}"
    )


def test_a_catalog_token_shows_its_own_members_view_only(world, db):
    """The muter's token hides the muted writer; the reader's, in the same catalog pages, does not."""
    assert not _listed(_opds(world, "muter", f"search?q={WORD['muted']}", True), "muted")
    assert _listed(_opds(world, "reader", f"search?q={WORD['muted']}", True), "muted")


# --- A tag only a draft uses --------------------------------------------------------------------------

UNSEEN_TAG_SEEN_BY = {"author", "moderator", "superuser"}


@pytest.mark.parametrize("key", ["draft", "hidden"])
@pytest.mark.parametrize("role", ["guest", "reader", "author", "moderator", "superuser"])
def test_a_tag_only_a_draft_or_hidden_work_uses_is_404_except_to_its_writer_and_staff(world, db, role, key):
    expected = 200 if role in UNSEEN_TAG_SEEN_BY else 404
    page = _client(world, role).get(f"/tags/{quote(_tag(key))}")
    assert page.status_code == expected, f"{role} opening the {key}-only tag's page got {page.status_code}"
    api = _api_response(world, role, f"tags/{quote(_tag(key))}")
    assert api.status_code == expected, f"{role} asking the API for the {key}-only tag got {api.status_code}"
    assert _title(key) not in page.content.decode() or role == "author", (
        f"{role} sees the {key} work on its tag's page"
    )
