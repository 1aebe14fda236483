"""An archive converted to the Open Doors import tables (otwcode/open-doors-code and its temp site), staged
from a MySQL dump: authors, stories, chapters, story links (or `bookmarks`, their older name), and the tags
with their AO3 mapping (`tags`, `item_tags`), with co-authors in `item_authors` where the dump has it.

Open Doors has spelled its columns several ways over the years (`author_id`, `authorId`, `AuthorID`;
`do_not_import`, `donotimport`, `doNotImport`; `StoryID`, `story_id`), so every column is staged under one
name: lower case without underscores (`authorid`, `donotimport`, `storyid`). Its tag columns hold AO3 names
already (`fandoms = "Stargate SG-1, Stargate Atlantis"`), and its dates are MySQL datetimes in UTC.
"""

from quire.imports.efiction.dump import Column, DumpError, Table
from quire.imports.staging import StagedArchive, Stager, stage_statements

__all__ = ["DumpError", "OpenDoorsArchive", "stage_dump"]

TABLES = ("authors", "stories", "chapters", "story_links", "bookmarks", "tags", "item_tags", "item_authors")
# Shown as plain text on their pages: HTML entities in them are undone. Text, summaries and notes are HTML.
_PLAIN = {"name", "email", "title", "rating", "warnings", "categories", "fandoms", "characters"}
_PLAIN |= {"relationships", "tags", "originaltag", "originaltype", "ao3tag", "ao3tagtype", "ao3tagcategory"}
_PLAIN |= {"languagecode"}


def column_name(name: str) -> str:
    return name.lower().replace("_", "")


class _Stager(Stager):
    """Stages the Open Doors tables (every column under its one spelling); `finish` keeps those with the
    archive's prefix under their names without it."""

    def __init__(self, staging_path, prefix):
        super().__init__(staging_path)
        self.prefix = prefix

    def wanted(self, name: str) -> bool:
        return any(name.lower().endswith(table) for table in TABLES) and (
            self.prefix is None or name.startswith(self.prefix)
        )

    def plain_fields(self, name: str) -> set[str]:
        return _PLAIN

    def create(self, table: Table) -> None:
        table.columns = [Column(column_name(c.name), c.type, c.charset) for c in table.columns]
        table.primary_key = [column_name(k) for k in table.primary_key]
        table.keys = [[column_name(k) for k in key] for key in table.keys]
        super().create(table)

    def insert(self, name, columns, rows, mode, charset) -> None:
        super().insert(name, columns and [column_name(c) for c in columns], rows, mode, charset)

    def finish(self, source: str, name: str) -> "OpenDoorsArchive":
        self.db.commit()
        prefix = self.prefix if self.prefix is not None else self._detect_prefix()
        keep = {
            full: full[len(prefix) :].lower()
            for full in self.tables
            if full.startswith(prefix) and full[len(prefix) :].lower() in TABLES
        }
        self.seal(keep, {"prefix": prefix, "source": source, "name": name})
        return OpenDoorsArchive(self.path)

    def _detect_prefix(self) -> str:
        """The prefix in front of the Open Doors tables (none, usually): a stories table with AO3's tag
        columns beside a chapters table. An eFiction archive's own tables in the same dump are passed over."""
        found = sorted(
            full[: -len("stories")]
            for full, table in self.tables.items()
            if full.lower().endswith("stories")
            and {"title", "fandoms"} <= {c.name for c in table.columns}
            and any(other.lower() == full[: -len("stories")].lower() + "chapters" for other in self.tables)
        )
        if not found:
            raise DumpError(
                "no Open Doors tables in the dump (a stories table with fandoms, characters and relationships "
                "columns, and a chapters table)"
            )
        if len(found) > 1:
            raise DumpError(
                f"the dump holds more than one set of Open Doors tables (prefixes {', '.join(found)}): "
                "give the prefix"
            )
        return found[0]


class OpenDoorsArchive(StagedArchive):
    """A staged Open Doors archive: its tables under their Open Doors names, columns spelt as column_name()."""

    def __init__(self, staging_path):
        super().__init__(staging_path)
        self.prefix: str = self.meta["prefix"]
        self.name: str = self.meta.get("name", "")
        self.missing_files: list[str] = []

    def has(self, table: str, column: str) -> bool:
        return table in self._tables and column in self.columns(table)


def stage_dump(sql_path, staging_path, *, name: str, prefix=None) -> OpenDoorsArchive:
    """Stage the Open Doors tables of a MySQL dump (.sql, or .sql.gz) into `staging_path`."""
    stager = _Stager(staging_path, prefix)
    stage_statements(sql_path, stager)
    try:
        return stager.finish(f"dump {sql_path}", name)
    except BaseException:
        stager.db.close()
        raise
