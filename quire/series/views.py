from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from quire.access.reading import creators_kept_from, works_for
from quire.access.surfaces import Surface
from quire.access.writing import not_suspended
from quire.accounts.forms import add_pseud_choice
from quire.accounts.models import User
from quire.accounts.selectors import credited_pseud
from quire.creators.selectors import credited_pseuds, credits_prefetch, is_creator
from quire.follows import services as follows
from quire.follows.models import Subscription
from quire.series import services
from quire.series.forms import AddToSeriesForm, SeriesForm
from quire.series.models import Series
from quire.series.selectors import series_works
from quire.works.selectors import get_own_work


def series_detail(request, series_id):
    series = get_object_or_404(Series.objects.prefetch_related(credits_prefetch()), pk=series_id)
    works = series_works(request.user, series)
    user = request.user
    context = {
        "series": series,
        "works": works,
        "credited": credited_pseuds(series),
        "word_count": sum(work.word_count for work in works),
        "begun": min((w.posted_at for w in works if w.posted_at), default=None),
        "updated": max((w.revised_at for w in works if w.posted_at), default=None),
        "is_creator": is_creator(user, series),
        "subscribed": user.is_authenticated
        and Subscription.objects.filter(user=user, series=series).exists(),
    }
    return render(request, "series/detail.html", context)


def user_series(request, username):
    """A writer's series, each with the number of its works this reader may see."""
    owner = get_object_or_404(User, username__iexact=username)
    # Anonymous works are not counted in their writer's series but by their creators (the count would tell).
    visible = works_for(request.user, Surface.LISTING, hide_muted=False).exclude(
        creators_kept_from(request.user)
    )
    series_list = (
        Series.objects.credited_to(owner)
        .annotate(visible_works=Count("entries", filter=Q(entries__work__in=visible)))
        .order_by("-updated_at", "-id")
    )
    page = Paginator(series_list, 20).get_page(request.GET.get("page"))
    return render(request, "series/user_series.html", {"owner": owner, "page": page})


def _own_series(user, series_id) -> Series:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Series.objects.credited_to(user), pk=series_id)


@login_required
@not_suspended
def series_new(request):
    form = add_pseud_choice(SeriesForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        series = services.create_series(creator=request.user, fields=form.series_fields())
        messages.success(request, "Your series was created. Add works to it from each work's Series page.")
        return redirect(series)
    return render(request, "series/form.html", {"form": form})


@not_suspended
def series_edit(request, series_id):
    """The series' details and its order: type each work's new position (works without JavaScript)."""
    series = _own_series(request.user, series_id)
    entries = list(
        series.entries.select_related("work").only("work__title", "position", "work_id", "series_id")
    )
    form = SeriesForm(request.POST or None, initial=SeriesForm.initial_for(series))
    add_pseud_choice(form, request.user, current=credited_pseud(request.user, series))
    order_error = None
    if request.method == "POST":
        wanted = {}
        for entry in entries:
            entry.requested = request.POST.get(f"position-{entry.work_id}", entry.position)
            try:
                wanted[entry.work_id] = int(entry.requested)
            except (TypeError, ValueError):
                order_error = "Every work needs a position number."
        if not order_error and sorted(wanted.values()) != list(range(1, len(entries) + 1)):
            order_error = f"Use each number from 1 to {len(entries)} exactly once."
        if form.is_valid() and not order_error:
            services.update_series(series=series, user=request.user, fields=form.series_fields())
            services.reorder_works(series=series, user=request.user, work_ids=sorted(wanted, key=wanted.get))
            messages.success(request, "Your changes to the series were saved.")
            return redirect(series)
    context = {"form": form, "series": series, "entries": entries, "order_error": order_error}
    return render(request, "series/form.html", context)


@not_suspended
def series_delete(request, series_id):
    """The series goes; its works stay, as on AO3."""
    series = _own_series(request.user, series_id)
    if request.method == "POST":
        title = series.title
        services.delete_series(series=series, user=request.user)
        messages.success(request, f"The series “{title}” was deleted. Its works are still there.")
        return redirect("series:user_series", request.user.username)
    return render(request, "series/delete.html", {"series": series})


@login_required
@require_POST
def series_subscription(request, series_id):
    series = get_object_or_404(Series, pk=series_id)
    if request.POST.get("action") == "unsubscribe":
        follows.unsubscribe(user=request.user, series=series)
        messages.success(request, f"You will no longer hear about new works in “{series.title}”.")
    else:
        follows.subscribe(user=request.user, series=series)
        messages.success(request, f"Subscribed: you will hear when a new work joins “{series.title}”.")
    return redirect(series)


@not_suspended
def work_series(request, work_id):
    """The writer's page for the series a work belongs to: add it to one, or take it out."""
    work = get_own_work(request.user, work_id)
    current = list(Series.objects.filter(entries__work=work).order_by("title"))
    form = AddToSeriesForm(request.POST or None, user=request.user, exclude=[s.pk for s in current])
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            series = get_object_or_404(
                Series.objects.credited_to(request.user), pk=remove, entries__work=work
            )
            services.remove_work(series=series, work=work, user=request.user)
            messages.success(request, f"“{work.title}” is no longer part of “{series.title}”.")
            return redirect("series:work_series", work.pk)
        if form.is_valid():
            series = form.cleaned_data["series"] or services.create_series(
                creator=request.user, fields=services.SeriesFields(title=form.cleaned_data["new_title"])
            )
            entry = services.add_work(series=series, work=work, user=request.user)
            messages.success(request, f"“{work.title}” is now part {entry.position} of “{series.title}”.")
            return redirect(work)
    return render(request, "series/work_series.html", {"work": work, "current": current, "form": form})
