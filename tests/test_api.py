"""The JSON API under /api/v1/: reading as the pages do, writing as the forms do, tokens, limits, errors."""

import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.api.models import ApiToken
from quire.api.services import create_token
from quire.follows import services as follows
from quire.follows.models import Notification
from quire.tags.models import Tag
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    settings.API_RATE_LIMITS = {"anon": "1000/min", "token": "1000/min", "write": "1000/min"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token(writer):
    return create_token(user=writer, name="script")[1]


@pytest.fixture
def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def new_work_payload(**changes):
    payload = {
        "title": "Exit Ramps",
        "rating": "teen",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore Girls"],
        "relationships": ["Jess Mariano/Rory Gilmore"],
        "summary": "A <b>road</b> trip.<script>alert(1)</script>",
        "chapter": {"title": "Start", "body": "<p>They drove <em>north</em>.</p><script>x()</script>"},
        "post": True,
    }
    return {**payload, **changes}


# --- Reading ------------------------------------------------------------------------------------------


def test_list_filters_like_the_web_listing(client):
    make_work(
        title="Teen one",
        rating="teen",
        fandoms=["Gilmore Girls"],
        relationships=["Jess Mariano/Rory Gilmore"],
    )
    make_work(title="General one", rating="general", fandoms=["Gilmore Girls"])
    make_work(title="Other fandom", rating="teen", fandoms=["Veronica Mars"])
    body = client.get(f"{API}/works", {"tag": "Gilmore Girls", "rating": "teen"}).json()
    assert [w["title"] for w in body["results"]] == ["Teen one"]
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    work = body["results"][0]
    assert work["relationships"] == ["Jess Mariano/Rory Gilmore"] and work["rating"] == "teen"
    assert work["url"].endswith(f"/works/{Work.objects.get(title='Teen one').pk}")
    unknown = client.get(f"{API}/works", {"tag": "No Such Tag"}).json()
    assert unknown["count"] == 0 and unknown["notices"] == [
        "There is no tag named “No Such Tag”, so no works match it."
    ]


def test_bad_filters_are_422_with_the_form_message(client):
    response = client.get(f"{API}/works", {"words_from": 500, "words_to": 10})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "words_to", "message": "“Words to” must be at least “Words from”."}
    ]
    response = client.get(f"{API}/works", {"rating": "nonsense"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "rating.0"


def test_search_finds_words_and_marks_them(client):
    make_work(title="Coffee at Luke's", summary="Rory orders coffee.")
    make_work(title="Something else", summary="Tea.")
    body = client.get(f"{API}/works/search", {"q": "coffee"}).json()
    assert [w["title"] for w in body["results"]] == ["Coffee at Luke's"]
    assert "<mark>" in body["results"][0]["snippet_html"].lower()


def test_work_detail_and_chapters(client):
    work = make_work(title="Three parts", chapters=3)
    body = client.get(f"{API}/works/{work.pk}").json()
    assert body["title"] == "Three parts" and body["chapters"] == 3
    assert [c["number"] for c in body["chapter_list"]] == [1, 2, 3]
    chapters = client.get(f"{API}/works/{work.pk}/chapters").json()
    assert [c["title"] for c in chapters] == ["One", "Part 2", "Part 3"]
    second = client.get(f"{API}/works/{work.pk}/chapters/{chapters[1]['id']}").json()
    assert second["number"] == 2 and "Chapter 2." in second["body_html"]


def test_unposted_chapter_is_hidden_from_others_and_shown_to_its_writer(client, writer, auth):
    work = make_work(writer, chapters=1)
    from quire.works import services

    draft = services.add_chapter(
        work=work, user=work.author, fields=services.ChapterFields(body="Not yet."), post=False
    )
    assert len(client.get(f"{API}/works/{work.pk}/chapters").json()) == 1
    assert client.get(f"{API}/works/{work.pk}/chapters/{draft.pk}").status_code == 404
    own = client.get(f"{API}/works/{work.pk}/chapters", **auth).json()
    assert [c["posted"] for c in own] == [True, False]


def test_tag_with_synonyms_and_its_works(client):
    make_work(title="Literati", relationships=["Jess Mariano/Rory Gilmore"])
    canonical = Tag.objects.get(name="Jess Mariano/Rory Gilmore")
    canonical.canonical = True
    canonical.save()
    Tag.objects.create(name="Literati", type="relationship", merger=canonical)
    body = client.get(f"{API}/tags/Jess Mariano*s*Rory Gilmore").json()
    assert body["canonical"] is True and [s["name"] for s in body["synonyms"]] == ["Literati"]
    assert body["works"] == 1 and body["type"] == "relationship"
    synonym = client.get(f"{API}/tags/literati").json()
    assert synonym["synonym_of"]["name"] == "Jess Mariano/Rory Gilmore"
    assert [w["title"] for w in client.get(f"{API}/tags/Literati/works").json()["results"]] == ["Literati"]
    missing = client.get(f"{API}/tags/Nope")
    assert missing.status_code == 404 and "no tag" in missing.json()["detail"]


def test_users_works(client, writer):
    make_work(writer, title="Mine")
    make_work(title="Theirs")
    body = client.get(f"{API}/users/writer/works").json()
    assert [w["title"] for w in body["results"]] == ["Mine"]
    assert client.get(f"{API}/users/nobody/works").status_code == 404


HIDDEN_TITLES = {"A Draft", "Members Only", "Taken Down"}


@pytest.fixture
def unseen_works(writer):
    """A draft, a restricted work and a hidden one, all tagged and searchable like the public work."""
    common = {"fandoms": ["Gilmore Girls"], "tags": ["Road Trip"], "summary": "Secret coffee."}
    public = make_work(writer, title="Public", **common)
    draft = make_work(writer, title="A Draft", posted=False, **common)
    restricted = make_work(writer, title="Members Only", restricted=True, **common)
    hidden = make_work(writer, title="Taken Down", **common)
    Work.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    return public, [draft, restricted, hidden]


def every_response(client, works, **headers):
    public = works[0]
    chapter = public.chapters.get()
    urls = [
        f"{API}/works",
        f"{API}/works?tag=Road Trip",
        f"{API}/works/search?q=coffee",
        f"{API}/works/search?q=secret&sort=title",
        f"{API}/users/writer/works",
        f"{API}/tags/Gilmore Girls/works",
        f"{API}/tags/Road Trip/works",
        f"{API}/works/{public.pk}",
        f"{API}/works/{public.pk}/chapters",
        f"{API}/works/{public.pk}/chapters/{chapter.pk}",
    ]
    return {url: client.get(url, **headers) for url in urls}


def test_draft_restricted_and_hidden_works_are_absent_for_guests(client, unseen_works):
    public, unseen = unseen_works
    for url, response in every_response(client, [public]).items():
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not [title for title in HIDDEN_TITLES if title in text], url
        if "results" in response.json():
            assert response.json()["count"] == 1, url
    for work in unseen:
        chapter = work.chapters.get()
        for url in (
            f"{API}/works/{work.pk}",
            f"{API}/works/{work.pk}/chapters",
            f"{API}/works/{work.pk}/chapters/{chapter.pk}",
        ):
            assert client.get(url).status_code == 404, url
    assert client.get(f"{API}/tags/Road Trip").json()["works"] == 1


def test_another_users_token_sees_restricted_but_not_drafts_or_hidden(client, unseen_works):
    public, (draft, restricted, hidden) = unseen_works
    other = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=UserFactory(), name='t')[1]}"}
    listed = client.get(f"{API}/works", **other).json()
    assert sorted(w["title"] for w in listed["results"]) == ["Members Only", "Public"]
    assert client.get(f"{API}/works/{restricted.pk}", **other).status_code == 200
    for work in (draft, hidden):
        assert client.get(f"{API}/works/{work.pk}", **other).status_code == 404
        assert client.get(f"{API}/works/{work.pk}/chapters", **other).status_code == 404
    for url, response in every_response(client, [public], **other).items():
        assert "A Draft" not in response.content.decode() and "Taken Down" not in response.content.decode(), (
            url
        )


def test_list_endpoints_make_a_fixed_number_of_queries(client):
    author = UserFactory(username="prolific")

    def count_for(path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    make_work(author, relationships=["A/B"], characters=["A"], tags=["Fluff"])
    small = [
        count_for(f"{API}/works"),
        count_for(f"{API}/users/prolific/works"),
        count_for(f"{API}/tags/Fluff/works"),
    ]
    for n in range(6):
        make_work(
            author, title=f"W{n}", relationships=[f"A/B{n}"], characters=[f"C{n}"], tags=["Fluff", f"T{n}"]
        )
    large = [
        count_for(f"{API}/works"),
        count_for(f"{API}/users/prolific/works"),
        count_for(f"{API}/tags/Fluff/works"),
    ]
    assert small == large


# --- Tokens -------------------------------------------------------------------------------------------


def test_tokens_page_creates_shows_once_and_revokes(client, writer, password):
    client.force_login(writer)
    settings_page = client.get("/account/settings").content.decode()
    assert 'href="/account/api-tokens"' in settings_page
    page = client.post("/account/api-tokens", {"name": "posting script"}).content.decode()
    token = ApiToken.objects.get(user=writer)
    secret = page.split('id="token-secret" value="')[1].split('"')[0]
    assert secret.startswith("quire_") and token.secret_hash != secret and secret not in str(token.__dict__)
    assert secret not in client.get("/account/api-tokens").content.decode()  # shown once only
    client.logout()
    me = client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert me.json()["username"] == "writer" and me.json()["token_name"] == "posting script"
    client.force_login(writer)
    client.post(f"/account/api-tokens/{token.pk}/revoke")
    client.logout()
    revoked = client.get(f"{API}/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    # A revoked token is refused on reads too, rather than silently reading as a guest.
    assert client.get(f"{API}/works", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_cannot_revoke_another_users_token(client, writer):
    other_token, _ = create_token(user=UserFactory(), name="theirs")
    client.force_login(writer)
    assert client.post(f"/account/api-tokens/{other_token.pk}/revoke").status_code == 404
    assert ApiToken.objects.get(pk=other_token.pk).revoked_at is None


def test_writes_without_a_token_are_401_json(client):
    response = client.post(f"{API}/works", new_work_payload(), content_type="application/json")
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]
    response = client.get(f"{API}/me", HTTP_AUTHORIZATION="Basic abc")
    assert response.status_code == 401 and response.json()["detail"]


# --- Writing ------------------------------------------------------------------------------------------


def test_create_work_sanitizes_and_notifies_subscribers(client, writer, auth):
    follower = UserFactory(username="follower")
    follows.subscribe(user=follower, author=writer)
    response = client.post(f"{API}/works", new_work_payload(), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Exit Ramps" and body["draft"] is False
    assert "<script" not in body["summary_html"] and "<b>road</b>" in body["summary_html"]
    chapter = client.get(f"{API}/works/{body['id']}/chapters/{body['chapter_list'][0]['id']}").json()
    assert "<em>north</em>" in chapter["body_html"] and "<script" not in chapter["body_html"]
    run_worker()
    assert Notification.objects.filter(user=follower).count() == 1


def test_create_work_errors_match_the_web_form(client, auth):
    make_work(title="Existing", fandoms=["Gilmore Girls"])
    payload = new_work_payload(
        warnings=["none_apply", "violence"], fandoms=["Gilmore Girls"], characters=["Gilmore Girls"]
    )
    response = client.post(f"{API}/works", payload, content_type="application/json", **auth)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["warnings"] == "“No Archive Warnings Apply” cannot be chosen together with a warning."
    assert "already a fandom tag" in errors["characters"]
    response = client.post(
        f"{API}/works", new_work_payload(chapter={"body": ""}), content_type="application/json", **auth
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "chapter.body"
    response = client.post(f"{API}/works", "{not json", content_type="application/json", **auth)
    assert response.status_code == 400 and response.json()["detail"]
    assert list(Work.objects.values_list("title", flat=True)) == ["Existing"]


def test_draft_chapter_then_update_then_post(client, writer, auth):
    work = make_work(writer)
    follower = UserFactory(username="follower")
    follows.subscribe(user=follower, work=work)
    run_worker()
    new = {"title": "Two", "body": "Draft text.", "text_format": "plain", "post": False}
    created = client.post(f"{API}/works/{work.pk}/chapters", new, content_type="application/json", **auth)
    assert created.status_code == 201 and created.json()["posted"] is False
    chapter_id, version = created.json()["id"], created.json()["version"]
    assert client.get(f"{API}/works/{work.pk}/chapters/{chapter_id}").status_code == 404
    update = {"title": "Two", "body": "Better text.", "text_format": "plain", "version": version}
    updated = client.put(
        f"{API}/works/{work.pk}/chapters/{chapter_id}", update, content_type="application/json", **auth
    )
    assert updated.status_code == 200 and "Better text." in updated.json()["body_html"]
    stale = client.put(
        f"{API}/works/{work.pk}/chapters/{chapter_id}", update, content_type="application/json", **auth
    )
    assert stale.status_code == 409 and "now version 2" in stale.json()["detail"]
    assert "Better text." in Chapter.objects.get(pk=chapter_id).body
    posted = client.post(f"{API}/works/{work.pk}/chapters/{chapter_id}/post", **auth)
    assert posted.status_code == 200 and posted.json()["posted"] is True
    run_worker()
    assert Notification.objects.filter(user=follower).count() == 1
    assert client.get(f"{API}/works/{work.pk}/chapters/{chapter_id}").status_code == 200


def test_cannot_write_to_another_users_work(client, auth):
    theirs = make_work(title="Theirs")
    chapter = theirs.chapters.get()
    new = {"body": "Mine now.", "post": True}
    assert (
        client.post(
            f"{API}/works/{theirs.pk}/chapters", new, content_type="application/json", **auth
        ).status_code
        == 404
    )
    update = {"body": "Mine now.", "version": chapter.version}
    assert (
        client.put(
            f"{API}/works/{theirs.pk}/chapters/{chapter.pk}", update, content_type="application/json", **auth
        ).status_code
        == 404
    )
    assert client.get(f"{API}/works/{theirs.pk}/stats", **auth).status_code == 404
    assert theirs.chapters.count() == 1


def test_stats_of_own_work(client, writer, auth):
    work = make_work(writer, chapters=2)
    body = client.get(f"{API}/works/{work.pk}/stats", **auth).json()
    assert body["work_id"] == work.pk and [c["number"] for c in body["chapters"]] == [1, 2]
    assert len(body["daily"]) == 30 and body["kudos"] == 0


# --- Limits and docs ----------------------------------------------------------------------------------


def test_rate_limit_is_429_json_with_retry_after(client, settings, auth):
    settings.API_RATE_LIMITS = {"anon": "2/min", "token": "3/min", "write": "1/hour"}
    assert [client.get(f"{API}/works").status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get(f"{API}/works")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "rate limit" in limited.json()["detail"]
    # A token has its own, larger allowance.
    assert [client.get(f"{API}/works", **auth).status_code for _ in range(4)] == [200, 200, 200, 429]
    cache.clear()
    first = client.post(f"{API}/works", new_work_payload(), content_type="application/json", **auth)
    second = client.post(f"{API}/works", new_work_payload(), content_type="application/json", **auth)
    assert (first.status_code, second.status_code) == (201, 429)


def test_openapi_document_and_docs_page(client):
    document = client.get(f"{API}/openapi.json").json()
    assert document["info"]["title"] == "Quire API"
    assert {"/api/v1/works", "/api/v1/works/search", "/api/v1/tags/{name}"} <= set(document["paths"])
    docs = client.get(f"{API}/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_token_writes_need_no_csrf_token_but_a_browser_session_is_not_a_token(writer, auth):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    created = browser.post(f"{API}/works", new_work_payload(), content_type="application/json", **auth)
    assert created.status_code == 201
    # A logged-in browser without a token is a guest to the API: no cross-site request can write as it.
    browser.force_login(writer)
    refused = browser.post(f"{API}/works", new_work_payload(), content_type="application/json")
    assert refused.status_code == 401
    draft = make_work(writer, title="Session draft", posted=False)
    assert browser.get(f"{API}/works/{draft.pk}").status_code == 404


def test_the_last_day_there_is_is_a_clear_error_not_a_crash(client):
    response = client.get(f"{API}/works", {"updated_to": "9999-12-31"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "updated_to", "message": "“Updated to” must be before 9999-12-31."}
    ]
    assert client.get("/works", {"updated_to": "9999-12-31"}).status_code == 200


def test_nul_characters_are_refused_as_the_form_refuses_them(client, auth):
    payload = new_work_payload(fandoms=["Gilmore\x00Girls"], chapter={"body": "Text\x00."})
    response = client.post(f"{API}/works", payload, content_type="application/json", **auth)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "fandoms": "Null characters are not allowed.",
        "chapter.body": "Null characters are not allowed.",
    }


# --- What clients can count on (issue #20) -------------------------------------------------------------


def _json_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    return response.json()["detail"]


def test_every_api_error_is_json(client, writer, auth, settings, monkeypatch):
    assert "DELETE is not allowed" in _json_error(client.delete(f"{API}/works", **auth), 405)
    patched = client.patch(f"{API}/me", {}, content_type="application/json", **auth)
    assert _json_error(patched, 405) == "PATCH is not allowed at this address; it allows GET."
    assert patched["Allow"] == "GET"
    assert "openapi.json" in _json_error(client.get(f"{API}/no/such/thing"), 404)
    assert _json_error(client.post(f"{API}/works", "{not json", content_type="application/json", **auth), 400)
    multipart = client.post(f"{API}/works", {"file": io.BytesIO(b"x")}, **auth)
    assert "JSON" in _json_error(multipart, 415)
    # Django's own 400, before any view: a Host the archive does not answer to.
    assert "malformed" in _json_error(client.get(f"{API}/works", HTTP_HOST="elsewhere.example"), 400)
    # A browser's session is no token, and no CSRF token is asked for: a 401, in JSON.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    assert _json_error(browser.post(f"{API}/works", {}, content_type="application/json"), 401)
    settings.MAX_REQUEST_BYTES = 100
    big = client.post(f"{API}/works", new_work_payload(), content_type="application/json", **auth)
    assert _json_error(big, 413) == "The request is too large: the archive accepts at most 100 bytes."
    settings.MAX_REQUEST_BYTES = 10**6

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("quire.api.routers.works.work_detail_out", broken)
    work = make_work(writer)
    crashed = Client(raise_request_exception=False).get(f"{API}/works/{work.pk}")
    assert "went wrong" in _json_error(crashed, 500) and "a bug" not in crashed.content.decode()


def test_web_pages_keep_their_html_error_pages(client):
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("text/html")


def test_whole_number_floats_are_integers_and_fractions_are_not(client, writer, auth):
    created = client.post(
        f"{API}/works", new_work_payload(expected_chapters=2.0), content_type="application/json", **auth
    )
    assert created.status_code == 201, created.content
    assert created.json()["expected_chapters"] == 2
    work_id, chapter_id = created.json()["id"], created.json()["chapter_list"][0]["id"]
    url = f"{API}/works/{work_id}/chapters/{chapter_id}"
    update = {"body": "Better.", "version": 1.0}
    assert client.put(url, update, content_type="application/json", **auth).json()["version"] == 2
    for version in (2.5, True, "2"):
        refused = client.put(url, {**update, "version": version}, content_type="application/json", **auth)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "version", version
    half = client.post(
        f"{API}/works", new_work_payload(expected_chapters=2.5), content_type="application/json", **auth
    )
    assert half.status_code == 422 and half.json()["errors"][0]["field"] == "expected_chapters"
    # The document keeps stating the bounds.
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    expected = schemas["WorkIn"]["properties"]["expected_chapters"]["anyOf"][0]
    assert expected == {"type": "integer", "minimum": 1, "maximum": 5000}
    version = schemas["ChapterUpdateIn"]["properties"]["version"]
    assert (version["type"], version["minimum"], version["maximum"]) == ("integer", 1, 2**31 - 1)


def test_a_version_from_the_future_is_a_409_that_says_so(client, writer, auth):
    work = make_work(writer)
    chapter = work.chapters.get()
    url = f"{API}/works/{work.pk}/chapters/{chapter.pk}"
    future = client.put(url, {"body": "Mine.", "version": 6}, content_type="application/json", **auth)
    assert future.status_code == 409
    assert future.json()["detail"] == (
        "Version 6 of this chapter does not exist yet; the chapter is at version 1. "
        "Fetch it, merge your changes and send version 1."
    )
    assert "Mine." not in Chapter.objects.get(pk=chapter.pk).body


def test_the_document_states_the_rules_it_answers_422_for(client):
    document = client.get(f"{API}/openapi.json").json()
    schemas = document["components"]["schemas"]
    filters = {
        p["name"]: p.get("description", "") for p in document["paths"][f"{API}/works"]["get"]["parameters"]
    }
    assert "`words_to`" in filters["words_from"] and "`words_from`" in filters["words_to"]
    assert "`updated_to`" in filters["updated_from"] and "`updated_from`" in filters["updated_to"]
    work = schemas["WorkIn"]["properties"]
    for name in ("fandoms", "relationships", "characters", "additional_tags"):
        assert "another type" in work[name]["description"] and "NUL" in work[name]["description"], name
    for name in ("title", "summary", "notes", "end_notes"):
        assert "NUL" in work[name]["description"], name
    assert "NUL" in schemas["ChapterIn"]["properties"]["body"]["description"]
    # Every operation that takes input declares its 422, with the error schema naming each field.
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("parameters") or "requestBody" in operation:
                content = operation["responses"]["422"]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/ValidationErrorOut"}, (method, path)
    assert "`words_from` at most `words_to`" in schemas["ValidationErrorOut"]["description"]


def test_the_document_links_a_new_work_to_what_a_client_does_next(client):
    document = client.get(f"{API}/openapi.json").json()
    operations = {
        operation["operationId"]: {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        for methods in document["paths"].values()
        for operation in methods.values()
    }
    every_link = [
        link
        for methods in document["paths"].values()
        for operation in methods.values()
        for answer in operation["responses"].values()
        for link in answer.get("links", {}).values()
    ]
    for link in every_link:
        assert set(link["parameters"]) == operations[link["operationId"]], link
    created = document["paths"][f"{API}/works"]["post"]["responses"]["201"]["links"]
    assert {"GetWork", "AddChapter", "GetFirstChapter", "PostFirstChapter"} <= set(created)
