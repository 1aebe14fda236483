"""The archive's news: staff posts at /admin_posts (AO3's address), readers' comments on them, and the
site-wide banner.

Comments are their own model rather than reviews without a work: a Review is a work's (its stats, its
counts, the writer's inbox and moderation, the reader's export all reach `review.work`), and every one of
those queries would have to learn to skip news. The review machinery is reused instead: its form, rate
limits, write rules (quire.access.writing), threading (feedback.selectors) and templates.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone

from quire.core.text import SANITIZER_VERSION, TextFormat
from quire.feedback.models import REVIEW_MAX
from quire.works.enums import ReviewPolicy

BANNER_CACHE_KEY = "news:banner"


class NewsPost(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=100_000)
    body_html = models.TextField()
    text_format = models.CharField(max_length=10, choices=TextFormat.choices, default=TextFormat.MARKDOWN)
    # Readers see a post from this moment; staff see it before, to check it.
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who may comment, as a work's review policy (AO3's admin posts have the same three choices).
    comments = models.CharField(max_length=10, choices=ReviewPolicy.choices, default=ReviewPolicy.EVERYONE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:post", args=[self.pk])

    @property
    def is_scheduled(self) -> bool:
        return self.published_at > timezone.now()


class NewsComment(models.Model):
    """A comment on a news post, or a reply in its thread; drawn by feedback's review templates."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        DELETED = "deleted", "Deleted (kept as a placeholder for its replies)"

    noun = "comment"  # how feedback/_review.html names it

    post = models.ForeignKey(NewsPost, on_delete=models.CASCADE, related_name="news_comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    thread = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest_name = models.CharField(max_length=60, blank=True)
    body = models.TextField(max_length=REVIEW_MAX)
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden by a moderator")
    # The form's one-time token: a double click or a retried post makes one comment.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["post", "created_at"])]

    def __str__(self):
        return f"comment {self.pk} on news {self.post_id}"

    def get_absolute_url(self):
        return reverse("news:post", args=[self.post_id]) + f"#review-{self.pk}"

    @property
    def author_name(self) -> str:
        if self.user_id:
            return self.user.username
        return self.guest_name or "Guest"

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED

    # The addresses feedback/_review.html links to, as a Review names its own.
    @property
    def reply_url(self) -> str:
        return reverse("news:comment_create", args=[self.post_id])

    @property
    def edit_url(self) -> str:
        return reverse("news:comment_edit", args=[self.pk])

    @property
    def delete_url(self) -> str:
        return reverse("news:comment_delete", args=[self.pk])

    @property
    def report_url(self) -> str:
        return reverse("moderation:report", args=["comment", self.pk])


class Banner(models.Model):
    """The site-wide banner, one row (pk 1), read through quire.news.banner, which caches it.

    `version` goes up with every change, so a reader's dismissal (a cookie naming the version) lasts until
    staff change the banner."""

    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", "Announcement"
        MAINTENANCE = "maintenance", "Maintenance"

    text = models.TextField(max_length=2000, blank=True)
    text_html = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ANNOUNCEMENT)
    active = models.BooleanField(default=False, help_text="Shown at the top of every page")
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)

    def __str__(self):
        return f"Banner ({self.get_kind_display()}, {'on' if self.active else 'off'})"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Forgotten on every save, the admin's included, so a change shows on the next page drawn.
        cache.delete(BANNER_CACHE_KEY)
