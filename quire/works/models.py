from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from quire.core.aggregates import joined_values
from quire.core.text import SANITIZER_VERSION, TextFormat
from quire.creators.selectors import credits_prefetch
from quire.gifts.models import Gift
from quire.tags.enums import TagType
from quire.tags.fields import KeyListField
from quire.works.enums import Category, Rating, ReviewPolicy, Warning
from quire.works.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES

SUMMARY_MAX = 1250
NOTES_MAX = 5000
TITLE_MAX = 255
CHAPTER_BODY_MAX = 510_000
# Backdating reaches back to the first fanzines and no further: an earlier year is a typo.
EARLIEST_PUBLISHED = date(1900, 1, 1)


# Works some readers may not see: drafts, hidden works, restricted ones and those in an unrevealed collection.
# Few, and held in a partial index (below), so quire.access can check "visible" as "not one of these" without
# reading a row per work. Who may see what is decided in quire.access alone.
UNLISTED = Q(posted_at__isnull=True) | Q(hidden_at__isnull=False) | Q(restricted=True) | Q(in_unrevealed=True)


class WorkQuerySet(models.QuerySet):
    def for_listing(self, *, one_work: bool = False):
        """Everything a work blurb shows, in a fixed number of queries however many works there are. With
        `one_work`, for a page showing one work, the warnings and categories come with the work's own row and
        its gifts are read only when it has any (`gifts.selectors.page_annotations`): three queries fewer."""
        if one_work:
            works = self.annotate(
                warnings_joined=joined_values(WorkWarning.objects.all(), "warning", "work"),
                categories_joined=joined_values(WorkCategory.objects.all(), "category", "work"),
            )
            labels = ()
        else:
            works = self
            labels = (
                "warning_rows",
                "category_rows",
                # "for …": the recipients a blurb names, refused gifts left out (read by quire.gifts.selectors).
                Prefetch(
                    "gifts",
                    queryset=Gift.objects.shown().select_related("pseud__user"),
                    to_attr="shown_gifts",
                ),
            )
        return works.select_related("pseud__user").prefetch_related(
            # A blurb never shows when a tag was made; parsing 300 tags' dates was a third of this prefetch.
            Prefetch(
                "work_tags",
                queryset=WorkTag.objects.select_related("tag").defer("tag__created_at").order_by("id"),
            ),
            credits_prefetch(),
            *labels,
        )

    def recently_updated(self):
        return self.order_by("-revised_at", "-id")


class Work(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="works")
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.PROTECT, related_name="works")
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(blank=True)
    summary_html = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    notes_html = models.TextField(blank=True)
    end_notes = models.TextField(blank=True)
    end_notes_html = models.TextField(blank=True)
    text_format = models.CharField(max_length=10, choices=TextFormat.choices, default=TextFormat.RICH)
    rating = models.CharField(max_length=20, choices=Rating.choices)
    language = models.CharField(max_length=15, choices=LANGUAGE_CHOICES, default="en")
    expected_chapters = models.PositiveSmallIntegerField(null=True, blank=True)
    restricted = models.BooleanField(default=False, help_text="Only logged-in readers may see it")
    review_policy = models.CharField(
        max_length=12, choices=ReviewPolicy.choices, default=ReviewPolicy.EVERYONE
    )
    moderate_reviews = models.BooleanField(default=False, help_text="Reviews wait for the writer's approval")
    # Derived from the fandoms by quire.tags.filters: two or more unrelated fandoms.
    is_crossover = models.BooleanField(default=False)
    # Derived by quire.tags.filters too: every key the work is filed under (its WorkFilter tags, and its
    # warnings and categories as fixed keys), so a listing filters and counts its facets from the work rows
    # it reads anyway. PostgreSQL searches it through a GIN index.
    filed_under = KeyListField()
    # Derived by quire.collections.services from the work's collection items, as AO3 keeps them on the work:
    # in an unrevealed collection (seen only by its creators, its recipients and the maintainers until the
    # reveal) or an anonymous one (its creators shown as "Anonymous" until the reveal).
    in_unrevealed = models.BooleanField(default=False)
    in_anonymous = models.BooleanField(default=False)
    tags = models.ManyToManyField("tags.Tag", through="WorkTag", related_name="works")

    # Readers' feedback, counted for sorting listings; kept in step by quire.feedback.counters.
    kudos_count = models.PositiveIntegerField(default=0)
    review_count = models.PositiveIntegerField(default=0)
    bookmark_count = models.PositiveIntegerField(default=0)
    hit_count = models.PositiveIntegerField(default=0)

    # Kept in step by services.refresh_work_totals(): posted chapters only.
    word_count = models.PositiveIntegerField(default=0)
    chapter_count = models.PositiveIntegerField(default=0)

    posted_at = models.DateTimeField(null=True, blank=True, help_text="Empty while the work is a draft")
    # Backdating (AO3's "Set a different publication date"), and an imported work's dates where it came from:
    # posting dates the work (and its chapters) then instead of the day it is posted; see services.post_work.
    published_on = models.DateField(null=True, blank=True, help_text="The publication date the writer set")
    updated_on = models.DateField(
        null=True, blank=True, help_text="An imported work's last update, elsewhere"
    )
    # Where an imported work was first posted (its AO3 or other archive's address): "Originally posted at".
    source_url = models.URLField(max_length=500, blank=True)
    revised_at = models.DateTimeField(default=timezone.now, help_text="Shown as Updated")
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden by a moderator")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)
    # The posting form's one-time token: a double click or a retried post makes one work.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    objects = WorkQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["-revised_at", "-id"], name="work_recent_idx"),
            models.Index(fields=["author", "-revised_at"], name="work_author_recent_idx"),
            models.Index(fields=["id"], condition=UNLISTED, name="work_unlisted_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_chapters__isnull=True) | Q(expected_chapters__gte=1),
                name="expected_chapters_positive",
            )
        ]

    def __str__(self):
        return self.title

    # Written only by quire.tags.filters (from the tags and the wrangling) and quire.collections.services (from
    # the collection items). A work loaded before such a change and saved after it would write its stale copy
    # back.
    DERIVED_FIELDS = ("filed_under", "is_crossover", "in_unrevealed", "in_anonymous")

    def save(self, *args, **kwargs):
        creating = self._state.adding
        if not creating and kwargs.get("update_fields") is None:
            skipped = {*self.DERIVED_FIELDS, *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in skipped
            ]
        super().save(*args, **kwargs)
        if creating:
            # Whoever makes a work is credited on it, however it was made (the posting form, an import, the
            # API, a shell), as every account gets its default pseud in User.save.
            # deferred: quire.creators.models names this module's models
            from quire.creators.models import Creatorship

            Creatorship.objects.create(
                pseud_id=self.pseud_id, user_id=self.author_id, work=self, accepted_at=timezone.now()
            )

    def get_absolute_url(self):
        return reverse("works:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.posted_at is None

    @property
    def is_complete(self) -> bool:
        return self.expected_chapters is not None and self.chapter_count >= self.expected_chapters

    @property
    def chapters_display(self) -> str:
        """ "1/?" or "3/3", as AO3 shows chapter progress."""
        expected = self.expected_chapters if self.expected_chapters else "?"
        return f"{self.chapter_count}/{expected}"

    @property
    def is_adult(self) -> bool:
        return Rating(self.rating).is_adult

    # Django's own get_FOO_display rebuilds a dict of every choice per call: 96 languages, twice a blurb.
    def get_language_display(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    def get_rating_display(self) -> str:
        return Rating(self.rating).label if self.rating in Rating.values else self.rating

    def get_rating_display_class(self) -> str:
        return f"rating-{self.rating}"

    def tags_of(self, tag_type: str) -> list:
        # Reads the prefetched rows from for_listing(); no query per call.
        return [row.tag for row in self.work_tags.all() if row.tag.type == tag_type]

    @property
    def fandoms(self):
        return self.tags_of(TagType.FANDOM)

    @property
    def relationships(self):
        return self.tags_of(TagType.RELATIONSHIP)

    @property
    def characters(self):
        return self.tags_of(TagType.CHARACTER)

    @property
    def additional_tags(self):
        return self.tags_of(TagType.ADDITIONAL)

    @property
    def warnings(self) -> list[Warning]:
        values = _labels(self, "warnings_joined", "warning_rows", "warning")
        return sorted((Warning(value) for value in values), key=list(Warning).index)

    @property
    def categories(self) -> list[Category]:
        values = _labels(self, "categories_joined", "category_rows", "category")
        return sorted((Category(value) for value in values), key=list(Category).index)

    def is_owned_by(self, user) -> bool:
        # deferred: quire.creators.models names this module's models
        from quire.creators.selectors import is_creator

        return is_creator(user, self)


def _labels(work, joined: str, rows: str, field: str) -> list[str]:
    """A work's warnings or categories: from its own row (`for_listing(one_work=True)`), else its rows."""
    if hasattr(work, joined):
        return getattr(work, joined).split(",") if getattr(work, joined) else []
    return [getattr(row, field) for row in getattr(work, rows).all()]


class WorkTag(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="work_tags")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="work_tags")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "tag"], name="unique_tag_per_work")]

    def __str__(self):
        return f"{self.work_id}: {self.tag_id}"


class WorkWarning(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="warning_rows")
    warning = models.CharField(max_length=20, choices=Warning.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "warning"], name="unique_warning_per_work")]

    def __str__(self):
        return self.get_warning_display()


class WorkCategory(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="category_rows")
    category = models.CharField(max_length=10, choices=Category.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "category"], name="unique_category_per_work")]

    def __str__(self):
        return self.get_category_display()


class Chapter(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    summary = models.TextField(blank=True)
    summary_html = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    notes_html = models.TextField(blank=True)
    end_notes = models.TextField(blank=True)
    end_notes_html = models.TextField(blank=True)
    body = models.TextField()
    body_html = models.TextField()
    text_format = models.CharField(max_length=10, choices=TextFormat.choices, default=TextFormat.RICH)
    word_count = models.PositiveIntegerField(default=0)
    posted_at = models.DateTimeField(null=True, blank=True, help_text="Empty while the chapter is unposted")
    # An unposted chapter with a release time is scheduled: the worker posts it then (services.release_due_chapters).
    release_at = models.DateTimeField(null=True, blank=True, help_text="When a scheduled chapter is posted")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: an edit names the version it started from, so a stale tab cannot overwrite.
    version = models.PositiveIntegerField(default=1)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)
    # The new-chapter form's one-time token: a double click or a retried post makes one chapter.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["work", "position"], name="unique_chapter_position"),
            models.CheckConstraint(
                condition=Q(release_at__isnull=True) | Q(posted_at__isnull=True),
                name="posted_chapter_not_scheduled",
            ),
        ]
        indexes = [
            models.Index(
                fields=["release_at"], condition=Q(release_at__isnull=False), name="chapter_release_idx"
            )
        ]

    def __str__(self):
        return self.title or f"Chapter {self.position}"

    def get_absolute_url(self):
        return reverse("works:chapter", args=[self.work_id, self.pk])

    @property
    def is_posted(self) -> bool:
        return self.posted_at is not None

    @property
    def is_scheduled(self) -> bool:
        return self.posted_at is None and self.release_at is not None


class Autosave(models.Model):
    """The last few seconds of a form being typed, so a closed tab or a crash loses almost nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves")
    key = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_autosave_per_form")]

    def __str__(self):
        return f"{self.user_id}: {self.key}"
