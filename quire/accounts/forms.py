from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.html import format_html

from quire.accounts.models import ORPHAN_USERNAME, User, time_zone_names
from quire.accounts.preferences import ReadingPreferences
from quire.accounts.services import PSEUD_DESCRIPTION_MAX, PSEUD_NAME_MAX, clean_pseud_name
from quire.core import ratelimit
from quire.core.forms import SingleLineField
from quire.core.readers import client_ip
from quire.moderation.services import valid_invite


class SignupForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[A-Za-z0-9_]{3,40}$",
        max_length=40,
        help_text="3 to 40 letters, digits or underscores. This is your public name and profile address.",
        error_messages={"invalid": "Use 3 to 40 letters, digits or underscores, with no spaces."},
    )
    email = forms.EmailField(help_text="Used for password resets. Never shown to anyone.")
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    invite = forms.CharField(
        label="Invitation code",
        max_length=32,
        help_text="Sign-up is by invitation: paste the code from your invitation email.",
        error_messages={"required": "Sign-up is by invitation: enter the code from your invitation email."},
    )

    accept_terms = forms.BooleanField(
        error_messages={"required": "To create an account, agree to the Terms of Service."},
    )
    minimum_age = forms.BooleanField()

    def __init__(
        self, *args, invite_only: bool = False, terms_url: str = "", minimum_age: int = 13, **kwargs
    ):
        """`terms_url`: the archive's published Terms of Service, which new members must accept and, with
        them, confirm their age; empty when the archive has published none, and then neither is asked."""
        super().__init__(*args, **kwargs)
        if not invite_only:
            del self.fields["invite"]
        if terms_url:
            self.fields["accept_terms"].label = format_html(
                'I have read and agree to the <a href="{}">Terms of Service</a>', terms_url
            )
            self.fields["minimum_age"].label = f"I am at least {minimum_age} years old"
            self.fields["minimum_age"].error_messages["required"] = (
                f"You must be at least {minimum_age} years old to create an account here."
            )
        else:
            del self.fields["accept_terms"], self.fields["minimum_age"]

    def clean_invite(self):
        code = self.cleaned_data["invite"].strip()
        if valid_invite(code) is None:
            raise forms.ValidationError("That invitation code is not valid, or it has been used already.")
        return code

    def clean_username(self):
        username = self.cleaned_data["username"]
        # orphan_account is reserved for works whose writers deleted their accounts (quire.privacy).
        if username.lower() == ORPHAN_USERNAME or User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Please choose another.")
        return username

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match.")
        elif password1:
            candidate = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "The username or password is not right. Check them and try again: capital letters matter in the password.",
    }


class ReadingPreferencesForm(forms.Form):
    font_size = forms.ChoiceField(choices=User._meta.get_field("font_size").choices, label="Text size")
    font_family = forms.ChoiceField(choices=User._meta.get_field("font_family").choices, label="Typeface")
    line_width = forms.ChoiceField(choices=User._meta.get_field("line_width").choices, label="Line width")
    theme = forms.ChoiceField(choices=User._meta.get_field("theme").choices, label="Colours")

    def preferences(self) -> ReadingPreferences:
        return ReadingPreferences.from_mapping(self.cleaned_data)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "email",
            "email_notifications",
            "time_zone",
            "keep_reading_history",
            "view_adult",
            "hide_warnings",
            "hide_additional_tags",
            "about",
        ]
        widgets = {"about": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "time_zone": "Times you type, such as a chapter's release, are read in it, and shown back in it."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(
            choices=[(name, name.replace("_", " ")) for name in time_zone_names()]
        )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with a cap on the emails it sends: RATE_PASSWORD_RESETS_ACCOUNT per account asked for,
    and RATE_PASSWORD_RESETS_ADDRESS requests per address (counted whether or not the address named an
    account). Past either, no email goes out, but the page is the same "check your email" page, so it never
    tells whether an account exists."""

    def save(self, *args, request=None, **kwargs):
        address = client_ip(request) if request is not None else ""
        if ratelimit.is_over("password-resets-address", address):
            return
        ratelimit.count("password-resets-address", address)
        super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        for user in super().get_users(email):
            if ratelimit.is_over("password-resets-account", f"user:{user.pk}"):
                continue
            ratelimit.count("password-resets-account", f"user:{user.pk}")
            yield user


class PseudForm(forms.Form):
    """A pseud's name and description; the name's rules are checked by the service, which says why."""

    name = SingleLineField(
        max_length=PSEUD_NAME_MAX,
        help_text=f"Up to {PSEUD_NAME_MAX} letters, digits, spaces, underscores or hyphens.",
    )
    description = forms.CharField(
        max_length=PSEUD_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the pseud's page.",
    )
    make_default = forms.BooleanField(
        label="Make this my default pseud",
        required=False,
        help_text="New works, series, reviews and bookmarks are under the default pseud unless you choose another.",
    )

    def __init__(self, *args, user, pseud=None, **kwargs):
        self.user, self.pseud = user, pseud
        super().__init__(*args, **kwargs)
        if pseud is not None and pseud.is_default:
            del self.fields["make_default"]  # it is already; another pseud is made the default instead

    def clean_name(self):
        return clean_pseud_name(self.user, self.cleaned_data["name"], pseud=self.pseud)


def add_pseud_choice(form, user, *, current=None, label="Creator/Pseud"):
    """Give a posting form (a work, series, review or bookmark) a pseud select, when the member has more than
    one pseud; it starts at `current` or their default pseud. `form.cleaned_data["pseud"]` is then a Pseud;
    without the field the services use the default pseud."""
    if user is None or not user.is_authenticated:
        return form
    if getattr(user, "pseud_count", 2) < 2:  # counted as the member was loaded (accounts.backends)
        return form
    pseuds = list(user.pseuds.all())
    if len(pseuds) < 2:
        return form
    chosen = current or next(p for p in pseuds if p.is_default)
    form.fields["pseud"] = forms.ModelChoiceField(
        queryset=user.pseuds.all(),
        label=label,
        empty_label=None,
        initial=chosen.pk,
        error_messages={"invalid_choice": "Choose one of your pseuds."},
    )
    form.fields["pseud"].choices = [(p.pk, p.name) for p in pseuds]
    if not form.is_bound:
        form.initial.setdefault("pseud", chosen.pk)
    return form
