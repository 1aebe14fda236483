from django import forms

from quire.core.forms import SingleLineField


class TokenForm(forms.Form):
    name = SingleLineField(
        max_length=80,
        label="Token name",
        help_text="What it is for (“posting script”, “e-reader sync”), so you know which to revoke later.",
    )
