import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing

from quire.core.forms import SingleLineField
from quire.feedback.models import NOTE_MAX, REVIEW_MAX

_FORM_CLOCK_SALT = "quire.guest-form-started"


def new_token() -> str:
    return secrets.token_hex(16)


def form_started_stamp() -> str:
    return signing.dumps(time.time(), salt=_FORM_CLOCK_SALT)


class GuestSpamCheckMixin:
    """For guest forms: a honeypot field people never see, and a signed time the form was shown.

    Bots fill every field and post at once; a person sees neither check. A failed check is a calm form
    error, and the form comes back with everything typed in it."""

    honeypot_name = "website"

    def add_spam_fields(self):
        self.fields[self.honeypot_name] = forms.CharField(
            label="Leave this field empty",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields["started"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial.setdefault("started", form_started_stamp())

    def check_spam(self):
        if self.cleaned_data.get(self.honeypot_name):
            # A person whose browser filled the hidden field (autofill) can simply post again: it is cleared.
            self.data = self.data.copy()
            self.data[self.honeypot_name] = ""
            raise forms.ValidationError(
                "Your review could not be posted this time. Please check it and post it again."
            )
        try:
            started = signing.loads(self.data.get("started", ""), salt=_FORM_CLOCK_SALT, max_age=7 * 86400)
        except signing.BadSignature:
            # The page is old or the stamp was lost: a fresh stamp lets the person post again a moment later.
            started = time.time()
        if time.time() - float(started) < settings.GUEST_FORM_MIN_SECONDS:
            self.data = self.data.copy()
            self.data["started"] = signing.dumps(float(started), salt=_FORM_CLOCK_SALT)
            raise forms.ValidationError(
                "That was quick! To keep spam out, please check your review and post it again."
            )


class ReviewForm(GuestSpamCheckMixin, forms.Form):
    body = forms.CharField(
        label="Your review",
        max_length=REVIEW_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Write something before posting.",
            "max_length": "Reviews can be up to 10,000 characters (this one has %(show_value)d).",
        },
    )
    guest_name = SingleLineField(label="Your name", max_length=60, required=False)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, guest: bool = False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", new_token())
        super().__init__(*args, **kwargs)
        self.guest = guest
        if guest:
            self.fields["guest_name"].required = True
            self.fields["guest_name"].error_messages["required"] = "Guests sign their reviews with a name."
            self.add_spam_fields()
        else:
            del self.fields["guest_name"]

    def clean(self):
        cleaned = super().clean()
        if self.guest:
            self.check_spam()
        return cleaned


class ReviewEditForm(forms.Form):
    body = forms.CharField(
        label="Your review", max_length=REVIEW_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )


class BookmarkForm(forms.Form):
    note = forms.CharField(
        label="Notes", max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tags = SingleLineField(
        label="Your tags", max_length=1000, required=False, help_text="Separate tags with commas."
    )
    rec = forms.BooleanField(label="Recommend this work", required=False)
    private = forms.BooleanField(label="Private bookmark (only you see it)", required=False)
