"""Imported authors claim their accounts: each is emailed a single-use link (`quire import-efiction
--invite`); following it, they choose a username and password and the imported account, with its works,
dates, reviews and stats, becomes theirs."""

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quire.accounts.models import Pseud, User
from quire.accounts.services import PSEUD_NAME_MAX, create_pseud
from quire.creators.models import Creatorship
from quire.discovery.indexing import index_works
from quire.feedback.models import Bookmark, Review
from quire.follows.models import Subscription
from quire.imports.models import ImportedAuthor, ImportedRow
from quire.privacy.deletion import WorksChoice, delete_account
from quire.works.models import Work


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
    """The imported author whose live claim link this is; None for a link used already, one never sent, and
    one whose imported account is gone (closed by the staff, its stories orphaned): nothing is left to claim."""
    if not token or len(token) > 100:
        return None
    return (
        ImportedAuthor.objects.select_related("user", "archive")
        .filter(claim_token_hash=_hash(token), claimed_at__isnull=True, user__isnull=False)
        .first()
    )


def work_count(imported: ImportedAuthor) -> int:
    """How many works the claim would make the author's: those credited to the imported account. One count
    of ids, however many works (an eFiction author can have hundreds)."""
    credited = Creatorship.objects.filter(user=imported.user, work__isnull=False, accepted_at__isnull=False)
    return credited.values("work_id").distinct().count()


@transaction.atomic
def claim_with_new_login(*, imported: ImportedAuthor, username: str, email: str, password: str) -> User:
    """The imported account becomes the author's own under the username and password they chose; its works,
    reviews and bookmarks stay where they are, so nothing moves and nothing is lost. The link is spent."""
    user = _locked(imported).user
    user.username, user.email, user.unclaimed_import = username, email, False
    user.set_password(password)
    user.save(update_fields=["username", "email", "password", "unclaimed_import"])
    _spend(imported)
    return user


def _spend(imported: ImportedAuthor) -> None:
    ImportedAuthor.objects.filter(pk=imported.pk).update(claimed_at=timezone.now(), claim_token_hash="")


def _locked(imported: ImportedAuthor) -> ImportedAuthor:
    """The author's row again, locked, and refused if the link was spent meanwhile (two tabs, two clicks):
    the link works once."""
    fresh = ImportedAuthor.objects.select_for_update().filter(pk=imported.pk, claimed_at__isnull=True).first()
    if fresh is None or fresh.user_id is None:
        raise ValidationError("This claim link has already been used.")
    return fresh


def _pen_name_pseud(member: User, pen_name: str) -> Pseud:
    """The member's pseud named after the pen name: theirs already when they have one so named."""
    name = pen_name.strip()[:PSEUD_NAME_MAX] or member.username
    existing = member.pseuds.filter(name__iexact=name).first()
    return existing or create_pseud(user=member, name=name)


@transaction.atomic
def claim_into_account(*, imported: ImportedAuthor, member: User) -> Pseud:
    """Move the imported account's works (with their dates, reviews and stats), its co-creatorships, series,
    reviews and bookmarks to a member who already has an account, under a new pseud of theirs named after the
    pen name; the imported account is then closed and the link spent. Returns the pseud they now carry."""
    imported = _locked(imported)
    old = imported.user
    if member.pk == old.pk or member.unclaimed_import:
        raise ValidationError("This account cannot claim these stories.")
    pseud = _pen_name_pseud(member, imported.pen_name)
    work_ids = list(
        Creatorship.objects.filter(user=old, work__isnull=False).values_list("work_id", flat=True)
    )
    work_ids += list(Work.objects.filter(author=old).values_list("pk", flat=True))
    # A credit the member already holds on the same thing (they co-wrote it with the imported author) stays
    # theirs, once: a member is credited once per work, chapter and series.
    for field in ("work", "chapter", "series"):
        theirs = Creatorship.objects.filter(user=member, **{f"{field}__isnull": False}).values(field)
        Creatorship.objects.filter(user=old, **{f"{field}__in": theirs}).delete()
    Creatorship.objects.filter(user=old).update(user=member, pseud=pseud)
    Work.objects.filter(author=old).update(author=member, pseud=pseud)
    Review.objects.filter(user=old).update(user=member, pseud=pseud)
    bookmarked = Bookmark.objects.filter(user=member).values("work_id")
    Bookmark.objects.filter(user=old).exclude(work_id__in=bookmarked).update(user=member, pseud=pseud)
    _move_subscriptions(old, member)
    # The old author page (viewuser.php) and any later run of the import now lead to the member.
    ImportedRow.objects.filter(
        archive=imported.archive, table="authors", source_id=imported.source_id
    ).update(object_id=member.pk)
    _spend(imported)
    ImportedAuthor.objects.filter(pk=imported.pk).update(user=None)
    # Whatever else the imported account held (its empty pseud, its subscriptions) closes with it.
    old.delete()
    index_works(sorted(set(work_ids)))
    return pseud


def _move_subscriptions(old: User, member: User) -> None:
    """What the imported account followed (its eFiction favourite authors and series), the member follows;
    readers who followed the imported author follow the member. A member follows each thing once."""
    for field in ("work", "author", "series"):
        followed = Subscription.objects.filter(user=member, **{f"{field}__isnull": False}).values(field)
        Subscription.objects.filter(user=old, **{f"{field}__in": followed}).delete()
    Subscription.objects.filter(user=old).update(user=member)
    followers = Subscription.objects.filter(author=member).values("user")
    Subscription.objects.filter(author=old).filter(user__in=followers).delete()
    Subscription.objects.filter(author=old).update(author=member)
    Subscription.objects.filter(user=member, author=member).delete()


@transaction.atomic
def give_up_works(*, imported: ImportedAuthor, choice: WorksChoice) -> None:
    """The author asks for their imported works to be orphaned (to orphan_account, as deleting an account
    does) or removed; the imported account goes with them and the link is spent."""
    imported = _locked(imported)
    _spend(imported)
    delete_account(imported.user, works=choice)
