from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from quire.discovery.views import render_listing
from quire.tags.enums import TagType
from quire.tags.models import Tag, WorkFilter
from quire.tags.urlnames import from_url
from quire.works.models import Work


def _tag_or_404(name: str) -> Tag:
    if "\x00" in name:  # never in a tag name; PostgreSQL would refuse the lookup
        raise Http404
    return get_object_or_404(Tag.objects.select_related("merger"), name__iexact=from_url(name))


def tag_detail(request, name):
    tag = _tag_or_404(name)
    key = tag.filter_key
    work_count = Work.objects.visible_to(request.user).filter(filters__tag=key).count()
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
    tag = _tag_or_404(name)
    if tag.merger_id and tag.merger.name != tag.name:
        # A synonym's works are its canonical tag's works, as on AO3.
        query = request.GET.urlencode()
        return redirect(tag.merger.get_absolute_url() + (f"?{query}" if query else ""))
    return render_listing(request, heading=f"Works in {tag.name}", scope_tag=tag, extra={"tag": tag})


def media_index(request):
    media = Tag.objects.filter(type=TagType.MEDIA).order_by("name")
    return render(request, "tags/media_index.html", {"media": media})


def media_fandoms(request, name):
    medium = get_object_or_404(Tag, type=TagType.MEDIA, name__iexact=from_url(name))
    fandom_ids = medium.child_links.filter(child__type=TagType.FANDOM).values("child_id")
    counts = (
        WorkFilter.objects.filter(
            tag_id__in=fandom_ids, work__in=Work.objects.visible_to(request.user).order_by().values("pk")
        )
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
    )
    count_by_id = dict(counts)
    fandoms = list(Tag.objects.filter(pk__in=fandom_ids).order_by("name"))
    for fandom in fandoms:
        fandom.work_count = count_by_id.get(fandom.pk, 0)
    return render(request, "tags/media_fandoms.html", {"medium": medium, "fandoms": fandoms})
