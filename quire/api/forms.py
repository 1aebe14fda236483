from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        label="Token name",
        help_text="What it is for (“posting script”, “e-reader sync”), so you know which to revoke later.",
    )
