"""Importing a large eFiction archive: a generated mysqldump of 20,000 stories, 60,000 chapters, 2,000 authors
and 100,000 reviews, imported by `quire import-efiction` into a fresh SQLite and a fresh PostgreSQL database.
Prints the time and the peak memory of each import (targets: under 10 minutes, under 500 MB).

    python bench/import.py            # SQLite, then PostgreSQL
    python bench/import.py sqlite     # one of them
    BENCH_EFICTION_STORIES=500 python bench/import.py sqlite    # a smaller archive (the rest scales with it)

The import runs as its own `quire` process, as an operator runs it; its peak memory is that process's
(getrusage of the children).
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "var" / "bench"
STORIES = int(os.environ.get("BENCH_EFICTION_STORIES", "20000"))
AUTHORS = max(2, STORIES // 10)
CHAPTERS_PER_STORY = 3
REVIEWS = STORIES * 5
CONFIGS = {
    "sqlite": f"sqlite:///{BENCH / 'import.sqlite3'}",
    "postgresql": os.environ.get(
        "BENCH_PG_IMPORT_URL", "postgres://postgres@127.0.0.1:5432/quire_bench_import"
    ),
}


def run(name: str, database_url: str, archive: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "TASKS_BACKEND": "immediate"}
    quire = [sys.executable, "-m", "quire"]
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        # deferred: a bench script beside this one, found once bench/ is on the path (main)
        from discovery import ensure_postgres_database

        ensure_postgres_database(database_url)
        subprocess.run(quire + ["flush", "--no-input"], env=env, cwd=ROOT, check=False, capture_output=True)
    subprocess.run(quire + ["migrate", "-v0"], env=env, cwd=ROOT, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        quire
        + [
            "import-efiction",
            "--sql",
            str(archive / "efiction.sql"),
            "--stories",
            str(archive / "stories"),
            "--yes",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode:
        print(f"{name}: the import failed:\n{done.stdout}\n{done.stderr}")
        return
    made = " ".join(line.strip() for line in done.stdout.splitlines()[1:6])
    print(
        f"{name}: {seconds / 60:.1f} min ({seconds:.0f} s, {STORIES / seconds:.1f} stories/s), "
        f"peak {max(peak, before) / 1024:.0f} MB ({made})"
    )
    usable = subprocess.run(
        quire + ["shell", "-c", USABLE], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    verdict = usable.stdout.strip().splitlines()[-1:] or [usable.stderr.strip()[-500:]]
    print(f"{name}: {verdict[0]}")


# Is the archive usable once the import ends: every posted work found by search, counted right (words and
# chapters from its posted chapters) and listed under its fandom (its filters built)?
USABLE = """
from django.db.models import Count, F, Q, Sum
from quire.access.reading import published_works
works = published_works()
posted = works.count()
searchable = works.filter(search_document__isnull=False).count()
miscounted = (
    works.annotate(words=Sum("chapters__word_count", filter=Q(chapters__posted_at__isnull=False)))
    .exclude(word_count=F("words")).count()
)
unlisted = works.annotate(filters_count=Count("filters")).filter(filters_count=0).count()
ok = posted and searchable == posted and not miscounted and not unlisted
print(f"usable: {'yes' if ok else 'NO'} ({posted:,} posted works, {searchable:,} found by search, "
      f"{miscounted:,} miscounted, {unlisted:,} unlisted)")
"""


def main():
    # deferred: the archive writer is a bench script beside this one, found once bench/ is on the path
    sys.path.insert(0, str(ROOT / "bench"))
    from efiction_dump import write_archive

    archive = BENCH / f"efiction-{STORIES}"
    if not (archive / "efiction.sql").exists():
        write_archive(
            archive,
            stories=STORIES,
            chapters=STORIES * CHAPTERS_PER_STORY,
            authors=AUTHORS,
            reviews=REVIEWS,
            chapter_chars=3_000,
            files=0.5,
            seed=1,
        )
    size = (archive / "efiction.sql").stat().st_size / 1e6
    print(
        f"eFiction archive: {STORIES:,} stories, {STORIES * CHAPTERS_PER_STORY:,} chapters, {AUTHORS:,} authors, "
        f"{REVIEWS:,} reviews ({size:.0f} MB dump, bench/efiction_dump.py)"
    )
    for name in sys.argv[1:] or CONFIGS:
        run(name, CONFIGS[name], archive)


if __name__ == "__main__":
    main()
