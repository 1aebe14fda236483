"""Gift exchanges: a member's own sign-up and the assignments they give, once sent, as their pages show
them (quire.access.reading.may_see_signup, may_see_assignment)."""

from django.http import Http404
from ninja import Router

from quire.access.reading import may_see_assignment, may_see_signup
from quire.access.writing import may_sign_up
from quire.api.auth import TokenAuth
from quire.api.errors import not_found, responses
from quire.api.output import collection_ref, entries_out
from quire.api.routers.collections import NAME
from quire.api.schemas import AssignmentOut, SignupOut
from quire.api.throttles import ReadThrottle
from quire.exchanges import selectors
from quire.exchanges.models import EntryKind

router = Router(tags=["gift exchanges"], auth=TokenAuth(), throttle=[ReadThrottle()])


def _exchange(name: str):
    try:
        return selectors.exchange_of(name.replace("\x00", ""))
    except Http404:
        raise not_found("gift exchange") from None


@router.get("/collections/{name}/signups/mine", response=responses({200: SignupOut}))
def own_signup(request, name: str = NAME):
    """Your sign-up to the collection's gift exchange: your requests and offers (404 when you have none)."""
    exchange = _exchange(name)
    signup = selectors.own_signup(exchange, request.auth)
    if signup is not None:
        signup.exchange = exchange
    if signup is None or not may_see_signup(request.auth, signup):
        raise not_found("sign-up of yours in this exchange")
    return {
        "collection": collection_ref(request, exchange.collection),
        "pseud": signup.pseud.shown_name,
        "requests": entries_out(signup, EntryKind.REQUEST),
        "offers": entries_out(signup, EntryKind.OFFER),
        "may_change": may_sign_up(request.auth, exchange),
        "created_at": signup.created_at,
        "updated_at": signup.updated_at,
    }


@router.get("/collections/{name}/assignments/mine", response=responses({200: list[AssignmentOut]}))
def own_assignments(request, name: str = NAME):
    """The assignments you give in the exchange (yours, and pinch hits you claimed), once the maintainers
    sent them: whom you write for and what they asked for. Before they are sent the list is empty, as on
    the web; who gives to you stays unknown until the creators' reveal."""
    exchange = _exchange(name)
    rows = list(selectors.given_by(exchange, request.auth))
    for row in rows:
        row.exchange = exchange
    return [
        {
            "id": row.pk,
            "url": request.build_absolute_uri(row.get_absolute_url()),
            "status": row.status.value,
            "recipient": row.recipient_signup.pseud.shown_name,
            "requests": entries_out(row.recipient_signup, EntryKind.REQUEST),
            "due_at": exchange.assignments_due_at,
            "work": {"id": row.work.pk, "title": row.work.title} if row.work_id else None,
        }
        for row in rows
        if may_see_assignment(request.auth, row)
    ]
