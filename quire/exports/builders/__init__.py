"""One small module per download format; each turns an ExportDocument into the file's bytes."""

from collections.abc import Callable

from quire.exports.builders import epub, kindle, pdf, plain, single_html
from quire.exports.naming import FORMATS

# progress(done, total) is called as chapters are written, so a background build can report how far it is.
Progress = Callable[[int, int], None]

BUILDERS = {
    "epub": epub.build,
    "html": single_html.build,
    "txt": plain.build,
    "pdf": pdf.build,
    "azw3": kindle.build_azw3,
    "mobi": kindle.build_mobi,
}
# Converted by Calibre: seconds of work however short the work, so always the worker's, never the request's.
CONVERTED = frozenset(kindle.FORMATS)


def offered_formats() -> list[str]:
    """The formats this archive can build, in the download menu's order: the Kindle ones only where Calibre
    is installed."""
    calibre = kindle.available()
    return [fmt for fmt in FORMATS if fmt not in CONVERTED or calibre]
