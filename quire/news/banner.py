"""The site-wide banner, read on every page: cached (the "no banner" answer too), and forgotten whenever
it is saved (Banner.save), so drawing a page costs no query for it."""

from django.core.cache import cache

from quire.news.models import BANNER_CACHE_KEY, Banner

# The cookie that holds the version of the banner this reader dismissed.
DISMISSED_COOKIE = "banner_dismissed"
CACHE_SECONDS = 300


def current() -> Banner:
    """The banner row as saved (a blank, inactive one if staff never set it)."""
    cached = cache.get(BANNER_CACHE_KEY)
    if cached is None:
        cached = Banner.objects.filter(pk=1).first() or Banner(pk=1)
        cache.set(BANNER_CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def dismissed_version(request) -> int | None:
    try:
        return int(request.COOKIES.get(DISMISSED_COOKIE, ""))
    except ValueError:
        return None


def for_reader(request) -> Banner | None:
    """The banner this reader should see: on, with text, and not dismissed in its present version."""
    banner = current()
    if not banner.active or not banner.text_html or dismissed_version(request) == banner.version:
        return None
    return banner
