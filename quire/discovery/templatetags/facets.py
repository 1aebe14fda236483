"""The facet sidebar's checkboxes, drawn in Python.

A listing's sidebar has up to 270 of them (each tag twice: include and exclude), and drawing each one
through the template engine took about 25 ms, a quarter of the whole page on the 100,000-work bench.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_checkboxes(group, items, mode: str, first_number: int = 1):
    """`<li>` rows for these items of a facet group; `mode` is "include" or "exclude".

    An excluded tag is offered only under Exclude, ticked, with no count (it matches nothing here).
    """
    param = escape(group.include_param if mode == "include" else group.exclude_param)
    rows = []
    for number, item in enumerate(items, first_number):
        if mode == "include" and item.excluded:
            continue
        element_id = escape(f"{mode}-{group.key}-{number}-{item.slug}")
        ticked = " checked" if (item.included if mode == "include" else item.excluded) else ""
        count = "" if item.excluded else f' <span class="count">({item.count:,d})</span>'
        # html.escape and an f-string: format_html's escaping of each argument cost more than the rest.
        rows.append(
            f'<li><input type="checkbox" name="{param}" value="{escape(item.value)}" id="{element_id}"{ticked}>'
            f' <label for="{element_id}">{escape(item.label)}{count}</label></li>'
        )
    return mark_safe("\n".join(rows))
