from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from quire.access.reading import may_see_tag
from quire.discovery.views import render_listing
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.tags.selectors import media_overview, visible_work_counts
from quire.tags.urlnames import from_url, to_url


def _tag_or_404(request, name: str) -> Tag:
    """The tag, if this reader may know it exists (quire.access: not a name only drafts use)."""
    if "\x00" in name:  # never in a tag name; PostgreSQL would refuse the lookup
        raise Http404
    tag = get_object_or_404(Tag.objects.select_related("merger").named(from_url(name)))
    if not may_see_tag(request.user, tag):
        raise Http404
    return tag


def tag_detail(request, name):
    tag = _tag_or_404(request, name)
    key = tag.filter_key
    work_count = visible_work_counts(request.user, [key.pk])[key.pk]
    family = {"parents": [], "children": []}
    for link in key.parent_links.select_related("parent").order_by("parent__type", "parent__name"):
        family["parents"].append(link.parent)
    for link in key.child_links.select_related("child").order_by("child__type", "child__name"):
        family["children"].append(link.child)
    context = {
        "tag": tag,
        "key": key,
        "synonyms": key.synonyms.order_by("name"),
        "work_count": work_count,
        **family,
    }
    return render(request, "tags/tag_detail.html", context)


def tag_works(request, name):
    tag = _tag_or_404(request, name)
    if tag.merger_id and tag.merger.name != tag.name:
        # A synonym's works are its canonical tag's works, as on AO3.
        query = request.GET.urlencode()
        return redirect(tag.merger.get_absolute_url() + (f"?{query}" if query else ""))
    return render_listing(request, heading=f"Works in {tag.name}", scope_tag=tag, extra={"tag": tag})


def tag_address_with_a_slash(request, rest):
    """A tag address whose name carries a slash, written plainly or as %2F (which the server decodes before
    routing): "tags/Jess Mariano/Rory Gilmore/works". Redirect to the escaped form ("*s*") AO3 links use."""
    for suffix, route in (("/works", "tags:works"), ("/feed.atom", "tags:feed")):
        if rest.endswith(suffix) and len(rest) > len(suffix):
            name, target = rest.removesuffix(suffix), route
            break
    else:
        name, target = rest.rstrip("/"), "tags:detail"
    if not name:
        raise Http404
    query = request.GET.urlencode()
    return redirect(reverse(target, args=[to_url(name)]) + (f"?{query}" if query else ""), permanent=True)


def media_index(request):
    # Counts of works everyone may read, refreshed by the worker every 10 minutes (at most 30 stale).
    overview = media_overview()
    context = {
        "filled": [entry for entry in overview if entry.biggest],
        "empty": [entry.medium for entry in overview if not entry.biggest],
    }
    return render(request, "tags/media_index.html", context)


def media_fandoms(request, name):
    medium = get_object_or_404(Tag.objects.named(from_url(name)), type=TagType.MEDIA)
    fandom_ids = medium.child_links.filter(child__type=TagType.FANDOM).values("child_id")
    fandoms = list(Tag.objects.filter(pk__in=fandom_ids).order_by("name"))
    count_by_id = visible_work_counts(request.user, [fandom.pk for fandom in fandoms])
    for fandom in fandoms:
        fandom.work_count = count_by_id[fandom.pk]
    return render(request, "tags/media_fandoms.html", {"medium": medium, "fandoms": fandoms})
