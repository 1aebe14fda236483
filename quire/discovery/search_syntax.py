"""Turn what a reader types into a search box into queries two full-text engines can't choke on.

Readers type bare words (ANDed), "quoted phrases", prefixes (``mari*``), ``OR`` / ``|`` between
alternatives and ``-word`` / ``-"phrase"`` to exclude. Everything else is text, never syntax: the
search box is hostile input, and a search that 500s on a stray quote is a bug readers hit daily.

The parse is deliberately forgiving rather than strict: an unbalanced quote runs to the end of the
input, lone operators are ignored, and parse() never raises. The result is a small disjunctive
normal form (an OR of AND-groups) because both SQLite FTS5 and PostgreSQL's websearch syntax can
express exactly that shape without nesting, so neither renderer has to reason about precedence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

MAX_CHARS = 500  # bounds the work a single request can ask of the parser and of the engines
# Long AND chains only get slower, never better: each term costs the engines and the snippet marking
# time, so later terms are left out and the page says so (ParsedQuery.cut).
MAX_TERMS = 12

# A phrase may miss its closing quote (the reader is still typing); it then runs to the end.
# Parentheses are separators: grouping isn't supported, and ignoring them beats misreading them.
_TOKEN_RE = re.compile(r'(?P<neg>-*)"(?P<phrase>[^"]*)"?|(?P<bar>\|)|(?P<word>[^\s"|()]+)')
_WEBSEARCH_BARE_RE = re.compile(r"\w+")
_NOT_PREFIX_CHARS_RE = re.compile(r"[^\w'-]+")


@dataclass(frozen=True)
class Term:
    text: str  # the word or phrase, normalized (whitespace collapsed); never empty
    phrase: bool = False
    prefix: bool = False  # trailing * on a single word
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    # OR of AND-groups: ((a, b), (c,)) = (a AND b) OR c. Every group holds at least one positive term.
    groups: tuple[tuple[Term, ...], ...] = ()
    # When the reader typed only exclusions ("-logan -paris"): those terms, no longer negated. Engines
    # cannot match a pure NOT, so listings leave out the works matching any of them instead.
    unwanted: tuple[Term, ...] = ()
    # Whether terms past MAX_TERMS were left out, so the page can say the search was cut.
    cut: bool = False

    @property
    def is_empty(self) -> bool:
        # Callers show "type some words" instead of running a search that can only match nothing.
        return not self.groups

    def fts5(self) -> str:
        """A MATCH expression for SQLite FTS5. Every term is a quoted string, so no user text is syntax."""
        rendered = []
        for group in self.groups:
            positive = " AND ".join(_fts5_term(t) for t in group if not t.negated)
            negative = "".join(f" NOT {_fts5_term(t)}" for t in group if t.negated)
            rendered.append(f"({positive}{negative})")
        # An empty MATCH string is an FTS5 syntax error; an empty phrase is valid and matches nothing.
        return " OR ".join(rendered) or '""'

    def websearch(self) -> str:
        """Text for PostgreSQL's websearch_to_tsquery(), equivalent to fts5() minus prefix terms.

        websearch syntax has no prefix operator, so prefix terms are left out (use prefix_terms()).
        A group whose only positive terms were prefixes is left out entirely: keeping its negations
        alone would turn "mari* -rory" into "everything without rory".
        """
        rendered = []
        for group in self.groups:
            terms = [t for t in group if not t.prefix]
            if any(not t.negated for t in terms):
                rendered.append(" ".join(_websearch_term(t) for t in terms))
        # websearch_to_tsquery reads "or" in any case; the docs spell it lowercase, so do we.
        return " or ".join(rendered)

    def prefix_terms(self) -> list[str]:
        """Positive prefix words, reduced to [\\w'-]+ so "word:*" is always valid to_tsquery input."""
        words = []
        for term in self._positive_terms():
            if term.prefix:
                # Other punctuation becomes a hyphen so "a.b*" stays one compound rather than "ab";
                # edge quotes/hyphens go because to_tsquery reads a leading ' as a quote (syntax error).
                words.append(_NOT_PREFIX_CHARS_RE.sub("-", term.text).strip("'-"))
        return _unique(w for w in words if w)

    def highlight_words(self) -> list[str]:
        """Positive words, phrase words included, for marking up result snippets."""
        words = (w.strip("'-") for t in self._positive_terms() for w in re.findall(r"[\w'-]+", t.text))
        return _unique(w for w in words if w)

    def _positive_terms(self):
        return (t for group in self.groups for t in group if not t.negated)


def parse(text: str) -> ParsedQuery:
    """Parse search-box text. Never raises; returns an empty ParsedQuery for junk or empty input."""
    if not isinstance(text, str):
        return ParsedQuery()
    text = _clean(text[:MAX_CHARS])
    groups: list[list[Term]] = [[]]
    seen: set[tuple] = set()  # the current group's terms, case folded
    count, cut = 0, False
    for match in _TOKEN_RE.finditer(text):
        word = match["word"]
        if match["bar"] or word == "OR":  # only uppercase OR: lowercase "or" is a word people search for
            groups.append([])  # leading, trailing and doubled ORs just leave empty groups, dropped below
            seen = set()
            continue
        term = _phrase_term(match["phrase"], bool(match["neg"])) if word is None else _word_term(word)
        if term is None:
            continue
        # A word repeated in one group adds nothing ("rory Rory rory" is "rory") but would cost each time.
        key = (term.text.casefold(), term.phrase, term.prefix, term.negated)
        if key in seen:
            continue
        seen.add(key)
        if count >= MAX_TERMS:
            cut = True
            break
        groups[-1].append(term)
        count += 1
    kept = tuple(tuple(g) for g in groups if any(not t.negated for t in g))
    exclusions_only = [g for g in groups if g]
    if kept or len(exclusions_only) != 1:  # "-a OR -b" is nearly everything: ignored, as before
        return ParsedQuery(kept, cut=cut)
    unwanted = tuple(dict.fromkeys(replace(t, negated=False) for t in exclusions_only[0]))
    return ParsedQuery(unwanted=unwanted, cut=cut)


def _clean(text: str) -> str:
    # NFC so decomposed input (pasted from macOS, say) compares like the stored, composed text.
    text = unicodedata.normalize("NFC", text)
    # Control characters become spaces (PostgreSQL rejects NUL outright); lone surrogates are dropped
    # because they cannot be encoded to UTF-8 for either database driver.
    return "".join(" " if cat == "Cc" else ch for ch in text if (cat := unicodedata.category(ch)) != "Cs")


def _phrase_term(phrase: str, negated: bool) -> Term | None:
    text = " ".join(phrase.split())
    return Term(text, phrase=True, negated=negated) if _has_token_char(text) else None


def _word_term(word: str) -> Term | None:
    negated = word.startswith("-")  # "--x" is still just "not x"; a lone "-" is dropped below
    text = word.lstrip("-")
    bare = text.rstrip("*")
    prefix = bare != text  # "mari**" is a prefix; "*mari" keeps its star as inert text
    return Term(bare, prefix=prefix, negated=negated) if _has_token_char(bare) else None


def _has_token_char(text: str) -> bool:
    # FTS5's unicode61 tokenizer indexes letters, numbers and private-use characters (L*, N*, Co) and
    # treats the rest as separators. A term with none of them ("!!!", "🔥") is an empty phrase that
    # matches nothing, which would silently sink its whole AND-group, so it is dropped instead.
    return any((cat := unicodedata.category(ch))[0] in "LN" or cat == "Co" for ch in text)


def _fts5_term(term: Term) -> str:
    # Inside an FTS5 string only the double quote is special, and doubling it escapes it.
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + ("*" if term.prefix else "")


def _websearch_term(term: Term) -> str:
    # Plain words go bare; anything else is quoted so websearch reads it as a phrase rather than as
    # operators, including the word "or" itself. parse() never puts a quote in a term, but a Term
    # built by hand might, so it becomes a space rather than ending the phrase early.
    text = term.text.replace('"', " ")
    if term.phrase or not _WEBSEARCH_BARE_RE.fullmatch(text) or text.lower() == "or":
        text = f'"{text}"'
    return ("-" if term.negated else "") + text


def _unique(words) -> list[str]:
    seen: set[str] = set()
    out = []
    for word in words:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            out.append(word)
    return out
