from django.shortcuts import get_object_or_404, render

from quire.beta.checker import beta_read, checks_language
from quire.beta.rates import current_rates
from quire.works.models import Chapter
from quire.works.selectors import get_own_work


def chapter_report(request, work_id, chapter_id):
    """The beta read of one chapter, for its writer only: everyone else gets the same 404 as a missing page."""
    work = get_own_work(request.user, work_id)
    chapter = get_object_or_404(Chapter, pk=chapter_id, work=work)
    report = beta_read(chapter.body_html, current_rates()) if checks_language(work) else None
    return render(request, "beta/report.html", {"work": work, "chapter": chapter, "report": report})
