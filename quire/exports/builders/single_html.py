"""One HTML file with the whole work, like AO3's HTML download: opens in any browser, offline."""

from django.template.loader import render_to_string

from quire.works.languages import language_name


def build(doc, progress=None) -> bytes:
    context = {"doc": doc, "language_name": language_name(doc.language)}
    content = render_to_string("exports/work.html", context).encode()
    if progress:
        progress(len(doc.chapters), len(doc.chapters))
    return content
