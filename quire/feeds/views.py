from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from quire.feeds.services import reset_catalog_token


@login_required
@require_POST
def reset_catalog_address(request):
    had_one = hasattr(request.user, "catalog_token")
    reset_catalog_token(request.user)
    messages.success(
        request,
        "Your private catalog address was changed; the old one no longer works."
        if had_one
        else "Your private catalog address is ready.",
    )
    return redirect("accounts:settings")
