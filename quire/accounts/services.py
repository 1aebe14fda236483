from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction

from quire.accounts.models import Pseud, User


@transaction.atomic
def create_user(*, username: str, email: str, password: str | None, **extra) -> User:
    """Create an account and its default pseud together, so every user can be credited at once."""
    user = User(username=username, email=email, **extra)
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Pseud.objects.create(user=user, name=username, is_default=True)
    return user


def end_sessions(user) -> None:
    """Delete every stored session of this user (a ban, a deleted account): each of their browsers is logged
    out at its next request, and nothing of them lingers in the session store."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
