"""Form fields shared by every app's forms."""

from django import forms

from quire.core.text import single_line


class SingleLineField(forms.CharField):
    """A one-line text field (a title, a name): line breaks, tabs and other control characters a paste or a
    client brought along become single spaces, so nothing else the writer typed is lost. Empty afterwards is
    empty, so `required` gives its usual message."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value not in self.empty_values else value
