from django.utils.functional import SimpleLazyObject

from quire.sitepages.selectors import site_index


def site_pages(request):
    """The footer's links to the published site pages: from the cache, read only by a page that shows them."""
    return {"site_pages": SimpleLazyObject(lambda: site_index().links)}
