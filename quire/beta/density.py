"""Ellipses and exclamation marks per 1,000 words, against what is typical on this archive."""

import re
from dataclasses import dataclass

from quire.beta.findings import Finding

ELLIPSIS = re.compile(r"\.\s?\.\s?\.(?:\s?\.)*|…+")
EXCLAMATION = re.compile(r"[!?]*![!?]*")  # "!!!" and "?!" count once
# Flag a chapter only when it clearly stands out: several times the typical rate, and enough of them.
FACTOR = 3.0
MIN_COUNT = 5
MIN_WORDS = 100


@dataclass(frozen=True)
class Rates:
    """Marks per 1,000 words; `source` says where the figure came from, for the report."""

    ellipses: float
    exclamations: float
    source: str


# A deliberately generous estimate for dialogue-heavy fan fiction (published novels use fewer of both);
# used until the archive has enough posted words of its own to measure.
BUILT_IN = Rates(ellipses=2.5, exclamations=3.0, source="typical fan fiction")


def check(document, rates: Rates) -> list[Finding]:
    words = document.word_count
    if words < MIN_WORDS:
        return []
    findings = []
    for slug, pattern, typical, name in (
        ("ellipses", ELLIPSIS, rates.ellipses, "ellipses"),
        ("exclamations", EXCLAMATION, rates.exclamations, "exclamation marks"),
    ):
        spots = [(m.start(), m.end()) for m in pattern.finditer(document.text)]
        rate = len(spots) * 1000 / words
        if len(spots) >= MIN_COUNT and rate >= FACTOR * max(typical, 0.5):
            findings.append(
                Finding(
                    slug,
                    *spots[0],
                    f"{len(spots)} {name} in {words:,} words: {rate:.1f} per 1,000 words, against "
                    f"{typical:.1f} in {rates.source}.",
                    "Used sparingly they keep their force; try a full stop or let the words carry it.",
                    tuple(spots[1:]),
                )
            )
    return findings


def count(text: str) -> tuple[int, int]:
    return len(ELLIPSIS.findall(text)), len(EXCLAMATION.findall(text))
