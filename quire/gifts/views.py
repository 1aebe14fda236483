from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quire.accounts.models import User
from quire.gifts import selectors, services
from quire.gifts.models import Gift

PER_PAGE = 20


def user_gifts(request, username):
    """AO3's /users/<user>/gifts: the works given to a member that the viewer may see. The member also
    refuses gifts here, and sees the ones they refused (?refused=true) to accept one again."""
    recipient = get_object_or_404(User, username__iexact=username)
    own = request.user == recipient
    refused = own and request.GET.get("refused") == "true"
    works = selectors.gift_works(request.user, recipient, refused=refused)
    page = Paginator(works.for_listing().recently_updated(), PER_PAGE).get_page(request.GET.get("page"))
    gifts = selectors.gifts_to(recipient, page.object_list) if own else {}
    for work in page.object_list:
        work.own_gift = gifts.get(work.pk)
    context = {"recipient": recipient, "page": page, "own": own, "refused": refused}
    return render(request, "gifts/user_gifts.html", context)


@login_required
@require_POST
def refuse(request, gift_id):
    try:
        gift = services.refuse_gift(user=request.user, gift_id=gift_id)
    except Gift.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        f"You refused “{gift.work.title}”: your name is no longer on it. Its writer is not told.",
    )
    return redirect("gifts:user_gifts", request.user.username)


@login_required
@require_POST
def accept(request, gift_id):
    try:
        gift = services.accept_gift(user=request.user, gift_id=gift_id)
    except Gift.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"“{gift.work.title}” is a gift to you again: your name is back on it.")
    return redirect("gifts:user_gifts", request.user.username)
