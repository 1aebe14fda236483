"""What staff may do to whom: moderators may not act on a staff account; superusers may.

A moderator who could ban, suspend or delete another moderator or an administrator could lock the people
who oversee them out of the archive. So an account-level action (warn, suspend, ban, delete the account,
and lifting any of them) on a staff account needs a superuser. The moderation service checks this for every
door (the moderation pages, the admin, `quire` commands), since they all act through it.
"""

import logging

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from quire.moderation.models import MODERATE

logger = logging.getLogger("quire.access.staff")

MODERATORS_GROUP = "Moderators"
STAFF_ONLY_MESSAGE = "Only an administrator can act on a staff account."


def is_staff_account(user) -> bool:
    """Staff: admin-site staff, superusers, members of the Moderators group, or anyone given the moderation
    permission directly. Read from the database rather than `has_perm`, which answers False for an inactive
    (banned) account: a banned moderator is still staff, and lifting their ban is an administrator's call."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    app_label, codename = MODERATE.split(".")
    return (
        user.groups.filter(name=MODERATORS_GROUP).exists()
        or Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .filter(content_type__app_label=app_label, codename=codename)
        .exists()
    )


def may_act_on_account(actor, target) -> bool:
    """May `actor` (a moderator) take an account-level action on `target`'s account? No account (a guest's
    review) leaves nothing to protect."""
    if target is None:
        return True
    if actor is not None and actor.is_authenticated and actor.is_active and actor.is_superuser:
        return True
    return not is_staff_account(target)


def ensure_may_act_on_account(actor, target, *, action: str) -> None:
    """Refuse (PermissionDenied, with a message for the moderation page) and log the attempt: a moderator
    reaching for a staff account is worth an administrator's attention."""
    if may_act_on_account(actor, target):
        return
    logger.warning(
        "Refused: %s (id %s) tried to %s the staff account %s (id %s); only a superuser may.",
        getattr(actor, "username", "?"),
        getattr(actor, "pk", None),
        action,
        target.username,
        target.pk,
    )
    raise PermissionDenied(STAFF_ONLY_MESSAGE)
