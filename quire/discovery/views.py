from django.core.paginator import Paginator
from django.shortcuts import render

from quire.works.models import Work

WORKS_PER_PAGE = 20


def home(request):
    works = Work.objects.visible_to(request.user).for_listing().recently_updated()
    page = Paginator(works, WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "discovery/home.html", {"page": page})
