"""One-file backups of the archive: the database (SQLite's online backup, or pg_dump) and the uploaded
media, in a .tar.gz with a manifest. Built downloads and other caches are skipped: they are made again.

SQLite is copied page by page through the online backup API, so readers and writers carry on meanwhile
and the copy is one consistent moment; PostgreSQL's pg_dump is a consistent snapshot by design.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def default_path() -> Path:
    return Path(settings.DATA_DIR) / "backups" / f"quire-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"


def _pg_args() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _dump_database(folder: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / PG_NAME),
                *args,
            ],
            env,
        )
        return PG_NAME
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _media_members(media_root: Path):
    skipped = set(settings.BACKUP_SKIP_MEDIA)
    for path in sorted(media_root.rglob("*")):
        relative = path.relative_to(media_root)
        if relative.parts[0] in skipped or path.is_symlink() or not path.is_file():
            continue
        yield path, relative


def backup(path: Path | None = None) -> tuple[Path, dict]:
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        folder = Path(scratch)
        database = _dump_database(folder)
        media = list(_media_members(media_root)) if media_root.exists() else []
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "media_files": len(media),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, MANIFEST)
            archive.add(folder / database, database)
            for file, relative in media:
                archive.add(file, f"media/{relative.as_posix()}")
        os.replace(partial, path)  # a backup file is whole or absent, never half-written
    return path, manifest


def _safe_extract(archive: tarfile.TarFile, folder: Path) -> None:
    # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
    archive.extractall(folder, filter="data")


def restore(path: Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        try:
            with tarfile.open(path, "r:gz") as archive:
                _safe_extract(archive, folder)
            manifest = json.loads((folder / MANIFEST).read_text())
        except (tarfile.TarError, OSError, ValueError) as error:
            raise BackupError(f"{path} is not a Quire backup or is damaged ({error}).") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(
                f"{path} was written by an incompatible Quire (backup format {manifest.get('format')})."
            )
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This backup holds a {manifest['vendor']} database; this archive runs on {connection.vendor}. "
                "Restore it with the same database, then move data with `quire dumpdata`/`loaddata`."
            )
        _restore_database(folder / manifest["database"])
        _restore_media(folder / "media")
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            check = source.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"The backup's database fails its integrity check: {check}")
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()  # pg_restore drops tables; no open transaction of ours may hold them
    args, env = _pg_args()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            *args,
            str(dump),
        ],
        env,
    )


def _restore_media(extracted: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    skipped = set(settings.BACKUP_SKIP_MEDIA)
    for child in media_root.iterdir():
        if child.name in skipped:
            continue
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    if extracted.exists():
        for child in extracted.iterdir():
            shutil.move(str(child), media_root / child.name)
