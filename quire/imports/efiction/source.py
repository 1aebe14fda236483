"""An eFiction 3.x archive, staged: every eFiction table copied into a scratch SQLite file (same table and
column names, the table prefix dropped) with its text decoded and repaired, so the importer can walk it story
by story in bounded memory, from a dump (`stage_dump`) or a live MySQL/MariaDB database (`stage_mysql`).

What comes out: text as `str`, decoded per the column's declared character set and the dump's connection
character set, then repaired (see text.py) with every repair recorded; integer columns as `int` (also when
phpMyAdmin quoted them); dates as the strings eFiction stored ('2006-02-09 22:21:35', or the integer
timestamps of forks that kept them as int). Plain-text fields (titles, pen names, names of categories,
characters, classes and ratings, reviewer names) have their HTML entities undone; story and chapter text,
summaries, notes, bios and reviews are HTML and keep their markup and entities.
"""

import ast
import itertools
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from quire.imports.efiction import dump, schema, text
from quire.imports.efiction.dump import Column, DumpError, Table

__all__ = ["DumpError", "EfictionArchive", "Repair", "open_staged", "stage_dump", "stage_mysql"]

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


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _affinity(column: Column) -> str:
    if column.type in _INT_TYPES:
        return "INTEGER"
    if column.type in _FLOAT_TYPES:
        return "REAL"
    return "TEXT" if column.type else ""


class _Stager:
    """Writes tables and rows into the staging file under their full names; `finish` keeps the archive's."""

    def __init__(self, staging_path, prefix):
        self.path = Path(staging_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            self.path.unlink()  # a new staging each time: a resumed import reuses one with open_staged
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
        self.prefix = prefix
        self.tables: dict[str, Table] = {}
        self.rows_staged: dict[str, int] = {}
        self.repairs: list[tuple] = []
        self.pending = 0

    def wanted(self, name: str) -> bool:
        return self.prefix is None or name.startswith(self.prefix) or name.endswith("settings")

    def create(self, table: Table) -> None:
        if not self.wanted(table.name):
            return
        if table.name in self.tables:
            if table.if_not_exists:
                return
            self.db.execute(f"DROP TABLE {_q(table.name)}")
        columns = [f"{_q(c.name)} {_affinity(c)}".strip() for c in table.columns]
        if table.primary_key and all(k in {c.name for c in table.columns} for k in table.primary_key):
            columns.append(f"PRIMARY KEY ({', '.join(map(_q, table.primary_key))})")
        self.db.execute(f"CREATE TABLE {_q(table.name)} ({', '.join(columns)})")
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
                table = self._efiction_layout(name, len(first))
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
        plain = text.plain_text_fields(name)
        fields = [(by_name[c], c in plain) for c in names]
        key = [names.index(k) for k in table.primary_key if k in names]
        # A dump's own duplicate rows would stop MySQL loading it; staging keeps the first (the last for REPLACE).
        verb = "OR REPLACE" if mode == "replace" else "OR IGNORE"
        sql = f"INSERT {verb} INTO {_q(name)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
        self.db.executemany(sql, self._converted(name, table, fields, key, rows, charset))
        if self.pending >= _COMMIT_EVERY:
            self.db.commit()
            self.pending = 0

    def _efiction_layout(self, name: str, values: int) -> Table | None:
        """eFiction's own layout for a table the dump never defines (eFiction's admin backup), or None for a
        table that is not eFiction's (or a layout not known), which is left out; core tables cannot be."""
        found = schema.layout_for(name, values)
        if found is None:
            if any(name.endswith(core) for core in ("stories", "chapters", "authors", "reviews")):
                raise DumpError(
                    f"the dump has rows for {name} ({values} values) but neither its CREATE TABLE nor a column "
                    "list, and they fit no eFiction 3 layout: dump the database with mysqldump or phpMyAdmin"
                )
            return None
        short, layout = found
        return Table(
            name,
            [Column(column, kind) for column, kind in layout],
            primary_key=schema.PRIMARY_KEYS.get(short, []),
            keys=schema.KEYS.get(short, []),
        )

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

    def finish(self, stories_dir, source: str) -> "EfictionArchive":
        self.db.commit()
        prefix = self.prefix if self.prefix is not None else _detect_prefix(set(self.tables))
        if prefix + "stories" not in self.tables:
            raise DumpError(f"no {prefix}stories table in the dump")
        settings = prefix + "settings"
        if settings not in self.tables:
            settings = next(
                (
                    n
                    for n in sorted(self.tables)
                    if n.endswith("settings") and _has(self.tables[n], "storiespath")
                ),
                None,
            )
        for name in list(self.tables):
            if name != settings and not name.startswith(prefix):
                self.db.execute(f"DROP TABLE {_q(name)}")
                del self.tables[name]
        staged = {}
        for name, table in self.tables.items():
            short = "settings" if name == settings else name[len(prefix) :]
            if short != name:
                self.db.execute(f"ALTER TABLE {_q(name)} RENAME TO {_q(short)}")
            staged[name] = short
            names = {c.name for c in table.columns}
            for n, key in enumerate(k for k in table.keys if k != table.primary_key):
                if set(key) <= names:
                    self.db.execute(
                        f"CREATE INDEX {_q(f'ix_{short}_{n}')} ON {_q(short)} ({', '.join(map(_q, key))})"
                    )
        self.db.execute(f"CREATE TABLE {_CHARSETS} (tbl TEXT PRIMARY KEY, charset TEXT)")
        self.db.executemany(
            f"INSERT INTO {_CHARSETS} VALUES (?, ?)", [(staged[n], t.charset) for n, t in self.tables.items()]
        )
        self.db.execute(f"CREATE TABLE {_META} (key TEXT PRIMARY KEY, value TEXT)")
        self.db.executemany(
            f"INSERT INTO {_META} VALUES (?, ?)",
            [("prefix", prefix), ("source", source), ("stories_dir", str(stories_dir or ""))],
        )
        self.db.execute(f"CREATE TABLE {_REPAIRS} (tbl TEXT, row_id, row_key TEXT, field TEXT, what TEXT)")
        self.db.executemany(
            f"INSERT INTO {_REPAIRS} VALUES (?, ?, ?, ?, ?)",
            (
                (
                    staged[t],
                    None if isinstance(r, tuple) else r,
                    repr(r) if isinstance(r, tuple) else None,
                    f,
                    w,
                )
                for t, r, f, w in self.repairs
                if t in staged
            ),
        )
        self.db.commit()
        self.db.execute("ANALYZE")
        self.db.close()
        return open_staged(self.path, stories_dir)


def _has(table: Table, column: str) -> bool:
    return any(c.name == column for c in table.columns)


def _detect_prefix(names: set[str]) -> str:
    """The prefix in front of eFiction's table names: `fanfiction_` for most archives, `<tableprefix>fanfiction_`
    for archives sharing their database."""
    found = sorted(
        n[: -len("stories")]
        for n in names
        if n.endswith("stories") and n[: -len("stories")] + "chapters" in names
    )
    if len(found) > 1:
        found = [p for p in found if p + "authors" in names] or found
    if not found:
        raise DumpError("no eFiction tables (stories and chapters) in the dump")
    if len(found) > 1:
        raise DumpError(
            f"the dump holds more than one eFiction archive (table prefixes {', '.join(found)}): give the prefix"
        )
    return found[0]


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


class EfictionArchive:
    """A staged eFiction archive: its tables (names without the prefix), its settings and its chapter files."""

    def __init__(self, staging_path, stories_dir=None):
        self.staging_path = Path(staging_path)
        self.db = sqlite3.connect(self.staging_path, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        meta = dict(self.db.execute(f"SELECT key, value FROM {_META}").fetchall())
        self.prefix: str = meta["prefix"]
        self.source: str = meta["source"]
        stories_dir = stories_dir if stories_dir is not None else meta.get("stories_dir") or None
        self.stories_dir: Path | None = Path(stories_dir) if stories_dir else None
        self.repairs: list[Repair] = [
            Repair(
                r["tbl"],
                r["row_id"] if r["row_key"] is None else _composite_key(r["row_key"]),
                r["field"],
                r["what"],
            )
            for r in self.db.execute(f"SELECT * FROM {_REPAIRS} ORDER BY rowid")
        ]
        self.missing_files: list[str] = []
        # Each table's declared character set (CREATE TABLE ... DEFAULT CHARSET=latin1), None when undeclared.
        self.charsets: dict[str, str | None] = dict(
            self.db.execute(f"SELECT tbl, charset FROM {_CHARSETS}").fetchall()
        )
        self._reported: set = set()
        self._tables = {
            r[0]
            for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("_quire_", "sqlite_"))
        }
        self.settings: dict = self._settings()
        self._files: dict[int, Path] | None = None

    def _settings(self) -> dict:
        if "settings" not in self._tables:
            return {}
        rows = list(self.rows("settings"))
        tableprefix = self.prefix[: -len("fanfiction_")] if self.prefix.endswith("fanfiction_") else None
        chosen = next(
            (r for r in rows if tableprefix is not None and (r.get("tableprefix") or "") == tableprefix), None
        )
        return chosen or (rows[0] if rows else {})

    def tables(self) -> set[str]:
        return set(self._tables)

    def _table(self, table: str) -> str:
        if table not in self._tables:
            raise KeyError(f"the archive has no {table} table")
        return _q(table)

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

    def chapter_text(self, chapter: dict) -> str | None:
        """The chapter's text: from its file `<stories>/<uid>/<chapid>.txt` when the archive stored files (or
        the row has none), else from the row's storytext. None when neither has it: the file's path is then
        in missing_files."""
        in_row = chapter.get("storytext") or None
        if in_row and self.settings.get("store", "files") != "files":
            return in_row
        path = self._chapter_file(chapter)
        if path is not None:
            decoded, fixes = text.decode_file(path.read_bytes())
            self._record(Repair("chapters", chapter["chapid"], "storytext", w) for w in fixes)
            return decoded
        if in_row:
            return in_row
        expected = str(self._expected_path(chapter))
        if expected not in self._reported:
            self._reported.add(expected)
            self.missing_files.append(expected)
        return None

    def _record(self, repairs: Iterable[Repair]) -> None:
        for repair in repairs:
            key = (repair.table, repair.row_id, repair.field, repair.what)
            if key not in self._reported:
                self._reported.add(key)
                self.repairs.append(repair)

    def _expected_path(self, chapter: dict) -> Path:
        return (
            (self.stories_dir or Path(self.settings.get("storiespath") or "stories"))
            / str(chapter.get("uid"))
            / f"{chapter['chapid']}.txt"
        )

    def _chapter_file(self, chapter: dict) -> Path | None:
        if self.stories_dir is None:
            return None
        path = self._expected_path(chapter)
        if path.is_file():
            return path
        # A story moved to another author (or a co-author's chapter) keeps its files under the old folder.
        if self._files is None:
            self._files = {}
            for folder in os.scandir(self.stories_dir):
                if folder.is_dir():
                    for entry in os.scandir(folder.path):
                        stem, dot, ext = entry.name.partition(".")
                        if ext == "txt" and stem.isdigit():
                            self._files.setdefault(int(stem), Path(entry.path))
        return self._files.get(int(chapter["chapid"]))

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _composite_key(text_key: str) -> tuple:
    """A composite row id as it was staged (a tuple of ints and strings)."""
    return tuple(ast.literal_eval(text_key))


def open_staged(staging_path, stories_dir=None) -> EfictionArchive:
    """An archive staged earlier (a resumed import need not parse the dump again)."""
    return EfictionArchive(staging_path, stories_dir)


def stage_dump(sql_path, stories_dir, staging_path, prefix=None) -> EfictionArchive:
    """Stage the eFiction tables of a MySQL dump (.sql, or .sql.gz) into `staging_path`."""
    stager = _Stager(staging_path, prefix)
    charset = None
    try:
        for item in dump.parse(dump.open_dump(sql_path)):
            if isinstance(item, dump.SetNames):
                charset = None if item.charset == "binary" else item.charset
            elif isinstance(item, Table):
                stager.create(item)
            else:
                stager.insert(item.table, item.columns, item.rows, item.mode, charset)
        return stager.finish(stories_dir, f"dump {sql_path}")
    except BaseException:
        stager.db.close()
        raise


def stage_mysql(url, stories_dir, staging_path, prefix=None) -> EfictionArchive:
    """Stage the eFiction tables of a live database, `mysql://user:password@host:port/database` (or
    `?unix_socket=/run/mysqld/mysqld.sock`). Rows are read as the columns' own bytes (no result conversion)
    so that latin1 columns holding UTF-8 or Windows-1252 are decoded as from a dump."""
    import pymysql  # deferred: only live-database imports need the MySQL client
    import pymysql.converters  # deferred: as above
    import pymysql.cursors  # deferred: as above

    parts = urlparse(url)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    database = unquote(parts.path.lstrip("/"))
    connection = pymysql.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=database,
        unix_socket=query.get("unix_socket"),
        charset="utf8mb4",
        use_unicode=False,
        # Encoders only, no decoders: every value comes back as the bytes MySQL sent, and is staged like a
        # dump's (ints by their column type, dates as eFiction stored them).
        conv={k: v for k, v in pymysql.converters.conversions.items() if not isinstance(k, int)},
        cursorclass=pymysql.cursors.SSCursor,
    )
    with connection.cursor() as cursor:
        cursor.execute("SET character_set_results = NULL")  # the columns' own bytes, unconverted
    stager = _Stager(staging_path, prefix)
    try:
        for table in _mysql_tables(connection, database):
            stager.create(table)
            if not stager.wanted(table.name):
                continue
            with connection.cursor() as cursor:
                columns = ", ".join("`" + c.name.replace("`", "``") + "`" for c in table.columns)
                cursor.execute(f"SELECT {columns} FROM `{table.name.replace('`', '``')}`")
                stager.insert(table.name, None, cursor, "insert", None)
        return stager.finish(stories_dir, f"mysql {parts.hostname or 'localhost'}/{database}")
    except BaseException:
        stager.db.close()
        raise
    finally:
        connection.close()


def _mysql_tables(connection, database) -> list[Table]:
    def fetch(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, (database,))
            return [
                tuple(v.decode() if isinstance(v, bytes) else v for v in row) for row in cursor.fetchall()
            ]

    tables = {
        name: Table(name, [], (collation or "").split("_")[0] or None)
        for name, collation in fetch(
            "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES"
            " WHERE TABLE_SCHEMA = %s AND TABLE_TYPE = 'BASE TABLE'"
        )
    }
    for name, column, kind, charset in fetch(
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_SET_NAME FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = %s ORDER BY TABLE_NAME, ORDINAL_POSITION"
    ):
        if name in tables:
            tables[name].columns.append(Column(column, kind.lower(), charset))
    keys: dict[tuple, list[str]] = {}
    for name, index, column in fetch(
        "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
        " WHERE TABLE_SCHEMA = %s ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    ):
        keys.setdefault((name, index), []).append(column)
    for (name, index), columns in keys.items():
        if name in tables:
            tables[name].keys.append(columns)
            if index == "PRIMARY":
                tables[name].primary_key = columns
    return [tables[name] for name in sorted(tables)]
