import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


def new_export_key() -> str:
    return secrets.token_urlsafe(24)


class DataExport(models.Model):
    """A member's "download my data" archive: built (in the request or by the worker), downloaded once.

    The zip lives under settings.DATA_EXPORTS_DIR (never MEDIA), named by `key`; it is deleted with this row
    once downloaded, or after EXPORT_LIFETIME by quire.privacy.tasks.purge_data_exports.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    key = models.CharField(max_length=64, unique=True, default=new_export_key)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"data export of {self.user_id} ({self.status})"

    def get_absolute_url(self):
        return reverse("privacy:data_download", args=[self.key])

    @property
    def is_waiting(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
