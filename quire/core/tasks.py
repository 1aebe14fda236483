"""Queueing background work so that it never runs ahead of the data it needs."""

from django.db import transaction
from django_tasks import task, task_backends


def enqueue_after_commit(task, *args, **kwargs) -> None:
    """The database queue takes the task inside the current transaction (it commits or rolls back with the
    data, an outbox); any other queue (RQ) gets it once the transaction has committed."""
    backend = task_backends[task.backend]
    if type(backend).__module__.startswith("django_tasks_db"):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


@task()
def resanitize_stored_html() -> int:
    """Queued by the worker at start and daily: re-clean what an older allowlist cleaned."""
    from quire.core.resanitize import resanitize

    return sum(resanitize().values())
