"""The beta read: every rule family over one chapter, and the report a writer reads."""

import bisect
from dataclasses import dataclass, field

import nh3

from quire.beta import confused, density, dialogue, repetition
from quire.beta.density import Rates
from quire.beta.document import Document
from quire.beta.findings import RULES, RULES_BY_SLUG, Finding
from quire.beta.readability import Readability, measure
from quire.core.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

# Enough to work through in one sitting; a chapter with more needs an editor more than a list.
MAX_FINDINGS = 300
_RULE_ORDER = {rule.slug: index for index, rule in enumerate(RULES)}


def checks_language(work) -> bool:
    """Every rule is about English; on other languages they would only raise false alarms."""
    return work.language == "en" or work.language.startswith("en-")


def find(document: Document, rates: Rates = density.BUILT_IN) -> list[Finding]:
    findings = (
        confused.check(document)
        + dialogue.check(document)
        + repetition.check(document)
        + density.check(document, rates)
    )
    return sorted(set(findings), key=lambda f: (f.start, _RULE_ORDER[f.rule], f.end))


@dataclass
class Place:
    mark_id: str
    before: str  # a few words of context either side, so the list reads on its own
    excerpt: str
    after: str


@dataclass
class Entry:
    number: int
    finding: Finding
    places: list[Place] = field(default_factory=list)

    @property
    def rule(self):
        return RULES_BY_SLUG[self.finding.rule]

    @property
    def anchor(self) -> str:
        return f"finding-{self.number}"


@dataclass
class Report:
    entries: list[Entry]
    marked_html: str
    readability: Readability | None
    rates: Rates
    word_count: int
    truncated: bool

    @property
    def counts(self) -> list[tuple[str, int]]:
        totals: dict[str, int] = {}
        for entry in self.entries:
            totals[entry.rule.title] = totals.get(entry.rule.title, 0) + 1
        return sorted(totals.items(), key=lambda item: -item[1])


def beta_read(body_html: str, rates: Rates = density.BUILT_IN, *, full: bool = True) -> Report:
    """The findings; with `full`, also the highlighted text and the readability figures (which load
    textstat's dictionary), so a page that only lists findings can skip them."""
    document = Document(body_html)
    findings = find(document, rates)
    truncated = len(findings) > MAX_FINDINGS
    entries = [Entry(number, finding) for number, finding in enumerate(findings[:MAX_FINDINGS], start=1)]
    marks = []
    spans_of = [[(entry.finding.start, entry.finding.end), *entry.finding.more] for entry in entries]
    taken = _Taken(span for spans in spans_of for span in spans)
    paragraphs = _Paragraphs(document.text)
    for entry, spans in zip(entries, spans_of, strict=True):
        for index, (start, end) in enumerate(spans):
            mark_id = f"beta-{entry.number}" if index == 0 else f"beta-{entry.number}-{index}"
            clash = taken.first_crossing(start, end)
            context = _context(document.text, start, end, paragraphs)
            if clash:
                # It overlaps another highlight without nesting in it, so the link goes to that one.
                entry.places.append(Place(clash, *context))
                continue
            taken.add(start, end, mark_id)
            back = f'<a class="beta-back" href="#{entry.anchor}" aria-label="Back to finding {entry.number}">{entry.number}</a>'
            marks.append((start, end, mark_id, back))
            entry.places.append(Place(mark_id, *context))
    if not full:
        return Report(entries, "", None, rates, document.word_count, truncated)
    marked = _clean(document.highlight(marks)) if marks else body_html
    return Report(entries, marked, measure(document), rates, document.word_count, truncated)


class _Taken:
    """The highlights placed so far, to find the first one a new span crosses (overlaps without nesting).

    Spans cross only when exactly one end of one lies strictly inside the other, so the highlights that
    cross (start, end) all have an end strictly inside it: they are found by looking only at the ends that
    fall inside it, never at every highlight placed so far (which made a chapter with tens of thousands of
    highlighted places take minutes). Every possible end is known before the first span is placed, so they
    are sorted once and each span finds its range of them by bisection. What lies inside a span is mostly
    nested in it, and the rules' long spans (sentences, open quotations) do not overlap one another, so
    the ends looked at over a whole chapter stay a small multiple of the number of spans.
    """

    def __init__(self, spans):
        self.ends = sorted({point for span in spans for point in span})
        self.at: dict[int, list[tuple[int, int, int, str]]] = {}  # end -> (order, start, end, id)
        self.placed = 0

    def add(self, start: int, end: int, mark_id: str) -> None:
        placed = (self.placed, start, end, mark_id)
        self.placed += 1
        self.at.setdefault(start, []).append(placed)
        if end != start:
            self.at.setdefault(end, []).append(placed)

    def first_crossing(self, start: int, end: int) -> str | None:
        first = None
        low = bisect.bisect_right(self.ends, start)
        high = bisect.bisect_left(self.ends, end)
        for point in self.ends[low:high]:
            for placed in self.at.get(point, ()):
                order, other_start, other_end, _ = placed
                crosses = other_start < start < other_end < end or start < other_start < end < other_end
                if crosses and (first is None or order < first[0]):
                    first = placed
        return first[3] if first else None


class _Paragraphs:
    """Where each line break is, so a place finds its paragraph by bisection rather than by scanning the
    text back to the previous break (which, in a chapter of one long paragraph, read the whole chapter for
    every place)."""

    def __init__(self, text: str):
        self.breaks = [index for index, char in enumerate(text) if char == "\n"]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.breaks, start) - 1
        after = bisect.bisect_left(self.breaks, end)
        paragraph_start = self.breaks[before] + 1 if before >= 0 else 0
        paragraph_end = self.breaks[after] if after < len(self.breaks) else self.length
        return paragraph_start, paragraph_end


def _context(
    text: str, start: int, end: int, paragraphs: _Paragraphs, *, limit: int = 90, side: int = 30
) -> tuple[str, str, str]:
    """The span and up to `side` characters around it within its paragraph, cut at word boundaries."""
    piece = " ".join(text[start:end].split())
    if len(piece) > limit:
        return "", piece[: limit - 1].rstrip() + "…", ""
    paragraph_start, paragraph_end = paragraphs.around(start, end)
    before = text[max(paragraph_start, start - side) : start]
    after = text[end : min(paragraph_end, end + side)]
    if start - side > paragraph_start:
        before = "…" + before.split(" ", 1)[-1] if " " in before else before
    if end + side < paragraph_end:
        after = after.rsplit(" ", 1)[0] if " " in after else after
        after += "" if after.endswith((".", "!", "?", "…")) else "…"
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return " ".join(before.split()) + (" " if before[-1:].isspace() else ""), piece, after.rstrip()


def _clean(marked_html: str) -> str:
    """The writer's HTML was sanitized already; this keeps it so with the marks and links added."""
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    attributes["mark"] = {"id"}
    attributes["a"] = attributes["a"] | {"class", "aria-label"}
    return nh3.clean(
        marked_html,
        tags=ALLOWED_TAGS | {"mark"},
        attributes=attributes,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
