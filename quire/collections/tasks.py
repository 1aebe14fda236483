"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.collections import announcements, services


@task()
def announce_revealed_works(collection_id: int, work_ids: list[int]) -> int:
    return announcements.announce_collection_works(collection_id, work_ids)


@task()
def reveal_due() -> int:
    return services.reveal_due()
