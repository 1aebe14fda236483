"""Requests as long as the API document and the forms allow get through the web server to the archive, and
longer ones get a clear answer: JSON on the API, a page elsewhere (issue #20, "API clients")."""

import sys
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.http.parser import RequestParser

from quire.core.management.commands import serve
from quire.core.request_line import MAX_REQUEST_LINE

pytestmark = pytest.mark.django_db
API = "/api/v1"
# A 4-byte character: 12 bytes percent-encoded, the most any character takes (common CJK takes 9).
WIDEST = "\U0002a6a5"
LONGEST_INTEGER = str(2**63 - 1)


def _longest_value(schema: dict) -> str:
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return max(schema["enum"], key=len)
    if schema.get("type") == "integer":
        return str(schema.get("maximum", LONGEST_INTEGER))
    if schema.get("type") == "boolean":
        return "false"
    if schema.get("format") == "date":
        return "2024-12-31"
    return WIDEST * schema["maxLength"]


def _query_value(schema: dict) -> list[str]:
    if schema.get("type") == "array":
        return [_longest_value(schema["items"])] * schema["maxItems"]
    if "anyOf" in schema:  # an optional value: the longest of its kinds
        return [
            max((_longest_value(kind) for kind in schema["anyOf"] if kind.get("type") != "null"), key=len)
        ]
    return [_longest_value(schema)]


def longest_requests(document: dict) -> dict[str, str]:
    """Each read operation's longest address the document allows, every parameter at its longest."""
    found = {}
    for template, operations in document["paths"].items():
        if "get" not in operations:
            continue
        path, query = template, []
        for parameter in operations["get"].get("parameters", []):
            values = _query_value(parameter["schema"])
            if parameter["in"] == "path":
                path = path.replace("{" + parameter["name"] + "}", quote(values[0]))
            else:
                query += [(parameter["name"], value) for value in values]
        found[template] = path + ("?" + urlencode(query) if query else "")
    return found


@pytest.fixture
def longest(client):
    return longest_requests(client.get(f"{API}/openapi.json").json())


def _request_bytes(target: str, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1"] + [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _parse_as_quire_serve_does(monkeypatch, settings, raw: bytes):
    """gunicorn's own parser, configured from the command line `quire serve` starts it with."""
    started = []

    class Exited:
        def __init__(self, command):
            started.append(command)

        def poll(self):
            return 0

        def wait(self, timeout=None):
            return 0

    settings.DEMO_MODE = True
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)  # no collectstatic
    monkeypatch.setattr(serve.subprocess, "Popen", Exited)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    call_command("serve", "--port", "8999")
    (command,) = started
    monkeypatch.setattr(sys, "argv", command[command.index("gunicorn") :])
    config = WSGIApplication().cfg
    return next(iter(RequestParser(config, iter([raw]), ("127.0.0.1", 50000))))


def test_the_longest_request_the_api_document_allows_fits_the_archives_bound(longest):
    search = longest["/api/v1/works/search"]
    # 500 characters of search and 30 + 30 tags of 150 characters: the requests, at their widest.
    assert search.count(quote(WIDEST)) == 500 + 2 * 30 * 150
    assert max(len(target) for target in longest.values()) == len(search) <= MAX_REQUEST_LINE


def test_the_longest_search_and_listing_the_document_allows_are_answered(client, longest):
    for template in ("/api/v1/works", "/api/v1/works/search"):
        response = client.get(longest[template])
        assert response.status_code == 200, (template, response.content[:300])
        assert response.json()["count"] == 0


def test_gunicorn_as_quire_serve_starts_it_reads_the_longest_request_the_api_allows(
    monkeypatch, settings, longest
):
    # A long listing's address also comes back in headers: htmx's HX-Current-URL, a browser's Referer.
    target = longest["/api/v1/works/search"]
    request = _parse_as_quire_serve_does(
        monkeypatch, settings, _request_bytes(target, {"HX-Current-URL": "http://127.0.0.1" + target})
    )
    assert request.path == "/api/v1/works/search" and len(request.query) == len(target.split("?", 1)[1])
    assert dict(request.headers)["HX-CURRENT-URL"].endswith(target)
    # The web search box takes 500 characters too; 455 CJK ones were too many for gunicorn's defaults.
    web = _parse_as_quire_serve_does(
        monkeypatch, settings, _request_bytes("/works/search?q=" + quote("狼" * 500))
    )
    assert web.path == "/works/search" and len(web.query) == len("q=") + 9 * 500


def test_gunicorn_still_bounds_what_it_reads(monkeypatch, settings):
    """Reading takes time growing with the square of the length: a line of megabytes is not read."""
    with pytest.raises(LimitRequestLine):
        _parse_as_quire_serve_does(monkeypatch, settings, _request_bytes("/?q=" + "a" * 2**21))
    many = {f"X-Header-{n}": "a" * 8000 for n in range(150)}
    with pytest.raises(LimitRequestHeaders):
        _parse_as_quire_serve_does(monkeypatch, settings, _request_bytes("/", many))


def test_an_address_longer_than_any_form_makes_is_414_json_on_the_api_and_a_page_elsewhere(client):
    too_long = "a" * MAX_REQUEST_LINE
    api = client.get(f"{API}/works/search?q={too_long}")
    assert api.status_code == 414 and api["Content-Type"].startswith("application/json")
    assert api.json() == {"detail": "The address is too long: the archive reads at most 131,072 bytes of it."}
    page = client.get(f"/search?q={too_long}")
    assert page.status_code == 414 and "That address is too long" in page.content.decode()
