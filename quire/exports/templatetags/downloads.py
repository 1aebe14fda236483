from django import template

from quire.exports.builders import offered_formats
from quire.exports.naming import FORMATS, download_url
from quire.moderation import switches

register = template.Library()


@register.inclusion_tag("exports/_download_links.html")
def download_links(work):
    if not switches.downloads_enabled():
        return {"links": []}
    return {"links": [(FORMATS[ext][0], download_url(work, ext)) for ext in offered_formats()]}
