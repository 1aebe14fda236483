"""Collections: the index, one collection, its works (the works listing's filters, through the selector its
page uses) and its bookmarks; and putting one's own work in a collection or taking it out, as the web does."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from ninja import Path, Query, Router, Status

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.access.writing import ensure_not_barred
from quire.api import links
from quire.api.auth import OPTIONAL_SECURITY, OptionalTokenAuth, TokenAuth
from quire.api.errors import FieldErrors, not_found, responses
from quire.api.output import bookmark_out, collection_out, collection_ref, collection_settings_out, page_out
from quire.api.routers.listings import listing
from quire.api.schemas import (
    ALREADY_IN,
    BookmarkPage,
    CollectionDetailOut,
    CollectionFilters,
    CollectionItemOut,
    CollectionPage,
    CollectionWorkIn,
    CollectionWorkPage,
    WorkFilters,
)
from quire.api.throttles import ReadThrottle, WriteThrottle
from quire.collections import selectors, services
from quire.collections.models import NAME_MAX
from quire.exchanges.models import Exchange
from quire.prompts.models import PromptMeme
from quire.works.models import Work

router = Router(tags=["collections"])
# As the web pages page them (quire.collections.views.PER_PAGE).
PER_PAGE = 20
WRITE = {"auth": TokenAuth(), "throttle": [ReadThrottle(), WriteThrottle()]}
NAME = Path(..., max_length=NAME_MAX, description="The collection's name, as in its address")
SAME_COLLECTION = {"name": "$request.path.name"}


def read(**extra) -> dict:
    return {
        "auth": OptionalTokenAuth(),
        "throttle": [ReadThrottle()],
        "openapi_extra": {**OPTIONAL_SECURITY, **extra},
    }


def collection_or_404(name: str):
    collection = selectors.collection_named(name.replace("\x00", ""))
    if collection is None:
        raise not_found("collection")
    return collection


@router.get(
    "/collections",
    response=responses({200: CollectionPage}, finds=False),
    **read(
        **links.on(
            200,
            GetFirstCollection=links.to(
                "collections.collection_detail", {"name": "$response.body#/results/0/name"}
            ),
        )
    ),
)
def list_collections(request, filters: Query[CollectionFilters]):
    """Every standing collection (subcollections are listed in their parent), by title: the Collections
    page."""
    page = Paginator(selectors.listed_collections().order_by("title", "pk"), PER_PAGE).get_page(filters.page)
    return page_out(page, [collection_out(request, c) for c in page.object_list])


@router.get(
    "/collections/{name}",
    response=responses({200: CollectionDetailOut}),
    **read(
        **links.on(
            200,
            GetWorks=links.to("collections.collection_works", SAME_COLLECTION),
            GetBookmarks=links.to("collections.collection_bookmarks", SAME_COLLECTION),
        )
    ),
)
def collection_detail(request, name: str = NAME):
    """A collection as its page shows it: its description, rules and settings, its standing collection and
    its subcollections, and how many works (those you may see, and the mystery works you may not see yet)
    and bookmarks it holds."""
    collection = collection_or_404(name)
    user = request.auth
    return {
        **collection_ref(request, collection),
        "header": collection.header,
        "description_html": collection.description_html,
        "rules_html": collection.rules_html,
        "settings": collection_settings_out(collection),
        "parent": collection_ref(request, collection.parent) if collection.parent_id else None,
        "subcollections": [collection_ref(request, c) for c in collection.children.order_by("title", "pk")],
        "counts": {
            "works": works_for(user, Surface.API).filter(selectors.works_scope(collection)).count(),
            "mystery_works": selectors.mystery_count(user, collection),
            "bookmarks": selectors.bookmarks_in(user, collection).count(),
            "subcollections": collection.children.count(),
        },
        "prompt_meme": PromptMeme.objects.filter(collection=collection).exists(),
        "exchange": Exchange.objects.filter(collection=collection).exists(),
    }


@router.get(
    "/collections/{name}/works",
    response=responses({200: CollectionWorkPage}),
    **read(
        **links.on(
            200, GetFirstWork=links.to("works.work_detail", {"work_id": "$response.body#/results/0/id"})
        )
    ),
)
def collection_works(request, filters: Query[WorkFilters], name: str = NAME):
    """The works in the collection and its subcollections that you may see, with the works listing's
    filters, sorts and pages. An unrevealed work you may not see yet is only counted, in `mystery_works`;
    an anonymous work's creators are “Anonymous”, as everywhere."""
    collection = collection_or_404(name)
    found = listing(request, filters, scope=selectors.works_scope(collection))
    return {**found, "mystery_works": selectors.mystery_count(request.auth, collection)}


@router.get("/collections/{name}/bookmarks", response=responses({200: BookmarkPage}), **read())
def collection_bookmarks(request, filters: Query[CollectionFilters], name: str = NAME):
    """Public bookmarks in the collection, of works you may see, newest first."""
    collection = collection_or_404(name)
    page = Paginator(selectors.bookmarks_in(request.auth, collection), PER_PAGE).get_page(filters.page)
    bookmarks = list(page.object_list)
    works = Work.objects.for_listing().in_bulk([b.work_id for b in bookmarks])
    return page_out(page, [bookmark_out(request, b, works[b.work_id]) for b in bookmarks])


# --- Putting one's own work in a collection ---------------------------------------------------------------


@router.post(
    "/collections/{name}/works",
    response=responses({201: CollectionItemOut}, writes=True),
    openapi_extra=links.on(201, GetWorks=links.to("collections.collection_works", SAME_COLLECTION)),
    description=(
        "Put one of your works (a draft too: it comes in when posted) in the collection, as its page's “Add” "
        "form does. A moderated collection's maintainers approve it first (`status` “waiting”); adding a work "
        f"a maintainer invited accepts the invitation. {ALREADY_IN}"
    ),
    **WRITE,
)
def add_work(request, payload: CollectionWorkIn, name: str = NAME):
    collection = collection_or_404(name)
    user = request.auth
    # A suspended or banned account gets its notice (403), as the web's not_suspended pages give it.
    ensure_not_barred(user)
    work = works_for(user, Surface.API, hide_muted=False).filter(pk=payload.work_id).first()
    if work is None:
        raise not_found("work")
    if reason := selectors.already_there(collection, work):
        raise FieldErrors([("work_id", reason)])
    try:
        item = services.add_work(collection=collection, work=work, user=user)
    except PermissionDenied as error:
        # The rule's own sentence (closed, not yours), on the field it is about.
        raise FieldErrors([("work_id", str(error))]) from None
    return Status(
        201,
        {
            "collection": collection_ref(request, collection),
            "work_id": work.pk,
            "status": "approved" if item.approved else "waiting",
        },
    )


@router.delete("/collections/{name}/works/{work_id}", response=responses({204: None}, writes=True), **WRITE)
def remove_work(request, work_id: int, name: str = NAME):
    """Take your work out of the collection (or withdraw it while it waits for approval), as the work's
    Collections page does. Its maintainers may take out any work."""
    collection = collection_or_404(name)
    ensure_not_barred(request.auth)
    work = works_for(request.auth, Surface.API, hide_muted=False).filter(pk=work_id).first()
    item = selectors.item_of(collection, work) if work is not None else None
    if item is None:
        raise not_found("work in this collection")
    services.remove_item(item=item, user=request.auth)
    return Status(204, None)
