from django.db import models


class ReadEvent(models.Model):
    """One page view or one "reached the end" signal: the only write a reading adds.

    `reader` is a salted daily hash (of the account, or of the guest's address), never an address. Events
    are folded into ChapterDay and WorkDay by the worker every few minutes, then deleted after a few days.
    """

    class Kind(models.TextChoices):
        VIEW = "view", "Page view"
        END = "end", "Reached the end"

    work_id = models.BigIntegerField()
    chapter_id = models.BigIntegerField(null=True, help_text="Empty for an entire-work view")
    finished_chapter_id = models.BigIntegerField(null=True, help_text='Chapter left by "next chapter"')
    kind = models.CharField(max_length=4, choices=Kind.choices)
    reader = models.CharField(max_length=40)
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["day", "work_id"], name="read_event_day_work")]

    def __str__(self):
        return f"{self.kind} {self.work_id}/{self.chapter_id}"


class WorkDay(models.Model):
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="stats_days")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)
    readers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "day"], name="one_work_day")]

    def __str__(self):
        return f"{self.work_id} {self.day}"


class ChapterDay(models.Model):
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="stats_days")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="chapter_stats_days")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)
    readers = models.PositiveIntegerField(default=0)
    finishers = models.PositiveIntegerField(default=0, help_text="Readers who reached the end")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chapter", "day"], name="one_chapter_day")]

    def __str__(self):
        return f"{self.chapter_id} {self.day}"
