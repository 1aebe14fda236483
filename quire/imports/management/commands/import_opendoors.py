import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quire.imports.claiming import invite_authors
from quire.imports.opendoors.services import OpenDoorsImport
from quire.imports.running import (
    add_run_arguments,
    commit_without_waiting_for_the_disk,
    confirm,
    progress_bars,
    staged,
)


class Command(BaseCommand):
    help = (
        "Import an archive converted to the Open Doors import tables (a MySQL dump of its authors, stories, "
        "chapters, tags and story links), with its dates, AO3 tags and co-authors. Run with --dry-run first: "
        "it writes nothing and lists what would be made and every value it cannot map."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sql", type=Path, metavar="DUMP.sql", help="The Open Doors tables' MySQL dump")
        parser.add_argument(
            "--archive",
            metavar="NAME",
            help="The archive's name, as its authors knew it (named in their claim emails; also what tells a "
            "second import of it apart from another archive's). Default: the dump's file name",
        )
        add_run_arguments(parser)
        parser.add_argument("--prefix", help="The tables' prefix, if they have one (found from the dump)")

    def handle(self, *args, sql, archive, dry_run, yes, invite, prefix, **options):
        if invite:
            sent = invite_authors()
            self.stdout.write(f"Sent {sent:,} claim link{'s' if sent != 1 else ''}.")
            return
        if sql is None:
            raise CommandError("Give the archive's dump: --sql DUMP.sql.")
        if not sql.is_file():
            raise CommandError(f"No dump at {sql}: give the path of the archive's .sql file.")
        name = (archive or "").strip() or sql.name.removesuffix(".gz").removesuffix(".sql")
        # deferred: the dump reader and its SQL parser load only when an import runs, not with every command
        from quire.imports.opendoors.source import stage_dump

        with tempfile.TemporaryDirectory(prefix="quire-opendoors-") as scratch:
            source = staged(
                lambda: stage_dump(sql, Path(scratch) / "staging.sqlite3", name=name, prefix=prefix),
                f"the dump {sql}",
                "Open Doors tables",
            )
            with source:
                if not {"authors", "stories", "chapters"} <= source.tables():
                    raise CommandError(
                        f"No Open Doors archive in the dump {sql}: it needs authors, stories and chapters tables."
                    )
                if not dry_run:
                    confirm(f"Import the Open Doors archive {name} into this Quire?", yes=yes)
                    commit_without_waiting_for_the_disk()
                with progress_bars(dry_run=dry_run) as progress:
                    report = OpenDoorsImport(source, dry_run=dry_run, progress=progress).run()
        for line in report.lines():
            self.stdout.write(line)
