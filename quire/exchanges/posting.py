"""The new-work form's hook for gift exchanges: `/works/new?assignment=<id>` posts a work "for" an assignment.
The form carries the id in a hidden field (through validation errors too); once the work is made, it is the
assignment's work, and fulfils it once posted (quire.exchanges.services.fulfil_assignment)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from quire.exchanges.models import Assignment
from quire.exchanges.services import assignment_to_fulfil, fulfil_assignment

FIELD = "assignment"


def assignment_of_request(request) -> tuple[Assignment | None, str]:
    """The assignment the form posts for, and "" ; or None and why it cannot (shown on the form)."""
    raw = request.POST.get(FIELD) if request.method == "POST" else request.GET.get(FIELD)
    if not raw:
        return None, ""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:  # beyond any id either database holds
        return None, "There is no such assignment."
    try:
        return assignment_to_fulfil(user=request.user, assignment_id=int(raw)), ""
    except PermissionDenied as error:
        return None, str(error)


def fulfil_with(request, assignment: Assignment | None, work) -> None:
    """After the work is made: it fulfils the assignment, or the writer is told why not (the work stays)."""
    if assignment is None:
        return
    try:
        assignment = fulfil_assignment(assignment=assignment, work=work, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, f"The work was saved but does not fulfil the assignment: {reason}")
        return
    collection = assignment.exchange.collection.title
    recipient = assignment.recipient_signup.pseud.name
    if assignment.fulfilled_at is None:
        messages.info(
            request,
            f"It is written for your assignment for “{collection}” (a gift to {recipient}, in the "
            "collection): it fulfils the assignment once you post it.",
        )
    else:
        messages.info(
            request,
            f"It fulfils your assignment for “{collection}”: it is a gift to {recipient}, in the collection.",
        )
