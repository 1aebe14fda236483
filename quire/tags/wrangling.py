"""Pages for tag wranglers (the "Can wrangle tags" permission): unwrangled tags per fandom, bulk actions,
and suggested synonyms so new tags become filterable in minutes, not weeks."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from quire.tags import services
from quire.tags.enums import TagType
from quire.tags.models import Tag, WorkFilter
from quire.tags.suggestions import suggest_synonyms
from quire.tags.urlnames import from_url
from quire.works.models import WorkTag

WRANGLE = "tags.wrangle_tag"
PER_PAGE = 50
FANDOM_TYPES = [TagType.CHARACTER, TagType.RELATIONSHIP, TagType.ADDITIONAL]


class BulkForm(forms.Form):
    ACTIONS = [
        ("canonical", "Make canonical"),
        ("synonym", "Make synonyms of"),
        ("parent", "Put under (fandom, media or meta tag)"),
    ]
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), error_messages={"required": "Tick at least one tag."}
    )
    action = forms.ChoiceField(choices=ACTIONS)
    target = forms.CharField(required=False, max_length=150, label="Canonical or parent tag")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("synonym", "parent"):
            name = cleaned.get("target", "").strip()
            target = Tag.objects.named(name).first() if name else None
            if target is None:
                self.add_error(
                    "target", f"Name an existing tag to {dict(self.ACTIONS)[cleaned['action']].lower()}."
                )
            cleaned["target_tag"] = target
        return cleaned


def _apply(form: BulkForm, fandom: Tag | None) -> int:
    action, target = form.cleaned_data["action"], form.cleaned_data.get("target_tag")
    with transaction.atomic():
        for tag in form.cleaned_data["tags"]:
            if action == "canonical":
                services.make_canonical(tag=tag)
                if fandom and tag.type in (TagType.CHARACTER, TagType.RELATIONSHIP):
                    services.add_parent(tag=tag, parent=fandom)
            elif action == "synonym":
                services.make_synonym(tag=tag, canonical=target)
            else:
                services.add_parent(tag=tag, parent=target)
    return len(form.cleaned_data["tags"])


@permission_required(WRANGLE, raise_exception=True)
def home(request):
    fandoms = Tag.objects.canonical().filter(type=TagType.FANDOM).order_by("name")
    page = Paginator(fandoms, PER_PAGE).get_page(request.GET.get("page"))
    ids = [f.pk for f in page.object_list]
    counts = (
        WorkTag.objects.filter(tag__canonical=False, tag__merger__isnull=True, tag__type__in=FANDOM_TYPES)
        .filter(work__filters__tag_id__in=ids)
        .values_list("work__filters__tag_id", "tag__type")
        .annotate(n=Count("tag_id", distinct=True))
    )
    by_fandom = {}
    for fandom_id, tag_type, n in counts:
        by_fandom.setdefault(fandom_id, {})[tag_type] = n
    for fandom in page.object_list:
        fandom.unwrangled = [(t, by_fandom.get(fandom.pk, {}).get(t, 0)) for t in FANDOM_TYPES]
    unwrangled_fandoms = Tag.objects.unwrangled().filter(type=TagType.FANDOM).count()
    context = {
        "page": page,
        "types": FANDOM_TYPES,
        "unwrangled_fandoms": unwrangled_fandoms,
        "fandoms_without_media": _fandoms_without_media().count(),
    }
    return render(request, "tags/wrangling/home.html", context)


@permission_required(WRANGLE, raise_exception=True)
def fandom_tags(request, fandom_name, tag_type):
    """Unwrangled tags of one type used on works in a fandom; `fandom_name` "-" means the fandoms themselves."""
    if tag_type not in TagType.values or tag_type == TagType.MEDIA:
        return redirect("wrangling:home")
    fandom = (
        None
        if fandom_name == "-"
        else get_object_or_404(Tag.objects.named(from_url(fandom_name)), type=TagType.FANDOM)
    )
    form = BulkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = _apply(form, fandom)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Wrangled {done} tag{'s' if done != 1 else ''}.")
            return redirect(request.get_full_path())
    unwrangled = Tag.objects.unwrangled().filter(type=tag_type)
    if fandom is not None:
        unwrangled = unwrangled.filter(
            work_tags__work__in=WorkFilter.objects.filter(tag=fandom).values("work_id")
        )
    unwrangled = unwrangled.annotate(uses=Count("work_tags__work", distinct=True)).order_by("-uses", "name")
    page = Paginator(unwrangled, PER_PAGE).get_page(request.GET.get("page"))
    candidates = Tag.objects.canonical().filter(type=tag_type)
    if fandom is not None and tag_type in (TagType.CHARACTER, TagType.RELATIONSHIP):
        candidates = candidates.filter(parent_links__parent=fandom)
    names = list(candidates.values_list("name", flat=True))
    for tag in page.object_list:
        tag.suggestions = suggest_synonyms(tag.name, tag_type, names, limit=3)
    context = {
        "fandom": fandom,
        "tag_type": TagType(tag_type),
        "page": page,
        "form": form,
        "types": FANDOM_TYPES,
    }
    return render(request, "tags/wrangling/fandom_tags.html", context)


def _fandoms_without_media():
    return (
        Tag.objects.canonical().filter(type=TagType.FANDOM).exclude(parent_links__parent__type=TagType.MEDIA)
    )


@permission_required(WRANGLE, raise_exception=True)
def fandoms_without_media(request):
    """File canonical fandoms under a medium, so /media lists them (AO3's "Unsorted fandoms")."""
    media = list(Tag.objects.canonical().filter(type=TagType.MEDIA).order_by("name"))
    if request.method == "POST":
        fandom = get_object_or_404(
            Tag.objects.canonical(), pk=request.POST.get("fandom") or 0, type=TagType.FANDOM
        )
        medium = next((m for m in media if str(m.pk) == request.POST.get("medium")), None)
        if medium is None:
            messages.error(request, f"Choose a medium for “{fandom.name}”.")
        else:
            try:
                services.add_parent(tag=fandom, parent=medium)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"Filed “{fandom.name}” under {medium.name}.")
        return redirect(request.get_full_path())
    page = Paginator(_fandoms_without_media().order_by("name"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tags/wrangling/fandoms_without_media.html", {"page": page, "media": media})
