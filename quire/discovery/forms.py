"""The filter and sort parameters every listing takes, allowlisted: anything else in the URL is ignored."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from quire.core.widgets import LongSelect
from quire.tags.models import normalize_tag_name
from quire.works.enums import Category, Rating, Warning
from quire.works.language_choices import choices_most_used_first
from quire.works.models import LANGUAGE_CHOICES

MAX_TAG_PARAMETERS = 30
MAX_QUERY_LENGTH = 500


SORTS = {
    "best": "Best match",
    "updated": "Date updated",
    "posted": "Date posted",
    "title": "Title",
    "author": "Author",
    "words": "Word count",
    "kudos": "Kudos",
    "hits": "Hits",
    "comments": "Reviews",
    "bookmarks": "Bookmarks",
}


class TagNamesField(forms.Field):
    """Repeated ?tag=Name parameters (or one comma-separated value), as tag names."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        names = []
        for item in value or []:
            # NUL bytes can never be in a tag name, and PostgreSQL refuses them in a query.
            names.extend(normalize_tag_name(part) for part in str(item).replace("\x00", "").split(","))
        names = list(dict.fromkeys(name for name in names if name))
        if len(names) > MAX_TAG_PARAMETERS:
            raise ValidationError(f"Filter by at most {MAX_TAG_PARAMETERS} tags at once.")
        return names


class WorkFilterForm(forms.Form):
    # Longer text is cut, not refused: a refused query would list every work as if nothing were typed.
    q = forms.CharField(
        required=False,
        label="Search within results",
        widget=forms.TextInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label="Sort by")
    tag = TagNamesField(required=False)
    exclude_tag = TagNamesField(required=False)
    rating = forms.MultipleChoiceField(choices=Rating.choices, required=False)
    exclude_rating = forms.MultipleChoiceField(choices=Rating.choices, required=False)
    warning = forms.MultipleChoiceField(choices=Warning.choices, required=False)
    exclude_warning = forms.MultipleChoiceField(choices=Warning.choices, required=False)
    category = forms.MultipleChoiceField(choices=Category.choices, required=False)
    exclude_category = forms.MultipleChoiceField(choices=Category.choices, required=False)
    complete = forms.ChoiceField(
        choices=[("", "All works"), ("yes", "Complete works only"), ("no", "Works in progress only")],
        required=False,
    )
    single_chapter = forms.BooleanField(required=False, label="Single chapter works only")
    crossover = forms.ChoiceField(
        choices=[("", "Include crossovers"), ("exclude", "Exclude crossovers"), ("only", "Only crossovers")],
        required=False,
        label="Crossovers",
    )
    words_from = forms.IntegerField(min_value=0, required=False, label="Words from")
    words_to = forms.IntegerField(min_value=0, required=False, label="Words to")
    updated_from = forms.DateField(
        required=False, label="Updated from", widget=forms.DateInput(attrs={"type": "date"})
    )
    updated_to = forms.DateField(
        required=False, label="Updated to", widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        choices=[("", "Any language")] + LANGUAGE_CHOICES, required=False, widget=LongSelect
    )

    def __init__(self, data=None, *, searching: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.searching = searching
        self.fields["language"].widget.choices = choices_most_used_first(blank=("", "Any language"))
        self.notices: list[str] = []
        if not searching:
            self.fields["sort"].choices = [(k, v) for k, v in SORTS.items() if k != "best"]

    def clean_q(self):
        query = self.cleaned_data.get("q") or ""
        if len(query) > MAX_QUERY_LENGTH:
            # Cut at a word's end: half a word would be searched for too, and match nothing.
            cut = query[: MAX_QUERY_LENGTH + 1]
            query = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut[:MAX_QUERY_LENGTH]
            self.notices.append(
                f"Searches are limited to {MAX_QUERY_LENGTH} characters; yours was shortened."
            )
        return query

    def clean_sort(self):
        sort = self.cleaned_data.get("sort")
        if not sort:
            return "best" if self.searching else "updated"
        return sort

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("words_from"), cleaned.get("words_to")
        if low is not None and high is not None and low > high:
            self.add_error("words_to", "“Words to” must be at least “Words from”.")
        if (
            cleaned.get("updated_from")
            and cleaned.get("updated_to")
            and cleaned["updated_from"] > cleaned["updated_to"]
        ):
            self.add_error("updated_to", "“Updated to” must be on or after “Updated from”.")
        if cleaned.get("updated_to") == date.max:
            # The listing looks up works updated before the next day, which does not exist.
            self.add_error("updated_to", "“Updated to” must be before 9999-12-31.")
        return cleaned

    def usable_data(self) -> dict:
        """The valid part of the request: a bad field is reported and ignored, never a reason to fail."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        data.setdefault("sort", "best" if self.searching else "updated")
        for name in ("tag", "exclude_tag"):
            data.setdefault(name, [])
        return data
