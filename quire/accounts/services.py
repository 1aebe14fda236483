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
