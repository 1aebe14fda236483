from django import forms

from quire.core.forms import SingleLineField
from quire.core.text import TextFormat
from quire.feedback.forms import ReviewEditForm, ReviewForm
from quire.news.models import Banner
from quire.works.enums import ReviewPolicy


class NewsPostForm(forms.Form):
    title = SingleLineField(
        label="Title", max_length=200, error_messages={"required": "Give the post a title."}
    )
    body = forms.CharField(
        label="Text",
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Write the post before publishing it."},
    )
    text_format = forms.ChoiceField(
        label="Written in", choices=TextFormat.choices, initial=TextFormat.MARKDOWN
    )
    published_at = forms.DateTimeField(
        label="Published",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text="Empty: now. A later time keeps the post from readers until then (server time).",
    )
    comments = forms.ChoiceField(
        label="Who may comment", choices=ReviewPolicy.choices, initial=ReviewPolicy.EVERYONE
    )


class CommentForm(ReviewForm):
    """A review's form, its limits, token and guest spam checks included, in a comment's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.label = "Your comment"
        body.error_messages["max_length"] = (
            "Comments can be up to 10,000 characters (this one has %(show_value)d)."
        )
        if self.guest:
            self.fields["guest_name"].error_messages["required"] = "Guests sign their comments with a name."


class CommentEditForm(ReviewEditForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "Your comment"


class BannerForm(forms.ModelForm):
    class Meta:
        model = Banner
        fields = ["text", "kind", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}
        labels = {"text": "Message", "active": "Show the banner on every page"}
        help_texts = {
            "text": "Markdown: a short line, a link at most. Changing it shows it again to everyone "
            "who dismissed it."
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("active") and not (cleaned.get("text") or "").strip():
            self.add_error("text", "Write the message to show, or turn the banner off.")
        return cleaned
