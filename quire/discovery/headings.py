"""A listing's heading says what it shows: "Works in Gilmore Girls › Jess Mariano/Rory Gilmore, excluding
Major Character Death", not just "Works", so a reader (on a phone, the filters below the results) knows."""

from quire.works.enums import Category, Rating, Warning
from quire.works.languages import language_name

_LABELS = {"rating": Rating, "warning": Warning, "category": Category}


def describe(heading: str, params: dict, *, within_tag: bool = False) -> str:
    """`heading` followed by the filters in `params` (WorkFilterForm.usable_data)."""
    included = list(params.get("tag", []))
    excluded = list(params.get("exclude_tag", []))
    for name, choices in _LABELS.items():
        included += [choices(value).label for value in params.get(name) or []]
        excluded += [choices(value).label for value in params.get(f"exclude_{name}") or []]
    if included:
        heading += (" › " if within_tag else " in ") + " › ".join(included)
    if excluded:
        heading += ", excluding " + ", ".join(excluded)
    qualifiers = _qualifiers(params)
    if qualifiers:
        heading += " (" + ", ".join(qualifiers) + ")"
    return heading


def _qualifiers(params: dict) -> list[str]:
    said = []
    said += {"yes": ["complete only"], "no": ["in progress only"]}.get(params.get("complete") or "", [])
    if params.get("single_chapter"):
        said.append("single chapter only")
    said += {"exclude": ["no crossovers"], "only": ["crossovers only"]}.get(params.get("crossover") or "", [])
    if params.get("language"):
        said.append(f"in {language_name(params['language'])}")
    low, high = params.get("words_from"), params.get("words_to")
    if low is not None and high is not None:
        said.append(f"{low:,}–{high:,} words")
    elif low is not None:
        said.append(f"at least {low:,} words")
    elif high is not None:
        said.append(f"at most {high:,} words")
    if params.get("updated_from"):
        said.append(f"updated since {params['updated_from']:%-d %b %Y}")
    if params.get("updated_to"):
        said.append(f"updated until {params['updated_to']:%-d %b %Y}")
    return said
