"""Reads for the beta read: which stored report belongs to a chapter as it is now."""

import hashlib
from functools import partial

from django.conf import settings
from django.core.cache import cache

from quire.beta import checker
from quire.beta.density import Rates
from quire.beta.models import BetaRead
from quire.beta.rates import current_rates

# Bumped when the rules or the report's markup change, so reports stored before are read again.
CHECKER_VERSION = "1"
PREVIEW_FINDINGS = 8
PANEL_CACHE_SECONDS = 24 * 3600


def fingerprint(body_html: str, rates: Rates) -> str:
    key = f"{CHECKER_VERSION}|{rates.ellipses!r}|{rates.exclamations!r}|{rates.source}|{body_html}"
    return hashlib.sha256(key.encode()).hexdigest()


def stored_read(chapter, rates: Rates) -> BetaRead | None:
    return BetaRead.objects.filter(chapter=chapter, fingerprint=fingerprint(chapter.body_html, rates)).first()


def preview_of(report: checker.Report, count: int) -> dict:
    """What the draft's panel shows, as plain data so it can be stored and cached."""
    return {
        "total": len(report.entries),
        "entries": [
            {
                "title": entry.rule.title,
                "mark_id": entry.places[0].mark_id,
                "before": entry.places[0].before,
                "excerpt": entry.places[0].excerpt,
                "after": entry.places[0].after,
                "message": entry.finding.message,
            }
            for entry in report.entries[:count]
        ],
    }


def is_long(chapter) -> bool:
    """Long enough that the beta read goes to the worker instead of running while the writer waits."""
    return len(chapter.body_html) > settings.BETA_READ_INLINE_CHARS


def panel_preview(chapter, rates: Rates) -> dict | None:
    """The first findings for a draft's panel: from its stored beta read, else worked out here and cached
    while the text is unchanged, but only for a chapter short enough to read in the request (None
    otherwise: the panel then offers the background read instead of holding up the work page)."""
    read = stored_read(chapter, rates)
    if read is not None and read.status == BetaRead.Status.DONE:
        return read.preview
    if is_long(chapter):
        return None
    key = f"beta-panel:{fingerprint(chapter.body_html, rates)}"
    return cache.get_or_set(
        key,
        lambda: preview_of(checker.beta_read(chapter.body_html, rates, full=False), PREVIEW_FINDINGS),
        PANEL_CACHE_SECONDS,
    )


def panel_previews(chapters) -> dict[int, dict | None]:
    """`panel_preview` for every draft among the chapters a page shows, in two queries however many there are
    (the archive's rates, and the stored reads of them all): a writer's draft of 12 chapters read 24."""
    drafts = [chapter for chapter in chapters if not chapter.is_posted]
    if not drafts:
        return {}
    rates = current_rates()
    prints = {chapter.pk: fingerprint(chapter.body_html, rates) for chapter in drafts}
    stored = BetaRead.objects.filter(chapter__in=drafts, fingerprint__in=set(prints.values()))
    done = {
        read.chapter_id: read.preview
        for read in stored
        if read.status == BetaRead.Status.DONE and read.fingerprint == prints[read.chapter_id]
    }
    previews = {}
    for chapter in drafts:
        if chapter.pk in done:
            previews[chapter.pk] = done[chapter.pk]
        elif is_long(chapter):
            previews[chapter.pk] = None
        else:
            previews[chapter.pk] = cache.get_or_set(
                f"beta-panel:{prints[chapter.pk]}",
                partial(_preview_now, chapter.body_html, rates),
                PANEL_CACHE_SECONDS,
            )
    return previews


def _preview_now(body_html: str, rates: Rates) -> dict:
    return preview_of(checker.beta_read(body_html, rates, full=False), PREVIEW_FINDINGS)
