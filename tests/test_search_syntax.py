"""Whatever a reader types, the search box yields a query both engines accept, and it means what they meant.

Rendered strings are checked against a real SQLite FTS5 table (and a live PostgreSQL when one answers)
rather than against expected strings alone, because "can never be a syntax error" is a claim about
the engine, not about our string formatting.
"""

import random
import sqlite3

import pytest

from quire.discovery import cjk
from quire.discovery.search_syntax import MAX_CHARS, MAX_CJK_CHARS, MAX_TERMS, ParsedQuery, Term, parse

ROWS = [
    (1, "Come Away With Me", "Rory reads on the porch while Jess waits."),
    (2, "Away Come the Boats", "Luke runs the diner alone."),
    (3, "Mariano", "Jess Mariano drives to Philadelphia."),
    (4, "Café Society", "Lorelai drinks coffee and keeps running."),
    (5, "Ran Out", "Paris ran the paper with an iron fist."),
]

HOSTILE = [
    "",
    " ",
    "\t\n",
    '"',
    '""',
    '"""',
    '" "',
    "OR",
    "OR OR",
    "OR OR OR jess",
    "jess OR",
    "OR jess",
    "jess OR OR luke",
    "|",
    "||",
    "jess || luke",
    "|jess|",
    "-",
    "--",
    "- -",
    "-jess",
    "-jess -rory",
    '-"come away"',
    "-*",
    "*",
    "**",
    "* jess *",
    "mari*",
    "mari**",
    "*mari",
    "m*ri",
    '"come away',
    'come away"',
    'jess "come" away" luke',
    '"mari"*',
    "!!!",
    "?!.,;:",
    "()",
    "(jess",
    "jess)",
    "((jess OR luke) -rory)",
    "NEAR(jess rory)",
    "NEAR(jess rory, 5)",
    "NEAR",
    "jess AND rory",
    "AND",
    "NOT",
    "jess NOT rory",
    "NOT jess",
    "^jess",
    "title:jess",
    "{title body}: jess",
    "- title : jess",
    "{title}",
    "+jess",
    "jess + rory",
    "jess:*",
    "'; DROP TABLE works; --",
    "1' OR '1'='1",
    '" OR 1=1 --',
    "' UNION SELECT password FROM auth_user --",
    "%_%",
    "\\",
    '\\"',
    "jess\x00rory",
    "\x00",
    "\ud800jess",
    "🔥",
    "jess 🔥 rory",
    "👩‍👩‍👧",
    "café",
    "cafe\u0301",
    "\u0301\u0301\u0301",
    "Z\u0351\u0364\u0367a\u0308\u0301l\u0303g\u0316o\u0340",
    "日本語 テスト",
    "עברית",
    "العربية -كلمة",
    "\u200b\u200d\u200e",
    "\ufeffjess",
    "Ⅻ ²³ ½",
    "ǅ ß İ ﬁ",
    "\U000f0000",
    "a" * 10_000,
    "jess " * 500,
    '"' * 999,
    "-" * 999,
    "OR " * 400,
    '"jess' * 200,
    "a-b-c well-known o'malley don't",
    "'x* '* x'* -'x",
    "a.b* c/d* e@f.com*",
    "or and not near",
    "jess or luke",
]


@pytest.fixture(scope="module")
def fts():
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", ROWS)
    yield db
    db.close()


def fts_rows(db, text):
    return {row for (row,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (parse(text).fts5(),))}


def fuzz_inputs():
    # Heavy in our own syntax and FTS5's, with unicode letters, marks, emoji, controls and a surrogate.
    alphabet = (
        list('"*-()|:^+{}ORNEAND ') * 4
        + list("abjessmari'._,;\\\t\n\x00")
        + [
            "é",
            "\u0301",
            "ß",
            "İ",
            "日",
            "🔥",
            "\u200d",
            "\ud800",
            "\U000f0000",
            "Ⅻ",
            "ﬁ",
        ]
    )
    rng = random.Random(0)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(2000)]


FUZZ = fuzz_inputs()


def assert_well_formed(query):
    assert isinstance(query, ParsedQuery)
    assert sum(len(g) for g in query.groups) <= MAX_TERMS
    assert not (query.groups and query.unwanted)
    assert not any(t.negated for t in query.unwanted)
    for group in query.groups:
        assert any(not t.negated for t in group)
        for term in group:
            assert term.text and term.text == " ".join(term.text.split())
            assert len(term.text) <= MAX_CHARS
            assert not (term.prefix and term.phrase)


# --- parsing -------------------------------------------------------------------------------------


def test_parse_bare_words_are_one_and_group():
    assert parse("jess rory").groups == ((Term("jess"), Term("rory")),)


def test_parse_a_word_repeated_in_a_group_counts_once():
    # 21 copies of a synonym's name once built a 16-group expansion of 12 terms each.
    parsed = parse(" ".join(["Rory", "rory"] * 20) + " jess OR rory")
    assert parsed.groups == ((Term("Rory"), Term("jess")), (Term("rory"),)) and not parsed.cut


def test_parse_and_binds_tighter_than_or():
    assert parse("a b OR c").groups == ((Term("a"), Term("b")), (Term("c"),))


def test_parse_pipe_is_or_with_or_without_spaces():
    expected = ((Term("jess"),), (Term("luke"),))
    assert parse("jess | luke").groups == expected
    assert parse("jess|luke").groups == expected


def test_parse_lowercase_or_is_a_word():
    assert parse("jess or luke").groups == ((Term("jess"), Term("or"), Term("luke")),)


def test_parse_phrase_collapses_whitespace():
    assert parse('"come   away\twith me"').groups == ((Term("come away with me", phrase=True),),)


def test_parse_unbalanced_quote_runs_to_end():
    assert parse('jess "come away').groups == ((Term("jess"), Term("come away", phrase=True)),)


def test_parse_prefix_strips_trailing_stars():
    assert parse("mari**").groups == ((Term("mari", prefix=True),),)


def test_parse_negation_applies_to_words_and_phrases():
    assert parse('jess -rory -"come away"').groups == (
        (Term("jess"), Term("rory", negated=True), Term("come away", phrase=True, negated=True)),
    )


def test_parse_negation_stays_in_its_group():
    assert parse("jess -rory OR luke").groups == ((Term("jess"), Term("rory", negated=True)), (Term("luke"),))


def test_parse_negation_only_group_is_dropped():
    assert parse("-rory OR luke").groups == ((Term("luke"),),)


def test_parse_exclusions_alone_are_kept_as_unwanted_terms():
    assert parse('-rory -"paris geller" -mari*').unwanted == (
        Term("rory"),
        Term("paris geller", phrase=True),
        Term("mari", prefix=True),
    )
    assert parse("-rory OR -logan").unwanted == ()  # nearly everything: not worth a query
    assert parse("jess -rory").unwanted == ()


@pytest.mark.parametrize(
    "text", ["", "   ", "OR", "OR OR", "|", "-", "*", '"', '""', "-rory", "-a -b", "!!! ???", "🔥"]
)
def test_parse_junk_is_empty(text):
    assert parse(text).is_empty


def test_parse_punctuation_only_terms_are_dropped():
    assert parse("jess !!! 🔥 ...").groups == ((Term("jess"),),)


def test_parse_lone_operators_around_terms_are_ignored():
    assert parse("OR jess OR OR - * -- ** | OR").groups == ((Term("jess"),),)


def test_parse_lone_quote_swallows_the_rest_as_a_phrase():
    assert parse('jess " OR luke').groups == ((Term("jess"), Term("OR luke", phrase=True)),)


def test_parse_fts5_keywords_are_words():
    assert parse("jess AND NOT rory").groups == ((Term("jess"), Term("AND"), Term("NOT"), Term("rory")),)


def test_parse_long_input_is_capped_at_max_chars():
    query = parse("x" * 10_000)
    assert query.groups == ((Term("x" * MAX_CHARS),),)


def test_parse_many_terms_are_capped_at_max_terms():
    query = parse(" ".join(f"w{i}" for i in range(100)))
    assert len(query.groups[0]) == MAX_TERMS


def test_parse_non_string_is_empty():
    assert parse(None).is_empty  # type: ignore[arg-type]


def test_parse_control_characters_and_surrogates_are_removed():
    assert parse("jess\x00rory\ud800").groups == ((Term("jess"), Term("rory")),)


def test_parse_decomposed_accents_are_composed():
    assert parse("cafe\u0301").groups == ((Term("café"),),)


@pytest.mark.parametrize("text", HOSTILE)
def test_parse_hostile_input_is_well_formed(text):
    assert_well_formed(parse(text))


def test_parse_fuzz_is_well_formed():
    assert len(FUZZ) == 2000
    for text in FUZZ:
        assert_well_formed(parse(text))


# --- FTS5 rendering ------------------------------------------------------------------------------


def test_fts5_renders_every_operator():
    assert (
        parse('jess "come away" -rory OR mari*').fts5() == '("jess" AND "come away" NOT "rory") OR ("mari"*)'
    )


def test_fts5_keywords_are_quoted():
    assert parse("NEAR(jess rory) AND NOT title:x").fts5() == (
        '("NEAR" AND "jess" AND "rory" AND "AND" AND "NOT" AND "title:x")'
    )


def test_fts5_hand_built_quote_is_doubled():
    assert ParsedQuery(((Term('say "hi"', phrase=True),),)).fts5() == '("say ""hi""")'


def test_fts5_empty_query_is_valid_and_matches_nothing(fts):
    assert parse("").fts5() == '""'
    assert fts_rows(fts, "") == set()


@pytest.mark.parametrize("text", HOSTILE)
def test_fts5_hostile_input_is_never_a_syntax_error(fts, text):
    fts_rows(fts, text)


def test_fts5_fuzz_is_never_a_syntax_error(fts):
    for text in FUZZ:
        try:
            fts_rows(fts, text)
        except sqlite3.Error as error:  # pragma: no cover - the message is the point
            pytest.fail(f"{text!r} -> {parse(text).fts5()!r}: {error}")


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("jess", {1, 3}),
        ("jess rory", {1}),  # AND by default
        ("come away", {1, 2}),
        ('"come away"', {1}),  # phrase words must be adjacent and in order
        ("mari*", {3}),
        ("mari", set()),  # without the star it is a whole word
        ("luke OR lorelai", {2, 4}),
        ("luke | lorelai", {2, 4}),
        ("jess rory OR luke", {1, 2}),
        ("jess -rory", {3}),
        ('jess -"come away"', {3}),
        ("-rory OR luke", {2}),
        ("running", {2, 4}),  # porter: running and runs both stem to "run"
        ("runs", {2, 4}),
        ("ran", {5}),  # porter does not know irregular verbs
        ("cafe", {4}),  # remove_diacritics
        ("CAFÉ", {4}),
        ("jess!!!", {1, 3}),
        ("title:jess", set()),  # a column filter is just text: the phrase "title jess"
        ("(jess OR luke) -rory", {1, 2, 3}),  # parentheses are ignored: jess OR (luke AND NOT rory)
    ],
)
def test_fts5_semantics_match_reader_intent(fts, text, rows):
    assert fts_rows(fts, text) == rows


# --- PostgreSQL rendering ------------------------------------------------------------------------


def test_websearch_renders_every_operator():
    assert parse('jess "come away" -rory OR luke').websearch() == 'jess "come away" -rory or luke'


def test_websearch_prefix_terms_are_left_out():
    assert parse("jess mari* -rory").websearch() == "jess -rory"


def test_websearch_group_of_only_prefixes_is_left_out():
    assert parse("mari* -rory OR luke").websearch() == "luke"
    assert parse("mari* -rory").websearch() == ""


def test_websearch_non_words_are_quoted():
    assert parse("or title:x well-known -^y").websearch() == '"or" "title:x" "well-known" -"^y"'


def test_prefix_terms_are_sanitized_positive_prefixes():
    assert parse("mari* a.b* 'x* o'ma* -rory* jess MARI*").prefix_terms() == ["mari", "a-b", "x", "o'ma"]


def test_prefix_terms_empty_without_stars():
    assert parse('jess "mari"*').prefix_terms() == []


def test_highlight_words_include_phrase_and_prefix_words_not_negations():
    assert parse('jess "come away" mari* -rory OR Jess luke!').highlight_words() == [
        "jess",
        "come",
        "away",
        "mari",
        "luke",
    ]


@pytest.fixture(scope="module")
def pg():
    psycopg = pytest.importorskip("psycopg")
    try:
        conn = psycopg.connect(
            "postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=3, autocommit=True
        )
    except psycopg.Error as error:
        pytest.skip(f"PostgreSQL unreachable: {error}")
    yield conn
    conn.close()


def test_websearch_hostile_input_is_accepted_by_postgres(pg):
    for text in HOSTILE + FUZZ:
        query = parse(text)
        pg.execute("SELECT websearch_to_tsquery('english', %s)", (query.websearch(),))
        for word in query.prefix_terms():
            pg.execute("SELECT to_tsquery('simple', %s)", (word + ":*",))


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("jess rory", {1}),
        ('"come away"', {1}),
        ("come away", {1, 2}),
        ("jess rory OR luke", {1, 2}),
        ("jess -rory", {3}),
        ('jess -"come away"', {3}),
        ("or title:x", set()),
        ("well-known", set()),
    ],
)
def test_websearch_semantics_agree_with_fts5(pg, fts, text, rows):
    sql = (
        "SELECT id FROM (VALUES " + ", ".join(["(%s, %s, %s)"] * len(ROWS)) + ") AS r(id, title, body)"
        " WHERE to_tsvector('english', title || ' ' || body) @@ websearch_to_tsquery('english', %s)"
    )
    params = [value for row in ROWS for value in row] + [parse(text).websearch()]
    assert {row for (row,) in pg.execute(sql, params)} == rows == fts_rows(fts, text)


def test_prefix_terms_match_on_postgres(pg):
    (word,) = parse("mari*").prefix_terms()
    sql = (
        "SELECT id FROM (VALUES (1, 'Jess Mariano'), (2, 'Rory Gilmore')) AS r(id, body)"
        " WHERE to_tsvector('simple', body) @@ to_tsquery('simple', %s)"
    )
    assert {row for (row,) in pg.execute(sql, (word + ":*",))} == {1}


# --- Chinese, Japanese and Korean ----------------------------------------------------------------

CJK_HOSTILE = [
    "狼",
    "狼の夢",
    '"狼の 夢"',
    "-狼の夢",
    "Rory狼の夢*",
    "狼*",
    "狼Ror*",
    "-Rory狼",
    "the狼",
    "狼 OR -月",
    "'狼' \\狼 狼'",
    "狼" * 500,
    "".join(chr(0x4E00 + i) for i in range(500)),
    "서울에서 ㅋㅋㅋ",
    "ｶﾞｯｺｳ ー 々 〇",
    "\U00020000\U0002a6df",
]
CJK_ROWS = [
    (1, "狼の夢", "Rory saw it: 狼の夢を見た。"),
    (2, "月の光", "우리는 서울에서 만났다."),
    (3, "Rory狼", "The night was long."),
]


def test_cjk_terms_render_as_their_characters_and_pairs():
    assert parse("狼").fts5() == '(("狼"))'
    assert parse("狼の夢 -月光 Rory狼*").fts5() == '(("狼の" AND "の夢") AND ("Rory" AND "狼") NOT ("月光"))'
    assert parse("狼の夢").tsquery() == ("(((to_tsquery('english', %s))))", ["'狼の' & 'の夢'"])


def test_cjk_search_is_cut_at_max_cjk_characters():
    parsed = parse("狼の夢 " + "月" * 100 + " jess")
    assert [t.text for g in parsed.groups for t in g] == ["狼の夢", "月" * (MAX_CJK_CHARS - 3)]
    assert parsed.cjk_cut and not parsed.cut


@pytest.fixture(scope="module")
def cjk_fts():
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    indexed = [(row, cjk.index_text(title), cjk.index_text(body)) for row, title, body in CJK_ROWS]
    db.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", indexed)
    yield db
    db.close()


@pytest.mark.parametrize("text", HOSTILE[:40] + CJK_HOSTILE)
def test_cjk_and_hostile_queries_are_accepted_by_fts5(cjk_fts, text):
    cjk_fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (parse(text).fts5(),)).fetchall()


def test_tsquery_of_hostile_and_cjk_input_is_accepted_by_postgres(pg):
    for text in HOSTILE + FUZZ + CJK_HOSTILE:
        sql, params = parse(text).tsquery()
        pg.execute(f"SELECT {sql}", params)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("狼", {1, 3}),
        ("狼の夢", {1}),
        ("夢を見", {1}),
        ("夢 OR 光", {1, 2}),
        ("の -狼", {2}),
        ("-狼の夢 の", {2}),
        ("서울", {2}),
        ("Rory狼", {1, 3}),
        ('"rory saw" 狼', {1}),
        ("night 狼", {3}),
        ("rory -狼の", {3}),
        ("狼 mari*", set()),
    ],
)
def test_cjk_semantics_agree_on_both_engines(pg, cjk_fts, text, rows):
    sql, params = parse(text).tsquery()
    values = ", ".join(["(%s, %s, %s)"] * len(CJK_ROWS))
    indexed = [
        value for row in CJK_ROWS for value in (row[0], cjk.index_text(row[1]), cjk.index_text(row[2]))
    ]
    found = pg.execute(
        f"SELECT id FROM (VALUES {values}) AS r(id, title, body)"
        f" WHERE to_tsvector('english', title || ' ' || body) @@ ({sql})",
        indexed + params,
    )
    fts5 = cjk_fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (parse(text).fts5(),))
    assert {row for (row,) in found} == rows == {row for (row,) in fts5}
