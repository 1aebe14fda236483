"""Words and punctuation in reading order, for rules that judge a word by its neighbours."""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\n\s*\n|[^\sA-Za-z]")
PARAGRAPH = "¶"


@dataclass(frozen=True)
class Token:
    text: str
    lower: str  # lower case, straight apostrophes
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.lower[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        lower = PARAGRAPH if raw.startswith("\n") else raw.lower().replace("’", "'")
        found.append(Token(raw, lower, match.start(), match.end()))
    return found


class Window:
    """The tokens around one position; past either end every token reads as a paragraph break."""

    def __init__(self, tokens: list[Token], index: int):
        self.tokens = tokens
        self.index = index

    def at(self, offset: int) -> str:
        position = self.index + offset
        if 0 <= position < len(self.tokens):
            return self.tokens[position].lower
        return PARAGRAPH

    def token(self, offset: int) -> Token:
        return self.tokens[self.index + offset]

    @property
    def current(self) -> Token:
        return self.tokens[self.index]
