from django import template

from quire.shelf.selectors import marked_work_ids

register = template.Library()


@register.inclusion_tag("shelf/_later_button.html", takes_context=True)
def later_button(context, work):
    """The blurb's "Mark for later" toggle; guests and the work's own writer see none."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or work.is_owned_by(request.user):
        return {"work": None}
    return {"work": work, "marked": work.pk in marked_work_ids(request), "next": request.get_full_path()}
