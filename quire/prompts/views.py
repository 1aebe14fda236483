"""The prompt meme pages under /collections/<name>: its set-up, the prompt list, a prompt with its claims
and fills, the prompt form, claiming, filling, and a member's claims. Writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quire.access import writing
from quire.access.writing import not_suspended
from quire.collections.models import Collection
from quire.prompts import selectors, services
from quire.prompts.forms import FillForm, PromptForm, PromptMemeForm
from quire.prompts.models import PromptMeme
from quire.prompts.selectors import Status

PROMPTS_PER_PAGE = 20


def _reason(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal beside the field it is about (what was typed stays in the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _list_url(meme: PromptMeme) -> str:
    return reverse("prompts:list", args=[meme.collection.name])


# --- Set-up --------------------------------------------------------------------------------------------


@login_required
@not_suspended
def setup(request, name):
    collection = get_object_or_404(Collection, name=name)
    if not writing.may_maintain_collection(request.user, collection):
        raise PermissionDenied("Only the collection's owners and moderators can set up its prompt meme.")
    meme = PromptMeme.objects.filter(collection=collection).first()
    if request.method == "POST":
        form = PromptMemeForm(request.POST)
        if form.is_valid():
            try:
                services.set_up_prompt_meme(
                    collection=collection, user=request.user, fields=form.meme_fields()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "The prompt meme's settings are saved.")
                return redirect("prompts:list", collection.name)
    else:
        form = PromptMemeForm(initial=PromptMemeForm.initial_for(meme))
    return render(request, "prompts/setup.html", {"collection": collection, "meme": meme, "form": form})


# --- Prompts -------------------------------------------------------------------------------------------


def _fandom_id(raw) -> int | None:
    try:
        return int(raw) if raw else None
    except (TypeError, ValueError):
        return None


def prompt_list(request, name):
    meme = selectors.meme_of(name)
    status = request.GET.get("status", "")
    status = status if status in dict(Status.CHOICES) else ""
    fandom_id = _fandom_id(request.GET.get("fandom"))
    prompts = selectors.prompts_for(request.user, meme, fandom_id=fandom_id, status=status)
    page = Paginator(prompts, PROMPTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.shown_for(request.user, page.object_list, meme)
    context = {
        "meme": meme,
        "collection": meme.collection,
        "page": page,
        "fandoms": selectors.meme_fandoms(meme),
        "fandom_id": fandom_id,
        "status": status,
        "statuses": Status.CHOICES,
        "may_maintain": writing.may_maintain_collection(request.user, meme.collection),
        "prompt_refusal": writing.prompt_refusal(request.user, meme),
    }
    return render(request, "prompts/list.html", context)


def prompt_detail(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    return _prompt_page(request, meme, prompt)


def _prompt_page(request, meme, prompt, *, fill_form=None, status=200):
    user = request.user
    claims = selectors.claims_of(user, prompt)
    own_claim = next((shown.claim for shown in claims if shown.claim.user_id == user.pk), None)
    works = selectors.fillable_works(user) if user.is_authenticated else None
    context = {
        "meme": meme,
        "collection": meme.collection,
        "prompt": prompt,
        "claims": claims,
        "fills": selectors.fills_of(user, prompt),
        "own_claim": own_claim,
        "claim_refusal": writing.claim_refusal(user, prompt),
        "may_edit": not writing.prompt_edit_refusal(user, prompt),
        "may_delete": not writing.prompt_edit_refusal(user, prompt, delete=True),
        "fill_form": fill_form or (FillForm(works=works) if works is not None else None),
        "fill_refusal": writing.fill_refusal(user, prompt),
    }
    return render(request, "prompts/prompt.html", context, status=status)


@login_required
@not_suspended
def prompt_new(request, name):
    meme = selectors.meme_of(name)
    form = PromptForm(request.POST or None, meme=meme, user=request.user)
    refusal = writing.prompt_refusal(request.user, meme)
    if request.method == "POST" and form.is_valid():
        try:
            prompt = services.post_prompt(meme=meme, user=request.user, fields=form.prompt_fields())
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, _reason(error))
        else:
            messages.success(request, "Your prompt is posted.")
            return redirect(prompt)
    status = 403 if refusal and request.method == "POST" else 200
    context = {"meme": meme, "collection": meme.collection, "form": form, "refusal": refusal}
    return render(request, "prompts/prompt_form.html", context, status=status)


@login_required
@not_suspended
def prompt_edit(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    if refusal := writing.prompt_edit_refusal(request.user, prompt):
        if prompt.user_id != request.user.pk:
            raise Http404
        messages.error(request, refusal)
        return redirect(prompt)
    data = request.POST if request.method == "POST" else None
    form = PromptForm(
        data,
        meme=meme,
        user=request.user,
        current_pseud=prompt.pseud,
        initial=PromptForm.initial_for(prompt),
    )
    if data is not None and form.is_valid():
        try:
            services.update_prompt(prompt=prompt, user=request.user, fields=form.prompt_fields())
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, _reason(error))
        else:
            messages.success(request, "Your prompt is saved.")
            return redirect(prompt)
    context = {"meme": meme, "collection": meme.collection, "form": form, "prompt": prompt}
    return render(request, "prompts/prompt_form.html", context)


@login_required
@not_suspended
def prompt_delete(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    if refusal := writing.prompt_edit_refusal(request.user, prompt, delete=True):
        messages.error(request, refusal)
        return redirect(prompt)
    if request.method == "POST":
        services.delete_prompt(prompt=prompt, user=request.user)
        messages.success(request, "The prompt is deleted.")
        return redirect(_list_url(meme))
    return render(request, "prompts/prompt_delete.html", {"meme": meme, "prompt": prompt})


# --- Claims and fills ----------------------------------------------------------------------------------


@require_POST
@login_required
@not_suspended
def claim(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    try:
        services.claim_prompt(prompt=prompt, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _reason(error))
    else:
        messages.success(request, f"You claimed “{prompt.heading}”.")
    return redirect(prompt)


@require_POST
@login_required
@not_suspended
def drop_claim(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    own = prompt.claims.filter(user=request.user).first()
    if own is None:
        raise Http404
    try:
        services.drop_claim(claim=own, user=request.user)
    except PermissionDenied as error:
        messages.error(request, _reason(error))
    else:
        messages.success(request, f"You dropped your claim on “{prompt.heading}”.")
    if request.POST.get("from") == "claims":  # dropped from "My claims": back there
        return redirect("prompts:my_claims")
    return redirect(prompt)


@require_POST
@login_required
@not_suspended
def fill(request, name, prompt_id):
    meme = selectors.meme_of(name)
    prompt = selectors.prompt_of(request.user, meme, prompt_id)
    form = FillForm(request.POST, works=selectors.fillable_works(request.user))
    if form.is_valid():
        work = form.cleaned_data["work"]
        try:
            services.fill_prompt(prompt=prompt, work=work, user=request.user)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, _reason(error))
        else:
            messages.success(request, f"“{work.title}” fills “{prompt.heading}”.")
            return redirect(prompt)
    return _prompt_page(request, meme, prompt, fill_form=form, status=400)


@login_required
def my_claims(request):
    page = Paginator(selectors.claims_of_member(request.user), PROMPTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    claims = selectors.shown_claims(request.user, page.object_list)
    return render(request, "prompts/my_claims.html", {"claims": claims, "page": page})


# --- The new-work form's hook (quire.works.views.work_new) ----------------------------------------------


def prompt_for_new_work(request):
    """The prompt a new work is posted for (`?prompt=<id>`, kept in a hidden field), or None."""
    raw = request.POST.get("prompt") or request.GET.get("prompt")
    try:
        prompt_id = int(raw) if raw else None
    except ValueError:
        return None
    if prompt_id is None:
        return None
    prompt = selectors.prompt_by_id(request.user, prompt_id)
    if prompt is not None:
        prompt.fill_refusal = writing.fill_refusal(request.user, prompt)
    return prompt


def fill_with_new_work(request, work) -> None:
    """After the new-work form made `work`: fill the prompt it was posted for, saying so (or why not; the
    work is kept either way)."""
    prompt = prompt_for_new_work(request)
    if prompt is None or prompt.fills.filter(work=work).exists():  # a resent form fills once
        return
    try:
        services.fill_prompt(prompt=prompt, work=work, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(
            request, f"Your work was saved, but it could not fill “{prompt.heading}”: {_reason(error)}"
        )
    else:
        messages.info(
            request, f"Your work fills the prompt “{prompt.heading}” in {prompt.meme.collection.title}."
        )
