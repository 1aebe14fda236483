""" "Download my data": one zip with manifest.json (everything the archive keeps about a member, as data)
and each of their works as HTML and EPUB, built by the downloads' own builders with drafts and unposted
chapters included.

Small archives are built during the request; larger ones by the worker while the settings page shows
progress. The zip is written under settings.DATA_EXPORTS_DIR and deleted once downloaded or after a day.
"""

import json
import logging
import os
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from quire.access.reading import works_for
from quire.access.surfaces import Surface
from quire.core.site import absolute_url as site_url
from quire.core.site import site_origin
from quire.core.tasks import enqueue_after_commit
from quire.creators.models import Creatorship
from quire.creators.selectors import credited_pseuds, credited_work_ids, with_credits
from quire.discovery.models import TagExclusion
from quire.exports.builders import BUILDERS
from quire.exports.document import gather
from quire.exports.naming import safe_title
from quire.feedback.models import Kudos, Review
from quire.gifts.models import Gift
from quire.gifts.selectors import recipients_of
from quire.moderation.models import Block, Mute
from quire.news.models import NewsComment
from quire.privacy.models import DataExport
from quire.related.selectors import declared_parents, parent_link
from quire.series.models import Series
from quire.works.models import Chapter, Work

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
WORK_FORMATS = ("html", "epub")
# Up to this many words (drafts and unposted chapters included) the archive is built in the request: a
# couple of seconds at most (bench/exports.py builds 500,000 words as EPUB and HTML in about a second).
SYNC_WORDS = 200_000
EXPORT_LIFETIME = timedelta(days=1)
STALLED_AFTER = timedelta(minutes=15)


def export_file(export: DataExport) -> Path:
    return Path(settings.DATA_EXPORTS_DIR) / f"{export.key}.zip"


def current_export(user) -> DataExport | None:
    """The member's latest archive still worth showing: not expired (expired ones are removed here)."""
    purge_expired(user=user)
    return DataExport.objects.filter(user=user).first()


def request_export(user) -> DataExport:
    """Start a new archive, replacing any earlier one."""
    discard_exports(user)
    export = DataExport.objects.create(user=user)
    words = (
        Chapter.objects.filter(work__in=credited_work_ids(user=user)).aggregate(words=Sum("word_count"))[
            "words"
        ]
        or 0
    )
    if words <= SYNC_WORDS:
        run_export(export.pk)
        export.refresh_from_db()
    else:
        enqueue_after_commit("quire.privacy.tasks.build_data_export", export.pk)
    return export


def in_progress(export: DataExport | None) -> bool:
    """Being built and heard from lately; a build silent for STALLED_AFTER (the worker restarted) may be
    asked for again."""
    return export is not None and export.is_waiting and export.updated_at >= timezone.now() - STALLED_AFTER


def run_export(export_id: int) -> str:
    """Build the zip, reporting progress work by work; safe to run twice."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return "gone"
    if export.status == DataExport.Status.READY:
        return "built"
    # Every work they are credited on, those made with co-creators included.
    works = list(
        with_credits(Work.objects.for_listing())
        .filter(pk__in=credited_work_ids(user=export.user))
        .order_by("pk")
    )
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.RUNNING, done=0, total=len(works), updated_at=timezone.now()
    )
    path = export_file(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{uuid.uuid4().hex}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "manifest.json", json.dumps(manifest(export.user, works), indent=2, ensure_ascii=False)
            )
            for done, work in enumerate(works, start=1):
                document = gather(work, include_unposted=True, site=site_origin())
                for fmt in WORK_FORMATS:
                    archive.writestr(work_file_name(work, fmt), BUILDERS[fmt](document))
                DataExport.objects.filter(pk=export.pk).update(done=done, updated_at=timezone.now())
        os.replace(partial, path)
    except Exception as error:
        partial.unlink(missing_ok=True)
        log.exception("Building the data export of user %s failed", export.user_id)
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        return "failed"
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY, size=path.stat().st_size, updated_at=timezone.now()
    )
    return "built"


def take_download(export: DataExport):
    """Open the finished zip and forget it: the file is unlinked (the open handle still reads it on POSIX)
    and the row deleted, so a downloaded archive stays nowhere on the server."""
    path = export_file(export)
    handle = open(path, "rb")  # noqa: SIM115 (the response closes it once sent)
    path.unlink(missing_ok=True)
    export.delete()
    return handle


def discard_exports(user) -> None:
    for export in DataExport.objects.filter(user=user):
        export_file(export).unlink(missing_ok=True)
        export.delete()


def purge_expired(*, user=None) -> int:
    """Delete archives older than EXPORT_LIFETIME, and any file no row owns (a crash mid-build)."""
    expired = DataExport.objects.filter(created_at__lt=timezone.now() - EXPORT_LIFETIME)
    if user is not None:
        expired = expired.filter(user=user)
    removed = 0
    for export in expired:
        export_file(export).unlink(missing_ok=True)
        export.delete()
        removed += 1
    folder = Path(settings.DATA_EXPORTS_DIR)
    if user is None and folder.is_dir():
        known = set(DataExport.objects.values_list("key", flat=True))
        cutoff = (timezone.now() - EXPORT_LIFETIME).timestamp()
        for stray in folder.iterdir():
            if stray.stem.removeprefix(".") not in known and stray.stat().st_mtime < cutoff:
                stray.unlink(missing_ok=True)
                removed += 1
    return removed


def work_file_name(work: Work, fmt: str) -> str:
    return f"works/{work.pk}-{safe_title(work)}.{fmt}"


# --- The manifest ----------------------------------------------------------------------------------------


def _when(value):
    return value.isoformat() if value else None


def _work_ref(row) -> dict:
    """The work a row (review, kudos, bookmark, ...) is about; only its id when the member may no longer
    read it (a draft again, hidden by a moderator): their own words stay, the work's title does not leak."""
    if not row.work_readable:
        return {"id": row.work_id, "title": None, "unavailable": True}
    work = row.work
    return {"id": work.pk, "title": work.title, "url": site_url(work.get_absolute_url())}


def _readable_by(user):
    return Exists(works_for(user, Surface.LISTING, hide_muted=False).filter(pk=OuterRef("work_id")))


def manifest(user, works: list[Work]) -> dict:
    related = _related(user, works)
    return {
        "format": "quire-data-export",
        "version": MANIFEST_VERSION,
        "site": site_origin(),
        "generated_at": _when(timezone.now()),
        "profile": {
            "username": user.username,
            "email": user.email,
            "about": user.about,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "url": site_url(user.get_absolute_url()),
        },
        "preferences": {
            "font_size": user.font_size,
            "font_family": user.font_family,
            "line_width": user.line_width,
            "theme": user.theme,
            "time_zone": user.time_zone,
            "email_notifications": user.email_notifications,
            "keep_reading_history": user.keep_reading_history,
            "hidden_tags": list(
                TagExclusion.objects.filter(user=user)
                .order_by("tag__name")
                .values_list("tag__name", flat=True)
            ),
        },
        "pseuds": [
            {"name": p.name, "description": p.description, "is_default": p.is_default}
            for p in user.pseuds.all()
        ],
        "works": [_work_entry(work, user, related.get(work.pk, [])) for work in works],
        "invitations": _invitations(user),
        "series": _series(user),
        "reviews": _reviews(user),
        "news_comments": _news_comments(user),
        "kudos": _kudos(user),
        "bookmarks": _bookmarks(user),
        "gifts_received": _gifts_received(user),
        "subscriptions": _subscriptions(user),
        "reading_history": _readings(user),
        "marked_for_later": _marked(user),
        "blocks": _blocked_names(user, "block"),
        "mutes": _blocked_names(user, "mute"),
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _when(t.created_at),
                "last_used_at": _when(t.last_used_at),
                "revoked_at": _when(t.revoked_at),
            }
            for t in user.api_tokens.all()
        ],
        "terms_agreements": [
            {"version": a.version, "agreed_at": _when(a.agreed_at)}
            for a in user.terms_agreements.order_by("version")
        ],
    }


def _related(user, works: list[Work]) -> dict[int, list[dict]]:
    """The works each of theirs names as its parents; one the member may no longer see (a draft again, hidden
    by a moderator) is named by its kind only, as _work_ref does."""
    found = {}
    for relation in declared_parents(user, [work.pk for work in works]):
        entry = {"kind": relation.kind, "title": None, "creator": None, "url": None, "unavailable": True}
        if relation.elsewhere or relation.parent_visible:
            link = parent_link(relation, user)
            url = link.url if link.elsewhere else site_url(link.url)
            entry = {"kind": relation.kind, "title": link.title, "creator": link.creator, "url": url or None}
        found.setdefault(relation.work_id, []).append({**entry, "listed_on_parent": relation.approved})
    return found


def _work_entry(work: Work, user, related: list[dict]) -> dict:
    chapters = Chapter.objects.filter(work=work).order_by("position")
    creators = credited_pseuds(work) or [work.pseud]
    return {
        "id": work.pk,
        "url": site_url(work.get_absolute_url()),
        "title": work.title,
        # The pseud the member is credited under, and everyone credited (the lead first).
        "pseud": (
            work.pseud.name
            if work.author_id == user.pk
            else next((p.name for p in creators if p.user_id == user.pk), work.pseud.name)
        ),
        "creators": [{"pseud": p.name, "username": p.user.username} for p in creators],
        "summary": work.summary,
        "notes": work.notes,
        "end_notes": work.end_notes,
        "text_format": work.text_format,
        "rating": work.get_rating_display(),
        "warnings": [w.label for w in work.warnings],
        "categories": [c.label for c in work.categories],
        "fandoms": [t.name for t in work.fandoms],
        "relationships": [t.name for t in work.relationships],
        "characters": [t.name for t in work.characters],
        "additional_tags": [t.name for t in work.additional_tags],
        "language": work.language,
        "related_works": related,
        "restricted": work.restricted,
        "review_policy": work.review_policy,
        "moderate_reviews": work.moderate_reviews,
        "expected_chapters": work.expected_chapters,
        "draft": work.is_draft,
        "hidden_by_moderator": work.hidden_at is not None,
        "posted_at": _when(work.posted_at),
        "updated_at": _when(work.revised_at),
        "created_at": _when(work.created_at),
        "words": work.word_count,
        "kudos": work.kudos_count,
        "reviews": work.review_count,
        "bookmarks": work.bookmark_count,
        "hits": work.hit_count,
        # Gifts given: refused ones are left out, as everywhere the writer looks (they are not told).
        "gift_to": [gift.recipient for gift in recipients_of(work)],
        "files": {fmt: work_file_name(work, fmt) for fmt in WORK_FORMATS},
        "chapters": [
            {
                "position": c.position,
                "title": c.title,
                "summary": c.summary,
                "notes": c.notes,
                "end_notes": c.end_notes,
                "text": c.body,
                "text_html": c.body_html,
                "text_format": c.text_format,
                "words": c.word_count,
                "posted_at": _when(c.posted_at),
                "scheduled_for": _when(c.release_at),
                "created_at": _when(c.created_at),
                "updated_at": _when(c.updated_at),
            }
            for c in chapters
        ],
    }


def _invitations(user) -> list[dict]:
    """Invitations to be credited that the member has not answered: what, from whom, under which pseud."""
    rows = (
        Creatorship.objects.filter(user=user, accepted_at__isnull=True)
        .annotate(work_readable=_readable_by(user))
        .select_related("pseud", "invited_by", "work", "chapter", "series")
        .order_by("created_at", "pk")
    )
    entries = []
    for row in rows:
        if row.series_id:
            entry = {"kind": "series", "id": row.series_id, "title": row.series.title}
        elif row.chapter_id:
            entry = {"kind": "chapter", "chapter": row.chapter.position, "work": _chapter_work_ref(row, user)}
        else:
            entry = {"kind": "work", **_work_ref(row)}
        entries.append(
            {
                **entry,
                "pseud": row.pseud.name,
                "invited_by": row.invited_by.username if row.invited_by else None,
                "invited_at": _when(row.created_at),
            }
        )
    return entries


def _chapter_work_ref(row, user) -> dict:
    work = works_for(user, Surface.LISTING, hide_muted=False).filter(pk=row.chapter.work_id).first()
    if work is None:
        return {"id": row.chapter.work_id, "title": None, "unavailable": True}
    return {"id": work.pk, "title": work.title, "url": site_url(work.get_absolute_url())}


def _series(user) -> list[dict]:
    return [
        {
            "id": s.pk,
            "url": site_url(s.get_absolute_url()),
            "title": s.title,
            "summary": s.summary,
            "notes": s.notes,
            "complete": s.is_complete,
            "works": [
                _work_ref(entry)
                for entry in s.entries.annotate(work_readable=_readable_by(user)).select_related("work")
            ],
        }
        for s in Series.objects.credited_to(user).order_by("pk")
    ]


def _reviews(user) -> list[dict]:
    return [
        {
            "id": r.pk,
            "work": _work_ref(r),
            "chapter": r.chapter.position,
            "in_reply_to": r.parent_id,
            "text": r.body,
            "status": r.status,
            "hidden_by_moderator": r.hidden_at is not None,
            "created_at": _when(r.created_at),
            "edited_at": _when(r.edited_at),
        }
        for r in Review.objects.filter(user=user)
        .annotate(work_readable=_readable_by(user))
        .select_related("work", "chapter")
        .order_by("created_at", "pk")
    ]


def _news_comments(user) -> list[dict]:
    """What they wrote under the archive's news posts (quire.news), as their reviews."""
    return [
        {
            "id": c.pk,
            "news_post": {"title": c.post.title, "url": site_url(c.post.get_absolute_url())},
            "in_reply_to": c.parent_id,
            "text": c.body,
            "status": c.status,
            "hidden_by_moderator": c.hidden_at is not None,
            "created_at": _when(c.created_at),
            "edited_at": _when(c.edited_at),
        }
        for c in NewsComment.objects.filter(user=user).select_related("post").order_by("created_at", "pk")
    ]


def _kudos(user) -> list[dict]:
    return [
        {"work": _work_ref(k), "given_at": _when(k.created_at)}
        for k in Kudos.objects.filter(user=user)
        .annotate(work_readable=_readable_by(user))
        .select_related("work")
        .order_by("created_at", "pk")
    ]


def _bookmarks(user) -> list[dict]:
    return [
        {
            "work": _work_ref(b),
            "note": b.note,
            "tags": b.tag_list,
            "private": b.private,
            "recommended": b.rec,
            "created_at": _when(b.created_at),
            "updated_at": _when(b.updated_at),
        }
        for b in user.bookmarks.annotate(work_readable=_readable_by(user))
        .select_related("work")
        .order_by("created_at", "pk")
    ]


def _gifts_received(user) -> list[dict]:
    """Works given to the member: the ones they refused too (their own decision, theirs to see)."""
    return [
        {
            "work": _work_ref(g),
            "pseud": g.pseud.name,
            "given_at": _when(g.created_at),
            "refused_at": _when(g.refused_at),
        }
        for g in Gift.objects.filter(pseud__user=user)
        .annotate(work_readable=_readable_by(user))
        .select_related("work", "pseud")
        .order_by("created_at", "pk")
    ]


def _subscriptions(user) -> list[dict]:
    entries = []
    for s in (
        user.subscriptions.annotate(work_readable=_readable_by(user))
        .select_related("work", "author", "series")
        .order_by("created_at", "pk")
    ):
        if s.work_id:
            entry = {"kind": "work", **_work_ref(s)}
        elif s.series_id:
            entry = {"kind": "series", "id": s.series_id, "title": s.series.title}
        else:
            entry = {"kind": "author", "username": s.author.username}
        entries.append({**entry, "since": _when(s.created_at)})
    return entries


def _readings(user) -> list[dict]:
    return [
        {
            "work": _work_ref(r),
            "last_chapter": r.last_chapter.position if r.last_chapter else None,
            "position": r.position,
            "first_opened_at": _when(r.first_opened_at),
            "last_opened_at": _when(r.last_opened_at),
            "visits": r.visit_count,
        }
        for r in user.readings.annotate(work_readable=_readable_by(user))
        .select_related("work", "last_chapter")
        .order_by("-last_opened_at")
    ]


def _marked(user) -> list[dict]:
    return [
        {"work": _work_ref(m), "marked_at": _when(m.created_at)}
        for m in user.marked_for_later.annotate(work_readable=_readable_by(user))
        .select_related("work")
        .order_by("-created_at")
    ]


def _blocked_names(user, kind: str) -> list[str]:
    if kind == "block":
        rows = Block.objects.filter(blocker=user).values_list("blocked__username", flat=True)
    else:
        rows = Mute.objects.filter(muter=user).values_list("muted__username", flat=True)
    return sorted(rows)
