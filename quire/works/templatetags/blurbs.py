"""A blurb's tag links, drawn in Python.

A listing page shows 20 blurbs of some 14 tags each; drawn through the template engine, the links were
half of each blurb's time.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from quire.tags.enums import TagType

register = template.Library()

# The blurb's tag list, in AO3's order and with its class names.
LISTED_TYPES = {
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "freeforms",
}


def _link(tag) -> str:
    return f'<a class="tag" href="{escape(tag.get_absolute_url())}">{escape(tag.name)}</a>'


@register.simple_tag
def fandom_links(work):
    return mark_safe(", ".join(_link(tag) for tag in work.fandoms))


@register.simple_tag
def tag_list_items(work, hide_additional=False):
    """`<li>` rows of the work's relationships, then characters, then additional tags; with
    `hide_additional` (the reader's spoiler guard) the additional tags sit behind a click."""
    rows = {tag_type: [] for tag_type in LISTED_TYPES}
    for row in work.work_tags.all():
        if row.tag.type in rows:
            rows[row.tag.type].append(f'<li class="{LISTED_TYPES[row.tag.type]}">{_link(row.tag)}</li>')
    additional = rows.pop(TagType.ADDITIONAL)
    if hide_additional and additional:
        links = ", ".join(
            item.removeprefix('<li class="freeforms">').removesuffix("</li>") for item in additional
        )
        additional = [
            f'<li class="freeforms spoiler"><details><summary>Show additional tags ({len(additional)})</summary>'
            f"{links}</details></li>"
        ]
    return mark_safe("".join(item for items in [*rows.values(), additional] for item in items))
