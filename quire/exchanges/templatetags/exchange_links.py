from django import template
from django.utils import timezone

from quire.access.writing import may_maintain_collection
from quire.collections.selectors import exchange_of

register = template.Library()


@register.inclusion_tag("exchanges/_links.html", takes_context=True)
def exchange_links(context, collection):
    """The collection page's links to its gift exchange: the participants' for everyone signed in, the
    maintainers' for its maintainers. The exchange comes with the collection when the view asked for it
    (select_related), else one query; the viewer's role is read once per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    exchange = exchange_of(collection)
    return {
        "collection": collection,
        "exchange": exchange,
        "member": user is not None and user.is_authenticated,
        "maintainer": user is not None and may_maintain_collection(user, collection),
        "now": timezone.now(),
    }
