from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from quire.access.reading import posted_chapters
from quire.core.readers import remember_guest
from quire.insights.continuation import summarize
from quire.insights.recording import read_beacon_token, record_end
from quire.insights.selectors import chapter_chart, chart, work_stats
from quire.works.selectors import get_own_work, visible_chapters


@csrf_exempt  # a signed token names the chapter; the beacon changes nothing but a counter
@require_POST
def read_beacon(request):
    found = read_beacon_token(request.POST.get("token", ""))
    if found is None:
        return HttpResponseBadRequest("bad token")
    work_id, chapter_id = found
    chapter = posted_chapters().filter(pk=chapter_id, work_id=work_id).select_related("work").first()
    if chapter is not None:
        record_end(request, chapter.work, chapter_id)
    return remember_guest(request, HttpResponse(status=204))


def work_dashboard(request, work_id):
    work = get_own_work(request.user, work_id)
    chapters = visible_chapters(request.user, work)
    posted = [c for c in chapters if c.is_posted]
    stats = work_stats(work, posted)
    context = {
        "work": work,
        "stats": stats,
        "chart": chart(stats["series"]),
        "chapter_chart": chapter_chart(stats["chapters"]),
        # Only a work in progress with something posted has a next chapter to ask about.
        "continuation": summarize(work, posted)
        if posted and not work.is_complete and not work.is_draft
        else None,
    }
    return render(request, "insights/dashboard.html", context)
