"""Reading a whole work out of an EPUB: one Quire made, one FanFicFare made, or one downloaded from AO3.

Each of them labels its notes in words (“Chapter Notes”, “Notes for the Chapter:”, “Author's Note:”) and
lists its tags on a title page; the reader below knows those words, and for other EPUBs takes every page of
text as a chapter. Hostile archives are refused by quire.works.importing.open_zip before anything is
inflated, and XML is parsed without entities, DTDs or network access.
"""

import copy
import html
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from lxml import etree
from lxml import html as lxml_html

from quire.works.enums import Category, Rating, Warning
from quire.works.importing import ImportError_, open_zip

MAX_ENTRIES = 5000
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # any one file, a cover image included
# A page of text: a chapter holds at most 510,000 characters, so a bigger page is not a chapter, and parsing
# one made of millions of tiny elements would hold the request for minutes.
MAX_PAGE_BYTES = 4 * 1024 * 1024
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False
)
_CHAPTER_NUMBER = re.compile(r"^\s*(?:chapter\s+\d+\s*(?:[:.\-–—]\s*|$)|\d+\s*[.:]\s+)", re.I)


@dataclass
class EpubChapter:
    title: str
    body: str
    summary: str = ""
    notes: str = ""
    end_notes: str = ""


@dataclass
class EpubWork:
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    language: str = ""
    rating: str = ""
    warnings: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    source_url: str = ""
    # Where it was first posted, and when: AO3's "Published:"/"Completed:", FanFicFare's and Quire's own.
    published: date | None = None
    updated: date | None = None
    series: str = ""
    series_position: int | None = None
    expected_chapters: int | None = None
    complete: bool = False
    chapters: list[EpubChapter] = field(default_factory=list)


# Title-page labels, lower case without the colon, as Quire, AO3 and FanFicFare write them.
_FIELDS = {
    "rating": "rating", "ratings": "rating",
    "archive warning": "warnings", "archive warnings": "warnings", "warning": "warnings", "warnings": "warnings",
    "category": "categories", "categories": "categories", "ao3 categories": "categories",
    "fandom": "fandoms", "fandoms": "fandoms",
    "relationship": "relationships", "relationships": "relationships", "ships": "relationships", "pairing": "relationships", "pairings": "relationships",
    "character": "characters", "characters": "characters",
    "additional tags": "additional_tags", "freeform tags": "additional_tags", "tags": "additional_tags", "genre": "additional_tags",
    "summary": "summary", "description": "summary",
    "notes": "notes",
    "chapters": "chapters", "stats": "chapters", "status": "status",
    "published": "published", "updated": "updated", "completed": "updated",
    "series": "series", "story url": "source_url",
}  # fmt: skip
_DAY = r"(\d{4}-\d{2}-\d{2})"
# AO3's "Stats:" line: "Published: 2024-01-02 Completed: 2024-02-03 Words: 30 Chapters: 2/2".
_STATS_PUBLISHED = re.compile(rf"Published:\s*{_DAY}", re.I)
_STATS_UPDATED = re.compile(rf"(?:Updated|Completed):\s*{_DAY}", re.I)
# "Part 2 of Road Trip Verse" (AO3, Quire; AO3 lists each series, comma-separated), "Road Trip Verse [2]"
# (FanFicFare).
_SERIES_PART = re.compile(r"Part\s+(\d+)\s+of\s+(.+?)(?:,\s*Part\s+\d+\s+of\s|$)", re.I | re.S)
_SERIES_BRACKET = re.compile(r"^(.+?)\s*\[(\d+)(?:\.0+)?\]\s*$", re.S)
# AO3's preface: "Posted originally on the Archive of Our Own at <a href=…>".
_POSTED_ORIGINALLY = re.compile(r"posted originally on", re.I)
_CHAPTERS_OF = re.compile(r"(?:chapters:\s*)?\d+\s*/\s*(\d+|\?)", re.I)
# FanFicFare puts an AO3 work's fandoms under "Category".
_FANFICFARE_FIELDS = {**_FIELDS, "category": "fandoms"}
_NOTE_LABELS = {
    "summary": "summary", "chapter summary": "summary", "summary for the chapter": "summary",
    "notes": "notes", "chapter notes": "notes", "notes for the chapter": "notes",
    "author's note": "work_notes", "author's notes": "work_notes", "author’s note": "work_notes",
    "end notes": "end_notes", "chapter end notes": "end_notes",
}  # fmt: skip


def read_epub(content: bytes) -> EpubWork:
    if len(content) > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ImportError_(f"That file is larger than {limit_mb} MB, the most Quire imports at once.")
    try:
        return _read(content)
    except ImportError_:
        raise
    # A damaged archive fails in many ways (bad checksums, unknown compression, encryption, odd XML).
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
        etree.LxmlError,
        ValueError,  # lxml's for a name or value it cannot hold, whatever the parser let through
    ) as error:
        raise ImportError_(
            "Quire could not read that .epub file; it may be damaged or protected (DRM)."
        ) from error


def _read(content: bytes) -> EpubWork:
    archive = open_zip(
        content, ".epub", max_entries=MAX_ENTRIES, max_expanded=MAX_EXPANDED_BYTES, max_entry=MAX_ENTRY_BYTES
    )
    names = set(archive.namelist())
    if "META-INF/container.xml" not in names:
        raise ImportError_(
            "That .epub file has no table of contents (META-INF/container.xml); it may be damaged."
        )
    container = _parse_xml(archive.read("META-INF/container.xml"))
    rootfile = next((e.get("full-path") for e in container.iter() if _local(e) == "rootfile"), None)
    opf_path = _inside(rootfile or "", names)
    package = _parse_xml(archive.read(opf_path))
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item.get("href", "")
        for item in package.iter()
        if _local(item) == "item" and item.get("id")
    }
    pages, seen = [], set()
    for ref in (e for e in package.iter() if _local(e) == "itemref"):
        href = manifest.get(ref.get("idref"), "")
        path = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
        # Each page once: a spine naming one large page thousands of times must cost no more than one.
        if (
            href
            and path in names
            and path not in seen
            and path.lower().endswith((".xhtml", ".html", ".htm", ".xml"))
        ):
            seen.add(path)
            if archive.getinfo(path).file_size > MAX_PAGE_BYTES:
                raise ImportError_(
                    "That .epub file has a page far longer than any chapter; Quire will not open it."
                )
            pages.append(_parse_page(archive.read(path)))
    work = _package_metadata(package)
    _read_pages(work, pages)
    if not work.chapters:
        raise ImportError_("That .epub file has no chapters with text in them.")
    return work


def _parse_xml(data: bytes):
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as error:
        raise ImportError_("That .epub file is damaged: part of it is not readable XML.") from error


def _parse_page(data: bytes):
    """An XHTML page with namespaces dropped, so Quire's, AO3's and FanFicFare's read alike."""
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        root = lxml_html.document_fromstring(data)  # HTML entities or sloppy markup: read it as HTML
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element):
            element.tag = _local(element)
            for name in [n for n in element.attrib if n.startswith("{")]:
                element.attrib[etree.QName(name).localname] = element.attrib.pop(name)
    etree.cleanup_namespaces(root)
    return root


def _local(element) -> str:
    """The tag without its namespace: "{uri}svg" from XML, and "svg:svg" from the HTML parser, which keeps
    the prefix (etree.QName refuses that name with a ValueError)."""
    return element.tag.rpartition("}")[2].rpartition(":")[2] if isinstance(element.tag, str) else ""


def _inside(path: str, names: set[str]) -> str:
    normal = posixpath.normpath(path)
    if not path or normal.startswith(("../", "/")) or normal not in names:
        raise ImportError_("That .epub file does not say where its contents are; it may be damaged.")
    return normal


def _package_metadata(package) -> EpubWork:
    work = EpubWork()
    for element in package.iter():
        name, text = _local(element), (element.text or "").strip()
        if not text:
            continue
        if name == "title" and not work.title:
            work.title = text
        elif name == "language" and not work.language:
            work.language = text.split("-")[0].lower()
        elif name == "description" and not work.summary:
            # FanFicFare and Calibre write HTML here, escaped or not.
            work.summary = text if "<" in text else f"<p>{html.escape(text)}</p>"
        elif name == "source" and not work.source_url:
            work.source_url = web_address(text)
        elif name == "date":
            event = next((v for k, v in element.attrib.items() if k.rpartition("}")[2] == "event"), "")
            if event in ("", "publication") and work.published is None:
                work.published = day_of(text)
            elif event == "modification":
                work.updated = day_of(text)
    metas = {e.get("name"): e.get("content") or "" for e in package.iter() if _local(e) == "meta"}
    if metas.get("calibre:series"):
        work.series = " ".join(metas["calibre:series"].split())
        work.series_position = _position(metas.get("calibre:series_index", ""))
    return work


def day_of(text: str) -> date | None:
    """The first YYYY-MM-DD in the text, if it is a real day."""
    match = re.search(_DAY, text or "")
    try:
        return date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None


def web_address(text: str) -> str:
    """An http(s) address as given, or "" (a javascript: or file: link is no place to send readers)."""
    text = (text or "").strip()
    return text if re.match(r"^https?://[^\s<>\"']+$", text, re.I) and len(text) <= 500 else ""


def _position(text: str) -> int | None:
    try:
        position = int(float(text))
    except ValueError:
        return None
    return position if 1 <= position <= 10_000 else None


def _read_pages(work: EpubWork, pages: list) -> None:
    chapters_seen = 0
    for page in pages:
        body = page.find(".//body")
        if body is None or _is_navigation(page):
            continue
        if _is_title_page(body):
            _read_title_page(work, body)
        elif _is_afterword(body):
            notes = _labelled_notes(body, None)
            work.end_notes = notes.get("end_notes") or notes.get("notes") or work.end_notes
        else:
            chapter = _read_chapter(body)
            if chapter is None:
                continue
            chapters_seen += 1
            notes = chapter.pop("work_notes", {})
            # FanFicFare moves a work's notes into its first chapter and its end notes into its last.
            if notes.get("head") and chapters_seen == 1:
                work.notes = work.notes or notes["head"]
            if notes.get("foot"):
                work.end_notes = notes["foot"]
            work.chapters.append(EpubChapter(**chapter))
    if work.complete and work.expected_chapters is None:
        work.expected_chapters = len(work.chapters)
    if len(work.chapters) == 1 and work.chapters[0].title == work.title:
        work.chapters[0].title = ""  # a one-chapter work's page is headed with the work's title


def _is_navigation(page) -> bool:
    return any(e.tag == "nav" and "toc" in (e.get("type") or "") for e in page.iter())


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _is_title_page(body) -> bool:
    if {"title-page", "fff_titlepage"} & _classes(body):
        return True
    return any(
        (e.tag == "section" and "titlepage" in (e.get("type") or "")) or (e.get("id") == "preface")
        for e in body.iter()
        if isinstance(e.tag, str)
    )


def _is_afterword(body) -> bool:
    return "afterword-page" in _classes(body) or any(
        e.get("id") == "afterword" or "afterword" in (e.get("type") or "")
        for e in body.iter()
        if isinstance(e.tag, str)
    )


def _read_title_page(work: EpubWork, body) -> None:
    fields = _FANFICFARE_FIELDS if "fff_titlepage" in _classes(body) else _FIELDS
    for key, value in _title_page_pairs(body, fields):
        if key in ("summary", "notes"):
            # AO3 and Quire put these under their own heading below; FanFicFare inline after the label.
            wrapped = [child for child in value if isinstance(child.tag, str)]
            if len(wrapped) == 1 and wrapped[0].tag == "div" and not (value.text or "").strip():
                value = wrapped[0]  # FanFicFare wraps the summary in <div class="userstuff">
            if _text(value).strip():
                setattr(work, key, _inner_html(value).strip())
        elif key == "rating":
            work.rating = _choice(Rating, _text(value)) or work.rating
        elif key == "chapters":
            # "2/3" (Quire), "Chapters: 2/3" among AO3's stats; FanFicFare writes only the count.
            if (match := _CHAPTERS_OF.search(_text(value))) and match.group(1).isdigit():
                work.expected_chapters = int(match.group(1))
            if match := _STATS_PUBLISHED.search(_text(value)):
                work.published = day_of(match.group(1)) or work.published
            if match := _STATS_UPDATED.search(_text(value)):
                work.updated = day_of(match.group(1)) or work.updated
        elif key in ("published", "updated"):
            setattr(work, key, day_of(_text(value)) or getattr(work, key))
        elif key == "series":
            _read_series(work, " ".join(_text(value).split()))
        elif key == "source_url":
            link = next(iter(value.iter("a")), None)
            work.source_url = web_address(link.get("href") if link is not None else _text(value))
        elif key == "status":
            work.complete = _text(value).strip().lower() in ("completed", "complete")
        elif key:
            names = _names(value)
            if key == "warnings":
                work.warnings = [c for c in (_choice(Warning, n) for n in names) if c]
            elif key == "categories":
                work.categories = [c for c in (_choice(Category, n) for n in names) if c]
            elif key == "additional_tags":
                # FanFicFare's "Genre" mixes AO3's categories into the freeform tags.
                work.categories += [
                    c for c in (_choice(Category, n) for n in names) if c and c not in work.categories
                ]
                work.additional_tags += [n for n in names if not _choice(Category, n)]
            else:
                setattr(work, key, names)
    notes = _labelled_notes(body, None)
    work.summary = notes.get("summary") or work.summary
    work.notes = notes.get("notes") or work.notes
    for message in body.iter("p"):
        if _POSTED_ORIGINALLY.search(_text(message)):
            links = [web_address(a.get("href", "")) for a in message.iter("a")]
            work.source_url = next((link for link in reversed(links) if link), work.source_url)


def _read_series(work: EpubWork, text: str) -> None:
    if match := _SERIES_PART.search(text):
        work.series, work.series_position = match.group(2).strip(), _position(match.group(1))
    elif match := _SERIES_BRACKET.match(text):
        work.series, work.series_position = match.group(1).strip(), _position(match.group(2))
    elif text:
        work.series, work.series_position = text, None


def _title_page_pairs(body, fields: dict):
    """(field, value element) from <dl><dt>Label:</dt><dd>…</dd> (Quire, AO3) or <b>Label:</b> value<br/>
    (FanFicFare)."""
    for dt in list(body.iter("dt")):
        dd = dt.getnext()
        if dd is not None and dd.tag == "dd" and _label(dt) in fields:
            yield fields[_label(dt)], dd
    for bold in list(body.iter("b")):
        if (
            _label(bold) in fields
            and bold.getparent() is not None
            and bold.getparent().tag in ("div", "p", "body")
        ):
            yield fields[_label(bold)], _value_after(bold)


def _value_after(label):
    """Everything after a <b>Label:</b> up to the next <br/>, gathered in a <span>."""
    span = etree.Element("span")
    span.text = label.tail
    sibling = label.getnext()
    while sibling is not None and sibling.tag not in ("br", "b"):
        following = sibling.getnext()
        span.append(sibling)
        sibling = following
    return span


def _read_chapter(body) -> dict | None:
    # AO3 wraps all its chapters in <div id="chapters" class="userstuff">; each chapter's text is a
    # userstuff box inside it.
    text_box = next(
        (e for e in body.iter("div") if "userstuff" in _classes(e) and e.get("id") != "chapters"), None
    )
    heading = next((e for e in body.iter("h1", "h2", "h3") if e.text or len(e)), None)
    notes = _labelled_notes(body, text_box)
    if text_box is None:
        # Some other maker's EPUB: the page minus its heading is the chapter.
        text_box = body
        for element in [heading, *notes.pop("_elements", [])]:
            if element is not None and element.getparent() is not None:
                element.getparent().remove(element)
    notes.pop("_elements", None)
    body_html = _inner_html(text_box).strip()
    if not _text(text_box).strip():
        return None
    title = _CHAPTER_NUMBER.sub("", _text(heading)).strip() if heading is not None else ""
    work_notes = {"head": notes.pop("work_notes_head", ""), "foot": notes.pop("work_notes_foot", "")}
    return {
        "title": title,
        "body": body_html,
        "summary": notes.get("summary", ""),
        "notes": notes.get("notes", ""),
        "end_notes": notes.get("end_notes", ""),
        "work_notes": work_notes,
    }


def _labelled_notes(body, text_box) -> dict:
    """Notes found as a label (“Chapter Notes”, <b>Notes for the Chapter:</b>, …) followed by a
    blockquote; those after the chapter text are its end notes."""
    found: dict = {"_elements": []}
    order = {element: index for index, element in enumerate(body.iter())}
    text_at = order.get(text_box, -1)
    inside_text = set(text_box.iter()) if text_box is not None else set()
    for label in body.iter("p", "b", "h2", "h3", "h4", "strong"):
        if label in inside_text:
            continue
        kind = _NOTE_LABELS.get(_label(label))
        quote = label.getnext()
        if not kind or quote is None or quote.tag not in ("blockquote", "div"):
            continue
        if "endnote-link" in _classes(quote):  # AO3's "See the end of the chapter for notes"
            continue
        after_text = text_box is not None and order.get(label, 0) > text_at
        if kind == "work_notes":
            kind = "work_notes_foot" if after_text else "work_notes_head"
        elif kind == "notes" and after_text:
            kind = "end_notes"
        found.setdefault(kind, _inner_html(quote).strip())
        found["_elements"] += [label, quote]
    return found


def _label(element) -> str:
    return " ".join(_text(element).split()).rstrip(":").strip().lower()


def _text(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _names(element) -> list[str]:
    links = [" ".join(_text(a).split()) for a in element.iter("a")]
    names = links or [part for part in _text(element).split(",")]
    return [" ".join(n.split()) for n in names if n.strip()]


def _choice(enum, label: str) -> str:
    wanted = " ".join(label.split()).lower()
    return next((member.value for member in enum if wanted in (member.label.lower(), member.value)), "")


def _inner_html(element) -> str:
    parts = [html.escape(element.text, quote=False)] if element.text else []
    for child in element:
        parts.append(etree.tostring(child, method="html", encoding="unicode", with_tail=True))
    return "".join(parts)


# --- A whole work in one HTML file: AO3's download, Quire's own, FanFicFare's -------------------------


def read_html_work(content: bytes) -> EpubWork:
    """A downloaded work's HTML file read as its EPUB would be: its preface as the title page, each chapter
    as a page, its afterword. AO3 and Quire mark them <div id="preface">, <div id="chapters">, <div
    id="afterword">; FanFicFare gives a table of labels and starts each chapter at <a name="section0001">."""
    if len(content) > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ImportError_(f"That file is larger than {limit_mb} MB, the most Quire imports at once.")
    try:
        root = lxml_html.document_fromstring(content)
    except (etree.LxmlError, ValueError) as error:
        raise ImportError_("Quire could not read that HTML file; it may be damaged.") from error
    body = root.find(".//body")
    if body is None:
        raise ImportError_("That HTML file has no text in it.")
    pages = _fanficfare_pages(body) if body.find(".//div[@id='preface']") is None else _archive_pages(body)
    if not pages:
        raise ImportError_(
            "That HTML file is not a whole work as AO3, FanFicFare or Quire download one. "
            "Import it as a chapter from “Post new work” instead."
        )
    work = EpubWork()
    for meta in root.iter("meta"):  # Quire's download names its dates and series in its head
        name, value = (meta.get("name") or "").lower(), meta.get("content") or ""
        if name == "dcterms.issued":
            work.published = day_of(value)
        elif name == "dcterms.modified":
            work.updated = day_of(value)
        elif name == "series":
            work.series = " ".join(value.split())
        elif name == "series_index":
            work.series_position = _position(value)
    # The <h1>, not the <title>, which adds " by writer" (FanFicFare) or the fandom (AO3); FanFicFare's <h1>
    # adds the writer too, after its link to the work.
    heading = next((h for h in body.iter("h1") if _text(h).strip()), None)
    if heading is not None:
        link = heading.find(".//a") if "preface" not in _ancestor_ids(heading) else None
        work.title = " ".join(_text(link if link is not None else heading).split())
    _read_pages(work, pages)
    if not work.chapters:
        raise ImportError_("That HTML file has no chapters with text in them.")
    return work


def _ancestor_ids(element) -> set[str]:
    return {e.get("id") for e in element.iterancestors() if e.get("id")}


def _page(elements, body_class: str = ""):
    """A page of its own (as an EPUB has) holding copies of these elements."""
    page = etree.Element("html")
    body = etree.SubElement(page, "body")
    if body_class:
        body.set("class", body_class)
    for element in elements:
        copied = copy.deepcopy(element)
        copied.tail = None
        body.append(copied)
    return page


def _archive_pages(body) -> list:
    """AO3's and Quire's: the preface, each chapter (AO3: its "meta" heading block, its text and its end
    notes; Quire: a <section>), the afterword."""
    pages = [_page([body.find(".//div[@id='preface']")])]
    chapters_box = body.find(".//div[@id='chapters']")
    groups: list[list] = []
    for child in chapters_box if chapters_box is not None else []:
        if not isinstance(child.tag, str):
            continue
        classes, starts_endnotes = _classes(child), (child.get("id") or "").startswith("endnotes")
        has_heading = child.find(".//h2") is not None or child.find(".//h3") is not None
        opens_chapter = child.tag == "section" or ("meta" in classes and has_heading and not starts_endnotes)
        # A one-chapter work on AO3 is its text alone, with no heading block before it.
        lone_text = "userstuff" in classes and (not groups or _has_text_box(groups[-1]))
        if opens_chapter or lone_text:
            groups.append([child])
        elif groups:
            groups[-1].append(child)
    pages += [_page(group) for group in groups]
    if (afterword := body.find(".//div[@id='afterword']")) is not None:
        pages.append(_page([afterword]))
    return pages


def _has_text_box(group: list) -> bool:
    return any("userstuff" in _classes(e) and e.tag == "div" for element in group for e in element.iter())


def _fanficfare_pages(body) -> list:
    """FanFicFare's HTML: a table of <b>Label:</b> rows, then each chapter from its <a name="section…">."""
    starts = [a for a in body.iter("a") if (a.get("name") or "").startswith("section")]
    if not starts:
        return []
    title_rows = []
    for row in body.iter("tr"):
        cells = [cell for cell in row if cell.tag == "td"]
        if len(cells) == 2 and cells[0].find(".//b") is not None:
            line = etree.Element("div")
            label = etree.SubElement(line, "b")
            label.text = _text(cells[0]).strip()
            label.tail = cells[1].text
            for part in cells[1]:
                line.append(copy.deepcopy(part))
            title_rows.append(line)
    pages = [_page(title_rows, "fff_titlepage")]
    heading = next((h for h in body.iter("h1") if h.find(".//a") is not None), None)
    if heading is not None and (link := web_address(heading.find(".//a").get("href", ""))):
        source = etree.Element("p")
        source.text = "Posted originally on "
        anchor = etree.SubElement(source, "a", href=link)
        anchor.text = link
        pages[0].find("body").append(source)
    siblings = list(starts[0].getparent())
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else None
        chapter_heading = etree.Element("h2")
        chapter_heading.text = _text(start).strip()
        group, inside = [chapter_heading], False
        for element in siblings:
            if element is start:
                inside = True
            elif element is following:
                break
            elif inside and isinstance(element.tag, str):
                group.append(element)
        pages.append(_page(group, "fff_chapter"))
    return pages
