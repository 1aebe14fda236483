"""Collections (AO3's): a named home for works and bookmarks, run by its owners and moderators, with the
settings events need: closed, moderated, unrevealed (works hidden until the reveal) and anonymous (creators
hidden until the reveal). Gift exchanges and prompt memes (quire.exchanges, quire.prompts) belong to one."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

NAME_MAX = 255
TITLE_MAX = 255
HEADER_MAX = 300
TEXT_MAX = 20_000

name_validator = RegexValidator(
    r"^[A-Za-z0-9_]+$", "Use letters, numbers and underscores only (it is part of the collection's address)."
)


class Collection(models.Model):
    name = models.CharField(max_length=NAME_MAX, unique=True, validators=[name_validator])
    title = models.CharField(max_length=TITLE_MAX)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    # An icon-free header: one line under the title, as AO3's collection header shows the summary.
    header = models.CharField(max_length=HEADER_MAX, blank=True)
    description = models.TextField(blank=True, max_length=TEXT_MAX)
    description_html = models.TextField(blank=True)
    rules = models.TextField(blank=True, max_length=TEXT_MAX)
    rules_html = models.TextField(blank=True)
    is_open = models.BooleanField(default=True, help_text="Open to new works and bookmarks")
    is_moderated = models.BooleanField(default=False, help_text="New items wait for a maintainer's approval")
    is_unrevealed = models.BooleanField(default=False, help_text="Works stay hidden until the reveal")
    is_anonymous = models.BooleanField(default=False, help_text="Creators stay hidden until the reveal")
    # Scheduled reveals, done by the worker's periodic job; a maintainer can also reveal at once.
    reveal_at = models.DateTimeField(null=True, blank=True)
    reveal_creators_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collections:detail", args=[self.name])


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    MODERATOR = "moderator", "Moderator"
    MEMBER = "member", "Member"


MAINTAINERS = (Role.OWNER, Role.MODERATOR)


class CollectionRole(models.Model):
    """A member's part in a collection: owners run it (and name moderators), moderators approve and reveal."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_roles"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["collection", "user"], name="one_role_per_collection")]

    def __str__(self):
        return f"{self.user_id} {self.role} of {self.collection_id}"


class Approval(models.TextChoices):
    PENDING = "pending", "Waiting"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class CollectionItem(models.Model):
    """A work or a bookmark in a collection. Both sides consent: the creator (who added it, or approves a
    maintainer's invitation) and the collection (at once, or a maintainer's approval when moderated).
    `unrevealed` and `anonymous` are the collection's settings when the item came in, cleared by the reveal;
    the work's own flags (Work.in_unrevealed, Work.in_anonymous) follow from its items (services)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    work = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="collection_items"
    )
    bookmark = models.ForeignKey(
        "feedback.Bookmark", null=True, blank=True, on_delete=models.CASCADE, related_name="collection_items"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creator_approval = models.CharField(max_length=10, choices=Approval.choices, default=Approval.PENDING)
    collection_approval = models.CharField(max_length=10, choices=Approval.choices, default=Approval.PENDING)
    unrevealed = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(work__isnull=False, bookmark__isnull=True)
                | Q(work__isnull=True, bookmark__isnull=False),
                name="collection_item_is_a_work_or_a_bookmark",
            ),
            models.UniqueConstraint(
                fields=["collection", "work"], condition=Q(work__isnull=False), name="one_item_per_work"
            ),
            models.UniqueConstraint(
                fields=["collection", "bookmark"],
                condition=Q(bookmark__isnull=False),
                name="one_item_per_bookmark",
            ),
        ]

    def __str__(self):
        return f"{self.work_id or self.bookmark_id} in {self.collection_id}"

    @property
    def approved(self) -> bool:
        return self.creator_approval == Approval.APPROVED and self.collection_approval == Approval.APPROVED


# Items that count: approved on both sides. An item either side rejected is kept (so it is not offered
# again) but shows nowhere.
APPROVED_ITEM = Q(creator_approval=Approval.APPROVED, collection_approval=Approval.APPROVED)
# Items that keep a work hidden or anonymous: any not rejected by either side. A work posted to an
# unrevealed exchange stays hidden while it waits for approval, as AO3 hides it.
NOT_REJECTED_ITEM = ~Q(creator_approval=Approval.REJECTED) & ~Q(collection_approval=Approval.REJECTED)
# Items their creators chose (in the collection, or waiting for the maintainers): a work form's collections.
CREATOR_FIELD_ITEM = Q(creator_approval=Approval.APPROVED) & ~Q(collection_approval=Approval.REJECTED)


class CollectionSubscription(models.Model):
    """A reader told of each new work in a collection (at the reveal, for an unrevealed one)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection", "user"], name="one_subscription_per_collection")
        ]

    def __str__(self):
        return f"{self.user_id} follows collection {self.collection_id}"
