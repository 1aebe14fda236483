"""Managing a work's, chapter's or series' creators: invite, withdraw, leave; and answering an invitation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quire.creators import services
from quire.creators.forms import InviteForm
from quire.creators.models import Creatorship
from quire.creators.selectors import credited_thing, credited_work_ids, is_creator
from quire.series.models import Series
from quire.works.models import Chapter, Work


def _own(user, *, work_id=None, chapter_id=None, series_id=None):
    """The work, chapter or series whose creators this member manages; anyone else gets a 404, as on the
    edit pages."""
    if not user.is_authenticated:
        raise Http404
    if series_id is not None:
        series = get_object_or_404(Series, pk=series_id)
        if not is_creator(user, series):
            raise Http404
        return series
    work = get_object_or_404(Work.objects.filter(pk__in=credited_work_ids(user=user)), pk=work_id)
    if chapter_id is not None:
        return get_object_or_404(Chapter.objects.select_related("work"), pk=chapter_id, work=work)
    return work


def manage_url(thing) -> str:
    kind = thing._meta.model_name
    if kind == "chapter":
        return reverse("creators:chapter", args=[thing.work_id, thing.pk])
    return reverse(f"creators:{kind}", args=[thing.pk])


def edit_url(thing) -> str:
    kind = thing._meta.model_name
    if kind == "chapter":
        return reverse("works:chapter_edit", args=[thing.work_id, thing.pk])
    return reverse("works:edit" if kind == "work" else "series:edit", args=[thing.pk])


def manage(request, **ids):
    """The creators' page (also shown on each edit form): who is credited, who is invited, and the invite
    form, kept with what was typed when it is refused."""
    thing = _own(request.user, **ids)
    form = InviteForm()
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            return _leave(request, thing)
        form = InviteForm(request.POST)
        if form.is_valid():
            pseud = form.cleaned_data["pseud"]
            try:
                services.invite_creator(thing=thing, pseud=pseud, inviter=request.user)
            except PermissionDenied as refusal:
                form.add_error("pseud", str(refusal))
            else:
                messages.success(request, f"{pseud.byline} is invited; they are credited once they accept.")
                return redirect(request.POST.get("next") == "edit" and edit_url(thing) or manage_url(thing))
    return render(
        request, "creators/manage.html", {"thing": thing, "form": form, "kind": thing._meta.model_name}
    )


def _leave(request, thing):
    try:
        services.remove_self(thing=thing, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(manage_url(thing))
    messages.success(request, "You are no longer credited on it.")
    if thing._meta.model_name == "chapter":
        return redirect(thing.work if is_creator(request.user, thing.work) else "follows:inbox")
    return redirect(thing)


def _invitation(request, pk) -> Creatorship:
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Creatorship.objects.select_related("work", "chapter__work", "series", "pseud"),
        pk=pk,
        accepted_at__isnull=True,
    )


@require_POST
def answer(request, pk, action):
    """The invitee accepts or declines (from the inbox); a creator withdraws (from the creators' page)."""
    creatorship = _invitation(request, pk)
    thing = credited_thing(creatorship)
    try:
        if action == "accept":
            services.accept_invitation(creatorship=creatorship, user=request.user)
            messages.success(request, f"You are now credited on “{_title(thing)}”.")
            return redirect(thing)
        if action == "decline":
            services.decline_invitation(creatorship=creatorship, user=request.user)
            messages.success(request, f"You declined; you are not credited on “{_title(thing)}”.")
            return redirect("follows:inbox")
        services.withdraw_invitation(creatorship=creatorship, user=request.user)
    except PermissionDenied as refusal:
        manages = is_creator(request.user, _owner_of(thing))
        if creatorship.user_id != request.user.pk and not manages:
            raise Http404 from None  # someone else's invitation: as if it did not exist
        messages.error(request, str(refusal))
        return redirect(manage_url(thing) if manages else "follows:inbox")
    messages.success(request, "The invitation was withdrawn.")
    return redirect(manage_url(thing))


def _owner_of(thing):
    return thing.work if thing._meta.model_name == "chapter" else thing


def _title(thing) -> str:
    return thing.work.title if thing._meta.model_name == "chapter" else thing.title
