"""The writer's stats page and the read fold at size (issue #18): a member page must answer within 2 s.

    python bench/stats.py [--postgres] [--queries]

Builds a scratch SQLite archive: a small work in progress (40 readers) as the baseline, and a big one (30
chapters, 50,000 readers thinning chapter by chapter, 200 reviews of 10,000 hostile characters) among 1,000
comparable works with 40 readers each. Times the stats page of each (median of 5, in-process, warm), and the
worker's fold of 100,000 new read events.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
FOLDER = tempfile.mkdtemp(prefix="quire-stats-bench-")
PG_BENCH = "postgres://postgres@127.0.0.1:5432/quire_bench_stats"
POSTGRES = "--postgres" in sys.argv
os.environ.update(
    {"QUIRE_DATA_DIR": FOLDER, "DATABASE_URL": PG_BENCH if POSTGRES else f"sqlite:///{FOLDER}/quire.sqlite3"}
)
if POSTGRES:  # a scratch database, made afresh
    import subprocess

    for statement in (
        "DROP DATABASE IF EXISTS quire_bench_stats WITH (FORCE)",
        "CREATE DATABASE quire_bench_stats",
    ):
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", statement], check=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quire.settings")
os.environ.update({"RATE_LIMITS_ENABLED": "0", "ALLOWED_HOSTS": "testserver,127.0.0.1"})

READERS = 50_000
CHAPTERS = 30
COMPARABLES = 1_000
EVENTS = 100_000


def timed(send, runs=5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = send()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test import Client
    from django.utils import timezone
    from factories import UserFactory, make_work

    from quire.feedback.models import Review
    from quire.insights.aggregation import aggregate
    from quire.insights.models import ChapterReader, ReadEvent, WorkReader
    from quire.insights.recording import reader_key
    from quire.tags.models import WorkFilter
    from quire.works.models import Chapter, Work

    writer = UserFactory(username="bench-writer")
    client = Client()
    client.force_login(writer)

    small = make_work(writer, title="Small", words_per_chapter=2000, expected_chapters=None, age_days=5)
    today = timezone.localdate()
    chapter = small.chapters.get()
    ReadEvent.objects.bulk_create(
        ReadEvent(work_id=small.pk, chapter_id=chapter.pk, kind="view", reader=f"r{n}", day=today)
        for n in range(40)
    )
    aggregate()

    started = time.perf_counter()
    big = make_work(
        writer, title="Big", chapters=CHAPTERS, words_per_chapter=2000, expected_chapters=None, age_days=40
    )
    chapters = list(big.chapters.order_by("position"))
    model = make_work(title="Model", words_per_chapter=2000 * CHAPTERS, age_days=60)
    clones = []
    for _ in range(COMPARABLES - 1):
        clone = Work.objects.get(pk=model.pk)
        clone.pk, clone.idempotency_key = None, None
        clones.append(clone)
    Work.objects.bulk_create(clones, batch_size=500)
    fandom = list(WorkFilter.objects.filter(work=model))
    WorkFilter.objects.bulk_create(
        [WorkFilter(work=w, tag_id=f.tag_id, tag_type=f.tag_type) for w in clones for f in fandom],
        batch_size=2000,
    )
    model_chapter = model.chapters.get()
    Chapter.objects.bulk_create(
        [Chapter(work=w, position=1, body="x", body_html="<p>x</p>", posted_at=w.posted_at) for w in clones],
        batch_size=500,
    )
    comparable_chapter = dict(Chapter.objects.filter(work__in=clones).values_list("work_id", "pk"))
    comparable_chapter[model.pk] = model_chapter.pk
    rows, reads = [], []
    for work_id, chapter_id in comparable_chapter.items():
        for n in range(40):
            rows.append(
                WorkReader(
                    work_id=work_id, reader=f"c{n}", came_after=n % 30, kudos_after=n if n < 3 else None
                )
            )
            reads.append(
                ChapterReader(work_id=work_id, chapter_id=chapter_id, reader=f"c{n}", came_after=n % 30)
            )
    WorkReader.objects.bulk_create(rows, batch_size=5000)
    ChapterReader.objects.bulk_create(reads, batch_size=5000)
    rows, reads = [], []
    for n in range(READERS):
        key = f"b{n}"
        rows.append(
            WorkReader(work=big, reader=key, came_after=n % 40, asked_after=0 if n % 50 == 0 else None)
        )
        for number, chapter in enumerate(chapters):
            if n % (number + 2) == 1 and number:
                break  # readers thin out chapter by chapter
            reads.append(
                ChapterReader(
                    work=big,
                    chapter=chapter,
                    reader=key,
                    came_after=n % 40,
                    finished_after=n % 40 if n % 3 else None,
                )
            )
    WorkReader.objects.bulk_create(rows, batch_size=5000)
    ChapterReader.objects.bulk_create(reads, batch_size=5000)
    hostile = ("no more please " * 700)[:10_000]
    Review.objects.bulk_create(
        Review(
            work=big,
            chapter=chapters[-1],
            user=UserFactory() if n < 3 else None,
            guest_name="guest",
            body=hostile,
            body_html="",
        )
        for n in range(200)
    )
    print(
        f"Built in {time.perf_counter() - started:.0f} s: {WorkReader.objects.count():,} reader rows, "
        f"{ChapterReader.objects.count():,} chapter reader rows, {Work.objects.count():,} works\n"
    )

    from django.core.cache import cache

    for name, work in (
        ("small work in progress, 40 readers (baseline)", small),
        (f"{READERS:,} readers, {CHAPTERS} chapters, {COMPARABLES:,} comparables", big),
    ):
        cache.clear()
        cold = timed(lambda w=work: client.get(f"/works/{w.pk}/stats"), runs=1)
        warm = timed(lambda w=work: client.get(f"/works/{w.pk}/stats"))
        print(
            f"Stats page, {name}: first {cold * 1000:.0f} ms (comparisons computed), then {warm * 1000:.0f} ms median of 5"
        )

    if "--queries" in sys.argv:
        _slowest_queries(lambda: client.get(f"/works/{big.pk}/stats"))

    ReadEvent.objects.bulk_create(
        (
            ReadEvent(
                work_id=big.pk,
                chapter_id=chapters[n % CHAPTERS].pk,
                kind="view" if n % 4 else "end",
                reader=reader_key(big.pk, guest_token=f"g{n % 20000}"),
                day=today,
            )
            for n in range(EVENTS)
        ),
        batch_size=5000,
    )
    started = time.perf_counter()
    aggregate()
    print(
        f"\nThe worker's fold of {EVENTS:,} new read events: {time.perf_counter() - started:.1f} s (it runs every 2 minutes)"
    )


def _slowest_queries(send):
    from django.db import connection

    seen = []

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append((time.perf_counter() - started, sql[:300]))

    with connection.execute_wrapper(wrapper):
        send()
    print(f"\n{len(seen)} queries; the slowest:")
    for took, sql in sorted(seen, reverse=True)[:6]:
        print(f"  {took * 1000:7.0f} ms  {sql}")


if __name__ == "__main__":
    main()
