"""Import an archive converted to the Open Doors import tables: authors, stories with their chapters, dates,
AO3 tags and co-authors, and the links the archive kept to stories hosted elsewhere.

The source is an `OpenDoorsArchive` (quire.imports.opendoors.source). As for eFiction (quire.imports.services),
the import runs in a fixed order (authors, stories, story links; each by its Open Doors id), one transaction
per author or story that also writes its ImportedRow records, so a second run makes nothing twice and a
stopped run resumes where it stopped.

Open Doors has already mapped the archive's tags to AO3's: the stories' rating, warnings and categories hold
AO3's names for them, and their fandoms, characters, relationships and tags columns hold AO3 tag names,
comma-separated. A dump taken before that step has them only in `tags` (each original tag with its AO3 tag and
type) linked to the stories by `item_tags`, which is read instead. What maps to nothing is listed in the
report. Rows marked do-not-import, and every story of an author so marked, are left out.

Quire has no bookmarks of works elsewhere (AO3 imports an archive's story links as the archivist's bookmarks
of external works), so each story link becomes a posted work of its author's whose one chapter links to the
story, with its summary, notes, tags and dates, and its address as "Originally posted at".
"""

import re
from html import escape

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from quire.core.text import TextFormat, single_line
from quire.creators.services import credit_creator
from quire.imports.models import ImportedRow
from quire.imports.services import ArchiveImport, flag, parse_date
from quire.tags.enums import TagType
from quire.works.enums import Category, Rating, Warning
from quire.works.languages import language_code
from quire.works.models import TITLE_MAX, Work
from quire.works.services import ChapterFields, WorkFields, create_work, import_chapters

PHASES = ("authors", "stories", "story_links", "bookmarks")
_ITEM_NAMES = {"stories": "story", "story_links": "story link", "bookmarks": "bookmark"}
INDEX_BATCH = 200

_RATINGS = {label.lower(): value for value, label in Rating.choices} | {
    "general": Rating.GENERAL,
    "teen and up": Rating.TEEN,
    "teen": Rating.TEEN,
    "": Rating.NOT_RATED,
}
_WARNINGS = {label.lower(): value for value, label in Warning.choices} | {
    "choose not to use archive warnings": Warning.CHOSE_NOT_TO_WARN,
    "underage": Warning.UNDERAGE,
}
_CATEGORIES = {label.lower(): value for value, label in Category.choices}
# The tag columns of a story and the type of tag each holds.
_TAG_COLUMNS = {
    "fandoms": TagType.FANDOM,
    "relationships": TagType.RELATIONSHIP,
    "characters": TagType.CHARACTER,
    "tags": TagType.ADDITIONAL,
}
# `tags.ao3_tag_type` as Open Doors' tag wrangling sheet writes it, to the story column it fills.
_AO3_TYPES = {
    "fandom": "fandoms",
    "character": "characters",
    "relationship": "relationships",
    "freeform": "tags",
    "tag": "tags",
    "additional tag": "tags",
    "additional": "tags",
    "rating": "rating",
    "warning": "warnings",
    "archive warning": "warnings",
    "category": "categories",
}
# Open Doors fills a missing email with a made-up `<name><archive>Archive@ao3.org`: nobody reads it.
_PLACEHOLDER_EMAIL = re.compile(r"archive@ao3\.org$", re.IGNORECASE)
_is_url = URLValidator(schemes=["http", "https"])


def names(value) -> list[str]:
    """A comma-separated column's names, in order, without repeats or blanks."""
    return list(dict.fromkeys(part.strip() for part in str(value or "").split(",") if part.strip()))


def _fixed(values: list[str], known: dict[str, str]) -> tuple[list[str], list[str]]:
    """The values of a fixed list (AO3's warnings, its categories) that `values` name, and the names that are
    none of them."""
    chosen, unknown = [], []
    for name in values:
        value = known.get(name.lower())
        if value is None:
            unknown.append(name)
        elif value not in chosen:
            chosen.append(value)
    return chosen, unknown


def _ao3_type(value) -> str | None:
    words = " ".join(str(value or "").lower().replace("_", " ").split())
    return _AO3_TYPES.get(words) or _AO3_TYPES.get(words.removesuffix("s"))


def _web_address(value) -> str:
    url = (value or "").strip()
    try:
        _is_url(url)
    except ValidationError:
        return ""
    return url if len(url) <= 500 else ""


class OpenDoorsImport(ArchiveImport):
    kind = "opendoors"

    def __init__(self, archive, **options):
        name = archive.name or "Open Doors archive"
        super().__init__(archive, key=name, name=name, **options)
        tables = archive.tables()
        self.left_out: set[int] = set()  # authors marked do-not-import (or to delete)
        self.tags_by_id: dict[int, dict] = (
            {row["id"]: row for row in archive.rows("tags")} if "tags" in tables else {}
        )
        self.item_tags = "item_tags" in tables
        self.item_authors = "item_authors" in tables

    def run(self):
        for row in self.tags_by_id.values():
            if not (row.get("ao3tag") or "").strip() and (row.get("originaltag") or "").strip():
                self.report.unmapped_once(
                    f"original tag “{row['originaltag']}” ({row.get('originaltype') or 'no type'}) has no AO3 "
                    "tag: left off its works"
                )
        tables = self.source.tables()
        self._resume_index(PHASES[1:])
        for phase in PHASES:
            if phase in tables:
                getattr(self, f"_import_{phase}")()
        self._index_made()
        self.report.repairs = [
            f"{repair.table} {repair.row_id}, {repair.field}: {repair.what}" for repair in self.source.repairs
        ] + self.report.repairs
        return self.report

    # --- Authors ----------------------------------------------------------------------------------------

    def _import_authors(self):
        done = self._load_done("authors")
        self.accounts = self._targets("authors")
        placeholders = 0
        tick = self.progress("authors", self.source.count("authors"))
        for row in self.source.rows("authors", order_by="id"):
            tick()
            if flag(row.get("donotimport")) or flag(row.get("todelete")):
                self.left_out.add(row["id"])
                self.report.problems.append(f"author {row['id']} “{row.get('name')}”: marked do not import")
                continue
            if str(row["id"]) in done:
                self.report.already["authors"] += 1
                continue
            email = (row.get("email") or "").strip()
            if _PLACEHOLDER_EMAIL.search(email):
                email = ""
                placeholders += 1
            if self.dry_run:
                self.report.made["accounts (imported, unclaimed)"] += 1
                continue
            pen_name = single_line(row.get("name") or "").strip() or f"Open Doors author {row['id']}"
            with transaction.atomic():
                user = self._make_account(row["id"], pen_name, email)
                self._record("authors", row["id"], user).save()
                self.checkpoint("authors", row["id"])
            self.accounts[row["id"]] = user.pk
            self.report.made["accounts (imported, unclaimed)"] += 1
        if placeholders:
            self.report.unmapped_once(
                f"{placeholders:,} authors have a placeholder address Open Doors made (…Archive@ao3.org) and "
                "cannot be sent a claim link"
            )

    def _author_ids(self) -> set[int]:
        if not hasattr(self, "_all_authors"):
            self._all_authors = {row["id"] for row in self.source.rows("authors")}
        return self._all_authors

    # --- Stories and story links ------------------------------------------------------------------------

    def _import_stories(self):
        self._import_items("stories", "story")

    def _import_story_links(self):
        self._import_items("story_links", "story_link")

    def _import_bookmarks(self):
        self._import_items("bookmarks", "story_link")

    def _import_items(self, table: str, item_type: str):
        done = self._load_done(table)
        if not self.accounts:
            self.accounts = self._targets("authors")
        tick = self.progress(table, self.source.count(table))
        for row in self.source.rows(table, order_by="id"):
            tick()
            if str(row["id"]) in done:
                self.report.already[table] += 1
                continue
            try:
                self._import_item(table, item_type, row)
            except ValidationError as error:  # the unit rolled back whole; the next story goes on
                self.known_tags.clear()  # with any tag it made
                title = single_line(row.get("title") or "")[:80]
                self.report.problems.append(f"{table} {row['id']} “{title}”: {' '.join(error.messages)}")
            if len(self.unindexed) >= INDEX_BATCH:
                self._index_made()

    def _creators(self, item_type: str, row) -> list[int]:
        """The item's authors' Open Doors ids, its author first: from item_authors where the dump has it,
        else the row's author and co-author."""
        ids = []
        if self.item_authors:
            ids = [
                link["authorid"]
                for link in self.source.rows(
                    "item_authors", "itemid = ? AND itemtype = ?", (row["id"], item_type), order_by="id"
                )
            ]
        if not ids:
            ids = [row.get("authorid"), row.get("coauthorid")]
        return list(dict.fromkeys(i for i in ids if isinstance(i, int) and i > 0))

    def _import_item(self, table: str, item_type: str, row):
        item = f"{_ITEM_NAMES[table]} {row['id']}"
        title = single_line(row.get("title") or "").strip()[:TITLE_MAX] or f"Untitled (Open Doors {item})"
        if flag(row.get("donotimport")):
            self.report.problems.append(f"{item} “{title}”: marked do not import")
            return
        creators = self._creators(item_type, row)
        if any(author in self.left_out for author in creators):
            self.report.problems.append(
                f"{item} “{title}”: its author asked that their works not be imported"
            )
            return
        missing = [
            a for a in creators if a not in self.accounts and not (self.dry_run and a in self._author_ids())
        ]
        if not creators or missing:
            self.report.problems.append(
                f"{item} “{title}”: its author {', '.join(map(str, missing)) or '(none)'} is not in the archive"
            )
            return
        if table == "stories":
            chapters = list(
                self.source.rows("chapters", "storyid = ?", (row["id"],), order_by="position, id")
            )
            if not chapters:
                self.report.problems.append(f"{item} “{title}”: it has no chapters")
                return
            source_url = ""
        else:
            source_url = _web_address(row.get("url"))
            if flag(row.get("brokenlink")) or not source_url:
                self.report.problems.append(f"{item} “{title}”: its link is broken or missing")
                return
            link = (
                f'<p>This story is hosted elsewhere: <a href="{escape(source_url)}">{escape(title)}</a></p>'
            )
            chapters = [{"id": None, "title": "", "text": link, "notes": "", "date": None}]
        fields = self._work_fields(item, item_type, row, title, source_url)
        made = "works (posted)" if table == "stories" else "works linking to stories elsewhere"
        if self.dry_run:
            self.report.made[made] += 1
            self.report.made["chapters"] += len(chapters) if table == "stories" else 0
            self.report.made["co-creator credits"] += len(creators) - 1
            return
        published = parse_date(row.get("date"), self.tz) or parse_date(row.get("updated"), self.tz)
        updated = parse_date(row.get("updated"), self.tz) or published
        author = self._user(self.accounts[creators[0]])
        with transaction.atomic():
            work = create_work(
                author=author,
                work=fields,
                chapter=self._chapter_fields(chapters[0]),
                post=True,
                now=published,
                importing=True,
                known_tags=self.known_tags,
            )
            rows = [work.first_chapter] + import_chapters(
                work=work,
                after=1,
                user=author,
                chapters=[
                    (
                        self._chapter_fields(chapter),
                        parse_date(chapter.get("date"), self.tz) or updated or work.posted_at,
                    )
                    for chapter in chapters[1:]
                ],
            )
            if published:
                Work.objects.filter(pk=work.pk).update(
                    revised_at=max(updated, published), created_at=published
                )
            for author_id in creators[1:]:
                credit_creator(work, self._default_pseud(self.accounts[author_id]))
            ImportedRow.objects.bulk_create(
                [self._record(table, row["id"], work)]
                + [
                    self._record("chapters", chapter["id"], chapter_row)
                    for chapter, chapter_row in zip(chapters, rows, strict=True)
                    if chapter["id"] is not None
                ]
            )
            self.checkpoint(table, row["id"])
        self.works[row["id"]] = work.pk
        self.unindexed.append(work.pk)
        self.report.made[made] += 1
        self.report.made["chapters"] += len(chapters) if table == "stories" else 0
        self.report.made["co-creator credits"] += len(creators) - 1

    @staticmethod
    def _chapter_fields(chapter) -> ChapterFields:
        text = chapter.get("text") or ""
        return ChapterFields(
            body=text if text.strip() else "<p>[This chapter was empty in the archive.]</p>",
            title=single_line(chapter.get("title") or "").strip()[:TITLE_MAX],
            notes=chapter.get("notes") or "",
            text_format=TextFormat.RICH,
        )

    # --- Tags -------------------------------------------------------------------------------------------

    def _columns(self, item_type: str, row) -> dict[str, list[str]]:
        """The item's AO3 names by column: the row's own columns, each empty one (a dump taken before Open
        Doors filled them) from its tags' AO3 mapping through item_tags."""
        columns = {
            column: names(row.get(column)) for column in ("rating", "warnings", "categories", *_TAG_COLUMNS)
        }
        empty = {column for column, values in columns.items() if not values}
        if not empty or not self.item_tags:
            return columns
        for link in self.source.rows(
            "item_tags", "itemid = ? AND itemtype = ?", (row["id"], item_type), order_by="id"
        ):
            tag = self.tags_by_id.get(link["tagid"])
            if tag is None or not (tag.get("ao3tag") or "").strip():
                continue  # reported with the tags table
            column = _ao3_type(tag.get("ao3tagtype"))
            if column is None:
                self.report.unmapped_once(
                    f"tag “{tag['ao3tag']}”: “{tag.get('ao3tagtype')}” is not an AO3 tag type; left off"
                )
            elif column in empty:
                columns[column] += [name for name in names(tag["ao3tag"]) if name not in columns[column]]
        return columns

    def _work_fields(self, item: str, item_type: str, row, title: str, source_url: str) -> WorkFields:
        columns = self._columns(item_type, row)
        rating = _RATINGS.get(" ".join(columns["rating"]).lower())
        if rating is None:
            self.report.unmapped_once(
                f"rating “{', '.join(columns['rating'])}” is not an AO3 rating: Not Rated ({item} and maybe others)"
            )
            rating = Rating.NOT_RATED
        tags: dict[str, list[str]] = {column: [] for column in _TAG_COLUMNS}
        warnings, unknown = _fixed(columns["warnings"], _WARNINGS)
        for name in unknown:
            self.report.unmapped_once(
                f"warning “{name}” is not an AO3 archive warning: kept as an additional tag ({item} and maybe "
                "others)"
            )
        columns["tags"] += unknown
        categories, unknown = _fixed(columns["categories"], _CATEGORIES)
        for name in unknown:
            self.report.unmapped_once(f"category “{name}” is not an AO3 category ({item} and maybe others)")
        kinds: dict[str, str] = {}  # a name is one type of tag only
        for column, tag_type in _TAG_COLUMNS.items():
            for raw in columns[column]:
                name = self._tag_name(raw, tag_type, item)
                if name is None or name in tags[column]:
                    continue
                if (first := kinds.setdefault(name.lower(), tag_type)) != tag_type:
                    self.report.unmapped_once(
                        f"“{name}” is both {TagType(first).described} and {TagType(tag_type).described}: "
                        f"kept as the first ({item} and maybe others)"
                    )
                    continue
                tags[column].append(name)
        if not tags["fandoms"]:
            self.report.unmapped_once(f"{item} “{title}” has no fandom")
        language = language_code(row.get("languagecode") or "en")
        if language is None:
            self.report.unmapped_once(f"language “{row.get('languagecode')}” is not one Quire lists: English")
        return WorkFields(
            title=title,
            rating=rating,
            fandoms=tags["fandoms"],
            warnings=warnings or [Warning.CHOSE_NOT_TO_WARN],
            categories=categories,
            relationships=tags["relationships"],
            characters=tags["characters"],
            additional_tags=tags["tags"],
            summary=row.get("summary") or "",
            notes=row.get("notes") or "",
            text_format=TextFormat.RICH,
            language=language or "en",
            source_url=source_url,
        )
