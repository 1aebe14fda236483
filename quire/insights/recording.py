"""Counting reads cheaply: one small insert per page view, folded into daily totals by the worker."""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
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


def record_view(request, work, chapter=None, finished_chapter_id=None) -> None:
    if work.is_owned_by(request.user) or work.is_draft:
        return  # writers rereading their own work are not readers
    ReadEvent.objects.create(
        work_id=work.pk,
        chapter_id=chapter.pk if chapter is not None else None,
        finished_chapter_id=finished_chapter_id,
        kind=ReadEvent.Kind.VIEW,
        reader=reader_key(request),
        day=timezone.localdate(),
    )


def record_end(request, work_id: int, chapter_id: int) -> None:
    ReadEvent.objects.create(
        work_id=work_id,
        chapter_id=chapter_id,
        kind=ReadEvent.Kind.END,
        reader=reader_key(request),
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
