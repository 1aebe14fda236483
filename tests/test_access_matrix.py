"""The access matrix: who sees which work on which surface (trust and safety).

Five roles (a guest, a reader, the author of all four works, another author, a moderator) × four works (posted,
restricted, draft, hidden by a moderator) × every surface a work can appear on. Each work has a distinctive word
in its title, summary and one tag, all four share a fandom; a cell passes when the word is in the response
exactly when the expected rule says the role may see the work there.

The rule (AO3's), with the judgement calls decided here:
- posted: everyone, everywhere.
- restricted: logged-in people on every page, listing, count, the API with their token and their private OPDS
  catalog; never guests, and never on the sessionless surfaces (Atom feeds, the public OPDS catalog), even for
  logged-in readers, because feed readers fetch those without a session.
- draft: only its author, on their own pages and with their own token. Nothing public, never in an OPDS
  catalog (not even the author's private one: e-readers get posted works), and never a notification.
- hidden by a moderator: its author (with the "Hidden by a moderator" notice) and, on the work itself only
  (work, chapter, entire work, navigate, reviews, downloads, the API's detail and chapters), the moderators, so
  they can review it. Moderators do NOT see hidden works in listings, search, facets, counts, series, their
  subscriptions or feeds (AO3 neither): the moderation queue is where they find them. Nobody is notified of a
  hidden work's news, and what they were told before it was hidden leaves their inbox and their digest.
- the author's own listings (Works, facets, tag counts, their profile, series, the API with their token, their
  private catalog for a hidden work) include their own drafts and hidden works, marked as such: it is their
  archive view, as `Work.objects.visible_to` has always defined it. Full-text search is the exception: only
  public works are indexed, so the author's draft and hidden work are not among their own search results
  (absent is never a leak).
- the writer's own tools (stats, edit) are the author's alone, moderators included.
- notifications (inbox and email) reach only the work's subscribers (reader, other author, moderator here); the
  author hears only the moderators' message that their work was hidden.
- a tag only a draft uses exists only for the draft's writer and staff: its name alone would tell what is being
  written; for everyone else, its page, its API entry and its feeds are 404. A canonical or synonym tag (the
  wranglers' vocabulary) always shows, with the count of works the reader may see.

"export" is the member's own "download my data" archive (quire/privacy): the row personal_export below.

Unrevealed (issue 22): a posted work in an unrevealed collection, a gift to the reader like the others, run by
a sixth role, the collection's maintainer (a member with no other part). Until the reveal its creator, its
recipient and the maintainer see it as any posted work, everywhere they look (listings, counts, search, the
API, their private catalog, their shelf); nobody else sees anything of it anywhere (the collection page shows
them a "Mystery work": tests/test_collections.py), moderators included, and nobody is told of it (the
subscribers' inbox and emails stay silent until the reveal).

Anonymous (issue 22): a posted, revealed work in an anonymous subcollection of the exchange (also run by the
maintainer), written by a member who is none of the roles (VEILED, the lead creator, named on no other work)
with the author as co-creator. The work itself is everyone's, as a posted one, on every surface; its creators
are named to nobody but themselves ("Anonymous (you: ...)") on the surfaces a session reaches, and to the
maintainer on the collection's management page only (AO3's "collection items management area": not on the
work, nor on the collection's page, so as to spoil nothing unasked); one output for every reader (feeds,
catalogs, downloads, search documents, messages) says "Anonymous" to its creators too. Lists of one writer's
works (the author's works, profile, pseud page, feed, series, the API's user works, a followed writer's
catalog) leave it out for everyone but its creators. A cell checks both the title (the work seen or not) and
the lead creator's name (NAMED below): the author's own name is on every page through the other works.

Every work is a gift to the reader (issue 21): their gifts page lists what each viewer may see listed, so a
gift never shows a draft, a hidden or a restricted work to someone who may not see it, the recipient
included; the author's own listings include their draft and hidden work, as everywhere.
"""

import io
import json
import re
import zipfile
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.accounts.models import EmailFrequency, User
from quire.api.services import create_token
from quire.collections import services as collections
from quire.collections.models import Collection
from quire.core.text import TextFormat
from quire.creators import services as creators
from quire.exports.naming import FORMATS, download_url
from quire.feedback.models import Bookmark
from quire.feedback.services import save_bookmark
from quire.feeds.models import CatalogToken
from quire.follows import announcements
from quire.follows.models import Notification
from quire.follows.services import send_daily_digests, subscribe
from quire.gifts.services import set_gifts
from quire.imports.models import ImportedRow, SourceArchive
from quire.moderation import services as moderation
from quire.moderation.models import ModerationAction, Mute, Target
from quire.news import services as news
from quire.privacy.models import DataExport
from quire.prompts import services as prompts
from quire.related.models import RelatedWork
from quire.series.services import SeriesFields, add_work, create_series
from quire.shelf.models import Reading
from quire.shelf.services import mark_for_later
from quire.works import services as works
from quire.works.models import Chapter, Work

ROLES = ["guest", "reader", "author", "other_author", "moderator", "maintainer"]
MEMBERS = {"reader", "author", "other_author", "moderator", "maintainer"}
STATES = ["posted", "restricted", "draft", "hidden", "unrevealed", "anonymous"]
# Distinctive words: no one is part of another, nor of any other text on the pages.
WORD = {
    "posted": "Alderwick",
    "restricted": "Brambleton",
    "draft": "Cindermoor",
    "hidden": "Duskhollow",
    "unrevealed": "Emberfold",
    "anonymous": "Foxglade",
}
COLLECTION = "matrix_exchange"
ANONYMOUS_COLLECTION = "matrix_masque"  # a subcollection of the exchange
VEILED = "thornquist"  # the anonymous work's lead creator: wherever this shows, its creators are named
FANDOM = "Matrix Fandom Quillon"
SERIES = "Saga of Vellacourt"
AUTHOR = "matrixauthor"
PRIVATE_BOOKMARKER = "matrixsecret"

# --- The expected rule -------------------------------------------------------------------------------

# Logged-in views of listings and counts (a session, an API token, a private catalog).
LISTED = {
    "posted": set(ROLES),
    "restricted": MEMBERS,
    "draft": {"author"},
    "hidden": {"author"},
    "unrevealed": {"author", "reader", "maintainer"},  # its creator, its recipient, the maintainer
    "anonymous": set(ROLES),
}
# The work itself: moderators also reach a hidden work, to review it.
DIRECT = {**LISTED, "hidden": {"author", "moderator"}}
# Feeds and the public catalog are fetched without a session: a guest's view for everyone.
SESSIONLESS = {
    "posted": set(ROLES),
    "restricted": set(),
    "draft": set(),
    "hidden": set(),
    "unrevealed": set(),
    "anonymous": set(ROLES),
}
# Search indexes public works only: the author's own draft and hidden work are not among their results.
SEARCHED = {**LISTED, "draft": set(), "hidden": set()}
# Only logged-in readers have a shelf, an inbox or a token.
OWN_SHELF = {state: roles - {"guest"} for state, roles in LISTED.items()}
SUBSCRIBERS = {"reader", "other_author", "moderator"}
INBOX = {
    "posted": SUBSCRIBERS,
    "restricted": SUBSCRIBERS,
    "draft": set(),
    "hidden": {"author"},
    "unrevealed": set(),
    "anonymous": SUBSCRIBERS,  # its chapter, "by Anonymous", to the work's subscribers
}
# Emails sent after the work was hidden: chapter news and the daily digest. The author's email about the
# hiding comes from the moderators and names the work.
EMAILED = {
    "posted": SUBSCRIBERS,
    "restricted": SUBSCRIBERS,
    "draft": set(),
    "hidden": {"author"},
    "unrevealed": set(),
    # The other author's daily digest holds yesterday's news, the new work of a writer they follow: the
    # anonymous work is no news of its writer's; its chapter reaches the others at once, "by Anonymous".
    "anonymous": SUBSCRIBERS - {"other_author"},
}
# The posted work's "Part N of" box links to the neighbours the reader may see. The series is restricted,
# anonymous, hidden, posted, draft, unrevealed: for the author the hidden work stands between the anonymous
# one and the posted one, and the draft between the posted one and the unrevealed one; for everyone else the
# anonymous part is no part of the series (it would name its writer), so the restricted one comes before.
SERIES_NAV = {
    **LISTED,
    "posted": set(ROLES),
    "restricted": MEMBERS - {"author"},
    "unrevealed": {"reader", "maintainer"},
    "anonymous": set(),
}
# The writer's own tools: nobody else, moderators included.
OWNER = {state: {"author"} for state in STATES}
# A private OPDS catalog: its member's view of posted works (no drafts, even the member's own).
CATALOG = {**OWN_SHELF, "draft": set()}
# The exchange holds the unrevealed work, and its anonymous subcollection the anonymous one.
IN_COLLECTION = {state: LISTED[state] if state in ("unrevealed", "anonymous") else set() for state in STATES}
# The collections' management pages (their maintainer's alone) list what is in them.
MANAGED = {state: {"maintainer"} if state in ("unrevealed", "anonymous") else set() for state in STATES}


def _by_writer(expected: dict) -> dict:
    """A list of one writer's works (theirs, their pseud's, their series, their feed, a catalog of the writers
    a reader follows): the anonymous work only to its creators, or the list would name them."""
    return {**expected, "anonymous": expected["anonymous"] & {"author"}}


# --- The world ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; each test runs in a savepoint."""
    scratch = tmp_path_factory.mktemp("matrix")
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


def _build_world() -> dict:
    users = {
        "reader": UserFactory(username="matrixreader"),
        "author": UserFactory(username=AUTHOR),
        "other_author": UserFactory(username="otherauthor"),
        "moderator": UserFactory(username="matrixmod"),
        "maintainer": UserFactory(username="matrixmaint"),
    }
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    User.objects.filter(pk=users["other_author"].pk).update(email_notifications=EmailFrequency.DAILY)
    author = users["author"]
    make_work(users["other_author"], title="Unrelated Other Story", fandoms=(FANDOM,))
    for role in SUBSCRIBERS:
        subscribe(user=users[role], author=author)

    # The anonymous work's lead creator is no role; the author is its co-creator.
    veiled = UserFactory(username=VEILED)
    work = {
        state: make_work(
            veiled if state == "anonymous" else author,
            title=f"{WORD[state]} Story",
            summary=f"About {WORD[state]}.",
            fandoms=(FANDOM,),
            tags=(f"{WORD[state]} Motif",),
            posted=state != "draft",
            restricted=state == "restricted",
        )
        for state in STATES
    }
    invitation = creators.invite_creator(thing=work["anonymous"], pseud=author.default_pseud, inviter=veiled)
    creators.accept_invitation(creatorship=invitation, user=author)
    for state in STATES:
        set_gifts(work=work[state], user=author, names=[users["reader"].username])
    exchange = collections.create_collection(
        user=users["maintainer"],
        fields=collections.CollectionFields(name=COLLECTION, title="Matrix Exchange", is_unrevealed=True),
    )
    collections.add_work(collection=exchange, work=work["unrevealed"], user=author)
    masque = collections.create_collection(
        user=users["maintainer"],
        fields=collections.CollectionFields(
            name=ANONYMOUS_COLLECTION, title="Matrix Masque", is_anonymous=True, parent=exchange
        ),
    )
    collections.add_work(collection=masque, work=work["anonymous"], user=author)
    series = create_series(creator=author, fields=SeriesFields(title=SERIES))
    for state in ["restricted", "anonymous", "hidden", "posted", "draft", "unrevealed"]:
        add_work(series=series, work=work[state], user=author)
    now = timezone.now()
    for role, user in users.items():
        for state in STATES:
            if role in SUBSCRIBERS:
                subscribe(user=user, work=work[state])
            mark_for_later(user=user, work=work[state])
            Reading.objects.create(user=user, work=work[state], first_opened_at=now, last_opened_at=now)
    # The anonymous work's bookmark first, so the oldest (see pseud_page_bookmarks).
    for state in ["anonymous", *STATES[:-1]]:
        save_bookmark(user=users["reader"], work=work[state], note="Lovely.")
    # Someone who is none of the roles keeps private bookmarks of all four: no one else ever sees them.
    private_bookmarker = UserFactory(username=PRIVATE_BOOKMARKER)
    for state in STATES:
        save_bookmark(user=private_bookmarker, work=work[state], private=True)

    run_worker()  # new-work news for the three posted works, and its immediate emails
    emails_before_hiding = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the author's email leaves after the commit
        moderation.act(
            moderator=users["moderator"],
            subject=moderation.Subject(Target.WORK, work["hidden"]),
            kind=ModerationAction.Kind.HIDE,
            reason="Reported for review.",
        )
    # Yesterday's news waits for the daily digest, which is sent after the work was hidden.
    Notification.objects.update(created_at=now - timedelta(days=1))
    for state in STATES:
        works.add_chapter(
            work=work[state],
            user=work[state].author,
            fields=works.ChapterFields(
                title="Second", body=f"More of {WORD[state]}.", text_format=TextFormat.PLAIN
            ),
            post=True,
        )
    # The draft's chapter is not posted, so nothing was queued; a stray task for it must still tell no one.
    announcements.announce_chapter(Chapter.objects.filter(work=work["draft"]).last().pk)
    run_worker()
    send_daily_digests()
    emails = [
        (message.to, f"{message.subject}\n{message.body}") for message in mail.outbox[emails_before_hiding:]
    ]

    related = _relate(work, users["other_author"])
    # The six came from an eFiction archive (quire.imports): story N is the Nth state, so each has old links.
    efiction = SourceArchive.objects.create(key="matrix-efiction")
    for number, state in enumerate(STATES, start=1):
        ImportedRow.objects.create(
            archive=efiction,
            table="stories",
            source_id=str(number),
            content_type=ContentType.objects.get_for_model(Work),
            object_id=work[state].pk,
        )
    tokens = {role: create_token(user=user, name="matrix")[1] for role, user in users.items()}
    catalogs = {role: CatalogToken.objects.get_or_create(user=user)[0].key for role, user in users.items()}
    for state in STATES:
        work[state].refresh_from_db()
    return {
        "users": users,
        "work": work,
        "series": series,
        "tokens": tokens,
        "catalogs": catalogs,
        "emails": emails,
        "related": related,
        "cache": {},
    }


def _relate(work, other_author) -> dict:
    """Related works, made as they stand (whatever the states changed since, and telling nobody): the other
    author's posted works name each of the four, approved or not; and each of the four names the other
    author's posted works, which list them (inspired, translation) or not. Old, so listings' first pages
    still hold the four; titles without the four's words."""
    posted = lambda title: make_work(other_author, title=title, age_days=30)  # noqa: E731
    parents = {name: posted(f"Matrix Parent {name}") for name in ("listed", "unlisted", "translated")}
    children = {}
    for state in STATES:
        for approved in (True, False):
            child = children[(state, approved)] = posted(f"Matrix Child {state[0]}{int(approved)}")
            RelatedWork.objects.create(work=child, parent=work[state], kind="inspired", approved=approved)
        RelatedWork.objects.create(work=work[state], parent=parents["listed"], kind="podfic", approved=True)
        RelatedWork.objects.create(work=work[state], parent=parents["unlisted"], kind="remix")
        RelatedWork.objects.create(
            work=work[state], parent=parents["translated"], kind="translation", approved=True
        )
    return {"parents": parents, "children": children}


def _client(world, role) -> Client:
    client = Client()
    if role != "guest":
        client.force_login(world["users"][role])
    return client


def _text(response) -> str:
    if response.status_code != 200:
        return ""
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode()


def _page(world, role, path) -> str:
    return _text(_client(world, role).get(path))


def _shared(world, role, key, fetch) -> str:
    """Pages that list all four works are fetched once per role."""
    cache = world["cache"]
    if (key, role) not in cache:
        cache[(key, role)] = fetch()
    return cache[(key, role)]


def _api(world, role, path) -> str:
    headers = {} if role == "guest" else {"Authorization": f"Bearer {world['tokens'][role]}"}
    return _text(Client().get(f"/api/v1/{path}", headers=headers))


def _api_json(world, role, path) -> dict:
    text = _api(world, role, path)
    return json.loads(text) if text else {}


def _opds(world, role, path, private) -> str:
    if not private:
        return _page(world, role, f"/opds/{path}")  # the public catalog: the session is ignored
    if role == "guest":
        return ""  # a guest has no private catalog
    return _text(Client().get(f"/opds/u/{world['catalogs'][role]}/{path}"))


def _without_add_form(html: str) -> str:
    # The "Add your work or bookmark" form offers a member their own works and bookmarks, whatever is listed.
    return re.sub(r'<details class="collection-add">.*?</details>', "", html, flags=re.S)


def _facets(html: str) -> str:
    found = re.search(r'<aside class="filters".*?</aside>', html, re.S)
    return found.group(0) if found else ""


def _download(world, role, work, ext) -> str:
    response = _client(world, role).get(download_url(work, ext))
    if response.status_code == 202:
        # A file the worker builds (every Kindle one): its progress page, which names the work, stands for it.
        return response.content.decode()
    if response.status_code != 200 or not hasattr(response, "streaming_content"):
        return ""
    content = b"".join(response.streaming_content)
    if ext == "epub":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    if ext == "pdf":
        # The PDF's text is compressed: a delivered file stands for the work, with the title in its metadata.
        return f"{work.title}" if content.startswith(b"%PDF") else ""
    return content.decode("utf-8", "replace")


def _sid(state: str) -> int:
    return STATES.index(state) + 1


def _old_link(world, role, state, path) -> str:
    """An eFiction address: any redirect stands for the work (it tells the work exists, and where it went);
    any answer but a redirect or the 404 of an address never imported (a 403, a login page, a 500) also tells
    something, so it counts as seen too."""
    response = _client(world, role).get(path)
    if response.status_code in (301, 302):
        return f"{WORD[state]} Story at {response['Location']}"
    if response.status_code != 404:
        return f"{WORD[state]} Story answered {response.status_code}"
    return _text(response)


def _fandom_path(suffix=""):
    return f"/tags/{quote(FANDOM)}{suffix}"


def _seen(text: str, state: str) -> bool:
    # The title or the distinctive tag: a search page repeats the bare word it was asked for.
    return f"{WORD[state]} Story" in text or f"{WORD[state]} Motif" in text


# Each surface: (expected rule, fetch(world, role, state) -> the text that shows the work or not).
SURFACES = {
    # The work itself
    "work_page": (DIRECT, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}")),
    "chapter_page": (
        DIRECT,
        lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/chapters/{w['work'][s].chapters.first().pk}"),
    ),
    "entire_work": (DIRECT, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}?view_full_work=true")),
    "work_stats": (OWNER, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/stats")),
    "work_edit": (OWNER, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/edit")),
    "reviews_page": (DIRECT, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/reviews")),
    "navigate": (DIRECT, lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/navigate")),
    # Listings
    "home": (LISTED, lambda w, r, s: _shared(w, r, "home", lambda: _page(w, r, "/"))),
    "works_listing": (LISTED, lambda w, r, s: _shared(w, r, "works", lambda: _page(w, r, "/works"))),
    "tag_works": (
        LISTED,
        lambda w, r, s: _shared(w, r, "tag_works", lambda: _page(w, r, _fandom_path("/works"))),
    ),
    "author_works": (
        _by_writer(LISTED),
        lambda w, r, s: _shared(w, r, "author_works", lambda: _page(w, r, f"/users/{AUTHOR}/works")),
    ),
    "author_profile": (
        _by_writer(LISTED),
        lambda w, r, s: _shared(w, r, "profile", lambda: _page(w, r, f"/users/{AUTHOR}")),
    ),
    "search": (SEARCHED, lambda w, r, s: _page(w, r, f"/works/search?q={WORD[s]}")),
    "facets": (
        LISTED,
        lambda w, r, s: _shared(w, r, "facets", lambda: _facets(_page(w, r, _fandom_path("/works")))),
    ),
    "tag_page_count": (
        LISTED,
        lambda w, r, s: (
            f"{WORD[s]} Story" if "1 work in" in _page(w, r, f"/tags/{quote(WORD[s] + ' Motif')}") else ""
        ),
    ),
    "series_page": (
        _by_writer(LISTED),
        lambda w, r, s: _shared(w, r, "series", lambda: _page(w, r, f"/series/{w['series'].pk}")),
    ),
    "series_part_links": (
        SERIES_NAV,
        lambda w, r, s: (
            f"{WORD[s]} Story"
            if (SERIES if s == "posted" else f'href="/works/{w["work"][s].pk}"')
            in _page(w, r, f"/works/{w['work']['posted'].pk}")
            else ""
        ),
    ),
    "bookmarks_listing": (
        LISTED,
        lambda w, r, s: _shared(w, r, "bookmarks", lambda: _page(w, r, "/users/matrixreader/bookmarks")),
    ),
    # Pseud pages: the author's pseud lists its works; the reader's lists their public bookmarks (of works
    # this viewer may see listed); a private bookmark is on no pseud page, whoever looks.
    "pseud_page_works": (
        _by_writer(LISTED),
        lambda w, r, s: _shared(w, r, "pseud_works", lambda: _page(w, r, f"/users/{AUTHOR}/pseuds/{AUTHOR}")),
    ),
    # The page shows the five latest: the author, who may see all six, finds the oldest (the anonymous work's)
    # on the pseud's bookmarks page below.
    "pseud_page_bookmarks": (
        {**LISTED, "anonymous": LISTED["anonymous"] - {"author"}},
        lambda w, r, s: _shared(
            w, r, "pseud_bookmarks", lambda: _page(w, r, "/users/matrixreader/pseuds/matrixreader")
        ),
    ),
    "pseud_bookmarks_page": (
        LISTED,
        lambda w, r, s: _shared(
            w,
            r,
            "pseud_all_bookmarks",
            lambda: _page(w, r, "/users/matrixreader/pseuds/matrixreader/bookmarks"),
        ),
    ),
    "pseud_private_bookmarks": (
        {state: set() for state in STATES},
        lambda w, r, s: _shared(
            w,
            r,
            "pseud_private",
            lambda: (
                _page(w, r, f"/users/{PRIVATE_BOOKMARKER}/pseuds/{PRIVATE_BOOKMARKER}")
                + _page(w, r, f"/users/{PRIVATE_BOOKMARKER}/pseuds/{PRIVATE_BOOKMARKER}/bookmarks")
            ),
        ),
    ),
    # Gifts: every work is a gift to the reader; their gifts page is a listing like any other
    "gifts_page": (
        LISTED,
        lambda w, r, s: _shared(w, r, "gifts", lambda: _page(w, r, "/users/matrixreader/gifts")),
    ),
    # The reader's own shelf (each member marked and opened all four works while they could)
    "reading_history": (
        OWN_SHELF,
        lambda w, r, s: "" if r == "guest" else _page(w, r, f"/users/{w['users'][r].username}/readings"),
    ),
    "marked_for_later": (
        OWN_SHELF,
        lambda w, r, s: (
            "" if r == "guest" else _page(w, r, f"/users/{w['users'][r].username}/readings?show=to-read")
        ),
    ),
    # Atom feeds
    "tag_feed": (SESSIONLESS, lambda w, r, s: _page(w, r, _fandom_path("/feed.atom"))),
    # A guest's view for everyone: not even its creators find the anonymous work in their own feed.
    "author_feed": (
        {**SESSIONLESS, "anonymous": set()},
        lambda w, r, s: _page(w, r, f"/users/{AUTHOR}/works/feed.atom"),
    ),
    "work_chapters_feed": (
        SESSIONLESS,
        lambda w, r, s: _page(w, r, f"/works/{w['work'][s].pk}/chapters/feed.atom"),
    ),
    # OPDS
    "opds_public_recent": (SESSIONLESS, lambda w, r, s: _opds(w, r, "recent", False)),
    "opds_public_tag": (SESSIONLESS, lambda w, r, s: _opds(w, r, f"tags/{quote(FANDOM)}", False)),
    "opds_public_search": (SESSIONLESS, lambda w, r, s: _opds(w, r, f"search?q={WORD[s]}", False)),
    "opds_public_tag_counts": (SESSIONLESS, lambda w, r, s: _opds(w, r, "tags", False)),
    "opds_private_recent": (CATALOG, lambda w, r, s: _opds(w, r, "recent", True)),
    "opds_private_tag": (CATALOG, lambda w, r, s: _opds(w, r, f"tags/{quote(FANDOM)}", True)),
    "opds_private_tag_counts": (CATALOG, lambda w, r, s: _opds(w, r, "tags", True)),
    "opds_private_search": (
        {**CATALOG, "hidden": set()},
        lambda w, r, s: _opds(w, r, f"search?q={WORD[s]}", True),
    ),
    "opds_private_following": (
        {state: roles & SUBSCRIBERS for state, roles in CATALOG.items()},
        lambda w, r, s: _opds(w, r, "following", True),
    ),
    "opds_private_authors": (
        _by_writer({state: roles & SUBSCRIBERS for state, roles in CATALOG.items()}),
        lambda w, r, s: _opds(w, r, "authors", True),
    ),
    "opds_private_bookmarks": (
        {state: roles & {"reader"} for state, roles in CATALOG.items()},
        lambda w, r, s: _opds(w, r, "bookmarks", True),
    ),
    "opds_private_download": (
        CATALOG,
        lambda w, r, s: (
            _opds(
                w, r, f"download/{w['work'][s].pk}/{download_url(w['work'][s], 'epub').split('/')[-1]}", True
            )
            and f"{WORD[s]} Story"
        ),
    ),
    # The JSON API (a guest has no token; everyone else uses their own)
    "api_list": (LISTED, lambda w, r, s: _shared(w, r, "api_list", lambda: _api(w, r, "works"))),
    "api_search": (SEARCHED, lambda w, r, s: _api(w, r, f"works/search?q={WORD[s]}")),
    "api_detail": (DIRECT, lambda w, r, s: _api(w, r, f"works/{w['work'][s].pk}")),
    "api_chapters": (
        DIRECT,
        lambda w, r, s: _api(w, r, f"works/{w['work'][s].pk}/chapters") and f"{WORD[s]} Story",
    ),
    "api_chapter_text": (
        DIRECT,
        lambda w, r, s: (
            _api(w, r, f"works/{w['work'][s].pk}/chapters/{w['work'][s].chapters.first().pk}")
            and f"{WORD[s]} Story"
        ),
    ),
    "api_tag_works": (LISTED, lambda w, r, s: _api(w, r, f"tags/{quote(FANDOM)}/works")),
    "api_user_works": (_by_writer(LISTED), lambda w, r, s: _api(w, r, f"users/{AUTHOR}/works")),
    "api_tag_count": (
        LISTED,
        lambda w, r, s: (
            f"{WORD[s]} Story" if _api_json(w, r, f"tags/{quote(WORD[s] + ' Motif')}").get("works") else ""
        ),
    ),
    # Downloads, every format
    **{
        f"download_{ext}": (DIRECT, lambda w, r, s, ext=ext: _download(w, r, w["work"][s], ext))
        for ext in FORMATS
    },
    # Notifications
    "inbox": (INBOX, lambda w, r, s: "" if r == "guest" else _page(w, r, "/inbox")),
    "subscriptions_page": (
        {state: roles & SUBSCRIBERS for state, roles in LISTED.items()},
        lambda w, r, s: "" if r == "guest" else _page(w, r, "/account/subscriptions"),
    ),
    "emails_after_hiding": (
        EMAILED,
        lambda w, r, s: (
            "" if r == "guest" else "\n".join(text for to, text in w["emails"] if w["users"][r].email in to)
        ),
    ),
    # Related works: a link names a work to whoever may see it listed; a download, shared by all, as a guest
    "related_parent_on_child": (
        LISTED,
        lambda w, r, s: _page(w, r, f"/works/{w['related']['children'][(s, True)].pk}"),
    ),
    "related_parent_on_child_not_approved": (
        LISTED,
        lambda w, r, s: _page(w, r, f"/works/{w['related']['children'][(s, False)].pk}"),
    ),
    "related_children_on_parent": (
        LISTED,
        lambda w, r, s: _shared(
            w, r, "rel_listed", lambda: _page(w, r, f"/works/{w['related']['parents']['listed'].pk}")
        ),
    ),
    "related_translations_on_parent": (
        LISTED,
        lambda w, r, s: _shared(
            w, r, "rel_translated", lambda: _page(w, r, f"/works/{w['related']['parents']['translated'].pk}")
        ),
    ),
    "related_children_on_parent_not_approved": (
        {state: set() for state in STATES},
        lambda w, r, s: _shared(
            w, r, "rel_unlisted", lambda: _page(w, r, f"/works/{w['related']['parents']['unlisted'].pk}")
        ),
    ),
    "related_api_parent": (
        LISTED,
        lambda w, r, s: _api(w, r, f"works/{w['related']['children'][(s, True)].pk}"),
    ),
    "related_api_children": (
        LISTED,
        lambda w, r, s: _shared(
            w, r, "rel_api", lambda: _api(w, r, f"works/{w['related']['parents']['translated'].pk}")
        ),
    ),
    "related_download_parent": (
        SESSIONLESS,
        lambda w, r, s: _download(w, r, w["related"]["children"][(s, True)], "txt"),
    ),
    # eFiction's old addresses (quire.imports): a redirect tells the work exists and where it went, so it is
    # for those who may open the work itself; everyone else gets the 404 of an address never imported.
    "old_link_story": (DIRECT, lambda w, r, s: _old_link(w, r, s, f"/viewstory.php?sid={_sid(s)}")),
    "old_link_chapter": (
        DIRECT,
        lambda w, r, s: _old_link(w, r, s, f"/viewstory.php?sid={_sid(s)}&chapter=1"),
    ),
    "old_link_reviews": (
        DIRECT,
        lambda w, r, s: _old_link(w, r, s, f"/reviews.php?type=ST&item={_sid(s)}"),
    ),
    # The exchange (the unrevealed work, and the anonymous one in its subcollection): its page, its feed, its
    # catalog entries; a feed and a public catalog are sessionless, so the unrevealed work is in neither
    "collection_page": (
        IN_COLLECTION,
        lambda w, r, s: _shared(
            w, r, "collection", lambda: _without_add_form(_page(w, r, f"/collections/{COLLECTION}"))
        ),
    ),
    "collection_feed": (
        {state: roles & IN_COLLECTION[state] for state, roles in SESSIONLESS.items()},
        lambda w, r, s: _page(w, r, f"/collections/{COLLECTION}/works.atom"),
    ),
    "opds_public_collection": (
        {state: roles & IN_COLLECTION[state] for state, roles in SESSIONLESS.items()},
        lambda w, r, s: _opds(w, r, f"collections/{COLLECTION}", False),
    ),
    "opds_private_collection": (
        {state: roles & IN_COLLECTION[state] for state, roles in CATALOG.items()},
        lambda w, r, s: _opds(w, r, f"collections/{COLLECTION}", True),
    ),
    # The maintainers' pages of both collections, with what each holds
    "collection_manage": (
        MANAGED,
        lambda w, r, s: _shared(
            w,
            r,
            "manage",
            lambda: "".join(
                _page(w, r, f"/collections/{name}/manage") for name in (COLLECTION, ANONYMOUS_COLLECTION)
            ),
        ),
    ),
}

# Who reads the anonymous work's creators' names, where (everyone else reads "Anonymous"): its creators
# ("Anonymous (you: ...)") wherever their session is the viewer and a byline is shown, never in what is one
# output for every reader (feeds, catalogs, downloads, messages); the maintainer ("Anonymous (creator: ...)")
# on the collection's management page alone.
NAMED = {
    **dict.fromkeys(
        [
            *("work_page", "chapter_page", "entire_work", "navigate", "work_edit"),
            *("home", "works_listing", "tag_works", "author_works", "author_profile", "search"),
            *("series_page", "collection_page"),
            *("bookmarks_listing", "pseud_page_works", "pseud_bookmarks_page"),
            *("gifts_page", "reading_history", "marked_for_later", "personal_export"),
            *("api_list", "api_search", "api_detail", "api_tag_works", "api_user_works"),
            *("related_parent_on_child", "related_parent_on_child_not_approved", "related_api_parent"),
            *("related_children_on_parent", "related_translations_on_parent", "related_api_children"),
            *("api_collection_works", "api_collection_bookmarks", "api_prompt_fills"),
        ],
        {"author"},
    ),
    "collection_manage": {"maintainer"},
}


def _personal_export(world, role) -> str:
    """Role's own "download my data" archive, through its page: the manifest and every file, as text."""
    if role == "guest":
        return ""
    client = _client(world, role)
    client.post(reverse("privacy:data_export"))
    export = DataExport.objects.get(user=world["users"][role])
    response = client.get(reverse("privacy:data_download", args=[export.key]))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


# A member's export holds their own works in every state, and names other people's works (bookmarks,
# readings, subscriptions, kudos) only while the member may still read them.
SURFACES["personal_export"] = (
    OWN_SHELF,
    lambda w, r, s: _shared(w, r, "personal_export", lambda: _personal_export(w, r)),
)


# --- The API's collections and prompt memes -------------------------------------------------------------
# The collection holds the unrevealed work alone: its works are IN_COLLECTION, and everyone else counts it as
# a mystery. Its bookmarks (the reader's of all five works, added for the fetch) and a prompt's fills (a work
# of each state fills one prompt of a meme in another collection) show the works each role may see listed.


def _in_savepoint(build, fetch) -> str:
    with transaction.atomic():
        build()
        text = fetch()
        transaction.set_rollback(True)
    return text


def _api_collection_bookmarks(w, r) -> str:
    def build():
        exchange = Collection.objects.get(name=COLLECTION)
        for bookmark in Bookmark.objects.filter(user=w["users"]["reader"]):
            collections.add_bookmark(collection=exchange, bookmark=bookmark, user=w["users"]["reader"])

    return _in_savepoint(build, lambda: _api(w, r, f"collections/{COLLECTION}/bookmarks"))


def _api_prompt_fills(w, r) -> str:
    found = {}

    def build():
        meme_home = collections.create_collection(
            user=w["users"]["maintainer"],
            fields=collections.CollectionFields(name="matrix_meme", title="Meme"),
        )
        meme = prompts.set_up_prompt_meme(
            collection=meme_home, user=w["users"]["maintainer"], fields=prompts.PromptMemeFields()
        )
        prompt = prompts.post_prompt(
            meme=meme, user=w["users"]["other_author"], fields=prompts.PromptFields(description="Anything.")
        )
        for state in STATES:
            prompts.fill_prompt(prompt=prompt, work=w["work"][state], user=w["users"]["author"])
        found["path"] = f"collections/matrix_meme/prompts/{prompt.pk}"

    return _in_savepoint(build, lambda: _api(w, r, found["path"]))


def _mystery(text: str, state: str) -> str:
    # The count stands for the collection's one (unrevealed) work.
    return (
        f"{WORD[state]} Story"
        if state == "unrevealed" and json.loads(text or "{}").get("mystery_works")
        else ""
    )


SURFACES.update(
    {
        "api_collection_works": (
            IN_COLLECTION,
            lambda w, r, s: _shared(w, r, "api_coll", lambda: _api(w, r, f"collections/{COLLECTION}/works")),
        ),
        "api_collection_mystery": (
            {state: set(ROLES) - LISTED[state] if state == "unrevealed" else set() for state in STATES},
            lambda w, r, s: _mystery(_api(w, r, f"collections/{COLLECTION}/works"), s),
        ),
        "api_collection_bookmarks": (
            LISTED,
            lambda w, r, s: _shared(w, r, "api_coll_bm", lambda: _api_collection_bookmarks(w, r)),
        ),
        "api_prompt_fills": (
            LISTED,
            lambda w, r, s: _shared(w, r, "api_fills", lambda: _api_prompt_fills(w, r)),
        ),
    }
)


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, db, role, state, surface):
    expected, fetch = SURFACES[surface]
    should_see = role in expected[state]
    text = fetch(world, role, state)
    seen = _seen(text, state)
    assert seen == should_see, (
        f"{role} {'cannot see' if should_see else 'sees'} the {state} work on {surface}"
    )
    if state == "anonymous":
        should_name = role in NAMED.get(surface, set())
        assert (VEILED in text.lower()) == should_name, (
            f"{role} {'is not told' if should_name else 'is told'} who wrote the anonymous work on {surface}"
        )


def test_a_hidden_work_tells_its_author_and_the_moderators_why_they_still_see_it(world, db):
    path = f"/works/{world['work']['hidden'].pk}"
    for role in ("author", "moderator"):
        assert "Hidden by a moderator." in _page(world, role, path), role
    assert "Hidden by a moderator." not in _page(world, "author", f"/works/{world['work']['posted'].pk}")


# The shared fandom holds the four works and one posted work by the other author.
FANDOM_COUNT = {role: 1 + sum(role in LISTED[state] for state in STATES) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_the_shared_fandoms_counts_add_up_to_what_the_role_may_see(world, db, role):
    expected = FANDOM_COUNT[role]
    listing = _facets(_page(world, role, "/works"))
    assert f'{FANDOM} <span class="count">({expected})</span>' in listing
    plural = "work" if expected == 1 else "works"
    assert f"{expected} {plural} in {FANDOM}" in _page(world, role, _fandom_path())
    assert _api_json(world, role, f"tags/{quote(FANDOM)}")["works"] == expected
    # The public catalog is sessionless: a guest's count, whoever asks; the private one is the member's.
    assert _catalog_count(_opds(world, role, "tags", False)) == FANDOM_COUNT["guest"]
    if role != "guest":
        in_catalog = 1 + sum(role in CATALOG[state] for state in STATES)
        assert _catalog_count(_opds(world, role, "tags", True)) == in_catalog


@pytest.mark.parametrize("role", ROLES)
def test_a_tag_only_a_draft_uses_exists_only_for_its_writer_and_staff(world, db, role):
    # Its name, typed on a draft, would otherwise tell that someone is writing it (issue 16, hole 6).
    name = quote(WORD["draft"] + " Motif")
    knows = role in {"author", "moderator"}
    page = _client(world, role).get(f"/tags/{name}")
    assert page.status_code == (200 if knows else 404), role
    assert WORD["draft"] + " Story" not in _text(page)
    headers = {} if role == "guest" else {"Authorization": f"Bearer {world['tokens'][role]}"}
    assert Client().get(f"/api/v1/tags/{name}", headers=headers).status_code == (200 if knows else 404)
    for feed in (f"/tags/{name}/feed.atom", f"/opds/tags/{name}"):
        assert _client(world, role).get(feed).status_code == 404, (role, feed)


def _catalog_count(feed: str) -> int:
    entry = next(e for e in feed.split("<entry>") if f"<title>{FANDOM}</title>" in e)
    return int(re.search(r'thr:count="(\d+)"', entry).group(1))


# --- Co-creator invitations (quire.creators) ----------------------------------------------------------
# A draft with a creator, an accepted co-creator and a member invited who has not answered. Only the invitee
# sees the Accept / Decline buttons and may answer; only accepted creators edit, manage its creators, see the
# draft and withdraw the invitation. Everyone else gets the same 404 as for a work that does not exist.

INVITE_ROLES = ["guest", "reader", "author", "co_creator", "invitee", "moderator"]
CREATORS = {"author", "co_creator"}
INVITATION_SURFACES = {
    "inbox_buttons": {"invitee"},
    "accept": {"invitee"},
    "withdraw": CREATORS,
    "edit_work": CREATORS,
    "creators_page": CREATORS,
    "draft_page": CREATORS,
    "pending_listed_for_creators": CREATORS,
}


@pytest.fixture(scope="module")
def invitations(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        users = {role: UserFactory(username=f"inv{role.replace('_', '')}") for role in INVITE_ROLES[1:]}
        users["moderator"].groups.add(Group.objects.get_or_create(name="Moderators")[0])
        work = make_work(users["author"], posted=False, title="Inkwright Draft")
        accepted = creators.invite_creator(
            thing=work, pseud=users["co_creator"].default_pseud, inviter=users["author"]
        )
        creators.accept_invitation(creatorship=accepted, user=users["co_creator"])
        pending = creators.invite_creator(
            thing=work, pseud=users["invitee"].default_pseud, inviter=users["author"]
        )
        yield {"users": users, "work": work, "pending": pending}
        transaction.set_rollback(True)


def _invitation_client(invitations, role) -> Client:
    client = Client()
    if role != "guest":
        client.force_login(invitations["users"][role])
    return client


def _invitation_allowed(invitations, role, surface) -> bool:
    client, work, pending = _invitation_client(invitations, role), invitations["work"], invitations["pending"]
    if surface == "inbox_buttons":
        return f"/invitations/{pending.pk}/accept" in _text(client.get("/inbox"))
    if surface in ("accept", "withdraw"):
        from quire.creators.models import Creatorship

        # Inside a savepoint, so the answer is undone for the next cell.
        with transaction.atomic():
            client.post(f"/invitations/{pending.pk}/{surface}")
            left = Creatorship.objects.filter(pk=pending.pk, accepted_at__isnull=True).exists()
            transaction.set_rollback(True)
        return not left
    if surface == "edit_work":
        return client.get(f"/works/{work.pk}/edit").status_code == 200
    if surface == "creators_page":
        return client.get(f"/works/{work.pk}/creators").status_code == 200
    if surface == "draft_page":
        return "Inkwright Draft" in _text(client.get(work.get_absolute_url()))
    return f"/invitations/{pending.pk}/withdraw" in _text(client.get(f"/works/{work.pk}/creators"))


@pytest.mark.parametrize("surface", list(INVITATION_SURFACES))
@pytest.mark.parametrize("role", INVITE_ROLES)
def test_invitation_access_matrix(invitations, db, role, surface):
    should = role in INVITATION_SURFACES[surface]
    assert _invitation_allowed(invitations, role, surface) == should, (
        f"{role} {'may not' if should else 'may'} reach {surface}"
    )


# --- News posts and their comments (issue 21) --------------------------------------------------------
#
# The rule: a published news post is everyone's, on its page, the news list and the Atom feed; a post still
# to come (its published date ahead) is the news staff's alone, on the site only, never in the sessionless
# feed. Comments follow reviews: one a moderator hid shows only to its commenter and the moderators, one by
# someone the reader muted shows to nobody who muted them (moderators included), and a comment that may not
# be seen may not be reported either (its report page is 404).

NEWS_ROLES = ["guest", "reader", "commenter", "muter", "moderator", "staff"]
NEWS_WORD = {"published": "Ravelstone", "scheduled": "Sablemoor"}
COMMENT_WORD = {"published": "Pelbrook", "hidden": "Quenwick"}
NEWS_PAGES = {"published": set(NEWS_ROLES), "scheduled": {"staff"}}
NEWS_FEED = {"published": set(NEWS_ROLES), "scheduled": set()}
# Both comments are the commenter's, and the muter muted the commenter.
NEWS_COMMENTS = {"published": set(NEWS_ROLES) - {"muter"}, "hidden": {"commenter", "moderator"}}


@pytest.fixture(scope="module")
def news_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_news_world()
        transaction.set_rollback(True)


def _build_news_world() -> dict:
    users = {role: UserFactory(username=f"news{role}") for role in NEWS_ROLES if role != "guest"}
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    users["staff"].user_permissions.add(Permission.objects.get(codename="change_newspost"))
    users["staff"] = User.objects.get(pk=users["staff"].pk)
    moderation.toggle(Mute, user=users["muter"], other=users["commenter"], on=True)
    posts = {
        state: news.create_post(
            user=users["staff"],
            fields=news.PostFields(
                title=f"{NEWS_WORD[state]} News",
                body="The archive's news.",
                published_at=timezone.now() + timedelta(days=2 if state == "scheduled" else -1),
            ),
        )
        for state in NEWS_WORD
    }
    comments = {
        state: news.post_comment(
            post=posts["published"], user=users["commenter"], body=f"{COMMENT_WORD[state]} says hi."
        )
        for state in COMMENT_WORD
    }
    moderation.act(
        moderator=users["moderator"],
        subject=moderation.load_subject(Target.COMMENT, comments["hidden"].pk),
        kind=ModerationAction.Kind.HIDE,
        reason="Off topic.",
    )
    return {"users": users, "posts": posts, "comments": comments, "cache": {}}


NEWS_SURFACES = {
    "news_list": (NEWS_PAGES, lambda w, r, s: _shared(w, r, "news", lambda: _page(w, r, "/admin_posts"))),
    "news_post": (NEWS_PAGES, lambda w, r, s: _page(w, r, f"/admin_posts/{w['posts'][s].pk}")),
    "news_feed": (
        NEWS_FEED,
        lambda w, r, s: _shared(w, r, "news_feed", lambda: _page(w, r, "/admin_posts/feed.atom")),
    ),
}
COMMENT_SURFACES = {
    "news_post_page": (
        NEWS_COMMENTS,
        lambda w, r, s: _shared(
            w, r, "news_post_page", lambda: _page(w, r, f"/admin_posts/{w['posts']['published'].pk}")
        ),
    ),
    "comment_report": (
        NEWS_COMMENTS,
        lambda w, r, s: _page(w, r, f"/report/comment/{w['comments'][s].pk}"),
    ),
}


@pytest.mark.parametrize("surface", list(NEWS_SURFACES))
@pytest.mark.parametrize("state", list(NEWS_WORD))
@pytest.mark.parametrize("role", NEWS_ROLES)
def test_news_access_matrix(news_world, db, role, state, surface):
    expected, fetch = NEWS_SURFACES[surface]
    should_see = role in expected[state]
    seen = f"{NEWS_WORD[state]} News" in fetch(news_world, role, state)
    assert seen == should_see, (
        f"{role} {'cannot see' if should_see else 'sees'} the {state} post on {surface}"
    )


@pytest.mark.parametrize("surface", list(COMMENT_SURFACES))
@pytest.mark.parametrize("state", list(COMMENT_WORD))
@pytest.mark.parametrize("role", NEWS_ROLES)
def test_news_comment_access_matrix(news_world, db, role, state, surface):
    expected, fetch = COMMENT_SURFACES[surface]
    should_see = role in expected[state]
    text = fetch(news_world, role, state)
    # The report page names the comment by its commenter; the post page shows its words.
    seen = COMMENT_WORD[state] in text if surface == "news_post_page" else "comment by newscommenter" in text
    assert seen == should_see, (
        f"{role} {'cannot see' if should_see else 'sees'} the {state} comment on {surface}"
    )


# --- The archive's own pages (quire/sitepages) ----------------------------------------------------------
# A published page: everyone reads it and finds it in the footer and on /about/. A draft: only the staff who
# may edit pages ("Can change page", superusers), on its page and /about/; never in the footer. Editing: those
# staff alone (a staff account with "Can change page"). A moderator is not a page editor unless given it.

PAGE_ROLES = ["guest", "member", "moderator", "page_editor"]
PAGE_STATES = ["published", "draft"]
PAGE_WORD = {"published": "Gorsemere", "draft": "Hollowfen"}
EVERYONE = set(PAGE_ROLES)
EDITORS = {"page_editor"}
PAGE_SURFACES = {
    "site_page": ({"published": EVERYONE, "draft": EDITORS}, lambda c, s: f"/about/{PAGE_WORD[s].lower()}"),
    "site_pages_index": ({"published": EVERYONE, "draft": EDITORS}, lambda c, s: "/about/"),
    "site_footer": ({"published": EVERYONE, "draft": set()}, lambda c, s: "/works/search"),
    "site_page_edit": (
        {"published": EDITORS, "draft": EDITORS},
        lambda c, s: f"/about/{PAGE_WORD[s].lower()}/edit",
    ),
}


@pytest.fixture
def page_world(db):
    from django.contrib.auth.models import Permission

    from quire.sitepages.services import PageFields, create_page

    editor = UserFactory(username="pageeditor", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="change_page", content_type__app_label="sitepages")
    )
    editor = User.objects.get(pk=editor.pk)
    moderator = UserFactory(username="pagemod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    for state, word in PAGE_WORD.items():
        create_page(
            user=editor,
            slug=word.lower(),
            fields=PageFields(
                title=f"{word} Page", body=f"All about {word}.", published=state == "published"
            ),
        )
    return {"member": UserFactory(username="pagemember"), "moderator": moderator, "page_editor": editor}


@pytest.mark.parametrize("surface", list(PAGE_SURFACES))
@pytest.mark.parametrize("state", PAGE_STATES)
@pytest.mark.parametrize("role", PAGE_ROLES)
def test_site_pages_access_matrix(page_world, role, state, surface):
    expected, path = PAGE_SURFACES[surface]
    client = Client()
    if role != "guest":
        client.force_login(page_world[role])
    text = _text(client.get(path(client, state)))
    if surface == "site_footer":
        text = text.split('<footer class="site-footer">')[-1] if text else ""
    seen = f"{PAGE_WORD[state]} Page" in text
    assert seen == (role in expected[state]), (
        f"{role} {'sees' if seen else 'cannot see'} the {state} page on {surface}"
    )


# --- Claim links (quire.imports) -------------------------------------------------------------------------
# An imported author's emailed claim link is the only key to their claim page: whoever holds a live link (a
# guest, a member, staff) sees that author's pen name and may claim, orphan or remove their stories, and
# nobody else's. A link used already, one never sent, and one whose imported account is gone (closed by the
# staff) all get the same clear "This claim link does not work" page, a 404 that names no one: never a 500.
# The author's email is on no claim page, live or not.

CLAIM_ROLES = ["guest", "member", "moderator"]
CLAIM_STATES = ["live", "used", "unknown", "account_gone"]
PEN_NAME = {"live": "Quillmere Alpha", "used": "Quillmere Beta", "account_gone": "Quillmere Gamma"}
CLAIM_ACTIONS = {
    "open": lambda client, link: client.get(link),
    "ask_to_orphan": lambda client, link: client.post(link, {"action": "orphan"}),
    "sign_up_with_nothing": lambda client, link: client.post(link, {}),
}


@pytest.fixture(scope="module")
def claims(django_db_setup, django_db_blocker):
    from quire.imports.claiming import claim_with_new_login, invite_authors
    from quire.imports.models import ImportedAuthor
    from quire.privacy.deletion import WorksChoice, delete_account

    with (
        django_db_blocker.unblock(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        mail.outbox = []
        archive = SourceArchive.objects.create(key="claim-matrix", name="Quillmere Archive")
        authors = {}
        for number, (state, pen_name) in enumerate(PEN_NAME.items(), start=1):
            account = User.objects.create_user(
                username=pen_name.replace(" ", "_"), email="", password=None, unclaimed_import=True
            )
            make_work(account, title=f"{pen_name} Tale")
            authors[state] = ImportedAuthor.objects.create(
                archive=archive,
                user=account,
                source_id=str(number),
                pen_name=pen_name,
                email=f"{state}@claims.example.org",
            )
        invite_authors()
        links = {
            state: "/claim/"
            + next(m for m in mail.outbox if m.to == [author.email]).body.split("/claim/")[1].split()[0]
            for state, author in authors.items()
        }
        links["unknown"] = "/claim/" + "x" * 43
        claim_with_new_login(
            imported=authors["used"],
            username="quillbeta",
            email="beta@example.org",
            password="a long pass 42",
        )
        # Closed by the staff meanwhile (its stories orphaned), the link never used.
        delete_account(authors["account_gone"].user, works=WorksChoice.ORPHAN)
        moderator = UserFactory(username="claimmod")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        yield {
            "links": links,
            "users": {"member": UserFactory(username="claimmember"), "moderator": moderator},
        }
        transaction.set_rollback(True)


@pytest.mark.parametrize("action", list(CLAIM_ACTIONS))
@pytest.mark.parametrize("state", CLAIM_STATES)
@pytest.mark.parametrize("role", CLAIM_ROLES)
def test_claim_link_access_matrix(claims, db, role, state, action):
    client = Client()
    if role != "guest":
        client.force_login(claims["users"][role])

    with transaction.atomic():  # nothing a cell does stays for the next
        response = CLAIM_ACTIONS[action](client, claims["links"][state])
        transaction.set_rollback(True)

    text = response.content.decode()
    named = [name for name in PEN_NAME.values() if name in text]
    if state == "live":
        assert (response.status_code, named) == (200, [PEN_NAME["live"]]), (role, action)
    else:
        assert response.status_code == 404, (role, state, action)
        assert "This claim link does not work" in text and named == [], (role, state, action)
    assert "@claims.example.org" not in text
