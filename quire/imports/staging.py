"""A MySQL archive staged: its tables copied into a scratch SQLite file with their text decoded and repaired,
so an importer walks it row by row in bounded memory, whichever software's tables it holds (eFiction's, see
quire.imports.efiction.source; the Open Doors import tables, see quire.imports.opendoors.source).

What comes out: text as `str`, decoded per the column's declared character set and the dump's connection
character set, then repaired (quire.imports.efiction.text) with every repair recorded; integer columns as
`int` (also when phpMyAdmin quoted them); dates as the strings the archive stored. A source says which of
its fields are plain text (titles, names), whose HTML entities are undone; the rest keeps its markup.
"""

import ast
import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quire.imports.efiction import dump, text
from quire.imports.efiction.dump import Column, DumpError, Table

_INT_TYPES = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit", "serial", "bool"}
_FLOAT_TYPES = {"float", "double", "real", "decimal", "numeric", "dec"}
_DATE_TYPES = {"date", "datetime", "timestamp", "time"}
_META = "_quire_meta"
_REPAIRS = "_quire_repairs"
_CHARSETS = "_quire_charsets"
# Rows per transaction while staging: large enough that commits cost nothing, small enough that SQLite's
# page cache, not the journal, holds the work.
_COMMIT_EVERY = 20_000


@dataclass
class Repair:
    """A text we had to fix: which row of which table, which field, and what was wrong
    ("cp1252 in latin1 table", "utf-8 in latin1 table", "mojibake", "html entities", "cp1252 chapter file")."""

    table: str
    row_id: object
    field: str
    what: str


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _affinity(column: Column) -> str:
    if column.type in _INT_TYPES:
        return "INTEGER"
    if column.type in _FLOAT_TYPES:
        return "REAL"
    return "TEXT" if column.type else ""


class Stager:
    """Writes tables and rows into the staging file under their full names; a source's `finish` keeps its own
    tables (`seal`). Subclasses say which tables they want, which fields are plain text, and the layout of a
    table a dump fills without defining it."""

    def __init__(self, staging_path):
        self.path = Path(staging_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            self.path.unlink()  # a new staging each time: a resumed import reuses one with open_staged
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
        self.tables: dict[str, Table] = {}
        self.rows_staged: dict[str, int] = {}
        self.repairs: list[tuple] = []
        self.pending = 0

    def wanted(self, name: str) -> bool:
        return True

    def plain_fields(self, name: str) -> set[str]:
        return set()

    def layout(self, name: str, values: int) -> Table | None:
        """The layout of a table whose rows come without its CREATE TABLE or a column list; None leaves
        them out."""
        return None

    def create(self, table: Table) -> None:
        if not self.wanted(table.name):
            return
        if table.name in self.tables:
            if table.if_not_exists:
                return
            self.db.execute(f"DROP TABLE {quoted(table.name)}")
        columns = [f"{quoted(c.name)} {_affinity(c)}".strip() for c in table.columns]
        if table.primary_key and all(k in {c.name for c in table.columns} for k in table.primary_key):
            columns.append(f"PRIMARY KEY ({', '.join(map(quoted, table.primary_key))})")
        self.db.execute(f"CREATE TABLE {quoted(table.name)} ({', '.join(columns)})")
        self.tables[table.name] = table
        self.rows_staged[table.name] = 0

    def insert(self, name: str, columns: list[str] | None, rows: Iterable, mode: str, charset) -> None:
        if not self.wanted(name):
            return
        table = self.tables.get(name)
        if table is None:
            rows = iter(rows)
            first = next(rows, None)
            if first is None:
                return
            rows = itertools.chain([first], rows)
            if columns is None:
                table = self.layout(name, len(first))
                if table is None:
                    return
            else:
                table = Table(name, [Column(c, "") for c in columns])
            self.create(table)
        by_name = {c.name: c for c in table.columns}
        names = columns or [c.name for c in table.columns]
        unknown = [c for c in names if c not in by_name]
        if unknown:
            raise DumpError(
                f"rows for {name} name columns its CREATE TABLE does not have: {', '.join(unknown)}"
            )
        plain = self.plain_fields(name)
        fields = [(by_name[c], c in plain) for c in names]
        key = [names.index(k) for k in table.primary_key if k in names]
        # A dump's own duplicate rows would stop MySQL loading it; staging keeps the first (the last for REPLACE).
        verb = "OR REPLACE" if mode == "replace" else "OR IGNORE"
        sql = (
            f"INSERT {verb} INTO {quoted(name)} ({', '.join(map(quoted, names))})"
            f" VALUES ({', '.join('?' * len(names))})"
        )
        self.db.executemany(sql, self._converted(name, table, fields, key, rows, charset))
        if self.pending >= _COMMIT_EVERY:
            self.db.commit()
            self.pending = 0

    def _converted(self, name, table, fields, key, rows, charset) -> Iterator[tuple]:
        count = self.rows_staged[name]
        for raw in rows:
            if len(raw) != len(fields):
                raise DumpError(f"a row of {name} has {len(raw)} values for {len(fields)} columns")
            count += 1
            fixes = []
            row = []
            for value, (column, plain) in zip(raw, fields, strict=True):
                value, what = _convert(value, column, table.charset, charset, plain)
                row.append(value)
                if what:
                    fixes.extend((column.name, w) for w in what)
            if fixes:
                row_id = row[key[0]] if len(key) == 1 else tuple(row[k] for k in key) if key else count
                self.repairs.extend((name, row_id, f, w) for f, w in fixes)
            yield tuple(row)
        self.pending += count - self.rows_staged[name]
        self.rows_staged[name] = count

    def seal(self, keep: dict[str, str], meta: dict[str, str]) -> None:
        """Keep the tables named in `keep` (full name → the name the importer reads) with their keys indexed,
        drop the others, record the charsets, the repairs and `meta`, and close the file."""
        self.db.commit()
        for name in list(self.tables):
            if name not in keep:
                self.db.execute(f"DROP TABLE {quoted(name)}")
                del self.tables[name]
        for name, table in self.tables.items():
            short = keep[name]
            if short != name:
                self.db.execute(f"ALTER TABLE {quoted(name)} RENAME TO {quoted(short)}")
            names = {c.name for c in table.columns}
            for n, key in enumerate(k for k in table.keys if k != table.primary_key):
                if set(key) <= names:
                    self.db.execute(
                        f"CREATE INDEX {quoted(f'ix_{short}_{n}')} ON {quoted(short)}"
                        f" ({', '.join(map(quoted, key))})"
                    )
        self.db.execute(f"CREATE TABLE {_CHARSETS} (tbl TEXT PRIMARY KEY, charset TEXT)")
        self.db.executemany(
            f"INSERT INTO {_CHARSETS} VALUES (?, ?)", [(keep[n], t.charset) for n, t in self.tables.items()]
        )
        self.db.execute(f"CREATE TABLE {_META} (key TEXT PRIMARY KEY, value TEXT)")
        self.db.executemany(f"INSERT INTO {_META} VALUES (?, ?)", list(meta.items()))
        self.db.execute(f"CREATE TABLE {_REPAIRS} (tbl TEXT, row_id, row_key TEXT, field TEXT, what TEXT)")
        self.db.executemany(
            f"INSERT INTO {_REPAIRS} VALUES (?, ?, ?, ?, ?)",
            (
                (
                    keep[t],
                    None if isinstance(r, tuple) else r,
                    repr(r) if isinstance(r, tuple) else None,
                    f,
                    w,
                )
                for t, r, f, w in self.repairs
                if t in self.tables
            ),
        )
        self.db.commit()
        self.db.execute("ANALYZE")
        self.db.close()


def stage_statements(sql_path, stager: Stager) -> None:
    """Every table and row of a MySQL dump (.sql, or .sql.gz) through the stager; the stager's file is closed
    when the dump cannot be read."""
    charset = None
    try:
        for item in dump.parse(dump.open_dump(sql_path)):
            if isinstance(item, dump.SetNames):
                charset = None if item.charset == "binary" else item.charset
            elif isinstance(item, Table):
                stager.create(item)
            else:
                stager.insert(item.table, item.columns, item.rows, item.mode, charset)
    except BaseException:
        stager.db.close()
        raise


def _convert(value, column: Column, table_charset, connection_charset, plain):
    """One value staged as its column's kind, and the repairs its text needed."""
    if value is None:
        return None, ()
    kind = column.type
    if kind in _INT_TYPES:
        if isinstance(value, bytes):
            digits = value.decode("latin-1").strip()
            try:
                return (int(digits) if digits.lstrip("+-").isdigit() else int(float(digits or 0))), ()
            except ValueError:
                return digits, ()
        return int(value), ()
    if kind in _FLOAT_TYPES:
        return float(value.decode("latin-1") if isinstance(value, bytes) else value), ()
    if not isinstance(value, bytes):
        return (str(value) if kind else value), ()
    if kind in _DATE_TYPES:
        return value.decode("latin-1"), ()
    decoded, fixes = text.decode(value, connection_charset, column.charset or table_charset)
    decoded, more = text.repair(decoded, plain=plain)
    return decoded, fixes + more


class StagedArchive:
    """A staged archive: its tables (under the names its source kept), their rows, and the repairs made."""

    def __init__(self, staging_path):
        self.staging_path = Path(staging_path)
        self.db = sqlite3.connect(self.staging_path, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.meta: dict[str, str] = dict(self.db.execute(f"SELECT key, value FROM {_META}").fetchall())
        self.source: str = self.meta["source"]
        self.repairs: list[Repair] = [
            Repair(
                r["tbl"],
                r["row_id"] if r["row_key"] is None else _composite_key(r["row_key"]),
                r["field"],
                r["what"],
            )
            for r in self.db.execute(f"SELECT * FROM {_REPAIRS} ORDER BY rowid")
        ]
        # Each table's declared character set (CREATE TABLE ... DEFAULT CHARSET=latin1), None when undeclared.
        self.charsets: dict[str, str | None] = dict(
            self.db.execute(f"SELECT tbl, charset FROM {_CHARSETS}").fetchall()
        )
        self._tables = {
            r[0]
            for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("_quire_", "sqlite_"))
        }

    def tables(self) -> set[str]:
        return set(self._tables)

    def columns(self, table: str) -> set[str]:
        return {r[1] for r in self.db.execute(f"PRAGMA table_info({self._table(table)})")}

    def _table(self, table: str) -> str:
        if table not in self._tables:
            raise KeyError(f"the archive has no {table} table")
        return quoted(table)

    def rows(self, table, where="", params=(), order_by="") -> Iterator[dict]:
        sql = f"SELECT * FROM {self._table(table)}"
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        for row in self.db.execute(sql, params):
            yield dict(row)

    def count(self, table, where="", params=()) -> int:
        sql = f"SELECT COUNT(*) FROM {self._table(table)}" + (f" WHERE {where}" if where else "")
        return self.db.execute(sql, params).fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _composite_key(text_key: str) -> tuple:
    """A composite row id as it was staged (a tuple of ints and strings)."""
    return tuple(ast.literal_eval(text_key))
