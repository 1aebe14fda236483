import secrets

from django import forms

from quire.feedback.models import NOTE_MAX, REVIEW_MAX


def new_token() -> str:
    return secrets.token_hex(16)


class ReviewForm(forms.Form):
    body = forms.CharField(
        label="Your review",
        max_length=REVIEW_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write something before posting.",
            "max_length": "Reviews can be up to 10,000 characters (this one has %(show_value)d).",
        },
    )
    guest_name = forms.CharField(label="Your name", max_length=60, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, guest: bool = False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", new_token())
        super().__init__(*args, **kwargs)
        if guest:
            self.fields["guest_name"].required = True
            self.fields["guest_name"].error_messages["required"] = "Guests sign their reviews with a name."
        else:
            del self.fields["guest_name"]


class ReviewEditForm(forms.Form):
    body = forms.CharField(
        label="Your review", max_length=REVIEW_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )


class BookmarkForm(forms.Form):
    note = forms.CharField(
        label="Notes", max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tags = forms.CharField(
        label="Your tags", max_length=1000, required=False, help_text="Separate tags with commas."
    )
    rec = forms.BooleanField(label="Recommend this work", required=False)
    private = forms.BooleanField(label="Private bookmark (only you see it)", required=False)
