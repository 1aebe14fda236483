from django.shortcuts import get_object_or_404, render

from quire.collections.models import Collection


def detail(request, name):
    collection = get_object_or_404(Collection, name=name)
    return render(request, "collections/detail.html", {"collection": collection})
