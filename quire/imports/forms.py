from django import forms

from quire.accounts.forms import SignupForm
from quire.accounts.models import ORPHAN_USERNAME, User


class ClaimForm(SignupForm):
    """Sign-up's form, for the imported account being claimed: its own current username may be kept."""

    def __init__(self, *args, account: User, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username).exclude(pk=self.account.pk).exists()
        if username.lower() == ORPHAN_USERNAME or taken:
            raise forms.ValidationError("That username is taken. Please choose another.")
        return username
