"""What an archive import made, so that running it again makes nothing twice and a stopped run resumes.

Every source row the import turns into something is recorded here with what it became, in the same
transaction as the thing itself: a row with a record is done, a row without one was never made (a run killed
midway rolled its last unit back whole).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SourceArchive(models.Model):
    """One archive imported from (an eFiction site), known by its own key so a second dump of it matches."""

    kind = models.CharField(max_length=20, default="efiction")
    key = models.CharField(max_length=200, help_text="The archive's site key, or its address")
    name = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_source_archive_per_key")]

    def __str__(self):
        return self.name or self.key


class ImportedRow(models.Model):
    """(archive, source table, source id) → the Quire object it became."""

    archive = models.ForeignKey(SourceArchive, on_delete=models.CASCADE, related_name="rows")
    table = models.CharField(max_length=40, help_text="The source table, without its prefix")
    source_id = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    # Null when the row became nothing of its own (a co-author credit, a favorite already bookmarked).
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "table", "source_id"], name="one_import_per_source_row"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="imported_row_target_idx")]

    def __str__(self):
        return f"{self.archive_id}:{self.table}:{self.source_id}"


class ImportedAuthor(models.Model):
    """An author's account made by an import, with what claiming it needs. The email stays here, never on the
    account (nothing is sent to someone who has not claimed it) and never on a page."""

    archive = models.ForeignKey(SourceArchive, on_delete=models.CASCADE, related_name="authors")
    # Emptied when the account closes: claimed into a member's existing account, or given up (works orphaned
    # or removed). The row stays, so the author is never invited again.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_as",
    )
    source_id = models.CharField(max_length=64)
    pen_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The claim link's token, hashed (the link itself is only in the email); emptied when it is used.
    claim_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["archive", "source_id"], name="one_imported_author_per_source")
        ]

    def __str__(self):
        return self.pen_name
