from datetime import timedelta

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
