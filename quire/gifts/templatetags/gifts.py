from django import template
from django.utils.html import format_html, format_html_join

from quire.gifts.selectors import recipients_of

register = template.Library()


@register.simple_tag
def gift_recipients(work):
    """ "Name, Other (user)": each recipient a work shows, a member linked to their pseud's page; "" when
    the work is nobody's gift."""
    return format_html_join(
        ", ",
        "{}",
        (
            (format_html('<a href="{}">{}</a>', gift.url, gift.recipient) if gift.url else gift.recipient,)
            for gift in recipients_of(work)
        ),
    )
