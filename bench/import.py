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
import random
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
WORDS = [
    "the",
    "ship",
    "came",
    "down",
    "on",
    "the",
    "ice",
    "and",
    "spock",
    "said",
    "we",
    "are",
    "not",
    "alone",
    "captain",
    "jim",
    "looked",
    "up",
]


def _quote(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{escaped}'"


def _table(out, name: str, columns: list[tuple[str, str]], rows) -> None:
    out.write(f"DROP TABLE IF EXISTS `fanfiction_{name}`;\n")
    out.write(f"CREATE TABLE `fanfiction_{name}` (\n")
    out.write(",\n".join(f"  `{column}` {kind}" for column, kind in columns))
    out.write("\n) ENGINE=MyISAM DEFAULT CHARSET=utf8;\n")
    batch = []
    for row in rows:
        batch.append("(" + ",".join(_quote(value) for value in row) + ")")
        if len(batch) == 500:
            out.write(f"INSERT INTO `fanfiction_{name}` VALUES {','.join(batch)};\n")
            batch = []
    if batch:
        out.write(f"INSERT INTO `fanfiction_{name}` VALUES {','.join(batch)};\n")


def write_dump(path: Path) -> None:
    rng = random.Random(20)
    text = "int(11) NOT NULL DEFAULT '0'"
    with path.open("w", encoding="utf-8") as out:
        out.write("/*!40101 SET NAMES utf8 */;\n")
        _table(
            out,
            "settings",
            [
                ("sitekey", "varchar(50)"),
                ("sitename", "varchar(200)"),
                ("url", "varchar(200)"),
                ("store", "varchar(5)"),
            ],
            [("BenchArchive", "Bench Archive", "http://bench.example", "db")],
        )
        _table(
            out,
            "authors",
            [
                ("uid", text),
                ("penname", "varchar(200)"),
                ("email", "varchar(200)"),
                ("bio", "text"),
                ("date", "datetime"),
            ],
            (
                (uid, f"Writer {uid}", f"w{uid}@example.org", "", "2005-01-01 00:00:00")
                for uid in range(1, AUTHORS + 1)
            ),
        )
        _table(
            out, "ratings", [("rid", text), ("rating", "varchar(60)")], [(1, "G"), (2, "PG-13"), (3, "NC-17")]
        )
        categories = [(1, -1, "Bench Fandom")] + [(n, 1, f"Person {n}/Person {n + 1}") for n in range(2, 40)]
        _table(
            out,
            "categories",
            [("catid", text), ("parentcatid", text), ("category", "varchar(60)")],
            categories,
        )
        _table(
            out,
            "characters",
            [("charid", text), ("catid", text), ("charname", "varchar(60)")],
            [(n, 1, f"Person {n}") for n in range(1, 60)],
        )
        _table(
            out, "classtypes", [("classtype_id", text), ("classtype_name", "varchar(50)")], [(1, "genres")]
        )
        _table(
            out,
            "classes",
            [("class_id", text), ("class_type", text), ("class_name", "varchar(100)")],
            [(n, 1, f"Genre {n}") for n in range(1, 20)],
        )
        _table(
            out,
            "stories",
            [
                ("sid", text),
                ("title", "varchar(200)"),
                ("summary", "text"),
                ("storynotes", "text"),
                ("catid", "varchar(100)"),
                ("classes", "varchar(200)"),
                ("charid", "varchar(250)"),
                ("rid", "varchar(25)"),
                ("date", "datetime"),
                ("updated", "datetime"),
                ("uid", text),
                ("validated", "char(1)"),
                ("completed", "char(1)"),
                ("count", text),
            ],
            (
                (
                    sid,
                    f"Story {sid}",
                    "A summary.",
                    "",
                    f"1,{rng.randint(2, 39)}",
                    f"{rng.randint(1, 19)}",
                    f"{rng.randint(1, 59)},{rng.randint(1, 59)}",
                    str(rng.randint(1, 3)),
                    "2006-02-09 22:21:35",
                    "2006-03-09 22:21:35",
                    rng.randint(1, AUTHORS),
                    "1" if sid % 20 else "0",
                    str(sid % 2),
                    sid,
                )
                for sid in range(1, STORIES + 1)
            ),
        )
        _table(
            out,
            "chapters",
            [
                ("chapid", text),
                ("title", "varchar(250)"),
                ("inorder", text),
                ("notes", "text"),
                ("storytext", "text"),
                ("endnotes", "text"),
                ("validated", "char(1)"),
                ("sid", text),
                ("uid", text),
            ],
            (
                (
                    (sid - 1) * CHAPTERS_PER_STORY + n,
                    f"Chapter {n}",
                    n,
                    "",
                    "<p>" + " ".join(rng.choices(WORDS, k=300)) + "</p>",
                    "",
                    "1",
                    sid,
                    0,
                )
                for sid in range(1, STORIES + 1)
                for n in range(1, CHAPTERS_PER_STORY + 1)
            ),
        )
        _table(
            out,
            "reviews",
            [
                ("reviewid", text),
                ("item", text),
                ("chapid", text),
                ("reviewer", "varchar(60)"),
                ("uid", text),
                ("review", "text"),
                ("date", "datetime"),
                ("rating", text),
                ("respond", "char(1)"),
                ("type", "varchar(2)"),
            ],
            (
                (
                    n,
                    (sid := rng.randint(1, STORIES)),
                    (sid - 1) * CHAPTERS_PER_STORY + 1,
                    "Reader",
                    rng.randint(0, AUTHORS),
                    "Lovely!" + ("<br><br><i>Author's Response: Thank you!</i>" if n % 4 == 0 else ""),
                    "2006-04-01 10:00:00",
                    0,
                    "0",
                    "ST",
                )
                for n in range(1, REVIEWS + 1)
            ),
        )
        series = max(1, STORIES // 50)
        _table(
            out,
            "series",
            [("seriesid", text), ("title", "varchar(200)"), ("summary", "text"), ("uid", text)],
            [(n, f"Series {n}", "", 1) for n in range(1, series + 1)],
        )
        _table(
            out,
            "inseries",
            [("seriesid", text), ("sid", text), ("subseriesid", text), ("inorder", text)],
            [(1 + (sid - 1) // 5 % series, sid, 0, sid) for sid in range(1, STORIES + 1, 10)],
        )
        _table(
            out,
            "coauthors",
            [("sid", text), ("uid", text)],
            [(sid, 1 + sid % AUTHORS) for sid in range(1, STORIES + 1, 25)],
        )
        _table(
            out,
            "favorites",
            [("uid", text), ("item", text), ("type", "char(2)"), ("comments", "text")],
            [(uid, 1 + uid * 7 % STORIES, "ST", "") for uid in range(1, AUTHORS + 1)],
        )


def run(name: str, database_url: str, dump: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "TASKS_BACKEND": "immediate"}
    quire = [sys.executable, "-m", "quire"]
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        subprocess.run(quire + ["flush", "--no-input"], env=env, cwd=ROOT, check=False, capture_output=True)
    subprocess.run(quire + ["migrate", "-v0"], env=env, cwd=ROOT, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        quire + ["import-efiction", "--sql", str(dump), "--yes"],
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
    print(f"{name}: {seconds / 60:.1f} min, peak {max(peak, before) / 1024:.0f} MB ({made})")


def main():
    BENCH.mkdir(parents=True, exist_ok=True)
    dump = BENCH / f"efiction-{STORIES}.sql"
    if not dump.exists():
        write_dump(dump)
    print(
        f"eFiction archive: {STORIES:,} stories, {STORIES * CHAPTERS_PER_STORY:,} chapters, {AUTHORS:,} authors, "
        f"{REVIEWS:,} reviews ({dump.stat().st_size / 1e6:.0f} MB dump)"
    )
    for name in sys.argv[1:] or CONFIGS:
        run(name, CONFIGS[name], dump)


if __name__ == "__main__":
    main()
