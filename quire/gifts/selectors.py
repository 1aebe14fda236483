"""Reads about gifts: who a work is for, and which works a member was given, as a viewer may see them."""

from django.db.models import Exists, OuterRef

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.gifts.models import Gift

# Where Work.objects.for_listing() puts a work's shown gifts: one query for a whole listing.
SHOWN = "shown_gifts"


def page_annotations() -> dict:
    """Whether a work shows any gift, read with the work page's own query: most are nobody's gift."""
    return {"has_gifts": Exists(Gift.objects.shown().filter(work=OuterRef("pk")))}


def recipients_of(work) -> list[Gift]:
    """The gifts a work shows, refused ones left out; read from the listing's prefetch when it was made."""
    if hasattr(work, SHOWN):
        return getattr(work, SHOWN)
    if not getattr(work, "has_gifts", True):  # read with the work page's query (`page_annotations`)
        return []
    return list(work.gifts.shown().select_related("pseud__user"))


def gift_works(viewer, recipient, *, refused: bool = False):
    """The works given to this member (any of their pseuds) that the viewer may see listed, refused ones
    with `refused` (the recipient's own list, to accept one again). The recipient's own page is opened on
    purpose: their mutes do not hide a gift from them there, so they can still refuse it."""
    gifts = Gift.objects.filter(work=OuterRef("pk"), pseud__user=recipient, refused_at__isnull=not refused)
    works = works_for(viewer, Surface.LISTING, hide_muted=viewer != recipient)
    return works.filter(Exists(gifts))


def gifts_to(recipient, works) -> dict[int, Gift]:
    """The recipient's gift for each of these works, by work id, in one query: its refuse button's id."""
    gifts = Gift.objects.filter(work__in=[w.pk for w in works], pseud__user=recipient)
    return {gift.work_id: gift for gift in gifts}
