"""Full-text search over SearchDocument: SQLite FTS5 or PostgreSQL tsvector, chosen by the connection.

Reader syntax is parsed by search_syntax into safe engine queries, so no input can cause a syntax error.
Ranking weights the title highest, then tags and author names, then summary and notes, then the body.
"""

import html
import re
from dataclasses import replace
from itertools import islice, product

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, F, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from quire.discovery import cjk
from quire.discovery.models import SearchDocument
from quire.discovery.search_syntax import ParsedQuery, Term
from quire.tags.selectors import tags_named

# A snippet is looked for in this much of each work's text and of its summary and notes.
SNIPPET_SOURCE_CHARS = 40_000
# bm25 column weights, in FTS5 column order: title, tags, people, summary, body.
FTS5_WEIGHTS = "10.0, 5.0, 5.0, 2.0, 1.0"
# Works matching in these come first: bm25 divides by the length of the whole row, so a long story's
# title match scored below a drabble's passing mention, where PostgreSQL's ts_rank keeps the title first.
FTS5_HEADLINE_COLUMNS = "{title tags people}"


MAX_EXPANDED_GROUPS = 16


def expand_synonyms(parsed: ParsedQuery) -> ParsedQuery:
    """A term that is a synonym tag's name also matches its canonical tag's name.

    The index holds each work's own tag names plus its canonical and meta tags' names, so a work tagged
    "Rory/Jess" is found by "Jess Mariano/Rory Gilmore"; this makes "literati" find them all too, without
    reindexing a whole canonical tag whenever a wrangler adds a synonym.
    """
    # As typed, not lower-cased in Python: the database folds their case as its index of tag names does.
    texts = {term.text for group in parsed.groups for term in group if not term.negated and not term.prefix}
    canonical_of = {
        text: tag.merger.name for text, tag in tags_named(texts).items() if tag.merger_id is not None
    }
    if not canonical_of:
        return parsed

    def expanded():
        for group in parsed.groups:
            options = [
                [term, Term(text=canonical_of[term.text.lower()], phrase=True)]
                if not term.negated and term.text.lower() in canonical_of
                else [term]
                for term in group
            ]
            yield from product(*options)

    # product() makes its combinations one at a time; taking only the first few keeps the cost to those,
    # where building them all first took 7 s and 500 MB for 21 copies of one synonym.
    groups = tuple(islice(expanded(), MAX_EXPANDED_GROUPS))
    return replace(parsed, groups=groups)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def only_ignored_words(parsed: ParsedQuery) -> bool:
    """Whether the engine drops every word searched for: PostgreSQL's english configuration leaves stop
    words ("the", "and") out of documents and queries alike, so such a search can match nothing."""
    words = parsed.websearch()
    if not _is_postgres() or parsed.prefix_terms() or parsed.has_cjk or not words.strip():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery('english', %s))", [words])
        return cursor.fetchone()[0] == 0


def matching(parsed: ParsedQuery) -> RawSQL:
    """A subquery of the ids of works whose text matches, for `pk__in=`."""
    if _is_postgres():
        query_sql, params = parsed.tsquery()
        return RawSQL(f"SELECT work_id FROM discovery_searchdocument WHERE vector @@ ({query_sql})", params)
    return RawSQL(
        "SELECT rowid FROM discovery_search_fts WHERE discovery_search_fts MATCH %s", [parsed.fts5()]
    )


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def matches(parsed: ParsedQuery) -> Func:
    """The match as a condition on the search documents themselves (PostgreSQL), for listings that read
    them directly: as `pk IN (matching ids)` the planner walked every document to probe the subquery."""
    query_sql, params = parsed.tsquery()
    return _Matches(F("vector"), RawSQL(query_sql, params))


def ranked_ids(
    parsed: ParsedQuery, results: QuerySet, offset: int, limit: int, every_match: list[int] | None = None
) -> list[int]:
    """One page of matching work ids, best match first, among `results` (already filtered).

    `every_match`, when the caller already holds the ids of every result, lets PostgreSQL rank just those
    documents: matching them again rechecked each one's stored vector, and a phrase's 4,331 matches took
    52 ms to rank that way where ranking the ids took 35.
    """
    if every_match is not None and _is_postgres():
        among_sql, among_params = "d.work_id = ANY(%s::bigint[])", [every_match]
    else:
        try:
            candidates_sql, among_params = results.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a filter already ruled everything out
            return []
        among_sql = f"d.vector @@ s.q AND d.work_id IN ({candidates_sql})"
    with connection.cursor() as cursor:
        if _is_postgres():
            query_sql, params = parsed.tsquery()
            cursor.execute(
                f"SELECT d.work_id FROM discovery_searchdocument d, (SELECT {query_sql} AS q) s "
                f"WHERE {among_sql} "
                "ORDER BY ts_rank(d.vector, s.q) DESC, d.work_id DESC LIMIT %s OFFSET %s",
                [*params, *among_params, limit, offset],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM discovery_search_fts WHERE discovery_search_fts MATCH %s "
                # "+rowid" keeps SQLite from handing the IN list to FTS5, which would rerun the match per row.
                f"AND +rowid IN ({candidates_sql}) "
                "ORDER BY rowid IN (SELECT rowid FROM discovery_search_fts WHERE discovery_search_fts MATCH %s) "
                f"DESC, bm25(discovery_search_fts, {FTS5_WEIGHTS}), rowid DESC LIMIT %s OFFSET %s",
                [parsed.fts5(), *among_params, f"{FTS5_HEADLINE_COLUMNS} : ({parsed.fts5()})", limit, offset],
            )
        return [row[0] for row in cursor.fetchall()]


def snippets(parsed: ParsedQuery, work_ids: list[int]) -> dict[int, str]:
    """A short passage per work with the matching words marked, as safe HTML.

    Marked here in Python on both databases: SQLite's snippet() grew with the square of the number of
    terms (eight prefix terms took 12 s for one page) and ts_headline parses all the text it is given.
    One alternation of the searched words finds the first match and marks the window around it, so the
    cost grows with the text read (at most SNIPPET_SOURCE_CHARS a column) times the terms (at most
    MAX_TERMS).
    """
    pattern = _highlight_pattern(parsed)
    if not work_ids or pattern is None:
        return {}
    rows = SearchDocument.objects.filter(work_id__in=work_ids).values_list(
        "work_id",
        Substr("body", 1, SNIPPET_SOURCE_CHARS),
        Substr("summary", 1, SNIPPET_SOURCE_CHARS),
    )
    found = {}
    # From the story text or else the summary and notes: the blurb already shows the tags.
    for work_id, body, summary in rows:
        snippet = _snippet(body or "", pattern) or _snippet(summary or "", pattern)
        if snippet:
            found[work_id] = snippet
    return found


# Endings the stemmers of both engines (Porter on SQLite, english on PostgreSQL) fold away, so a search
# for "coffees" marks "coffee" and one for "kissing" marks "kissed".
_ENDINGS = re.compile(r"(?:'s|ing|ed|es|ly|s)$", re.IGNORECASE)
_SHORTEST_STEM = 4  # shorter stems ("he" of "hes") would mark every word that starts with them


def _highlight_pattern(parsed: ParsedQuery) -> re.Pattern | None:
    """One case-insensitive alternation of every positive word and prefix, longest first, and of every CJK
    run and its pairs, found anywhere (they have no spaces around them)."""
    prefixes = {word.casefold() for word in parsed.prefix_terms()}
    alternatives = set()
    for word in parsed.highlight_words():
        folded = word.casefold()
        if folded in prefixes:
            alternatives.add(re.escape(folded) + r"\w*")
            continue
        stem = _ENDINGS.sub("", folded)
        if len(stem) >= _SHORTEST_STEM:
            alternatives.add(re.escape(stem) + r"\w*")
        else:
            alternatives.add(re.escape(folded) + r"(?:'s|s|es)?")
    runs = sorted((re.escape(run) for run in parsed.highlight_runs()), key=len, reverse=True)
    if not alternatives and not runs:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)
    words = [r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)"] if ordered else []
    return re.compile("|".join(words + runs), re.IGNORECASE)


SNIPPET_BEFORE_CHARS = 60
SNIPPET_CHARS = 200


def _snippet(text: str, pattern: re.Pattern) -> str:
    """The passage around the first match, its matches marked and the rest escaped; "" if none match."""
    first = pattern.search(text)
    if first is None:
        return ""
    start = max(0, first.start() - SNIPPET_BEFORE_CHARS)
    if start and not cjk.has_cjk(text[start]):  # begin at a word, not inside one (each CJK character is one)
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else first.start()
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text) and not cjk.has_cjk(text[end - 1]):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else max(end, first.end())
    window = text[start:end]
    parts, done = [], 0
    for match in pattern.finditer(window):
        parts.append(html.escape(window[done : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        done = match.end()
    parts.append(html.escape(window[done:]))
    marked = " ".join("".join(parts).split())
    return ("… " if start else "") + marked + (" …" if end < len(text) else "")
