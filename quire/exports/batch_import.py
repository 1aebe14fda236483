"""A writer's back catalogue at once: many EPUB and HTML files (AO3's and FanFicFare's downloads, Quire's
own) become draft works dated as where they were first posted, which the writer reviews and posts together.

The request only stores the files (bounded in number and size); the worker reads them, one transaction per
file, so a broken file is reported with its reason and the others still import, and running the task twice
imports nothing twice."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from quire.access.writing import ensure_may_write
from quire.core.tasks import enqueue_after_commit
from quire.exports.epub_import import WHOLE_WORK_SUFFIXES, import_document
from quire.exports.models import ImportBatch, ImportFile
from quire.works import services
from quire.works.importing import ImportError_
from quire.works.models import Work

log = logging.getLogger(__name__)

# A batch whose worker has made no progress for this long has stopped (the worker died or was restarted
# mid-batch, or never took it): its page says so and offers to retry or discard instead of polling forever.
# Reading one file takes seconds (each is at most IMPORT_MAX_BYTES), so this is no slow file.
STALLED_AFTER = timedelta(minutes=10)
DISCARDED = "Discarded: the import stopped before this file was read."


@dataclass
class Upload:
    name: str
    content: bytes


def check_uploads(names_and_sizes: list[tuple[str, int]]) -> list[str]:
    """What is wrong with a batch before a byte is stored: the writer's words, one line per problem."""
    problems = []
    limit_files = settings.IMPORT_BATCH_MAX_FILES
    if not names_and_sizes:
        problems.append("Choose the files to import.")
    if len(names_and_sizes) > limit_files:
        problems.append(
            f"You chose {len(names_and_sizes)} files; Quire imports at most {limit_files} at once. "
            "Import the rest in another batch."
        )
    for name, size in names_and_sizes:
        if not name.lower().endswith(WHOLE_WORK_SUFFIXES):
            problems.append(f"“{name}” is not an .epub or .html file.")
        elif size > settings.IMPORT_MAX_BYTES:
            problems.append(
                f"“{name}” is larger than {_size(settings.IMPORT_MAX_BYTES)}, the most Quire imports in one file."
            )
    total = sum(size for _, size in names_and_sizes)
    if total > settings.IMPORT_BATCH_MAX_BYTES:
        problems.append(
            f"These files come to {_size(total)}; Quire imports at most {_size(settings.IMPORT_BATCH_MAX_BYTES)} "
            "at once. Import them in smaller batches."
        )
    return problems


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.1f} KB"


@transaction.atomic
def start_batch(*, user, uploads: list[Upload]) -> ImportBatch:
    """Store the files and queue the worker. Raises ValidationError when the batch is refused."""
    ensure_may_write(user)
    if problems := check_uploads([(upload.name, len(upload.content)) for upload in uploads]):
        raise ValidationError(problems)
    batch = ImportBatch.objects.create(user=user)
    ImportFile.objects.bulk_create(
        ImportFile(
            batch=batch,
            position=position,
            name=upload.name[:255],
            size=len(upload.content),
            content=upload.content,
        )
        for position, upload in enumerate(uploads, start=1)
    )
    enqueue_after_commit("quire.exports.tasks.run_import_batch", batch.pk)
    return batch


def run_batch(batch_id: int) -> int:
    """Import each file still waiting; returns how many became works. Every step moves the batch's
    `updated_at` (update() leaves auto_now alone), which is how its page tells a stopped batch."""
    batch = ImportBatch.objects.select_related("user").filter(pk=batch_id).first()
    if batch is None:
        return 0
    _progress(batch.pk, status=ImportBatch.Status.RUNNING)
    made = 0
    for file_id in batch.files.filter(status=ImportFile.Status.WAITING).values_list("pk", flat=True):
        made += _import_file(batch.user, file_id)
    _progress(batch.pk, status=ImportBatch.Status.DONE)
    return made


def _progress(batch_id: int, **fields) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(updated_at=timezone.now(), **fields)


def _import_file(user, file_id: int) -> bool:
    with transaction.atomic():
        file = (
            ImportFile.objects.select_for_update()
            .filter(pk=file_id, status=ImportFile.Status.WAITING)
            .first()
        )
        if file is None:  # another run took it
            return False
        try:
            with transaction.atomic():
                result = import_document(author=user, name=file.name, content=bytes(file.content))
        except ImportError_ as error:
            file.status, file.error = ImportFile.Status.FAILED, str(error)
        except Exception:  # a file no rule foresaw: reported, logged, and the batch goes on
            log.exception("Importing %s of batch %s failed", file.name, file.batch_id)
            file.status = ImportFile.Status.FAILED
            file.error = (
                "Quire could not import this file. The error was logged for the archive's administrators."
            )
        else:
            file.status, file.work = ImportFile.Status.IMPORTED, result.work
            file.left_out = ", ".join(result.left_out)
        file.content = b""  # read once: the work holds its text now
        file.save(update_fields=["status", "error", "work", "left_out", "content"])
        _progress(file.batch_id)
        return file.status == ImportFile.Status.IMPORTED


def is_stalled(batch: ImportBatch, *, now: datetime | None = None) -> bool:
    """Whether the batch stopped short: not done, and no file read for STALLED_AFTER."""
    return (
        batch.status != ImportBatch.Status.DONE and batch.updated_at < (now or timezone.now()) - STALLED_AFTER
    )


def _stalled_batch(user, batch: ImportBatch) -> ImportBatch:
    """The batch again, locked, if it is still stopped: a second click, or a worker that came back
    meanwhile, finds it going or done and changes nothing."""
    locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk, user=user).first()
    if locked is None or not is_stalled(locked):
        raise ValidationError("This import is not stopped: it is still going, or it has finished.")
    return locked


@transaction.atomic
def retry_batch(*, user, batch: ImportBatch) -> int:
    """Queue a stopped batch again; returns how many files wait. Only the files not read yet are read: each
    file became its work in one transaction with its status, so the one a dying worker was reading was rolled
    back whole, and no work is made twice."""
    ensure_may_write(user)
    batch = _stalled_batch(user, batch)
    waiting = batch.files.filter(status=ImportFile.Status.WAITING).count()
    if not waiting:  # the worker stopped after its last file: nothing is left to read
        _progress(batch.pk, status=ImportBatch.Status.DONE)
        return 0
    _progress(batch.pk, status=ImportBatch.Status.QUEUED)
    enqueue_after_commit("quire.exports.tasks.run_import_batch", batch.pk)
    return waiting


@transaction.atomic
def discard_batch(*, user, batch: ImportBatch) -> int:
    """End a stopped batch: the files not read yet are dropped (their bytes too) and marked so; the drafts
    already made stay, to post or delete as any draft. Returns how many files were dropped. A worker that
    comes back later finds nothing waiting."""
    batch = _stalled_batch(user, batch)
    dropped = batch.files.filter(status=ImportFile.Status.WAITING).update(
        status=ImportFile.Status.FAILED, error=DISCARDED, content=b""
    )
    _progress(batch.pk, status=ImportBatch.Status.DONE)
    return dropped


def batch_of(user, batch_id: int) -> ImportBatch | None:
    """The member's own batch, with its files (not their bytes) and the works they became."""
    works = Work.objects.annotate(chapters_made=Count("chapters")).prefetch_related("series")
    files = ImportFile.objects.defer("content").prefetch_related(Prefetch("work", works)).order_by("position")
    return (
        ImportBatch.objects.filter(user=user, pk=batch_id).prefetch_related(Prefetch("files", files)).first()
    )


def recent_batches(user, count: int = 10) -> list[ImportBatch]:
    batches = list(ImportBatch.objects.filter(user=user)[:count])
    now = timezone.now()
    for batch in batches:
        batch.stalled = is_stalled(batch, now=now)
    return batches


@transaction.atomic
def post_imported(*, user, batch: ImportBatch, work_ids: list[int]) -> list[Work]:
    """Post together the chosen drafts this batch made, each dated as where it was first posted."""
    chosen = set(work_ids)
    works = [
        file.work
        for file in batch.files.all()
        if file.work is not None and file.work_id in chosen and file.work.is_draft
    ]
    for work in works:
        services.post_work(work=work, user=user)
    return works
