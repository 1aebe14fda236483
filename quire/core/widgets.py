"""Form widgets shared by the apps' forms."""

from django import forms


class LongSelect(forms.Select):
    """A select with many options (the 100-odd languages), drawn by one template.

    Django's own draws each option through two templates of its own: 4 ms of every listing page.
    """

    template_name = "core/widgets/long_select.html"
