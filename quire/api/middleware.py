"""Every answer under /api/ is JSON, errors included: the API's own errors are (quire/api/errors.py), and this
turns the site's HTML error pages into {"detail": "..."} when they answer an API address: Django's 400, 403,
404 and 500 pages, django-ninja's 405, and the 413, 414 and 415 of the request limits."""

import json
from http import HTTPStatus

from django.conf import settings

from quire.core.request_line import MAX_REQUEST_LINE

API_PREFIX = "/api/"


FIXED_DETAILS = {
    400: "The request could not be read: a header, the address or the body is malformed.",
    403: "You may not do that.",
    404: "There is no API operation at this address; the OpenAPI document (/api/v1/openapi.json) lists them.",
    415: "The API takes JSON bodies (Content-Type: application/json), not files.",
    500: "Something went wrong on the archive's side; it was logged. Try again later.",
}


def _detail(request, response) -> str:
    status = response.status_code
    if status == 405:
        allowed = ", ".join(sorted(m.strip() for m in response.get("Allow", "").split(",") if m.strip()))
        return f"{request.method} is not allowed at this address; it allows {allowed or 'nothing'}."
    if status == 413:
        return f"The request is too large: the archive accepts at most {settings.MAX_REQUEST_BYTES:,} bytes."
    if status == 414:
        return f"The address is too long: the archive reads at most {MAX_REQUEST_LINE:,} bytes of it."
    if status in FIXED_DETAILS:
        return FIXED_DETAILS[status]
    try:
        return f"{HTTPStatus(status).phrase}."
    except ValueError:
        return "The request failed."


class JsonErrorsMiddleware:
    """Outermost, so it sees the answers of every other middleware and of Django's error handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
            and not response.streaming
        ):
            # The response keeps its status and headers (Allow, Retry-After, the security headers).
            response.content = json.dumps({"detail": _detail(request, response)})
            response["Content-Type"] = "application/json; charset=utf-8"
            response["Content-Length"] = str(len(response.content))
        return response
