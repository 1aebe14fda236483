"""A changed Terms of Service: a signed-in member who has not agreed to the current version is sent to the
terms (with an "I agree" button) at their next visit, and back to where they were going once they agree.

Only page visits are sent there (GET and HEAD, not htmx fragments): a form sent from a page opened before the
change (a chapter, an autosave) is saved, never lost to a redirect, and the page it leads to asks instead. Not
sent anywhere: the site pages themselves (/about/..., the terms among them), logging out, deleting the
account or downloading its data (a member who does not agree may still leave), static and media files, and
the JSON API, which answers JSON to programs that cannot click "I agree".
"""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from quire.sitepages.models import TERMS_SLUG
from quire.sitepages.selectors import agreed_version, site_index

SESSION_KEY = "terms_agreed"  # the version this session's member is known to have agreed to


def terms_to_agree(request) -> int | None:
    """The version of the terms this signed-in member has still to agree to, or None. Costs no query once the
    session knows they agreed to the current version."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    current = site_index().terms_version
    if current is None or request.session.get(SESSION_KEY, 0) >= current:
        return None
    agreed = agreed_version(user)
    if agreed >= current:
        request.session[SESSION_KEY] = agreed
        return None
    return current


def remember_agreement(request, version: int) -> None:
    request.session[SESSION_KEY] = version


@cache
def _open_paths() -> tuple[str, ...]:
    return (
        reverse("sitepages:index"),
        "/api/",
        settings.STATIC_URL,
        settings.MEDIA_URL,
        reverse("accounts:logout"),
        reverse("privacy:delete_account"),
        reverse("privacy:data_export"),  # and the export's download, under it
    )


class TermsAgreementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and not request.headers.get("HX-Request")
            and not request.path.startswith(_open_paths())
            and terms_to_agree(request)
        ):
            terms = reverse("sitepages:page", args=[TERMS_SLUG])
            return redirect(f"{terms}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
