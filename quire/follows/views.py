from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from quire.access.reading import notifications_for, reviews_quoted_in_inbox, work_for, works_for
from quire.access.surfaces import Surface
from quire.accounts.models import User
from quire.core.redirects import safe_next
from quire.creators.selectors import is_creator, pending_invitations_for
from quire.feedback.forms import new_token
from quire.follows import services
from quire.follows.models import Notification, Subscription


@login_required
@require_POST
def work_subscription(request, work_id):
    work = work_for(request.user, work_id)
    if request.POST.get("action") == "unsubscribe":
        services.unsubscribe(user=request.user, work=work)
        messages.success(request, f"You will no longer hear about new chapters of “{work.title}”.")
    elif work.is_owned_by(request.user):
        messages.info(request, "You are the writer: you will know when you post.")
    else:
        services.subscribe(user=request.user, work=work)
        messages.success(request, f"Subscribed: you will hear when “{work.title}” continues.")
    return redirect(work.get_absolute_url() + "#feedback")


@login_required
@require_POST
def author_subscription(request, username):
    author = get_object_or_404(User, username__iexact=username)
    if request.POST.get("action") == "unsubscribe":
        services.unsubscribe(user=request.user, author=author)
        messages.success(request, f"You will no longer hear about new works by {author.username}.")
    elif author == request.user:
        messages.info(request, "You cannot subscribe to yourself.")
    else:
        services.subscribe(user=request.user, author=author)
        messages.success(
            request, f"Subscribed: you will hear about new works and chapters by {author.username}."
        )
    return redirect(author.get_absolute_url())


FILTERS = {"unread": {"read_at__isnull": True}, "read": {"read_at__isnull": False}}


@login_required
def inbox(request):
    notifications = notifications_for(request.user)
    shown = request.GET.get("show", "")
    if shown in FILTERS:
        notifications = notifications.filter(**FILTERS[shown])
    kind = request.GET.get("kind", "")
    if kind in Notification.Kind.values:
        notifications = notifications.filter(kind=kind)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    quoted = reviews_quoted_in_inbox(request.user, [n.review_id for n in page if n.review_id])
    for notification in page:
        notification.quoted = quoted.get(notification.review_id)
        # The writer answers a review from here; readers told of a reply open the thread to answer.
        notification.may_reply = (
            notification.quoted is not None
            and notification.kind == Notification.Kind.REVIEW
            and is_creator(request.user, notification.quoted.work)
            and notification.quoted.status == notification.quoted.Status.PUBLISHED
        )
        notification.reply_token = new_token()
    context = {
        "page": page,
        "shown": shown,
        "kind": kind,
        "kinds": Notification.Kind.choices,
        "invitations": list(pending_invitations_for(request.user)),
    }
    return render(request, "follows/inbox.html", context)


@login_required
@require_POST
def inbox_open(request, notification_id):
    """Opening a message marks it read, then goes where it points (always a path on this archive). A POST
    (a button drawn as the message's link), as no GET changes anything: a link prefetcher would read all."""
    notification = get_object_or_404(notifications_for(request.user), pk=notification_id)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    return redirect(safe_next(request, notification.url, reverse("follows:inbox")))


@login_required
@require_POST
def inbox_mark_read(request):
    mine = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if request.POST.get("all"):
        count = mine.update(read_at=timezone.now())
    else:
        ids = [int(i) for i in request.POST.getlist("notification") if i.isdigit()]
        count = mine.filter(pk__in=ids).update(read_at=timezone.now())
    messages.success(request, f"Marked {count} as read.")
    return redirect(safe_next(request, request.POST.get("next"), reverse("follows:inbox")))


@login_required
def subscriptions(request):
    # A followed work a moderator hid since is left out (the subscription stays, should it come back).
    visible = works_for(request.user, Surface.LISTING, hide_muted=False).values("pk")
    mine = (
        Subscription.objects.filter(user=request.user)
        .filter(Q(work__isnull=True) | Q(work__in=visible))
        .select_related("work", "author", "series")
        .order_by("-created_at")
    )
    return render(request, "follows/subscriptions.html", {"subscriptions": mine})
