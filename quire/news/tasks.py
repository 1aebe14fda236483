"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.news import services


@task()
def announce_reply(comment_id: int) -> int:
    return services.announce_reply(comment_id)
