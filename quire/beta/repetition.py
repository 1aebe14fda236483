"""Repeated words ("the the"), words and phrases a chapter leans on, and very long sentences."""

import re
from collections import defaultdict

from quire.beta.findings import Finding

# Doubled on purpose often enough that a double is no evidence of a slip.
DELIBERATE_DOUBLES = {
    "had", "that", "is", "no", "yes", "very", "so", "bye", "now", "go", "ha", "haha", "ho", "la", "knock",
    "tut", "well", "oh", "please", "okay", "ok", "come", "never", "more", "again", "really", "far", "over",
    "round", "hush", "there", "chop", "boo", "shh", "wait", "run", "stop", "faster", "harder", "deeper",
    "closer", "much", "many", "long", "night", "hey", "sorry", "yeah", "ah", "um", "uh", "mm", "hmm",
    "blah", "bang", "choo", "ding", "dong", "tick", "hip", "pretty", "little", "do",
    "murder", "help", "fine", "sure", "quick", "slowly", "away", "out", "down", "up", "right", "sweet",
    "bad", "good", "cha", "ta", "na", "da", "pew", "bla", "ooh", "aw", "awww", "hah", "heh", "tsk",
}  # fmt: skip
# Slips double these; people talking do not double them on purpose.
FUNCTION_WORDS = set(
    [
        "the",
        "a",
        "an",
        "to",
        "of",
        "and",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "was",
        "were",
        "be",
        "been",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "his",
        "her",
        "their",
        "my",
        "your",
        "our",
        "its",
        "as",
        "but",
        "or",
        "if",
        "when",
        "then",
        "than",
        "this",
        "into",
        "onto",
        "not",
        "are",
        "has",
        "have",
        "would",
        "could",
        "should",
        "will",
        "can",
        "did",
        "does",
        "i",
        "me",
        "him",
        "them",
        "us",
    ]
)
# "give in in the end", "went on on Tuesday": a particle, then the same word as a preposition.
_PARTICLE_VERBS = re.compile(
    r"(?:give|gave|given|giving|cave|caved|come|came|walk|walked|move|moved|check|checked|log|logged|let|"
    r"fill|filled|step|stepped|lean|leaned|leant|hand|handed|turn|turned|tuck|tucked|settle|settled|go|"
    r"went|carry|carried|hold|held|keep|kept|put|get|got|try|tried|switch|switched|pass|passed|take|took|"
    r"drag|dragged|pile|piled|barge|barged|sneak|snuck|sign|signed|plug|plugged|look|looked)$"
)

# Crutch words writers are told to watch, with a rough rate per 1,000 words in published fiction (an
# estimate, not measured here: the margin below keeps the rule quiet unless use is clearly heavy); a
# chapter is told only when it uses one at more than three times that rate plus a margin.
CRUTCH_RATES = {
    "just": 1.5, "really": 0.8, "very": 1.0, "suddenly": 0.2, "actually": 0.3, "literally": 0.05,
    "basically": 0.03, "simply": 0.2, "totally": 0.05, "completely": 0.15, "definitely": 0.05,
    "certainly": 0.2, "quite": 0.5, "somehow": 0.1, "slightly": 0.15, "seemed": 0.6, "smirked": 0.02,
    "smirk": 0.02, "chuckled": 0.03, "orbs": 0.01, "sighed": 0.1, "nodded": 0.15, "shrugged": 0.08,
    "grinned": 0.05, "smiled": 0.3, "glanced": 0.1, "gaze": 0.1, "gently": 0.1, "softly": 0.1,
    "quickly": 0.2, "slowly": 0.2, "immediately": 0.1, "honestly": 0.05, "truly": 0.05, "started": 0.3,
    "began": 0.3, "couldn't help but": 0.01, "let out a breath": 0.01,
}  # fmt: skip
CRUTCH_MARGIN = 2.0
CRUTCH_MIN_COUNT = 5
STOPWORDS = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "up",
        "down",
        "out",
        "over",
        "under",
        "about",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "are",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "her",
        "them",
        "us",
        "my",
        "your",
        "his",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "then",
        "than",
        "so",
        "not",
        "no",
        "do",
        "did",
        "does",
        "done",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "what",
        "who",
        "whom",
        "which",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "each",
        "every",
        "one",
        "just",
        "very",
        "really",
        "said",
        "says",
        "say",
        "asked",
        "back",
        "like",
        "again",
        "still",
        "even",
        "also",
        "too",
        "only",
        "more",
        "most",
        "much",
        "many",
        "s",
        "t",
        "don't",
        "didn't",
        "couldn't",
        "wasn't",
        "isn't",
        "i'm",
        "he's",
        "she's",
        "they're",
        "we're",
        "you're",
        "i'd",
        "i'll",
        "he'd",
        "she'd",
    ]
)
PHRASE_LENGTHS = range(6, 3, -1)  # longest first, so a long phrase hides its own pieces
LONG_SENTENCE_WORDS = 55
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def check(document) -> list[Finding]:
    return _repeated_words(document) + _overused(document) + _long_sentences(document)


def _repeated_words(document) -> list[Finding]:
    tokens = document.tokens
    findings = []
    for index in range(1, len(tokens)):
        first, second = tokens[index - 1], tokens[index]
        if not (first.is_word and second.is_word) or first.lower != second.lower:
            continue
        if "\n\n" in document.text[first.end : second.start] or first.lower in DELIBERATE_DOUBLES:
            continue
        if first.text[:1].isupper() and second.text[:1].isupper() and first.lower not in FUNCTION_WORDS:
            continue  # names such as Bora Bora
        if first.lower not in FUNCTION_WORDS and document.in_dialogue(first.start):
            continue  # "Not dead dead, only mostly dead": speakers double words for emphasis
        if (
            first.lower in {"in", "on", "up", "out"}
            and index >= 2
            and _PARTICLE_VERBS.match(tokens[index - 2].lower)
        ):
            continue
        findings.append(
            Finding(
                "repeated-word",
                first.start,
                second.end,
                f"“{first.text} {second.text}”: the same word twice in a row.",
                f"Delete one “{second.text}”.",
            )
        )
    return findings


def _overused(document) -> list[Finding]:
    words = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in document.words]
    total = len(words)
    if total < 100:
        return []
    findings = []
    places = defaultdict(list)
    for word, start, end in words:
        if word in CRUTCH_RATES:
            places[word].append((start, end))
    text_lower = document.text.lower()
    for phrase in (p for p in CRUTCH_RATES if " " in p):
        places[phrase] = [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(phrase)}\b", text_lower)]
    for word, spots in places.items():
        rate = len(spots) * 1000 / total
        if len(spots) >= CRUTCH_MIN_COUNT and rate > 3 * CRUTCH_RATES[word] + CRUTCH_MARGIN:
            findings.append(
                Finding(
                    "overused",
                    *spots[0],
                    f"“{word}” appears {len(spots)} times ({rate:.1f} per 1,000 words; a usual rate in "
                    f"fiction is roughly {CRUTCH_RATES[word]:g}).",
                    "Cut the ones that add nothing, or vary them.",
                    tuple(spots[1:]),
                )
            )
    return findings + _repeated_phrases(document, words)


def _repeated_phrases(document, words) -> list[Finding]:
    """A phrase of four to six words with at least two content words, used three times or more (more in
    long chapters): "ran a hand through his hair"."""
    minimum = max(3, len(words) // 2500)
    findings = []
    covered: set[int] = set()
    sentence_of = _sentence_index(document, words)
    for length in PHRASE_LENGTHS:
        seen = defaultdict(list)
        for index in range(len(words) - length + 1):
            if sentence_of[index] != sentence_of[index + length - 1]:
                continue
            gram = tuple(word for word, _, _ in words[index : index + length])
            if sum(word not in STOPWORDS for word in gram) < 2:
                continue
            seen[gram].append(index)
        for starts in seen.values():
            starts = [s for s in starts if s not in covered]
            if len(starts) < minimum:
                continue
            for start in starts:
                covered.update(range(start, start + length))
            spots = [(words[s][1], words[s + length - 1][2]) for s in starts]
            phrase = document.text[spots[0][0] : spots[0][1]]
            findings.append(
                Finding(
                    "overused",
                    *spots[0],
                    f"“{phrase}” appears {len(starts)} times in this chapter.",
                    "Readers notice a repeated phrase; keep the strongest and reword the others.",
                    tuple(spots[1:]),
                )
            )
    return findings


def _sentence_index(document, words) -> list[int]:
    ends = [end for _, end in document.sentences]
    result = []
    sentence = 0
    for _, start, _ in words:
        while sentence < len(ends) and start >= ends[sentence]:
            sentence += 1
        result.append(sentence)
    return result


def _long_sentences(document) -> list[Finding]:
    findings = []
    for start, end in document.sentences:
        count = len(_WORD.findall(document.text, start, end))
        if count >= LONG_SENTENCE_WORDS:
            findings.append(
                Finding(
                    "long-sentence",
                    start,
                    end,
                    f"This sentence runs to {count} words.",
                    "Readers may lose the thread; consider splitting it where the thought turns.",
                )
            )
    return findings
