from django import template

from quire.news import banner

register = template.Library()


@register.inclusion_tag("news/_banner.html", takes_context=True)
def site_banner(context):
    """The banner at the top of every page, unless this reader dismissed this version of it."""
    request = context.get("request")
    return {
        "banner": banner.for_reader(request) if request is not None else None,
        "here": request.get_full_path() if request is not None else "/",
        "csrf_token": context.get("csrf_token"),
    }
