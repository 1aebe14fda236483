"""AZW3 and MOBI for Kindles: our EPUB converted by Calibre's `ebook-convert` (Debian's `calibre` package),
offered only where it is installed, and always run by the worker (a conversion takes seconds)."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from quire.exports.builders.epub import build as build_epub

FORMATS = ("azw3", "mobi")
# bench/exports.py: a 500,000-word work converts in about 5 s (AZW3 4.8 s, MOBI 5.4 s), so the longest fan
# works (a few million words) in under a minute. One still running after five minutes is stuck: it is killed and
# the build recorded as failed, and the worker moves on.
CONVERT_TIMEOUT = 300
OUTPUT_TAIL = 1500  # characters of ebook-convert's output kept in the failure, for the administrators


class ConversionFailed(Exception):
    pass


def converter() -> str | None:
    """Where `ebook-convert` is, or None when Calibre is not installed."""
    return shutil.which("ebook-convert")


def available() -> bool:
    return converter() is not None


def calibre_env(scratch: Path) -> dict[str, str]:
    """Calibre's GUI toolkit needs no display with the offscreen platform, and its settings and temporary
    files go to the build's own scratch folder: the worker's account may have no writable home, and an
    administrator's own Calibre settings (or plugins) must not change what readers download."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(scratch),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(scratch),
        "CALIBRE_CONFIG_DIRECTORY": str(scratch / "config"),
        "CALIBRE_TEMP_DIR": str(scratch),
    }


def convert(source: bytes, source_ext: str, target_ext: str) -> bytes:
    """One file converted by ebook-convert, killed (with any helper it started) after CONVERT_TIMEOUT."""
    program = converter()
    if program is None:
        raise ConversionFailed("Calibre's ebook-convert is not installed")
    with tempfile.TemporaryDirectory(prefix="quire-convert-") as folder:
        scratch = Path(folder)
        source_path, target_path = scratch / f"in.{source_ext}", scratch / f"out.{target_ext}"
        source_path.write_bytes(source)
        with subprocess.Popen(
            [program, str(source_path), str(target_path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=calibre_env(scratch),
            cwd=scratch,
            start_new_session=True,  # its own process group, so a timeout kills every process it started
        ) as process:
            try:
                output, _ = process.communicate(timeout=CONVERT_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                    os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise ConversionFailed(
                    f"ebook-convert took longer than {CONVERT_TIMEOUT} s and was stopped"
                ) from None
        if process.returncode != 0 or not target_path.exists():
            tail = output.decode("utf-8", "replace")[-OUTPUT_TAIL:]
            raise ConversionFailed(f"ebook-convert exited with {process.returncode}: {tail}")
        return target_path.read_bytes()


def build_azw3(doc, progress=None) -> bytes:
    return convert(build_epub(doc, progress), "epub", "azw3")


def build_mobi(doc, progress=None) -> bytes:
    return convert(build_epub(doc, progress), "epub", "mobi")
