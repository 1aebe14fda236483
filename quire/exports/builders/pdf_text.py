"""Text in every script for the PDF download. ReportLab draws a run of text with one font, left to right, with
no fallback and no shaping that keeps text extractable, so this module adds what fan works need:

- fonts for the scripts the body font lacks, found by the paths Debian installs them to; each run of
  characters the body font lacks is drawn in the first of them that has its glyphs. A missing font is
  skipped; a character no font has is drawn as the body font's box (and is lost to text extraction).
  ReportLab reads TrueType outlines only, so CJK comes from WenQuanYi Micro Hei, not Noto CJK (CFF);
  emoji come in outline from Symbola, as colour emoji bitmaps cannot be embedded.
- Arabic letters joined as Unicode's presentation forms (arabic-reshaper), which pdftotext gives back
  and NFKC turns into plain letters. ReportLab's HarfBuzz shaping maps the joined glyphs to private-use
  characters, which would make the text unsearchable.
- right-to-left text laid out right to left: ReportLab breaks lines in reading order, then each line is
  drawn in display order, by the levels of the Unicode bidirectional algorithm (python-bidi).
"""

import html
import re
import threading
import unicodedata
from functools import cache
from itertools import groupby
from pathlib import Path

from arabic_reshaper import ArabicReshaper
from bidi import algorithm as uba
from bidi import get_base_level
from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """ReportLab writes a character past U+FFFF into a font's ToUnicode map as five hex digits, which readers
    misread (🐺 came out of pdftotext as ὃ): the map wants UTF-16, a surrogate pair's eight digits."""
    utf16 = [code if code <= 0xFFFF else int.from_bytes(chr(code).encode("utf-16-be")) for code in subset]
    return _reportlab_to_unicode_cmap(font_name, utf16)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_NOTO = "/usr/share/fonts/truetype/noto"
# (regular, bold) in the order they are tried; the Debian package that installs each is in the Makefile.
FALLBACK_FONTS = [
    (f"{_NOTO}/NotoSerifHebrew-Regular.ttf", f"{_NOTO}/NotoSerifHebrew-Bold.ttf"),  # fonts-noto-core
    (f"{_NOTO}/NotoNaskhArabic-Regular.ttf", f"{_NOTO}/NotoNaskhArabic-Bold.ttf"),  # fonts-noto-core
    # fonts-dejavu-core: Hebrew and Arabic where Noto is missing, Armenian, Georgian, symbols
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),  # fonts-wqy-microhei: Chinese, kana, Hangul
    ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", None),  # fonts-symbola: emoji
]  # fmt: skip

# Hebrew, Arabic and the other right-to-left scripts, and the marks that begin right-to-left text
_RTL = re.compile("[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")  # fmt: skip
# CJK punctuation, kana, ideographs and full-width forms (not Hangul: Korean is written with spaces).
_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)
_TAG = re.compile(r"(<[^<>]*>)")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Harakat are kept: every character of the work stays in the PDF's text.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})
# Selectors, joiners and direction marks show nothing: kept (for the text and the line's direction) in a font
# that has them, the run's or the body's, else left out rather than drawn as boxes.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff]")
_WHITESPACE = frozenset(" \t\n\r\f\v")


def _right_to_left_only() -> re.Pattern:
    """A line of Hebrew or Arabic letters, marks, spaces and punctuation (no digits, no left-to-right letters)
    is at one right-to-left level throughout: it is drawn reversed, without working out each one's level."""
    candidates = [*range(0x20, 0x7F), *range(0x590, 0x700), *range(0xFB1D, 0xFDFF), *range(0xFE70, 0xFEFD)]
    classes = ("R", "AL", "NSM", "WS", "ON", "ES", "ET", "CS")
    chars = "".join(chr(code) for code in candidates if unicodedata.bidirectional(chr(code)) in classes)
    return re.compile(f"[{re.escape(chars)}]*")


_ONLY_RIGHT_TO_LEFT = _right_to_left_only()
_MIRRORS = str.maketrans(MIRRORED)


class _Fonts:
    """The body font and the fallback fonts, opened when a character first needs one."""

    def __init__(self, body: str, fallbacks: tuple):
        self.body = body
        self._body_chars = frozenset(map(chr, pdfmetrics.getFont(body).face.charToGlyph)) | _WHITESPACE
        self._unopened = list(fallbacks)
        self._opened: dict[str, frozenset] = {body: self._body_chars}
        # per character: the font to draw it in (None: nothing to draw), and whether it may stay in the
        # font of the run it is in (spaces, punctuation, marks, joiners) when that font has it
        self._choices: dict[str, tuple[str | None, bool]] = {}
        self._lock = threading.Lock()

    def covers(self, text: str) -> bool:
        return text.isascii() or self._body_chars.issuperset(text)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(font, text) runs, each character in the first font that has it."""
        runs, current, chars = [], None, []
        for char in text:
            font, follows = self._choices.get(char) or self._choose(char)
            if follows and current and char in self._opened[current]:
                font = current
            elif font is None:
                continue
            if font != current:
                if chars:
                    runs.append((current, "".join(chars)))
                current, chars = font, []
            chars.append(char)
        if chars:
            runs.append((current, "".join(chars)))
        return runs

    def _choose(self, char: str) -> tuple[str | None, bool]:
        invisible = bool(_INVISIBLE.match(char))
        follows = invisible or unicodedata.category(char)[0] in "ZPM"
        with self._lock:
            if char in self._body_chars:
                font = self.body
            elif invisible:
                font = None
            else:
                font = self._find(char)
            self._choices[char] = font, follows
        return font, follows

    def _find(self, char: str) -> str:
        for name, chars in self._opened.items():
            if char in chars:
                return name
        while self._unopened:
            opened = _open(*self._unopened.pop(0))
            if opened:
                name, chars = opened
                self._opened[name] = chars
                if char in chars:
                    return name
        return self.body


def _open(regular: str, bold: str | None) -> tuple[str, frozenset] | None:
    """Registers a fallback family under names made from its file names (italics stay upright: these fonts
    have no italic faces); None when the regular face is missing or not a TrueType font ReportLab reads."""
    name = _register(regular)
    if name is None:
        return None
    bold_name = (bold and _register(bold)) or name
    pdfmetrics.registerFontFamily(name, normal=name, bold=bold_name, italic=name, boldItalic=bold_name)
    return name, frozenset(map(chr, pdfmetrics.getFont(name).face.charToGlyph))


def _register(path: str) -> str | None:
    name = f"Quire-{Path(path).stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, path))
        except Exception:  # missing, unreadable, CFF outlines, damaged: the PDF is built with the other fonts
            return None
    return name


@cache
def _fonts(body: str, fallbacks: tuple) -> _Fonts:
    return _Fonts(body, fallbacks)


def escape(text: str) -> str:
    """`text` escaped for Paragraph markup, with Arabic letters joined."""
    if _ARABIC.search(text):
        text = _RESHAPER.reshape(text)
    return html.escape(text, quote=True)


def with_fonts(markup: str, body: str) -> str:
    """Paragraph markup with each run of text the body font lacks in a font that has it; as it was when the
    body font has it all (all of a Latin-only work). A run in bold or italics has <b> or <i> again inside its
    <font>, which would otherwise make it upright and regular."""
    fonts = _fonts(body, tuple(FALLBACK_FONTS))
    if fonts.covers(markup):
        return markup
    out, styles = [], []
    for token in _TAG.split(markup):
        if token in ("<b>", "<i>"):
            styles.append(token[1])
        elif token in ("</b>", "</i>") and token[2] in styles:
            styles.remove(token[2])
        if token.startswith("<") or fonts.covers(token):
            out.append(token)
            continue
        opening = "".join(f"<{style}>" for style in styles)
        closing = "".join(f"</{style}>" for style in reversed(styles))
        for font, run in fonts.runs(html.unescape(token)):
            text = html.escape(run, quote=True)
            out.append(text if font == body else f'<font face="{font}">{opening}{text}{closing}</font>')
    return "".join(out)


# Paragraphs


def layout(markup: str, style: ParagraphStyle) -> tuple[type[Paragraph], ParagraphStyle]:
    """The Paragraph class and style for `markup`: ReportLab's own for left-to-right text; one that draws each
    line in display order when there is right-to-left text, right-aligned when such text leads the paragraph.
    Chinese and Japanese, written without spaces, may break between any two characters."""
    if _CJK.search(markup):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
    if not _RTL.search(markup):
        return Paragraph, style
    if get_base_level(html.unescape(_TAG.sub("", markup))) == 0:
        return LeftToRightParagraph, style
    mirrored = ParagraphStyle(
        f"{style.name}-rtl",
        parent=style,
        alignment=TA_RIGHT if style.alignment == TA_LEFT else style.alignment,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
    )
    return RightToLeftParagraph, mirrored


class LeftToRightParagraph(Paragraph):
    """A paragraph with right-to-left text in it: lines are broken in reading order (so a paragraph split
    across pages goes on where it stopped), and each line is reordered only to be drawn."""

    base_level = 0

    def drawPara(self, debug=0):
        logical = self.blPara
        self.blPara = _display_order(logical, self.base_level)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


class RightToLeftParagraph(LeftToRightParagraph):
    base_level = 1


def _display_order(para, base_level: int):
    if para.kind == 0:  # one font and style: lines of words
        lines = [
            (space, _display_text(" ".join(words), base_level).split(" ")) for space, words in para.lines
        ]
        return para.clone(lines=lines)
    return para.clone(lines=[line.clone(words=_display_frags(line.words, base_level)) for line in para.lines])


def _display_text(text: str, base_level: int) -> str:
    if base_level == 1 and _ONLY_RIGHT_TO_LEFT.fullmatch(text):
        return text[::-1].translate(_MIRRORS)
    return "".join(char for _, char in _visual(text, base_level))


def _display_frags(frags: list, base_level: int) -> list:
    """A line's fragments (runs of one font and style) cut and reordered into display order."""
    texts = [getattr(frag, "text", "") for frag in frags]
    line = "".join(texts)
    empty = [frag for frag, text in zip(frags, texts, strict=True) if not text]  # a line break's
    if base_level == 1 and _ONLY_RIGHT_TO_LEFT.fullmatch(line):
        reverse = zip(reversed(frags), reversed(texts), strict=True)
        return [frag.clone(text=text[::-1].translate(_MIRRORS)) for frag, text in reverse if text] + empty
    owners = [number for number, text in enumerate(texts) for _ in text]
    shown = [
        frags[owner].clone(text="".join(char for _, char in chars))
        for owner, chars in groupby(_visual(line, base_level), key=lambda shown: owners[shown[0]])
    ]
    return shown + empty


def _visual(text: str, base_level: int) -> list[tuple[int, str]]:
    """(logical index, character) in display order: rules L1, L2 and L4 of the Unicode bidirectional algorithm
    on one line. A combining mark is reversed with its letter, so it is drawn just before it, as Hebrew and
    Arabic fonts draw marks without positioning (over the glyph after them), and pdftotext reads it back after
    its letter (rule L3, not applied)."""
    if not text:
        return []
    levels = _levels(text, base_level)
    end = len(text)  # L1: spaces ending the line take the paragraph's level
    while end and text[end - 1].isspace():
        end -= 1
        levels[end] = base_level
    order = list(range(len(text)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels), min(odd, default=max(levels) + 1) - 1, -1):
        start = 0
        while start < len(order):  # L2: reverse each run at this level or higher
            if levels[order[start]] < level:
                start += 1
                continue
            stop = start
            while stop < len(order) and levels[order[stop]] >= level:
                stop += 1
            order[start:stop] = order[start:stop][::-1]
            start = stop
    return [
        (index, MIRRORED.get(text[index], text[index]) if levels[index] % 2 else text[index])
        for index in order
    ]


def _levels(text: str, base_level: int) -> list[int]:
    """Embedding levels per character (rules P to I), from python-bidi's Python implementation; its faster
    Rust one gives only the reordered string, and fonts and styles must follow the characters."""
    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = base_level, "LR"[base_level]
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    for index, level in enumerate(levels):  # X9: removed controls take the level before them
        if level is None:
            levels[index] = levels[index - 1] if index else base_level
    return levels
