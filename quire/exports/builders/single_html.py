"""One HTML file with the whole work, like AO3's HTML download: opens in any browser, offline, and converts
with Calibre (`ebook-convert work.html work.epub`) keeping its details and one contents entry per chapter."""

from dataclasses import replace
from html import escape
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from lxml import html

from quire.exports.builders.plain import html_to_plain
from quire.works.languages import language_name


def build(doc, progress=None) -> bytes:
    doc = _offline(doc)
    context = {
        "doc": doc,
        "language_name": language_name(doc.language),
        "summary_text": html_to_plain(doc.summary_html),
        "publisher": settings.SITE_NAME,
    }
    content = render_to_string("exports/work.html", context).encode()
    if progress:
        progress(len(doc.chapters), len(doc.chapters))
    return content


def _offline(doc):
    """The document with its links made to work in a file saved away from the site: links to the site's
    pages become absolute, and links to an anchor the file does not hold lose their address. A converter
    lists every link within the file in its table of contents (Calibre does, for works under six chapters),
    so only the writers' real footnotes stay."""
    anchors = set()
    for fragment in _fragments(doc):
        if "name=" in fragment:
            anchors.update(html.fragment_fromstring(fragment, create_parent="div").xpath("//a/@name"))

    def offline(fragment: str) -> str:
        if "href" not in fragment:
            return fragment
        root = html.fragment_fromstring(fragment, create_parent="div")
        for link in root.iter("a"):
            href = link.get("href")
            if href is None:
                continue
            if href.startswith("#"):
                if href[1:] not in anchors:
                    del link.attrib["href"]
                    link.attrib.pop("rel", None)  # only a link may have one
            elif not href.lower().startswith(("http:", "https:", "mailto:")):
                link.set("href", urljoin(doc.site + "/", href))
        text = escape(root.text, quote=False) if root.text else ""
        return text + "".join(html.tostring(child, encoding="unicode") for child in root)

    return replace(
        doc,
        summary_html=offline(doc.summary_html),
        notes_html=offline(doc.notes_html),
        end_notes_html=offline(doc.end_notes_html),
        chapters=[
            replace(
                chapter,
                summary_html=offline(chapter.summary_html),
                notes_html=offline(chapter.notes_html),
                body_html=offline(chapter.body_html),
                end_notes_html=offline(chapter.end_notes_html),
            )
            for chapter in doc.chapters
        ],
    )


def _fragments(doc):
    yield from (doc.summary_html, doc.notes_html, doc.end_notes_html)
    for chapter in doc.chapters:
        yield from (chapter.summary_html, chapter.notes_html, chapter.body_html, chapter.end_notes_html)
