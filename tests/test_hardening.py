"""Hardening as a client sees it: every state change needs POST and CSRF, redirects stay home, listing
parameters are allowlisted, headers are strict, uploads cannot hurt the server."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factories import UserFactory, make_work

from quire.collections import services as collections
from quire.core.text import render
from quire.feedback.models import Review
from quire.feedback.services import post_review
from quire.prompts import services as prompts
from quire.series import services as series_services
from quire.works.importing import ImportError_, open_zip, read_file
from quire.works.models import Work

pytestmark = pytest.mark.django_db

# Views that take a POST without a CSRF token, and why.
CSRF_EXEMPT = {
    "insights:read_beacon",  # a signed token names the chapter; it only counts a finished read
    "shelf:position",  # the same kind of signed token names the reader, work and chapter
    "shelf:opened",  # the same: the page's own beacon (or noscript image) recording the reader's visit
}
# The JSON API authenticates with bearer tokens, never the session cookie, so a forged cross-site request
# carries no credentials (tests/test_api.py proves a session alone cannot write).
CSRF_EXEMPT_NAMESPACES = ("api:",)
# Reading is recorded on GET (hits, reading history) by design; the session and the task queue are plumbing.
# An app whose GET deliberately writes (a cache of built downloads, say) is named here, with its reason.
# exports: built downloads are cached (ExportBuild); shelf: a reader's history is their reading, recorded
# (by the work page's beacon, or the GET of its noscript image for a reader without JavaScript);
# beta: a chapter's beta read is stored for its text (BetaRead) when its writer first opens it.
CHANGED_BY_READING = {
    "insights",
    "sessions",
    "django_tasks_database",
    "django_tasks_db",
    "exports",
    "shelf",
    "beta",
}


def _routes(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django's own admin, with its own tests
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


@pytest.fixture
def world(writer, reader):
    work = make_work(author=writer, title="Walked", chapters=2, fandoms=("Walk Fandom",), tags=("Road Trip",))
    chapter = work.chapters.first()
    review = post_review(chapter=chapter, user=reader, body="A review")
    series = series_services.create_series(creator=writer, fields=series_services.SeriesFields(title="Walks"))
    series_services.add_work(series=series, work=work, user=writer)
    return {
        "series_id": series.pk,
        "target_type": "work",
        "target_id": work.pk,
        "what": "block",
        "filename": "Walked.epub",
        "token_id": 1,
        "notification_id": 1,
        "work_id": work.pk,
        "chapter_id": chapter.pk,
        "review_id": review.pk,
        "username": writer.username,
        "pseud_name": writer.default_pseud.name,
        "pseud_id": writer.default_pseud.pk,
        # Invitations, gifts, news posts and comments: none exist, so each address is walked as a 404.
        "pk": 1,
        "gift_id": 1,
        "assignment_id": 1,
        "post_id": 1,
        "comment_id": 1,
        "item_id": 1,
        "name": "Walk Fandom",
        "fandom_name": "Walk Fandom",
        "tag_type": "relationship",
        "key": f"chapter-{chapter.pk}",
        "action": "freeze",
        "uidb64": "MQ",
        "token": "set-password",
        "slug": "about",
        # Prompt memes: none exists ("name" is no collection), so each address is walked as a 404.
        "prompt_id": 1,
        # Back catalogue imports: none exists, so the batch page is walked as a 404.
        "batch_id": 1,
    }


def _urls(world):
    for name, params in _routes():
        unknown = [p for p in params if p not in world]
        assert not unknown, f"{name}: add a sample value for {unknown} to the `world` fixture"
        yield name, reverse(name, kwargs={p: world[p] for p in params})


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in CHANGED_BY_READING and not model._meta.proxy
    }


def test_every_url_is_walked(world):
    names = {name for name, _ in _urls(world)}
    assert {"works:chapter_new", "feedback:review_create", "accounts:login", "follows:mark_read"} <= names
    assert len(names) > 50


def test_no_get_changes_state(world, writer, client):
    client.force_login(writer)
    before = _row_counts()
    statuses = {name: client.get(url).status_code for name, url in _urls(world)}
    assert _row_counts() == before
    assert not [name for name, status in statuses.items() if status >= 500]


def test_every_post_without_csrf_token_is_refused(world, writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    before = _row_counts()
    accepted = {
        name: status
        for name, url in _urls(world)
        if name not in CSRF_EXEMPT
        and not name.startswith(CSRF_EXEMPT_NAMESPACES)
        and (status := client.post(url, {"body": "x"}).status_code) != 403
    }
    assert accepted == {}
    assert _row_counts() == before


def test_security_headers_on_every_page(client):
    response = client.get(reverse("discovery:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script_or_style(world, writer, client):
    client.force_login(writer)
    for url in [reverse("works:detail", args=[world["work_id"]]), reverse("works:new"), "/"]:
        page = client.get(url).content.decode()
        assert "<script>" not in page and "style=" not in page and "<style" not in page


# --- Redirects and parameters --------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "http:/\\evil.example"])
def test_next_to_another_host_is_ignored(client, writer, target, password):
    response = client.post(
        reverse("accounts:login") + f"?next={target}", {"username": writer.username, "password": password}
    )
    assert response.status_code == 302 and "evil" not in response["Location"]
    work = make_work()
    response = client.post(reverse("feedback:kudos", args=[work.pk]), {"next_chapter": target})
    assert "evil" not in response["Location"] and response["Location"].startswith("/works/")
    response = client.post(reverse("accounts:preferences"), {"next": target, "font": "serif"})
    assert "evil" not in response.get("Location", "")


# Every view that takes a `next`, with what it posts and where it goes when `next` is refused.
NEXT_TAKERS = {
    "shelf forget": lambda work, user: (
        reverse("shelf:forget", args=[user.username, work.pk]),
        {},
        reverse("shelf:readings", args=[user.username]),
    ),
    "shelf later": lambda work, user: (reverse("shelf:later", args=[work.pk]), {}, work.get_absolute_url()),
    "autosave discard": lambda work, user: (reverse("works:autosave_discard", args=["new-work"]), {}, "/"),
    "reading preferences": lambda work, user: (
        reverse("accounts:preferences"),
        {"font_size": "large", "font_family": "serif", "line_width": "wide", "theme": "dark"},
        reverse("accounts:preferences"),
    ),
    "inbox mark read": lambda work, user: (
        reverse("follows:mark_read"),
        {"all": "1"},
        reverse("follows:inbox"),
    ),
    "kudos": lambda work, user: (
        reverse("feedback:kudos", args=[work.pk]),
        {},
        work.get_absolute_url() + "#feedback",
    ),
    "terms agree": lambda work, user: (reverse("sitepages:agree"), {"version": "1"}, "/"),
}
NEXT_FIELD = {"kudos": "next_chapter"}  # the others call it "next"


@pytest.mark.parametrize("view", NEXT_TAKERS)
@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "https://testserver/works",  # this host, but a full URL: only paths are taken
        "http://testserver/works",  # and never a step down from HTTPS
    ],
)
def test_every_next_off_a_site_path_goes_to_the_views_own_page(client, reader, view, target):
    work = make_work()
    client.force_login(reader)
    url, data, default = NEXT_TAKERS[view](work, reader)
    response = client.post(url, {**data, NEXT_FIELD.get(view, "next"): target}, secure=True)
    assert response.status_code == 302 and response["Location"] == default


@pytest.mark.parametrize("view", NEXT_TAKERS)
def test_every_next_to_a_site_path_is_followed(client, reader, view):
    work = make_work()
    client.force_login(reader)
    url, data, _ = NEXT_TAKERS[view](work, reader)
    response = client.post(url, {**data, NEXT_FIELD.get(view, "next"): "/works?page=2"}, secure=True)
    assert response.status_code == 302 and response["Location"] == "/works?page=2"


def test_next_within_the_site_is_followed(client, writer, password):
    response = client.post(
        reverse("accounts:login") + "?next=/works", {"username": writer.username, "password": password}
    )
    assert response["Location"] == "/works"


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "title; DROP TABLE works_work"},
        {"sort": "-pk"},
        {"rating": "nope"},
        {"warning": "<script>"},
        {"words_from": "lots"},
        {"complete": "maybe"},
        {"language": "xx-evil"},
        {"unknown_filter": "1"},
    ],
)
def test_unknown_sort_and_filter_values_fall_back_to_defaults(client, query):
    make_work(title="Still listed")
    response = client.get(reverse("discovery:works"), query)
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


# --- User links --------------------------------------------------------------------------------------------


def test_every_user_link_is_nofollow_ugc():
    html = render(
        '<p><a href="https://example.org" rel="me">site</a> <a href="javascript:alert(1)">x</a></p>', "html"
    )
    assert 'rel="nofollow ugc noopener"' in html and "javascript" not in html and 'rel="me"' not in html


def test_review_text_makes_no_links(reader):
    work = make_work()
    review = post_review(chapter=work.chapters.get(), user=reader, body='<a href="https://x.example">x</a>')
    assert "<a " not in Review.objects.get(pk=review.pk).body_html


# --- Uploads -----------------------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_50_mb_upload_is_refused_before_it_is_read(writer_client, writer):
    work = make_work(author=writer)
    body = b"x" * (50 * 1024 * 1024)
    upload = SimpleUploadedFile("huge.txt", body, content_type="text/plain")
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]), {"action": "import", "file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 413
    assert "That upload is too large" in page and "Back" in page
    assert work.chapters.count() == 1


def test_an_upload_just_over_the_import_cap_gets_a_form_error(writer_client, writer, settings):
    settings.IMPORT_MAX_BYTES = 1024
    work = make_work(author=writer)
    upload = SimpleUploadedFile("big.txt", b"y" * 4096, content_type="text/plain")
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"action": "import", "file": upload, "body": "typed before"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "larger than" in page and "typed before" in page


def test_a_zip_bomb_docx_is_refused_through_the_form(writer_client, writer):
    work = make_work(author=writer)
    bomb = _zip({"word/document.xml": b"\0" * (300 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    upload = SimpleUploadedFile("bomb.docx", bomb)
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]), {"action": "import", "file": upload}
    )
    assert response.status_code == 200
    assert "expands to far more than a work could hold" in response.content.decode()


def test_too_many_zip_entries_are_refused():
    many = _zip({f"word/media/{n}.xml": b"<a/>" for n in range(2001)})
    with pytest.raises(ImportError_, match="expands to far more"):
        open_zip(many, ".docx")


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/passwd", "word/../../evil.xml", "C:/evil.xml", "..\\evil.xml"]
)
def test_path_tricks_in_a_zip_are_refused(name):
    with pytest.raises(ImportError_, match="unsafe paths"):
        open_zip(_zip({"word/document.xml": b"<a/>", name: b"x"}), ".epub")


def test_xml_external_entities_are_refused():
    document = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ImportError_, match="XML declarations"):
        read_file("xxe.docx", _zip({"word/document.xml": document}))


def test_billion_laughs_is_refused():
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>'
    with pytest.raises(ImportError_):
        read_file("laughs.docx", _zip({"word/document.xml": laughs}))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.docx", b"PK\x03\x04 truncated"),
        ("x.docx", _zip({"word/document.xml": b"<not xml"})),
        ("x.md", b"\xff\xfe\x00"),
    ],
)
def test_broken_uploads_get_a_message_never_a_500(writer_client, writer, name, content):
    work = make_work(author=writer)
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"action": "import", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200


def test_uploaded_file_names_cannot_climb_directories(writer_client, writer):
    work = make_work(author=writer)
    upload = SimpleUploadedFile("../../etc/chapter.txt", b"Plain words.")
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]), {"action": "import", "file": upload}
    )
    assert response.status_code == 200 and "Plain words." in response.content.decode()


def test_accounts_cannot_be_made_by_get(client):
    client.get(
        reverse("accounts:signup"),
        {"username": "x", "email": "x@example.org", "password1": "p", "password2": "p"},
    )
    assert not UserFactory._meta.model.objects.filter(username="x").exists()


# --- A hostile query-string crawl ----------------------------------------------------------------------------

# Every query parameter a view or the API reads (request.GET, WorkFilterForm, the API's filters), and a few
# that nothing reads: each is sent with values a form would never send.
QUERY_NAMES = (
    "page", "q", "sort", "show", "type", "kind", "rec", "from", "next", "invite", "view_full_work",
    "view_adult", "tag", "exclude_tag", "rating", "exclude_rating", "warning", "exclude_warning", "category",
    "exclude_category", "complete", "single_chapter", "crossover", "words_from", "words_to", "updated_from",
    "updated_to", "language", "fandoms", "username", "limit", "offset", "format", "id", "assignment",
    "fandom", "status",
)  # fmt: skip
HOSTILE_VALUES = {
    "huge number": "9" * 400,
    "overflowing": str(2**64),
    "negative": "-1",
    "not a number": "1e309",
    "unicode": "\u202e🙂ñ\u0301\ufffd日本",
    "markup and quotes": "'\"<script>%;--/*",
    "nul and controls": "\x00\x1b\r\n",
    "bad date": "2024-13-45T25:61",
    "search syntax": '"unclosed a* OR -( NOT "',
}
# The writer's own pages get the few that reach most code; guests get them all.
MEMBER_VARIANTS = {"repeated", "search syntax"}
# Reply chains this deep made the work, chapter and reviews pages answer 500 (issue #17, finding 5).
REPLY_DEPTH = 80


def _hostile_queries():
    for label, value in HOSTILE_VALUES.items():
        yield label, {name: value for name in QUERY_NAMES}
    yield "long", {name: "x" * 1000 for name in QUERY_NAMES}
    # Each parameter three times, rotated so that get() (the last) sees a different value per parameter.
    values = list(HOSTILE_VALUES.values())
    yield "repeated", {name: (values[n:] + values[:n]) * 3 for n, name in enumerate(QUERY_NAMES)}
    yield "empty", {name: "" for name in QUERY_NAMES}


def _crawl(client, urls, variants=None) -> list[str]:
    failures = []
    for name, url in urls:
        for label, query in _hostile_queries():
            if variants is None or label in variants:
                status = client.get(url, query).status_code
                if status >= 500:
                    failures.append(f"{name} ({label}): {status}")
    return failures


def _api_collection_urls(writer, work_id):
    """A collection holding the work and running a prompt meme with one prompt, and its API addresses."""
    collection = collections.create_collection(
        user=writer, fields=collections.CollectionFields(name="walk_fest", title="Walk Fest")
    )
    collections.add_work(collection=collection, work=Work.objects.get(pk=work_id), user=writer)
    meme = prompts.set_up_prompt_meme(collection=collection, user=writer, fields=prompts.PromptMemeFields())
    prompt = prompts.post_prompt(
        meme=meme, user=writer, fields=prompts.PromptFields(description="A walk.", fandoms=["Walk Fandom"])
    )
    base = "/api/v1/collections"
    return [
        ("api collections", base),
        ("api collection works", f"{base}/walk_fest/works"),
        ("api collection bookmarks", f"{base}/walk_fest/bookmarks"),
        ("api prompts", f"{base}/walk_fest/prompts"),
        ("api prompt", f"{base}/walk_fest/prompts/{prompt.pk}"),
    ]


def test_hostile_query_strings_never_get_a_500(world, writer, reader, settings):
    """Every named URL (and the API's lists), as a guest and as the writer who owns the pages, with junk, huge,
    negative, unicode, repeated and empty values for every parameter, on a work whose reviews hold a reply
    chain REPLY_DEPTH deep: a page or a clear 4xx, never a 500."""
    # The crawl sends ~1,000 requests from one address: the limits would answer most with 429.
    settings.RATE_LIMITS_ENABLED = False
    settings.API_RATE_LIMITS = dict.fromkeys(settings.API_RATE_LIMITS, "100000/min")
    chapter = Review.objects.get(pk=world["review_id"]).chapter
    parent = None
    for depth in range(REPLY_DEPTH):
        parent = post_review(chapter=chapter, user=(reader, writer)[depth % 2], body="And?", parent=parent)
    urls = [
        *((name, url) for name, url in _urls(world) if name != "api:openapi-json"),  # a fixed document
        ("api works", "/api/v1/works"),
        ("api search", "/api/v1/works/search"),
        ("api tag works", "/api/v1/tags/Walk Fandom/works"),
        ("api user works", f"/api/v1/users/{world['username']}/works"),
        ("api chapters", f"/api/v1/works/{world['work_id']}/chapters"),
        *_api_collection_urls(writer, world["work_id"]),
    ]
    guest = Client(raise_request_exception=False)
    member = Client(raise_request_exception=False)
    member.force_login(writer)
    failures = _crawl(guest, urls) + _crawl(member, urls, MEMBER_VARIANTS)
    assert failures == [], "\n".join(failures)
