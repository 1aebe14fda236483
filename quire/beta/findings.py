"""What a rule reports, and the rules a writer sees, in the order the report lists them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int  # a span of Document.text; chapter-wide findings point at their first example
    end: int
    message: str
    suggestion: str
    more: tuple[tuple[int, int], ...] = field(
        default=()
    )  # further places, e.g. every use of an overused word


@dataclass(frozen=True)
class Rule:
    slug: str
    family: str
    title: str


RULES = [
    Rule("your-youre", "Commonly confused words", "your / you’re"),
    Rule("its-its", "Commonly confused words", "its / it’s"),
    Rule("there-their", "Commonly confused words", "there / their / they’re"),
    Rule("then-than", "Commonly confused words", "then / than"),
    Rule("lose-loose", "Commonly confused words", "lose / loose"),
    Rule("whose-whos", "Commonly confused words", "whose / who’s"),
    Rule("affect-effect", "Commonly confused words", "affect / effect"),
    Rule("to-too", "Commonly confused words", "to / too"),
    Rule("tag-punctuation", "Dialogue punctuation", "Punctuation before a speech tag"),
    Rule("closing-quote", "Dialogue punctuation", "Missing closing quotation mark"),
    Rule("tag-adverb", "Speech tags", "Speech tag leaning on an adverb"),
    Rule("speech-verb", "Speech tags", "Unusual speech verb"),
    Rule("repeated-word", "Repetition", "Repeated word"),
    Rule("overused", "Repetition", "Word or phrase used a lot in this chapter"),
    Rule("long-sentence", "Repetition", "Very long sentence"),
    Rule("ellipses", "Punctuation density", "Many ellipses"),
    Rule("exclamations", "Punctuation density", "Many exclamation marks"),
]
RULES_BY_SLUG = {rule.slug: rule for rule in RULES}
