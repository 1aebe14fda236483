"""Where a form may send the reader next: only to a path on this site, never to another host.

Every view that takes a `next` calls `safe_next`; there is no other check to drift from it."""

import unicodedata

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, target: str | None, default: str) -> str:
    """`target` if it is a path on this site ("/works/3?page=2"), else `default`.

    Only a path starting with one "/" is taken: not "//evil.example" or "/\\evil.example" (browsers read both as
    another host), not an absolute URL even to this host (no scheme to downgrade from HTTPS), and nothing
    holding control characters, which browsers drop ("/\\t/evil.example" would become "//evil.example")."""
    if not target or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return default
    if any(unicodedata.category(char)[0] == "C" for char in target):
        return default
    # Django's own check as well, so any trick it knows of that the lines above miss is refused too.
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    return target
