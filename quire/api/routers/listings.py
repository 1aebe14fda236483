"""A tag's and a user's works, and the listing helper every list of works uses (browse and search are in
works.py, beside POST /works): discovery's find_works, with the web listings' filters and form rules."""

from django.http import QueryDict
from ninja import Path, Query, Router

from quire.access.reading import credited_works_shown
from quire.access.surfaces import Surface
from quire.accounts.models import User
from quire.api.auth import OPTIONAL_SECURITY, OptionalTokenAuth
from quire.api.errors import FieldErrors, not_found, responses
from quire.api.output import work_page_out
from quire.api.schemas import TAG_ADDRESS_MAX, USERNAME_MAX, WorkFilters, WorkPage
from quire.api.throttles import ReadThrottle
from quire.discovery.forms import WorkFilterForm
from quire.discovery.listing import find_works
from quire.tags.models import Tag
from quire.tags.urlnames import from_url

router = Router(auth=OptionalTokenAuth(), throttle=[ReadThrottle()])
READ = {"openapi_extra": OPTIONAL_SECURITY}


def listing(
    request, filters: WorkFilters, *, searching=False, scope=None, scope_tag=None, hide_muted=True
) -> dict:
    data = QueryDict(mutable=True)
    for name, value in filters.dict(exclude={"page"}).items():
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif isinstance(value, bool):
            data[name] = "on" if value else ""
        elif value is not None:
            data[name] = str(value)
    form = WorkFilterForm(data, searching=searching)
    if not form.is_valid():
        raise FieldErrors.from_forms((form, ""))
    found = find_works(
        user=request.auth,
        params=form.usable_data(),
        surface=Surface.API,
        scope=scope,
        scope_tag=scope_tag,
        page_number=filters.page,
        hide_muted=hide_muted,
    )
    return work_page_out(request, found)


@router.get("/tags/{name}/works", response=responses({200: WorkPage}), tags=["tags"], **READ)
def tag_works(request, filters: Query[WorkFilters], name: str = Path(..., max_length=TAG_ADDRESS_MAX)):
    """Works filed under a tag (a synonym lists its canonical tag's works). Write “/” in the name as
    “*s*”, as the archive's tag addresses do."""
    tag = Tag.objects.select_related("merger").named(from_url(name.replace("\x00", ""))).first()
    if tag is None:
        raise not_found("tag")
    return listing(request, filters, scope_tag=tag)


@router.get("/users/{username}/works", response=responses({200: WorkPage}), tags=["users"], **READ)
def user_works(request, filters: Query[WorkFilters], username: str = Path(..., max_length=USERNAME_MAX)):
    """A user's works that you may see, those they co-created with others included."""
    author = User.objects.filter(username__iexact=username.replace("\x00", "")).first()
    if author is None:
        raise not_found("user")
    # Someone who asks for a muted writer's works on purpose gets them, as on the writer's page.
    # Anonymous works are listed only to their own creators: a list of one writer's works would name them.
    return listing(request, filters, scope=credited_works_shown(request.auth, user=author), hide_muted=False)
