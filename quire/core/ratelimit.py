"""Cache-backed rate limits: fixed windows counted in the default cache (shared files, Redis at scale).

A limit names a rate in settings.RATE_LIMITS ("10/15m": ten per fifteen minutes) and whom it counts: an
account, an address (client_ip, so X-Forwarded-For only from TRUSTED_PROXIES), or the account a login names
(quire.accounts.views.login_checks). Over the
rate, the view answers 429 with Retry-After and one calm page (quire/core/templates/429.html).

    @limit(by_address("searches"), methods=("GET", "HEAD"))
    def search(request): ...
"""

import hashlib
import math
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from quire.core.readers import client_ip

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# (rate name, who): one counter each; a view may be counted by several (login: the account and the address).
Check = tuple[str, str]


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/15m' -> (10, 900): how many hits per how many seconds."""
    count, _, period = rate.partition("/")
    number = period[:-1] or "1"
    return int(count), int(number) * _UNITS[period[-1]]


class RateLimited(Exception):
    def __init__(self, name: str, retry_after: int):
        super().__init__(f"Too many requests ({name}); try again in {retry_after} s")
        self.name, self.retry_after = name, retry_after


def _window(name: str, who: str) -> tuple[str, int, int]:
    count, seconds = parse_rate(settings.RATE_LIMITS[name])
    now = time.time()
    start = int(now // seconds) * seconds
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]  # no address or username kept in the cache
    return f"rl:{name}:{digest}:{start}", count, max(1, math.ceil(start + seconds - now))


def is_over(name: str, who: str) -> int:
    """Seconds until `who` may try again under `name`, or 0 if they may now."""
    if not settings.RATE_LIMITS_ENABLED:
        return 0
    key, allowed, retry_after = _window(name, who)
    return retry_after if (cache.get(key) or 0) >= allowed else 0


def count(name: str, who: str) -> None:
    if not settings.RATE_LIMITS_ENABLED:
        return
    key, _, retry_after = _window(name, who)
    cache.add(key, 0, timeout=retry_after + 1)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: start the window again
        cache.set(key, 1, timeout=retry_after + 1)


def hit(name: str, who: str) -> None:
    """Count one use; raise RateLimited if that was over the rate. For code paths outside views."""
    if wait := is_over(name, who):
        raise RateLimited(name, wait)
    count(name, who)


def wait_for(checks: Iterable[Check]) -> int:
    """Seconds until every one of `checks` allows one more, or 0 if they all do now."""
    return max((is_over(name, who) for name, who in checks), default=0)


def count_all(checks: Iterable[Check]) -> None:
    for name, who in checks:
        count(name, who)


def refuse_form(request, template: str, context: dict, *, form, retry_after: int, what: str):
    """429 with the form as the user filled it and one sentence at its top: a throttled review or report
    keeps every word typed (the plain 429 page would lose it)."""
    minutes = math.ceil(retry_after / 60)
    form.is_valid()  # so the error sits beside the form's own, and the typed values are shown as typed
    form.add_error(
        None,
        f"You have sent many {what} in a short time. Please try again in "
        f"{'about ' + str(minutes) + ' minutes' if minutes > 1 else 'a minute'}; what you wrote is kept below.",
    )
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def too_many_requests(request, retry_after: int):
    minutes = math.ceil(retry_after / 60)
    response = render(
        request,
        "429.html",
        {
            "retry_after": retry_after,
            "minutes": minutes,
            "retry_at": timezone.now() + timedelta(seconds=retry_after),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def limit(
    checks: Callable[..., Iterable[Check]],
    *,
    methods: Iterable[str] = ("POST",),
    count_when: Callable[..., bool] | None = None,
):
    """Answer 429 once any of `checks(request)` is over its rate. `count_when(response)` (default: always)
    decides whether this request counts, so a login limit can count failed attempts only."""
    methods = {m.upper() for m in methods}

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method not in methods:
                return view(request, *args, **kwargs)
            pairs = list(checks(request))
            waits = [is_over(name, who) for name, who in pairs]
            if any(waits):
                return too_many_requests(request, max(waits))
            response = view(request, *args, **kwargs)
            if count_when is None or count_when(response):
                for name, who in pairs:
                    count(name, who)
            return response

        return limited

    return decorator


# --- Whom to count ---------------------------------------------------------------------------------


def by_address(name: str) -> Callable[..., list[Check]]:
    return lambda request: [(name, client_ip(request))]


def by_reader(name: str) -> Callable[..., list[Check]]:
    """The account when logged in, else the address."""

    def checks(request):
        if request.user.is_authenticated:
            return [(name, f"user:{request.user.pk}")]
        return [(name, client_ip(request))]

    return checks


def login_failed(response) -> bool:
    # A successful login redirects; a failed one shows the form again.
    return response.status_code == 200


def report_checks(request) -> list[Check]:
    """Members by account; guests, who can give any email, by address."""
    if request.user.is_authenticated:
        return [("reports", f"user:{request.user.pk}")]
    return [("reports-guest", client_ip(request))]


def review_checks(request) -> list[Check]:
    """Guests and new accounts are held to stricter rates than established readers."""
    user = request.user
    if not user.is_authenticated:
        return [("reviews-guest", client_ip(request))]
    age = timezone.now() - user.date_joined
    name = "reviews-new-account" if age < timedelta(days=settings.NEW_ACCOUNT_DAYS) else "reviews"
    return [(name, f"user:{user.pk}")]
