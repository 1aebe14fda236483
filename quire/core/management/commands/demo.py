from django.core.management.base import BaseCommand

from quire.core import demo


class Command(BaseCommand):
    help = "Fill the archive with a small demo archive (authors, works in several fandoms)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the archive already has works"
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and not demo.archive_is_empty():
            self.stdout.write("The archive already has works; no demo content added.")
            return
        works = demo.load()
        self.stdout.write(
            f"Added {len(works)} demo works. Log in as any demo author (e.g. {demo.AUTHORS[0]['username']}) "
            f"with the password {demo.DEMO_PASSWORD!r}; as {' or '.join(s['username'] for s in demo.STAFF)} "
            "to try the wrangling and moderation pages."
        )
