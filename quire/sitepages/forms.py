from django import forms

from quire.core.text import TextFormat
from quire.sitepages.models import Page, slug_validator
from quire.sitepages.services import PageFields


class PageForm(forms.Form):
    title = forms.CharField(max_length=Page._meta.get_field("title").max_length)
    slug = forms.CharField(
        label="Address",
        max_length=50,
        validators=[slug_validator],
        help_text="The page's address: /about/<em>address</em>. Use <code>terms</code> for the Terms of "
        "Service (sign-up then asks new members to agree to them). It cannot be changed later.",
    )
    body = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 20}), required=False)
    text_format = forms.ChoiceField(
        label="Format",
        choices=TextFormat.choices,
        initial=TextFormat.MARKDOWN,
        help_text="Whatever the format, the page keeps only the HTML every work's text may use.",
    )
    published = forms.BooleanField(
        required=False, help_text="Unpublished pages are seen by staff only, and are not in the footer."
    )
    position = forms.IntegerField(
        label="Order in the footer", min_value=0, max_value=1000, initial=0, help_text="Lower comes first."
    )
    terms_changed = forms.BooleanField(
        label="Members must agree again",
        required=False,
        help_text="Tick it when this edit changes the terms: every member is asked to agree at their next "
        "visit. Leave it for a typo or a clearer wording.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, page: Page | None = None, **kwargs):
        if page is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": page.title,
                    "body": page.body,
                    "text_format": page.text_format,
                    "published": page.published,
                    "position": page.position,
                    "revision": page.revision,
                },
            )
        super().__init__(*args, **kwargs)
        if page is not None:
            del self.fields["slug"]
        if page is None or not page.is_terms:
            del self.fields["terms_changed"]

    def fields_value(self) -> PageFields:
        data = self.cleaned_data
        return PageFields(
            title=data["title"],
            body=data["body"],
            text_format=data["text_format"],
            published=data["published"],
            position=data["position"],
        )


class AgreeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
