"""Background jobs: thin, take ids, load, call the service; safe to run twice."""

from django_tasks import task

from quire.privacy import data_export


@task()
def build_data_export(export_id: int) -> str:
    return data_export.run_export(export_id)


@task()
def purge_data_exports() -> int:
    """Queued hourly by the worker: archives not downloaded within a day are deleted."""
    return data_export.purge_expired()
