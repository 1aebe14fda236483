"""Rate limits for the API, on django-ninja's cache-backed throttles. Rates come from settings.API_RATE_LIMITS
each time, so operators (and tests) can change them without a restart of the module."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from quire.core.readers import client_ip


class _QuireThrottle(SimpleRateThrottle):
    scope = ""

    def __init__(self):
        # The rate is read per request (below), not once at import.
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = settings.API_RATE_LIMITS[self._scope_for(request)]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def _scope_for(self, request) -> str:
        raise NotImplementedError

    def get_cache_key(self, request) -> str:
        user = getattr(request, "auth", None)
        ident = f"user{user.pk}" if user is not None and user.is_authenticated else f"ip{client_ip(request)}"
        return f"api_throttle_{self._scope_for(request)}_{ident}"


class ReadThrottle(_QuireThrottle):
    def _scope_for(self, request) -> str:
        user = getattr(request, "auth", None)
        return "token" if user is not None and user.is_authenticated else "anon"


class WriteThrottle(_QuireThrottle):
    def _scope_for(self, request) -> str:
        return "write"
