from django import template

from quire.beta.checker import beta_read, checks_language
from quire.beta.rates import current_rates

register = template.Library()

PREVIEW_FINDINGS = 8


@register.inclusion_tag("beta/_panel.html")
def beta_panel(work, chapter):
    """Under a chapter its writer is looking at: the findings for a draft, a button for a posted chapter."""
    if not checks_language(work):
        return {"english_only": True}
    report = None if chapter.is_posted else beta_read(chapter.body_html, current_rates(), full=False)
    return {
        "work": work,
        "chapter": chapter,
        "report": report,
        "preview": report.entries[:PREVIEW_FINDINGS] if report else [],
    }
