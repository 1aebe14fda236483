"""What a suspended account may not do, checked by the services that write and by the views in front of them."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import formats, timezone


def suspension_notice(user) -> str:
    until = formats.date_format(timezone.localtime(user.suspended_until), "j F Y, H:i T")
    return (
        f"Your account is suspended until {until}. Until then you can read, but not post, edit, "
        "review or leave kudos."
    )


def ensure_not_suspended(user) -> None:
    if user is not None and user.is_authenticated and user.is_suspended:
        raise PermissionDenied(suspension_notice(user))


def not_suspended(view):
    """A suspended user gets the notice (403) instead of the page or the action."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_suspended:
            context = {"notice": suspension_notice(request.user)}
            return render(request, "moderation/suspended.html", context, status=403)
        return view(request, *args, **kwargs)

    return wrapper
