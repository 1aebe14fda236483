"""What every page needs of the site pages (the footer's links, the current terms), read from the cache.

The footer and the terms check run on every request, so their answer is cached and forgotten whenever a page
is saved (services.save_page); the 5-minute expiry covers a change made outside the services (a shell).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max

from quire.access.reading import published_pages
from quire.sitepages.models import TERMS_SLUG, TermsAgreement

CACHE_KEY = "sitepages:index"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class SiteIndex:
    links: tuple[tuple[str, str], ...] = ()  # (slug, title) of published pages, in footer order
    terms_version: int | None = None  # the published Terms of Service's version; None: no terms published

    @property
    def has_terms(self) -> bool:
        return self.terms_version is not None


EMPTY = SiteIndex()


def site_index() -> SiteIndex:
    index = cache.get(CACHE_KEY)
    if index is None:
        pages = list(published_pages().values_list("slug", "title", "version"))
        terms = [version for slug, _, version in pages if slug == TERMS_SLUG]
        index = SiteIndex(
            links=tuple((slug, title) for slug, title, _ in pages), terms_version=terms[0] if terms else None
        )
        cache.set(CACHE_KEY, index, CACHE_SECONDS)
    return index


def forget() -> None:
    cache.delete(CACHE_KEY)


def agreed_version(user) -> int:
    """The latest version of the terms this member agreed to; 0 if none."""
    return TermsAgreement.objects.filter(user=user).aggregate(version=Max("version"))["version"] or 0
