"""Scoring the rules against a labelled corpus (tests/data/beta_corpus): shared by the tests and the bench."""

from dataclasses import dataclass, field
from pathlib import Path

from quire.beta.checker import find
from quire.beta.document import Document
from quire.beta.findings import RULES
from quire.core.text import TextFormat, render


@dataclass(frozen=True)
class Example:
    rule: str
    label: str  # "+", "-" or "?"
    text: str
    line: int

    def html(self) -> str:
        # Typed as rich text, as most writers paste it: inline tags stay, blank lines make paragraphs.
        return render("\n\n".join(part.strip() for part in self.text.split(" ¶ ")), TextFormat.RICH)


@dataclass
class Score:
    rule: str
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    false_alarms: list[Example] = field(default_factory=list)
    misses: list[Example] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        wrong = self.true_positives + self.false_negatives
        return self.true_positives / wrong if wrong else None


def load(folder: Path) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.txt")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if line[:2] in {"+ ", "- ", "? "}:
                examples.append(Example(path.stem, line[0], line[2:].strip(), number))
    return examples


def rules_fired(example: Example) -> set[str]:
    return {finding.rule for finding in find(Document(example.html()))}


def score(examples: list[Example]) -> dict[str, Score]:
    """Incorrect examples count for their own rule; every correct example counts for every rule, since a
    rule that fires on clean text anywhere is a false alarm."""
    scores = {rule.slug: Score(rule.slug) for rule in RULES}
    for example in examples:
        fired = rules_fired(example)
        if example.label == "-":
            for slug, rule_score in scores.items():
                if slug in fired:
                    rule_score.false_positives += 1
                    rule_score.false_alarms.append(example)
                elif slug == example.rule:
                    rule_score.true_negatives += 1
        elif example.rule in fired:
            scores[example.rule].true_positives += 1
        else:
            scores[example.rule].false_negatives += 1
            scores[example.rule].misses.append(example)
    return scores
