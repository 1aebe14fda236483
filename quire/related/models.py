from django.db import models
from django.db.models import F, Q

from quire.related.enums import Kind
from quire.works.models import TITLE_MAX

CREATOR_MAX = 255
URL_MAX = 500


class RelatedWork(models.Model):
    """A work (the child) naming the work it is made from (the parent): a work on this archive, or one
    elsewhere given by its title, creator and address. The child shows the link to whoever may see the
    parent; the parent lists the child only once its writer approves (AO3's `reciprocal`)."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="parent_links")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INSPIRED)
    parent = models.ForeignKey(
        "works.Work", null=True, blank=True, on_delete=models.CASCADE, related_name="child_links"
    )
    # A parent elsewhere; empty for a parent on this archive, whose own title and byline are shown as they are.
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    creator = models.CharField(max_length=CREATOR_MAX, blank=True)
    url = models.CharField(max_length=URL_MAX, blank=True, help_text="http or https only")
    approved = models.BooleanField(default=False, help_text="Shown on the parent work too")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False, url="", title="", creator="")
                | (Q(parent__isnull=True) & ~Q(url="") & ~Q(title="")),
                name="related_parent_here_or_elsewhere",
            ),
            models.CheckConstraint(condition=~Q(parent=F("work")), name="related_not_to_itself"),
            models.CheckConstraint(
                condition=Q(approved=False) | Q(parent__isnull=False), name="related_approved_here_only"
            ),
            models.UniqueConstraint(
                fields=["work", "parent"], condition=Q(parent__isnull=False), name="one_link_per_parent"
            ),
            models.UniqueConstraint(
                fields=["work", "url"], condition=Q(parent__isnull=True), name="one_link_per_address"
            ),
        ]

    def __str__(self):
        return f"{self.work_id} {self.kind} {self.parent_id or self.url}"

    @property
    def elsewhere(self) -> bool:
        return self.parent_id is None
