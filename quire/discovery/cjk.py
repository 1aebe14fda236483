"""Chinese, Japanese and Korean in the search index, the same way on SQLite and PostgreSQL.

Both engines split text into words at spaces and punctuation, so a run of Chinese or Japanese ("狼の夢を見た")
was one word and a search for 狼 found nothing. So each run of CJK letters is indexed as its characters and
its pairs of neighbouring characters (bigrams, as Lucene's CJK analyzer indexes them): "狼の夢" as
狼 の 夢 狼の の夢. A search for one character matches the character; a longer run matches a work holding every
pair of it (狼の and の夢), so "狼の夢" finds 狼の夢 inside any run, and a work with 狼の and の夢 apart too.

Pairs, not positions: PostgreSQL keeps at most 256 positions of a word and none past 16,383, so a phrase of
characters (狼 <-> の <-> 夢) would be missed deep in a long work on PostgreSQL and found on SQLite. Hangul is
split too: Korean is written with spaces, but particles join the word before them (서울에서), and a search
for 서울 should find it.

A text's distinct characters and pairs are limited to MAX_LEXEME_BYTES (PostgreSQL refuses a document whose
distinct words take over 1 MB); real novels stay under it, and past it new pairs are left out.

The SQLite index is fed by triggers through `index_text`, registered on each connection as
quire_search_text (quire.discovery.apps). Its output must never change for a stored text: FTS5 removes a
document by the words it indexed. Changing CLASS or the budget needs a migration that reindexes the
documents it changes, as discovery 0005 does.
"""

import re
from operator import add

# Han (with 々 〇 and the Hangzhou numerals), hiragana, katakana (with ー and the half-width forms), Hangul
# syllables and jamo. Letters only: both engines read each of them as a word character (checked for every
# one on FTS5's unicode61 and PostgreSQL's default parser), while their punctuation separates words.
RANGES = (
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3041, 0x3096),
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x3131, 0x318E),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9D),
    (0x1AFF0, 0x1B16F),
    (0x20000, 0x2EBE0),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x3134A),
)
# Literal characters in a bracket: Python's re and PostgreSQL's regular expressions read it alike.
CLASS = (
    "["
    + "".join(chr(first) if first == last else f"{chr(first)}-{chr(last)}" for first, last in RANGES)
    + "]"
)
_RUN = re.compile(CLASS + "+")
_SPLIT = re.compile(f"({CLASS}+)")

MAX_LEXEME_BYTES = 400_000


def has_cjk(text: str) -> bool:
    return _RUN.search(text) is not None


def lexemes(run: str) -> list[str]:
    """What a searched run matches: its one character, or each of its pairs once."""
    if len(run) == 1:
        return [run]
    return list(dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)))


def pieces(text: str) -> list[tuple[str, bool]]:
    """The text cut into its CJK runs and what lies between them, in order: (piece, is_cjk)."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(_SPLIT.split(text)) if piece]


def index_text(text: str | None) -> str | None:
    """The text as the index reads it: each CJK run replaced by its characters and pairs, space-separated;
    any other text unchanged."""
    if not text or not has_cjk(text):
        return text
    kept = _kept_within_budget(text)

    def spaced(match: re.Match) -> str:
        grams = _grams(match.group())
        if kept is not None:
            grams = [gram for gram in grams if gram in kept]
        return " " + " ".join(grams) + " "

    return _RUN.sub(spaced, text)


def _grams(run: str) -> list[str]:
    """Each character followed by its pair with the next, in the order written: 狼 狼の の の夢 夢."""
    grams: list[str] = [""] * (2 * len(run) - 1)
    grams[0::2] = run
    grams[1::2] = map(add, run, run[1:])
    return grams


def _kept_within_budget(text: str) -> set[str] | None:
    """The characters and pairs kept when the text's distinct ones take more than MAX_LEXEME_BYTES (the
    first met, so a text always keeps the same ones); None when all are kept."""
    if len(text) * 12 <= MAX_LEXEME_BYTES:  # a character and a pair take at most 4 + 8 bytes
        return None
    runs = _RUN.findall(text)
    distinct: set[str] = set()
    for run in runs:
        distinct.update(_grams(run))
    if len("".join(distinct).encode()) <= MAX_LEXEME_BYTES:  # their bytes, in one call
        return None
    kept: set[str] = set()
    budget = MAX_LEXEME_BYTES
    for run in runs:
        for gram in dict.fromkeys(_grams(run)):
            if gram not in kept and (size := len(gram.encode())) <= budget:
                budget -= size
                kept.add(gram)
    return kept


def truncate(text: str, characters: int) -> str:
    """The text up to its first `characters` CJK characters, anything before them kept."""
    kept, left = [], characters
    for piece, is_cjk in pieces(text):
        if is_cjk:
            piece = piece[:left]
            left -= len(piece)
        kept.append(piece)
        if left <= 0:
            break
    return "".join(kept)


def count(text: str) -> int:
    return sum(len(run) for run in _RUN.findall(text))
