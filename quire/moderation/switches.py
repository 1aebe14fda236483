"""The operators' site switches, read on many requests: cached, and forgotten whenever they are saved."""

from django.core.cache import cache

from quire.moderation.models import SiteSwitches

CACHE_KEY = SiteSwitches.CACHE_KEY


def current():
    switches = cache.get(CACHE_KEY)
    if switches is None:
        switches = SiteSwitches.objects.filter(pk=1).first() or SiteSwitches(pk=1)
        cache.set(CACHE_KEY, switches, 300)
    return switches


def forget() -> None:
    cache.delete(CACHE_KEY)


def downloads_enabled() -> bool:
    """Downloads (quire.exports) must check this and refuse with a clear message when it is off."""
    return current().downloads


def guest_reviews_enabled() -> bool:
    return current().guest_reviews


def registration() -> str:
    return current().registration
