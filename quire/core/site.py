"""The archive's address as readers reach it, for every absolute link Quire writes: feeds, the OPDS catalog,
downloads' metadata and emails.

An operator behind a proxy sets SITE_URL and that address is used everywhere. Without it, a page answered
for a reader links to the address that reader used (the Host they asked, which ALLOWED_HOSTS has already
checked), and work done away from any request (the worker's downloads and emails) uses the address
`quire serve` listens on, which it hands to its processes as QUIRE_SERVED_AT.
"""

from django.conf import settings


def site_origin(request=None) -> str:
    if request is not None and not settings.SITE_URL_SET:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str, request=None) -> str:
    return site_origin(request) + path
