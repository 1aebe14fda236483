"""Gift exchanges (AO3's): a collection's sign-up form, its sign-ups (requests and offers), the assignments
made from them (who writes for whom) and what becomes of each (fulfilled, defaulted, pinch hit).

The matching itself is pure (quire.exchanges.matching); these tables are what it reads and what it leaves."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

DESCRIPTION_MAX = 2_000
# AO3 lets a challenge ask up to 20 of each; more is a mailing list, not a sign-up.
ENTRIES_MAX = 20


class Exchange(models.Model):
    """A collection's gift exchange: its tag set, its limits, what a pairing must share, and its dates.
    Its reveal dates are the collection's own (Collection.reveal_at, reveal_creators_at)."""

    collection = models.OneToOneField(
        "collections.Collection", on_delete=models.CASCADE, related_name="exchange"
    )
    # The tag set: the tags a sign-up may name, per type; "any" of a type takes every tag of that type.
    any_fandom = models.BooleanField(default=False)
    any_character = models.BooleanField(default=True)
    any_relationship = models.BooleanField(default=True)
    tag_set = models.ManyToManyField("tags.Tag", blank=True, related_name="+")
    requests_min = models.PositiveSmallIntegerField(default=1)
    requests_max = models.PositiveSmallIntegerField(default=3)
    offers_min = models.PositiveSmallIntegerField(default=1)
    offers_max = models.PositiveSmallIntegerField(default=3)
    # What an offer and a request must share for a pairing (the fandom always).
    match_character = models.BooleanField(default=False)
    match_relationship = models.BooleanField(default=False)
    min_overlap = models.PositiveSmallIntegerField(default=0)
    signups_open_at = models.DateTimeField()
    signups_close_at = models.DateTimeField()
    assignments_due_at = models.DateTimeField(null=True, blank=True)
    # The matching: asked for, then done (run inline for a small exchange, by the worker for a big one).
    matching_requested_at = models.DateTimeField(null=True, blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    assignments_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(requests_min__lte=F("requests_max")), name="requests_min_le_max"
            ),
            models.CheckConstraint(condition=Q(offers_min__lte=F("offers_max")), name="offers_min_le_max"),
            models.CheckConstraint(
                condition=Q(signups_open_at__lt=F("signups_close_at")), name="signups_close_after_open"
            ),
        ]

    def __str__(self):
        return f"Exchange of {self.collection_id}"

    def get_absolute_url(self):
        return reverse("exchanges:signup_new", args=[self.collection.name])


class Signup(models.Model):
    """One member's sign-up: their requests and offers, under one of their pseuds."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_signups"
    )
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["exchange", "user"], name="one_signup_per_member")]

    def __str__(self):
        return f"{self.user_id} in exchange {self.exchange_id}"


class EntryKind(models.TextChoices):
    REQUEST = "request", "Request"
    OFFER = "offer", "Offer"


class SignupEntry(models.Model):
    """One request or offer: its tags (fandoms, characters, relationships and others) and a description."""

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=7, choices=EntryKind.choices)
    position = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX)
    tags = models.ManyToManyField("tags.Tag", blank=True, related_name="+")

    class Meta:
        ordering = ["signup", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["signup", "kind", "position"], name="one_entry_per_position")
        ]

    def __str__(self):
        return f"{self.kind} {self.position} of {self.signup_id}"


class Assignment(models.Model):
    """Who writes for whom. Potential until the maintainers send them (`sent_at`); then the giver may
    default, the maintainers may post it as a pinch hit, another member may claim it (becoming the giver),
    and a work posted for it fulfils it. A pinch hit for a participant nobody was matched to give to has no
    original giver (`giver_signup` None)."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="assignments")
    recipient_signup = models.ForeignKey(
        Signup, on_delete=models.CASCADE, related_name="received_assignments"
    )
    giver_signup = models.ForeignKey(
        Signup, null=True, blank=True, on_delete=models.CASCADE, related_name="given_assignments"
    )
    # Who writes it now: the giver's sign-up's member, or the pinch hitter who claimed it.
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overlap = models.PositiveSmallIntegerField(null=True, blank=True)  # None: fails the required match
    sent_at = models.DateTimeField(null=True, blank=True)
    defaulted_at = models.DateTimeField(null=True, blank=True)
    pinch_hit_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    work = models.ForeignKey("works.Work", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # Each participant receives once and gives once; nobody gives to themselves.
            models.UniqueConstraint(fields=["exchange", "recipient_signup"], name="one_giver_per_recipient"),
            models.UniqueConstraint(
                fields=["exchange", "giver_signup"],
                condition=Q(giver_signup__isnull=False),
                name="one_recipient_per_giver",
            ),
            models.CheckConstraint(
                condition=~Q(giver_signup=F("recipient_signup")), name="nobody_gives_to_themselves"
            ),
        ]

    def __str__(self):
        return f"{self.giver_signup_id} gives to {self.recipient_signup_id}"

    def get_absolute_url(self):
        return reverse("exchanges:assignment", args=[self.exchange.collection.name, self.pk])

    class Status(models.TextChoices):
        POTENTIAL = "potential", "Not sent yet"
        OPEN = "open", "Open"
        DRAFT = "draft", "Draft in progress"
        FULFILLED = "fulfilled", "Fulfilled"
        DEFAULTED = "defaulted", "Defaulted"
        PINCH_HIT_OPEN = "pinch_hit", "Pinch hit open"
        CLAIMED = "claimed", "Pinch hit claimed"

    @property
    def status(self) -> "Assignment.Status":
        if self.sent_at is None:
            return self.Status.POTENTIAL
        if self.fulfilled_at is not None:
            return self.Status.FULFILLED
        if self.claimed_at is not None:
            return self.Status.DRAFT if self.work_id is not None else self.Status.CLAIMED
        if self.pinch_hit_at is not None:
            return self.Status.PINCH_HIT_OPEN
        if self.defaulted_at is not None:
            return self.Status.DEFAULTED
        # A draft posted "for" it: the giver is writing; it is fulfilled when the work is posted.
        if self.work_id is not None:
            return self.Status.DRAFT
        return self.Status.OPEN
