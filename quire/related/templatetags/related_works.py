"""The work page's related works: `{% related_notes work %}` in its preface, `{% related_children work %}` at
its end. Both read the same selection, made once per page (two queries whatever it holds)."""

from django import template

from quire.related.selectors import shown_on_page

register = template.Library()


def _shown(context, work):
    if "related_shown" not in context:
        # Set on the page's outermost context, so the second tag finds what the first one read.
        context.dicts[0]["related_shown"] = shown_on_page(context["request"].user, work)
    return context["related_shown"]


@register.inclusion_tag("related/_notes.html", takes_context=True)
def related_notes(context, work):
    return {"work": work, "shown": _shown(context, work)}


@register.inclusion_tag("related/_children.html", takes_context=True)
def related_children(context, work):
    return {"work": work, "shown": _shown(context, work)}
