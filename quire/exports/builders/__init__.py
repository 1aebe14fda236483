"""One small module per download format; each turns an ExportDocument into the file's bytes."""

from collections.abc import Callable

from quire.exports.builders import epub, pdf, plain, single_html

# progress(done, total) is called as chapters are written, so a background build can report how far it is.
Progress = Callable[[int, int], None]

BUILDERS = {
    "epub": epub.build,
    "html": single_html.build,
    "txt": plain.build,
    "pdf": pdf.build,
}
