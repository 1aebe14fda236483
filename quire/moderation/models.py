"""Trust and safety: reports, the moderators' action log, blocks and mutes, invites and the site switches.

Blocks and mutes live here rather than in accounts so that every rule about who may see or reach whom is
in one app; listings and feedback ask this app, never the other way round.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q

MODERATE = "moderation.moderate"


class Registration(models.TextChoices):
    OPEN = "open", "Open: anyone may sign up"
    INVITE = "invite", "Invite only: sign-up needs an invitation code"
    CLOSED = "closed", "Closed: nobody may sign up"


class SiteSwitches(models.Model):
    """The operators' switches, one row (pk 1); read through quire.moderation.switches, which caches it."""

    registration = models.CharField(max_length=10, choices=Registration.choices, default=Registration.OPEN)
    guest_reviews = models.BooleanField(default=True, help_text="Readers without an account may review")
    downloads = models.BooleanField(default=True, help_text="Works may be downloaded (EPUB, HTML, ...)")
    updated_at = models.DateTimeField(auto_now=True)

    # The cached copy (quire.moderation.switches), forgotten on every save so a change shows at once.
    CACHE_KEY = "moderation:switches"

    class Meta:
        verbose_name = verbose_name_plural = "site switches"

    def __str__(self):
        return "Site switches"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)  # quire.moderation.switches caches this row


class Invite(models.Model):
    """A request for an invitation (code empty) or an invitation sent (code set); used once at sign-up."""

    email = models.EmailField()
    code = models.CharField(max_length=32, unique=True, null=True, blank=True)
    requested_at = models.DateTimeField(null=True, blank=True, help_text="Empty when staff invited them")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self):
        return self.email

    @staticmethod
    def new_code() -> str:
        return secrets.token_urlsafe(18)


class Target(models.TextChoices):
    WORK = "work", "Work"
    CHAPTER = "chapter", "Chapter"
    REVIEW = "review", "Review"
    COMMENT = "comment", "News comment"
    USER = "user", "User"


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        HARASSMENT = "harassment", "Harassment or threats"
        PLAGIARISM = "plagiarism", "Plagiarism or copyright"
        MISTAGGED = "mistagged", "Wrong rating, warnings or tags"
        ILLEGAL = "illegal", "Illegal content"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    target_type = models.CharField(max_length=10, choices=Target.choices)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=300, help_text="What was reported, as it was named then")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="A guest reporter's address")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    details = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "target_type", "target_id"], name="report_queue_idx")]
        permissions = [("moderate", "Can work the moderation queue")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target_label}"


class ModerationAction(models.Model):
    class Kind(models.TextChoices):
        HIDE = "hide", "Hid"
        RESTORE = "restore", "Restored"
        DELETE = "delete", "Deleted"
        WARN = "warn", "Warned"
        SUSPEND = "suspend", "Suspended"
        UNSUSPEND = "unsuspend", "Lifted the suspension of"
        BAN = "ban", "Banned"
        UNBAN = "unban", "Lifted the ban of"
        DISMISS = "dismiss", "Dismissed reports about"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target_type = models.CharField(max_length=10, choices=Target.choices)
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=300)
    affected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=5000)
    until = models.DateTimeField(null=True, blank=True, help_text="The end of a suspension")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="action_target_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_label}"


class Block(models.Model):
    """The blocked user may not review or reply on the blocker's works."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="no_self_block"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """The muted user's works and reviews are left out of everything the muter browses."""

    muter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="unique_mute"),
            models.CheckConstraint(condition=~Q(muter=models.F("muted")), name="no_self_mute"),
        ]

    def __str__(self):
        return f"{self.muter_id} mutes {self.muted_id}"


def muted_by(user):
    """A subquery of the ids this reader muted: listings exclude it without an extra query."""
    return Mute.objects.filter(muter=user).values("muted_id")


def is_blocked(*, blocker_id, user) -> bool:
    return user.is_authenticated and Block.objects.filter(blocker_id=blocker_id, blocked=user).exists()
