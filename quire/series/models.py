from django.db import models
from django.urls import reverse

from quire.core.text import SANITIZER_VERSION
from quire.works.models import NOTES_MAX, SUMMARY_MAX, TITLE_MAX


class SeriesQuerySet(models.QuerySet):
    def credited_to(self, user):
        """The series this member is an accepted creator of (quire.creators holds who made what)."""
        # deferred: quire.creators.models names this module's models
        from quire.creators.selectors import series_credited_to

        return self.filter(pk__in=series_credited_to(user))


class Series(models.Model):
    """Works read in order, as AO3's series: a title, a summary and notes, and the writers who add to it
    (credited through quire.creators, as works are)."""

    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True, max_length=SUMMARY_MAX)
    summary_html = models.TextField(blank=True)
    notes = models.TextField(blank=True, max_length=NOTES_MAX)
    notes_html = models.TextField(blank=True)
    is_complete = models.BooleanField(default=False)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)
    works = models.ManyToManyField("works.Work", through="SeriesWork", related_name="series")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("series:detail", args=[self.pk])

    def is_creator(self, user) -> bool:
        # deferred: quire.creators.models names this module's models
        from quire.creators.selectors import is_creator

        return is_creator(user, self)


class SeriesWork(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="entries")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="series_entries")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["series", "work"], name="work_once_per_series"),
            models.UniqueConstraint(fields=["series", "position"], name="unique_series_position"),
        ]

    def __str__(self):
        return f"{self.series_id}: {self.work_id} at {self.position}"
