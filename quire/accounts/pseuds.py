"""A member's pseuds (AO3's): the list under their account, new, edit, delete (after a confirmation that says
how many works move to the default pseud) and moving works from one pseud to another. The public pseud page
is in quire.accounts.views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from quire.access.writing import not_suspended
from quire.accounts import services
from quire.accounts.forms import PseudForm
from quire.accounts.models import Pseud

MOVE_PER_PAGE = 50


def _own(request, pseud_id) -> Pseud:
    return get_object_or_404(Pseud.objects.select_related("user"), pk=pseud_id, user=request.user)


def _form_error(form, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))


@login_required
def pseud_list(request):
    works = Q(creatorships__work__isnull=False, creatorships__accepted_at__isnull=False)
    pseuds = request.user.pseuds.annotate(work_count=Count("creatorships", filter=works))
    return render(request, "accounts/pseuds/list.html", {"pseuds": pseuds})


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def pseud_new(request):
    form = PseudForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            pseud = services.create_pseud(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
        else:
            messages.success(request, f"The pseud “{pseud.name}” was created.")
            return redirect("accounts:pseuds")
    return render(request, "accounts/pseuds/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def pseud_edit(request, pseud_id):
    pseud = _own(request, pseud_id)
    initial = {"name": pseud.name, "description": pseud.description}
    form = PseudForm(request.POST or None, user=request.user, pseud=pseud, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_pseud(
                pseud=pseud,
                user=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                make_default=form.cleaned_data.get("make_default", False),
            )
        except (ValidationError, PermissionDenied) as error:
            _form_error(form, error)
        else:
            messages.success(request, f"The pseud “{pseud.name}” was saved.")
            return redirect("accounts:pseuds")
    return render(request, "accounts/pseuds/form.html", {"form": form, "pseud": pseud})


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def pseud_delete(request, pseud_id):
    pseud = _own(request, pseud_id)
    if pseud.is_default:
        messages.error(request, "The default pseud cannot be deleted; make another pseud the default first.")
        return redirect("accounts:pseuds")
    if request.method == "POST":
        try:
            moved = services.delete_pseud(pseud=pseud, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            default = request.user.default_pseud.name
            works = f"{moved} work{'' if moved == 1 else 's'}"
            messages.success(
                request, f"The pseud “{pseud.name}” was deleted; its {works} moved to “{default}”."
            )
        return redirect("accounts:pseuds")
    context = {
        "pseud": pseud,
        "default": request.user.default_pseud,
        "work_count": services.pseud_works(pseud).count(),
    }
    return render(request, "accounts/pseuds/delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@not_suspended
def pseud_move(request, pseud_id):
    """AO3's "move works": tick works credited to this pseud and choose another of one's pseuds for them."""
    source = _own(request, pseud_id)
    others = list(request.user.pseuds.exclude(pk=source.pk))
    error = ""
    if request.method == "POST":
        target = next((p for p in others if str(p.pk) == request.POST.get("target")), None)
        # Matched as text against the pseud's own works: a tampered id ("²", twenty digits) is simply not one.
        ticked = set(request.POST.getlist("works"))
        chosen = [pk for pk in services.pseud_works(source).values_list("pk", flat=True) if str(pk) in ticked]
        if target is None:
            error = "Choose the pseud to move the works to."
        elif not chosen:
            error = "Tick at least one work to move."
        else:
            try:
                moved = services.move_works(user=request.user, work_ids=chosen, source=source, target=target)
            except PermissionDenied as refused:
                error = str(refused)
            else:
                works = f"{moved} work{'' if moved == 1 else 's'}"
                messages.success(request, f"Moved {works} from “{source.name}” to “{target.name}”.")
                return redirect("accounts:pseud_move", source.pk)
    works = services.pseud_works(source).only("pk", "title", "posted_at").order_by("title", "pk")
    page = Paginator(works, MOVE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "pseud": source,
        "others": others,
        "page": page,
        "error": error,
        "ticked": set(request.POST.getlist("works")),
        "target": request.POST.get("target", ""),
    }
    return render(request, "accounts/pseuds/move.html", context, status=400 if error else 200)
