import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


def new_catalog_key() -> str:
    return secrets.token_urlsafe(32)


class CatalogToken(models.Model):
    """The secret in a reader's private OPDS address: e-readers cannot log in with a form, so the URL does.

    The key is 256 random bits, shown on the settings page like a private calendar address; resetting it
    replaces the key, so the old address stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalog_token"
    )
    key = models.CharField(max_length=64, unique=True, default=new_catalog_key)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"catalog token of {self.user_id}"

    def get_absolute_url(self):
        return reverse("feeds:user_root", args=[self.key])
