from django_tasks import task

from quire.beta.rates import refresh_rates


@task()
def refresh_archive_rates() -> int:
    return refresh_rates().chapters
