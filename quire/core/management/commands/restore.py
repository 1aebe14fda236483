from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quire.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and uploaded media with those in a backup made by `quire backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, path, yes, **options):
        if not Path(path).is_file():  # before asking, so nobody confirms a restore that cannot happen
            raise CommandError(f"No backup file at {path}: give the path of a backup made by `quire backup`.")
        if not yes:
            try:
                answer = input(f"Replace ALL current data with the backup {path}? Type 'yes' to continue: ")
            except EOFError:  # no terminal to ask (a script, a pipe): say how to confirm instead
                raise CommandError(
                    "Nothing was restored: confirm with --yes when no one can answer."
                ) from None
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
