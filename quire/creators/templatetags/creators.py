"""The byline: every accepted creator of a work, chapter or series, as AO3's `h3.byline`.

    {% load creators %}
    <h3 class="byline heading">{% byline work %}</h3>     links, "Pseud (user), Other"
    <title>{% byline_text work %}</title>                   plain text, for titles and headings
    {% byline item.work managing=item %}                    on a collection's management page

Reads `credits` from `quire.creators.selectors.credits_prefetch()` when the listing prefetched them (one query
for the whole page), else one query for the object.
"""

from html import escape

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import mark_safe

from quire.access.reading import ANONYMOUS, creators_hidden_from, creators_public
from quire.creators.selectors import (
    byline_names,
    byline_pseuds,
    creator_user_ids,
    credited_pseuds,
    is_creator,
    pending_invitations_of,
    thing_field,
)

register = template.Library()

CREDITED = {"work", "chapter", "series"}


def _viewer(context):
    # Templates rendered without a request (emails) name nobody an anonymous work hides: a guest's view.
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


def _work_of(thing):
    kind = thing_field(thing)
    return thing if kind == "work" else thing.work if kind == "chapter" else None


def _anonymous_or(context, thing, named: str, managing) -> str:
    """The byline as this viewer may read it: "Anonymous" for an anonymous work's readers; those who may
    read the names anyway see "Anonymous" with them, so they know what everyone else sees: its own creators
    "Anonymous (you: ...)", its collection's maintainers on the management page (`managing`, the work's
    item there) "Anonymous (creator: ...)" (quire.access.reading)."""
    work = _work_of(thing)
    if work is None or creators_public(work):
        return named
    viewer = _viewer(context)
    if creators_hidden_from(viewer, work, managing=managing):
        return ANONYMOUS
    if is_creator(viewer, work):
        return f"{ANONYMOUS} (you: {named})"
    plural = "s" if len(byline_pseuds(thing)) > 1 else ""
    return f"{ANONYMOUS} (creator{plural}: {named})"


@register.simple_tag(takes_context=True)
def byline(context, thing, managing=None):
    """Each creator's "pseud (user)" linking their pseud page, comma-separated."""
    links = ", ".join(
        f'<a rel="author" href="{escape(pseud.get_absolute_url())}">{escape(pseud.byline)}</a>'
        for pseud in byline_pseuds(thing)
    )
    return mark_safe(_anonymous_or(context, thing, links, managing))


@register.simple_tag(takes_context=True)
def byline_text(context, thing, managing=None):
    return _anonymous_or(context, thing, byline_names(thing), managing)


@register.filter
def credited_on(user_id, thing) -> bool:
    """`{% if review.user_id|credited_on:work %}`: one of its creators wrote this (a "(writer)" mark)."""
    if user_id is None or getattr(getattr(thing, "_meta", None), "model_name", "") not in CREDITED:
        return False  # a news comment has no work
    return user_id == getattr(thing, "author_id", None) or user_id in creator_user_ids(thing)


@register.inclusion_tag("creators/_panel.html", takes_context=True)
def creators_panel(context, thing, form=None, on_edit_form=True):
    """The creators section of an edit form: who is credited, the invitations waiting (to withdraw), the
    invite form, and leaving. Its forms post to the creators' page, which shows a refusal with what was
    typed."""
    # deferred: the views render templates that load this tag library
    from quire.creators.forms import InviteForm
    from quire.creators.views import manage_url  # deferred: as above

    return {
        "thing": thing,
        "kind": thing._meta.model_name,
        "credits": byline_pseuds(thing),
        "own_credits": bool(credited_pseuds(thing)),
        "pending": pending_invitations_of(thing),
        "form": form or InviteForm(),
        "action": manage_url(thing),
        "on_edit_form": on_edit_form,
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
    }
