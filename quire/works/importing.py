"""Reading a chapter written elsewhere: .txt, .html, .md or .docx, with the author's note split off.
(A whole work from an .epub: quire/exports/epub_reader.py, with the same zip checks.)

Fan writers open a chapter with a note ("A/N: ...", "Author's Introduction: ...") and sometimes close with
one; on Quire those belong in the chapter's notes, not its text.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import mammoth
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml_safely
from django.conf import settings

from quire.core.text import TextFormat

_NOTE_LABEL = re.compile(
    r"^\s*(?:<p[^>]*>\s*)?(?:<(?:strong|b|em|i)>\s*)?"
    r"(?P<label>A/N|A\.N\.|AN|Author[’']?s?[’']? ?(?:Notes?|Introduction|Intro)|Authors? Notes?|Notes?|Disclaimer|Intro)"
    r"\s*(?:</(?:strong|b|em|i)>\s*)?[:\-–—]\s*(?:</(?:strong|b|em|i)>\s*)?",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A chapter file often opens with its heading: "Chapter Two: The Road", "Ch. 3 - Home", "Prologue",
# "Epilogue: After". On Quire the heading is the chapter's title (the number is its position), not its text.
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_CHAPTER_NUMBER = rf"(?:\d+|[ivxlc]+|(?:{_TENS})(?:[- ]?(?:{_NUMBER_WORDS}))?|{_NUMBER_WORDS}|hundred)"
_SEPARATOR = r"\s*[:.\-–—|]\s*"  # punctuation: "Part one of her plan failed." is a sentence
_HEADING = re.compile(
    rf"(?:chapter|chap\.?|ch\.?|part)\s*{_CHAPTER_NUMBER}(?:{_SEPARATOR}(?P<title>.*))?"
    rf"|(?P<named>(?:prologue|epilogue|interlude|afterword|foreword)\b.*)",
    re.IGNORECASE,
)
HEADING_MAX_CHARS = 120
_TAG = re.compile(r"<[^<>]*>")
# An author's note at the end may run over a few paragraphs; one starting this near the end closes the chapter.
END_NOTE_WITHIN_LAST = 3
# Opening and closing tags are found separately, each search going on from where the last one ended: one
# pattern spanning "<p ...>...</p>" (or <body>, <title>) restarted its scan to the end of the file at every
# unclosed opening, so 60 KB of "<p>" took 6.8 s and 200 KB over 30 s. A tag cannot contain "<", which
# keeps the opening-tag pattern from rescanning too.
_HTML_PARAGRAPH_OPEN = re.compile(r"<p\b[^<>]*>", re.IGNORECASE)
_HTML_PARAGRAPH_CLOSE = re.compile(r"</p>", re.IGNORECASE)
_HTML_BODY_OPEN = re.compile(r"<body\b[^<>]*>", re.IGNORECASE)
_HTML_BODY_CLOSE = re.compile(r"</body>", re.IGNORECASE)
_HTML_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_HTML_TITLE_CLOSE = re.compile(r"</title>", re.IGNORECASE)
# mammoth converts about 65 us per empty paragraph and 165 us per paragraph of text: 200,000 empty ones took
# 29 s. A chapter has hundreds of paragraphs; a novel a few thousand.
DOCX_MAX_PARAGRAPHS = 10_000
_DOCX_PARAGRAPH = re.compile(rb"<w:p[\s/>]")

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_EXPANDED_BYTES = 200 * 1024 * 1024


class ImportError_(ValueError):
    """A file Quire cannot read; the message is meant for the writer."""


@dataclass
class ImportedChapter:
    body: str
    text_format: str
    notes: str = ""
    end_notes: str = ""
    title: str = ""  # the chapter's heading ("Chapter Two: The Road" gives "The Road")
    document_title: str = ""  # an HTML file's <title>: a title for a new work


def read_file(name: str, content: bytes) -> ImportedChapter:
    suffix = PurePath(name).suffix.lower()
    if len(content) > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ImportError_(f"That file is larger than {limit_mb} MB, the most Quire imports at once.")
    if suffix == ".docx":
        text, text_format = _docx_to_html(content), TextFormat.RICH
    elif suffix in (".html", ".htm"):
        text, text_format = _decode(content), TextFormat.RICH
    elif suffix in (".md", ".markdown"):
        text, text_format = _decode(content), TextFormat.MARKDOWN
    elif suffix == ".txt":
        text, text_format = _decode(content), TextFormat.PLAIN
    elif suffix == ".epub":
        raise ImportError_(
            "An .epub holds a whole work: import it from “Post new work”, where it becomes a draft with all its chapters."
        )
    else:
        raise ImportError_("Quire can import .txt, .html, .md, .docx and .epub files.")
    title = ""
    if text_format == TextFormat.RICH:
        if (inner := _inside(text, _HTML_TITLE_OPEN, _HTML_TITLE_CLOSE, last=False)) is not None:
            title = re.sub(r"\s+", " ", inner).strip()
        if (inner := _inside(text, _HTML_BODY_OPEN, _HTML_BODY_CLOSE, last=True)) is not None:
            text = inner
    chapter = split_notes(text, text_format)
    chapter.document_title = title
    if not chapter.body.strip():
        raise ImportError_("That file has no text to import.")
    return chapter


def _inside(text: str, opening: re.Pattern, closing: re.Pattern, *, last: bool) -> str | None:
    """What lies between the first opening tag and the first (or `last`) closing tag after it."""
    start = opening.search(text)
    if start is None:
        return None
    ends = closing.finditer(text, start.end())
    end = next(ends, None)
    if last:
        for end in ends:  # noqa: B007 -- the loop only finds the last one
            pass
    return None if end is None else text[start.end() : end.start()]


def _html_blocks(text: str) -> list[str]:
    """The text cut around each <p>...</p>: paragraphs and what lies between them, in order."""
    blocks, done = [], 0
    while start := _HTML_PARAGRAPH_OPEN.search(text, done):
        end = _HTML_PARAGRAPH_CLOSE.search(text, start.end())
        if end is None:  # no later paragraph can close either
            break
        blocks += [text[done : start.start()], text[start.start() : end.end()]]
        done = end.end()
    return [*blocks, text[done:]]


def split_notes(text: str, text_format: str) -> ImportedChapter:
    """Move a leading (and a trailing) author's note out of the text into the chapter's notes."""
    if text_format == TextFormat.RICH:
        blocks = _html_blocks(text.strip())
        joiner = ""
    else:
        blocks = _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n").strip())
        joiner = "\n\n"
    blocks = [b for b in blocks if b.strip()]
    title = notes = end_notes = ""
    if len(blocks) > 1 and (heading := _heading(blocks[0])) is not None:
        title = heading
        blocks.pop(0)
    if len(blocks) > 1 and _NOTE_LABEL.match(blocks[0]):
        notes = _strip_label(blocks.pop(0))
    for at in range(len(blocks) - 1, max(0, len(blocks) - END_NOTE_WITHIN_LAST) - 1, -1):
        if at > 0 and _NOTE_LABEL.match(blocks[at]):
            end_notes = joiner.join([_strip_label(blocks[at]), *blocks[at + 1 :]]).strip()
            del blocks[at:]
            break
    return ImportedChapter(
        body=joiner.join(blocks).strip(),
        text_format=text_format,
        notes=notes,
        end_notes=end_notes,
        title=title,
    )


def _heading(block: str) -> str | None:
    """The chapter title a heading block gives ("" for a bare "Chapter 5"), or None if it is not one."""
    if len(block) > 4 * HEADING_MAX_CHARS:  # a long first paragraph is text; do not scan it
        return None
    text = re.sub(r"\s+", " ", _TAG.sub(" ", block)).strip().strip("#*_ ").strip()
    if len(text) > HEADING_MAX_CHARS or not (match := _HEADING.fullmatch(text)):
        return None
    return (match.group("named") or match.group("title") or "").strip()


def _strip_label(block: str) -> str:
    match = _NOTE_LABEL.match(block)
    opening = re.match(r"\s*(<p[^>]*>)", block)
    rest = block[match.end() :]
    return ((opening.group(1) if opening else "") + rest).strip()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def open_zip(
    content: bytes,
    kind: str,
    *,
    max_entries: int = MAX_ZIP_ENTRIES,
    max_expanded: int = MAX_ZIP_EXPANDED_BYTES,
    max_entry: int | None = None,
) -> zipfile.ZipFile:
    """A zipped document (.docx, .epub), opened only if its directory promises a sane size and safe paths.

    Checked from the zip's central directory before anything is decompressed, so zip bombs, huge entries
    and path tricks cost nothing; zipfile then never inflates an entry past the size its directory
    declares, so the checked sizes hold. `kind` (".docx") names the file in the writer-facing messages."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise ImportError_(f"That {kind} file is damaged or is not really a {kind} file.") from error
    entries = archive.infolist()
    if len(entries) > max_entries or sum(e.file_size for e in entries) > max_expanded:
        raise ImportError_(
            f"That {kind} file expands to far more than a work could hold; Quire will not open it."
        )
    if max_entry is not None and any(e.file_size > max_entry for e in entries):
        raise ImportError_(
            f"That {kind} file has a part far larger than any chapter; Quire will not open it."
        )
    for entry in entries:
        parts = PurePath(entry.filename.replace("\\", "/")).parts
        if entry.filename.startswith(("/", "\\")) or ".." in parts or ":" in entry.filename:
            raise ImportError_(f"That {kind} file contains unsafe paths; Quire will not open it.")
    return archive


def check_xml_entries(archive: zipfile.ZipFile, kind: str) -> None:
    """Refuse XML with a DTD or entities (external entities, billion laughs) before any parser sees it."""
    for entry in archive.infolist():
        if entry.filename.lower().endswith((".xml", ".rels", ".opf", ".ncx", ".xhtml", ".htm", ".html")):
            try:
                parse_xml_safely(archive.read(entry), forbid_dtd=True)
            except DefusedXmlException as error:
                raise ImportError_(
                    f"That {kind} file contains XML declarations Quire does not accept; Quire will not open it."
                ) from error
            except Exception:  # malformed XML: the converter reports it below in the writer's words
                continue


def _docx_to_html(content: bytes) -> str:
    archive = open_zip(content, ".docx")
    if "word/document.xml" not in archive.namelist():
        raise ImportError_("That .docx file has no document in it.")
    paragraphs = len(_DOCX_PARAGRAPH.findall(archive.read("word/document.xml")))  # counted, not parsed
    if paragraphs > DOCX_MAX_PARAGRAPHS:
        raise ImportError_(
            f"That .docx file has {paragraphs:,} paragraphs; Quire imports a chapter of at most "
            f"{DOCX_MAX_PARAGRAPHS:,}. Remove the empty ones, or split it into chapters."
        )
    check_xml_entries(archive, ".docx")
    try:
        result = mammoth.convert_to_html(io.BytesIO(content))
    except Exception as error:  # mammoth raises many kinds on malformed XML; all mean the same to a writer
        raise ImportError_(
            "Quire could not read that .docx file. Try saving it again from your word processor."
        ) from error
    return result.value
