"""Remembering where a reader stopped: one upsert per page they open, sent by the page itself once it is shown
(position.js, or an image in <noscript> without JavaScript) rather than written while the page is made, and a
small beacon as they scroll."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import connection
from django.db.models import Exists
from django.utils import timezone

from quire.access.reading import posted_chapters
from quire.shelf.models import Reading

POSITION_SALT = "quire.shelf.position"
POSITION_MAX_AGE = 2 * 24 * 3600
OPENING_SALT = "quire.shelf.opened"
# Opening the work again within this time counts as the same visit (reading on, chapter after chapter).
VISIT_GAP = timedelta(minutes=30)

# Django's ORM cannot upsert with an increment and hand back the stored row, so this is plain SQL that
# SQLite (3.35+) and PostgreSQL both run: one query per page, whether the row is new or not.
UPSERT = """
INSERT INTO {table} (user_id, work_id, last_chapter_id, {position}, first_opened_at, last_opened_at, visit_count)
VALUES (%s, %s, %s, 0, %s, %s, 1)
ON CONFLICT (user_id, work_id) DO UPDATE SET
    visit_count = {table}.visit_count + CASE WHEN {table}.last_opened_at < %s THEN 1 ELSE 0 END,
    last_opened_at = excluded.last_opened_at,
    {chapter_update}
RETURNING last_chapter_id, {position}
"""
# The work's first page keeps the chapter the reader had reached, so "continue reading" can offer it.
LANDING_UPDATE = """
    {position} = CASE WHEN {table}.last_chapter_id IS NULL THEN 0 ELSE {table}.{position} END,
    last_chapter_id = COALESCE({table}.last_chapter_id, excluded.last_chapter_id)"""
# A chapter page moves the bookmark there; coming back to the same chapter keeps the place in it.
CHAPTER_UPDATE = """
    {position} = CASE WHEN {table}.last_chapter_id = excluded.last_chapter_id THEN {table}.{position} ELSE 0 END,
    last_chapter_id = excluded.last_chapter_id"""


@dataclass(frozen=True)
class Place:
    chapter_id: int | None
    position: float


def keeps_history(user, work) -> bool:
    """Writers rereading their own work, and readers who turned history off, leave no trace."""
    return (
        user.is_authenticated
        and user.keep_reading_history
        and not work.is_owned_by(user)
        and not work.is_draft
    )


def record_opening(user, work, chapter, *, landing: bool) -> Place:
    """Note that `user` opened `work` (at `chapter`); returns where they now are in it."""
    quote = connection.ops.quote_name
    names = {"table": quote(Reading._meta.db_table), "position": quote("position")}
    update = (LANDING_UPDATE if landing else CHAPTER_UPDATE).format(**names)
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT.format(chapter_update=update, **names),
            [user.pk, work.pk, chapter.pk, adapt(now), adapt(now), adapt(now - VISIT_GAP)],
        )
        chapter_id, position = cursor.fetchone()
    return Place(chapter_id=chapter_id, position=float(position))


def opening_token(user, work_id: int, chapter_id: int, *, landing: bool) -> str:
    """Names the reader, the chapter the page opened at and whether it was the work's first page."""
    return signing.dumps([user.pk, work_id, chapter_id, int(landing)], salt=OPENING_SALT)


def read_opening_token(token: str) -> tuple[int, int, int, bool] | None:
    try:
        user_id, work_id, chapter_id, landing = signing.loads(
            token, salt=OPENING_SALT, max_age=POSITION_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(user_id), int(work_id), int(chapter_id), bool(landing)


def record_opening_of(user, work_id: int, chapter_id: int, *, landing: bool) -> bool:
    """The page's beacon: note the opening, of a posted chapter of a work this reader still keeps a history of."""
    chapter = posted_chapters().filter(pk=chapter_id, work_id=work_id).select_related("work").first()
    if chapter is None or not keeps_history(user, chapter.work):
        return False
    record_opening(user, chapter.work, chapter, landing=landing)
    return True


def position_token(user, work_id: int, chapter_id: int) -> str:
    """Names the reader as well as the chapter, so only their own page can move their place."""
    return signing.dumps([user.pk, work_id, chapter_id], salt=POSITION_SALT)


def read_position_token(token: str) -> tuple[int, int, int] | None:
    try:
        user_id, work_id, chapter_id = signing.loads(token, salt=POSITION_SALT, max_age=POSITION_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(user_id), int(work_id), int(chapter_id)


def save_position(user, work_id: int, chapter_id: int, position: float) -> bool:
    """Moves the reader's place; only in a history the page view already started, to a posted chapter."""
    chapter_is_posted = posted_chapters().filter(pk=chapter_id, work_id=work_id)
    updated = (
        Reading.objects.filter(user=user, work_id=work_id)
        .filter(Exists(chapter_is_posted))
        .update(last_chapter_id=chapter_id, position=position, last_opened_at=timezone.now())
    )
    return bool(updated)
