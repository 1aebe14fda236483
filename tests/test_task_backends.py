"""Background work runs through Django's Tasks API on both queues: the database and RQ on Redis."""

import pytest
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.follows import services as follows
from quire.follows.models import Notification
from quire.works import services

pytestmark = pytest.mark.django_db


def test_database_queue_delivers_a_chapter_announcement():
    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    services.add_chapter(work=work, user=work.author, fields=services.ChapterFields(body="More."), post=True)
    run_worker()
    assert Notification.objects.filter(user=reader, kind="chapter").count() == 1


@pytest.fixture
def rq_queue(settings):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_rq_queue_delivers_a_chapter_announcement_after_commit(rq_queue, django_capture_on_commit_callbacks):
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_chapter(
            work=work, user=work.author, fields=services.ChapterFields(body="More."), post=True
        )
    assert rq_queue.count >= 1  # queued in Redis only once the transaction committed
    # A worker in this process and transaction; production runs `quire worker`, which forks per job.
    for _ in range(2):  # the announcement, then the emails it queued
        SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)
    assert Notification.objects.filter(user=reader, kind="chapter").count() == 1
