import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger("quire.worker")

# (seconds between runs, task path): idempotent jobs, so several workers enqueueing them is harmless.
PERIODIC = [
    (30, "quire.works.tasks.release_due_chapters"),
    (120, "quire.insights.tasks.aggregate_reads"),
    (300, "quire.follows.tasks.summarize_feedback"),
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
