"""What the work page adds for a logged-in reader: "continue reading", "mark for later", and the tokens with which
the page itself records the visit."""

from dataclasses import dataclass

from quire.shelf.recording import keeps_history, opening_token, position_token
from quire.shelf.selectors import is_marked_for_later, reading_place
from quire.works.models import Chapter

NOTHING_READ_YET = 0.01


def resume_url(chapter, position: float) -> str:
    """The chapter, and where in it; the page scrolls there when JavaScript runs, else opens at the top."""
    url = chapter.get_absolute_url()
    return f"{url}?position={position:.3f}" if position >= NOTHING_READ_YET else url


@dataclass(frozen=True)
class ContinueReading:
    chapter: Chapter
    number: int
    position: float

    @property
    def url(self) -> str:
        return resume_url(self.chapter, self.position)

    @property
    def percent(self) -> int:
        return round(self.position * 100)


def shelf_context(request, work, chapters, shown, *, landing: bool) -> dict:
    """`chapters` are those this reader may see, so a place in a chapter deleted or unposted since is not offered.

    Writes nothing: the page reads the place its query carried (`selectors.viewer_annotations`), and the
    opening is recorded by the page's own beacon (position.js), or by the image in its <noscript> for a
    reader without JavaScript (`views.opened`)."""
    user = request.user
    if not user.is_authenticated or work.is_owned_by(user):
        return {}
    context = {"shelf": True, "marked_for_later": is_marked_for_later(user, work)}
    if not keeps_history(user, work):
        return context
    context["opened_token"] = opening_token(user, work.pk, shown[0].pk, landing=landing)
    for chapter in shown:
        chapter.position_token = position_token(user, work.pk, chapter.pk)
    if landing:
        place = reading_place(user, work)
        numbers = {chapter.pk: number for number, chapter in enumerate(chapters, start=1)}
        at_start = place.chapter_id == chapters[0].pk and place.position < NOTHING_READ_YET
        if place.chapter_id in numbers and not at_start:
            chapter = next(c for c in chapters if c.pk == place.chapter_id)
            context["continue_reading"] = ContinueReading(chapter, numbers[chapter.pk], place.position)
    return context
