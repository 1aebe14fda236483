"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.exports import batch_import, services


@task()
def build_export(build_id: int) -> str:
    return services.run_build(build_id)


@task()
def run_import_batch(batch_id: int) -> int:
    return batch_import.run_batch(batch_id)
