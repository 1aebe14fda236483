"""PDF with ReportLab: pure Python from PyPI (no system libraries), and it ships the Bitstream Vera fonts,
so curly quotes, dashes and accented letters print in any fresh install. Debian's DejaVu (Vera's wider
descendant: Greek, Cyrillic and more) is used where it is installed, and the fonts pdf_text finds for other
scripts (CJK, Hangul, Hebrew, Arabic, emoji) where they are."""

import html
import io
import re
from pathlib import Path

import reportlab
from lxml import html as lxml_html
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from quire.exports.builders.pdf_text import escape as escape_for_pdf
from quire.exports.builders.pdf_text import layout, with_fonts
from quire.works.languages import language_name

FONT = "QuireSerif"
_FONT_CHOICES = [
    (Path("/usr/share/fonts/truetype/dejavu"), ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic")),
    (Path(reportlab.__file__).parent / "fonts", ("Vera", "VeraBd", "VeraIt", "VeraBI")),
]  # fmt: skip
_INLINE = {
    "b": "b", "strong": "b", "i": "i", "em": "i", "cite": "i", "var": "i", "dfn": "i",
    "u": "u", "ins": "u", "s": "strike", "strike": "strike", "del": "strike", "sup": "super", "sub": "sub",
}  # fmt: skip
# ReportLab lays out a paragraph again from its start for each page it spills onto, so one huge paragraph costs
# the square of its length: a 60,000-word work without blank lines took 18 s. Laid out in pieces of this many
# characters of markup (a page holds about 2,500), each piece costs the same whatever the paragraph's length.
PIECE = 1_000
_MARKUP_TAG = re.compile(r"(<[^<>]*>)")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "hr",
           "table", "tr", "dl", "dt", "dd", "center", "details", "summary", "figure", "figcaption", "address"}  # fmt: skip


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder, names = next((f, n) for f, n in _FONT_CHOICES if (f / f"{n[0]}.ttf").exists())
    faces = [FONT, f"{FONT}-Bold", f"{FONT}-Italic", f"{FONT}-BoldItalic"]
    for face, name in zip(faces, names, strict=True):
        pdfmetrics.registerFont(TTFont(face, str(folder / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=faces[0], bold=faces[1], italic=faces[2], boldItalic=faces[3])


def _styles() -> dict:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=6)
    return {
        "body": body,
        "quote": ParagraphStyle("quote", parent=body, leftIndent=8 * mm),
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=25, alignment=TA_CENTER, spaceAfter=8),
        "byline": ParagraphStyle("byline", parent=body, alignment=TA_CENTER, spaceAfter=14),
        "chapter": ParagraphStyle("chapter", parent=body, fontSize=15, leading=19, alignment=TA_CENTER, spaceBefore=6, spaceAfter=14),
        "label": ParagraphStyle("label", parent=body, fontName=f"{FONT}-Bold", spaceBefore=8, spaceAfter=3),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9.5, leading=13, spaceAfter=2),
    }  # fmt: skip


def build(doc, progress=None) -> bytes:
    _register_fonts()
    styles = _styles()
    story = [
        *_paragraphs(_text(doc.title), styles["title"]),
        *_paragraphs("by " + _text(", ".join(doc.authors)), styles["byline"]),
        *(_paragraphs(_text(doc.for_line), styles["byline"]) if doc.recipients else []),
    ]
    language = language_name(doc.language)
    for label, value in [
        ("Rating", doc.rating),
        ("Archive Warnings", ", ".join(doc.warnings)),
        ("Categories", ", ".join(doc.categories)),
        ("Fandoms", ", ".join(doc.fandoms)),
        ("Relationships", ", ".join(doc.relationships)),
        ("Characters", ", ".join(doc.characters)),
        ("Additional Tags", ", ".join(doc.additional_tags)),
        ("Language", language),
        ("Status", doc.status),
        ("Published", doc.published.isoformat() if doc.published else ""),
        ("Updated", doc.updated.isoformat()),
        ("Words", str(doc.words)),
        ("Chapters", doc.chapters_display),
    ]:
        if value:
            story += _paragraphs(f"<b>{label}:</b> {_text(value)}", styles["meta"])
    for line in doc.related:
        named = f"{_text(line.title)} by {_text(line.creator)}"
        if line.url:
            named = f'<a href="{html.escape(line.url, quote=True)}" color="blue">{_text(line.title)}</a> by {_text(line.creator)}'
        story.append(Paragraph(f"<b>{_text(line.label)}:</b> {named}", styles["meta"]))
    link = f'<a href="{html.escape(doc.story_url, quote=True)}" color="blue">{_text(doc.story_url)}</a>'
    story.append(Paragraph(f"<b>Story URL:</b> {link}", styles["meta"]))
    for label, fragment in (("Summary", doc.summary_html), ("Notes", doc.notes_html)):
        if fragment:
            story += [Paragraph(label, styles["label"]), *_flowables(fragment, styles, quoted=True)]
    for chapter in doc.chapters:
        story += [PageBreak(), *_paragraphs(_text(chapter.heading), styles["chapter"])]
        for label, fragment in (
            ("Chapter Summary", chapter.summary_html),
            ("Chapter Notes", chapter.notes_html),
        ):
            if fragment:
                story += [Paragraph(label, styles["label"]), *_flowables(fragment, styles, quoted=True)]
        story += _flowables(chapter.body_html, styles)
        if chapter.end_notes_html:
            story += [Spacer(1, 8), Paragraph("Chapter End Notes", styles["label"])]
            story += _flowables(chapter.end_notes_html, styles, quoted=True)
        if progress:
            progress(chapter.number, len(doc.chapters))
    if doc.end_notes_html:
        story += [PageBreak(), Paragraph("End Notes", styles["label"])]
        story += _flowables(doc.end_notes_html, styles, quoted=True)
    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out, pagesize=A5, title=doc.title, author=", ".join(doc.authors), subject=doc.story_url,
        leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm, bottomMargin=16 * mm,
    )  # fmt: skip
    pdf.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()


def _page_number(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(document.pagesize[0] / 2, 8 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def _text(value: str) -> str:
    return escape_for_pdf(value)


def _flowables(fragment: str, styles: dict, *, quoted: bool = False) -> list:
    if not fragment.strip():
        return []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    style = styles["quote" if quoted else "body"]
    flowables: list = []
    _blocks(root, style, flowables, styles)
    return flowables


def _blocks(element, style, flowables: list, styles: dict) -> None:
    """Block children become paragraphs; runs of inline content between them become one paragraph."""
    run = [_text(element.text)] if element.text and element.text.strip() else []
    number = 0
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _BLOCKS:
            _flush(run, style, flowables)
            if child.tag == "hr":
                flowables.append(HRFlowable(width="40%", thickness=0.5, spaceBefore=6, spaceAfter=10))
            elif child.tag in ("blockquote", "ul", "ol", "dd"):
                indented = ParagraphStyle(
                    f"{style.name}+", parent=style, leftIndent=style.leftIndent + 6 * mm
                )
                _blocks(child, indented, flowables, styles)
            elif child.tag == "li":
                number += 1
                bullet = f"{number}." if element.tag == "ol" else "•"
                flowables += _paragraphs(f"{bullet} " + _inline(child), style)
            elif any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
                _blocks(child, style, flowables, styles)
            else:
                paragraph_style = (
                    styles["label"] if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else style
                )
                if child.tag == "center" or child.get("align") == "center":
                    paragraph_style = ParagraphStyle(
                        f"{style.name}-c", parent=paragraph_style, alignment=TA_CENTER
                    )
                flowables += _paragraphs(_inline(child), paragraph_style)
        else:
            run.append(_inline_element(child))
        if child.tail and child.tail.strip():
            run.append(_text(child.tail))
    _flush(run, style, flowables)


def _flush(run: list, style, flowables: list) -> None:
    text = "".join(run).strip()
    if text:
        flowables += _paragraphs(text, style)
    run.clear()


def _paragraphs(markup: str, style) -> list:
    """One paragraph, laid out as consecutive pieces of at most PIECE characters with no space between."""
    markup = with_fonts(markup, FONT)
    paragraph, style = layout(markup, style)
    pieces = _pieces(markup)
    if len(pieces) == 1:
        return [paragraph(markup, style)]
    first = ParagraphStyle(f"{style.name}<", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}=", parent=style, spaceBefore=0, spaceAfter=0)
    last = ParagraphStyle(f"{style.name}>", parent=style, spaceBefore=0)
    return [
        paragraph(pieces[0], first),
        *(paragraph(piece, middle) for piece in pieces[1:-1]),
        paragraph(pieces[-1], last),
    ]


def _pieces(markup: str) -> list[str]:
    """Markup cut between words (or anywhere in a run without spaces, never inside a tag or an entity); the
    inline tags open at a cut are closed at the end of a piece and opened again at the start of the next."""
    if len(markup) <= PIECE:
        return [markup]
    pieces, current, length, opened = [], [], 0, []
    for token in _MARKUP_TAG.split(markup):
        if token.startswith("<"):
            current.append(token)
            if token.startswith("</"):
                opened.pop()
            elif not token.endswith("/>"):
                opened.append(token)
            continue
        while length + len(token) > PIECE:
            at = _cut(token, PIECE - length)
            if at == 0 and length == 0:  # an entity longer than a piece cannot happen; cut anyway
                at = PIECE
            current.append(token[:at])
            pieces.append(
                "".join(current) + "".join(f"</{tag[1:].split()[0].rstrip('>')}>" for tag in reversed(opened))
            )
            current, length, token = list(opened), 0, token[at:]
        current.append(token)
        length += len(token)
    pieces.append("".join(current))
    return pieces


def _cut(text: str, limit: int) -> int:
    """Where to cut `text` before `limit`: after the last space, else before an entity the limit splits."""
    at = text.rfind(" ", 0, limit) + 1 or limit
    entity = text.rfind("&", 0, at)
    return entity if entity != -1 and text.find(";", entity, at) == -1 else at


def _inline(element) -> str:
    parts = [_text(element.text)] if element.text else []
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_inline_element(child))
        if child.tail:
            parts.append(_text(child.tail))
    return "".join(parts)


def _inline_element(element) -> str:
    if element.tag == "br":
        return "<br/>"
    inner = _inline(element)
    if element.tag in _INLINE:
        tag = _INLINE[element.tag]
        return f"<{tag}>{inner}</{tag}>"
    if element.tag == "a" and element.get("href", "").startswith(("http://", "https://", "mailto:")):
        return f'<a href="{html.escape(element.get("href"), quote=True)}" color="blue">{inner}</a>'
    if element.tag == "img":
        return _text(f"[Image: {element.get('alt', '')}]")
    return inner
