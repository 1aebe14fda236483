"""The API tokens page, linked from account settings: make a named token, see its secret once, revoke it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from quire.api import services
from quire.api.forms import TokenForm
from quire.api.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"])
        except services.TooManyTokens as error:
            form.add_error(None, str(error))
        else:
            # Shown on this response only: the secret is not stored, so it is never shown again.
            form = TokenForm()
            messages.success(request, f"Your token “{token.name}” was created. Copy its secret now.")
    context = {
        "form": form,
        "secret": secret,
        "active": ApiToken.objects.active().filter(user=request.user),
        "revoked": ApiToken.objects.filter(user=request.user, revoked_at__isnull=False)[:10],
        "docs_url": reverse("api:openapi-view"),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke(request, token_id):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_token(token=token)
    messages.success(
        request, f"The token “{token.name}” was revoked; programs using it can no longer sign in."
    )
    return redirect("api_tokens:tokens")
