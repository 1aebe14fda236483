from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from quire.access.reading import beta_read_chapter
from quire.beta import services
from quire.beta.checker import checks_language
from quire.beta.models import BetaRead
from quire.beta.rates import current_rates
from quire.core.ratelimit import RateLimited


def chapter_report(request, work_id, chapter_id):
    """The beta read of one chapter, for its writer only: everyone else gets the same 404 as a missing page.
    A long chapter is read by the worker meanwhile this page shows how it is going."""
    chapter = beta_read_chapter(request.user, work_id, chapter_id)
    context = {"work": chapter.work, "chapter": chapter}
    if not checks_language(chapter.work):
        return render(request, "beta/report.html", context)
    try:
        read = services.request_beta_read(user=request.user, chapter=chapter, rates=current_rates())
    except RateLimited as limited:
        # The chapter itself is untouched; the page says so and shows its text.
        context["retry_at"] = timezone.now() + timedelta(seconds=limited.retry_after)
        context["minutes"] = -(-limited.retry_after // 60)
        response = render(request, "beta/throttled.html", context, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    context["read"] = read
    if request.headers.get("HX-Request"):
        # The progress page polling: only its status box, which links to the report once it is ready.
        return render(request, "beta/_progress_status.html", context)
    if read.status == BetaRead.Status.DONE:
        return render(request, "beta/report.html", context)
    waiting = read.status != BetaRead.Status.FAILED
    return render(request, "beta/progress.html", context, status=202 if waiting else 200)
