"""Likely synonyms for a new tag, so wranglers merge variants quickly.

Pure Python (no Django, no database) so views, commands and tests can all call it. Precision over recall:
a wrong suggestion costs a wrangler more time than a missing one, so every rule compares normalized words
exactly; nothing is fuzzy (no edit distance), which also keeps 50,000 candidates to one cheap pass.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import NamedTuple


@dataclass(frozen=True)
class Suggestion:
    canonical: str  # the candidate's name as given
    reason: str  # short and human, shown to the wrangler
    score: float  # 0..1, higher = more certain


_APOSTROPHES = re.compile(r"['’‘ʼ`]")  # dropped, not split on: "Rory's" and "Rorys" are one word
_LATIN_ACCENTS = re.compile(r"(?<=[\x00-\u024f])[\u0300-\u036f]+")  # combining marks after a Latin letter
_WORD = re.compile(r"[^\W_]+")
_MEMBER_SEPARATOR = re.compile(r"\s*([/&])\s*")
# Parts of an additional tag. A hyphen separates only with spaces around it, so "Self-Harm" stays one part.
_SEGMENT_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[:/|–—]\s*")
_QUALIFIER = re.compile(r"\s*\(([^()]*)\)\s*$")
_NICKNAME = re.compile(r"(?:^|\s)['\"‘“]([^'\"‘’“”]+)['\"’”](?=\s|$)")
# Only a medium may be dropped: "Robin Hood (2006)" is one adaptation among several, not the same fandom.
_MEDIUM = re.compile(
    r"tv|movies?|films?|anime|manga|comics?|cartoons?|books?|novels?|video|games?|radio|podcast|band|musical"
    r"|web|series|webcomic|animated|and"
)
# A title says nothing about who is meant: "Mr" is not short for "Mr. Darcy", nor "The" for "The Doctor".
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sir", "lady", "lord", "the"])
# How many canonicals may share a short form before suggesting all of them is noise rather than help.
_MAX_SHARED = 3
_SHORT_SCORE = 0.7


class _Parsed(NamedTuple):
    key: str  # match_key
    loose: tuple  # weaker key: word order (character), parts (additional), name without medium (fandom)
    qualified: bool  # fandom named with a medium qualifier
    shorts: tuple[str, ...]  # character: the single words a writer may type for them
    kind: str  # relationship: "/" or "&" when all members are joined the same way, else ""
    members: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # relationship: (words, shorts) each


def _fold(text: str) -> str:
    """Casefold and drop accents from Latin letters only: "é" is "e" to most typists, but "й" is not "и"
    in Russian, nor "が" "か" in Japanese."""
    text = text.casefold()
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text)))


def _flat(text: str) -> str:
    # "&" inside a non-relationship name is the word "and": "Law & Order" is "Law and Order".
    return _APOSTROPHES.sub("", _fold(text)).replace("&", " and ")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_flat(text)))


def _person(text: str) -> tuple[str, ...]:
    # "Mariano, Jess" is how catalogues write "Jess Mariano". Quire's validator refuses commas in tag
    # names, but imported lists and raw typed text may still have them.
    family, comma, given = text.partition(",")
    if comma and given.strip() and "," not in given:
        text = f"{given} {family}"
    return _words(text)


def _short_forms(text: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """First name ("Rory" for "Rory Gilmore") and quoted nickname ("Bucky" for "James 'Bucky' Barnes").
    Never the family name: "Gilmore" alone could be any Gilmore."""
    if len(words) < 2:
        return ()
    nicknames = {nick[0] for found in _NICKNAME.findall(text) if len(nick := _words(found)) == 1}
    return tuple(sorted(nicknames | ({words[0]} - _TITLES)))


def _singular(word: str) -> str:
    # Cheap English singular, a rule for additional tags only: "Road Trips" is "Road Trip", "Kiss" stays.
    return (
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word
    )


def _segments(name: str, singular: bool) -> tuple[str, ...]:
    """The parts of an additional tag, sorted: "Canon Divergence - Alternate Universe" has the parts of
    "Alternate Universe - Canon Divergence", but "Top Harry/Bottom Draco" not "Bottom Harry/Top Draco"'s."""
    parts = (
        " ".join(_singular(w) if singular else w for w in _words(part))
        for part in _SEGMENT_SEPARATOR.split(name)
    )
    return tuple(sorted(p for p in parts if p))


# The same canonical list is scanned for every new tag on a wrangling page. Tuples, not sets, inside:
# tuples of strings drop out of the garbage collector's tracking, and 50,000 tracked sets made it crawl.
@lru_cache(maxsize=100_000)
def _parse(name: str, tag_type: str) -> _Parsed:
    loose, qualified, shorts, kind, members = (), False, (), "", ()
    if tag_type == "relationship":
        parts = _MEMBER_SEPARATOR.split(name.strip())
        members = tuple((words, _short_forms(p, words)) for p in parts[::2] for words in [_person(p)])
        joins = set(parts[1::2])
        if len(joins) == 1:  # "A/B/C" or "A & B": order carries no meaning
            kind = joins.pop()
            key = f" {kind} ".join(sorted(" ".join(words) for words, _ in members))
        else:  # a single name, or mixed "A/B & C": too rare to guess at, compared as written
            key = " ".join(p if i % 2 else " ".join(_person(p)) for i, p in enumerate(parts))
    elif tag_type == "character":
        words = _person(name)
        key, loose, shorts = " ".join(words), tuple(sorted(words)), _short_forms(name, words)
    else:
        key = " ".join(_words(name))
        if tag_type == "additional":
            loose = _segments(name, singular=True)
        elif tag_type == "fandom":
            qualifier = _QUALIFIER.search(name)
            qualified = bool(qualifier and all(_MEDIUM.fullmatch(w) for w in _words(qualifier[1])))
            loose = tuple(_words(name[: qualifier.start()])) if qualified else tuple(key.split())
    if not _WORD.search(key):  # all punctuation: only the same punctuation is the same tag
        key = " ".join(name.casefold().split())
    return _Parsed(key, loose, qualified, shorts, kind, members)


def match_key(name: str, tag_type: str) -> str:
    """Equal keys = almost certainly the same tag: case, spacing, punctuation, Latin diacritics and the
    order of relationship members are ignored; "/" (romantic) and "&" (platonic) are kept apart."""
    return _parse(name, tag_type).key


def _same_name_reason(name: str, candidate: str, tag_type: str) -> tuple[str, float]:
    a, b = "".join(name.split()), "".join(candidate.split())
    if a == b:
        return "same letters, different spacing", 0.99
    if a.casefold() == b.casefold():
        return "same letters, different case", 0.99
    if _fold(a) == _fold(b):
        return "same letters, different accents", 0.95
    if tag_type == "relationship":
        written = [[words for words, _ in _parse(n, tag_type).members] for n in (name, candidate)]
        if written[0] != written[1]:
            return "same people in another order", 0.95
    if tag_type == "character" and ("," in name) != ("," in candidate):
        return "same name, family name first", 0.9
    return "same words, different punctuation", 0.9


def _loose_reason(name: str, candidate: str, tag_type: str) -> tuple[str, float]:
    if tag_type == "additional" and _segments(name, False) != _segments(candidate, False):
        return "same words, singular and plural", 0.75
    return "same words in another order", 0.8


def _same_person(mine: tuple, theirs: tuple) -> bool:  # the full name, or one word that is their short form
    return mine[0] == theirs[0] or (len(mine[0]) == 1 and mine[0][0] in theirs[1])


def _short_for(new: _Parsed, cand: _Parsed, tag_type: str) -> bool:
    if tag_type == "character":
        return " " not in new.key and new.key in cand.shorts
    if not new.kind or new.kind != cand.kind or len(new.members) != len(cand.members):
        return False
    return any(all(map(_same_person, new.members, order)) for order in permutations(cand.members))


def suggest_synonyms(
    name: str, tag_type: str, canonicals: Iterable[str], *, limit: int = 5
) -> list[Suggestion]:
    new = _parse(name, tag_type)
    same, loose, short = [], [], []
    seen = {" ".join(name.split())}  # never the tag itself (Quire collapses spaces), each candidate once
    # Every rule needs each word of the new tag (a fandom's medium aside) in the candidate, give or take a
    # plural "s". One regex search checks that far faster than parsing, so only the few candidates passing
    # it are parsed (and cached): this is what keeps 50,000 candidates well under a second.
    words = new.loose if tag_type == "fandom" else _WORD.findall(_flat(name))
    stems = {_singular(w) for w in words}
    has_words = re.compile("".join(rf"(?=.*(?<![^\W_]){re.escape(w)}s?(?![^\W_]))" for w in stems), re.S)
    for candidate in canonicals:
        if (spaced := " ".join(candidate.split())) in seen:
            continue
        seen.add(spaced)
        if not has_words.match(_flat(candidate)):
            continue
        cand = _parse(candidate, tag_type)
        if cand.key == new.key:
            same.append(Suggestion(candidate, *_same_name_reason(name, candidate, tag_type)))
        elif (
            new.loose
            and cand.loose == new.loose
            and (tag_type != "fandom" or new.qualified != cand.qualified)
        ):
            # Fandoms: "X (TV)" ~ "X", but "X (TV)" is not "X (Movies)": two adaptations, two canons.
            (short if tag_type == "fandom" else loose).append(candidate)
        elif tag_type in ("character", "relationship") and _short_for(new, cand, tag_type):
            short.append(candidate)

    if same:  # the same name is the answer; weaker guesses beside it would only add reading
        found = same
    else:
        found = [Suggestion(c, *_loose_reason(name, c, tag_type)) for c in loose]
        if tag_type == "relationship":
            if len(short) == 1:  # short names must pick out one pairing, or "Rory/Jess" is a guess
                found.append(Suggestion(short[0], "short names of the same people", _SHORT_SCORE))
        elif len(short) <= _MAX_SHARED:
            # A shared short form ("Lorelai"; "Sherlock" beside "Sherlock (TV)" and "Sherlock (Movies)"):
            # offer each at a divided score, as the wrangler picks and the right one is usually among two
            # or three. Beyond that ("John" across fandoms) it is noise: offer none.
            reason = (
                "same title without its medium" if tag_type == "fandom" else "short form of a character name"
            )
            found += [Suggestion(c, reason, _SHORT_SCORE / len(short)) for c in short]
    found.sort(key=lambda s: (-s.score, s.canonical.casefold(), s.canonical))
    return found[: max(limit, 0)]
