"""Reads that several pages share: a writer's own work, a work's chapters for its index, autosaves.
Which works and chapters a reader may see is decided in quire.access."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from quire.access.reading import chapters_for
from quire.works.models import Autosave, Chapter, Work


def get_own_work(user, work_id: int) -> Work:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Work.objects.for_listing(), pk=work_id, author=user)


def visible_chapters(user, work: Work) -> list[Chapter]:
    """Without the bodies: enough for the index, the navigation and the chapter numbers."""
    return list(chapters_for(user, work).defer("body", "body_html", "summary", "notes", "end_notes"))


def find_autosave(user, key: str) -> Autosave | None:
    return Autosave.objects.filter(user=user, key=key).first()
