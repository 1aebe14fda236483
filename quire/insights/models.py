from django.db import models


class ReadEvent(models.Model):
    """One page view, "reached the end" signal or answer (kudos, review, ask, follow): the only write a
    reading adds.

    `reader` names a person within one work (recording.reader_key): an account, or a guest's cookie; never an
    address. Events are folded into WorkReader, ChapterReader and the daily totals by the worker every few
    minutes, then deleted after a few days.
    """

    class Kind(models.TextChoices):
        VIEW = "view", "Page view"
        END = "end", "Reached the end"
        KUDOS = "kudos", "Left kudos"
        REVIEW = "review", "Reviewed"
        ASK = "ask", "Asked for more"
        FOLLOW = "follow", "Subscribed"

    work_id = models.BigIntegerField()
    chapter_id = models.BigIntegerField(null=True, help_text="Empty for an entire-work view")
    finished_chapter_id = models.BigIntegerField(null=True, help_text='Chapter left by "next chapter"')
    kind = models.CharField(max_length=6, choices=Kind.choices)
    reader = models.CharField(max_length=40)
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["day", "work_id"], name="read_event_day_work")]

    def __str__(self):
        return f"{self.kind} {self.work_id}/{self.chapter_id}"


class WorkDay(models.Model):
    """A work's hits on one day: readers on its pages that day, each once however often they reload."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="stats_days")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "day"], name="one_work_day")]

    def __str__(self):
        return f"{self.work_id} {self.day}"


class ChapterDay(models.Model):
    """A chapter's hits on one day (its readers are people, counted in ChapterReader)."""

    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="stats_days")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="chapter_stats_days")
    day = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chapter", "day"], name="one_chapter_day")]

    def __str__(self):
        return f"{self.chapter_id} {self.day}"


class WorkReader(models.Model):
    """One person who read a work, and what they did about it, each as days after the work was first posted.

    Everything a stats page says about readers is a count of these rows, so a share of readers can never pass
    100%: a person who left kudos, reviewed, asked or subscribed is a reader by definition (they have a row
    even if their reading went unseen, say a member reading logged out). The writer never has one."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="reader_rows")
    reader = models.CharField(max_length=40)
    came_after = models.PositiveIntegerField(
        help_text="Days from the work's posting to this reader's first visit"
    )
    kudos_after = models.PositiveIntegerField(null=True)
    reviewed_after = models.PositiveIntegerField(null=True)
    asked_after = models.PositiveIntegerField(null=True, help_text="The first ask, by button or in a review")
    followed_after = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "reader"], name="one_reader_per_work")]
        indexes = [models.Index(fields=["work", "came_after"], name="work_reader_window")]

    def __str__(self):
        return f"reader of {self.work_id}"


class ChapterReader(models.Model):
    """One person who read a chapter; `finished_after` is set when they reached its end (by the end-of-chapter
    signal or a "next chapter" click). Finishers are a column of readers, so they can never outnumber them."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="chapter_reader_rows")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="reader_rows")
    reader = models.CharField(max_length=40)
    came_after = models.PositiveIntegerField(help_text="Days from the work's posting to this first visit")
    finished_after = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chapter", "reader"], name="one_reader_per_chapter")]
        indexes = [models.Index(fields=["work", "came_after"], name="chapter_reader_window")]

    def __str__(self):
        return f"reader of chapter {self.chapter_id}"


class FoldMark(models.Model):
    """The last read event folded into the reader rows (one row): the fold goes on from there."""

    last_event_id = models.BigIntegerField(default=0)
    people_since = models.DateField(
        null=True, help_text="Readers are people from this day on; before it Quire counted reader-days"
    )
    first_people_event_id = models.BigIntegerField(
        default=0,
        help_text="Events up to this one were keyed by reader-day, and are never folded into people",
    )

    def __str__(self):
        return f"folded up to event {self.last_event_id}"
