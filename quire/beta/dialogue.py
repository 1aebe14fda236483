"""Dialogue: the punctuation around speech tags, unclosed quotations, and the tags themselves."""

import re

from quire.beta.findings import Finding

SPEECH_VERBS = (
    "said|says|say|asked|asks|whispered|whispers|replied|replies|answered|muttered|murmured|shouted|yelled|"
    "called|cried|added|continued|snapped|hissed|growled|screamed|exclaimed|demanded|begged|pleaded|"
    "repeated|admitted|insisted|breathed|mumbled|stammered|stuttered|corrected|offered|agreed|warned|"
    "explained|suggested|teased|joked|promised|protested|retorted|whimpered|groaned|grumbled|sobbed|"
    "drawled|purred|murmurs|responded|interrupted|announced|lied|told|wondered|urged|prompted"
)
PRONOUNS = "he|she|they|i|we|you|it"
# Nobody can smile or nod a sentence; these are beats, not tags ("Fine.” She smiled.).
ACTION_VERBS = (
    "smiled|smiles|grinned|grins|smirked|smirks|nodded|nods|shrugged|shrugs|frowned|frowns|winked|winks|"
    "beamed|beams|glared|glares|laughed|laughs|chuckled|chuckles|giggled|giggles|snorted|snorts|"
    "scoffed|scoffs|huffed|huffs|sniffed|sniffs|pouted|pouts|rolled|sighed|sighs|smiles|blinked|"
    "coughed|yawned|gulped"
)
ODD_VERBS = (
    "ejaculated|expostulated|opined|vociferated|verbalized|verbalised|articulated|queried|enunciated|orated"
)
# -ly words that are not manner adverbs (or are names), so "said only" and "said Lily" stay silent.
NOT_ADVERBS = {
    "only", "early", "family", "reply", "supply", "apply", "imply", "ally", "belly", "bully", "jelly",
    "holy", "ugly", "lovely", "silly", "friendly", "lonely", "likely", "daily", "weekly", "nightly",
    "elderly", "jolly", "curly", "oily", "wily", "chilly", "lily", "folly", "really", "finally",
    "exactly", "simply", "actually", "eventually", "immediately", "suddenly", "probably", "apparently",
    "truly", "nearly", "fly", "rely", "july", "italy", "emily", "kelly", "billy", "molly", "sally", "holly",
    "polly", "dolly", "lilly", "hurriedly", "presently", "instantly",
}  # fmt: skip
_OPEN = '"“'
_QUOTE_END = r"[\"”]"

# "Go home." she said.  /  “Go home,” She said.
_FULL_STOP_TAG = re.compile(
    rf"(?<![.…])\.{_QUOTE_END}(\s+)(?:(?:{PRONOUNS})\s+(?:{SPEECH_VERBS})\b|(?:{SPEECH_VERBS})\s+(?:{PRONOUNS}|[A-Z][a-z]+)\b(?=[\s.,!?;:]))"
)
_NAME_FULL_STOP_TAG = re.compile(
    rf"(?<![.…])\.{_QUOTE_END}\s+([A-Z][a-z]+)\s+(?:{SPEECH_VERBS})(?=[.,!?;:]|\s+(?:\w+ly|to\s+(?:him|her|them|me|us|[A-Z]\w+))[.,!?;:])"
)
_CAPITAL_TAG = re.compile(rf",{_QUOTE_END}\s+(He|She|They|We|You|It)\s+(?:{SPEECH_VERBS})\b")
_ADVERB_AFTER = re.compile(
    rf"{_QUOTE_END}\s+(?:(?:{PRONOUNS}|[A-Z][a-z]+)\s+)?({SPEECH_VERBS})\s+([a-z]+ly)\b(?![-'’])"
)
_ADVERB_INVERTED = re.compile(rf"{_QUOTE_END}\s+({SPEECH_VERBS})\s+(?:[A-Z][a-z]+)\s+([a-z]+ly)\b(?![-'’])")
_ADVERB_BEFORE = re.compile(rf"{_QUOTE_END}\s+(?:{PRONOUNS}|[A-Z][a-z]+)\s+([a-z]+ly)\s+({SPEECH_VERBS})\b")
_ADVERB_LEADING = re.compile(rf"\b(?:{PRONOUNS}|[A-Z][a-z]+)\s+({SPEECH_VERBS})\s+([a-z]+ly),?\s*[\"“]", re.I)
_ACTION_TAG = re.compile(
    rf"(?:[,!?]{_QUOTE_END}\s+(?:{PRONOUNS})\s+({ACTION_VERBS}|{ODD_VERBS})(?=[.,!?;:—]|\s*$)"
    rf"|,{_QUOTE_END}\s+(?:[A-Z][a-z]+)\s+({ACTION_VERBS}|{ODD_VERBS})(?=[.,!?;:—]|\s*$)"
    rf"|[,!?]{_QUOTE_END}\s+({ODD_VERBS})\s+(?:{PRONOUNS}|[A-Z][a-z]+)\b)"
)


def check(document) -> list[Finding]:
    text = document.text
    findings = []
    for match in _FULL_STOP_TAG.finditer(text):
        findings.append(_full_stop(match))
    for match in _NAME_FULL_STOP_TAG.finditer(text):
        findings.append(_full_stop(match))
    for match in _CAPITAL_TAG.finditer(text):
        findings.append(
            Finding(
                "tag-punctuation",
                match.start(1),
                match.end(1),
                "A speech tag after a comma continues the sentence, so it starts with a small letter.",
                f"Write “{match.group(1).lower()}”.",
            )
        )
    findings += _adverbs(text)
    findings += _speech_verbs(text)
    findings += _unclosed_quotes(document)
    return findings


def _full_stop(match) -> Finding:
    return Finding(
        "tag-punctuation",
        match.start(),
        match.start() + 1,
        "A full stop ends the sentence, but the speech tag after it belongs to the same sentence.",
        "Use a comma inside the quotation marks: “Go home,” she said.",
    )


def _adverbs(text: str) -> list[Finding]:
    findings = []
    for pattern, verb_group, adverb_group in (
        (_ADVERB_AFTER, 1, 2),
        (_ADVERB_INVERTED, 1, 2),
        (_ADVERB_BEFORE, 2, 1),
        (_ADVERB_LEADING, 1, 2),
    ):
        for match in pattern.finditer(text):
            adverb = match.group(adverb_group)
            if adverb.lower() in NOT_ADVERBS or len(adverb) < 5:
                continue
            start = min(match.start(verb_group), match.start(adverb_group))
            end = max(match.end(verb_group), match.end(adverb_group))
            findings.append(
                Finding(
                    "tag-adverb",
                    start,
                    end,
                    "The adverb tells the reader how it was said instead of showing it.",
                    "Let the words carry the tone, or show it with an action or a stronger verb.",
                )
            )
    return sorted(set(findings), key=lambda f: f.start)


def _speech_verbs(text: str) -> list[Finding]:
    findings = []
    for match in _ACTION_TAG.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g))
        verb = match.group(group)
        if re.fullmatch(ODD_VERBS, verb):
            why = f"“{verb}” as a speech tag draws attention to itself."
            suggestion = "Plain “said” or “asked” is almost invisible to readers."
        else:
            why = f"“{verb}” is an action, not a way of speaking, so it cannot carry the dialogue."
            suggestion = "End the speech with a full stop and make it an action: “Fine.” She smiled."
        findings.append(Finding("speech-verb", match.start(group), match.end(group), why, suggestion))
    return findings


def _unclosed_quotes(document) -> list[Finding]:
    """A quotation still open at the end of its paragraph, unless the next paragraph opens with a quote
    mark (the convention for one speaker's speech running over several paragraphs)."""
    text = document.text
    findings = []
    paragraphs = document.paragraphs
    for index, (start, end) in enumerate(paragraphs):
        open_at = None
        for position in range(start, end):
            char = text[position]
            if char == '"' and position > start and text[position - 1].isdigit():
                continue  # inches: 5'10"
            if char == "“" or (char == '"' and open_at is None):
                if open_at is not None:
                    findings.append(_unclosed(open_at, position, "before the next one opens"))
                open_at = position
            elif char in '”"' and open_at is not None:
                open_at = None
        if open_at is not None:
            following = text[paragraphs[index + 1][0]] if index + 1 < len(paragraphs) else ""
            if not following or following not in _OPEN + "'‘":
                findings.append(_unclosed(open_at, end, "at the end of the paragraph"))
    return findings


def _unclosed(open_at: int, until: int, where: str) -> Finding:
    return Finding(
        "closing-quote",
        open_at,
        min(until, open_at + 1),
        f"This quotation is still open {where}.",
        "Add the closing quotation mark where the speech ends.",
    )
