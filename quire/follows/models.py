from django.conf import settings
from django.db import models
from django.db.models import Q


class Subscription(models.Model):
    """A reader following a work (new chapters), an author (new works and chapters) or a series (new works)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="subscribers"
    )
    series = models.ForeignKey(
        "series.Series", null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(work__isnull=False, author__isnull=True, series__isnull=True)
                | Q(work__isnull=True, author__isnull=False, series__isnull=True)
                | Q(work__isnull=True, author__isnull=True, series__isnull=False),
                name="subscription_to_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "work"], condition=Q(work__isnull=False), name="one_work_subscription"
            ),
            models.UniqueConstraint(
                fields=["user", "author"], condition=Q(author__isnull=False), name="one_author_subscription"
            ),
            models.UniqueConstraint(
                fields=["user", "series"], condition=Q(series__isnull=False), name="one_series_subscription"
            ),
        ]

    def __str__(self):
        if self.work_id:
            return f"{self.user_id} follows work {self.work_id}"
        if self.series_id:
            return f"{self.user_id} follows series {self.series_id}"
        return f"{self.user_id} follows author {self.author_id}"


class Notification(models.Model):
    """One message in a user's inbox; `key` makes each event reach each user once, however often it is sent."""

    class Kind(models.TextChoices):
        NEW_CHAPTER = "chapter", "New chapter"
        NEW_WORK = "work", "New work"
        REVIEW = "review", "New review"
        REPLY = "reply", "Reply to your review"
        KUDOS = "kudos", "Kudos"
        BOOKMARK = "bookmark", "Bookmarks"
        MODERATION = "moderation", "From the moderators"
        RELATED = "related", "Works made from yours"
        GIFT = "gift", "Gifts"
        CREATOR_INVITATION = "invitation", "Co-creator invitations"
        COLLECTION = "collection", "Collections"
        CHALLENGE = "challenge", "Challenges: assignments, pinch hits, prompts"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=120)
    work = models.ForeignKey("works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # The review a review or reply notification is about: the inbox quotes it and the writer replies there.
    review = models.ForeignKey(
        "feedback.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_event")]
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="inbox_idx"),
            models.Index(fields=["emailed_at", "user"], name="notification_email_idx"),
        ]

    def __str__(self):
        return self.text
