import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections, connections
from django.utils.module_loading import import_string

logger = logging.getLogger("quire.worker")

# A database the worker cannot use for now (SQLite locked by a long write past the 20 s busy timeout,
# PostgreSQL restarting) is waited out: 1 s, doubling to 60 s, and back to 1 s once the queue ran a minute.
RETRY_FIRST = 1.0
RETRY_MOST = 60.0
HEALTHY_AFTER = 60.0

# (seconds between runs, task path): idempotent jobs, so several workers enqueueing them is harmless.
PERIODIC = [
    (30, "quire.works.tasks.release_due_chapters"),
    (60, "quire.collections.tasks.reveal_due"),
    (120, "quire.insights.tasks.aggregate_reads"),
    (300, "quire.follows.tasks.summarize_feedback"),
    (600, "quire.tags.tasks.refresh_media_overview"),
    (600, "quire.follows.tasks.retry_unsent_emails"),
    (3600, "quire.follows.tasks.send_daily_digests"),
    (3600, "quire.privacy.tasks.purge_data_exports"),
    (21600, "quire.beta.tasks.refresh_archive_rates"),
    (86400, "quire.core.tasks.resanitize_stored_html"),
]


class Command(BaseCommand):
    help = "Run the background worker: the database queue by default, RQ when REDIS_URL is set; also queues periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--no-periodic", action="store_true", help="Do not queue the periodic jobs")

    def handle(self, *args, no_periodic, **options):
        if not no_periodic:
            threading.Thread(target=self._periodic, daemon=True, name="quire-periodic").start()
        delay = RETRY_FIRST
        while True:
            started = time.monotonic()
            try:
                return self._run_queue()
            except OperationalError as error:
                if time.monotonic() - started >= HEALTHY_AFTER:
                    delay = RETRY_FIRST
                logger.warning(
                    "The database is not usable (%s); the worker tries again in %g s", error, delay
                )
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, RETRY_MOST)

    def _run_queue(self):
        if settings.REDIS_URL:
            # django-tasks-rq needs its own Job class to run tasks.
            call_command("rqworker", "default", with_scheduler=True, job_class="django_tasks_rq.Job")
        else:
            call_command("db_worker", interval=1.0)

    def _periodic(self):
        stop = threading.Event()
        elapsed = 0
        while not stop.wait(30 if elapsed else 5):
            elapsed += 30
            for every, path in PERIODIC:
                # The first round (elapsed 30) also runs the daily jobs, so a new allowlist applies at start.
                if elapsed % every < 30 or (elapsed == 30 and every >= 86400):
                    try:
                        import_string(path).enqueue()
                    except Exception:  # a failed enqueue must not kill the worker; the next round retries
                        logger.exception("Could not queue %s", path)
                    finally:
                        close_old_connections()
