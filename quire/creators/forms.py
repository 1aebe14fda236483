from django import forms

from quire.accounts.models import Pseud
from quire.accounts.selectors import split_byline


def find_pseud(typed: str) -> Pseud:
    """The pseud a member typed, as "Name" or "Name (user)" (AO3's way of telling two pseuds of one name
    apart). Raises ValidationError with what to type instead."""
    typed = " ".join(typed.split())
    name, username = split_byline(typed)
    found = Pseud.objects.select_related("user").filter(user__is_active=True, name__iexact=name)
    if username is not None:
        found = found.filter(user__username__iexact=username)
    pseuds = list(found[:2])
    if not pseuds:
        raise forms.ValidationError(f"No member writes as “{typed}”. Check the spelling of the pseud.")
    if len(pseuds) > 1:
        raise forms.ValidationError(
            f"More than one member writes as “{typed}”: type it with their account, as “{typed} (username)”."
        )
    return pseuds[0]


class InviteForm(forms.Form):
    pseud = forms.CharField(
        label="Invite a co-creator",
        max_length=200,
        help_text="Their pseud, as “Name” or “Name (username)”. They are credited once they accept.",
    )

    def clean_pseud(self):
        return find_pseud(self.cleaned_data["pseud"])
