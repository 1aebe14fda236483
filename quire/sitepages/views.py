from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quire.access.reading import page_for, pages_for
from quire.access.writing import may_edit_pages
from quire.core.redirects import safe_next
from quire.sitepages import services
from quire.sitepages.forms import AgreeForm, PageForm
from quire.sitepages.middleware import remember_agreement, terms_to_agree
from quire.sitepages.models import TERMS_SLUG
from quire.sitepages.selectors import site_index


def index(request):
    return render(
        request,
        "sitepages/index.html",
        {"pages": pages_for(request.user), "may_edit": may_edit_pages(request.user)},
    )


def page(request, slug):
    found = page_for(request.user, slug)
    context = {"page": found, "may_edit": may_edit_pages(request.user)}
    if found.is_terms and (version := terms_to_agree(request)):
        context["agree_form"] = AgreeForm(
            initial={"version": version, "next": safe_next(request, request.GET.get("next"), "")}
        )
    return render(request, "sitepages/page.html", context)


@login_required
@require_POST
def agree(request):
    form = AgreeForm(request.POST)
    if not form.is_valid():
        return redirect("sitepages:page", TERMS_SLUG)
    current = site_index().terms_version
    if current is not None:
        # The version the member read (terms changed since are asked for again), never a later one: a
        # hand-made version 999 would otherwise excuse them from every change to come.
        version = min(form.cleaned_data["version"], current)
        services.agree_to_terms(user=request.user, version=version)
        remember_agreement(request, version)
    return redirect(safe_next(request, form.cleaned_data["next"], "/"))


def _editor(request):
    if not may_edit_pages(request.user):
        raise PermissionDenied("Only staff who may edit the archive's pages can do that.")


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    _editor(request)
    form = PageForm(request.POST or None, initial={"slug": request.GET.get("slug", "")})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_page(
                user=request.user, slug=form.cleaned_data["slug"], fields=form.fields_value()
            )
        except ValidationError as error:
            form.add_error(None, error)  # by field: the address taken or reserved
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{created.title}” was saved.")
            return redirect("sitepages:page", created.slug)
    return render(request, "sitepages/edit.html", {"form": form, "page": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    _editor(request)
    found = page_for(request.user, slug)
    form = PageForm(request.POST or None, page=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_page(
                user=request.user,
                page_id=found.pk,
                fields=form.fields_value(),
                from_revision=form.cleaned_data["revision"] or 0,
                terms_changed=form.cleaned_data.get("terms_changed", False),
            )
        except services.StaleEdit as error:
            form.add_error(None, error.message)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{form.cleaned_data['title']}” was saved.")
            return redirect("sitepages:page", found.slug)
    revisions = found.revisions.select_related("edited_by")[:20]
    return render(request, "sitepages/edit.html", {"form": form, "page": found, "revisions": revisions})
