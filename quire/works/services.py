"""Every change to works and chapters goes through these functions: forms, commands, imports and the API
call the same rules."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, Max, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task_backends

from quire.access.reading import posted_chapters, unposted_chapters
from quire.access.writing import barred, ensure_may_autosave, ensure_may_edit_work, ensure_may_write
from quire.accounts.models import User
from quire.accounts.services import credit_as, own_pseud
from quire.core.tasks import enqueue_after_commit, named
from quire.core.text import SANITIZER_VERSION, render
from quire.core.words import count_words
from quire.discovery.indexing import index_works
from quire.follows.tasks import announce_chapter, announce_work
from quire.gifts.services import set_gifts
from quire.tags.enums import TagType
from quire.tags.filters import rebuild_work_filters
from quire.tags.models import Tag
from quire.works.models import Autosave, Chapter, Work, WorkCategory, WorkTag, WorkWarning


class EditConflict(Exception):
    """The chapter changed since the editor opened it; the caller shows both versions."""

    def __init__(self, current: Chapter):
        super().__init__("This chapter was saved elsewhere since you started editing.")
        self.current = current


class LastChapter(Exception):
    """A work keeps at least one chapter: delete the work instead."""


class AlreadyPosted(Exception):
    """A posted chapter cannot be scheduled: it is out already."""


@dataclass
class WorkFields:
    title: str
    rating: str
    fandoms: list[str]
    warnings: list[str]
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    text_format: str = "html"
    categories: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    language: str = "en"
    expected_chapters: int | None = None
    restricted: bool = False
    review_policy: str = "everyone"
    moderate_reviews: bool = False
    pseud_id: int | None = None
    # "Gift to": names as typed (quire.gifts.services.resolve reads them); None leaves the gifts as they are.
    recipients: list[str] | None = None
    # Backdating: the day the work counts as published (None: the day it is posted). An import also brings
    # the day it was last updated where it came from, and its address there.
    published_on: date | None = None
    updated_on: date | None = None
    source_url: str | None = None  # None leaves it as it is

    def tag_names(self) -> list[tuple[str, str]]:
        return (
            [(name, TagType.FANDOM) for name in self.fandoms]
            + [(name, TagType.RELATIONSHIP) for name in self.relationships]
            + [(name, TagType.CHARACTER) for name in self.characters]
            + [(name, TagType.ADDITIONAL) for name in self.additional_tags]
        )


@dataclass
class ChapterFields:
    body: str
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    text_format: str = "html"


def _apply_work_fields(work: Work, fields: WorkFields) -> None:
    work.title = fields.title.strip()
    work.text_format = fields.text_format
    work.summary, work.summary_html = fields.summary, render(fields.summary, fields.text_format)
    work.notes, work.notes_html = fields.notes, render(fields.notes, fields.text_format)
    work.end_notes, work.end_notes_html = fields.end_notes, render(fields.end_notes, fields.text_format)
    work.rating = fields.rating
    work.language = fields.language
    work.expected_chapters = fields.expected_chapters
    work.restricted = fields.restricted
    work.review_policy = fields.review_policy
    work.moderate_reviews = fields.moderate_reviews
    work.published_on = fields.published_on
    if fields.updated_on is not None or fields.published_on is None:
        work.updated_on = fields.updated_on
    if fields.source_url is not None:
        work.source_url = fields.source_url
    work.sanitizer_version = SANITIZER_VERSION


def moment_of(day: date, now: datetime) -> datetime:
    """A set date as a moment: noon UTC (the same day in nearly every time zone), never later than now."""
    return min(datetime.combine(day, time(12), tzinfo=UTC), now)


def _set_dates(work: Work, now: datetime) -> tuple[datetime, datetime]:
    """When a work being posted counts as published and as last updated: its set dates (backdating; an
    import's original dates), or now."""
    if work.published_on is None:
        return now, now
    published = moment_of(work.published_on, now)
    return published, max(moment_of(work.updated_on or work.published_on, now), published)


def _redate(work: Work, now: datetime) -> None:
    """Date a posted work by its set date: posted then, updated when its latest posted chapter was."""
    first = posted_chapters(work).order_by("position").first()
    work.posted_at = moment_of(work.published_on, now)
    if first is not None:
        Chapter.objects.filter(pk=first.pk).update(posted_at=work.posted_at)
    latest = posted_chapters(work).aggregate(latest=Max("posted_at"))["latest"]
    work.revised_at = max(latest or work.posted_at, work.posted_at)


@dataclass
class _RenderedChapter:
    """A chapter's text made HTML and counted. Done before the transaction: on SQLite a transaction holds the
    write lock from its start (IMMEDIATE), and every other writer, the worker included, waits while a long
    chapter renders."""

    fields: ChapterFields
    summary_html: str
    notes_html: str
    end_notes_html: str
    body_html: str
    word_count: int


def _render_chapter(fields: ChapterFields) -> _RenderedChapter:
    body_html = render(fields.body, fields.text_format)
    return _RenderedChapter(
        fields=fields,
        summary_html=render(fields.summary, fields.text_format),
        notes_html=render(fields.notes, fields.text_format),
        end_notes_html=render(fields.end_notes, fields.text_format),
        body_html=body_html,
        word_count=count_words(body_html),
    )


def _apply_chapter_fields(chapter: Chapter, rendered: _RenderedChapter) -> None:
    fields = rendered.fields
    chapter.title = fields.title.strip()
    chapter.text_format = fields.text_format
    chapter.summary, chapter.summary_html = fields.summary, rendered.summary_html
    chapter.notes, chapter.notes_html = fields.notes, rendered.notes_html
    chapter.end_notes, chapter.end_notes_html = fields.end_notes, rendered.end_notes_html
    chapter.body, chapter.body_html = fields.body, rendered.body_html
    chapter.word_count = rendered.word_count
    chapter.sanitizer_version = SANITIZER_VERSION


def _set_tags(
    work: Work,
    fields: WorkFields,
    known_tags: dict[tuple[str, str], int] | None = None,
    *,
    new: bool = False,
    importing: bool = False,
) -> None:
    """The work's tags, warnings and categories as the fields name them. A `new` work has none yet to
    compare with; an import rebuilds the filters of its works together (rebuild_work_filters)."""
    wanted = []
    for name, tag_type in fields.tag_names():
        if known_tags is not None and (name, tag_type) in known_tags:
            tag_id = known_tags[name, tag_type]
        else:
            tag_id = Tag.for_name(name, tag_type).pk
            if known_tags is not None:
                known_tags[name, tag_type] = tag_id
        if tag_id not in wanted:
            wanted.append(tag_id)
    current = {} if new else dict(work.work_tags.values_list("tag_id", "pk"))
    if not new:
        work.work_tags.exclude(tag_id__in=wanted).delete()
        work.warning_rows.exclude(warning__in=fields.warnings).delete()
        work.category_rows.exclude(category__in=fields.categories).delete()
    WorkTag.objects.bulk_create(
        [WorkTag(work=work, tag_id=tag_id) for tag_id in wanted if tag_id not in current]
    )
    WorkWarning.objects.bulk_create(
        [WorkWarning(work=work, warning=w) for w in fields.warnings], ignore_conflicts=True
    )
    if fields.categories:
        WorkCategory.objects.bulk_create(
            [WorkCategory(work=work, category=c) for c in fields.categories], ignore_conflicts=True
        )
    if not importing:
        rebuild_work_filters([work.pk])


def import_chapters(
    *, work: Work, user, chapters: list[tuple[ChapterFields, datetime | None]], after: int | None = None
) -> list[Chapter]:
    """An imported work's chapters after its last (or after position `after`, when the importer knows it),
    in order, each with its own posting date (None: not posted), made together. The importer counts the
    work's totals and indexes it afterwards; nobody is told of chapters that were posted years ago."""
    ensure_may_edit_work(user, work)
    last = after if after is not None else work.chapters.aggregate(last=Max("position"))["last"] or 0
    made = []
    for position, (fields, posted_at) in enumerate(chapters, start=last + 1):
        chapter = Chapter(work=work, position=position, posted_at=posted_at)
        _apply_chapter_fields(chapter, _render_chapter(fields))
        made.append(chapter)
    return Chapter.objects.bulk_create(made)


def refresh_totals_of(work_ids) -> None:
    """refresh_work_totals for many works in one statement (an import's batch). Their expected counts are
    their own: an imported work is never given more posted chapters than it declares."""
    chapters = posted_chapters().filter(work=OuterRef("pk")).order_by().values("work")
    Work.objects.filter(pk__in=list(work_ids)).update(
        word_count=Coalesce(Subquery(chapters.annotate(n=Sum("word_count")).values("n")[:1]), 0),
        chapter_count=Coalesce(Subquery(chapters.annotate(n=Count("pk")).values("n")[:1]), 0),
    )


def refresh_work_totals(work: Work) -> None:
    """Words and chapters from the posted chapters. A chapter posted past the expected count raises it (a
    2/2 work given a third chapter is 3/3), so the page, listings, downloads, the API and FanFicFare agree on
    whether it is complete; the writer is told, and marks it in progress by editing the work if more come."""
    totals = posted_chapters(work).aggregate(words=Sum("word_count"), count=Count("pk"))
    work.word_count = totals["words"] or 0
    work.chapter_count = totals["count"]
    Work.objects.filter(pk=work.pk).update(
        word_count=work.word_count,
        chapter_count=work.chapter_count,
        expected_chapters=Case(
            When(expected_chapters__lt=work.chapter_count, then=Value(work.chapter_count)),
            default=F("expected_chapters"),
            output_field=Work._meta.get_field("expected_chapters"),
        ),
        updated_at=timezone.now(),
    )
    if work.expected_chapters is not None and work.expected_chapters < work.chapter_count:
        work.expected_chapters = work.chapter_count


def create_work(
    *,
    author,
    work: WorkFields,
    chapter: ChapterFields,
    post: bool,
    now: datetime | None = None,
    release_at: datetime | None = None,
    idempotency_key: str = "",
    importing: bool = False,
    known_tags: dict[tuple[str, str], int] | None = None,
) -> Work:
    """A work and its first chapter, made together (AO3's posting form); with `release_at`, a draft that the
    worker posts then ("post later"). The same idempotency key (the form's token) returns the work already
    made, so a double click or a retried post makes one. `importing` is for an archive's import, which
    brings history: nobody is told of it, and the importer indexes the work once it is whole; it passes
    `known_tags`, (name, type) → tag id, filled here as tags are found, so each name is looked up once; an
    imported work comes back with its `first_chapter`, and without its totals and filters, which the importer
    makes for a batch of works at once."""
    ensure_may_write(author)
    return _create_work(
        author=author,
        work=work,
        chapter=_render_chapter(chapter),
        post=post,
        now=now,
        release_at=release_at,
        idempotency_key=idempotency_key,
        importing=importing,
        known_tags=known_tags,
    )


@transaction.atomic
def _create_work(
    *,
    author,
    work: WorkFields,
    chapter: _RenderedChapter,
    post: bool,
    now: datetime | None,
    release_at: datetime | None,
    idempotency_key: str,
    importing: bool,
    known_tags: dict[tuple[str, str], int] | None,
) -> Work:
    if idempotency_key and (
        done := Work.objects.filter(idempotency_key=idempotency_key, author=author).first()
    ):
        return done
    now = now or timezone.now()
    new_work = Work(
        author=author,
        pseud=own_pseud(author, pk=work.pseud_id),
        revised_at=now,
        idempotency_key=idempotency_key or None,
    )
    _apply_work_fields(new_work, work)
    if post:
        new_work.posted_at, new_work.revised_at = _set_dates(new_work, now)
    try:
        with transaction.atomic():
            new_work.save()
    except IntegrityError:  # the same form posted twice at once: the other request made it
        if idempotency_key:
            return Work.objects.get(idempotency_key=idempotency_key, author=author)
        raise
    _set_tags(new_work, work, known_tags, new=True, importing=importing)
    if work.recipients is not None:
        set_gifts(work=new_work, user=author, names=work.recipients)
    first = Chapter(work=new_work, position=1, posted_at=new_work.posted_at)
    _apply_chapter_fields(first, chapter)
    first.save()
    if importing:  # the importer counts totals, builds filters and indexes its works in batches
        new_work.first_chapter = first
        return new_work
    refresh_work_totals(new_work)
    index_works([new_work.pk])
    if post:
        enqueue_after_commit(announce_work, new_work.pk)
        enqueue_after_commit("quire.gifts.tasks.announce_gifts", new_work.pk)
    elif release_at:
        schedule_chapter(chapter=first, user=author, release_at=release_at, now=now)
    return new_work


@transaction.atomic
def update_work(*, work: Work, user, fields: WorkFields, now: datetime | None = None) -> Work:
    ensure_may_edit_work(user, work)
    dated = work.published_on
    _apply_work_fields(work, fields)
    if work.posted_at is not None and work.published_on is not None and work.published_on != dated:
        _redate(work, now or timezone.now())
    if fields.pseud_id:  # the editor's own credit: the lead's also changes the work's byline
        credit_as(thing=work, user=user, pseud=own_pseud(user, pk=fields.pseud_id))
    work.save()
    _set_tags(work, fields)
    if fields.recipients is not None:
        set_gifts(work=work, user=user, names=fields.recipients)
    index_works([work.pk])
    return work


@transaction.atomic
def post_work(*, work: Work, user, now: datetime | None = None) -> Work:
    """Post a draft work with every chapter it has so far, dated by its set date (backdating, an import's
    original dates) when it has one."""
    ensure_may_edit_work(user, work)
    now = now or timezone.now()
    if work.posted_at is None:
        # A backdated work's chapters are dated as the file it came from dates it: the last one on its last
        # update, the others on its first publication (nothing dates those between).
        work.posted_at, work.revised_at = _set_dates(work, now)
        last = unposted_chapters(work).order_by("-position").first()
        unposted_chapters(work).update(posted_at=work.posted_at, release_at=None)
        if last is not None:
            Chapter.objects.filter(pk=last.pk).update(posted_at=work.revised_at)
        work.save(update_fields=["posted_at", "revised_at", "updated_at"])
        refresh_work_totals(work)
        index_works([work.pk])
        enqueue_after_commit(announce_work, work.pk)
        enqueue_after_commit("quire.gifts.tasks.announce_gifts", work.pk)
        # A draft written "for" a gift exchange assignment fulfils it once posted.
        enqueue_after_commit("quire.exchanges.tasks.fulfil_with_posted_work", work.pk)
    return work


def add_chapter(
    *,
    work: Work,
    user,
    fields: ChapterFields,
    post: bool,
    now: datetime | None = None,
    release_at: datetime | None = None,
    idempotency_key: str = "",
    importing: bool = False,
) -> Chapter:
    """A new last chapter; the same idempotency key (the form's token) returns the chapter already made.
    `importing` as for create_work: nobody is told, and the importer indexes the work."""
    ensure_may_edit_work(user, work)
    return _add_chapter(
        work=work,
        user=user,
        rendered=_render_chapter(fields),
        post=post,
        now=now,
        release_at=release_at,
        idempotency_key=idempotency_key,
        importing=importing,
    )


@transaction.atomic
def _add_chapter(
    *,
    work: Work,
    user,
    rendered: _RenderedChapter,
    post: bool,
    now: datetime | None,
    release_at: datetime | None,
    idempotency_key: str,
    importing: bool,
) -> Chapter:
    ensure_may_edit_work(user, work)
    now = now or timezone.now()
    # Locks the work row on PostgreSQL so two new chapters cannot take the same position, and a retried
    # post waits for the first to commit before looking for its chapter.
    Work.objects.select_for_update().filter(pk=work.pk).first()
    if idempotency_key and (done := work.chapters.filter(idempotency_key=idempotency_key).first()):
        return done
    last = work.chapters.aggregate(last=Max("position"))["last"] or 0
    chapter = Chapter(work=work, position=last + 1, idempotency_key=idempotency_key or None)
    _apply_chapter_fields(chapter, rendered)
    # A chapter posted to a draft work waits for the work itself to be posted.
    chapter.posted_at = now if post and not work.is_draft else None
    chapter.save()
    if chapter.posted_at:
        work.revised_at = now
        work.save(update_fields=["revised_at", "updated_at"])
        if not importing:
            index_works([work.pk])
            enqueue_after_commit(announce_chapter, chapter.pk)
    elif release_at:
        schedule_chapter(chapter=chapter, user=user, release_at=release_at, now=now)
    if not importing:  # the importer counts the work's totals once its chapters are all in
        refresh_work_totals(work)
    return chapter


def update_chapter(*, chapter: Chapter, user, fields: ChapterFields, base_version: int) -> Chapter:
    """Save an edit only if nobody saved this chapter since the editor loaded `base_version`."""
    ensure_may_edit_work(user, chapter.work)
    return _update_chapter(
        chapter=chapter, user=user, rendered=_render_chapter(fields), base_version=base_version
    )


@transaction.atomic
def _update_chapter(*, chapter: Chapter, user, rendered: _RenderedChapter, base_version: int) -> Chapter:
    ensure_may_edit_work(user, chapter.work)
    _apply_chapter_fields(chapter, rendered)
    updated = Chapter.objects.filter(pk=chapter.pk, version=base_version).update(
        title=chapter.title,
        text_format=chapter.text_format,
        summary=chapter.summary,
        summary_html=chapter.summary_html,
        notes=chapter.notes,
        notes_html=chapter.notes_html,
        end_notes=chapter.end_notes,
        end_notes_html=chapter.end_notes_html,
        body=chapter.body,
        body_html=chapter.body_html,
        word_count=chapter.word_count,
        sanitizer_version=chapter.sanitizer_version,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise EditConflict(Chapter.objects.get(pk=chapter.pk))
    chapter.refresh_from_db()
    refresh_work_totals(chapter.work)
    if chapter.is_posted:
        index_works([chapter.work_id])
    return chapter


@transaction.atomic
def post_chapter(*, chapter: Chapter, user, now: datetime | None = None) -> Chapter:
    now = now or timezone.now()
    work = chapter.work
    ensure_may_edit_work(user, work)
    if work.is_draft:
        post_work(work=work, user=user, now=now)
        chapter.refresh_from_db()
        return chapter
    if chapter.posted_at is None:
        chapter.posted_at, chapter.release_at = now, None
        chapter.save(update_fields=["posted_at", "release_at", "updated_at"])
        work.revised_at = now
        work.save(update_fields=["revised_at", "updated_at"])
        refresh_work_totals(work)
        index_works([work.pk])
        enqueue_after_commit(announce_chapter, chapter.pk)
    return chapter


@transaction.atomic
def schedule_chapter(*, chapter: Chapter, user, release_at: datetime, now: datetime | None = None) -> Chapter:
    """Post this unposted chapter at `release_at` (a work whose only chapters are unposted is posted with it).
    Until then only its writer sees it; scheduling again moves the time."""
    ensure_may_edit_work(user, chapter.work)
    now = now or timezone.now()
    if release_at <= now:
        raise ValidationError("Choose a release time in the future, or post the chapter now.")
    if not unposted_chapters().filter(pk=chapter.pk).update(release_at=release_at, updated_at=now):
        raise AlreadyPosted("This chapter is already posted, so it cannot be scheduled.")
    chapter.release_at = release_at
    release_due_chapters = named("quire.works.tasks.release_due_chapters")
    # The worker's periodic sweep is the guarantee; this wakes it at the exact minute when the queue can wait.
    if task_backends[release_due_chapters.backend].supports_defer:
        enqueue_after_commit(release_due_chapters.using(run_after=release_at))
    return chapter


def unschedule_chapter(*, chapter: Chapter, user) -> Chapter:
    """Back to an unposted draft, if it has not been released yet."""
    ensure_may_edit_work(user, chapter.work)
    unposted_chapters().filter(pk=chapter.pk).update(release_at=None, updated_at=timezone.now())
    chapter.refresh_from_db()
    return chapter


def release_due_chapters(now: datetime | None = None) -> int:
    """Post every scheduled chapter whose time has come, through the same path as the Post button.

    Each chapter is claimed with one guarded UPDATE inside its transaction, so two workers sweeping at once
    release it once; the announcement's key makes each subscriber hear of it once whatever happens.

    The writer is who posts a scheduled chapter: while they are suspended (or banned) it stays scheduled, and
    the first sweep after the suspension ends releases it."""
    now = now or timezone.now()
    due = list(
        unposted_chapters()
        .filter(release_at__lte=now)
        .order_by("release_at", "work_id", "position")
        .values_list("pk", "release_at", "work__author_id")
    )
    writers = {writer.pk: writer for writer in User.objects.filter(pk__in={row[2] for row in due})}
    released = 0
    for pk, release_at, writer_id in due:
        writer = writers[writer_id]
        if barred(writer):
            continue
        with transaction.atomic():
            if not unposted_chapters().filter(pk=pk, release_at=release_at).update(release_at=None):
                continue  # another worker took it, or the writer changed or cancelled it just now
            chapter = Chapter.objects.select_related("work").get(pk=pk)
            post_chapter(chapter=chapter, user=writer, now=release_at)
            released += 1
    return released


@transaction.atomic
def delete_chapter(*, chapter: Chapter, user) -> None:
    work = chapter.work
    ensure_may_edit_work(user, work)
    if work.chapters.count() <= 1:
        raise LastChapter("A work needs at least one chapter. To remove this one, delete the work.")
    chapter.delete()
    _renumber(work, list(work.chapters.order_by("position").values_list("pk", flat=True)))
    refresh_work_totals(work)
    index_works([work.pk])


@transaction.atomic
def reorder_chapters(*, work: Work, user, chapter_ids: list[int]) -> None:
    ensure_may_edit_work(user, work)
    existing = set(work.chapters.values_list("pk", flat=True))
    if set(chapter_ids) != existing or len(chapter_ids) != len(existing):
        raise ValueError("The new order must list every chapter of the work exactly once.")
    _renumber(work, chapter_ids)
    Work.objects.filter(pk=work.pk).update(updated_at=timezone.now())


def _renumber(work: Work, chapter_ids: list[int]) -> None:
    # Two passes keep the unique (work, position) constraint satisfied at every step on both databases.
    offset = len(chapter_ids) + 1000
    work.chapters.update(position=F("position") + offset)
    for position, pk in enumerate(chapter_ids, start=1):
        Chapter.objects.filter(pk=pk, work=work).update(position=position)


def delete_work(*, work: Work, user) -> None:
    ensure_may_edit_work(user, work)
    work.delete()


# The three forms that autosave, by key: a new work, a new chapter of a work, a chapter being edited. Ids have
# at most 18 digits so that no key can name a number past the database's largest integer.
AUTOSAVE_KEY = re.compile(
    r"new-work|work-(?P<work_id>[0-9]{1,18})-new-chapter|chapter-(?P<chapter_id>[0-9]{1,18})"
)


class AutosaveTooLong(Exception):
    def __init__(self, length: int):
        super().__init__(
            f"Not autosaved: this form holds {length:,} characters, more than the {settings.AUTOSAVE_MAX_CHARS:,} "
            "an autosave keeps. Your text is still here; save it as a draft to keep it."
        )


def _ensure_may_autosave(user, key: str) -> None:
    """The key names one of the user's own forms: raises ObjectDoesNotExist for any other key (each made-up
    key was one more row), PermissionDenied for someone else's work."""
    match = AUTOSAVE_KEY.fullmatch(key)
    if match is None:
        raise Autosave.DoesNotExist(f"No form autosaves as {key!r}.")
    if match["work_id"]:
        ensure_may_autosave(user, Work.objects.get(pk=int(match["work_id"])))
    elif match["chapter_id"]:
        ensure_may_autosave(
            user, Chapter.objects.select_related("work").get(pk=int(match["chapter_id"])).work
        )
    else:
        ensure_may_autosave(user)


@transaction.atomic
def autosave(*, user, key: str, data: dict[str, str]) -> Autosave:
    """Keep what the user is typing in one form, replacing that form's last autosave. At most
    AUTOSAVE_MAX_CHARS per form and AUTOSAVE_MAX_DRAFTS forms per user (the oldest go): before these caps,
    five 7 MB posts under made-up keys grew the database by 36.7 MB in 1.2 s."""
    _ensure_may_autosave(user, key)
    length = sum(len(name) + len(value) for name, value in data.items())
    if length > settings.AUTOSAVE_MAX_CHARS:
        raise AutosaveTooLong(length)
    saved, _ = Autosave.objects.update_or_create(user=user, key=key, defaults={"data": data})
    oldest = Autosave.objects.filter(user=user).order_by("-saved_at", "-pk")[settings.AUTOSAVE_MAX_DRAFTS :]
    Autosave.objects.filter(pk__in=list(oldest.values_list("pk", flat=True))).delete()
    return saved


def discard_autosave(*, user, key: str) -> None:
    Autosave.objects.filter(user=user, key=key).delete()
