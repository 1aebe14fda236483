"""Changes a reader makes to their own shelf: the later list and their history."""

from django.db import IntegrityError, transaction

from quire.shelf.models import MarkedForLater, Reading


def mark_for_later(*, user, work) -> None:
    try:
        with transaction.atomic():
            MarkedForLater.objects.create(user=user, work=work)
    except IntegrityError:  # already marked: a double click is not an error
        pass


def unmark_for_later(*, user, work_id: int) -> None:
    MarkedForLater.objects.filter(user=user, work_id=work_id).delete()


def forget_reading(*, user, work_id: int) -> None:
    Reading.objects.filter(user=user, work_id=work_id).delete()


def clear_history(*, user) -> int:
    """Deletes the whole history; the later list is the reader's own choice and stays."""
    deleted, _ = Reading.objects.filter(user=user).delete()
    return deleted
