from django import template

from quire.beta.checker import checks_language
from quire.beta.rates import current_rates
from quire.beta.selectors import panel_preview

register = template.Library()


@register.inclusion_tag("beta/_panel.html")
def beta_panel(work, chapter):
    """Under a chapter its writer is looking at: the first findings for a draft (stored, cached, or read here
    when short), an offer of the background read for a long draft, a button for a posted chapter."""
    if not checks_language(work):
        return {"english_only": True}
    preview = None if chapter.is_posted else panel_preview(chapter, current_rates())
    return {
        "work": work,
        "chapter": chapter,
        "preview": preview,
        "long_draft": not chapter.is_posted and preview is None,
    }
