"""The reading settings a reader changes from inside a chapter (size, typeface, width, colours), saved as
on the preferences page and back at the same place in the same chapter."""

from django import template

from quire.accounts.forms import ReadingPreferencesForm

register = template.Library()


@register.inclusion_tag("accounts/_reading_controls.html", takes_context=True)
def reading_controls(context):
    request = context["request"]
    return {
        "form": ReadingPreferencesForm(initial=context["reading"].__dict__, auto_id="reading-%s"),
        "next": f"{request.get_full_path()}#chapters",
        "csrf_token": context.get("csrf_token"),
    }
