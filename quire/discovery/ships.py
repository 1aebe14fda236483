"""Readers search for a ship the way they say it: "Rory/Jess", "Jess/Rory", "Rory x Jess". Such a search is
read as a relationship between characters named so (full or short names, either order), and finds the works
tagged with those relationship tags or their synonyms, instead of the text "Rory/Jess" (which no work has)."""

import re
from dataclasses import dataclass

from quire.tags.enums import TagType
from quire.tags.models import Tag

# "A/B" or "A x B" (an x between spaces), each side a name of at most four words.
_SHIP = re.compile(r"^\s*(?P<a>[^/&]{1,60}?)\s*(?:/|\s[xX]\s)\s*(?P<b>[^/&]{1,60}?)\s*$")
# Relationship tags name their characters joined by "/" (romantic) or " & " (platonic).
_CHARACTERS = re.compile(r"\s*/\s*|\s+&\s+")
MAX_CANDIDATES = 500


@dataclass
class Ship:
    characters: tuple[str, str]  # as the first matching tag names them
    filter_keys: list[int]  # the relationship tags (canonical, or unwrangled) works are filed under


def _names(character: str, typed: str) -> bool:
    typed, full = typed.casefold(), character.casefold()
    return typed == full or typed in full.split()


def read_ship(query: str) -> Ship | None:
    match = _SHIP.match(query or "")
    if not match or any(len(side.split()) > 4 for side in match.group("a", "b")):
        return None
    a, b = match["a"], match["b"]
    candidates = Tag.objects.filter(type=TagType.RELATIONSHIP, name__icontains=a).filter(name__icontains=b)
    keys, named = {}, None
    for tag in candidates.order_by("name")[:MAX_CANDIDATES]:
        characters = [c for c in _CHARACTERS.split(tag.name) if c]
        if len(characters) != 2:
            continue
        first, second = characters
        if _names(first, a) and _names(second, b):
            pair = (first, second)
        elif _names(first, b) and _names(second, a):
            pair = (second, first)
        else:
            continue
        keys[tag.merger_id or tag.pk] = True
        if named is None or (tag.canonical and not tag.merger_id):
            named = pair
    return Ship(characters=named, filter_keys=list(keys)) if keys else None
