from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction

from quire.access.writing import ensure_may_write
from quire.accounts.models import User

# What others see of the account; the rest of the settings page is the member's own business.
PUBLIC_PROFILE_FIELDS = ("about",)


@transaction.atomic
def create_user(*, username: str, email: str, password: str | None, **extra) -> User:
    """Create an account (User.save gives it its default pseud, so every user can be credited at once)."""
    user = User(username=username, email=email, **extra)
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


def update_settings(*, user, values: dict) -> User:
    """Save the settings page. A suspended member may still change their email, notifications and time zone,
    but not what others read on their profile."""
    saved = User.objects.filter(pk=user.pk).values(*PUBLIC_PROFILE_FIELDS).get()
    if any(name in values and values[name] != saved[name] for name in PUBLIC_PROFILE_FIELDS):
        ensure_may_write(user)
    for name, value in values.items():
        setattr(user, name, value)
    user.save(update_fields=list(values))
    return user


def end_sessions(user) -> None:
    """Delete every stored session of this user (a ban, a deleted account): each of their browsers is logged
    out at its next request, and nothing of them lingers in the session store."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
