from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from quire.access.reading import work_for
from quire.access.writing import may_edit_work, not_suspended
from quire.related import selectors, services
from quire.related.forms import RelatedWorkForm


def _editable_work(user, work_id):
    """The work if this user may change it; the same 404 as a missing page otherwise."""
    work = work_for(user, work_id)
    if not may_edit_work(user, work):
        raise Http404
    return work


def _chosen(relations, pk: str):
    """The link a button names; a mangled id ("abc", from a hand-made form) is as missing as another's."""
    if not pk.isdecimal():
        raise Http404
    return get_object_or_404(relations, pk=int(pk))


@not_suspended
def manage(request, work_id):
    """A work's related works, for its writers: what it names (add, remove) and the works naming it (list
    them on the work or not). Works without JavaScript; the form keeps what was typed on error."""
    work = _editable_work(request.user, work_id)
    form = RelatedWorkForm()
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            relation = _chosen(selectors.declared_parents(request.user, [work.pk]), remove)
            services.remove_relation(user=request.user, relation=relation)
            messages.success(request, "The link was removed.")
            return redirect("related:manage", work.pk)
        if shown := request.POST.get("list") or request.POST.get("unlist"):
            relation = _chosen(selectors.naming_children(request.user, work), shown)
            listed = "list" in request.POST
            services.set_listed(user=request.user, relation=relation, listed=listed)
            messages.success(
                request,
                f"“{relation.work.title}” is now listed on your work."
                if listed
                else f"“{relation.work.title}” is no longer listed on your work; it still names yours.",
            )
            return redirect(reverse("related:manage", args=[work.pk]) + "#naming")
        form = RelatedWorkForm(request.POST)
        if form.is_valid():
            try:
                relation = services.relate_work(
                    user=request.user, work=work, hosts=[request.get_host()], **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error("url", str(error))
            else:
                messages.success(request, _added(relation))
                return redirect("related:manage", work.pk)
    declared = [
        (
            relation,
            selectors.parent_link(relation, request.user)
            if relation.elsewhere or relation.parent_visible
            else None,
        )
        for relation in selectors.declared_parents(request.user, [work.pk])
    ]
    context = {
        "work": work,
        "form": form,
        "declared": declared,
        "naming": list(selectors.naming_children(request.user, work)),
    }
    return render(request, "related/manage.html", context)


def _added(relation) -> str:
    if relation.elsewhere or relation.approved:
        return "The link was added."
    if relation.work.is_draft:
        return "The link was added. The other work's writer will be told when you post this work."
    return "The link was added. The other work's writer was told, and chooses whether their work lists yours."
