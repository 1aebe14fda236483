"""Turn what a reader types into a search box into queries two full-text engines can't choke on.

Readers type bare words (ANDed), "quoted phrases", prefixes (``mari*``), ``OR`` / ``|`` between
alternatives and ``-word`` / ``-"phrase"`` to exclude. Everything else is text, never syntax: the
search box is hostile input, and a search that 500s on a stray quote is a bug readers hit daily.

The parse is deliberately forgiving rather than strict: an unbalanced quote runs to the end of the
input, lone operators are ignored, and parse() never raises. The result is a small disjunctive
normal form (an OR of AND-groups) because both SQLite FTS5 and PostgreSQL's websearch syntax can
express exactly that shape without nesting, so neither renderer has to reason about precedence.

Chinese, Japanese and Korean text in a term is matched by its characters and pairs (quire.discovery.cjk):
"狼の夢" matches works holding 狼の and の夢, and a term mixing scripts ("Rory狼") matches each of its parts.
A term excluded with "-" leaves out the works that match all of it. The CJK characters a search reads are
capped at MAX_CJK_CHARS, as its terms are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from quire.discovery import cjk

MAX_CHARS = 500  # bounds the work a single request can ask of the parser and of the engines
# Long AND chains only get slower, never better: each term costs the engines and the snippet marking
# time, so later terms are left out and the page says so (ParsedQuery.cut).
MAX_TERMS = 12
# Each CJK character past the first of a run is one more pair for the engines to look up: a 500-character
# paste is cut to its first MAX_CJK_CHARS, which already single out a passage.
MAX_CJK_CHARS = 32

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
    # Whether terms past MAX_TERMS were left out (cut), or CJK text past MAX_CJK_CHARS (cjk_cut), so the
    # page can say the search was cut.
    cut: bool = False
    cjk_cut: bool = False

    @property
    def is_empty(self) -> bool:
        # Callers show "type some words" instead of running a search that can only match nothing.
        return not self.groups

    @property
    def has_cjk(self) -> bool:
        return any(cjk.has_cjk(t.text) for group in self.groups for t in group)

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
        """Text for PostgreSQL's websearch_to_tsquery(), equivalent to fts5() minus prefix terms and
        terms holding CJK text (tsquery() renders those).

        websearch syntax has no prefix operator, so prefix terms are left out (use prefix_terms()).
        A group whose only positive terms were prefixes is left out entirely: keeping its negations
        alone would turn "mari* -rory" into "everything without rory".
        """
        rendered = []
        for group in self.groups:
            terms = [t for t in group if not t.prefix and not cjk.has_cjk(t.text)]
            if any(not t.negated for t in terms):
                rendered.append(" ".join(_websearch_term(t) for t in terms))
        # websearch_to_tsquery reads "or" in any case; the docs spell it lowercase, so do we.
        return " or ".join(rendered)

    def tsquery(self) -> tuple[str, list[str]]:
        """A PostgreSQL tsquery expression equivalent to fts5(), with its parameters: websearch() when no
        term holds CJK text; otherwise each group's words through websearch_to_tsquery() and its CJK terms
        through to_tsquery(), with && and !!. Prefix words are ANDed after, as to_tsquery('simple') terms."""
        if not self.has_cjk:
            words = self.websearch()
            parts = ["websearch_to_tsquery('english', %s)"] if words.strip() else []
            params = [words] if words.strip() else []
        else:
            parts, params, groups = [], [], []
            for group in self.groups:
                plain = [t for t in group if not t.prefix and not cjk.has_cjk(t.text)]
                mixed = [t for t in group if cjk.has_cjk(t.text)]
                if not any(not t.negated for t in plain + mixed):
                    continue  # only prefixes (or nothing) to look for: left out, as websearch() leaves it
                group_parts = []
                if plain:
                    group_parts.append("websearch_to_tsquery('english', %s)")
                    params.append(" ".join(_websearch_term(t) for t in plain))
                for term in mixed:
                    sql = " && ".join(_tsquery_pieces(term, params))
                    group_parts.append(f"!!({sql})" if term.negated else f"({sql})")
                groups.append("(" + " && ".join(group_parts) + ")")
            if groups:
                parts.append("(" + " || ".join(groups) + ")")
        for word in self.prefix_terms():
            parts.append("to_tsquery('simple', %s)")
            params.append(f"{word}:*")
        return " && ".join(parts) or "''::tsquery", params

    def prefix_terms(self) -> list[str]:
        """Positive prefix words, reduced to [\\w'-]+ so "word:*" is always valid to_tsquery input. A
        prefix ending a term with CJK text in it is tsquery()'s."""
        words = []
        for term in self._positive_terms():
            if term.prefix and not cjk.has_cjk(term.text):
                words.append(_prefix_word(term.text))
        return _unique(w for w in words if w)

    def highlight_words(self) -> list[str]:
        """Positive words, phrase words included, for marking up result snippets; CJK text is left to
        highlight_runs()."""
        words = (
            w.strip("'-")
            for t in self._positive_terms()
            for piece, is_cjk in cjk.pieces(t.text)
            if not is_cjk
            for w in re.findall(r"[\w'-]+", piece)
        )
        return _unique(w for w in words if w)

    def highlight_runs(self) -> list[str]:
        """Positive CJK runs with the pairs they are matched by, for marking up result snippets."""
        runs = (
            text
            for t in self._positive_terms()
            for piece, is_cjk in cjk.pieces(t.text)
            if is_cjk
            for text in (piece, *cjk.lexemes(piece))
        )
        return _unique(runs)

    def _positive_terms(self):
        return (t for group in self.groups for t in group if not t.negated)


def parse(text: str) -> ParsedQuery:
    """Parse search-box text. Never raises; returns an empty ParsedQuery for junk or empty input."""
    if not isinstance(text, str):
        return ParsedQuery()
    text = _clean(text[:MAX_CHARS])
    groups: list[list[Term]] = [[]]
    seen: set[tuple] = set()  # the current group's terms, case folded
    count, cut, cjk_cut = 0, False, False
    cjk_left = MAX_CJK_CHARS
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
        if cjk.count(term.text) > cjk_left:
            cjk_cut = True
            if cjk_left == 0:
                break
            term = replace(term, text=cjk.truncate(term.text, cjk_left), prefix=False)
        cjk_left -= cjk.count(term.text)
        groups[-1].append(term)
        count += 1
        if cjk_cut:
            break
    kept = tuple(tuple(g) for g in groups if any(not t.negated for t in g))
    exclusions_only = [g for g in groups if g]
    if kept or len(exclusions_only) != 1:  # "-a OR -b" is nearly everything: ignored, as before
        return ParsedQuery(kept, cut=cut, cjk_cut=cjk_cut)
    unwanted = tuple(dict.fromkeys(replace(t, negated=False) for t in exclusions_only[0]))
    return ParsedQuery(unwanted=unwanted, cut=cut, cjk_cut=cjk_cut)


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
    if not cjk.has_cjk(term.text):
        return _fts5_string(term.text) + ("*" if term.prefix else "")
    # Each piece of the term is looked for: CJK runs by their characters or pairs, as they are indexed.
    parts = []
    pieces = cjk.pieces(term.text)
    for index, (piece, is_cjk) in enumerate(pieces):
        if is_cjk:
            parts.extend(_fts5_string(lexeme) for lexeme in cjk.lexemes(piece))
        elif _has_token_char(piece):
            last = index == len(pieces) - 1
            parts.append(_fts5_string(" ".join(piece.split())) + ("*" if term.prefix and last else ""))
    return "(" + " AND ".join(parts) + ")"


def _fts5_string(text: str) -> str:
    # Inside an FTS5 string only the double quote is special, and doubling it escapes it.
    return '"' + text.replace('"', '""') + '"'


def _tsquery_pieces(term: Term, params: list[str]) -> list[str]:
    """tsquery expressions for each piece of a term holding CJK text, their parameters added to `params`."""
    parts = []
    pieces = cjk.pieces(term.text)
    for index, (piece, is_cjk) in enumerate(pieces):
        if is_cjk:
            # CJK letters are never quotes or backslashes: quoted, each is exactly one lexeme.
            parts.append("to_tsquery('english', %s)")
            params.append(" & ".join(f"'{lexeme}'" for lexeme in cjk.lexemes(piece)))
        elif not _has_token_char(piece):
            continue
        elif term.prefix and index == len(pieces) - 1:
            if word := _prefix_word(piece):
                parts.append("to_tsquery('simple', %s)")
                params.append(f"{word}:*")
        else:
            parts.append("websearch_to_tsquery('english', %s)")
            params.append(_websearch_term(Term(" ".join(piece.split()), phrase=term.phrase)))
    return parts


def _prefix_word(text: str) -> str:
    # Other punctuation becomes a hyphen so "a.b*" stays one compound rather than "ab"; edge quotes and
    # hyphens go because to_tsquery reads a leading ' as a quote (syntax error).
    return _NOT_PREFIX_CHARS_RE.sub("-", text).strip("'-")


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
