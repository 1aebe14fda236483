"""Reads that several pages share: a writer's own work, a work's chapters for its index, autosaves.
Which works and chapters a reader may see is decided in quire.access."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from quire.access.reading import chapters_for
from quire.creators.selectors import credited_work_ids
from quire.works.models import Autosave, Chapter, Work


def get_own_work(user, work_id: int) -> Work:
    if not user.is_authenticated:
        raise Http404
    # Any accepted creator's own (quire.creators): each of them edits it, reads its stats and moderates it.
    return get_object_or_404(
        Work.objects.for_listing().filter(pk__in=credited_work_ids(user=user)), pk=work_id
    )


def visible_chapters(user, work: Work) -> list[Chapter]:
    """Without the bodies: enough for the index, the navigation and the chapter numbers."""
    return list(chapters_for(user, work).defer("body", "body_html", "summary", "notes", "end_notes"))


def find_autosave(user, key: str) -> Autosave | None:
    return Autosave.objects.filter(user=user, key=key).first()


def show_as_posted(work: Work, chapters: list[Chapter]) -> None:
    """A draft's preview promises readers will see it exactly like this. A draft stores no totals (they count
    posted chapters), and posting it posts every chapter it has (services.post_work): those are its totals."""
    if work.is_draft:
        work.word_count = sum(chapter.word_count for chapter in chapters)
        work.chapter_count = len(chapters)
