"""Tag suggestions while writers type: canonical tags, characters and relationships within the fandoms
already entered. Served as <option> elements for the field's <datalist>; writers may still type new tags."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quire.tags.enums import TagType
from quire.tags.models import Tag, normalize_tag_name

FIELD_FOR_TYPE = {
    TagType.FANDOM: "fandoms",
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "additional_tags",
}
LIMIT = 12


def canonical_matches(tag_type: str, term: str, fandom_names: list[str]) -> list[str]:
    matches = (
        Tag.objects.canonical()
        .filter(type=tag_type)
        .filter(Q(name__istartswith=term) | Q(name__icontains=f" {term}") | Q(name__icontains=f"/{term}"))
    )
    if tag_type in (TagType.CHARACTER, TagType.RELATIONSHIP) and fandom_names:
        fandom_filter = Q()
        for name in fandom_names:
            fandom_filter |= Q(name__iexact=name)
        fandoms = Tag.objects.filter(fandom_filter, type=TagType.FANDOM)
        keys = [f.merger_id or f.pk for f in fandoms]
        if keys:
            matches = matches.filter(parent_links__parent_id__in=keys)
    # The most used first: what most writers mean.
    matches = matches.annotate(uses=Count("work_filters")).order_by("-uses", "name").distinct()
    return list(matches.values_list("name", flat=True)[:LIMIT])


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
    options = [
        f"{prefix}, {name}" if prefix else name for name in canonical_matches(tag_type, term, fandom_names)
    ]
    return render(request, "tags/_options.html", {"options": options})
