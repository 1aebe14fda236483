import tempfile
import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quire.imports import mapping as mappings
from quire.imports.claiming import invite_authors
from quire.imports.running import (
    add_run_arguments,
    commit_without_waiting_for_the_disk,
    confirm,
    progress_bars,
    staged,
)
from quire.imports.services import EfictionImport


class Command(BaseCommand):
    help = (
        "Import an eFiction 3.x archive (a MySQL dump, or a live database with --mysql) and its stories folder, "
        "with its authors, dates, reviews, series and favorites. Run with --dry-run first: it writes nothing, "
        "and proposes the mapping of ratings, categories, characters and classes that --mapping takes."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--sql", type=Path, metavar="DUMP.sql", help="The archive's MySQL dump")
        source.add_argument(
            "--mysql", metavar="URL", help="A live eFiction database: mysql://user:pass@host/db"
        )
        parser.add_argument("--stories", type=Path, metavar="DIR", help="The archive's stories folder")
        parser.add_argument(
            "--mapping",
            type=Path,
            metavar="FILE",
            help="The mapping (TOML) to use; a dry run writes its proposal there when the file does not exist",
        )
        add_run_arguments(parser)
        parser.add_argument("--prefix", help="The tables' prefix (found from the dump when not given)")
        parser.add_argument(
            "--time-zone", default="UTC", help="The eFiction server's time zone, for its dates (default UTC)"
        )

    def handle(self, *args, sql, mysql, stories, mapping, dry_run, yes, invite, prefix, time_zone, **options):
        if invite:
            sent = invite_authors()
            self.stdout.write(f"Sent {sent:,} claim link{'s' if sent != 1 else ''}.")
            return
        if sql is None and mysql is None:
            raise CommandError("Give the archive: --sql DUMP.sql (or --mysql URL), with --stories DIR.")
        if time_zone not in zoneinfo.available_timezones():
            raise CommandError(f"“{time_zone}” is not a time zone; give one such as Europe/London.")
        if sql is not None and not sql.is_file():
            raise CommandError(f"No dump at {sql}: give the path of the archive's .sql file.")
        if stories is not None and not stories.is_dir():
            raise CommandError(f"No stories folder at {stories}.")
        # deferred: the dump reader and its SQL parser load only when an import runs, not with every command
        from quire.imports.efiction.source import stage_dump, stage_mysql

        with tempfile.TemporaryDirectory(prefix="quire-efiction-") as scratch:
            staging = Path(scratch) / "staging.sqlite3"
            what = f"the dump {sql}" if sql is not None else "the eFiction database"
            archive = staged(
                lambda: (
                    stage_dump(sql, stories, staging, prefix=prefix)
                    if sql is not None
                    else stage_mysql(mysql, stories, staging, prefix=prefix)
                ),
                what,
                "an eFiction archive",
            )
            if not {"authors", "stories"} <= archive.tables():
                archive.close()
                raise CommandError(
                    f"No eFiction archive in {what}: it has no authors and stories tables"
                    + (f" with the prefix “{prefix}”." if prefix else " (give their prefix with --prefix).")
                )
            with archive:
                self._import(archive, mapping, dry_run=dry_run, yes=yes, time_zone=time_zone)

    def _import(self, archive, mapping_path, *, dry_run, yes, time_zone):
        proposal = mappings.propose(archive)
        name = (archive.settings or {}).get("sitename", "")
        if mapping_path is not None and mapping_path.exists():
            try:
                chosen = mappings.load(mapping_path, proposal)
            except mappings.MappingError as error:
                raise CommandError(str(error)) from error
        elif mapping_path is not None and dry_run:
            mapping_path.write_text(mappings.dumps(proposal, archive_name=name), encoding="utf-8")
            self.stdout.write(
                f"Wrote the proposed mapping to {mapping_path}: edit it, then pass it with --mapping."
            )
            chosen = proposal
        elif mapping_path is not None:
            raise CommandError(
                f"No mapping file at {mapping_path}: a dry run with --mapping writes one there."
            )
        else:
            chosen = proposal
            if dry_run:
                self.stdout.write("Proposed mapping (run with --mapping FILE to save it for editing):")
                self.stdout.write(mappings.dumps(proposal, archive_name=name))
        if not dry_run:
            confirm(f"Import the eFiction archive {name or ''} into this Quire?", yes=yes)
            commit_without_waiting_for_the_disk()
        with progress_bars(dry_run=dry_run) as progress:
            report = EfictionImport(
                archive, mapping=chosen, dry_run=dry_run, time_zone=time_zone, progress=progress
            ).run()
        for line in report.lines():
            self.stdout.write(line)
