"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.exchanges import services


@task()
def run_matching(exchange_id: int) -> int:
    return services.run_matching(exchange_id)


@task()
def announce_assignments(exchange_id: int) -> int:
    return services.announce_assignments(exchange_id)


@task()
def fulfil_with_posted_work(work_id: int) -> int:
    return services.fulfil_with_posted_work(work_id)
