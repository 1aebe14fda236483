"""A chapter's sanitized HTML as plain text the rules can read, with the way back to the HTML.

Rules see one string: paragraphs separated by a blank line, entities decoded, tags gone. Every character
of it remembers where it came from in the HTML, so a finding (a span of the plain text) can be wrapped in
<mark> elements inside the very text nodes it covers, which keeps the markup well formed.
"""

import bisect
import html
import re
from dataclasses import dataclass
from functools import cached_property

from quire.beta.tokens import Token, tokenize
from quire.core.words import count_words

# nh3 serializes every attribute in double quotes, so a ">" can only hide inside one of those.
_TOKEN = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"]|"[^"]*")*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);')
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "table", "tr", "td", "th", "caption", "pre", "hr", "center", "details", "summary", "figure", "figcaption",
    "address", "tbody", "thead", "tfoot",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Sentence ends: terminal punctuation, any closing quotes or brackets, then space and a capital or a quote.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "prof",
    "sr",
    "jr",
    "vs",
    "etc",
    "mt",
    "lt",
    "sgt",
    "capt",
    "col",
}
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)


@dataclass(frozen=True)
class Piece:
    """A run of plain text and the HTML it came from; an entity is a piece of its own."""

    start: int
    end: int
    html_start: int
    html_end: int
    literal: bool  # the HTML is the text itself, so offsets inside it line up one to one
    in_link: bool


class Document:
    def __init__(self, fragment: str):
        self.html = fragment
        self.pieces: list[Piece] = []
        parts: list[str] = []
        length = 0
        position = 0
        link_depth = 0

        def add(text, html_start, html_end, literal):
            nonlocal length
            if text:
                self.pieces.append(
                    Piece(length, length + len(text), html_start, html_end, literal, link_depth > 0)
                )
                parts.append(text)
                length += len(text)

        def separate(text):
            nonlocal length
            parts.append(text)
            length += len(text)

        for match in _TOKEN.finditer(fragment):
            add(fragment[position : match.start()], position, match.start(), True)
            position = match.end()
            if match.group(2):
                name = match.group(2).lower()
                if name == "a":
                    link_depth += -1 if match.group(1) else 1
                if name == "br":
                    separate("\n")
                elif name in _BLOCK and not "".join(parts[-1:]).endswith("\n\n") and length:
                    separate("\n\n")
            else:
                add(html.unescape(match.group(0)), match.start(), match.end(), False)
        add(fragment[position:], position, len(fragment), True)
        self.text = "".join(parts)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every paragraph that has words in it."""
        spans = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", self.text):
            if WORD.search(match.group()):
                spans.append((match.start(), match.end()))
        return spans

    @cached_property
    def words(self) -> list[re.Match]:
        return list(WORD.finditer(self.text))

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def word_count(self) -> int:
        # The archive's one count, so the report says what the work page says; `words` (English letters
        # only) is what the rules read.
        return count_words(self.html)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        spans = []
        for start, end in self.paragraphs:
            begin = start
            for match in _SENTENCE_END.finditer(self.text, start, end):
                if self._after_abbreviation(begin, match.end()):
                    continue
                spans.append((begin, match.end()))
                begin = match.end()
                while begin < end and self.text[begin].isspace():
                    begin += 1
            if begin < end:
                spans.append((begin, end))
        return [(s, e) for s, e in spans if WORD.search(self.text, s, e)]

    def _after_abbreviation(self, begin: int, end: int) -> bool:
        """Whether text[begin:end] ends in "Mr." or another abbreviation. Only the last few characters are
        read: an abbreviation run on by many more is still one sentence, and re-reading it from `begin` at
        every full stop made a chapter of "Mr. Ab Mr. Ab ..." quadratic (minutes for 200,000 characters)."""
        if end <= begin or self.text[end - 1] != ".":
            return False
        # One character more than the longest abbreviation: a word that fills it is too long to be one.
        window = max(begin, end - 2 - _LONGEST_ABBREVIATION)
        word = re.search(r"\w+$", self.text[window : end - 1])
        return word is not None and word.group().lower() in _ABBREVIATIONS

    @cached_property
    def dialogue(self) -> list[tuple[int, int]]:
        """Spans inside double quotation marks; a quotation left open runs to the end of its paragraph."""
        spans = []
        for start, end in self.paragraphs:
            opened = None
            for position in range(start, end):
                char = self.text[position]
                if char == "“" or (char == '"' and opened is None):
                    opened = position
                elif char in '”"' and opened is not None:
                    spans.append((opened, position + 1))
                    opened = None
            if opened is not None:
                spans.append((opened, end))
        return spans

    def in_dialogue(self, offset: int) -> bool:
        index = bisect.bisect_right(self.dialogue, (offset, float("inf"))) - 1
        return index >= 0 and self.dialogue[index][0] <= offset < self.dialogue[index][1]

    def highlight(self, marks: list[tuple[int, int, str, str]]) -> str:
        """The HTML with each (start, end, id, back_link) wrapped in <mark>; spans must nest or be apart.

        A span that crosses tags becomes one <mark> per text node; the first carries the id and the last is
        followed by a small link back to the finding (unless it sits inside the writer's own link)."""
        inserts: list[tuple[int, int, str]] = []  # (html offset, order, markup)
        # Pieces are in text order and do not overlap, so each mark looks only at the pieces it covers,
        # found by bisection (looking at every piece for every mark grew with their product).
        piece_ends = [piece.end for piece in self.pieces]
        for depth, (start, end, mark_id, back_link) in enumerate(sorted(marks, key=lambda m: (m[0], -m[1]))):
            chunks = []
            for index in range(bisect.bisect_right(piece_ends, start), len(self.pieces)):
                piece = self.pieces[index]
                if piece.start >= end:
                    break
                if piece.literal:
                    html_start = piece.html_start + max(start - piece.start, 0)
                    html_end = piece.html_start + min(end, piece.end) - piece.start
                else:
                    html_start, html_end = piece.html_start, piece.html_end
                if chunks and chunks[-1][1] == html_start:
                    chunks[-1] = (chunks[-1][0], html_end, piece.in_link)
                elif self.html[html_start:html_end].strip():
                    chunks.append((html_start, html_end, piece.in_link))
            for index, (html_start, html_end, in_link) in enumerate(chunks):
                attributes = f' id="{mark_id}"' if index == 0 else ""
                # Outer marks open first and close last at the same offset, so the elements nest.
                inserts.append((html_start, 2 + depth, f"<mark{attributes}>"))
                closing = "</mark>"
                if index == len(chunks) - 1 and not in_link:
                    closing += back_link
                inserts.append((html_end, -depth, closing))
        out = []
        position = 0
        for offset, _, markup in sorted(inserts, key=lambda item: (item[0], item[1])):
            out.append(self.html[position:offset])
            out.append(markup)
            position = offset
        out.append(self.html[position:])
        return "".join(out)
