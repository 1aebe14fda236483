"""Commonly confused words, judged by their neighbours.

Without a tagger or a language model, each check fires only where the neighbours leave no honest doubt
("your going", "its been", "more then ever"); anything ambiguous stays silent. Recall is traded for
precision on purpose: a writer who sees false alarms stops reading the report.
"""

from quire.beta.findings import Finding
from quire.beta.tokens import PARAGRAPH, Window

BREAK = {".", ",", "!", "?", ";", ":", "—", "–", "…", '"', "”", ")", PARAGRAPH}
DETERMINERS = {"a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those"}
POSSESSIVES = {"my", "your", "his", "her", "our", "their"}
MODALS = {
    "to", "will", "would", "could", "can", "might", "may", "must", "should", "shall", "don't", "didn't",
    "doesn't", "won't", "wouldn't", "can't", "cannot", "couldn't", "never", "not", "gonna", "shouldn't",
    "mustn't", "i'll", "you'll", "we'll", "they'll", "he'll", "she'll", "it'll",
}  # fmt: skip
OBJECTS = {"me", "you", "him", "her", "us", "them", "it", "everyone", "anyone", "everybody", "anybody"}
# Things a possessive can own that cannot follow a bare "it is", "they are" or "who is" ("it's tail").
OWNED = {
    "own", "mother", "father", "mom", "mum", "dad", "parents", "brother", "sister", "brothers", "sisters",
    "kids", "children", "son", "daughter", "wife", "husband", "boyfriend", "girlfriend", "house", "home",
    "car", "phone", "room", "bedroom", "hand", "hands", "eyes", "face", "faces", "head", "heads", "hair",
    "name", "names", "life", "lives", "fault", "turn", "job", "heart", "mind", "feet", "arms", "lips",
    "voice", "side", "idea", "bag", "clothes", "stuff", "tail", "wings", "paws", "fur", "claws", "jaws",
    "hinges", "lid", "handle", "mane", "leaves", "roots", "purpose", "surface", "edges", "contents",
    "teeth", "horns", "master", "owner", "friends", "relationship", "bed", "apartment", "wand", "sword",
    "uniform", "shirt", "jacket", "coat", "boots", "shoes", "team", "dog", "cat", "horse", "keys",
}  # fmt: skip
BE_BEFORE = {"is", "was", "are", "were", "be", "been", "being", "'s", "am", "isn't", "wasn't", "aren't"}


def _finding(window: Window, slug: str, wanted: str, why: str) -> Finding:
    word = window.current
    if word.text[:1].isupper():
        wanted = wanted[:1].upper() + wanted[1:]
    return Finding(slug, word.start, word.end, why, f"Did you mean “{wanted}”?")


def _next_word(window: Window, offset: int = 1) -> str:
    """The word at offset, or "" when it is the first half of a hyphenated word ("so-called")."""
    word = window.at(offset)
    return "" if window.at(offset + 1) == "-" else word


# --- your / you're ------------------------------------------------------------------------------------
YOURE_NEXT = {
    "gonna", "kidding", "joking", "lying", "not", "so", "too", "such", "always", "never", "a", "an", "the",
    "my", "in", "at", "on", "probably", "already", "definitely",
}  # fmt: skip
# "your leaving", "your talking" can be nouns after a possessive; they count only before a verb's complement.
GERUNDS = {"going", "coming", "leaving", "trying", "talking", "telling", "asking", "staying", "getting", "making", "doing", "being", "supposed"}  # fmt: skip
GERUND_COMPLEMENTS = {"to", "back", "out", "home", "me", "him", "her", "us", "them", "it", "so", "too", "a", "the", "really", "just", "such", "with", "crazy", "nowhere"}  # fmt: skip
YOURE_BEFORE_BREAK = {
    "right", "wrong", "ready", "welcome", "sure", "late", "crazy", "insane", "beautiful", "amazing",
    "serious", "okay", "free", "done", "sorry", "brilliant", "impossible", "ridiculous", "packed", "here",
    "there", "awake", "alive", "drunk", "stupid", "perfect", "adorable", "gorgeous", "cute", "jealous",
    "scared", "afraid", "mad", "angry",
}  # fmt: skip
_WELCOME_OUTSTAYED = {"outstayed", "overstayed", "outstay", "overstay", "outstaying", "overstaying", "wear"}
_DIRECTION_BEFORE = {"on", "to", "at", "from", "by", "behind", "with", "in", "into", "onto"}


def _your(window: Window) -> Finding | None:
    after = _next_word(window)
    why = "“Your” owns something; “you’re” is short for “you are”."
    if after in YOURE_NEXT or (after in GERUNDS and window.at(2) in GERUND_COMPLEMENTS):
        return _finding(window, "your-youre", "you’re", why)
    if after in YOURE_BEFORE_BREAK and (window.at(2) in BREAK or window.at(2) in {"about", "that"}):
        if after == "welcome" and window.at(-1) in _WELCOME_OUTSTAYED:
            return None
        if window.at(-1) in _DIRECTION_BEFORE:
            return None
        return _finding(window, "your-youre", "you’re", why)
    return None


def _youre(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in OWNED - {"friends", "home", "family", "side", "team"}:
        return _finding(
            window, "your-youre", "your", "“You’re” means “you are”; for something you own, “your”."
        )
    return None


# --- its / it's ---------------------------------------------------------------------------------------
ITS_NEXT = DETERMINERS | {"was", "is", "wasn't", "isn't", "not", "been", "going", "gonna", "got", "just", "no", "all", "so", "too", "always", "never", "okay", "alright", "fine"}  # fmt: skip
ITS_BEFORE_BREAK = {"over", "true", "late", "fine", "okay", "ok", "alright", "done", "mine", "yours", "you", "me", "him", "her", "us", "them", "nothing", "time", "cold", "dark", "here", "there", "raining", "snowing"}  # fmt: skip


def _its(window: Window) -> Finding | None:
    after = _next_word(window)
    why = "“Its” owns something; “it’s” is short for “it is” or “it has”."
    if after in {"okay", "alright", "fine", "all", "always", "never"} and window.at(2) not in BREAK:
        return None
    if after in ITS_NEXT or (after in ITS_BEFORE_BREAK and window.at(2) in BREAK):
        return _finding(window, "its-its", "it’s", why)
    return None


def _it_s(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in OWNED - {"time", "home", "turn", "side", "idea", "job"} and window.at(-1) not in BE_BEFORE:
        return _finding(window, "its-its", "its", "“It’s” means “it is”; for something it owns, “its”.")
    return None


# --- there / their / they're --------------------------------------------------------------------------
THEIR_IS = {"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "seems", "seemed"}  # fmt: skip
THEYRE_NEXT = {"gonna", "not", "so", "too", "always", "never", "a", "an", "the", "probably", "already"}
PLACE_BEFORE = {"over", "out", "in", "up", "down", "from", "back", "right", "around", "get", "got", "go", "went", "stay", "stayed", "sit", "stand", "stood", "be"}  # fmt: skip


def _their(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in THEIR_IS:
        return _finding(
            window, "there-their", "there", "“Their” owns something; for a place or “there is”, “there”."
        )
    if after in BREAK and window.at(-1) in PLACE_BEFORE:
        return _finding(window, "there-their", "there", "“Their” owns something; for a place, “there”.")
    if after in THEYRE_NEXT or (after in GERUNDS and window.at(2) in GERUND_COMPLEMENTS):
        return _finding(
            window, "there-their", "they’re", "“Their” owns something; “they’re” is short for “they are”."
        )
    return None


def _there(window: Window) -> Finding | None:
    after = _next_word(window)
    owned = OWNED - {"room", "time", "home", "side", "idea", "stuff", "bed", "job", "turn", "team"}
    if after in owned and window.at(-1) not in BE_BEFORE | {"get", "got", "go", "went", "getting", "be", "in", "from", "out", "over", "hi", "hey", "hello"}:  # fmt: skip
        return _finding(
            window, "there-their", "their", "“There” is a place; for something they own, “their”."
        )
    return None


def _theyre(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in OWNED - {"friends", "home", "family", "side", "team"}:
        return _finding(
            window, "there-their", "their", "“They’re” means “they are”; for something they own, “their”."
        )
    if after in BREAK and window.at(-1) in {"over", "out", "in", "from"}:
        return _finding(window, "there-their", "there", "“They’re” means “they are”; for a place, “there”.")
    return None


# --- then / than --------------------------------------------------------------------------------------
COMPARATIVES = {
    "more", "less", "fewer", "rather", "other", "better", "worse", "bigger", "smaller", "older", "younger",
    "taller", "shorter", "faster", "slower", "stronger", "weaker", "harder", "easier", "higher", "lower",
    "closer", "further", "farther", "louder", "quieter", "smarter", "happier", "braver", "darker", "brighter",
    "colder", "warmer", "hotter", "heavier", "lighter", "deeper", "wider", "richer", "poorer", "prettier",
    "greater", "kinder", "safer", "scarier", "sadder", "angrier", "calmer", "softer", "tighter",
    "nicer", "cuter", "wiser", "stranger", "thinner", "bolder", "sharper", "cleverer", "busier", "quicker",
    "tougher", "cooler", "lonelier", "funnier", "worthier", "crueler", "crueller", "fiercer", "gentler",
}  # fmt: skip
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "able", "ible", "ant", "ent", "ic", "al", "ing", "ed", "ly")
THAN_NEXT = {"ever", "usual", "expected", "anyone", "anybody", "anything", "everyone", "everybody", "necessary", "intended", "planned", "normal"}  # fmt: skip
# "once more then", "each other then": the comparative-looking word is not comparing anything.
NOT_COMPARING = {"once", "any", "no", "some", "each", "every", "the", "one", "an"}
WOULD = {"i'd", "you'd", "he'd", "she'd", "we'd", "they'd", "would", "had"}
COMPARED = THAN_NEXT | {"nothing"} | OBJECTS | DETERMINERS | {"i", "he", "she", "we", "they", "what", "when", "in", "at", "any", "most", "last", "before", "yesterday"}  # fmt: skip


def _compared(window: Window) -> bool:
    """After "then": something that can be compared ("than him"), not the next action ("then left")."""
    after = window.token(1) if window.index + 1 < len(window.tokens) else None
    if after is None or not after.is_word:
        return False
    return after.lower in COMPARED or after.text[:1].isupper() or after.text.isdigit()


def _then(window: Window) -> Finding | None:
    before = window.at(-1)
    why = "“Than” compares; “then” is about time or order."
    if (
        before in COMPARATIVES
        and window.at(-2) not in NOT_COMPARING
        and (before == "rather" or _compared(window))
    ):
        return _finding(window, "then-than", "than", why)
    if (
        window.at(-2) in {"more", "less"}
        and before.endswith(_ADJECTIVE_ENDINGS)
        and before not in {"thing", "nothing", "something", "anything", "everything", "morning", "evening"}
        and _compared(window)
    ):
        return _finding(window, "then-than", "than", why)
    # "I'd rather die then ask", "easier said then done"
    if window.at(-2) == "rather" and window.at(-3) in WOULD and window.at(1) not in BREAK:
        return _finding(window, "then-than", "than", why)
    if before == "said" and window.at(-2) in {"easier", "sooner"} and window.at(1) == "done":
        return _finding(window, "then-than", "than", why)
    return None


def _than(window: Window) -> Finding | None:
    before = window.at(-1)
    why = "“Then” is about time or order; “than” compares."
    if (
        before in {"and", "since", "until", "till", "back", "by", "from"}
        and window.at(-2) not in COMPARATIVES
    ):
        return _finding(window, "then-than", "then", why)
    if before in {PARAGRAPH, ".", "!", "?", '"', "“"} and window.at(1) == ",":
        return _finding(window, "then-than", "then", why)
    return None


# --- lose / loose -------------------------------------------------------------------------------------
LOSE_OBJECTS = POSSESSIVES | OBJECTS | {
    "control", "track", "sight", "weight", "hope", "everything", "anything", "face", "touch", "interest",
    "consciousness", "focus", "sleep", "it", "this", "that", "my", "your", "the", "another", "again",
}  # fmt: skip
LOSE_NOUNS = {"this", "that", "control", "track", "sight", "weight", "hope", "everything", "face", "touch", "interest", "consciousness", "focus", "sleep"}  # fmt: skip
WANTING = {"want", "wanted", "wants", "going", "have", "had", "has", "need", "needed", "afraid", "scared", "not", "hate", "hated", "never", "refuse", "refused", "about", "bound", "trying", "tried", "like", "start", "started", "begin", "began"}  # fmt: skip
LOOSE_AFTER_VERB = {
    "break", "broke", "broken", "breaking", "breaks", "cut", "cutting", "let", "letting", "come", "came",
    "coming", "comes", "set", "setting", "hang", "hanging", "turn", "turned", "shake", "shook", "shaken",
    "pull", "pulled", "work", "worked", "tear", "tore", "torn", "wriggle", "wriggled", "wrench", "wrenched",
}  # fmt: skip


def _loose(window: Window) -> Finding | None:
    before = window.at(-1)
    after = window.at(1)
    if window.current.lower == "loosing":
        if after in LOSE_OBJECTS - {"the", "this", "that", "it", "them", "him", "her"} or after in {"it", "him"} and window.at(2) in BREAK:  # fmt: skip
            return _finding(
                window,
                "lose-loose",
                "losing",
                "“Loosing” means setting free; to stop having something is “losing”.",
            )
        return None
    objects = LOSE_OBJECTS - {"the", "it", "them", "him", "her", "another", "again"}
    # "ordered to loose their arrows" is archery; "want to loose my keys" is not.
    if before == "to" and window.at(-2) not in WANTING:
        return None
    if (before in MODALS and after in objects) or (
        before in {"i", "we", "you", "they"} and after in LOSE_NOUNS
    ):
        return _finding(
            window,
            "lose-loose",
            "lose",
            "“Loose” means not tight (or to set free); to stop having something is “lose”.",
        )
    return None


def _lose(window: Window) -> Finding | None:
    before = window.at(-1)
    why = "“Lose” is to stop having something; not tight or free is “loose”."
    if before in LOOSE_AFTER_VERB and (
        window.at(1) in BREAK | {"from", "and", "again", "on", "of", "in", "a", "the"}
    ):
        return _finding(window, "lose-loose", "loose", why)
    if before in {"a", "an", "the", "my", "your", "our"} and window.at(1) != "-":
        return _finding(window, "lose-loose", "loose", why)
    return None


# --- whose / who's ------------------------------------------------------------------------------------
WHOS_NEXT = {"going", "gonna", "coming", "there", "here", "next", "ready", "not", "been", "got", "asking", "talking", "calling", "in", "at", "a", "an", "the", "it", "that", "this", "responsible", "still", "really", "that's"}  # fmt: skip


def _whose(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in {"it", "that", "this", "there", "here"} and window.at(2) not in BREAK:
        return None
    if after in WHOS_NEXT:
        return _finding(
            window,
            "whose-whos",
            "who’s",
            "“Whose” asks who owns something; “who’s” is short for “who is” or “who has”.",
        )
    return None


def _whos(window: Window) -> Finding | None:
    after = _next_word(window)
    if after in OWNED - {"home", "next"}:
        return _finding(
            window, "whose-whos", "whose", "“Who’s” means “who is”; to ask who owns something, “whose”."
        )
    return None


# --- affect / effect ----------------------------------------------------------------------------------
# Not possessives: "to effect my escape" is right (to bring it about).
AFFECT_OBJECTS = OBJECTS | {"anything", "everything", "how", "whether"}
EFFECT_BEFORE = {"side", "lasting", "desired", "immediate", "opposite", "same", "special", "full", "butterfly", "domino", "placebo", "any", "no", "an", "little", "much", "that", "the", "strange", "sound", "great", "calming"}  # fmt: skip


def _effect(window: Window) -> Finding | None:
    word = window.current.lower
    before = window.at(-1)
    after = window.at(1)
    if after not in AFFECT_OBJECTS:
        return None
    wanted = {"effect": "affect", "effects": "affects", "effected": "affected", "effecting": "affecting"}[
        word
    ]
    if word == "effect" and before not in MODALS | {"it", "they", "i", "we", "you"}:
        return None
    if word == "effects" and before not in {"it", "this", "that", "he", "she", "which", "what", "never", "really", "only"}:  # fmt: skip
        return None
    return _finding(
        window,
        "affect-effect",
        wanted,
        "To change or influence something is to “affect” it; an “effect” is a result.",
    )


def _affect(window: Window) -> Finding | None:
    word = window.current.lower
    before = window.at(-1)
    after = window.at(1)
    wanted = "effects" if word == "affects" else "effect"
    why = "An “effect” is a result; to “affect” is to change or influence something."
    if before in {"take", "took", "taken", "takes", "taking", "in", "into"} and (
        word == "affect" or before != "in"
    ):
        return _finding(window, "affect-effect", wanted, why)
    if before in EFFECT_BEFORE - {"the", "that", "no", "any", "an", "much", "little"}:
        return _finding(window, "affect-effect", wanted, why)
    if after == "on" and before in {"the", "an", "no", "any", "that", "this", "much", "little", "big", "huge", "strange"}:  # fmt: skip
        return _finding(window, "affect-effect", wanted, why)
    return None


# --- to / too -----------------------------------------------------------------------------------------
TOO_ADJECTIVES = {
    "much", "many", "late", "early", "soon", "bad", "tired", "busy", "big", "small", "fast", "hot", "cold",
    "young", "old", "afraid", "scared", "hard", "easy", "far", "loud", "bright", "good", "sweet", "nice",
    "cute", "often", "little", "sick", "weak", "heavy", "tight", "short", "tall", "high", "low",
    "deep", "proud", "stubborn", "shy", "drunk", "lazy", "stupid", "important", "dangerous", "risky",
    "exhausted", "distracted", "close", "long",
}  # fmt: skip
TOO_INTENSIFIED_BY = {
    "is", "was", "are", "were", "be", "been", "being", "it's", "i'm", "you're", "he's", "she's", "we're",
    "they're", "that's", "am", "seems", "seemed", "felt", "feel", "feels", "looked", "looks", "way", "far", "much", "just", "all", "bit", "little", "sounded", "sounds",
}  # fmt: skip
TO_VERBS = {
    "be", "go", "get", "see", "do", "make", "take", "know", "come", "say", "tell", "find", "think", "leave",
    "stay", "eat", "sleep", "help", "talk", "keep", "try", "give", "hear", "work", "play", "run", "fight",
    "kill", "die", "kiss", "hold", "sit", "stand", "ask", "look", "feel", "start", "stop", "call", "meet",
    "watch", "believe", "understand", "forget", "remember", "explain", "bring", "buy", "pay", "change",
    "move", "win", "lose", "live", "love", "have", "hurt", "protect", "save", "lie", "cry", "wait",
}  # fmt: skip
TO_BEFORE_VERB = {"going", "want", "wanted", "wants", "have", "has", "need", "needed", "needs", "trying", "tried", "used", "able", "supposed", "about", "like", "hate", "decided", "managed", "started", "began", "ought"}  # fmt: skip


def _to(window: Window) -> Finding | None:
    after = _next_word(window)
    before = window.at(-1)
    why = "“Too” means “also” or “more than enough”; “to” is for directions and verbs."
    if before in {"me", "you"} and after in {".", "!", ",", PARAGRAPH, '"', "”"} and window.at(-2) in {PARAGRAPH, ",", ".", '"', "“", "love", "miss", "and", "you"}:  # fmt: skip
        return _finding(window, "to-too", "too", why)
    if after in TOO_ADJECTIVES and before in TOO_INTENSIFIED_BY:
        if after in {"close", "long", "much", "many", "little"} and before not in {"way", "far"} and window.at(2) not in BREAK | {"to", "for"}:  # fmt: skip
            return None
        return _finding(window, "to-too", "too", why)
    return None


def _too(window: Window) -> Finding | None:
    after = _next_word(window)
    before = window.at(-1)
    why = "“Too” means “also” or “more than enough”; before a verb or a place, “to”."
    if after in TO_VERBS and before in TO_BEFORE_VERB:
        return _finding(window, "to-too", "to", why)
    if after in {"the", "my", "his", "their", "our", "your"} and before not in BREAK and before not in {"me", "you", "him", "her", "us", "them", "it"}:  # fmt: skip
        return _finding(window, "to-too", "to", why)
    return None


CHECKS = {
    "your": _your,
    "you're": _youre,
    "its": _its,
    "it's": _it_s,
    "their": _their,
    "there": _there,
    "they're": _theyre,
    "then": _then,
    "than": _than,
    "loose": _loose,
    "loosing": _loose,
    "lose": _lose,
    "whose": _whose,
    "who's": _whos,
    "effect": _effect,
    "effects": _effect,
    "effected": _effect,
    "affect": _affect,
    "affects": _affect,
    "to": _to,
    "too": _too,
}


def check(document) -> list[Finding]:
    tokens = document.tokens
    findings = []
    for index, token in enumerate(tokens):
        rule = CHECKS.get(token.lower)
        if rule and (finding := rule(Window(tokens, index))):
            findings.append(finding)
    return findings
