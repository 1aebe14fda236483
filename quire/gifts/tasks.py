"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.gifts import services


@task()
def announce_gifts(work_id: int) -> int:
    return services.announce_gifts(work_id)
