from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from quire.access.reading import credited_works_shown, works_for
from quire.access.surfaces import Surface
from quire.accounts.models import User
from quire.core.ratelimit import by_address, limit
from quire.discovery.forms import MAX_QUERY_LENGTH, WorkFilterForm
from quire.discovery.headings import describe
from quire.discovery.listing import find_works
from quire.discovery.ships import read_ship
from quire.follows.selectors import followed_updates
from quire.shelf.selectors import continue_reading
from quire.shelf.work_page import resume_url
from quire.tags.models import WorkFilter

WORKS_PER_PAGE = 20
HEADING_QUERY_CHARS = 80
HOME_SHELF_SIZE = 5  # works shown under "Continue reading" and "Works you follow"


def home(request):
    works = works_for(request.user, Surface.LISTING).for_listing().recently_updated()
    page = Paginator(works, WORKS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "site_description": settings.SITE_DESCRIPTION}
    if request.user.is_authenticated and page.number == 1:
        context["continue_reading"] = continue_reading(request.user, HOME_SHELF_SIZE)
        for entry in context["continue_reading"]:
            entry.continue_url = resume_url(entry.last_chapter, entry.position)
        context["followed"] = followed_updates(request.user, HOME_SHELF_SIZE)
    return render(request, "discovery/home.html", context)


def render_listing(
    request,
    *,
    heading: str,
    searching=False,
    scope=None,
    scope_tag=None,
    extra=None,
    hide_muted=True,
    data=None,
    notices=(),
    template="discovery/listing.html",
):
    """Every filtered listing renders through here, so they all take the same parameters."""
    form = WorkFilterForm(request.GET if data is None else data, searching=searching)
    params = form.usable_data()
    listing = find_works(
        user=request.user,
        params=params,
        scope=scope,
        scope_tag=scope_tag,
        surface=Surface.SEARCH if searching else Surface.LISTING,
        page_number=request.GET.get("page"),
        hide_muted=hide_muted,
    )
    listing.notices[:0] = [*notices, *form.notices]
    context = {
        "heading": describe(heading, params, within_tag=scope_tag is not None),
        "form": form,
        "listing": listing,
        "page": listing.page,
        "searching": searching,
    }
    return render(request, template, {**context, **(extra or {})})


def works_index(request):
    return render_listing(request, heading="Works")


# Searching reads and never writes, so it answers GET and HEAD only, and both count towards the limit:
# a POST was neither limited nor needed by any form.
@require_safe
@limit(by_address("searches"), methods=("GET", "HEAD"))
def search(request):
    # The heading quotes the start of a long search, so the results stay in sight on a phone.
    # A phrase typed in quotes is quoted once by the heading, not twice.
    typed = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip().strip('"“”').strip()
    query = Truncator(typed).chars(HEADING_QUERY_CHARS)
    heading = f"Search results for “{query}”" if query else "Search works"
    ship = read_ship(typed)
    if ship is not None:
        # The ship's works, with the reader's other filters; the text itself is not searched for.
        data = request.GET.copy()
        data.pop("q", None)
        between = " and ".join(ship.characters)
        return render_listing(
            request,
            heading=heading,
            searching=True,
            scope=Q(pk__in=WorkFilter.objects.filter(tag_id__in=ship.filter_keys).values("work_id")),
            data=data,
            notices=[f"Showing works tagged with relationships between {between}."],
        )
    return render_listing(request, heading=heading, searching=True)


def author_works(request, username):
    author = get_object_or_404(User, username__iexact=username)
    # Someone who opens a muted writer's works on purpose sees them, as on their profile.
    return render_listing(
        request,
        heading=f"Works by {author.username}",
        # Co-created works too; anonymous ones only to their creators.
        scope=credited_works_shown(request.user, user=author),
        extra={"profile_user": author},
        hide_muted=False,
    )
