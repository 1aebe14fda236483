"""Drive FanFicFare (pip: fanficfare==4.62.0) against a local Quire server.

FanFicFare only knows real sites, so we build a minimal site adapter on top
of its BaseOTWAdapter (the AO3 parser; same as its adapter_squidgeworldorg.py)
for whatever host:port the test server listens on, and register it at run
time -- nothing in the installed fanficfare package is edited.

    cls = make_adapter_class("http://127.0.0.1:8123")   # once per server
    data = download_story("http://127.0.0.1:8123/works/41")
    data["title"], data["fandoms"], data["chapters"][0] == (title, html)

Requests made for a 2-chapter work (is_adult=True, the default here):
    /works/ID/navigate?view_adult=true      title, authors, chapter list
    /works/ID?view_adult=true               all other metadata
    /works/ID?view_full_work=true&view_adult=true   text of every chapter
A 1-chapter work fetches /works/ID/chapters/CID?view_adult=true instead of
the view_full_work page. No login is attempted unless a page contains one of
BaseOTWAdapter.needToLoginCheck's marker strings (see the report).
"""

import io
import logging
import os
import re
from urllib.parse import urlparse

import fanficfare
from bs4 import BeautifulSoup  # installed with fanficfare
from fanficfare import adapters, writers
from fanficfare.adapters.base_otw_adapter import BaseOTWAdapter
from fanficfare.configurable import Configuration

# fanficfare attaches a DEBUG stderr handler to its logger on import.
logging.getLogger("fanficfare").setLevel(logging.WARNING)

# Settings layered over the package's defaults.ini, in its [overrides]
# section (highest priority).
DEFAULT_SETTINGS = {
    # Adds ?view_adult=true to the page requests. It also means an
    # "adult content" interstitial is followed, not an error.
    "is_adult": "true",
    # [archiveofourown.org] sets 4s (x0.5..1.5 random) between requests.
    "slow_down_sleep_time": "0",
    # Fail fast: the default is 4 retries with 4/8/16s backoff on 5xx.
    "max_request_retries": "0",
    "connect_timeout": "10",
    # One request for all chapter text (the FFF default, stated here).
    "use_view_full_work": "true",
    # Keep every kind of note (the default; listed so tests can trim it).
    "exclude_notes": "",
    # No generated cover image and no <img> fetching in tests.
    "include_images": "false",
    "never_make_cover": "true",
}


def make_adapter_class(base_url):
    """Return, and register with fanficfare, an OTW adapter for base_url.

    base_url is e.g. "http://127.0.0.1:8123". Calling it again for the same
    host replaces the earlier registration.
    """
    parsed = urlparse(base_url)
    host = parsed.netloc.lower()  # fanficfare looks adapters up by netloc, port included
    scheme = parsed.scheme or "http"

    def to_local(url):
        # BaseOTWAdapter hard-codes 'https://' + domain for every URL it
        # builds. Map those back to the scheme the test server speaks.
        return re.sub(r"^https?://" + re.escape(host), scheme + "://" + host, url)

    class QuireAdapter(BaseOTWAdapter):
        def __init__(self, config, url):
            BaseOTWAdapter.__init__(self, config, url)
            self.story.setMetadata("siteabbrev", "quire")

        @staticmethod  # fanficfare calls this on the class and on instances
        def getSiteDomain():
            # The base class turns this into its URL regex, '.' escaped; a
            # ':port' passes as is, so getSiteURLPattern needs no override.
            return host

        @classmethod
        def getConfigSections(cls):
            # Pull in defaults.ini's [archiveofourown.org] section: it
            # declares the extra metadata names (fandoms, freeformtags,
            # ao3categories, chapterslashtotal, ...) that Story only returns
            # if they are "valid entries".
            return ["base_otw", "archiveofourown.org", cls.getConfigSection()]

        def _setURL(self, url):
            # Keeps storyUrl on the test server's scheme, not https.
            BaseOTWAdapter._setURL(self, to_local(url))

        def mod_url_request(self, url):
            # Every fetch goes through here, including chapter URLs the
            # base class builds as 'https://' + host + href.
            return to_local(url)

    # fanficfare.adapters keeps its registry in module globals and fills it
    # at import time from getClass() of each bundled adapter module.
    registry = vars(adapters)
    registry["__class_list"][:] = [c for c in registry["__class_list"] if c.getSiteDomain() != host]
    registry["__class_list"].append(QuireAdapter)
    registry["__domain_map"][host] = [QuireAdapter]
    return QuireAdapter


def make_configuration(url, **settings):
    """A Configuration for url: package defaults.ini + DEFAULT_SETTINGS + settings.

    Only the bundled defaults.ini is read, so a developer's
    ~/.fanficfare/personal.ini cannot change test results.
    """
    config = Configuration(adapters.getConfigSectionsFor(url), "epub")
    config.read(os.path.join(os.path.dirname(fanficfare.__file__), "defaults.ini"))
    if not config.has_section("overrides"):
        config.add_section("overrides")
    for key, value in {**DEFAULT_SETTINGS, **settings}.items():
        config.set("overrides", key, str(value).lower() if isinstance(value, bool) else str(value))
    return config


def _labelled_notes(html, css_class):
    """{label: inner html} for FFF's injected notes <div class=css_class>.

    FFF writes notes as <b>Label:</b><blockquote class="userstuff">...; with
    default notelabel_* settings labels are unique within one div.
    """
    div = BeautifulSoup(html, "html.parser").find("div", class_=css_class)
    notes = {}
    for b in div.find_all("b", recursive=False) if div else []:
        body = b.find_next_sibling()
        if body is not None and body.name != "b":
            notes[b.get_text()] = body.decode_contents().strip()
    return notes


def download_story(url, epub_path=None, **settings):
    """Download a work with FanFicFare; return metadata and chapter texts.

    make_adapter_class() must have been called for url's host. Keyword
    settings override DEFAULT_SETTINGS (e.g. is_adult=False,
    use_view_full_work=False, exclude_notes="authorheadnotes").
    If epub_path is given, also write the EPUB there.
    """
    config = make_configuration(url, **settings)
    adapter = adapters.getAdapter(config, url)
    try:
        story = adapter.getStory()  # metadata, then every chapter's text
    finally:
        # Close the keep-alive connections now, or the live server's threads outlive the test run.
        session = getattr(config.get_fetcher(), "requests_session", None)
        if session is not None:
            session.close()
    chapters = [(ch["title"], ch["html"]) for ch in story.getChapters()]
    if epub_path:
        out = io.BytesIO()
        writers.getWriter("epub", config, adapter).writeStory(outstream=out)
        with open(epub_path, "wb") as f:
            f.write(out.getvalue())
    heads = [_labelled_notes(h, "fff_head_notes") for _, h in chapters]
    feet = [_labelled_notes(h, "fff_foot_notes") for _, h in chapters]

    def meta(key):
        return story.getMetadata(key, removeallentities=True)  # "&amp;" -> "&"

    def lst(key):
        return story.getList(key, removeallentities=True)

    return {
        "url": meta("storyUrl"),
        "title": meta("title"),
        "authors": lst("author"),  # link texts of a[href*=/users/NAME/pseuds/]
        "byline": meta("byline"),
        "rating": meta("rating"),
        "warnings": lst("warnings"),
        "categories": lst("ao3categories"),
        "fandoms": lst("fandoms"),
        "relationships": lst("ships"),
        "characters": lst("characters"),
        "freeform_tags": lst("freeformtags"),
        "language": meta("language"),
        "words": story.getMetadataRaw("numWords"),  # text as shown, e.g. "1,234"
        "chapter_count": story.getChapterCount(),
        "chapters_shown": meta("chapterslashtotal"),  # e.g. "2/2" or "1/?"
        "status": meta("status"),  # "Completed" iff x == y in "x/y"
        "published": meta("datePublished"),  # "YYYY-MM-DD"
        "updated": meta("dateUpdated"),
        "summary": story.getMetadataRaw("description"),  # HTML, blockquote -> div
        "chapter_dates": [ch["date"] for ch in story.getChapters()],  # "" if 1 chapter
        # FFF has no notes metadata: it inlines work notes into the first
        # chapter's head and work end notes into the last chapter's foot,
        # each under a bold label.
        "notes": heads[0].get("Author's Note:", "") if heads else "",
        "end_notes": feet[-1].get("Author's Note:", "") if feet else "",
        "chapter_notes": [
            {
                "summary": h.get("Summary for the Chapter:", ""),
                "notes": h.get("Notes for the Chapter:", ""),
                "end_notes": f.get("Notes for the Chapter:", ""),
            }
            for h, f in zip(heads, feet, strict=True)
        ],
        "chapters": chapters,  # [(title from navigate link text, FFF html)]
    }
