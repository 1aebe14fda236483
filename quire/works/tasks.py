"""Background jobs for works: thin, safe to run twice."""

from django_tasks import task

from quire.works import services


@task()
def release_due_chapters() -> int:
    return services.release_due_chapters()
