"""EPUB 3 with an NCX for older readers, metadata written the way FanFicFare writes it, so a Calibre
library (and FanFicFare's Calibre plugin) recognises and updates the book by its story URL."""

import io
from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from ebooklib import epub

from quire.exports.xhtml import to_xhtml as chapter_xhtml
from quire.works.languages import language_name

XHTML = "application/xhtml+xml"


def build(doc, progress=None) -> bytes:
    to_xhtml = partial(chapter_xhtml, site=doc.site)
    book = epub.EpubBook()
    book.set_identifier(f"quire-uid:{_host(doc.story_url)}-w{doc.work_id}")
    book.set_title(doc.title)
    book.set_language(doc.language)
    _add_creators(book, doc.authors)
    book.add_metadata("DC", "contributor", "Quire")
    book.add_metadata("DC", "identifier", f"URL:{doc.story_url}")
    book.add_metadata("DC", "source", doc.story_url)
    book.add_metadata("DC", "publisher", settings.SITE_NAME)  # as AO3 writes "Archive of Our Own"
    if doc.published:
        book.add_metadata("DC", "date", doc.published.isoformat())
    # Calibre shows the description as the book's comments: a gift says so first, as the title page does.
    gifted = f"<p>{escape(doc.for_line)}</p>" if doc.recipients else ""
    if doc.summary_html or gifted:
        book.add_metadata("DC", "description", gifted + to_xhtml(doc.summary_html))
    for subject in doc.subjects:
        book.add_metadata("DC", "subject", subject)
    if doc.series:
        name, position = doc.series
        book.add_prefix("calibre", "https://calibre-ebook.com")
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": name})
        book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": f"{position:.2f}"})

    style = epub.EpubItem(
        uid="style",
        file_name="style.css",
        media_type="text/css",
        content=render_to_string("exports/epub/style.css").encode(),
    )
    book.add_item(style)
    context = {"doc": doc, "language_name": language_name(doc.language)}
    title_page = _page(
        "title",
        "title.xhtml",
        "exports/epub/title.xhtml",
        {**context, "summary": to_xhtml(doc.summary_html), "notes": to_xhtml(doc.notes_html)},
    )
    book.add_item(title_page)
    nav = epub.EpubNav(title="Contents")
    nav.add_link(href="style.css", rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    spine = [title_page, nav]
    toc = [epub.Link("title.xhtml", "Title Page", "toc-title")]
    total = len(doc.chapters)
    for chapter in doc.chapters:
        name = f"chapter{chapter.number:04d}.xhtml"
        page = _page(
            f"chapter{chapter.number}",
            name,
            "exports/epub/chapter.xhtml",
            {
                **context,
                "chapter": chapter,
                "summary": to_xhtml(chapter.summary_html),
                "notes": to_xhtml(chapter.notes_html),
                "body": to_xhtml(chapter.body_html),
                "end_notes": to_xhtml(chapter.end_notes_html),
            },
        )
        book.add_item(page)
        spine.append(page)
        toc.append(epub.Link(name, chapter.heading, f"toc-chapter{chapter.number}"))
        if progress:
            progress(chapter.number, total)
    afterword = _page(
        "afterword",
        "afterword.xhtml",
        "exports/epub/afterword.xhtml",
        {**context, "end_notes": to_xhtml(doc.end_notes_html)},
    )
    book.add_item(afterword)
    spine.append(afterword)
    toc.append(epub.Link("afterword.xhtml", "Afterword", "toc-afterword"))
    book.toc = toc
    book.spine = spine
    out = io.BytesIO()
    # The modification time is the work's, so the same work always makes the same metadata.
    epub.write_epub(out, book, {"mtime": doc.modified, "raise_exceptions": True})
    return out.getvalue()


def _page(uid: str, file_name: str, template: str, context: dict):
    return epub.EpubItem(
        uid=uid, file_name=file_name, media_type=XHTML, content=render_to_string(template, context).encode()
    )


def _add_creators(book, authors: list[str]) -> None:
    """A dc:creator for each creator, with its sort name and role refined as EPUB 3 does (ebooklib's
    add_author gives every creator the same id, which would make two creators an invalid package)."""
    for number, author in enumerate(authors, start=1):
        uid = "creator" if number == 1 else f"creator{number}"
        book.add_metadata("DC", "creator", author, {"id": uid})
        book.add_metadata(None, "meta", author, {"refines": f"#{uid}", "property": "file-as"})
        book.add_metadata(
            None, "meta", "aut", {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"}
        )


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]
