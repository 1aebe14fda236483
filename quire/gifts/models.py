from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

# AO3's limit on a name typed for someone who is not a member.
NAME_MAX = 100


class GiftQuerySet(models.QuerySet):
    def shown(self):
        """Gifts their recipients have not refused: all that the work, its blurbs, downloads, feeds, the API
        and the recipient's gifts page show."""
        return self.filter(refused_at__isnull=True)


class Gift(models.Model):
    """A work given to a member (one of their pseuds) or to a name of someone who is not a member.

    A refused gift is kept, marked, as AO3 keeps it: the recipient's name leaves the work, and the writer
    cannot give the same work to them again by typing the name once more (nor learn that it was refused)."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="gifts")
    # A deleted account takes its pseuds, and so its gifts, with it.
    pseud = models.ForeignKey(
        "accounts.Pseud", null=True, blank=True, on_delete=models.CASCADE, related_name="gifts"
    )
    recipient_name = models.CharField(max_length=NAME_MAX, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pseud__isnull=False, recipient_name="")
                | (Q(pseud__isnull=True) & ~Q(recipient_name="")),
                name="gift_to_a_pseud_or_a_name",
            ),
            models.UniqueConstraint(
                fields=["work", "pseud"], condition=Q(pseud__isnull=False), name="one_gift_per_pseud"
            ),
            models.UniqueConstraint(
                "work", Lower("recipient_name"), condition=Q(pseud__isnull=True), name="one_gift_per_name"
            ),
        ]

    def __str__(self):
        return f"{self.work_id} for {self.recipient}"

    @property
    def recipient(self) -> str:
        """As the work shows it and the "Gift to" field takes it back: "pseud (user)" for a member (just
        "user" for their default pseud), as AO3 writes it, or the name as typed."""
        return self.pseud.byline if self.pseud_id else self.recipient_name

    @property
    def url(self) -> str:
        return self.pseud.get_absolute_url() if self.pseud_id else ""
