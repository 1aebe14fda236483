from django import template

from quire.beta.checker import checks_language
from quire.beta.selectors import panel_previews

register = template.Library()


@register.inclusion_tag("beta/_panel.html", takes_context=True)
def beta_panel(context, work, chapter):
    """Under a chapter its writer is looking at: the first findings for a draft (stored, cached, or read here
    when short), an offer of the background read for a long draft, a button for a posted chapter. The
    previews of every chapter the page shows are read at the first panel, together."""
    if not checks_language(work):
        return {"english_only": True}
    previews = getattr(work, "_beta_previews", None)
    if previews is None or chapter.pk not in previews and not chapter.is_posted:
        shown = context.get("shown") or [chapter]
        previews = work._beta_previews = panel_previews(shown if chapter in shown else [chapter])
    preview = previews.get(chapter.pk)
    return {
        "work": work,
        "chapter": chapter,
        "preview": preview,
        "long_draft": not chapter.is_posted and preview is None,
    }
