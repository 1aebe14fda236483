"""Imported authors claim their accounts: each is emailed a single-use link (`quire import-efiction
--invite`); following it, they choose a username and password and the imported account, with its works,
dates, reviews and stats, becomes theirs."""

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quire.accounts.models import User
from quire.imports.models import ImportedAuthor


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_authors(*, now: datetime | None = None) -> int:
    """Email a claim link to every imported author not yet invited nor claimed who has an email address;
    returns how many were sent. Only the link's hash is kept, so the database alone cannot claim anyone."""
    now = now or timezone.now()
    sent = 0
    waiting = ImportedAuthor.objects.filter(claimed_at__isnull=True, invited_at__isnull=True).exclude(
        email=""
    )
    for imported in waiting.select_related("archive", "user").order_by("pk"):
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            ImportedAuthor.objects.filter(pk=imported.pk).update(
                claim_token_hash=_hash(token), invited_at=now
            )
            link = settings.SITE_URL.rstrip("/") + reverse("imports:claim", args=[token])
            archive = imported.archive.name or "your old archive"
            send_mail(
                f"Your stories from {archive} are on {settings.SITE_NAME}",
                f"Hello {imported.pen_name},\n\n"
                f"{archive} has moved to {settings.SITE_NAME}, and your stories came with it, with their dates "
                f"and reviews. To make the account that holds them yours, follow this link (it works once):\n\n"
                f"{link}\n\nIf you do nothing, your stories stay under your pen name, marked “(imported)”.\n",
                None,
                [imported.email],
            )
        sent += 1
    return sent


def author_for_token(token: str) -> ImportedAuthor | None:
    if not token or len(token) > 100:
        return None
    return (
        ImportedAuthor.objects.select_related("user", "archive")
        .filter(claim_token_hash=_hash(token), claimed_at__isnull=True)
        .first()
    )


@transaction.atomic
def claim_with_new_login(*, imported: ImportedAuthor, username: str, email: str, password: str) -> User:
    """The imported account becomes the author's own under the username and password they chose; its works,
    reviews and bookmarks stay where they are, so nothing moves and nothing is lost. The link is spent."""
    user = imported.user
    user.username, user.email, user.unclaimed_import = username, email, False
    user.set_password(password)
    user.save(update_fields=["username", "email", "password", "unclaimed_import"])
    ImportedAuthor.objects.filter(pk=imported.pk).update(claimed_at=timezone.now(), claim_token_hash="")
    return user
