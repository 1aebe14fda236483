from django import template
from django.utils import timezone

from quire.access.writing import may_maintain_collection
from quire.exchanges.models import Exchange

register = template.Library()


@register.inclusion_tag("exchanges/_links.html", takes_context=True)
def exchange_links(context, collection):
    """The collection page's links to its gift exchange: the participants' for everyone signed in, the
    maintainers' for its maintainers. One query (the exchange), plus the viewer's role once per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    exchange = Exchange.objects.filter(collection=collection).first()
    return {
        "collection": collection,
        "exchange": exchange,
        "member": user is not None and user.is_authenticated,
        "maintainer": user is not None and may_maintain_collection(user, collection),
        "now": timezone.now(),
    }
