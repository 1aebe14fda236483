"""Personal API tokens: made, looked up and revoked only here."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from quire.api.models import ApiToken

SECRET_PREFIX = "quire_"
MAX_ACTIVE_TOKENS = 20
# Recording every use would write on every request; once a minute is enough to answer "is it used?".
LAST_USED_PRECISION = timedelta(minutes=1)


class TooManyTokens(Exception):
    pass


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TooManyTokens(f"You can have at most {MAX_ACTIVE_TOKENS} tokens; revoke one you no longer use.")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), secret_hash=hash_secret(secret), prefix=secret[: len(SECRET_PREFIX) + 4]
    )
    return token, secret


def find_active_token(secret: str) -> ApiToken | None:
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(secret_hash=hash_secret(secret), user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token


def revoke_token(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
