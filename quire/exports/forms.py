from django import forms
from django.core.exceptions import ValidationError

from quire.exports.batch_import import check_uploads


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every file chosen in one <input type=file multiple>."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".epub,.html,.htm"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        single = super().clean  # (zero-argument super() does not reach into the comprehension)
        return [single(file, initial) for file in files]


class BatchImportForm(forms.Form):
    files = MultipleFileField(
        label="Files to import",
        required=False,
        help_text="Your works as AO3, FanFicFare or Quire download them: .epub or .html files, as many as you "
        "like up to the limits below. Each becomes a draft with its chapters, notes, tags, series and "
        "original dates, for you to check before posting.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if problems := check_uploads([(file.name, file.size) for file in files]):
            raise ValidationError(problems)
        return files


class PostImportedForm(forms.Form):
    works = forms.TypedMultipleChoiceField(
        coerce=int,
        required=True,
        error_messages={"required": "Choose the drafts to post."},
    )

    def __init__(self, *args, drafts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["works"].choices = [(work.pk, work.title) for work in drafts]
