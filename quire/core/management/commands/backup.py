from django.core.management.base import BaseCommand, CommandError

from quire.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and uploaded media to one .tar.gz (default var/backups/quire-<time>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write the backup file")

    def handle(self, *args, path, **options):
        try:
            written, manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest['vendor']} database and {manifest['media_files']} media files to {written}"
        )
