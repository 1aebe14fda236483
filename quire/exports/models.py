from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class ExportBuild(models.Model):
    """A download being built by the worker, so readers who ask meanwhile see how far it has got.

    Finished files live on disk (services.export_path); this row only tracks builds in progress or failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Building"
        FAILED = "failed", "Failed"

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="export_builds")
    fmt = models.CharField(max_length=8)
    fingerprint = models.CharField(max_length=64)
    include_unposted = models.BooleanField(default=False)
    # The archive's address as the reader who asked reached it, which the built file names.
    site = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work", "fmt", "fingerprint"], name="one_build_per_version")
        ]

    def __str__(self):
        return f"{self.work_id} {self.fmt} {self.status}"

    # A failed build is tried again only this long after it failed: until then every reader who asks gets the
    # failure page, not another build of their own. A changed work has a new fingerprint, so a new build.
    RETRY_AFTER = timedelta(minutes=15)

    @property
    def may_retry(self) -> bool:
        return self.status == self.Status.FAILED and self.updated_at <= timezone.now() - self.RETRY_AFTER

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ImportBatch(models.Model):
    """A writer's back catalogue uploaded at once (quire.exports.batch_import): the worker makes each file a
    draft work while the batch's page shows how far it has got, then the writer posts them together."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"


class ImportFile(models.Model):
    """One uploaded file of a batch: its bytes until the worker has read them, then the draft it became or
    why it could not."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Not imported"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content = models.BinaryField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    error = models.TextField(blank=True)
    left_out = models.TextField(blank=True, help_text="Tags the file gave that could not be used")
    work = models.ForeignKey("works.Work", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="one_file_per_place_in_batch")
        ]

    def __str__(self):
        return self.name
