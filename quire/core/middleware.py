from django.conf import settings
from django.shortcuts import render

from quire.core.request_line import MAX_REQUEST_LINE
from quire.discovery.forms import MAX_QUERY_LENGTH, MAX_TAG_PARAMETERS


class ContentSecurityPolicyMiddleware:
    """Send one strict policy on every response: no inline script or style anywhere in Quire."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse an oversized request from its Content-Length, before a byte of the body is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            context = {"limit": settings.MAX_REQUEST_BYTES, "size": length}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


class RequestLineLimitMiddleware:
    """Answer 414 to an address longer than any form or API request makes, with a page saying so (JSON on the
    API, by quire.api.middleware); gunicorn reads lines up to eight times as long (quire/core/gunicorn_config.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = len(request.get_full_path())
        if length > MAX_REQUEST_LINE:
            context = {
                "limit": MAX_REQUEST_LINE,
                "size": length,
                "query_length": MAX_QUERY_LENGTH,
                "tags": MAX_TAG_PARAMETERS,
            }
            return render(request, "414.html", context, status=414)
        return self.get_response(request)
