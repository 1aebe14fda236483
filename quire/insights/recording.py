"""Counting reads cheaply: one small insert per reader, page and day (repeats write nothing), folded into daily
totals by the worker."""

import hashlib
import hmac
import math
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from quire.core import readers
from quire.insights.days import site_day
from quire.insights.models import ChapterReader, ReadEvent, WorkReader

BEACON_SALT = "quire.insights.read-end"
BEACON_MAX_AGE = 2 * 24 * 3600


def reader_key(work_id: int, *, user=None, guest_token: str = "") -> str | None:
    """The same person on the same work gives the same key on every day, so readers are people, not
    reader-days: a member by their account, a guest by Quire's own cookie (core.readers.guest_token), never by
    address. Keyed per work, so the keys of two works cannot be matched to follow one reader across them."""
    if user is not None and user.is_authenticated:
        return member_key(work_id, user.pk)
    if guest_token:
        return _key(work_id, f"guest:{guest_token}")
    return None


def member_key(work_id: int, user_id: int) -> str:
    return _key(work_id, f"user:{user_id}")


def _key(work_id: int, basis: str) -> str:
    message = f"reader|{work_id}|{basis}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def _request_reader(request, work_id: int) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return reader_key(work_id, user=user)
    return reader_key(work_id, guest_token=readers.guest_token(request))


def _seconds_left_today() -> int:
    zone = timezone.get_default_timezone()
    now = timezone.localtime(timezone=zone)
    midnight = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time.min), zone)
    return max(1, math.ceil((midnight - now).total_seconds()))


def _first_today(reader: str, *parts) -> bool:
    """True the first time today this reader does this (views this page, reaches this end).

    A reader counts once a day per work (a hit, as AO3 counts them), so a reload need write nothing: 100 reloads
    were 100 hits. The mark lives in the cache until midnight; the key holds the day, so a late expiry cannot
    carry it over. The cache only saves writes: where it forgets (a restart, one cache per process), a repeat
    event is written, and the daily fold still counts distinct readers (aggregation.py)."""
    key = ":".join(["read", site_day().isoformat(), reader, *map(str, parts)])
    return cache.add(key, 1, timeout=_seconds_left_today())


def _counts_as_reader(user, work) -> bool:
    """Writers rereading or answering on their own work are not readers; a draft has none."""
    return not (work.is_draft or (user is not None and work.is_owned_by(user)))


def _cookieless_repeat(request, *parts) -> bool:
    """A guest without Quire's cookie gets a new one with every answer it ignores (a crawler, a feed reader,
    a browser refusing cookies): such a client counts once a day per page for its address and browser, as
    hits counted before. A first-time browser keeps the cookie it is given and is one person from then on."""
    if request.user.is_authenticated or readers.has_guest_cookie(request):
        return False
    browser = request.META.get("HTTP_USER_AGENT", "")[:200]
    return not _first_today(readers.daily_hash(request, f"cookieless|{browser}"), *parts)


def record_view(request, work, chapter=None, finished_chapter_id=None) -> None:
    if not _counts_as_reader(request.user, work):
        return
    chapter_id = chapter.pk if chapter is not None else None
    if _cookieless_repeat(request, ReadEvent.Kind.VIEW, work.pk, chapter_id, finished_chapter_id):
        return
    reader = _request_reader(request, work.pk)
    if not _first_today(reader, ReadEvent.Kind.VIEW, work.pk, chapter_id, finished_chapter_id):
        return
    ReadEvent.objects.create(
        work_id=work.pk,
        chapter_id=chapter_id,
        finished_chapter_id=finished_chapter_id,
        kind=ReadEvent.Kind.VIEW,
        reader=reader,
        day=site_day(),
    )


def record_end(request, work, chapter_id: int) -> None:
    if not _counts_as_reader(request.user, work):
        return
    if _cookieless_repeat(request, ReadEvent.Kind.END, work.pk, chapter_id):
        return
    reader = _request_reader(request, work.pk)
    if not _first_today(reader, ReadEvent.Kind.END, work.pk, chapter_id):
        return
    ReadEvent.objects.create(
        work_id=work.pk,
        chapter_id=chapter_id,
        kind=ReadEvent.Kind.END,
        reader=reader,
        day=site_day(),
    )


def record_answer(work, kind: str, *, user=None, guest_token: str = "") -> None:
    """A reader answered: kudos, a review, an ask for more, a subscription. Called by the services that make
    them, so web, API and commands count alike; the writer's own replies are never a reader's answer."""
    if not _counts_as_reader(user, work):
        return
    reader = reader_key(work.pk, user=user, guest_token=guest_token)
    if reader is None:
        return
    ReadEvent.objects.create(work_id=work.pk, kind=kind, reader=reader, day=site_day())


def beacon_token(work_id: int, chapter_id: int) -> str:
    return signing.dumps([work_id, chapter_id], salt=BEACON_SALT)


def read_beacon_token(token: str) -> tuple[int, int] | None:
    try:
        work_id, chapter_id = signing.loads(token, salt=BEACON_SALT, max_age=BEACON_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(work_id), int(chapter_id)


def forget_reader(work, user) -> None:
    """A member who becomes one of the work's creators stops being one of its readers: what they read before
    is dropped like the writer's own reading, which is never recorded (`_counts_as_reader`)."""
    key = member_key(work.pk, user.pk)
    ReadEvent.objects.filter(work_id=work.pk, reader=key).delete()
    WorkReader.objects.filter(work=work, reader=key).delete()
    ChapterReader.objects.filter(work=work, reader=key).delete()
