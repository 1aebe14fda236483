"""Finding, building and caching downloads.

A finished file is stored under EXPORTS_DIR named by its fingerprint (document.fingerprint), which changes
with anything the file shows; a changed work therefore never matches an old file, and the old one is
removed when the new one is written. Small works are built during the request; larger ones, and every file
Calibre converts (AZW3, MOBI), by the worker, tracked by an ExportBuild row that the progress page reads.
"""

import logging
import os
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Length
from django.utils import timezone

from quire.core.tasks import enqueue_after_commit
from quire.exports.builders import BUILDERS, CONVERTED
from quire.exports.document import fingerprint, gather, included_chapters
from quire.exports.models import ExportBuild
from quire.works.models import Work

log = logging.getLogger(__name__)

# Above these word counts, or these sizes in characters of chapter HTML, a download is built by the worker,
# with a progress page, instead of in the request: about 2 s of building on a busy two-core machine.
# bench/exports.py measured 500,000 words at 0.2-0.6 s for EPUB, HTML and TXT, and 5.6-9.9 s for PDF. Words
# alone missed text with few of them: a PDF of one paragraph lays out at ~6 us a character, one of 100,000
# ampersands (500,000 characters of HTML) took 3.5 s, and 510,000 emoji count as no words at all.
BACKGROUND_WORDS = {"epub": 1_000_000, "html": 1_000_000, "txt": 1_000_000, "pdf": 100_000}
BACKGROUND_CHARACTERS = {"epub": 5_000_000, "html": 5_000_000, "txt": 5_000_000, "pdf": 200_000}
# A queued or running build not heard from for this long is assumed lost (the worker restarted).
STALLED_AFTER = timedelta(minutes=10)
PROGRESS_EVERY = 0.5  # seconds between progress writes


@dataclass
class Download:
    """Either a finished file, or the build readers wait for."""

    path: Path | None = None
    build: ExportBuild | None = None
    fingerprint: str = ""


def export_path(work_id: int, fmt: str, key: str) -> Path:
    return Path(settings.EXPORTS_DIR) / str(work_id) / f"{key}.{fmt}"


def find_or_build(work: Work, fmt: str, *, include_unposted: bool, site: str) -> Download:
    """`site` is the archive's address as the reader reached it (quire/core/site.py), which the file names."""
    key = fingerprint(work, include_unposted=include_unposted, site=site)
    path = export_path(work.pk, fmt, key)
    if path.exists():
        return Download(path=path, fingerprint=key)
    if fmt in CONVERTED:
        return Download(build=request_build(work, fmt, key, include_unposted, site), fingerprint=key)
    size = included_chapters(work, include_unposted=include_unposted).aggregate(
        words=Sum("word_count"), characters=Sum(Length("body_html"))
    )
    words, characters = size["words"] or 0, size["characters"] or 0
    if words <= BACKGROUND_WORDS[fmt] and characters <= BACKGROUND_CHARACTERS[fmt]:
        return _build_in_request(work, fmt, key, include_unposted, site)
    return Download(build=request_build(work, fmt, key, include_unposted, site), fingerprint=key)


def _build_in_request(work: Work, fmt: str, key: str, include_unposted: bool, site: str) -> Download:
    """A build that failed is recorded, so the readers who ask next get the failure page instead of each
    running it again, until it may be retried (ExportBuild.RETRY_AFTER)."""
    recorded = ExportBuild.objects.filter(work=work, fmt=fmt, fingerprint=key).first()
    if recorded is not None and not recorded.may_retry:
        return Download(build=recorded, fingerprint=key)
    try:
        path = build_file(work, fmt, key, include_unposted=include_unposted, site=site)
    except Exception as error:
        log.exception("Building %s of work %s failed", fmt, work.pk)
        failed, _ = ExportBuild.objects.update_or_create(
            work=work,
            fmt=fmt,
            fingerprint=key,
            defaults={"include_unposted": include_unposted, "site": site, **_failure(error)},
        )
        return Download(build=failed, fingerprint=key)
    if recorded is not None:
        recorded.delete()
    return Download(path=path, fingerprint=key)


def _failure(error: Exception) -> dict:
    return {
        "status": ExportBuild.Status.FAILED,
        "error": f"{type(error).__name__}: {error}"[:2000],
        "updated_at": timezone.now(),
    }


def build_file(work: Work, fmt: str, key: str, *, include_unposted: bool, site: str, progress=None) -> Path:
    document = gather(work, include_unposted=include_unposted, site=site)
    content = BUILDERS[fmt](document, progress)
    path = export_path(work.pk, fmt, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed, so a reader never receives half a file.
    partial = path.with_name(f".{uuid.uuid4().hex}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)
    for older in path.parent.glob(f"*.{fmt}"):
        if older != path:
            older.unlink(missing_ok=True)
    return path


def request_build(work: Work, fmt: str, key: str, include_unposted: bool, site: str) -> ExportBuild:
    build, created = ExportBuild.objects.get_or_create(
        work=work, fmt=fmt, fingerprint=key, defaults={"include_unposted": include_unposted, "site": site}
    )
    stalled = build.status != ExportBuild.Status.FAILED and build.updated_at < timezone.now() - STALLED_AFTER
    if created or stalled or build.may_retry:
        if not created:
            build.status, build.done, build.error = ExportBuild.Status.QUEUED, 0, ""
            build.save()
        enqueue_after_commit("quire.exports.tasks.build_export", build.pk)
    return build


def run_build(build_id: int) -> str:
    """The worker's side: build, reporting progress; safe to run twice."""
    build = ExportBuild.objects.filter(pk=build_id).first()
    if build is None:
        return "gone"
    work = Work.objects.for_listing().filter(pk=build.work_id).first()
    version = {"include_unposted": build.include_unposted, "site": build.site}
    if work is None or fingerprint(work, **version) != build.fingerprint:
        # The work changed (or went) since the reader asked; their next request asks for the new version.
        build.delete()
        return "outdated"
    if export_path(work.pk, build.fmt, build.fingerprint).exists():
        build.delete()
        return "built"
    build.status = ExportBuild.Status.RUNNING
    build.total = included_chapters(work, include_unposted=build.include_unposted).count()
    build.done = 0
    build.save()
    last_write = [timezone.now()]

    def progress(done: int, total: int) -> None:
        now = timezone.now()
        if (now - last_write[0]).total_seconds() >= PROGRESS_EVERY or done == total:
            ExportBuild.objects.filter(pk=build.pk).update(done=done, total=total, updated_at=now)
            last_write[0] = now

    try:
        build_file(work, build.fmt, build.fingerprint, **version, progress=progress)
    except Exception as error:
        log.exception("Building %s of work %s failed", build.fmt, work.pk)
        ExportBuild.objects.filter(pk=build.pk).update(**_failure(error))
        return "failed"
    ExportBuild.objects.filter(work=work, fmt=build.fmt).delete()
    return "built"
