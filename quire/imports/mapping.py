"""How an eFiction archive's ratings, categories, characters and classes become Quire's ratings, tags and
archive warnings.

The dry run proposes a mapping from the archive (guessing from the category tree whether categories are
fandoms or pairings) and writes it as a TOML file the operator edits and passes back with `--mapping`. TOML
rather than JSON because a person edits it: it takes comments (the proposal explains itself in them and
names each category's place in the tree), one inline table per line is easy to scan and change, and a
forgotten or extra comma is not a syntax error. Python reads it with the standard library (tomllib); the
proposal is written by hand below, as its shape is fixed and flat.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from quire.tags.enums import TagType
from quire.works.enums import Rating, Warning

SKIP = "skip"
WARNING = "warning"
TAG_KINDS = {
    "fandom": TagType.FANDOM,
    "relationship": TagType.RELATIONSHIP,
    "character": TagType.CHARACTER,
    "additional": TagType.ADDITIONAL,
}
KINDS = (*TAG_KINDS, WARNING, SKIP)


class MappingError(Exception):
    """The mapping file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Target:
    """What one eFiction value becomes: a tag of a kind, an archive warning, or nothing."""

    kind: str
    name: str = ""
    source: str = ""  # the eFiction value, as the report names it

    def __post_init__(self):
        if self.kind not in KINDS:
            raise MappingError(f"{self.source or self.name}: “{self.kind}” is not one of {', '.join(KINDS)}.")
        if self.kind == WARNING and self.name not in Warning.values:
            raise MappingError(
                f"{self.source or self.name}: “{self.name}” is not an archive warning; use one of "
                + ", ".join(Warning.values)
                + "."
            )
        if self.kind in TAG_KINDS and not self.name.strip():
            raise MappingError(f"{self.source}: a {self.kind} needs a tag name.")


@dataclass
class Mapping:
    ratings: dict[int, str] = field(default_factory=dict)
    categories: dict[int, Target] = field(default_factory=dict)
    characters: dict[int, Target] = field(default_factory=dict)
    classes: dict[int, Target] = field(default_factory=dict)
    default_fandoms: list[str] = field(default_factory=list)
    default_warning: str = Warning.CHOSE_NOT_TO_WARN
    # Values the proposal could only guess at (an unknown rating name): the report lists them.
    unmapped: list[str] = field(default_factory=list)


# --- Proposing ---------------------------------------------------------------------------------------------

# eFiction rating names as archives spelled them (FanFiction.Net's letters, the MPAA's, AO3's words).
_RATING_WORDS = [
    (Rating.EXPLICIT, r"nc-?17|explicit|adult|\bma\b|\bx+\b|18\+|\bnc\b|porn|smut"),
    (Rating.MATURE, r"\br\b|mature|\bm\b|restricted|16\+"),
    (Rating.TEEN, r"pg-?1[0-5]|teen|\bt\b|\bk\+|13\+|12\+|15\+|older"),
    (Rating.GENERAL, r"\bg\b|\bpg\b|general|all ages|everyone|\bk\b|pre-?teen|\bu\b|children"),
    (Rating.NOT_RATED, r"not rated|unrated|none"),
]

# eFiction warning classes that are one of AO3's archive warnings; any other warning is an additional tag.
_WARNING_WORDS = [
    (Warning.CHARACTER_DEATH, r"death|dies|dying"),
    (Warning.NON_CON, r"non-?con|rape|dub-?con"),
    (Warning.UNDERAGE, r"underage|under-?age|chan\b|minor"),
    (Warning.VIOLENCE, r"violen|gore|torture"),
    (Warning.NONE_APPLY, r"^none$|no warnings"),
]

_PAIRING = re.compile(r"\S\s*(/|&| x )\s*\S")
# Top-level categories some archives group their pairings under, which name no fandom.
_HEADING = re.compile(
    r"pairing|slash|\bhet\b|femslash|threesome|moresome|\bships?\b|couples|\bgen\b|romance", re.IGNORECASE
)


def guess_rating(name: str) -> str | None:
    lowered = name.strip().lower()
    for rating, pattern in _RATING_WORDS:
        if re.search(pattern, lowered):
            return rating
    return None


def guess_warning(name: str) -> str | None:
    lowered = name.strip().lower()
    for warning, pattern in _WARNING_WORDS:
        if re.search(pattern, lowered):
            return warning
    return None


def propose(archive) -> Mapping:
    """A mapping guessed from the archive: categories whose names pair people ("A/B") are relationships, a
    category named like a heading ("Slash Pairings") holding only such pairings is skipped, any other category
    is a fandom (a story filed under a pairing also gets the fandom above it); characters
    are characters; warning classes that are an AO3 archive warning become it, other classes additional
    tags."""
    mapping = Mapping()
    for row in archive.rows("ratings", order_by="rid"):
        rating = guess_rating(row["rating"])
        if rating is None:
            mapping.unmapped.append(f"rating {row['rid']} “{row['rating']}”: no Quire rating fits; Not Rated")
            rating = Rating.NOT_RATED
        mapping.ratings[row["rid"]] = rating

    categories = {row["catid"]: row for row in archive.rows("categories", order_by="catid")}
    children: dict[int, list[int]] = {}
    for catid, row in categories.items():
        children.setdefault(row["parentcatid"], []).append(catid)

    def is_pairing(catid):
        return bool(_PAIRING.search(categories[catid]["category"]))

    for catid, row in categories.items():
        name = row["category"].strip()
        kids = children.get(catid, [])
        if is_pairing(catid):
            kind = "relationship"
        elif kids and all(is_pairing(kid) for kid in kids) and _HEADING.search(name):
            kind = SKIP  # "Slash Pairings": a heading over pairings, not a fandom
        else:
            kind = "fandom"
        mapping.categories[catid] = Target(
            kind, name if kind != SKIP else "", category_path(categories, catid)
        )
    if not any(target.kind == "fandom" for target in mapping.categories.values()):
        site = (archive.settings.get("sitename") or "").strip()
        mapping.default_fandoms = [site] if site else []

    for row in archive.rows("characters", order_by="charid"):
        mapping.characters[row["charid"]] = Target("character", row["charname"].strip(), row["charname"])

    type_names = {
        row["classtype_id"]: (row["classtype_name"] or "").lower() for row in archive.rows("classtypes")
    }
    for row in archive.rows("classes", order_by="class_id"):
        name = row["class_name"].strip()
        warning = guess_warning(name) if "warning" in type_names.get(row["class_type"], "") else None
        mapping.classes[row["class_id"]] = (
            Target(WARNING, warning, name) if warning else Target("additional", name, name)
        )
    return mapping


def category_path(categories: dict, catid: int) -> str:
    names, seen = [], set()
    while catid in categories and catid not in seen:
        seen.add(catid)
        names.append(categories[catid]["category"].strip())
        catid = categories[catid]["parentcatid"]
    return " > ".join(reversed(names))


# --- The file ----------------------------------------------------------------------------------------------


def _string(value: str) -> str:
    # A JSON string is a TOML basic string for every character json.dumps writes (its escapes are TOML's).
    return json.dumps(value, ensure_ascii=False)


def _target_line(key: int, target: Target) -> str:
    return f'"{key}" = {{ kind = {_string(target.kind)}, name = {_string(target.name)}, was = {_string(target.source)} }}'


def dumps(mapping: Mapping, *, archive_name: str = "") -> str:
    lines = [
        f"# How the eFiction archive {_string(archive_name)} becomes Quire's ratings, tags and warnings.",
        "# Edit it, then import with: quire import-efiction ... --mapping THIS_FILE",
        "# kind: fandom, relationship, character, additional (a tag of that name), warning (classes only;",
        "# name is one of " + ", ".join(Warning.values) + "), or skip.",
        "# `was` is the eFiction value, for reference; changing it changes nothing.",
        "",
        "[defaults]",
        "# Fandoms every imported work gets: for an archive of one fandom whose categories are pairings.",
        f"fandoms = [{', '.join(_string(name) for name in mapping.default_fandoms)}]",
        "# The archive warning of a work none of whose classes is a warning (Open Doors gives the same).",
        f"warning = {_string(mapping.default_warning)}",
        "",
        "[ratings]",
        "# eFiction rating id = Quire rating: " + ", ".join(Rating.values),
    ]
    lines += [f'"{rid}" = {_string(rating)}' for rid, rating in mapping.ratings.items()]
    for section, targets in (
        ("categories", mapping.categories),
        ("characters", mapping.characters),
        ("classes", mapping.classes),
    ):
        lines += ["", f"[{section}]"] + [_target_line(key, target) for key, target in targets.items()]
    return "\n".join(lines) + "\n"


def _targets(data: dict, section: str) -> dict[int, Target]:
    targets = {}
    for key, value in data.get(section, {}).items():
        where = f"[{section}] {key}"
        if not isinstance(value, dict) or not str(key).lstrip("-").isdigit():
            raise MappingError(f'{where}: write it as "ID" = {{ kind = "...", name = "..." }}.')
        targets[int(key)] = Target(
            str(value.get("kind", "")), str(value.get("name", "")), f"{where} ({value.get('was', '')})"
        )
    return targets


def load(path: Path, proposal: Mapping) -> Mapping:
    """The operator's mapping file over the proposal: a value the file leaves out keeps the proposal's guess."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError(f"cannot read the mapping file {path}: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"the mapping file {path} is not valid TOML: {error}") from error
    try:
        ratings = {}
        for key, value in data.get("ratings", {}).items():
            if value not in Rating.values:
                raise MappingError(f"[ratings] {key}: “{value}” is not one of {', '.join(Rating.values)}.")
            ratings[int(key)] = value
        defaults = data.get("defaults", {})
        warning = defaults.get("warning", proposal.default_warning)
        if warning not in Warning.values:
            raise MappingError(f"[defaults] warning: “{warning}” is not one of {', '.join(Warning.values)}.")
        fandoms = defaults.get("fandoms", proposal.default_fandoms)
        if not isinstance(fandoms, list) or not all(isinstance(name, str) for name in fandoms):
            raise MappingError('[defaults] fandoms: write a list of names, such as ["Stargate SG-1"].')
        return Mapping(
            ratings={**proposal.ratings, **ratings},
            categories={**proposal.categories, **_targets(data, "categories")},
            characters={**proposal.characters, **_targets(data, "characters")},
            classes={**proposal.classes, **_targets(data, "classes")},
            default_fandoms=fandoms,
            default_warning=warning,
            unmapped=[line for line in proposal.unmapped if int(line.split()[1]) not in ratings],
        )
    except ValueError as error:  # a key that is not an id
        raise MappingError(f"the mapping file {path}: {error}") from error
