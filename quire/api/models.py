from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. Only a hash of the secret is kept: the writer sees the secret once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What the token is for, so you know which to revoke")
    # SHA-256 of the secret: the secret is 256 random bits, so a fast hash cannot be brute-forced.
    secret_hash = models.CharField(max_length=64, unique=True)
    # The secret's first characters, shown in the list so the writer can tell tokens apart.
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user_id}: {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
