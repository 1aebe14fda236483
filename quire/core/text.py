"""Turning what writers type into safe HTML (their words are counted in quire.core.words).

Every piece of user text passes through `render()`: the writer's format becomes HTML, and nh3 (ammonia)
keeps only an allowlist in the spirit of AO3's. Bump SANITIZER_VERSION whenever the allowlist changes so
stored HTML can be re-rendered from its source.
"""

import html
import re

import nh3
from django.db import models
from markdown_it import MarkdownIt

SANITIZER_VERSION = 2


class TextFormat(models.TextChoices):
    """How the writer typed their text; every format ends as sanitized HTML."""

    RICH = "html", "Rich text / HTML"
    PLAIN = "plain", "Plain text"
    MARKDOWN = "markdown", "Markdown"


ALLOWED_TAGS = {
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}  # fmt: skip
_COMMON_ATTRIBUTES = {"title", "dir", "lang"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON_ATTRIBUTES | {"align"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "abbr": {"title"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# nh3 checks the schemes of href and src only; a quotation's cite is a URL too (readers, feeds and ebook
# apps may follow it), so it is held to the same schemes here.
_CHECKED_URL_ATTRIBUTES = {"cite"}
_URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL

_markdown = (
    MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table").enable("strikethrough")
)
# markdown-it is linear, but each mark that opens a rule costs up to ~16 us (a "[" looks for its link label, a
# "*" for its closing pair) against ~0.01 us for a letter: 510,000 characters of "![" took 8 s. Past this many
# marks the text is shown as typed (plain paragraphs), which bounds a Markdown render to under a second.
MARKDOWN_MAX_MARKS = 50_000
_MARKDOWN_MARKS = re.compile(r"[\[\]!*_~<&\\`]")
_BLANK_LINES = re.compile(r"\n\s*\n")
# A tag ends at the next ">" and cannot contain a "<": with "<[^>]+>", a run of "<" (or of "<a") made each
# of its starts scan to the end of the text, quadratic in the run.
_TAG = re.compile(r"<[^<>]+>")
_BLOCK_TAG = re.compile(r"<(p|div|br|h[1-6]|ul|ol|dl|blockquote|table|pre|hr|center|details)\b", re.I)


def _allowed_url(element: str, attribute: str, value: str) -> str | None:
    if attribute not in _CHECKED_URL_ATTRIBUTES:
        return value
    scheme = _URL_SCHEME.match(_URL_IGNORED.sub("", value).lstrip("".join(map(chr, range(0x21)))))
    return value if scheme is None or scheme[1].lower() in ALLOWED_URL_SCHEMES else None


def sanitize(untrusted_html: str) -> str:
    """Keep only the allowlist; links get rel="nofollow ugc" so user links pass no ranking."""
    return nh3.clean(
        untrusted_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
        clean_content_tags={"script", "style"},
        attribute_filter=_allowed_url,
    ).strip()


def plain_to_html(text: str, *, escape: bool = True) -> str:
    """Blank lines separate paragraphs; single line breaks inside a paragraph are kept."""
    paragraphs = [p.strip("\n") for p in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))]
    return "\n".join(
        "<p>" + (html.escape(p, quote=False) if escape else p).replace("\n", "<br>\n") + "</p>"
        for p in paragraphs
        if p.strip()
    )


def has_block_markup(text: str) -> bool:
    return bool(_BLOCK_TAG.search(text))


def render(text: str, text_format: str) -> str:
    """Source text in the writer's format -> sanitized HTML ready to show."""
    if not text or not text.strip():
        return ""
    if text_format == TextFormat.MARKDOWN and len(_MARKDOWN_MARKS.findall(text)) > MARKDOWN_MAX_MARKS:
        converted = plain_to_html(text)
    elif text_format == TextFormat.MARKDOWN:
        converted = _markdown.render(text)
    elif text_format == TextFormat.PLAIN:
        converted = plain_to_html(text)
    elif has_block_markup(text):
        converted = text
    else:
        # Rich text typed without paragraph tags (as AO3 allows): blank lines still make paragraphs, and
        # inline tags are kept for the sanitizer to judge.
        converted = plain_to_html(text, escape=False)
    return sanitize(converted)


def html_to_text(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


# Line breaks and other control characters (C0 but NUL, DEL, C1 with NEL, and the Unicode line and paragraph
# separators), with the spaces around them. A title or a name is one line: a newline in one broke every email
# whose subject quoted it (BadHeaderError), and a tab or a bell character has no meaning in a heading. NUL is
# left for the fields to refuse ("Null characters are not allowed."): no keyboard types it, so it means a
# broken client, and the web forms and the API have always refused it.
_CONTROL = "\x01-\x1f\x7f-\x9f\u2028\u2029"
# Starting only at the first space of a run keeps a long run of spaces with no line break linear.
_LINE_BREAKS = re.compile(f"(?<! ) *[{_CONTROL}][{_CONTROL} ]*")


def single_line(text: str) -> str:
    """One line of text: each run of line breaks or control characters becomes one space, and the ends are
    trimmed. Nothing else the writer typed changes (their own double spaces stay)."""
    return _LINE_BREAKS.sub(" ", text).strip()
