"""Running queued background tasks inside a test."""


def run_worker():
    """Run the real database-queue worker until the queue is empty, inside the test's transaction.

    The worker drops connections that are mid-transaction between tasks (right in production); in a test
    the transaction is the test's own, so that housekeeping alone is switched off here.
    """
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
