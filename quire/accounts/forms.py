from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from quire.accounts.models import User
from quire.accounts.preferences import ReadingPreferences


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

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
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
        "invalid_login": "The username or password is not right. Both are case-sensitive except the username.",
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
        fields = ["email", "email_notifications", "keep_reading_history", "about"]
        widgets = {"about": forms.Textarea(attrs={"rows": 5})}
