from django.conf import settings
from django.db import models


class Reading(models.Model):
    """A reader's history with one work: when they opened it, and where they stopped.

    Written only for readers who keep a reading history (User.keep_reading_history); one upsert per page
    opened, sent by the page once shown (shelf.recording), never while the page is made.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readings")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="readings")
    last_chapter = models.ForeignKey(
        "works.Chapter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.FloatField(default=0, help_text="How far into the chapter's text, from 0 to 1")
    first_opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField()
    visit_count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "work"], name="one_reading_per_work")]
        indexes = [models.Index(fields=["user", "-last_opened_at"], name="reading_user_recent_idx")]

    def __str__(self):
        return f"{self.user_id} read {self.work_id}"


class MarkedForLater(models.Model):
    """AO3's "Mark for Later": kept whether or not the reader keeps a history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marked_for_later"
    )
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="marked_for_later")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "work"], name="one_later_mark_per_work")]
        indexes = [models.Index(fields=["user", "-created_at"], name="later_user_recent_idx")]

    def __str__(self):
        return f"{self.user_id} marked {self.work_id}"
