import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.core.redirects import safe_next
from quire.shelf import selectors, services
from quire.shelf.recording import read_opening_token, read_position_token, record_opening_of, save_position
from quire.shelf.work_page import resume_url

PER_PAGE = 20


def _require_owner(request, username: str) -> None:
    """A reading history is private: anyone else, even a moderator, gets "not found"."""
    if request.user.username.lower() != username.lower():
        raise Http404


@login_required
def readings(request, username):
    _require_owner(request, username)
    later = request.GET.get("show") == "to-read"
    entries = selectors.later_list(request.user) if later else selectors.history(request.user)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    if not later:
        for entry in page:
            # Only to a chapter still posted: one deleted or taken back since is not offered.
            chapter = entry.last_chapter
            entry.continue_url = resume_url(chapter, entry.position) if chapter and chapter.is_posted else ""
    return render(request, "shelf/readings.html", {"page": page, "later": later})


@login_required
@require_POST
def forget(request, username, work_id):
    _require_owner(request, username)
    services.forget_reading(user=request.user, work_id=work_id)
    messages.success(request, "Removed from your history.")
    return redirect(
        safe_next(request, request.POST.get("next"), reverse("shelf:readings", args=[request.user.username]))
    )


@login_required
@require_http_methods(["GET", "POST"])
def clear(request, username):
    _require_owner(request, username)
    if request.method == "POST":
        count = services.clear_history(user=request.user)
        messages.success(request, f"Your reading history was cleared ({count} works).")
        return redirect("shelf:readings", request.user.username)
    return render(request, "shelf/clear_history.html")


@login_required
@require_POST
def later(request, work_id):
    work = get_object_or_404(works_for(request.user, Surface.LISTING, hide_muted=False), pk=work_id)
    marked = request.POST.get("action") != "unmark"
    if marked:
        services.mark_for_later(user=request.user, work=work)
    else:
        services.unmark_for_later(user=request.user, work_id=work.pk)
    next_url = safe_next(request, request.POST.get("next"), work.get_absolute_url())
    if request.headers.get("HX-Request"):
        context = {"work": work, "marked": marked, "next": next_url}
        return render(request, "shelf/_later_button.html", context)
    if marked:
        messages.success(request, f"“{work.title}” was marked for later.")
    else:
        messages.success(request, f"“{work.title}” is no longer marked for later.")
    return redirect(next_url)


@csrf_exempt  # the signed token names this reader and chapter; another site cannot make one
@require_POST
def position_beacon(request):
    found = read_position_token(request.POST.get("token", ""))
    if found is None or found[0] != request.user.pk:
        return HttpResponseBadRequest("bad token")
    try:
        position = float(request.POST.get("position", ""))
    except ValueError:
        return HttpResponseBadRequest("bad position")
    if not math.isfinite(position):
        return HttpResponseBadRequest("bad position")
    if request.user.keep_reading_history:
        _, work_id, chapter_id = found
        save_position(request.user, work_id, chapter_id, min(max(position, 0.0), 1.0))
    return HttpResponse(status=204)


# A transparent 1x1 GIF: what a <noscript> image is answered with.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


@csrf_exempt  # the signed token names this reader and the chapter their page opened at
@require_http_methods(["GET", "POST"])
def opened(request):
    """The work page, once shown, records that the reader opened it: position.js posts here, and a reader
    without JavaScript loads it as the page's <noscript> image. So the page itself writes nothing."""
    found = read_opening_token(request.POST.get("token", "") or request.GET.get("token", ""))
    if found is None or found[0] != request.user.pk:
        return HttpResponseBadRequest("bad token")
    _, work_id, chapter_id, landing = found
    record_opening_of(request.user, work_id, chapter_id, landing=landing)
    if request.method == "GET":
        response = HttpResponse(PIXEL, content_type="image/gif")
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(status=204)
