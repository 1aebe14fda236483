"""The byline: every accepted creator of a work, chapter or series, as AO3's `h3.byline`.

    {% load creators %}
    <h3 class="byline heading">{% byline work %}</h3>     links, "Pseud (user), Other"
    <title>{% byline_text work %}</title>                   plain text, for titles and headings

Reads `credits` from `quire.creators.selectors.credits_prefetch()` when the listing prefetched them (one query
for the whole page), else one query for the object.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from quire.creators.selectors import byline_pseuds

register = template.Library()


@register.simple_tag
def byline(thing):
    """Each creator's "pseud (user)" linking their pseud page, comma-separated."""
    return mark_safe(
        ", ".join(
            f'<a rel="author" href="{escape(pseud.get_absolute_url())}">{escape(pseud.byline)}</a>'
            for pseud in byline_pseuds(thing)
        )
    )


@register.simple_tag
def byline_text(thing):
    return ", ".join(pseud.byline for pseud in byline_pseuds(thing))
