import threading
from urllib.parse import urlencode

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.client import MULTIPART_CONTENT, Client
from django.test.testcases import LiveServerThread
from django.utils.datastructures import MultiValueDict
from factories import PASSWORD, UserFactory

from quire.works import services as work_services
from quire.works.enums import Category, Rating, Warning

FORM_CONTENT = "application/x-www-form-urlencoded"


def _sends_a_file(data) -> bool:
    values = data.lists() if isinstance(data, MultiValueDict) else data.items()
    flat = (item for _, value in values for item in (value if isinstance(value, list | tuple) else [value]))
    return any(hasattr(item, "read") for item in flat)


@pytest.fixture(autouse=True, scope="session")
def _forms_posted_as_browsers_post_them():
    """The test client posts every form as multipart/form-data; a browser does so only for a form that
    sends a file, and Quire refuses multipart bodies elsewhere (quire/core/uploads.py). So forms without
    a file are posted url-encoded, as a browser would post them."""
    original = Client.post

    def post(self, path, data=None, content_type=MULTIPART_CONTENT, *args, **kwargs):
        data = {} if data is None else data
        if content_type == MULTIPART_CONTENT and isinstance(data, dict) and not _sends_a_file(data):
            data = urlencode(list(data.lists()) if isinstance(data, MultiValueDict) else data, doseq=True)
            content_type = FORM_CONTENT
        return original(self, path, data, content_type, *args, **kwargs)

    Client.post = post
    yield
    Client.post = original


class _OneRequestAtATimeServer(ThreadedWSGIServer):
    """On SQLite the test database lives in memory. The live server's request threads either share the
    test's one connection (when the server starts after the database) or open their own to the same
    shared-cache database. Either way two requests at once (a page's reading beacon while the reader
    clicks Subscribe) collide: SQLite refuses the commit ("SQL statements in progress") or the table
    ("database table is locked"; shared-cache locks ignore the busy timeout). So on SQLite each request
    holds a lock from the moment the application is called until its response is closed. Connections
    stay threaded, so a browser's idle keep-alive connection blocks nobody."""

    def set_app(self, application):
        if connections["default"].vendor != "sqlite":
            return super().set_app(application)
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            lock.acquire()
            try:
                response = application(environ, start_response)
            except BaseException:
                lock.release()
                raise
            return _ReleasedOnClose(response, lock.release)

        return super().set_app(one_at_a_time)


class _ReleasedOnClose:
    def __init__(self, response, release):
        self._response, self._release = response, release

    def __iter__(self):
        return iter(self._response)

    def close(self):
        try:
            if hasattr(self._response, "close"):
                self._response.close()
        finally:
            self._release()


LiveServerThread.server_class = _OneRequestAtATimeServer


@pytest.fixture(autouse=True)
def _quiet_storage(settings, tmp_path):
    # Mail goes to memory and files to a scratch folder, whatever the environment says.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True, scope="session")
def _scratch_cache(tmp_path_factory):
    """The archive's own file cache, in a folder of this test session's: the data folder's would be shared
    with a running archive and with other sessions (each of which clears it between tests)."""
    from django.test import override_settings

    location = tmp_path_factory.mktemp("cache")
    cache_settings = {"default": {"BACKEND": "quire.core.cache.SharedFileCache", "LOCATION": str(location)}}
    with override_settings(CACHES=cache_settings):
        yield location


@pytest.fixture(autouse=True)
def _fresh_cache(settings, _scratch_cache):
    # Rate-limit counters, the site switches and the banner live in the cache. Every test starts with no counters and
    # the default switches, cached as a running site would have them, so no test sees another's and query
    # counts stay steady. Tests post guest forms at once, so the minimum fill time is off unless a test
    # (tests/test_safety.py) turns it on.
    from django.core.cache import cache

    from quire.moderation.models import SiteSwitches
    from quire.moderation.switches import CACHE_KEY
    from quire.news.models import BANNER_CACHE_KEY, Banner
    from quire.sitepages import selectors as site_pages

    cache.clear()
    settings.GUEST_FORM_MIN_SECONDS = 0
    cache.set(CACHE_KEY, SiteSwitches(pk=1), None)
    cache.set(BANNER_CACHE_KEY, Banner(pk=1), None)  # no banner, as a running site has it cached
    # No site pages yet, as cached by a running site: the footer and the terms check cost no query.
    cache.set(site_pages.CACHE_KEY, site_pages.EMPTY, None)
    yield
    cache.delete(CACHE_KEY)
    cache.delete(BANNER_CACHE_KEY)
    cache.delete(site_pages.CACHE_KEY)


@pytest.fixture
def writer(db):
    return UserFactory(username="writer")


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def wrangler(client):
    """A staff member with the wrangler permission, logged in on `client`."""
    from django.contrib.auth.models import Permission

    user = UserFactory(username="wrangler")
    user.user_permissions.add(Permission.objects.get(codename="wrangle_tag"))
    client.force_login(user)
    return user


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def rich_work(writer):
    """Two chapters with every kind of note, and the older markup AO3 writers paste."""
    work = work_services.create_work(
        author=writer,
        work=work_services.WorkFields(
            title="Exit Ramps: “Mile Zero” & Beyond",
            rating=Rating.TEEN,
            warnings=[Warning.NONE_APPLY],
            categories=[Category.FM],
            fandoms=["Gilmore Girls"],
            relationships=["Jess Mariano/Rory Gilmore"],
            characters=["Rory Gilmore", "Jess Mariano"],
            additional_tags=["Road Trips", "Canon Divergence"],
            summary="<p>Rory says <em>yes</em>.</p>",
            notes="<p>Thanks to my beta &amp; friends.</p>",
            end_notes="<p>More soon.</p>",
            expected_chapters=2,
        ),
        chapter=work_services.ChapterFields(
            title="Mile Zero",
            summary="<p>They leave.</p>",
            notes="<p>Here we go.</p>",
            body=(
                "<p>“Come away with me…” he said.&nbsp;She got in the car.</p>"
                '<center>* * *</center><p align="right">Signed, <b>J</b><br>— Stars Hollow</p>'
                '<p><img src="https://example.org/map.png" alt="a map"> <a href="#top" name="x">top</a> '
                '<a href="/works/1">a link</a></p><hr><table><tr><td>cell</td></tr></table>'
            ),
        ),
        post=True,
    )
    work_services.add_chapter(
        work=work,
        user=work.author,
        fields=work_services.ChapterFields(
            title="Somewhere", body="<p>They drove until dawn.</p>", end_notes="<p>The end!</p>"
        ),
        post=True,
    )
    work.refresh_from_db()
    return work
