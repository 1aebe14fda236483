"""What the import commands share: reading the dump into a scratch file with any failure said in one line,
asking before writing, and a progress bar a phase on a terminal."""

import sys
from collections.abc import Callable
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import connection
from tqdm import tqdm


def add_run_arguments(parser) -> None:
    """The options every import command takes: a dry run, no question asked, or claim links sent instead."""
    parser.add_argument("--dry-run", action="store_true", help="Write nothing; say what would be made")
    parser.add_argument("--yes", action="store_true", help="Do not ask before importing")
    parser.add_argument(
        "--invite",
        action="store_true",
        help="Instead of importing, email each imported author not yet invited a single-use claim link",
    )


def staged(stage: Callable, what: str, kind: str):
    """The archive `stage()` reads; any dump it cannot read is answered in one line, never a traceback."""
    try:
        return stage()
    except CommandError:
        raise
    except Exception as error:  # noqa: BLE001 -- any unreadable dump is answered in one line
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CommandError(f"Cannot read {what} as {kind}: {reason}") from error


def confirm(question: str, *, yes: bool) -> None:
    """Ask before an import writes (a terminal only: elsewhere --yes is needed)."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise CommandError("Importing writes to this archive: add --yes (or run --dry-run first).")
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise CommandError("Nothing imported.")


def commit_without_waiting_for_the_disk() -> None:
    """On PostgreSQL, the import's commits do not wait for the write-ahead log to reach the disk (a commit
    per story spent most of its time waiting there). Nothing is made inconsistent: a crash loses at most the
    last moment's stories whole, with their ImportedRow records, and the next run makes them again. Behind a
    pooler that drops session settings the import is only slower."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


@contextmanager
def progress_bars(*, dry_run: bool):
    """The importer's `progress`: a bar a phase on a terminal's stderr, none on a dry run or elsewhere."""
    bars = []

    def progress(phase, total):
        for bar in bars:
            bar.close()
        bar = tqdm(
            total=total,
            desc=phase,
            unit=" rows",
            file=sys.stderr,
            disable=dry_run or not sys.stderr.isatty(),
        )
        bars.append(bar)
        return lambda: bar.update(1)

    try:
        yield progress
    finally:
        for bar in bars:
            bar.close()
