from django import template

from quire.access.writing import may_maintain_collection
from quire.collections.selectors import prompt_meme_of

register = template.Library()


@register.inclusion_tag("prompts/_meme_links.html", takes_context=True)
def prompt_meme_links(context, collection):
    """The collection page's prompt meme links: the prompts, "Post a prompt" while prompting is open, the
    member's claims; its maintainers also get the settings (and the link to set one up)."""
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return {
        "collection": collection,
        "meme": prompt_meme_of(collection),
        "may_maintain": may_maintain_collection(user, collection),
        "user": user,
    }
