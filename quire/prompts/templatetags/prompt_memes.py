from django import template

from quire.access.writing import may_maintain_collection
from quire.collections.selectors import prompt_meme_of
from quire.prompts.selectors import prompts_answered_by

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


@register.inclusion_tag("prompts/_answered.html", takes_context=True)
def answered_prompts(context, work):
    """A work's preface line for each prompt it fills, as AO3's "In response to a prompt by … in …"."""
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return {"answered": prompts_answered_by(user, work)}
