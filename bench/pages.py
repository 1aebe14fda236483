"""Page timings: the home page, a work page and a 10,000-word chapter, with 1,000 works loaded.

Runs once per database (SQLite under var/bench/, PostgreSQL database `quire_bench`), loading the archive
the first time and reusing it after. Requests go through Django's full stack in-process (middleware,
sessions, templates, ORM), so the figures are server time without the network.

    make bench                      # both databases
    python bench/pages.py sqlite    # one of them
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKS = 1000
REQUESTS = 200
DATABASES = {
    "sqlite": f"sqlite:///{ROOT / 'var' / 'bench' / 'pages.sqlite3'}",
    "postgresql": os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/quire_bench"),
}


def ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def load_archive():
    import random

    from django.db import transaction

    from quire.accounts.models import User
    from quire.accounts.services import create_user
    from quire.core.text import TextFormat
    from quire.works import services
    from quire.works.enums import Rating, Warning
    from quire.works.models import Work

    if Work.objects.count() >= WORKS:
        return
    rng = random.Random(7)
    fandoms = [f"Fandom {n}" for n in range(30)]
    characters = [f"Character {n}" for n in range(200)]
    paragraph = "She looked at the road ahead and wondered, not for the first time, where it ended. " * 4
    with transaction.atomic():
        authors = [
            User.objects.filter(username=f"bench{n}").first()
            or create_user(username=f"bench{n}", email=f"b{n}@example.org", password=None)
            for n in range(100)
        ]
        for number in range(Work.objects.count(), WORKS):
            words_wanted = 10_000 if number == 0 else rng.choice([800, 2_000, 5_000])
            body = "\n\n".join([paragraph] * max(1, words_wanted // 64))
            chosen = rng.sample(characters, 3)
            work = services.create_work(
                author=authors[number % len(authors)],
                work=services.WorkFields(
                    title=f"Bench work {number}",
                    rating=rng.choice(list(Rating)),
                    warnings=[Warning.NONE_APPLY],
                    fandoms=rng.sample(fandoms, rng.choice([1, 1, 2])),
                    relationships=[f"{chosen[0]}/{chosen[1]}"],
                    characters=chosen,
                    additional_tags=[f"Tag {rng.randrange(500)}" for _ in range(rng.randrange(1, 8))],
                    summary="A summary of a story that goes somewhere. " * 3,
                    text_format=TextFormat.PLAIN,
                    expected_chapters=rng.choice([None, 3, 10]),
                ),
                chapter=services.ChapterFields(title="One", body=body, text_format=TextFormat.PLAIN),
                post=True,
            )
            for _ in range(rng.randrange(0, 3) if number else 2):
                services.add_chapter(
                    work=work,
                    user=work.author,
                    fields=services.ChapterFields(body=paragraph * 10, text_format=TextFormat.PLAIN),
                    post=True,
                )


def measure(client, url: str) -> tuple[float, float]:
    for _ in range(10):  # warm caches and connections
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def run_one(label: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from quire.core.memory import freeze_startup_objects
    from quire.works.models import Chapter, Work

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_archive()
    loaded = time.perf_counter() - started
    big = Chapter.objects.filter(word_count__gte=9_000).select_related("work").first()
    work = Work.objects.filter(chapter_count__gt=1).exclude(pk=big.work_id).order_by("pk").first()
    client = Client()
    freeze_startup_objects()  # as quire/wsgi.py does in each server process
    client.get(f"/works/{big.work_id}?view_adult=true")  # accept the adult notice once, as a reader would
    pages = {
        "home page": "/",
        f"work page ({work.chapter_count} chapters)": work.get_absolute_url(),
        f"chapter page ({big.word_count:,} words)": big.get_absolute_url(),
    }
    print(
        f"\n{label}: {Work.objects.count():,} works (loading took {loaded:.1f}s), {REQUESTS} requests per page"
    )
    for name, url in pages.items():
        median, p95 = measure(client, url)
        print(f"  {name:<34} median {median:6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run_one(sys.argv[2])
        return
    chosen = sys.argv[1:] or list(DATABASES)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    for label in chosen:
        url = DATABASES[label]
        if label == "postgresql":
            ensure_postgres_database(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "quire.settings",
            "ALLOWED_HOSTS": "testserver",
            # One client asks thousands of times a minute: measuring the pages, not the rate limits.
            "RATE_LIMITS_ENABLED": "0",
        }
        env.pop("SECRET_KEY", None)
        subprocess.run([sys.executable, __file__, "--child", label], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
