"""The archive's typical rate of ellipses and exclamation marks, measured from posted chapters."""

from quire.access.reading import published_chapters
from quire.beta.density import BUILT_IN, Rates, count
from quire.beta.models import ArchiveRates

# Below this many posted words the archive's own figure is too noisy; the built-in one is used instead.
MIN_ARCHIVE_WORDS = 200_000
BATCH = 500


def current_rates() -> Rates:
    measured = ArchiveRates.objects.filter(pk=1).first()
    if measured is None or measured.words < MIN_ARCHIVE_WORDS:
        return BUILT_IN
    per_thousand = 1000 / measured.words
    return Rates(
        ellipses=measured.ellipses * per_thousand,
        exclamations=measured.exclamations * per_thousand,
        source=f"this archive’s {measured.chapters:,} posted chapters",
    )


def refresh_rates() -> ArchiveRates:
    """Reads every posted chapter's source text once, in batches; meant for the background worker."""
    words = ellipses = exclamations = chapters = 0
    posted = published_chapters()
    for body, word_count in posted.values_list("body", "word_count").iterator(chunk_size=BATCH):
        found_ellipses, found_exclamations = count(body)
        ellipses += found_ellipses
        exclamations += found_exclamations
        words += word_count
        chapters += 1
    rates, _ = ArchiveRates.objects.update_or_create(
        pk=1,
        defaults={"words": words, "ellipses": ellipses, "exclamations": exclamations, "chapters": chapters},
    )
    return rates
