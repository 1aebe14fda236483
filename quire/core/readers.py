"""Telling readers apart without keeping who they are: a guest cookie and salted daily hashes of the
address. No raw IP address is ever stored."""

import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.utils import timezone

GUEST_COOKIE = "quire_guest"
GUEST_COOKIE_AGE = 365 * 24 * 3600


def client_ip(request) -> str:
    """The reader's address; X-Forwarded-For is believed only when the request came from a configured proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            if hop not in settings.TRUSTED_PROXIES:
                try:
                    return str(ipaddress.ip_address(hop))
                except ValueError:
                    break
    return remote


def daily_hash(request, purpose: str) -> str:
    """The same for one address on one day, for one purpose; useless for finding the address again."""
    message = f"{purpose}|{timezone.localdate().isoformat()}|{client_ip(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def guest_token(request) -> str:
    """The guest's cookie token, made on first use; `remember_guest` puts it on the response. Random: two
    people behind one address (a home router, a mobile network) are two guests."""
    if not has_guest_cookie(request):
        request._new_guest_token = getattr(request, "_new_guest_token", None) or secrets.token_hex(16)
        return request._new_guest_token
    return request.COOKIES[GUEST_COOKIE]


def has_guest_cookie(request) -> bool:
    token = request.COOKIES.get(GUEST_COOKIE, "")
    return len(token) == 32 and token.isalnum()


def remember_guest(request, response):
    if getattr(request, "_new_guest_token", None):
        response.set_cookie(
            GUEST_COOKIE, request._new_guest_token, max_age=GUEST_COOKIE_AGE, httponly=True, samesite="Lax",
            secure=request.is_secure(),
        )  # fmt: skip
    return response
