"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.related import services


@task()
def tell_parent_creators(relation_id: int) -> int:
    return services.tell_parent_creators(relation_id)
