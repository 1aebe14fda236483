from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from quire.tags.models import Tag
from quire.tags.urlnames import from_url
from quire.works.models import Work

WORKS_PER_PAGE = 20


def tag_works(request, name):
    tag = get_object_or_404(Tag, name__iexact=from_url(name))
    works = Work.objects.visible_to(request.user).filter(work_tags__tag=tag).for_listing().recently_updated()
    page = Paginator(works, WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tags/tag_works.html", {"tag": tag, "page": page})
