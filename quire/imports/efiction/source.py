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

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from quire.imports.efiction import schema, text
from quire.imports.efiction.dump import Column, DumpError, Table
from quire.imports.staging import Repair, StagedArchive, Stager, stage_statements

__all__ = ["DumpError", "EfictionArchive", "Repair", "open_staged", "stage_dump", "stage_mysql"]


class _Stager(Stager):
    """Stages an eFiction archive's tables; `finish` keeps those with its prefix (and its settings) under
    their names without it."""

    def __init__(self, staging_path, prefix):
        super().__init__(staging_path)
        self.prefix = prefix

    def wanted(self, name: str) -> bool:
        return self.prefix is None or name.startswith(self.prefix) or name.endswith("settings")

    def plain_fields(self, name: str) -> set[str]:
        return text.plain_text_fields(name)

    def layout(self, name: str, values: int) -> Table | None:
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
        keep = {
            name: "settings" if name == settings else name[len(prefix) :]
            for name in self.tables
            if name == settings or name.startswith(prefix)
        }
        self.seal(keep, {"prefix": prefix, "source": source, "stories_dir": str(stories_dir or "")})
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


class EfictionArchive(StagedArchive):
    """A staged eFiction archive: its tables (names without the prefix), its settings and its chapter files."""

    def __init__(self, staging_path, stories_dir=None):
        super().__init__(staging_path)
        self.prefix: str = self.meta["prefix"]
        stories_dir = stories_dir if stories_dir is not None else self.meta.get("stories_dir") or None
        self.stories_dir: Path | None = Path(stories_dir) if stories_dir else None
        self.missing_files: list[str] = []
        self._reported: set = set()
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


def open_staged(staging_path, stories_dir=None) -> EfictionArchive:
    """An archive staged earlier (a resumed import need not parse the dump again)."""
    return EfictionArchive(staging_path, stories_dir)


def stage_dump(sql_path, stories_dir, staging_path, prefix=None) -> EfictionArchive:
    """Stage the eFiction tables of a MySQL dump (.sql, or .sql.gz) into `staging_path`."""
    stager = _Stager(staging_path, prefix)
    stage_statements(sql_path, stager)
    try:
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
