"""Download addresses in AO3's shape: /downloads/<work id>/<Title>.<ext>."""

import re
import unicodedata

from django.urls import reverse

FORMATS = {
    "epub": ("EPUB", "application/epub+zip"),
    "html": ("HTML", "text/html; charset=utf-8"),
    "txt": ("TXT", "text/plain; charset=utf-8"),
    "pdf": ("PDF", "application/pdf"),
    # Where Calibre is installed (builders.offered_formats); the types Calibre's own content server sends.
    "azw3": ("AZW3", "application/x-mobi8-ebook"),
    "mobi": ("MOBI", "application/x-mobipocket-ebook"),
}
_UNSAFE = re.compile(r"[^\w \-]+", re.ASCII)
_SPACES = re.compile(r"[\s_]+")
FILENAME_MAX = 80


def safe_title(work) -> str:
    """The title as AO3 names its files: ASCII letters, digits, spaces and hyphens (spaces as underscores
    here, so links need no escaping); a title with nothing left becomes "Work <id>"."""
    ascii_title = unicodedata.normalize("NFKD", work.title).encode("ascii", "ignore").decode()
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("", ascii_title)).strip()
    if len(cleaned) > FILENAME_MAX:
        cleaned = cleaned[:FILENAME_MAX].rsplit(" ", 1)[0]
    if len(cleaned) < 3:
        cleaned = f"Work {work.pk}"
    return cleaned.replace(" ", "_")


def download_filename(work, ext: str) -> str:
    return f"{safe_title(work)}.{ext}"


def download_url(work, ext: str) -> str:
    if ext not in FORMATS:
        raise ValueError(f"Unknown download format {ext!r}")
    return reverse("exports:download", kwargs={"work_id": work.pk, "filename": download_filename(work, ext)})
