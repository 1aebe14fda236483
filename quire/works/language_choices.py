"""The language <select>: this archive's most used languages first (counted through quire.access, so only
published works count), then every language by name."""

from django.core.cache import cache
from django.db.models import Count
from django.utils.choices import CallableChoiceIterator

from quire.access.reading import published_works
from quire.works.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES

MOST_USED_SHOWN = 5
MOST_USED_CACHE_SECONDS = 3600


def most_used_codes() -> list[str]:
    """The archive's most used languages, most works first; counted at most once an hour."""
    codes = cache.get("languages:most-used")
    if codes is None:
        rows = (
            published_works()
            .values("language")
            .annotate(works=Count("pk"))
            .order_by("-works", "language")[:MOST_USED_SHOWN]
        )
        codes = [row["language"] for row in rows if row["language"] in LANGUAGE_NAMES]
        cache.set("languages:most-used", codes, MOST_USED_CACHE_SECONDS)
    return codes


def choices_most_used_first(blank: tuple[str, str] | None = None) -> CallableChoiceIterator:
    """For a <select>'s widget: this archive's most used languages first, then every language by name.
    Counted only when the select is drawn, so a form that is only validated (the API's) asks nothing."""

    def grouped():
        names = dict(LANGUAGE_CHOICES)
        used = [(code, names[code]) for code in most_used_codes()]
        groups = [("Most used here", used)] if used else []
        return [*([blank] if blank else []), *groups, ("All languages", LANGUAGE_CHOICES)]

    return CallableChoiceIterator(grouped)
