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

from quire.core.readers import client_ip
from quire.insights.models import ReadEvent

BEACON_SALT = "quire.insights.read-end"
BEACON_MAX_AGE = 2 * 24 * 3600


def reader_key(request) -> str:
    """The same reader on the same day gives the same key; it cannot be turned back into who they are."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        basis = f"user:{user.pk}"
    else:
        basis = f"guest:{client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')[:200]}"
    message = f"reader|{timezone.localdate().isoformat()}|{basis}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def _seconds_left_today() -> int:
    now = timezone.localtime()
    midnight = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time.min))
    return max(1, math.ceil((midnight - now).total_seconds()))


def _first_today(reader: str, *parts) -> bool:
    """True the first time today this reader does this (views this page, reaches this end).

    A reader counts once a day per work (a hit, as AO3 counts them), so a reload need write nothing: 100 reloads
    were 100 hits. The mark lives in the cache until midnight; the key holds the day, so a late expiry cannot
    carry it over. The cache only saves writes: where it forgets (a restart, one cache per process), a repeat
    event is written, and the daily fold still counts distinct readers (aggregation.py)."""
    key = ":".join(["read", timezone.localdate().isoformat(), reader, *map(str, parts)])
    return cache.add(key, 1, timeout=_seconds_left_today())


def record_view(request, work, chapter=None, finished_chapter_id=None) -> None:
    if work.is_owned_by(request.user) or work.is_draft:
        return  # writers rereading their own work are not readers
    reader = reader_key(request)
    chapter_id = chapter.pk if chapter is not None else None
    if not _first_today(reader, ReadEvent.Kind.VIEW, work.pk, chapter_id, finished_chapter_id):
        return
    ReadEvent.objects.create(
        work_id=work.pk,
        chapter_id=chapter_id,
        finished_chapter_id=finished_chapter_id,
        kind=ReadEvent.Kind.VIEW,
        reader=reader,
        day=timezone.localdate(),
    )


def record_end(request, work_id: int, chapter_id: int) -> None:
    reader = reader_key(request)
    if not _first_today(reader, ReadEvent.Kind.END, work_id, chapter_id):
        return
    ReadEvent.objects.create(
        work_id=work_id,
        chapter_id=chapter_id,
        kind=ReadEvent.Kind.END,
        reader=reader,
        day=timezone.localdate(),
    )


def beacon_token(work_id: int, chapter_id: int) -> str:
    return signing.dumps([work_id, chapter_id], salt=BEACON_SALT)


def read_beacon_token(token: str) -> tuple[int, int] | None:
    try:
        work_id, chapter_id = signing.loads(token, salt=BEACON_SALT, max_age=BEACON_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(work_id), int(chapter_id)
