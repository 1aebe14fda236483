from django_tasks import task

from quire.insights.aggregation import aggregate


@task()
def aggregate_reads() -> int:
    return aggregate()
