"""Discovery timings at scale: a filtered fandom listing with facets, text search and a big tag page.

Runs once per database, each loaded once with `quire generate_archive` and reused after: SQLite
(var/bench/discovery.sqlite3, 100,000 works) and PostgreSQL (database `quire_bench_discovery`, 1,000,000
works). Requests go through Django's full stack in-process, as an anonymous reader, like bench/pages.py.

    python bench/discovery.py                       # both databases
    python bench/discovery.py sqlite                # one of them
    python bench/discovery.py sqlite --works 5000   # a quick trial (a database of its own)
    python bench/discovery.py postgresql --explain  # also the slowest SQL of each page, with its plan

Measured, median and p95 over --requests requests after a warm-up:
  a) the largest fandom's works, filtered by its top relationship, two tags excluded, with facets;
  b) a search for a common word; c) a search for a phrase; d) the largest fandom's tag page.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
SEED = 1
WARM_UP = 5
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DEFAULT_WORKS = {"sqlite": 100_000, "postgresql": 1_000_000}
COMMON_WORD = "night"  # "the" is a stop word for PostgreSQL's english configuration: it matches nothing there
PHRASE = '"come away with me"'
TARGETS_MS = {"a": 100, "b": 150, "c": 150}


def database_url(label: str, works: int) -> str:
    # A trial size gets a database of its own, so it never mixes with the full-size one.
    suffix = "" if works == DEFAULT_WORKS[label] else f"_{works}"
    if label == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'discovery{suffix}.sqlite3'}"
    return f"{PG_SERVER}/quire_bench_discovery{suffix}"


def ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def load(label: str, works: int) -> dict:
    """Load the archive unless it is there; the load time is kept beside the database for later runs."""
    from django.core.management import call_command

    from quire.works.models import Work

    record_file = BENCH_DIR / f"discovery-{label}-{works}.json"
    if Work.objects.count() < works:
        started = time.perf_counter()
        call_command("generate_archive", works=works, seed=SEED)
        record = {"works": works, "seconds": round(time.perf_counter() - started, 1), "when": time.ctime()}
        record_file.write_text(json.dumps(record))
    return json.loads(record_file.read_text()) if record_file.exists() else {}


def database_size() -> int:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = Path(settings.DATABASES["default"]["NAME"])
    return sum(p.stat().st_size for p in (name, Path(f"{name}-wal")) if p.exists())


def scenario() -> dict:
    """The largest fandom (not a meta tag), its top relationship and the two additional tags most often
    found with that pair, chosen from the data so any seed or size works."""
    from django.db.models import Count

    from quire.tags.enums import TagType
    from quire.tags.models import Tag, TagParent, WorkFilter

    metas = TagParent.objects.filter(child__type=TagType.FANDOM, parent__type=TagType.FANDOM).values(
        "parent_id"
    )
    fandom_id = (
        WorkFilter.objects.filter(tag__type=TagType.FANDOM)
        .exclude(tag_id__in=metas)
        .values("tag_id")
        .annotate(n=Count("id"))
        .order_by("-n")[0]["tag_id"]
    )
    in_fandom = WorkFilter.objects.filter(tag_id=fandom_id).values("work_id")

    def top(tag_type, works, count):
        rows = (
            WorkFilter.objects.filter(work_id__in=works, tag__type=tag_type)
            .values("tag_id")
            .annotate(n=Count("id"))
            .order_by("-n", "tag_id")[:count]
        )
        return [row["tag_id"] for row in rows]

    relationship_id = top(TagType.RELATIONSHIP, in_fandom, 1)[0]
    both = WorkFilter.objects.filter(tag_id=relationship_id, work_id__in=in_fandom).values("work_id")
    excluded = top(TagType.ADDITIONAL, both, 2)
    names = dict(Tag.objects.filter(pk__in=[fandom_id, relationship_id, *excluded]).values_list("pk", "name"))
    return {
        "fandom": names[fandom_id],
        "relationship": names[relationship_id],
        "excluded": [names[pk] for pk in excluded],
    }


def pages(chosen: dict) -> dict[str, tuple[str, str, dict]]:
    """key -> (label, path, GET parameters)."""
    from django.urls import reverse

    from quire.tags.urlnames import to_url

    fandom = chosen["fandom"]
    listing_query = [("tag", chosen["relationship"])] + [("exclude_tag", name) for name in chosen["excluded"]]
    return {
        "a": (
            "fandom + relationship - 2 tags, facets",
            reverse("tags:works", args=[to_url(fandom)]),
            listing_query,
        ),
        "b": (f"search: {COMMON_WORD}", reverse("discovery:search"), [("q", COMMON_WORD)]),
        "c": (f"search: {PHRASE}", reverse("discovery:search"), [("q", PHRASE)]),
        "d": ("tag page of the largest fandom", reverse("tags:detail", args=[to_url(fandom)]), []),
    }


def result_count(key: str, chosen: dict, query: list) -> int:
    """What the page reports: the listing's total, or the tag page's work count."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict

    from quire.access.reading import works_for
    from quire.access.surfaces import Surface
    from quire.discovery.forms import WorkFilterForm
    from quire.discovery.listing import find_works
    from quire.tags.models import Tag

    fandom = Tag.objects.select_related("merger").get(name=chosen["fandom"])
    if key == "d":
        return works_for(AnonymousUser(), Surface.LISTING).filter(filters__tag=fandom.filter_key).count()
    form = WorkFilterForm(QueryDict(urlencode(query)), searching=key in "bc")
    listing = find_works(
        user=AnonymousUser(), params=form.usable_data(), scope_tag=fandom if key == "a" else None
    )
    return listing.total


def measure(client, path: str, query: list, requests: int) -> list[float]:
    url = f"{path}?{urlencode(query)}" if query else path
    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return sorted(timings)


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def explain(client, path: str, query: list, slowest: int = 3) -> None:
    """The page's slowest statements, with the plan the database chose for each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"{path}?{urlencode(query)}" if query else path
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    statements = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    total = sum(float(q["time"]) for q in statements) * 1000
    print(f"\n  {url}\n  {len(statements)} statements, {total:.0f} ms in the database:")
    for query_info in captured.captured_queries:
        print(f"  {float(query_info['time']) * 1000:8.1f} ms  {' '.join(query_info['sql'].split())[:150]}")
    print("  The slowest, with their plans:")
    for query_info in statements[:slowest]:
        sql = query_info["sql"]
        print(
            f"\n  -- {float(query_info['time']) * 1000:.1f} ms: {sql[:1500]}{' …' if len(sql) > 1500 else ''}"
        )
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = [row[0] for row in cursor.fetchall()]
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [f"{'  ' * _depth(row, cursor)}{row[3]}" for row in cursor.fetchall()]
        print("\n".join(f"     {line}" for line in plan))


_DEPTHS: dict[int, int] = {}


def _depth(row, cursor) -> int:
    # EXPLAIN QUERY PLAN rows are (id, parent, notused, detail); indent children under their parent.
    node, parent = row[0], row[1]
    _DEPTHS[node] = _DEPTHS.get(parent, -1) + 1 if parent else 0
    return _DEPTHS[node]


def run_one(label: str, works: int, requests: int, with_plans: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from quire.core.memory import freeze_startup_objects
    from quire.discovery.models import SearchDocument
    from quire.tags.models import WorkFilter
    from quire.works.models import Chapter, Work

    call_command("migrate", verbosity=0)
    record = load(label, works)
    chosen = scenario()
    client = Client()
    freeze_startup_objects()  # as quire/wsgi.py does in each server process
    loaded = f"loaded in {record['seconds']:,.0f}s" if record else "load time not recorded"
    print(
        f"\n{label}: {Work.objects.count():,} works, {Chapter.objects.count():,} chapters, "
        f"{WorkFilter.objects.count():,} filter rows, {SearchDocument.objects.count():,} search documents; "
        f"{loaded}; database {database_size() / 1e9:.2f} GB"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('shared_buffers'), current_setting('work_mem')")
            shared_buffers, work_mem = cursor.fetchone()
        # The figures depend on these most: what the server keeps in its own cache, and per sort.
        print(f"  server: shared_buffers {shared_buffers}, work_mem {work_mem} (Quire's connections)")
    print(
        f"  fandom “{chosen['fandom']}”, relationship “{chosen['relationship']}”, "
        f"excluding {' and '.join(f'“{n}”' for n in chosen['excluded'])}; {requests} requests each"
    )
    print(f"  {'':3}{'page':<42}{'results':>10}{'median ms':>12}{'p95 ms':>10}{'target':>10}")
    for key, (name, path, query) in pages(chosen).items():
        timings = measure(client, path, query, requests)
        count = result_count(key, chosen, query)
        target = f"< {TARGETS_MS[key]}" if key in TARGETS_MS else ""
        p95 = percentile(timings, 0.95)
        flag = " !" if key in TARGETS_MS and p95 >= TARGETS_MS[key] else ""
        print(
            f"  {key + ')':<3}{name:<42}{count:>10,}{statistics.median(timings):>12.1f}{p95:>10.1f}{target:>10}{flag}"
        )
    sys.stdout.flush()
    if with_plans:
        for _, path, query in pages(chosen).values():
            explain(client, path, query)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("databases", nargs="*", choices=[[], *DEFAULT_WORKS], default=[])
    parser.add_argument(
        "--works", type=int, help="Archive size (default: 100,000 SQLite, 1,000,000 PostgreSQL)"
    )
    parser.add_argument("--requests", type=int, default=40, help="Timed requests per page (default 40)")
    parser.add_argument(
        "--explain", action="store_true", help="Print the slowest SQL of each page with its plan"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run_one(options.child, options.works, options.requests, options.explain)
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for label in options.databases or list(DEFAULT_WORKS):
        works = options.works or DEFAULT_WORKS[label]
        url = database_url(label, works)
        if label == "postgresql":
            ensure_postgres_database(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "quire.settings",
            "ALLOWED_HOSTS": "testserver",
            # One client asks thousands of times a minute: measuring the pages, not the rate limits.
            "RATE_LIMITS_ENABLED": "0",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("SECRET_KEY", None)
        env.pop("DEBUG", None)
        command = [sys.executable, __file__, "--child", label, "--works", str(works)]
        command += ["--requests", str(options.requests)] + (["--explain"] if options.explain else [])
        subprocess.run(command, env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
