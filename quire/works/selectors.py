"""Reads that several pages share: a work as a reader may see it, and its chapters."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from quire.moderation.models import MODERATE
from quire.works.models import Autosave, Chapter, Work


def get_visible_work(user, work_id: int) -> Work:
    """The work, if this reader may see it; 404 otherwise so drafts and restricted works stay unknown.
    Moderators also reach posted works a moderator hid, to review them."""
    work = Work.objects.visible_to(user).for_listing().filter(pk=work_id).first()
    if work is None and user.has_perm(MODERATE):
        work = Work.objects.filter(posted_at__isnull=False).for_listing().filter(pk=work_id).first()
    if work is None:
        raise Http404
    return work


def get_own_work(user, work_id: int) -> Work:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Work.objects.for_listing(), pk=work_id, author=user)


def visible_chapters(user, work: Work) -> list[Chapter]:
    """Without the bodies: enough for the index, the navigation and the chapter numbers."""
    return list(
        Chapter.objects.visible_to(user, work).defer("body", "body_html", "summary", "notes", "end_notes")
    )


def find_autosave(user, key: str) -> Autosave | None:
    return Autosave.objects.filter(user=user, key=key).first()
