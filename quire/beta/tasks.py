from django_tasks import task

from quire.beta import services
from quire.beta.rates import refresh_rates


@task()
def refresh_archive_rates() -> int:
    return refresh_rates().chapters


@task()
def run_beta_read(read_id: int) -> str:
    return services.run_beta_read(read_id)
