"""Who is credited on a work, a chapter or a series: one row per creator, as AO3's creatorships.

A row is an invitation until its member accepts it (`accepted_at`); only accepted rows are credited, own the
work (quire.access.writing) and appear in bylines. The creator who posts a work is credited at once.

`Work.author` and `Work.pseud` stay as the work's lead creator (the first accepted one), kept in step by
quire.creators.services, because every listing sorts, filters and shows a byline from the work row itself.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Creatorship(models.Model):
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.PROTECT, related_name="creatorships")
    # The pseud's account, repeated so "does this user own this work" is one indexed lookup.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="creatorships")
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="creatorships"
    )
    chapter = models.ForeignKey(
        "works.Chapter", null=True, blank=True, on_delete=models.CASCADE, related_name="creatorships"
    )
    series = models.ForeignKey(
        "series.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="creatorships"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True, help_text="Empty while the invitation waits")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["accepted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(work__isnull=False, chapter__isnull=True, series__isnull=True)
                    | Q(work__isnull=True, chapter__isnull=False, series__isnull=True)
                    | Q(work__isnull=True, chapter__isnull=True, series__isnull=False)
                ),
                name="creatorship_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["work", "user"], condition=Q(work__isnull=False), name="one_creatorship_per_work"
            ),
            models.UniqueConstraint(
                fields=["chapter", "user"],
                condition=Q(chapter__isnull=False),
                name="one_creatorship_per_chapter",
            ),
            models.UniqueConstraint(
                fields=["series", "user"],
                condition=Q(series__isnull=False),
                name="one_creatorship_per_series",
            ),
        ]
        indexes = [models.Index(fields=["user", "accepted_at"], name="creatorship_user_idx")]

    def __str__(self):
        thing = (
            f"work {self.work_id}"
            if self.work_id
            else (f"chapter {self.chapter_id}" if self.chapter_id else f"series {self.series_id}")
        )
        return f"{self.pseud_id} on {thing}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None
