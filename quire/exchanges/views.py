"""The gift exchange's pages: its set-up, sign-ups and their summary, the matching and the assignments,
pinch hits. Thin: who may do what is asked of quire.access, writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quire.access.reading import may_see_assignment
from quire.access.writing import (
    ensure_may_maintain_collection,
    may_maintain_collection,
    may_sign_up,
    not_suspended,
    signup_refusal,
)
from quire.collections.models import Collection
from quire.creators.selectors import credited_work_ids
from quire.exchanges import selectors, services
from quire.exchanges.forms import ExchangeForm, FulfilForm, RecipientForm, SignupForm, SwapForm
from quire.exchanges.models import Assignment, Exchange, Signup
from quire.works.models import Work

# Each sign-up holds up to 20 requests and 20 offers of 2,000 characters: a page of them is already long.
SIGNUPS_PER_PAGE = 20
# An assignment is one line: a long page, but thousands (2 s for 2,000) are not one.
ASSIGNMENTS_PER_PAGE = 200


def _page(request, rows):
    return Paginator(rows, SIGNUPS_PER_PAGE).get_page(request.GET.get("page"))


def _refused(request, reason, status=403):
    return render(request, "exchanges/refused.html", {"reason": reason}, status=status)


def _maintained(request, name) -> Exchange:
    exchange = selectors.exchange_of(name)
    ensure_may_maintain_collection(request.user, exchange.collection)
    return exchange


def _messages_of(error: ValidationError) -> list[str]:
    return error.messages


# --- Set-up --------------------------------------------------------------------------------------------


@login_required
@not_suspended
def setup(request, name):
    collection = get_object_or_404(Collection, name=name)
    if not may_maintain_collection(request.user, collection):
        return _refused(request, "Only the collection's owners and moderators can set up its exchange.")
    exchange = Exchange.objects.filter(collection=collection).first()
    form = ExchangeForm(request.POST or None, initial=ExchangeForm.initial_for(exchange, collection))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_up_exchange(collection=collection, user=request.user, fields=form.exchange_fields())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, "The gift exchange is set up.")
            return redirect("exchanges:setup", collection.name)
    return render(
        request, "exchanges/setup.html", {"collection": collection, "exchange": exchange, "form": form}
    )


# --- Sign-ups ------------------------------------------------------------------------------------------


def _signup_page(request, exchange, form, signup=None, status=200):
    context = {"collection": exchange.collection, "exchange": exchange, "form": form, "signup": signup}
    return render(request, "exchanges/signup_form.html", context, status=status)


@login_required
@not_suspended
def signup_new(request, name):
    exchange = selectors.exchange_of(name)
    if Signup.objects.filter(exchange=exchange, user=request.user).exists():
        return redirect("exchanges:signup_mine", name)
    if reason := signup_refusal(request.user, exchange):
        return _refused(request, reason)
    form = SignupForm(exchange, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(exchange=exchange, user=request.user, fields=form.signup_fields())
        except ValidationError as error:
            form.add_errors(error)
        except PermissionDenied as error:
            return _refused(request, str(error))
        else:
            messages.success(request, "You are signed up. You can change your sign-up until sign-ups close.")
            return redirect("exchanges:signup_mine", name)
    return _signup_page(request, exchange, form)


@login_required
def signup_mine(request, name):
    exchange = selectors.exchange_of(name)
    signup = selectors.own_signup(exchange, request.user)
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "signup": signup,
        "may_change": may_sign_up(request.user, exchange),
        "assignment": selectors.own_assignment(exchange, request.user),
    }
    return render(request, "exchanges/signup_mine.html", context)


@login_required
@not_suspended
def signup_edit(request, name):
    exchange = selectors.exchange_of(name)
    signup = selectors.own_signup(exchange, request.user)
    if signup is None:
        return redirect("exchanges:signup_new", name)
    if reason := signup_refusal(request.user, exchange):
        return _refused(request, reason)
    form = SignupForm(exchange, request.user, request.POST or None, signup=signup)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_signup(signup=signup, user=request.user, fields=form.signup_fields())
        except ValidationError as error:
            form.add_errors(error)
        except PermissionDenied as error:
            return _refused(request, str(error))
        else:
            messages.success(request, "Your sign-up is saved.")
            return redirect("exchanges:signup_mine", name)
    return _signup_page(request, exchange, form, signup)


@login_required
@not_suspended
def signup_withdraw(request, name):
    exchange = selectors.exchange_of(name)
    signup = selectors.own_signup(exchange, request.user)
    if signup is None:
        raise Http404
    if reason := signup_refusal(request.user, exchange):
        return _refused(request, reason)
    if request.method == "POST":
        services.withdraw_signup(signup=signup, user=request.user)
        messages.success(request, f"You withdrew from “{exchange.collection.title}”.")
        return redirect(exchange.collection)
    return render(request, "exchanges/signup_withdraw.html", {"collection": exchange.collection})


@login_required
def signups(request, name):
    exchange = _maintained(request, name)
    page = _page(request, selectors.signups(exchange))
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "signups": page.object_list,
        "page": page,
    }
    return render(request, "exchanges/signups.html", context)


@login_required
def summary(request, name):
    exchange = _maintained(request, name)
    rows = selectors.summary(exchange)
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "rows": rows,
        "signup_count": exchange.signups.count(),
    }
    return render(request, "exchanges/summary.html", context)


# --- Matching and assignments (maintainers) ------------------------------------------------------------


@login_required
def assignments(request, name):
    exchange = _maintained(request, name)
    page = Paginator(selectors.assignments(exchange), ASSIGNMENTS_PER_PAGE).get_page(request.GET.get("page"))
    unmatched = selectors.unmatched(exchange)
    sent = exchange.assignments_sent_at is not None
    # The change-by-hand forms (shown until the assignments are sent) choose among every participant.
    everyone = [] if sent else list(exchange.signups.select_related("pseud").order_by("pk"))
    givers_nobody = {signup.pk for signup in unmatched.without_recipient}
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "rows": page.object_list,
        "page": page,
        "unmatched": unmatched,
        "everyone": everyone,
        "givers": [signup for signup in everyone if signup.pk not in givers_nobody],
        "running": exchange.matching_requested_at
        and (exchange.matched_at is None or exchange.matched_at < exchange.matching_requested_at),
        "sent": sent,
    }
    return render(request, "exchanges/assignments.html", context)


def _act(request, name, action, success):
    """Run a maintainer's action on the exchange, then back to the assignments with its outcome."""
    exchange = _maintained(request, name)
    try:
        outcome = action(exchange)
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        for warning in (
            [outcome] if isinstance(outcome, str) else outcome if isinstance(outcome, list) else []
        ):
            if warning:
                messages.warning(request, warning)
        messages.success(request, success(outcome) if callable(success) else success)
    return redirect("exchanges:assignments", name)


@login_required
@require_POST
@not_suspended
def generate(request, name):
    def action(exchange):
        return services.generate_assignments(exchange=exchange, user=request.user)

    return _act(
        request,
        name,
        action,
        lambda done: (
            "Potential assignments generated: review them, then send them."
            if done
            else "Matching is running; this page shows the assignments when it is done."
        ),
    )


@login_required
@require_POST
@not_suspended
def set_recipient(request, name):
    form = RecipientForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a giver and a recipient.")
        return redirect("exchanges:assignments", name)

    def action(exchange):
        return services.set_recipient(
            exchange=exchange,
            user=request.user,
            giver_id=form.cleaned_data["giver"],
            recipient_id=form.cleaned_data["recipient"],
        )

    return _act(request, name, action, "The assignment is changed.")


@login_required
@require_POST
@not_suspended
def swap(request, name):
    form = SwapForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose two givers to swap.")
        return redirect("exchanges:assignments", name)

    def action(exchange):
        return services.swap_recipients(
            exchange=exchange,
            user=request.user,
            first_giver_id=form.cleaned_data["first"],
            second_giver_id=form.cleaned_data["second"],
        )

    return _act(request, name, action, "The two givers swapped recipients.")


@login_required
@require_POST
@not_suspended
def send(request, name):
    def action(exchange):
        return services.send_assignments(exchange=exchange, user=request.user)

    return _act(
        request, name, action, lambda count: f"Sent {count} assignments: each giver is told in their inbox."
    )


@login_required
@require_POST
@not_suspended
def post_pinch_hit(request, name):
    assignment_id = _int(request.POST.get("assignment"))
    recipient_id = _int(request.POST.get("recipient"))
    if assignment_id is None and recipient_id is None:
        messages.error(request, "Choose an assignment or a participant to post a pinch hit for.")
        return redirect("exchanges:assignments", name)

    def action(exchange):
        services.post_pinch_hit(
            exchange=exchange, user=request.user, assignment_id=assignment_id, recipient_id=recipient_id
        )

    return _act(request, name, action, "The pinch hit is posted: any member can claim it now.")


def _int(value):
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None  # not an id either database could hold
    return int(value)


# --- One assignment: its giver's page ------------------------------------------------------------------


@login_required
def assignment_mine(request, name):
    exchange = selectors.exchange_of(name)
    assignment = selectors.own_assignment(exchange, request.user)
    if assignment is None:
        raise Http404
    return redirect(reverse("exchanges:assignment", args=[name, assignment.pk]))


@login_required
def assignment(request, name, assignment_id):
    exchange = selectors.exchange_of(name)
    row = selectors.assignment_of(exchange, assignment_id)
    if not may_see_assignment(request.user, row):
        raise Http404  # as if there were none: who gives to whom stays unknown
    giving = row.giver_id == request.user.pk and row.sent_at is not None
    works = (
        Work.objects.filter(pk__in=credited_work_ids(user=request.user)).order_by("-updated_at")
        if giving
        else []
    )
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "assignment": row,
        "giving": giving
        and row.status in (Assignment.Status.OPEN, Assignment.Status.CLAIMED, Assignment.Status.DRAFT),
        "maintainer": may_maintain_collection(request.user, exchange.collection),
        "fulfil_form": FulfilForm(works) if giving else None,
    }
    return render(request, "exchanges/assignment.html", context)


@login_required
@not_suspended
def default(request, name, assignment_id):
    exchange = selectors.exchange_of(name)
    row = selectors.assignment_of(exchange, assignment_id)
    if not may_see_assignment(request.user, row):
        raise Http404
    if request.method == "POST":
        try:
            services.default_assignment(assignment=row, user=request.user)
        except PermissionDenied as error:
            return _refused(request, str(error))
        messages.success(request, "You defaulted on your assignment. The maintainers are told.")
        return redirect(exchange.collection)
    return render(request, "exchanges/default.html", {"collection": exchange.collection, "assignment": row})


@login_required
@require_POST
@not_suspended
def fulfil(request, name, assignment_id):
    exchange = selectors.exchange_of(name)
    row = selectors.assignment_of(exchange, assignment_id)
    if not may_see_assignment(request.user, row):
        raise Http404
    works = Work.objects.filter(pk__in=credited_work_ids(user=request.user))
    form = FulfilForm(works, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of your works.")
        return redirect(row)
    try:
        row = services.fulfil_assignment(
            assignment=row, work=works.get(pk=form.cleaned_data["work"]), user=request.user
        )
    except PermissionDenied as error:
        return _refused(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(row)
    if row.fulfilled_at is None:
        messages.success(
            request,
            "Your draft is written for this assignment: it is fulfilled when you post the work.",
        )
    else:
        messages.success(
            request, "Your assignment is fulfilled: the work is a gift to your recipient, in the collection."
        )
    return redirect(row)


# --- Pinch hits ----------------------------------------------------------------------------------------


@login_required
def pinch_hits(request, name):
    exchange = selectors.exchange_of(name)
    page = _page(request, selectors.open_pinch_hits(exchange))
    context = {
        "collection": exchange.collection,
        "exchange": exchange,
        "pinch_hits": page.object_list,
        "page": page,
    }
    return render(request, "exchanges/pinch_hits.html", context)


@login_required
@require_POST
@not_suspended
def claim(request, name, assignment_id):
    exchange = selectors.exchange_of(name)
    row = get_object_or_404(Assignment, exchange=exchange, pk=assignment_id)
    try:
        row = services.claim_pinch_hit(assignment=row, user=request.user)
    except PermissionDenied as error:
        return _refused(request, str(error))
    messages.success(request, "You claimed the pinch hit: here is what your recipient asked for.")
    return redirect(reverse("exchanges:assignment", args=[name, row.pk]))
