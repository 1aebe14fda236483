from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from quire.core.text import SANITIZER_VERSION

REVIEW_MAX = 10_000
NOTE_MAX = 5_000


class Kudos(models.Model):
    """One per reader per work: an account, or a guest known by cookie and by today's address hash."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="kudos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_token = models.CharField(max_length=32, blank=True)
    address_hash = models.CharField(
        max_length=40, blank=True, help_text="Salted daily hash; never the address"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name_plural = "kudos"
        constraints = [
            models.UniqueConstraint(
                fields=["work", "user"], condition=Q(user__isnull=False), name="one_kudos_per_user"
            ),
            models.UniqueConstraint(
                fields=["work", "guest_token"],
                condition=~Q(guest_token=""),
                name="one_kudos_per_guest_cookie",
            ),
            models.UniqueConstraint(
                fields=["work", "address_hash"],
                condition=~Q(address_hash=""),
                name="one_kudos_per_guest_address_a_day",
            ),
        ]

    def __str__(self):
        return f"kudos on {self.work_id}"


class Review(models.Model):
    """A review (comment) on a chapter, or a reply in its thread."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        PENDING = "pending", "Waiting for approval"
        DELETED = "deleted", "Deleted (kept as a placeholder for its replies)"

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="reviews")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="reviews")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    thread = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    # The name the member signs it with (one of their pseuds); empty for a guest. Deleting a pseud moves its
    # reviews to the default pseud first (quire.accounts.services); deleting an account keeps the placeholder.
    pseud = models.ForeignKey(
        "accounts.Pseud", null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    guest_name = models.CharField(max_length=60, blank=True)
    body = models.TextField(max_length=REVIEW_MAX)
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    frozen = models.BooleanField(default=False, help_text="No more replies in this thread")
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden by a moderator")
    # Who wrote it as the stats count readers (insights.recording.reader_key), and whether it asks for more:
    # a review deleted or hidden later is taken out of the counts by these (insights.answers).
    reader = models.CharField(max_length=40, blank=True)
    asks = models.BooleanField(default=False, help_text='Asks for more ("Please continue!")')
    # The form's one-time token: a double click or a retried post makes one review.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Now, unless an import brings the review's own date (auto_now_add would overwrite it).
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["chapter", "status", "created_at"])]

    def __str__(self):
        return f"review {self.pk} on {self.work_id}"

    noun = "review"  # how feedback/_review.html names it (news comments are drawn by it too)

    def get_absolute_url(self):
        return reverse("works:chapter", args=[self.work_id, self.chapter_id]) + f"#review-{self.pk}"

    # The addresses feedback/_review.html links to, so that news comments (quire.news) share the template.
    @property
    def reply_url(self) -> str:
        return reverse("feedback:review_create", args=[self.work_id, self.chapter_id])

    @property
    def edit_url(self) -> str:
        return reverse("feedback:review_edit", args=[self.pk])

    @property
    def delete_url(self) -> str:
        return reverse("feedback:review_delete", args=[self.pk])

    @property
    def report_url(self) -> str:
        return reverse("moderation:report", args=["review", self.pk])

    @property
    def author_name(self) -> str:
        # "Anonymous Creator": set by quire.access.reading.mask_creators_reviews for the viewer.
        if shown_as := getattr(self, "shown_as", ""):
            return shown_as
        if self.pseud_id:
            return self.pseud.byline
        if self.user_id:
            return self.user.username
        return self.guest_name or "Guest"

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="bookmarks")
    # Which of the reader's pseuds it is listed under (the pseud's page shows its public bookmarks).
    pseud = models.ForeignKey(
        "accounts.Pseud", null=True, blank=True, on_delete=models.SET_NULL, related_name="bookmarks"
    )
    note = models.TextField(blank=True, max_length=NOTE_MAX)
    note_html = models.TextField(blank=True)
    tags = models.CharField(max_length=1000, blank=True, help_text="The reader's own tags, comma-separated")
    private = models.BooleanField(default=False)
    rec = models.BooleanField(default=False, help_text="Recommended")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    sanitizer_version = models.PositiveSmallIntegerField(default=SANITIZER_VERSION)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "work"], name="one_bookmark_per_work")]

    def __str__(self):
        return f"{self.user_id} bookmarked {self.work_id}"

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class MorePlease(models.Model):
    """A reader asking for the next chapter of a work in progress: once per reader per chapter to come."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="more_pleases")
    for_chapter = models.PositiveIntegerField(help_text="The chapter number being asked for")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_token = models.CharField(max_length=32, blank=True)
    address_hash = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work", "for_chapter", "user"],
                condition=Q(user__isnull=False),
                name="one_more_please_per_user",
            ),
            models.UniqueConstraint(
                fields=["work", "for_chapter", "guest_token"],
                condition=~Q(guest_token=""),
                name="one_more_please_per_guest",
            ),
            models.UniqueConstraint(
                fields=["work", "for_chapter", "address_hash"],
                condition=~Q(address_hash=""),
                name="one_more_please_per_address",
            ),
        ]

    def __str__(self):
        return f"more of {self.work_id} (chapter {self.for_chapter})"
