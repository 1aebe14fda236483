from django import forms
from django.core.exceptions import ValidationError

from quire.accounts.forms import add_pseud_choice
from quire.exchanges.models import DESCRIPTION_MAX, ENTRIES_MAX, EntryKind, Exchange
from quire.exchanges.services import (
    ENTRY_FIELDS,
    SET_FIELDS,
    EntryFields,
    ExchangeFields,
    SignupFields,
    split_tag_names,
)

MOMENT = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
TAGS_HELP = "Separate names with commas."


def _tags_field(label, help_text=TAGS_HELP):
    return forms.CharField(label=label, required=False, max_length=5_000, help_text=help_text)


class ExchangeForm(forms.Form):
    fandoms = _tags_field("Fandoms")
    any_fandom = forms.BooleanField(label="Any fandom", required=False)
    characters = _tags_field("Characters")
    any_character = forms.BooleanField(label="Any character", required=False)
    relationships = _tags_field("Relationships")
    any_relationship = forms.BooleanField(label="Any relationship", required=False)
    requests_min = forms.IntegerField(label="Fewest requests", min_value=0, max_value=ENTRIES_MAX)
    requests_max = forms.IntegerField(label="Most requests", min_value=1, max_value=ENTRIES_MAX)
    offers_min = forms.IntegerField(label="Fewest offers", min_value=0, max_value=ENTRIES_MAX)
    offers_max = forms.IntegerField(label="Most offers", min_value=1, max_value=ENTRIES_MAX)
    match_character = forms.BooleanField(label="A pairing must share a character", required=False)
    match_relationship = forms.BooleanField(label="A pairing must share a relationship", required=False)
    min_overlap = forms.IntegerField(
        label="Tags a pairing must share, at least",
        min_value=0,
        max_value=50,
        help_text="Over fandoms, characters, relationships and other tags; 0 asks only for the fields above.",
    )
    signups_open_at = forms.DateTimeField(label="Sign-ups open", **MOMENT)
    signups_close_at = forms.DateTimeField(label="Sign-ups close", **MOMENT)
    assignments_due_at = forms.DateTimeField(label="Assignments due", required=False, **MOMENT)
    reveal_at = forms.DateTimeField(label="Works revealed", required=False, **MOMENT)
    reveal_creators_at = forms.DateTimeField(label="Creators revealed", required=False, **MOMENT)

    @classmethod
    def initial_for(cls, exchange: Exchange | None, collection) -> dict:
        if exchange is None:
            return {
                "requests_min": 1, "requests_max": 3, "offers_min": 1, "offers_max": 3, "min_overlap": 0,
                "any_character": True, "any_relationship": True,
            }  # fmt: skip
        tags = list(exchange.tag_set.all())
        initial = {name: getattr(exchange, name) for name in cls.base_fields if hasattr(exchange, name)}
        for name, tag_type in ENTRY_FIELDS.items():
            if name in SET_FIELDS:
                initial[name] = ", ".join(t.name for t in tags if t.type == tag_type)
        initial["reveal_at"], initial["reveal_creators_at"] = (
            collection.reveal_at,
            collection.reveal_creators_at,
        )
        return initial

    def exchange_fields(self) -> ExchangeFields:
        data = dict(self.cleaned_data)
        for name in SET_FIELDS:
            data[name] = split_tag_names(data[name])
        return ExchangeFields(**data)


class EntryForm(forms.Form):
    """One request or offer; left empty, it is not counted."""

    fandoms = _tags_field("Fandoms", "Separate names with commas; leave empty for any fandom.")
    characters = _tags_field("Characters")
    relationships = _tags_field("Relationships")
    other_tags = _tags_field("Other tags")
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def entry_fields(self) -> EntryFields:
        data = self.cleaned_data
        return EntryFields(
            **{name: split_tag_names(data.get(name, "")) for name in ENTRY_FIELDS},
            description=data.get("description", ""),
        )


class SignupForm:
    """The sign-up form: a pseud choice and as many request and offer forms as the exchange takes, each
    prefixed ("request-0-fandoms"), so the service's messages land on the field they are about."""

    def __init__(self, exchange: Exchange, user, data=None, signup=None):
        self.exchange = exchange
        self.head = add_pseud_choice(forms.Form(data), user, current=signup.pseud if signup else None)
        initial = {EntryKind.REQUEST: [], EntryKind.OFFER: []}
        if signup is not None and data is None:
            for entry in signup.entries.all():
                initial[entry.kind].append(_entry_initial(entry))
        self.requests = [
            EntryForm(data, prefix=f"request-{n}", initial=_at(initial[EntryKind.REQUEST], n))
            for n in range(exchange.requests_max)
        ]
        self.offers = [
            EntryForm(data, prefix=f"offer-{n}", initial=_at(initial[EntryKind.OFFER], n))
            for n in range(exchange.offers_max)
        ]
        self.non_field_errors = []

    @property
    def forms(self):
        return [self.head, *self.requests, *self.offers]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def signup_fields(self) -> SignupFields:
        pseud = self.head.cleaned_data.get("pseud")
        return SignupFields(
            requests=[form.entry_fields() for form in self.requests],
            offers=[form.entry_fields() for form in self.offers],
            pseud_id=pseud.pk if pseud else None,
        )

    def add_errors(self, error: ValidationError) -> None:
        """Put the service's messages on their fields ("request-0-fandoms") or above the form."""
        if not hasattr(error, "error_dict"):
            self.non_field_errors += error.messages
            return
        by_prefix = {form.prefix: form for form in [*self.requests, *self.offers]}
        for key, messages in error.message_dict.items():
            prefix, _, name = key.rpartition("-")
            form = by_prefix.get(prefix)
            if form is not None and name in form.fields:
                for message in messages:
                    form.add_error(name, message)
            elif key == "pseud" and "pseud" in self.head.fields:
                self.head.add_error("pseud", messages)
            else:
                self.non_field_errors += messages

    @property
    def has_errors(self) -> bool:
        return bool(self.non_field_errors) or any(form.errors for form in self.forms)


def _at(items, n):
    return items[n] if n < len(items) else None


def _entry_initial(entry) -> dict:
    tags = list(entry.tags.all())
    initial = {
        name: ", ".join(t.name for t in tags if t.type == tag_type) for name, tag_type in ENTRY_FIELDS.items()
    }
    initial["description"] = entry.description
    return initial


ID = {"min_value": 1, "max_value": 2**62}  # a sign-up id either database can hold


class RecipientForm(forms.Form):
    giver = forms.IntegerField(**ID)
    recipient = forms.IntegerField(required=False, **ID)


class SwapForm(forms.Form):
    first = forms.IntegerField(**ID)
    second = forms.IntegerField(**ID)


class FulfilForm(forms.Form):
    work = forms.TypedChoiceField(label="Your work", coerce=int)

    def __init__(self, works, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].choices = [(w.pk, w.title) for w in works]
