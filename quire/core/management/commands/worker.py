from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker: the database queue by default, RQ when REDIS_URL is set."

    def handle(self, *args, **options):
        if settings.REDIS_URL:
            call_command("rqworker", "default", with_scheduler=False)
        else:
            call_command("db_worker", interval=1.0)
