import re
from urllib.parse import quote

UNSAFE_IN_FILENAME = re.compile(r"[^\w\- ]+")


def epub_filename(work) -> str:
    name = UNSAFE_IN_FILENAME.sub("", work.title).strip().replace(" ", "_")[:60] or "work"
    return f"{name}.epub"


def epub_path(work) -> str:
    """Where a work's EPUB downloads from: the exports app's address, /downloads/<id>/<Title>.epub.

    Stands in for quire.exports.naming.download_url(work, "epub") until the two apps meet.
    """
    return f"/downloads/{work.pk}/{quote(epub_filename(work))}"
