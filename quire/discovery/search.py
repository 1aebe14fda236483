"""Full-text search over SearchDocument: SQLite FTS5 or PostgreSQL tsvector, chosen by the connection.

Reader syntax is parsed by search_syntax into safe engine queries, so no input can cause a syntax error.
Ranking weights the title highest, then tags and author names, then summary and notes, then the body.
"""

import html
from itertools import product

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, F, Func, QuerySet
from django.db.models.expressions import RawSQL

from quire.discovery.search_syntax import ParsedQuery, Term
from quire.tags.selectors import tags_named

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_SOURCE_CHARS = 40_000
# ts_headline parses all the text it is given: 20 results' 40,000 characters took 40 ms for a common word,
# which nearly always matches early.
SNIPPET_FIRST_CHARS = 5_000
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
    groups = []
    for group in parsed.groups:
        options = [
            [term, Term(text=canonical_of[term.text.lower()], phrase=True)]
            if not term.negated and term.text.lower() in canonical_of
            else [term]
            for term in group
        ]
        groups.extend(tuple(choice) for choice in product(*options))
    return ParsedQuery(groups=tuple(groups[:MAX_EXPANDED_GROUPS]))


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_query_sql(parsed: ParsedQuery) -> tuple[str, list]:
    parts, params = [], []
    if parsed.websearch().strip():
        parts.append("websearch_to_tsquery('english', %s)")
        params.append(parsed.websearch())
    for word in parsed.prefix_terms():
        parts.append("to_tsquery('simple', %s)")
        params.append(f"{word}:*")
    return " && ".join(parts) or "''::tsquery", params


def only_ignored_words(parsed: ParsedQuery) -> bool:
    """Whether the engine drops every word searched for: PostgreSQL's english configuration leaves stop
    words ("the", "and") out of documents and queries alike, so such a search can match nothing."""
    words = parsed.websearch()
    if not _is_postgres() or parsed.prefix_terms() or not words.strip():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT numnode(websearch_to_tsquery('english', %s))", [words])
        return cursor.fetchone()[0] == 0


def matching(parsed: ParsedQuery) -> RawSQL:
    """A subquery of the ids of works whose text matches, for `pk__in=`."""
    if _is_postgres():
        query_sql, params = _pg_query_sql(parsed)
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
    query_sql, params = _pg_query_sql(parsed)
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
            query_sql, params = _pg_query_sql(parsed)
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
    """A short passage per work with the matching words marked, as safe HTML."""
    if not work_ids:
        return {}
    if _is_postgres():
        rows = _pg_snippets(parsed, work_ids, SNIPPET_FIRST_CHARS)
        # Works whose first match lies past the first stretch of text are read again, up to the limit.
        unmarked = [work_id for work_id, text in rows if MARK_START not in (text or "")]
        if unmarked:
            again = dict(_pg_snippets(parsed, unmarked, SNIPPET_SOURCE_CHARS))
            rows = [(work_id, again.get(work_id, text)) for work_id, text in rows]
    else:
        rows = _fts5_snippets(parsed, work_ids)
    return {work_id: _marked_html(text) for work_id, text in rows if text and MARK_START in text}


def _fts5_snippets(parsed: ParsedQuery, work_ids: list[int]) -> list[tuple[int, str]]:
    placeholders = ", ".join(["%s"] * len(work_ids))
    with connection.cursor() as cursor:
        # From the story text (column 4) or else the summary and notes (3): the blurb already shows the tags.
        cursor.execute(
            f"SELECT rowid, snippet(discovery_search_fts, 4, '{MARK_START}', '{MARK_END}', ' … ', 24), "
            f"snippet(discovery_search_fts, 3, '{MARK_START}', '{MARK_END}', ' … ', 24) "
            f"FROM discovery_search_fts WHERE discovery_search_fts MATCH %s AND rowid IN ({placeholders})",
            [parsed.fts5(), *work_ids],
        )
        return [
            (work_id, body if MARK_START in (body or "") else summary)
            for work_id, body, summary in cursor.fetchall()
        ]


def _pg_snippets(parsed: ParsedQuery, work_ids: list[int], chars: int) -> list[tuple[int, str]]:
    query_sql, params = _pg_query_sql(parsed)
    options = f'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
    placeholders = ", ".join(["%s"] * len(work_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.work_id, ts_headline('english', left(d.summary, {int(chars)}) || ' ' || left(d.body, {int(chars)}), s.q, %s) "
            f"FROM discovery_searchdocument d, (SELECT {query_sql} AS q) s WHERE d.work_id IN ({placeholders})",
            [options, *params, *work_ids],
        )
        return cursor.fetchall()


def _marked_html(text: str) -> str:
    escaped = html.escape(" ".join(text.split()))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
