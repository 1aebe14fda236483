"""The OPDS 1.2 catalog (https://specs.opds.io/opds-1.2) that e-readers such as KOReader browse.

Every page exists twice: at /opds/ as a guest may see it, and under a reader's private address
/opds/u/<key>/, which shows the catalog as that reader (restricted works included) and adds their
followed works and bookmarks. The public catalog ignores any session: e-readers fetch it without one, and a
page that changed with the visitor's login could be kept by a shared cache and shown to guests.
"""

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode

from quire.access.reading import catalog_reader, may_see_tag, works_for
from quire.access.surfaces import Surface
from quire.collections.models import Collection
from quire.collections.selectors import works_scope
from quire.core.site import absolute_url
from quire.creators.selectors import with_credits
from quire.discovery.forms import WorkFilterForm
from quire.discovery.listing import find_works
from quire.exports.naming import download_filename
from quire.feeds import selectors
from quire.feeds.atom import named_creators
from quire.feeds.links import epub_path
from quire.feeds.xml import xml_safe
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.tags.urlnames import from_url, to_url
from quire.works.models import Work

NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPENSEARCH = "application/opensearchdescription+xml"
EPUB = "application/epub+zip"
HTML = "text/html"
ACQUIRE = "http://opds-spec.org/acquisition"
SORT_NEW = "http://opds-spec.org/sort/new"
SORT_POPULAR = "http://opds-spec.org/sort/popular"
PER_PAGE = 20
# `updated` of a catalog page that lists nothing yet: fixed, so an empty page does not change on every fetch.
NOTHING_YET = datetime(2000, 1, 1, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Link:
    rel: str
    href: str
    type: str
    title: str = ""
    count: int | None = None


@dataclass
class Entry:
    id: str
    title: str
    updated: str
    links: list[Link]
    text: str = ""
    published: str = ""
    # (name, absolute page address) of each accepted creator, the lead first.
    authors: list[tuple[str, str]] = field(default_factory=list)
    language: str = ""
    categories: list[str] = field(default_factory=list)
    content: str = ""
    content_type: str = "text"


class Catalog:
    """One reader's catalog: builds its absolute addresses, under the private prefix when there is one."""

    def __init__(self, request, key: str | None):
        self.request = request
        self.key = key
        if key is None:
            self.user = AnonymousUser()
        else:
            self.user = catalog_reader(key)

    @property
    def is_private(self) -> bool:
        return self.key is not None

    @property
    def surface(self) -> Surface:
        return Surface.PRIVATE_CATALOG if self.is_private else Surface.PUBLIC_CATALOG

    def url(self, name: str, *args, query: dict | None = None) -> str:
        if self.is_private:
            path = reverse(f"feeds:user_{name}", args=[self.key, *args])
        else:
            path = reverse(f"feeds:{name}", args=args)
        return self.site(path + (f"?{urlencode(query)}" if query else ""))

    def site(self, path: str) -> str:
        return absolute_url(path, self.request)


def catalog_page(view):
    @wraps(view)
    def wrapper(request, *args, key=None, **kwargs):
        return view(request, Catalog(request, key), *args, **kwargs)

    return wrapper


def _respond(catalog: Catalog, *, kind: str, title: str, entries: list[Entry], self_url: str, **extra):
    links = [
        Link("self", self_url, kind),
        Link("start", catalog.url("root"), NAVIGATION, settings.SITE_NAME),
        Link("search", catalog.url("opensearch"), OPENSEARCH, f"Search {settings.SITE_NAME}"),
        *extra.pop("links", []),
    ]
    updated = max((entry.updated for entry in entries), default=stamp(NOTHING_YET))
    feed = {"id": self_url, "title": title, "updated": updated, "links": links, **extra}
    body = render_to_string(
        "feeds/opds/feed.xml", {"feed": feed, "entries": entries, "site_name": settings.SITE_NAME}
    )
    return HttpResponse(xml_safe(body), content_type=f"{kind};charset=utf-8")


def _navigation_entry(
    url: str, title: str, text: str, *, updated, kind=NAVIGATION, rel="subsection", count=None
):
    """`updated` is the newest change of what the entry leads to (None when it holds nothing yet)."""
    return Entry(
        id=url,
        title=title,
        updated=stamp(updated or NOTHING_YET),
        content=text,
        links=[Link(rel, url, kind, count=count)],
    )


def _work_entry(catalog: Catalog, work: Work) -> Entry:
    summary = html.unescape(strip_tags(work.summary_html)).strip()
    fandoms = ", ".join(tag.name for tag in work.fandoms)
    facts = (
        f"<p>{html.escape(fandoms)} · {work.get_rating_display()} · {work.word_count:,} words · "
        f"Chapters: {work.chapters_display}</p>"
    )
    page = catalog.site(work.get_absolute_url())
    return Entry(
        id=page,
        title=work.title,
        updated=stamp(work.revised_at),
        published=stamp(work.posted_at),
        authors=named_creators(work, catalog.site),
        language=work.language,
        categories=[row.tag.name for row in work.work_tags.all()],
        text=summary,
        content=facts + work.summary_html,
        content_type="html",
        links=[
            Link(ACQUIRE, _epub_url(catalog, work), EPUB, "EPUB"),
            Link("alternate", page, HTML, "Read on the archive"),
        ],
    )


def _epub_url(catalog: Catalog, work: Work) -> str:
    if catalog.is_private:
        return catalog.url("download", work.pk, download_filename(work, "epub"))
    return catalog.site(epub_path(work))


def _page_links(catalog: Catalog, page, name: str, args=(), query=None) -> list[Link]:
    def at(number):
        return catalog.url(name, *args, query={**(query or {}), **({"page": number} if number > 1 else {})})

    links = [Link("first", at(1), ACQUISITION), Link("last", at(page.paginator.num_pages), ACQUISITION)]
    if page.has_previous():
        links.append(Link("previous", at(page.previous_page_number()), ACQUISITION))
    if page.has_next():
        links.append(Link("next", at(page.next_page_number()), ACQUISITION))
    return links


def _acquisition(request, catalog: Catalog, works, *, title: str, name: str, args=()):
    page = Paginator(with_credits(works.for_listing()), PER_PAGE).get_page(request.GET.get("page"))
    return _respond(
        catalog,
        kind=ACQUISITION,
        title=title,
        entries=[_work_entry(catalog, work) for work in page],
        self_url=catalog.site(request.get_full_path()),
        links=[*_page_links(catalog, page, name, args), Link("up", catalog.url("root"), NAVIGATION)],
        total=page.paginator.count,
        per_page=PER_PAGE,
        start_index=page.start_index(),
    )


# --- Navigation -----------------------------------------------------------------------------------------


@catalog_page
def root(request, catalog):
    newest = selectors.newest_change(selectors.catalog_works(catalog.user, catalog.surface))
    entries = [
        _navigation_entry(
            catalog.url("recent"),
            "Recently updated",
            "Works with new chapters or edits, newest first.",
            updated=newest,
            kind=ACQUISITION,
            rel=SORT_NEW,
        ),
        _navigation_entry(
            catalog.url("media"), "Fandoms by media", "Books, films, TV shows and more.", updated=newest
        ),
        _navigation_entry(
            catalog.url("tags"),
            "Popular tags",
            "The tags with the most works.",
            updated=newest,
            rel=SORT_POPULAR,
        ),
        _navigation_entry(
            catalog.url("collections"),
            "Collections",
            "Events, exchanges and prompt memes.",
            updated=newest,
        ),
    ]
    if catalog.is_private:
        entries[:0] = [
            _navigation_entry(
                catalog.url("following"),
                "Works you follow",
                "Works you subscribed to, latest update first.",
                updated=selectors.newest_change(selectors.followed_works(catalog.user)),
                kind=ACQUISITION,
            ),
            _navigation_entry(
                catalog.url("authors"),
                "Works by authors you follow",
                "Latest update first.",
                updated=selectors.newest_change(selectors.works_by_followed_authors(catalog.user)),
                kind=ACQUISITION,
            ),
            _navigation_entry(
                catalog.url("bookmarks"),
                "Your bookmarks",
                "Newest bookmark first.",
                updated=selectors.newest_bookmark_change(catalog.user),
                kind=ACQUISITION,
            ),
        ]
    title = f"{settings.SITE_NAME} for {catalog.user.username}" if catalog.is_private else settings.SITE_NAME
    return _respond(catalog, kind=NAVIGATION, title=title, entries=entries, self_url=catalog.url("root"))


@catalog_page
def media(request, catalog):
    newest = selectors.media_newest_changes(catalog.user, catalog.surface)
    entries = [
        _navigation_entry(
            catalog.url("medium", to_url(medium.name)),
            medium.name,
            f"Fandoms in {medium.name}.",
            updated=newest.get(medium.pk),
        )
        for medium in Tag.objects.filter(type=TagType.MEDIA).order_by("name")
    ]
    links = [Link("up", catalog.url("root"), NAVIGATION)]
    return _respond(
        catalog,
        kind=NAVIGATION,
        title="Fandoms by media",
        entries=entries,
        self_url=catalog.url("media"),
        links=links,
    )


@catalog_page
def medium(request, catalog, name):
    medium = get_object_or_404(Tag.objects.named(from_url(name)), type=TagType.MEDIA)
    entries = [
        _tag_entry(catalog, fandom) for fandom in selectors.fandoms_of(medium, catalog.user, catalog.surface)
    ]
    return _respond(
        catalog,
        kind=NAVIGATION,
        title=f"Fandoms in {medium.name}",
        entries=entries,
        self_url=catalog.url("medium", name),
        links=[Link("up", catalog.url("media"), NAVIGATION)],
    )


@catalog_page
def tags(request, catalog):
    entries = [_tag_entry(catalog, tag) for tag in selectors.popular_tags(catalog.user, catalog.surface)]
    return _respond(
        catalog,
        kind=NAVIGATION,
        title="Popular tags",
        entries=entries,
        self_url=catalog.url("tags"),
        links=[Link("up", catalog.url("root"), NAVIGATION)],
    )


def _tag_entry(catalog: Catalog, tag: Tag) -> Entry:
    works = f"{tag.work_count:,} work{'s' if tag.work_count != 1 else ''}"
    return _navigation_entry(
        catalog.url("tag", to_url(tag.name)),
        tag.name,
        f"{works} ({tag.get_type_display().lower()}).",
        updated=tag.newest_change,
        kind=ACQUISITION,
        count=tag.work_count,
    )


@catalog_page
def collections(request, catalog):
    """One entry per collection holding works this reader may see (unrevealed ones only after the reveal),
    dated by its newest."""
    found = selectors.collections_with_works(catalog.user, catalog.surface)
    entries = [
        _navigation_entry(
            catalog.url("collection", collection.name),
            collection.title,
            collection.header
            or f"{collection.work_count:,} work{'s' if collection.work_count != 1 else ''}.",
            updated=collection.newest_change,
            kind=ACQUISITION,
            count=collection.work_count,
        )
        for collection in found
    ]
    return _respond(
        catalog,
        kind=NAVIGATION,
        title="Collections",
        entries=entries,
        self_url=catalog.url("collections"),
        links=[Link("up", catalog.url("root"), NAVIGATION)],
    )


@catalog_page
def collection(request, catalog, name):
    found = get_object_or_404(Collection, name=name)
    works = (
        selectors.catalog_works(catalog.user, catalog.surface).filter(works_scope(found)).recently_updated()
    )
    return _acquisition(request, catalog, works, title=found.title, name="collection", args=[name])


# --- Acquisition ----------------------------------------------------------------------------------------


@catalog_page
def recent(request, catalog):
    works = selectors.catalog_works(catalog.user, catalog.surface).recently_updated()
    return _acquisition(request, catalog, works, title="Recently updated", name="recent")


@catalog_page
def tag(request, catalog, name):
    if "\x00" in name:
        raise Http404
    found = get_object_or_404(Tag.objects.select_related("merger").named(from_url(name)))
    if not may_see_tag(catalog.user, found):
        raise Http404
    works = selectors.works_in(found, catalog.user, catalog.surface).recently_updated()
    key = found.filter_key
    return _acquisition(request, catalog, works, title=f"Works in {key.name}", name="tag", args=[name])


@catalog_page
def following(request, catalog):
    works = selectors.followed_works(catalog.user)
    return _acquisition(request, catalog, works, title="Works you follow", name="following")


@catalog_page
def authors(request, catalog):
    works = selectors.works_by_followed_authors(catalog.user)
    return _acquisition(request, catalog, works, title="Works by authors you follow", name="authors")


@catalog_page
def bookmarks(request, catalog):
    works = selectors.bookmarked_works(catalog.user)
    return _acquisition(request, catalog, works, title="Your bookmarks", name="bookmarks")


@catalog_page
def search(request, catalog):
    params = WorkFilterForm({"q": request.GET.get("q", "")}, searching=True).usable_data()
    listing = find_works(
        user=catalog.user, params=params, surface=catalog.surface, page_number=request.GET.get("page")
    )
    query = params.get("q") or ""
    page = listing.page
    return _respond(
        catalog,
        kind=ACQUISITION,
        title=f"Search results for “{query}”" if query else "Search works",
        entries=[_work_entry(catalog, work) for work in page.object_list],
        self_url=catalog.site(request.get_full_path()),
        links=[
            *_page_links(catalog, page, "search", query={"q": query}),
            Link("up", catalog.url("root"), NAVIGATION),
        ],
        total=listing.total,
        per_page=page.paginator.per_page,
        start_index=page.start_index(),
        query=query,
    )


@catalog_page
def opensearch(request, catalog):
    template = catalog.url("search") + "?q={searchTerms}"
    body = render_to_string(
        "feeds/opds/opensearch.xml",
        {"site_name": settings.SITE_NAME, "template": template, "kind": ACQUISITION},
    )
    return HttpResponse(body, content_type=f"{OPENSEARCH};charset=utf-8")


@catalog_page
def download(request, catalog, work_id, filename):
    """An EPUB for an e-reader that has only the private address: the downloads' own view, as its reader.

    E-readers keep no session, so a members-only work's download would otherwise refuse them.
    """
    # A download is asked for on purpose: a muted writer's work the reader reached anyway still comes.
    work = get_object_or_404(works_for(catalog.user, catalog.surface, hide_muted=False), pk=work_id)
    match = resolve(epub_path(work))
    request.user = catalog.user
    return match.func(request, *match.args, **match.kwargs)
