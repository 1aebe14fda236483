from django import template

from quire.tags.urlnames import to_url

register = template.Library()


@register.filter
def tag_url(name: str) -> str:
    """A tag name escaped the way AO3 puts tag names in URLs ("A/B" -> "A*s*B")."""
    return to_url(name)
