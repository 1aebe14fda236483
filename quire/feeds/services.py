from quire.feeds.models import CatalogToken, new_catalog_key


def reset_catalog_token(user) -> CatalogToken:
    """A new private catalog address for the user; the previous one stops working."""
    token, created = CatalogToken.objects.get_or_create(user=user)
    if not created:
        token.key = new_catalog_key()
        token.save(update_fields=["key", "created_at"])
    return token
