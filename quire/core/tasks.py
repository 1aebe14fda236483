"""Queueing background work so that it never runs ahead of the data it needs.

Services name the tasks they queue by dotted path ("quire.works.tasks.release_due_chapters"): a task is a thin
call of its app's service, so tasks.py imports services, and services holding the task objects would make the
two import each other. tests/test_import_graph.py checks every such name is a task."""

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task, task_backends
from django_tasks.base import Task

from quire.core.resanitize import resanitize


def named(path: str) -> Task:
    """The task at this dotted path, loaded when first queued (by then every app has loaded)."""
    found = import_string(path)
    if not isinstance(found, Task):
        raise TypeError(f"{path} is not a task")
    return found


def enqueue_after_commit(task: Task | str, *args, **kwargs) -> None:
    """The database queue takes the task inside the current transaction (it commits or rolls back with the
    data, an outbox); any other queue (RQ) gets it once the transaction has committed."""
    if isinstance(task, str):
        task = named(task)
    backend = task_backends[task.backend]
    if type(backend).__module__.startswith("django_tasks_db"):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


@task()
def resanitize_stored_html() -> int:
    """Queued by the worker at start and daily: re-clean what an older allowlist cleaned."""
    return sum(resanitize().values())
