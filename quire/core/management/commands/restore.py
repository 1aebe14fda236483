from django.core.management.base import BaseCommand, CommandError

from quire.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and uploaded media with those in a backup made by `quire backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, path, yes, **options):
        if not yes:
            answer = input(f"Replace ALL current data with the backup {path}? Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the database and {manifest['media_files']} media files from {path} "
            f"(backed up {manifest['created_at']}). Restart the server and worker."
        )
