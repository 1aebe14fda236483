"""Streaming a MySQL dump (mysqldump, phpMyAdmin, Sequel Pro, eFiction's own backup) statement by statement.

The dump is read a line at a time, as bytes seen through latin1 (one character per byte, so each string's
exact bytes come back for decoding in its table's character set), and cut into statements at the
semicolons outside strings, identifiers and comments; only one statement is ever held. Each statement is
then tokenized with sqlparse's lexer, given MySQL's literal rules (backslash escapes, doubled quotes,
`_binary` and hex literals, `#` comments) in place of its default ANSI ones, which end a string early at
`'...\\\\'`.
"""

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlparse import tokens as T
from sqlparse.lexer import Lexer

# Ordered by how often each comes up in an INSERT's values, since the lexer tries them in turn.
_MYSQL_REGEX = [
    (r"(?s)'[^'\\]*(?:(?:\\.|'')[^'\\]*)*'", T.String.Single),
    (r"[(),;.]", T.Punctuation),
    (r"\s+", T.Whitespace),
    (r"0x[0-9a-f]*|x'[0-9a-f]*'", T.Number.Hex),
    (r"0b[01]+|b'[01]*'", T.Number.Bin),
    (r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", T.Number),
    (r"`(?:[^`]|``)*`", T.Name),
    (r"(?s)\"[^\"\\]*(?:(?:\\.|\"\")[^\"\\]*)*\"", T.String.Symbol),
    (r"(?s)/\*.*?\*/", T.Comment.Multiline),
    (r"(?:--(?=\s)|#)[^\n]*", T.Comment.Single),
    (r"[a-z_$][\w$]*", T.Name),
    (r"[=<>!+\-*/%@:|&^~]+", T.Operator),
]
_LEXER = Lexer()
_LEXER.clear()
_LEXER.set_SQL_REGEX(_MYSQL_REGEX)

_SKIP = {T.Whitespace, T.Comment.Single, T.Comment.Multiline, T.Comment.Multiline.Hint, T.Newline}
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "%": "\\%", "_": "\\_"}
_ESCAPE = re.compile(r"(?s)\\(.)|''|\"\"")


class DumpError(Exception):
    """The dump cannot be read; the message says where and why."""


@dataclass
class Column:
    name: str
    type: str  # lower-case base type: int, varchar, text, datetime, ...
    charset: str | None = None


@dataclass
class Table:
    name: str
    columns: list[Column]
    charset: str | None = None
    primary_key: list[str] = field(default_factory=list)
    keys: list[list[str]] = field(default_factory=list)  # every KEY, UNIQUE KEY and the primary key
    if_not_exists: bool = False


@dataclass
class Insert:
    table: str
    columns: list[str] | None
    rows: Iterator[list]  # values: None, int, float, str (a number's text) or bytes (a string's bytes)
    mode: str  # "insert", "ignore" or "replace"


@dataclass
class SetNames:
    charset: str


def open_dump(path) -> Iterator[str]:
    """The dump's lines, each byte as one latin1 character (a .gz dump unpacked on the way)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        for line in f:
            yield line.decode("latin-1")


_CODE = re.compile(r"['\"`;#]|/\*|--(?=\s|$)")
_BODY = {
    "'": re.compile(r"(?s)[^'\\]*(?:\\.[^'\\]*)*"),
    '"': re.compile(r'(?s)[^"\\]*(?:\\.[^"\\]*)*'),
    "`": re.compile(r"[^`]*"),
}
_DELIMITER = re.compile(r"\s*DELIMITER\s+(\S+)", re.I)


def statements(lines) -> Iterator[str]:
    """Each statement's text, without its semicolon or its line comments."""
    buf: list[str] = []
    started = False  # whether buf holds more than whitespace (kept, not recomputed: statements run long)
    state = None  # inside: a quote character, "*" for a block comment, or None for code
    custom_delimiter = False  # inside DELIMITER ;; ... DELIMITER ; (triggers, routines): skipped whole
    for line in lines:
        if state is None and not started:
            m = _DELIMITER.match(line)
            if m:
                custom_delimiter = m.group(1) != ";"
                buf = []
                continue
        if custom_delimiter:
            continue
        pos = start = 0
        n = len(line)
        while pos < n:
            if state is None:
                m = _CODE.search(line, pos)
                if not m:
                    break
                tok = m.group()
                pos = m.end()
                if tok == ";":
                    buf.append(line[start : m.start()])
                    yield "".join(buf)
                    buf, started = [], False
                    start = pos
                elif tok == "/*":
                    state = "*"
                elif tok in ("#", "--"):
                    piece = line[start : m.start()]
                    buf.append(piece)
                    started = started or not piece.isspace() and piece != ""
                    start = pos = n
                else:
                    state = tok
            elif state == "*":
                i = line.find("*/", pos)
                if i < 0:
                    break
                state, pos = None, i + 2
            else:
                pos = _BODY[state].match(line, pos).end()
                if pos >= n:
                    break
                if line[pos] != state:  # a lone backslash ending the file
                    pos = n
                    break
                if pos + 1 < n and line[pos + 1] == state:
                    pos += 2  # a doubled quote
                else:
                    state, pos = None, pos + 1
        if start < n:
            piece = line[start:]
            buf.append(piece)
            started = started or not piece.isspace()
    if started:
        yield "".join(buf)


def _unescape(literal: str) -> str:
    body = literal[1:-1]
    if "\\" not in body and "''" not in body and '""' not in body:
        return body
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)) if m.group(1) else m.group()[0], body)


def _name(value: str) -> str:
    return value[1:-1].replace("``", "`") if value.startswith("`") else value


def _tokens(text: str) -> Iterator[tuple]:
    for ttype, value in _LEXER.get_tokens(text):
        if ttype not in _SKIP:
            yield ttype, value


_VERSIONED = re.compile(r"\s*/\*!\d*\s*(.*?)\*/\s*$", re.S)
_HEAD = re.compile(r"\s*(\w+)(?:\s+(\w+))?", re.S)
# Only SET NAMES and SET CHARACTER SET say how the rows are encoded: mysqldump switches character_set_client
# to utf8 around each CREATE TABLE and back from a variable, which says nothing about the data.
_SET_NAMES = re.compile(r"SET\s+(?:NAMES|CHARACTER\s+SET)\s+'?(\w+)", re.I)


def _uncommented(text: str) -> str:
    """The statement without the block comments before it, a versioned comment (`/*!40101 SET NAMES utf8 */`,
    which MySQL runs) opened up."""
    while True:
        text = text.lstrip()
        m = _VERSIONED.match(text)
        if m:
            return m.group(1)
        if not text.startswith("/*") or "*/" not in text:
            return text
        text = text[text.index("*/") + 2 :]


def parse(lines) -> Iterator[Table | Insert | SetNames]:
    """The statements of a dump that matter for staging, in order: tables, rows and the connection's
    character set. Everything else (DROP, LOCK, ALTER ... KEYS, views, triggers) is passed over."""
    for text in statements(lines):
        text = _uncommented(text)
        head = _HEAD.match(text)
        if not head:
            continue
        verb = head.group(1).upper()
        if verb in ("INSERT", "REPLACE"):
            yield _insert(text)
        elif verb == "CREATE" and (head.group(2) or "").upper() in ("TABLE", "TEMPORARY"):
            yield _create_table(text)
        elif verb == "SET":
            names = _SET_NAMES.search(text)
            if names:
                yield SetNames(names.group(1).lower())


def _expect(toks, *words) -> tuple:
    ttype, value = next(toks, (None, None))
    if value is None or (words and value.upper() not in words):
        raise DumpError(f"expected {' or '.join(words) or 'more'} but found {value!r}")
    return ttype, value


def _insert(text: str) -> Insert:
    toks = _tokens(text)
    _, verb = _expect(toks)
    mode = "replace" if verb.upper() == "REPLACE" else "insert"
    ttype, value = _expect(toks)
    while value.upper() in ("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO"):
        if value.upper() == "IGNORE":
            mode = "ignore"
        ttype, value = _expect(toks)
    table = _name(value)
    ttype, value = _expect(toks)
    if value == ".":  # database.table
        table = _name(_expect(toks)[1])
        ttype, value = _expect(toks)
    columns = None
    if value == "(":
        columns = []
        for _ttype, value in toks:
            if value == ")":
                break
            if value != ",":
                columns.append(_name(value))
        ttype, value = _expect(toks, "VALUES", "VALUE")
    elif value.upper() not in ("VALUES", "VALUE"):
        raise DumpError(f"INSERT INTO {table}: only INSERT ... VALUES is read, found {value!r}")
    return Insert(table, columns, _rows(toks, table), mode)


def _rows(toks, table) -> Iterator[list]:
    row = None
    negative = False
    for ttype, value in toks:
        if row is None:
            if value == "(":
                row = []
            elif value == ",":
                continue
            elif value.upper() == "ON":  # ON DUPLICATE KEY UPDATE ...: the rows are all read by now
                return
            else:
                raise DumpError(f"INSERT INTO {table}: expected a row but found {value[:40]!r}")
        elif value == ")":
            yield row
            row = None
        elif value == ",":
            continue
        elif ttype is T.String.Single or ttype is T.String.Symbol:
            row.append(_unescape(value).encode("latin-1"))
        elif ttype is T.Number:
            number = int(value) if value.lstrip("+-").isdigit() else float(value)
            row.append(-number if negative else number)
            negative = False
        elif ttype is T.Number.Hex:
            digits = value[2:-1] if value[0] in "xX" else value[2:]
            row.append(bytes.fromhex(digits))
        elif ttype is T.Number.Bin:
            row.append(int(value[2:-1] if value[0] in "bB" else value[2:], 2))
        elif ttype is T.Name and value.upper() == "NULL":
            row.append(None)
        elif ttype is T.Name and value.startswith("_"):
            continue  # _binary '...', _utf8mb4 '...': the string that follows is the value
        elif ttype is T.Name and value.upper() in ("TRUE", "FALSE"):
            row.append(int(value.upper() == "TRUE"))
        elif ttype is T.Operator and value in ("-", "+"):
            negative = value == "-"  # a sign written apart from its number: - 1
        else:
            raise DumpError(f"INSERT INTO {table}: cannot read the value {value[:40]!r}")
    if row is not None:
        raise DumpError(f"INSERT INTO {table}: the statement ends inside a row")


_CHARSET_OPTION = re.compile(r"(?:CHARSET|CHARACTER\s+SET)\s*=?\s*'?(\w+)", re.I)
_KEY_WORDS = {"PRIMARY", "KEY", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "CONSTRAINT", "FOREIGN", "CHECK"}


def _create_table(text: str) -> Table:
    toks = list(_tokens(text))
    values = [v.upper() for _, v in toks]
    i = values.index("TABLE") + 1
    if_not_exists = values[i : i + 3] == ["IF", "NOT", "EXISTS"]
    if if_not_exists:
        i += 3
    name = _name(toks[i][1])
    i += 1
    if toks[i][1] == ".":
        name = _name(toks[i + 1][1])
        i += 2
    if toks[i][1] != "(":
        raise DumpError(f"CREATE TABLE {name}: only a table with its columns is read")
    definitions, current, depth = [], [], 0
    i += 1
    while i < len(toks):
        ttype, value = toks[i]
        if value == "(":
            depth += 1
        elif value == ")":
            if depth == 0:
                break
            depth -= 1
        if value == "," and depth == 0:
            definitions.append(current)
            current = []
        else:
            current.append((ttype, value))
        i += 1
    definitions.append(current)
    options = " ".join(v for _, v in toks[i + 1 :])
    charset = _CHARSET_OPTION.search(options)
    table = Table(name, [], charset.group(1).lower() if charset else None, if_not_exists=if_not_exists)
    for definition in filter(None, definitions):
        first = definition[0][1].upper()
        if definition[0][0] is T.Name and not definition[0][1].startswith("`") and first in _KEY_WORDS:
            _key(table, definition)
            continue
        words = [v for _, v in definition]
        column_charset = _CHARSET_OPTION.search(" ".join(words[2:]))
        table.columns.append(
            Column(
                _name(words[0]),
                words[1].lower(),
                column_charset.group(1).lower() if column_charset else None,
            )
        )
    return table


def _key(table: Table, definition: list[tuple]) -> None:
    words = [v.upper() for _, v in definition]
    if words[0] in ("FOREIGN", "CHECK") or "FOREIGN" in words[:3] or "CHECK" in words[:3]:
        return
    start = next((n for n, (_, v) in enumerate(definition) if v == "("), None)
    if start is None:
        return
    columns, depth = [], 0
    for _, value in definition[start + 1 :]:
        if value == "(":
            depth += 1  # a prefix length: KEY title (title(10))
        elif value == ")":
            if depth == 0:
                break
            depth -= 1
        elif value != "," and depth == 0:
            columns.append(_name(value))
    if not columns:
        return
    if "PRIMARY" in words[:3]:
        table.primary_key = columns
    table.keys.append(columns)
