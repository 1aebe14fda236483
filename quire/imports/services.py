"""Import an eFiction 3.x archive, with its history: authors, stories and chapters with their dates, tags,
co-authors, reviews and the writers' replies, series, and readers' favorites.

The source is an `EfictionArchive` (quire.imports.efiction.source: a dump staged into SQLite, or a live
database). The import runs in a fixed order (authors, stories, series, favorites; each by its eFiction id),
one transaction per unit (an author, a story with its chapters, co-authors and reviews, a series, a reader's
favorites) that also writes the unit's ImportedRow records. So a second run skips what is recorded and
makes nothing twice, and a run killed midway lost only its unfinished unit, which the next run makes whole.

Works are made through quire.works.services with their original dates (`now=`), so tags, filters, totals and
the search index are built as for any work; what the services date "now" (review dates, a work's update date,
its creation date) is set afterwards, and the counts are refreshed by the same functions.
"""

import re
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from quire.accounts.models import Pseud, User
from quire.accounts.services import PSEUD_NAME_MAX, create_user
from quire.core.text import TextFormat, render, single_line
from quire.creators.services import credit_creator
from quire.discovery.indexing import index_works
from quire.feedback.counters import refresh_feedback_counts, refresh_hit_counts
from quire.feedback.models import Bookmark, Review
from quire.feedback.services import save_bookmark
from quire.follows.services import subscribe
from quire.imports.mapping import SKIP, TAG_KINDS, WARNING, Mapping
from quire.imports.models import ImportedAuthor, ImportedRow, SourceArchive
from quire.insights.models import WorkDay
from quire.series.models import Series, SeriesWork
from quire.series.services import SeriesFields, create_series
from quire.tags.enums import TagType
from quire.tags.filters import rebuild_work_filters
from quire.tags.models import FORBIDDEN_TAG_CHARACTERS, Tag, normalize_tag_name, validate_tag_name
from quire.works.models import TITLE_MAX, Chapter, Work
from quire.works.services import ChapterFields, WorkFields, create_work, import_chapters, refresh_totals_of

PHASES = ("authors", "categories", "stories", "series", "favorites")
# Works are indexed for search this many at a time: one index call per work cost a quarter of the import.
INDEX_BATCH = 200
MISSING_TEXT = "<p>[This chapter’s text was missing from the archive when it was imported.]</p>"

# The response eFiction appends to a review: `<br><br><i>Author's Response: …</i>` (3.0 to 3.5, with or
# without the colon inside the <i>).
_RESPONSE = re.compile(
    r"(?:<br\s*/?>\s*){1,2}<i>\s*Author(?:'|&#0?39;|’)s Response\s*:?\s*(?:</i>)?(?P<text>.*?)(?:</i>)?\s*$",
    re.IGNORECASE | re.DOTALL,
)


class StopImport(Exception):
    """Raised by a checkpoint to stop an import (the tests' stand-in for a kill)."""


@dataclass
class Report:
    dry_run: bool
    archive_name: str = ""
    made: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)
    unmapped: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def unmapped_once(self, line: str) -> None:
        if line not in self.unmapped:
            self.unmapped.append(line)

    def lines(self) -> list[str]:
        verb = "Would make" if self.dry_run else "Made"
        made = [f"  {n:>7,} {what}" for what, n in self.made.items() if n]
        out = [f"{verb}:", *made] if made else [f"{verb}: nothing"]
        if any(self.already.values()):
            out += ["Already imported (left as they are):"]
            out += [f"  {n:>7,} {table}" for table, n in self.already.items() if n]
        for title, items in (
            ("Not mapped", self.unmapped),
            ("Chapter files missing", self.missing_files),
            ("Text repaired", self.repairs),
            ("Not imported", self.problems),
        ):
            out += [f"{title} ({len(items):,}):"] + [f"  - {item}" for item in items] if items else []
        return out


def parse_date(value, tz) -> datetime | None:
    """eFiction 3.x dates: `datetime` text in the server's time zone (3.x) or Unix seconds (early 3.0)."""
    if value in (None, "", 0, "0"):
        return None
    if isinstance(value, int) or str(value).isdigit():
        return datetime.fromtimestamp(int(value), tz=UTC)
    text = str(value).strip()
    if text.startswith("0000"):
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=tz)
        except ValueError:
            continue
    return None


def _ids(value) -> list[int]:
    """eFiction's comma-separated id lists ("3,10,16"), in order, without repeats or zeros."""
    ids = []
    for part in str(value or "").split(","):
        part = part.strip()
        if part.lstrip("-").isdigit() and int(part) > 0 and int(part) not in ids:
            ids.append(int(part))
    return ids


def _repair_line(repair) -> str:
    if isinstance(repair, str):
        return repair
    return f"{repair.table} {repair.row_id}, {repair.field}: {repair.what}"


def flag(value) -> bool:
    return str(value or "0").strip() not in ("0", "", "N", "n")


def _username(pen_name: str, fallback: str) -> str:
    """A login name from a pen name: Django's characters (letters, digits, @.+-_), spaces as underscores."""
    name = unicodedata.normalize("NFKC", single_line(pen_name)).strip()
    name = re.sub(r"\s+", "_", name)
    name = re.sub(r"_{2,}", "_", re.sub(r"[^\w.@+-]", "", name)).strip("_")[:140]
    return name or fallback


def _free_username(base: str) -> str:
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base[:140]}_{n}"
    return candidate


def _pseud_name(pen_name: str, fallback: str) -> str:
    # Pseuds take letters, digits, spaces, underscores and hyphens (quire.accounts.services).
    name = " ".join(re.sub(r"[^\w -]", " ", single_line(pen_name)).split())[:PSEUD_NAME_MAX].strip()
    return name if re.search(r"[^\W_]", name) else fallback[:PSEUD_NAME_MAX]


class ArchiveImport:
    """What every archive import shares: the bookkeeping that makes it idempotent and resumable (a
    SourceArchive of its `kind`, an ImportedRow per source row made), imported unclaimed accounts, tag names
    checked against the tags already here, and the search index caught up in batches."""

    kind = ""

    def __init__(
        self,
        source,
        *,
        dry_run: bool = False,
        time_zone: str = "UTC",
        progress: Callable[[str, int], Callable[[], None]] | None = None,
        checkpoint: Callable[[str, object], None] | None = None,
        key: str,
        name: str = "",
        url: str = "",
    ):
        self.source = source
        self.dry_run = dry_run
        self.tz = zoneinfo.ZoneInfo(time_zone)
        # progress(phase, total) returns the function to call once per unit done (the command's bar).
        self.progress = progress or (lambda phase, total: lambda: None)
        # Called inside each unit's transaction just before it commits: the tests raise there to stop a run.
        self.checkpoint = checkpoint or (lambda table, source_id: None)
        self.report = Report(dry_run=dry_run, archive_name=name)
        self.archive = self._archive_row(key, name, url)
        self.done: dict[str, set[str]] = {}
        self.accounts: dict[int, int] = {}  # the source's author id -> Quire user id
        self.works: dict[int, int] = {}  # the source's story id -> Quire work id
        self.content_types: dict[type, ContentType] = {}
        self.pseuds: dict[int, Pseud] = {}
        self.users: dict[int, User] = {}
        # A tag name's type here (None: no tag of that name yet), as the stories phase meets it, so that each
        # name is looked up once rather than once per story.
        self.tag_types: dict[str, str | None] = {}
        self.known_tags: dict[tuple[str, str], int] = {}  # (name, type) -> tag id, for create_work
        self.unindexed: list[int] = []  # works made whole, waiting for the next batch of the index

    # --- Bookkeeping ------------------------------------------------------------------------------------

    def _archive_row(self, key: str, name: str, url: str) -> SourceArchive | None:
        if self.dry_run:
            return SourceArchive.objects.filter(kind=self.kind, key=key).first()
        archive, _ = SourceArchive.objects.get_or_create(
            kind=self.kind, key=key, defaults={"name": name[:200], "url": url[:200]}
        )
        return archive

    def _load_done(self, table: str) -> set[str]:
        if table not in self.done:
            self.done[table] = (
                set(
                    ImportedRow.objects.filter(archive=self.archive, table=table).values_list(
                        "source_id", flat=True
                    )
                )
                if self.archive
                else set()
            )
        return self.done[table]

    def _targets(self, table: str) -> dict[int, int]:
        if self.archive is None:
            return {}
        return {
            int(source_id): object_id
            for source_id, object_id in ImportedRow.objects.filter(
                archive=self.archive, table=table, object_id__isnull=False
            ).values_list("source_id", "object_id")
        }

    def _record(self, table: str, source_id, target=None) -> ImportedRow:
        content_type = None
        if target is not None:
            model = type(target)
            if model not in self.content_types:
                self.content_types[model] = ContentType.objects.get_for_model(model)
            content_type = self.content_types[model]
        return ImportedRow(
            archive=self.archive,
            table=table,
            source_id=str(source_id),
            content_type=content_type,
            object_id=target.pk if target is not None else None,
        )

    def _user(self, user_id: int) -> User:
        if user_id not in self.users:
            self.users[user_id] = User.objects.get(pk=user_id)
        return self.users[user_id]

    # --- Accounts ---------------------------------------------------------------------------------------

    def _make_account(self, source_id, pen_name: str, email: str, joined=None, about: str = "") -> User:
        username = _free_username(_username(pen_name, f"{self.kind}_{source_id}"))
        user = create_user(
            username=username,
            email="",  # kept on ImportedAuthor: nothing is sent before the author claims the account
            password=None,
            unclaimed_import=True,
            about=about[:2000],
            **({"date_joined": joined} if joined else {}),
        )
        Pseud.objects.filter(user=user, is_default=True).update(name=_pseud_name(pen_name, username))
        ImportedAuthor.objects.create(
            archive=self.archive,
            user=user,
            source_id=str(source_id),
            pen_name=pen_name[:200],
            email=email.strip()[:254],
        )
        return user

    def _default_pseud(self, user_id: int) -> Pseud:
        if user_id not in self.pseuds:
            self.pseuds[user_id] = Pseud.objects.get(user_id=user_id, is_default=True)
        return self.pseuds[user_id]

    # --- Tags and the index -----------------------------------------------------------------------------

    def _tag_name(self, raw: str, tag_type: str, where: str) -> str | None:
        """The name the tag is made under, or None when it cannot be (reported): forbidden characters are
        replaced, a name already used by another type of tag is left out."""
        name = normalize_tag_name(raw)
        if FORBIDDEN_TAG_CHARACTERS.search(name):
            fixed = normalize_tag_name(FORBIDDEN_TAG_CHARACTERS.sub(" ", name))
            line = f"tag “{name}” becomes “{fixed}” (tags cannot hold , ^ * < > {{ }} = ` \\ %)"
            if line not in self.report.repairs:
                self.report.repairs.append(line)
            name = fixed
        try:
            validate_tag_name(name)
        except ValidationError as error:
            self.report.unmapped_once(f"tag “{name[:60]}” ({where}): {error.messages[0]}")
            return None
        if name not in self.tag_types:
            existing = Tag.objects.named(name).only("type", "name").first()
            self.tag_types[name] = existing.type if existing is not None else None
        existing_type = self.tag_types[name]
        if existing_type is not None and existing_type != tag_type:
            self.report.unmapped_once(
                f"“{name}” is already {TagType(existing_type).described} here, so it is not used as "
                f"{TagType(tag_type).described} ({where} and maybe others)"
            )
            return None
        # The work made with it makes the tag of this type, if it is not there yet.
        self.tag_types[name] = tag_type
        return name

    def _resume_index(self, tables=("stories",)):
        """The works of a run stopped before it indexed them (the next batch catches up with drafts too; the
        index leaves them out)."""
        if self.archive is not None and not self.dry_run:
            self.unindexed += Work.objects.filter(
                pk__in=ImportedRow.objects.filter(archive=self.archive, table__in=tables).values("object_id"),
                search_document__isnull=True,
            ).values_list("pk", flat=True)

    def _index_made(self):
        """What every work of the batch needs once it is whole: totals, filters, feedback and hit counts,
        and its search document, made for the batch at once (a work at a time cost most of the import).
        The search document comes last: a run stopped before it leaves the batch's works unindexed, and the
        next run begins by finishing them."""
        with transaction.atomic():
            refresh_totals_of(self.unindexed)
            rebuild_work_filters(self.unindexed)
            refresh_feedback_counts(self.unindexed)
            refresh_hit_counts(self.unindexed)
            index_works(self.unindexed)
        self.unindexed = []


class EfictionImport(ArchiveImport):
    kind = "efiction"

    def __init__(self, archive, *, mapping: Mapping, **options):
        settings = archive.settings or {}
        key = str(settings.get("sitekey") or settings.get("url") or settings.get("sitename") or "efiction")
        super().__init__(
            archive, key=key, name=settings.get("sitename", ""), url=settings.get("url", ""), **options
        )
        self.mapping = mapping

    # --- The run ----------------------------------------------------------------------------------------

    def run(self) -> Report:
        self.report.unmapped += self.mapping.unmapped
        tables = self.source.tables()
        for phase in PHASES:
            if phase in tables:
                getattr(self, f"_import_{phase}")()
        # Known once every chapter has been read.
        self.report.missing_files = list(self.source.missing_files)
        self.report.repairs = [_repair_line(repair) for repair in self.source.repairs] + self.report.repairs
        if "reviews" in tables:
            series_reviews = self.source.count("reviews", "type = ?", ("SE",))
            if series_reviews:
                self.report.unmapped_once(
                    f"{series_reviews:,} reviews of series: Quire has reviews on chapters only"
                )
        return self.report

    # --- Authors ----------------------------------------------------------------------------------------

    def _import_authors(self):
        done = self._load_done("authors")
        self.accounts = self._targets("authors")
        tick = self.progress("authors", self.source.count("authors"))
        for row in self.source.rows("authors", order_by="uid"):
            tick()
            if str(row["uid"]) in done:
                self.report.already["authors"] += 1
                continue
            if self.dry_run:
                self.report.made["accounts (imported, unclaimed)"] += 1
                continue
            with transaction.atomic():
                pen_name = single_line(row.get("penname") or "").strip() or f"eFiction author {row['uid']}"
                user = self._make_account(
                    row["uid"],
                    pen_name,
                    row.get("email") or "",
                    joined=parse_date(row.get("date"), self.tz),
                    about=row.get("bio") or "",
                )
                self._record("authors", row["uid"], user).save()
                self.checkpoint("authors", row["uid"])
            self.accounts[row["uid"]] = user.pk
            self.report.made["accounts (imported, unclaimed)"] += 1

    # --- Categories ---------------------------------------------------------------------------------------

    def _import_categories(self):
        """Each category's tag, made and recorded up front so the old category pages can find it
        (browse.php?type=categories&catid=N)."""
        done = self._load_done("categories")
        tick = self.progress("categories", self.source.count("categories"))
        for row in self.source.rows("categories", order_by="catid"):
            tick()
            catid = row["catid"]
            if str(catid) in done:
                self.report.already["categories"] += 1
                continue
            target = self.mapping.categories.get(catid)
            if target is None or target.kind not in TAG_KINDS:
                continue
            tag_type = TAG_KINDS[target.kind]
            name = self._tag_name(target.name, tag_type, f"category {catid}")
            if name is None:
                continue
            if self.dry_run:
                self.report.made["tags"] += not Tag.objects.named(name).exists()
                continue
            with transaction.atomic():
                new = not Tag.objects.named(name).exists()
                tag = Tag.for_name(name, tag_type)
                self._record("categories", catid, tag).save()
                self.checkpoint("categories", catid)
            self.report.made["tags"] += new

    # --- Stories ----------------------------------------------------------------------------------------

    def _import_stories(self):
        done = self._load_done("stories")
        self.works = self._targets("stories")
        if not self.accounts:
            self.accounts = self._targets("authors")
        self._known = {
            table: {row[key] for row in self.source.rows(table)}
            for table, key in (("categories", "catid"), ("characters", "charid"), ("classes", "class_id"))
            if table in self.source.tables()
        }
        self._parents = (
            {row["catid"]: row["parentcatid"] for row in self.source.rows("categories")}
            if "categories" in self.source.tables()
            else {}
        )
        self._resume_index()
        tick = self.progress("stories", self.source.count("stories"))
        for story in self.source.rows("stories", order_by="sid"):
            tick()
            if str(story["sid"]) in done:
                self.report.already["stories"] += 1
                continue
            try:
                self._import_story(story)
            except ValidationError as error:  # the unit rolled back whole; the next story goes on
                self.known_tags.clear()  # with any tag it made
                title = single_line(story.get("title") or "")[:80]
                self.report.problems.append(f"story {story['sid']} “{title}”: {' '.join(error.messages)}")
            if len(self.unindexed) >= INDEX_BATCH:
                self._index_made()
        self._index_made()

    def _story_tags(self, story) -> tuple[dict[str, list[str]], list[str]]:
        """The story's tags by kind and its archive warnings, through the mapping; what it cannot map is
        reported."""
        tags: dict[str, list[str]] = {kind: [] for kind in TAG_KINDS}
        warnings: list[str] = []
        tags["fandom"] += self.mapping.default_fandoms
        kinds = {name.lower(): "fandom" for name in tags["fandom"]}  # a name is one kind of tag only
        for column, table, targets, noun in (
            ("catid", "categories", self.mapping.categories, "category"),
            ("charid", "characters", self.mapping.characters, "character"),
            ("classes", "classes", self.mapping.classes, "class"),
        ):
            values = _ids(story.get(column))
            if table == "categories":  # a story filed under a pairing belongs to the fandoms above it
                values += [
                    parent
                    for value in values
                    for parent in self._ancestors(value)
                    if parent not in values and getattr(targets.get(parent), "kind", "") == "fandom"
                ]
            for value in values:
                target = targets.get(value)
                if target is None:
                    known = value in self._known.get(table, set())
                    self.report.unmapped_once(
                        f"{noun} {value}"
                        + (" has no line in the mapping" if known else f" is not in the {table} table")
                        + f" (story {story['sid']} and maybe others)"
                    )
                    continue
                if target.kind == SKIP:
                    continue
                if target.kind == WARNING:
                    if target.name not in warnings:
                        warnings.append(target.name)
                    continue
                name = self._tag_name(target.name, TAG_KINDS[target.kind], f"story {story['sid']}")
                if name is None or name in tags[target.kind]:
                    continue
                if (kind := kinds.setdefault(name.lower(), target.kind)) != target.kind:
                    self.report.unmapped_once(
                        f"“{name}” is mapped both as a {kind} and as a {target.kind}: kept as a {kind} "
                        f"(story {story['sid']} and maybe others)"
                    )
                    continue
                tags[target.kind].append(name)
        return tags, warnings or [self.mapping.default_warning]

    def _ancestors(self, catid: int) -> list[int]:
        ancestors, seen = [], {catid}
        while (catid := self._parents.get(catid, -1)) > 0 and catid not in seen:
            seen.add(catid)
            ancestors.append(catid)
        return ancestors

    def _import_story(self, story):
        sid = story["sid"]
        title = (
            single_line(story.get("title") or "").strip()[:TITLE_MAX] or f"Untitled (eFiction story {sid})"
        )
        author_id = self.accounts.get(story["uid"])
        if author_id is None and not (self.dry_run and story["uid"] in self._author_uids()):
            self.report.problems.append(
                f"story {sid} “{title}”: its author {story['uid']} is not in the archive"
            )
            return
        chapters = list(self.source.rows("chapters", "sid = ?", (sid,), order_by="inorder, chapid"))
        if not chapters:
            self.report.problems.append(f"story {sid} “{title}”: it has no chapters")
            return
        texts = [self.source.chapter_text(chapter) for chapter in chapters]
        tags, warnings = self._story_tags(story)
        posted = flag(story.get("validated"))
        published = parse_date(story.get("date"), self.tz) or parse_date(story.get("updated"), self.tz)
        updated = parse_date(story.get("updated"), self.tz) or published
        reviews = list(self.source.rows("reviews", "type = ? AND item = ?", ("ST", sid), order_by="reviewid"))
        if self.dry_run:
            self.report.made["works (posted)" if posted else "works (drafts)"] += 1
            self.report.made["chapters"] += len(chapters)
            self.report.made["reviews"] += sum(1 for review in reviews if self._review_text(review)[0])
            self.report.made["writer's replies"] += sum(
                1 for review in reviews if self._review_text(review)[1]
            )
            self.report.made["co-creator credits"] += self.source.count("coauthors", "sid = ?", (sid,))
            return
        author = self._user(author_id)
        rating_ids = _ids(story.get("rid"))
        rating = self.mapping.ratings.get(rating_ids[0]) if rating_ids else None
        if rating is None:
            if rating_ids:
                self.report.unmapped_once(f"rating {rating_ids[0]} is not in the ratings table; Not Rated")
            rating = "not_rated"
        fields = WorkFields(
            title=title,
            rating=rating,
            fandoms=tags["fandom"],
            warnings=warnings,
            relationships=tags["relationship"],
            characters=tags["character"],
            additional_tags=tags["additional"],
            summary=story.get("summary") or "",
            notes=story.get("storynotes") or "",
            text_format=TextFormat.RICH,
            expected_chapters=len(chapters) if flag(story.get("completed")) else None,
        )
        # An unvalidated or missing chapter stays unposted, for its writer to finish.
        unposted = {
            i
            for i, (chapter, text) in enumerate(zip(chapters, texts, strict=True))
            if text is None or not flag(chapter.get("validated"))
        }
        with transaction.atomic():
            work = create_work(
                author=author,
                work=fields,
                chapter=self._chapter_fields(chapters[0], texts[0]),
                post=posted,
                now=published,
                importing=True,
                known_tags=self.known_tags,
            )
            first = work.first_chapter
            if 0 in unposted and first.posted_at is not None:
                Chapter.objects.filter(pk=first.pk).update(posted_at=None)
            later = work.posted_at and (updated or work.posted_at)
            made = [first] + import_chapters(
                work=work,
                after=1,
                user=author,
                chapters=[
                    (self._chapter_fields(chapter, text), None if i in unposted else later)
                    for i, (chapter, text) in enumerate(zip(chapters, texts, strict=True))
                    if i > 0
                ],
            )
            if published:
                Work.objects.filter(pk=work.pk).update(revised_at=updated, created_at=published)
            credits = self._credit_coauthors(work, sid)
            replies, writer_replies = self._import_reviews(work, author, chapters, made, reviews)
            if hits := int(story.get("count") or 0):  # eFiction's hit counter, kept as the work's hits
                WorkDay.objects.create(
                    work=work, day=(updated or published or work.revised_at).date(), hits=hits
                )
            ImportedRow.objects.bulk_create(
                [self._record("stories", sid, work)]
                + [
                    self._record("chapters", chapter["chapid"], row)
                    for chapter, row in zip(chapters, made, strict=True)
                ]
                + [self._record("reviews", reviewid, review) for reviewid, review in replies]
            )
            self.checkpoint("stories", sid)
        self.works[sid] = work.pk
        self.unindexed.append(work.pk)
        self.report.made["works (posted)" if posted else "works (drafts)"] += 1
        self.report.made["chapters"] += len(chapters)
        self.report.made["reviews"] += len(replies)
        self.report.made["writer's replies"] += writer_replies
        self.report.made["co-creator credits"] += credits

    def _author_uids(self) -> set[int]:
        if not hasattr(self, "_uids"):
            self._uids = {row["uid"] for row in self.source.rows("authors")}
        return self._uids

    def _chapter_fields(self, chapter, text) -> ChapterFields:
        return ChapterFields(
            body=MISSING_TEXT if text is None or not text.strip() else text,
            title=single_line(chapter.get("title") or "").strip()[:TITLE_MAX],
            notes=chapter.get("notes") or "",
            end_notes=chapter.get("endnotes") or "",
            text_format=TextFormat.RICH,
        )

    def _credit_coauthors(self, work: Work, sid) -> int:
        credited = 0
        for row in self.source.rows("coauthors", "sid = ?", (sid,), order_by="uid"):
            user_id = self.accounts.get(row["uid"])
            if user_id is None:
                self.report.problems.append(f"story {sid}: co-author {row['uid']} is not in the archive")
                continue
            if user_id == work.author_id:
                continue
            credit_creator(work, self._default_pseud(user_id))
            credited += 1
        return credited

    @staticmethod
    def _review_text(review) -> tuple[str, str]:
        """The review and the writer's response eFiction appended to it."""
        text = review.get("review") or ""
        match = _RESPONSE.search(text)
        if match is None:
            return text.strip(), ""
        return text[: match.start()].strip(), match["text"].strip()

    def _import_reviews(self, work, author, chapters, made, reviews) -> tuple[list[tuple[int, Review]], int]:
        """The story's reviews, each on its chapter (the first when its chapter is gone), signed by the
        member's account or the guest's name and dated as in the archive, with the writer's response as their
        reply (eFiction keeps no date for a response: it follows the review)."""
        by_chapter = {chapter["chapid"]: row for chapter, row in zip(chapters, made, strict=True)}
        author_pseud = work.pseud
        saved, replies = [], []
        for row in reviews:
            body, response = self._review_text(row)
            if not body:
                continue  # a rating without words: Quire has no ratings to hold it
            chapter = by_chapter.get(row.get("chapid")) or made[0]
            user_id = self.accounts.get(row.get("uid") or 0)
            dated = {"created_at": date} if (date := parse_date(row.get("date"), self.tz)) else {}
            review = Review(
                work=work,
                chapter=chapter,
                user_id=user_id,
                pseud=self._default_pseud(user_id) if user_id else None,
                guest_name="" if user_id else single_line(row.get("reviewer") or "").strip()[:60],
                body=body[:10_000],
                body_html=render(body, TextFormat.RICH),
                **dated,
            )
            if response:
                replies.append(
                    Review(
                        work=work,
                        chapter=chapter,
                        parent=review,
                        thread=review,
                        user=author,
                        pseud=author_pseud,
                        body=response[:10_000],
                        body_html=render(response, TextFormat.RICH),
                        **dated,
                    )
                )
            saved.append((row["reviewid"], review))
        Review.objects.bulk_create([review for _, review in saved])
        Review.objects.bulk_create(replies)  # their parent and thread now have their ids
        return saved, len(replies)

    # --- Series -----------------------------------------------------------------------------------------

    def _import_series(self):
        done = self._load_done("series")
        if not self.works:
            self.works = self._targets("stories")
        tick = self.progress("series", self.source.count("series"))
        for row in self.source.rows("series", order_by="seriesid"):
            tick()
            seriesid = row["seriesid"]
            if str(seriesid) in done:
                self.report.already["series"] += 1
                continue
            entries = list(self.source.rows("inseries", "seriesid = ?", (seriesid,), order_by="inorder, sid"))
            if any(entry.get("subseriesid") for entry in entries):
                self.report.unmapped_once(
                    f"series {seriesid}: a series inside a series (Quire's series hold works only)"
                )
            sids = [entry["sid"] for entry in entries if entry.get("sid") and not entry.get("subseriesid")]
            owner = self.accounts.get(row["uid"])
            if owner is None and not self.dry_run:
                self.report.problems.append(
                    f"series {seriesid}: its owner {row['uid']} is not in the archive"
                )
                continue
            if self.dry_run:
                self.report.made["series"] += 1
                continue
            work_ids = [self.works[sid] for sid in sids if sid in self.works]
            with transaction.atomic():
                series = create_series(
                    creator=User.objects.get(pk=owner),
                    fields=SeriesFields(
                        title=single_line(row.get("title") or "").strip()[:TITLE_MAX] or f"Series {seriesid}",
                        summary=row.get("summary") or "",
                    ),
                )
                SeriesWork.objects.bulk_create(
                    [
                        SeriesWork(series=series, work_id=work_id, position=position)
                        for position, work_id in enumerate(dict.fromkeys(work_ids), start=1)
                    ]
                )
                self._record("series", seriesid, series).save()
                self.checkpoint("series", seriesid)
            self.report.made["series"] += 1

    # --- Favorites --------------------------------------------------------------------------------------

    def _import_favorites(self):
        """A reader's favorites are one unit: their bookmarks made together, their subscriptions, and the
        bookmark counts of the works they name."""
        done = self._load_done("favorites")
        if not self.works:
            self.works = self._targets("stories")
        series_ids = self._targets("series")
        tick = self.progress("favorites", self.source.count("favorites"))
        rows = self.source.rows("favorites", order_by="uid, type, item")
        for uid, favorites in groupby(rows, key=lambda row: row["uid"]):
            wanted = []
            for row in favorites:
                tick()
                key = f"{uid}:{row['type']}:{row['item']}"
                if key in done:
                    self.report.already["favorites"] += 1
                    continue
                kind = (row.get("type") or "").upper()
                target_id = {"ST": self.works, "AU": self.accounts, "SE": series_ids}.get(kind, {}).get(
                    row["item"]
                )
                if self.dry_run:
                    if kind in ("ST", "AU", "SE"):
                        self.report.made["bookmarks" if kind == "ST" else "subscriptions"] += 1
                    continue
                user_id = self.accounts.get(uid)
                if user_id is None or target_id is None or (kind == "AU" and target_id == user_id):
                    self.report.problems.append(
                        f"favorite {key}: its reader or what it names was not imported"
                    )
                    continue
                wanted.append((key, kind, target_id, row.get("comments") or ""))
            if wanted:
                self._import_readers_favorites(self.accounts[uid], wanted)

    def _import_readers_favorites(self, user_id: int, wanted: list[tuple[str, str, int, str]]) -> None:
        user = User.objects.get(pk=user_id)
        bookmarked = {work_id: (key, note) for key, kind, work_id, note in wanted if kind == "ST"}
        with transaction.atomic():
            records = []
            already = set(
                Bookmark.objects.filter(user=user, work_id__in=bookmarked).values_list("work_id", flat=True)
            )
            for (
                work_id
            ) in already:  # bookmarked since the archive came in: the favorite's note is saved on it
                key, note = bookmarked.pop(work_id)
                records.append(
                    self._record("favorites", key, save_bookmark(user=user, work=Work(pk=work_id), note=note))
                )
            made = Bookmark.objects.bulk_create(
                [
                    Bookmark(
                        user=user,
                        work_id=work_id,
                        pseud=self._default_pseud(user_id),
                        note=note,
                        note_html=render(note, TextFormat.PLAIN),
                    )
                    for work_id, (_, note) in bookmarked.items()
                ]
            )
            records += [
                self._record("favorites", key, bookmark)
                for (key, _), bookmark in zip(bookmarked.values(), made, strict=True)
            ]
            refresh_feedback_counts([work_id for _, kind, work_id, _ in wanted if kind == "ST"])
            for key, kind, target_id, _ in wanted:
                if kind in ("AU", "SE"):
                    subscription = subscribe(
                        user=user,
                        author=User.objects.get(pk=target_id) if kind == "AU" else None,
                        series=Series.objects.get(pk=target_id) if kind == "SE" else None,
                    )
                    records.append(self._record("favorites", key, subscription))
            ImportedRow.objects.bulk_create(records)
            self.checkpoint("favorites", wanted[-1][0])
        self.report.made["bookmarks"] += sum(1 for _, kind, _, _ in wanted if kind == "ST")
        self.report.made["subscriptions"] += sum(1 for _, kind, _, _ in wanted if kind != "ST")
