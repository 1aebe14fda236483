"""Reads that several pages share: a writer's own work, a work's chapters for its index, autosaves.
Which works and chapters a reader may see is decided in quire.access."""

from django.db.models import Case, F, Subquery, TextField, Value, When
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


FIRST = "first"
EVERY = "every"


def chapters_to_read(user, work: Work, shown) -> tuple[list[Chapter], list[Chapter]]:
    """The chapters this reader may see (as `visible_chapters`) and those the page shows with their text, in
    one query: `shown` is a chapter's id, FIRST (the first one this reader may see) or EVERY. Only the shown
    chapters' text is read (a 30-chapter work's index need not carry 30 texts). Returns ([], []) for a work
    with no chapter this reader may see, and (chapters, []) when the chapter asked for is not one of them."""
    rows = chapters_for(user, work)
    chapters = rows.defer("body", "summary", "notes", "end_notes")
    if shown != EVERY:
        if shown == FIRST:
            shown = Subquery(rows.order_by("position").values("pk")[:1])
        text = Case(When(pk=shown, then=F("body_html")), default=Value(None), output_field=TextField())
        chapters = chapters.defer("body_html").annotate(shown_body_html=text)
    chapters = list(chapters)
    for chapter in chapters:
        chapter.work = work  # a chapter's byline asks about its work: not once per chapter
    if shown == EVERY:
        return chapters, list(chapters)
    with_text = [chapter for chapter in chapters if chapter.shown_body_html is not None]
    for chapter in with_text:
        chapter.body_html = chapter.shown_body_html
    return chapters, with_text


def find_autosave(user, key: str) -> Autosave | None:
    return Autosave.objects.filter(user=user, key=key).first()


def show_as_posted(work: Work, chapters: list[Chapter]) -> None:
    """A draft's preview promises readers will see it exactly like this. A draft stores no totals (they count
    posted chapters), and posting it posts every chapter it has (services.post_work): those are its totals."""
    if work.is_draft:
        work.word_count = sum(chapter.word_count for chapter in chapters)
        work.chapter_count = len(chapters)
