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
