from django import forms
from django.core.exceptions import ValidationError

from quire.core.forms import SingleLineField
from quire.series.models import Series
from quire.series.services import SeriesFields
from quire.works.models import NOTES_MAX, SUMMARY_MAX, TITLE_MAX


class SeriesForm(forms.Form):
    required_css_class = "required"
    title = SingleLineField(
        max_length=TITLE_MAX, label="Series title", error_messages={"required": "The series needs a title."}
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=SUMMARY_MAX, label="Description"
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=NOTES_MAX)
    is_complete = forms.BooleanField(required=False, label="This series is complete")

    def series_fields(self) -> SeriesFields:
        data = dict(self.cleaned_data)
        pseud = data.pop("pseud", None)  # present when the member has several pseuds (add_pseud_choice)
        return SeriesFields(**data, pseud_id=pseud.pk if pseud else None)

    @staticmethod
    def initial_for(series: Series) -> dict:
        return {
            "title": series.title,
            "summary": series.summary,
            "notes": series.notes,
            "is_complete": series.is_complete,
        }


class AddToSeriesForm(forms.Form):
    """AO3's "Add this work to a series": one of your series, or a new one by title."""

    series = forms.ModelChoiceField(
        queryset=Series.objects.none(), required=False, empty_label="Choose one of your series"
    )
    new_title = SingleLineField(max_length=TITLE_MAX, required=False, label="Or start a new series titled")

    def __init__(self, *args, user, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = (
            Series.objects.filter(creators=user).exclude(pk__in=exclude).order_by("title")
        )

    def clean(self):
        cleaned = super().clean()
        chosen, title = cleaned.get("series"), (cleaned.get("new_title") or "").strip()
        if chosen and title:
            raise ValidationError("Choose an existing series or type a new title, not both.")
        if not chosen and not title and not self.errors:
            raise ValidationError("Choose one of your series, or type a title to start a new one.")
        cleaned["new_title"] = title
        return cleaned
