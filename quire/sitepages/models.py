"""A site page and its history, and which version of the Terms of Service each member agreed to.

Not django.contrib.flatpages: a flat page stores raw HTML that is served as typed (no sanitizer), has no draft
state and no history, and needs django.contrib.sites. Pages here keep their source in the writer's format
and its sanitized HTML (re-cleaned by `quire resanitize` like every other text), are drafts until published,
and keep each saved text, so "version 3 of the terms" can always be read again.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from quire.core.text import TextFormat

# The page at /about/terms is the archive's Terms of Service: once published, sign-up asks for agreement.
TERMS_SLUG = "terms"
# Words in /about/ addresses that are not pages.
RESERVED_SLUGS = frozenset({"new"})

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "Use lower-case letters, digits and single hyphens, as in content-policy."
)


class Page(models.Model):
    # Lower-case only (the validator), so unique here is unique whatever the case typed in an address.
    slug = models.CharField(max_length=50, unique=True, validators=[slug_validator])
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    text_format = models.CharField(max_length=10, choices=TextFormat.choices, default=TextFormat.MARKDOWN)
    body_html = models.TextField(blank=True, editable=False)
    sanitizer_version = models.PositiveSmallIntegerField(default=0, editable=False)
    published = models.BooleanField(default=False)
    # Footer order: lower first, then by title.
    position = models.PositiveSmallIntegerField(default=0)
    # Raised when an edit is marked as a change to the terms: members agree to a version, not to an edit.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Raised by every save: an edit made from an older revision is refused instead of overwriting another's.
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    @property
    def is_terms(self) -> bool:
        return self.slug == TERMS_SLUG


class PageRevision(models.Model):
    """One saved text of a page, kept so what members agreed to can be read again."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    text_format = models.CharField(max_length=10, choices=TextFormat.choices)
    published = models.BooleanField()
    terms_changed = models.BooleanField(default=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revision"]
        constraints = [models.UniqueConstraint(fields=["page", "revision"], name="sitepage_revision_unique")]

    def __str__(self):
        return f"{self.title}, revision {self.revision}"


class TermsAgreement(models.Model):
    """A member agreed to this version of the Terms of Service (at sign-up or when asked again)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_agreements"
    )
    version = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="terms_agreement_unique")]

    def __str__(self):
        return f"{self.user} agreed to version {self.version}"
