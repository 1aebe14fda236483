from django import forms

from quire.access.writing import invitee_refusal
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


INVITEES_MAX = 10


def add_co_creators_field(form):
    """The posting form's "Invite co-creators": invitations sent once the work is made (AO3 asks on posting
    too); each member is credited only after accepting."""
    form.fields["co_creators"] = forms.CharField(
        label="Invite co-creators",
        required=False,
        max_length=1000,
        help_text="Separate pseuds with commas, as “Name” or “Name (username)”. Each is invited and is "
        "credited once they accept.",
    )
    return form


def invitees(typed: str, user) -> list[Pseud]:
    """The pseuds a posting form's "Invite co-creators" names, or a ValidationError listing each name that
    cannot be invited (unknown, ambiguous, closed, or a member who blocked the writer)."""
    names = list(dict.fromkeys(name.strip() for name in typed.split(",") if name.strip()))
    if len(names) > INVITEES_MAX:
        raise forms.ValidationError(f"Invite at most {INVITEES_MAX} co-creators at once.")
    found, errors = [], []
    for name in names:
        try:
            pseud = find_pseud(name)
        except forms.ValidationError as error:
            errors.extend(error.messages)
            continue
        if reason := invitee_refusal(user, pseud.user):
            errors.append(f"“{name}”: {reason}")
        elif all(p.user_id != pseud.user_id for p in found):
            found.append(pseud)
    if errors:
        raise forms.ValidationError(errors)
    return found
