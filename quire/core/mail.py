"""What every email the archive sends has in common."""

from django.conf import settings

from quire.core.text import single_line

# RFC 5322 asks for lines under 78 characters; a long subject is folded by Django, but a reader's mail app
# shows the first 100 or so anyway, and a 5,000-character one was a chapter title pasted by mistake.
SUBJECT_MAX = 200


def subject_line(text: str) -> str:
    """The subject of an email about `text`: the site's name first, and always one line, since a line break
    in a header makes Django refuse the whole email (BadHeaderError). Titles stored before input was made
    single-line may still hold one."""
    return f"[{settings.SITE_NAME}] {single_line(text)}"[:SUBJECT_MAX]
