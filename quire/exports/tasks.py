"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.exports import services


@task()
def build_export(build_id: int) -> str:
    return services.run_build(build_id)
