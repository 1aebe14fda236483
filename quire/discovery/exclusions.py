from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from quire.discovery.models import TagExclusion
from quire.tags.models import Tag, normalize_tag_name


class ExclusionForm(forms.Form):
    tags = forms.CharField(
        label="Tags to hide everywhere", help_text="Separate tags with commas.", max_length=2000
    )

    def clean_tags(self):
        names = [normalize_tag_name(n) for n in self.cleaned_data["tags"].split(",") if n.strip()]
        found, missing = [], []
        for name in names:
            tag = Tag.objects.named(name).first()
            (found if tag else missing).append(tag or name)
        if missing:
            raise forms.ValidationError("No tag is named " + ", ".join(f"“{n}”" for n in missing) + ".")
        return found


@login_required
@require_http_methods(["GET", "POST"])
def exclusions(request):
    form = ExclusionForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            TagExclusion.objects.filter(user=request.user, pk=request.POST["remove"]).delete()
            messages.success(request, "That tag is no longer hidden.")
            return redirect("discovery:exclusions")
        if form.is_valid():
            for tag in form.cleaned_data["tags"]:
                TagExclusion.objects.get_or_create(user=request.user, tag=tag)
            messages.success(request, "Works with those tags are now hidden from your listings and searches.")
            return redirect("discovery:exclusions")
    saved = TagExclusion.objects.filter(user=request.user).select_related("tag").order_by("tag__name")
    return render(request, "discovery/exclusions.html", {"form": form, "saved": saved})
