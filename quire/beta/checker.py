"""The beta read: every rule family over one chapter, and the report a writer reads."""

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
    taken: list[tuple[int, int, str]] = []
    for entry in entries:
        spans = [(entry.finding.start, entry.finding.end), *entry.finding.more]
        for index, (start, end) in enumerate(spans):
            mark_id = f"beta-{entry.number}" if index == 0 else f"beta-{entry.number}-{index}"
            clash = next(
                (t for t in taken if t[0] < end and start < t[1] and not _nested(t, start, end)), None
            )
            context = _context(document.text, start, end)
            if clash:
                # It overlaps another highlight without nesting in it, so the link goes to that one.
                entry.places.append(Place(clash[2], *context))
                continue
            taken.append((start, end, mark_id))
            back = f'<a class="beta-back" href="#{entry.anchor}" aria-label="Back to finding {entry.number}">{entry.number}</a>'
            marks.append((start, end, mark_id, back))
            entry.places.append(Place(mark_id, *context))
    if not full:
        return Report(entries, "", None, rates, document.word_count, truncated)
    marked = _clean(document.highlight(marks)) if marks else body_html
    return Report(entries, marked, measure(document), rates, document.word_count, truncated)


def _nested(taken, start, end) -> bool:
    return (taken[0] <= start and end <= taken[1]) or (start <= taken[0] and taken[1] <= end)


def _context(text: str, start: int, end: int, *, limit: int = 90, side: int = 30) -> tuple[str, str, str]:
    """The span and up to `side` characters around it within its paragraph, cut at word boundaries."""
    piece = " ".join(text[start:end].split())
    if len(piece) > limit:
        return "", piece[: limit - 1].rstrip() + "…", ""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
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
