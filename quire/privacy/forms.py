from django import forms

from quire.privacy.deletion import WorksChoice


class DeleteAccountForm(forms.Form):
    works = forms.ChoiceField(
        label="Your works",
        choices=[
            (WorksChoice.ORPHAN, "Orphan my works: keep them on the archive under “orphan_account”"),
            (WorksChoice.DELETE, "Delete my works, with their reviews, kudos and bookmarks"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to orphan or to delete your works."},
    )
    username = forms.CharField(
        label="Type your username to confirm",
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account."},
    )

    def __init__(self, *args, user, has_works: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].help_text = f"Type “{user.username}” exactly."
        if not has_works:
            del self.fields["works"]

    def clean_username(self):
        typed = self.cleaned_data["username"].strip()
        if typed != self.user.username:
            raise forms.ValidationError(f"That is not your username: type “{self.user.username}” exactly.")
        return typed

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your account was not deleted.")
        return password

    @property
    def works_choice(self) -> WorksChoice:
        return WorksChoice(self.cleaned_data.get("works") or WorksChoice.DELETE)
