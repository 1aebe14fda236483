"""Tag suggestions while writers type: canonical tags, characters and relationships within the fandoms
already entered, then tags not yet wrangled that works in those fandoms use (labelled "in use"). Served as <option> elements for the field's <datalist>; writers may still type new tags."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.tags.enums import TagType
from quire.tags.models import Tag, normalize_tag_name
from quire.works.models import WorkTag

FIELD_FOR_TYPE = {
    TagType.FANDOM: "fandoms",
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "additional_tags",
}
LIMIT = 12
MAX_IN_USE_CANDIDATES = 200


def _named_like(term: str) -> Q:
    """A name starting with the term, or with a word of it that does ("Ror" finds "Jess Mariano/Rory")."""
    return Q(name__istartswith=term) | Q(name__icontains=f" {term}") | Q(name__icontains=f"/{term}")


def _fandom_keys(fandom_names: list[str]) -> list[int]:
    """The tags works are filed under for the fandoms typed (a synonym's canonical tag)."""
    typed = Q()
    for name in fandom_names:
        typed |= Q(name__iexact=name)
    return [fandom.merger_id or fandom.pk for fandom in Tag.objects.filter(typed, type=TagType.FANDOM)]


def canonical_matches(tag_type: str, term: str, fandom_names: list[str]) -> list[str]:
    matches = Tag.objects.canonical().filter(type=tag_type).filter(_named_like(term))
    if tag_type in (TagType.CHARACTER, TagType.RELATIONSHIP) and fandom_names:
        keys = _fandom_keys(fandom_names)
        if keys:
            matches = matches.filter(parent_links__parent_id__in=keys)
    # The most used first: what most writers mean.
    matches = matches.annotate(uses=Count("work_filters")).order_by("-uses", "name").distinct()
    return list(matches.values_list("name", flat=True)[:LIMIT])


def tags_in_use(user, tag_type: str, term: str, fandom_names: list[str], limit: int) -> list[str]:
    """Tags not wrangled yet that works this writer may see already use (within the fandoms entered, for
    characters, relationships and additional tags), so a small archive suggests something too.

    The names matching the term are found first (at most MAX_IN_USE_CANDIDATES), then which of those the
    works use: joining every work of a big fandom to every tag matching "th" first took 10 s."""
    if limit <= 0:
        return []
    works = works_for(user, Surface.LISTING)
    if tag_type != TagType.FANDOM:
        if not fandom_names:
            return []
        works = works.filter(filters__tag_id__in=_fandom_keys(fandom_names))
    candidates = list(
        Tag.objects.filter(type=tag_type, canonical=False, merger__isnull=True)
        .filter(_named_like(term))
        .values_list("pk", flat=True)[:MAX_IN_USE_CANDIDATES]
    )
    if not candidates:
        return []
    used = (
        WorkTag.objects.filter(tag_id__in=candidates, work__in=works.values("pk"))
        .values("tag_id")
        .annotate(uses=Count("work_id"))
        .order_by("-uses", "tag_id")[:limit]
    )
    uses = {row["tag_id"]: row["uses"] for row in used}
    names = dict(Tag.objects.filter(pk__in=uses).values_list("pk", "name"))
    return [names[pk] for pk in sorted(names, key=lambda pk: (-uses[pk], names[pk]))]


def _folded(name: str) -> str:
    return "".join(char for char in name.casefold() if char.isalnum())


@require_GET
def tag_options(request):
    tag_type = request.GET.get("type", "")
    if tag_type not in FIELD_FOR_TYPE:
        return render(request, "tags/_options.html", {"options": []})
    typed = request.GET.get(FIELD_FOR_TYPE[tag_type], "").replace("\x00", "")[:2000]
    *done, current = typed.split(",") if typed else [""]
    term = normalize_tag_name(current)
    if len(term) < 2:
        return render(request, "tags/_options.html", {"options": []})
    fandom_names = [
        normalize_tag_name(n)
        for n in request.GET.get("fandoms", "").replace("\x00", "").split(",")
        if n.strip()
    ]
    prefix = ", ".join(normalize_tag_name(d) for d in done if d.strip())
    canonical = canonical_matches(tag_type, term, fandom_names)
    # A variant of a suggested canonical tag ("rory gilmore." beside "Rory Gilmore") is left out: noise.
    shown = {_folded(name) for name in canonical}
    in_use = [
        name
        for name in tags_in_use(
            request.user, tag_type, term, fandom_names, LIMIT if len(canonical) < LIMIT else 0
        )
        if _folded(name) not in shown
    ][: LIMIT - len(canonical)]
    options = [
        {"value": f"{prefix}, {name}" if prefix else name, "name": name, "in_use": name in in_use}
        for name in [*canonical, *in_use]
    ]
    return render(request, "tags/_options.html", {"options": options})
