"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.prompts import announcements


@task()
def tell_prompters(work_id: int) -> int:
    return announcements.tell_prompters(work_id)
