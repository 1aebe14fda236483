from django.db import models


class ArchiveRates(models.Model):
    """How often posted chapters use ellipses and exclamation marks: one row, refreshed by a task."""

    words = models.PositiveBigIntegerField(default=0)
    ellipses = models.PositiveBigIntegerField(default=0)
    exclamations = models.PositiveBigIntegerField(default=0)
    chapters = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.chapters} chapters, {self.words} words"


class BetaRead(models.Model):
    """One beta read of one version of a chapter: queued for the worker when the chapter is long, and kept
    so its writer can come back to the report (and the draft's panel can show it) without running it again.

    `fingerprint` names the chapter text and the rates it was read against; a changed chapter is a new row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Reading"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="beta_reads")
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    report_html = models.TextField(
        blank=True
    )  # the findings and the highlighted text, as the page shows them
    preview = models.JSONField(default=dict, blank=True)  # the first findings, for the draft's panel
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["chapter", "fingerprint"], name="one_beta_read_per_version")
        ]

    def __str__(self):
        return f"{self.chapter_id} {self.status}"
