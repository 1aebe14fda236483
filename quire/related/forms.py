from django import forms

from quire.related.enums import Kind
from quire.related.models import CREATOR_MAX, URL_MAX
from quire.works.models import TITLE_MAX


class RelatedWorkForm(forms.Form):
    """AO3's "This work is a remix, a translation, a podcast, or was inspired by another work": one address;
    a work elsewhere also needs its title and creator. What it means is checked by services.relate_work."""

    kind = forms.ChoiceField(label="This work is", choices=Kind.choices, initial=Kind.INSPIRED)
    url = forms.CharField(
        label="The other work's address",
        max_length=URL_MAX,
        help_text="A work on this archive (its page or a chapter's, e.g. /works/12), or a web address elsewhere.",
    )
    title = forms.CharField(
        label="Its title", max_length=TITLE_MAX, required=False, help_text="For a work elsewhere only."
    )
    creator = forms.CharField(
        label="Its creator", max_length=CREATOR_MAX, required=False, help_text="For a work elsewhere only."
    )
