"""Chinese, Japanese and Korean search at 100,000 works: what indexing CJK text by characters and pairs
(quire.discovery.cjk, issue #20) costs in index size and search time, against the index as it was.

Each database gets an archive of its own, loaded once with `quire generate_archive` and reused after
(var/bench/cjk.sqlite3; PostgreSQL database `quire_bench_cjk`), in which every 20th work is rewritten in
Japanese (60%), Chinese (30%) or Korean (10%): generated prose half as long, in characters, as the English it
replaces (about what a translation takes), reindexed through quire.discovery.indexing.

    python bench/cjk_search.py                       # both databases
    python bench/cjk_search.py sqlite --works 5000   # a quick trial (a database of its own)

Measured in one run, over the same documents:
  - the index as it was (raw text) and as it is (CJK split), each built afresh from the documents: SQLite
    FTS5 tables' pages (dbstat), PostgreSQL tsvector column and GIN index sizes;
  - the engines alone (median ms of a match count) on both indexes, for Latin and CJK queries;
  - the search page through Django's full stack (median and p95 ms), as an anonymous reader.
"""

import argparse
import hashlib
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
SEED = 1
EVERY = 20  # one work in EVERY is rewritten in CJK
WARM_UP = 3
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DEFAULT_WORKS = 100_000
COLUMNS = ("title", "tags", "people", "summary", "body")
OLD_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(tags, '') || ' ' || coalesce(people, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
    "setweight(to_tsvector('english', left(coalesce(body, ''), 600000)), 'D')"
)


def database_url(label: str, works: int) -> str:
    suffix = "" if works == DEFAULT_WORKS else f"_{works}"
    if label == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'cjk{suffix}.sqlite3'}"
    return f"{PG_SERVER}/quire_bench_cjk{suffix}"


# --- CJK prose ------------------------------------------------------------------------------------------

HIRAGANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ"
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポー"
PARTICLES = ["の", "は", "を", "に", "が", "と", "で", "も", "へ", "から", "まで", "より"]
ENDINGS = ["た", "だ", "です", "ました", "ている", "ていた", "る", "ない", "かった"]
KOREAN_ENDINGS = ["는", "은", "이", "가", "를", "을", "에서", "에게", "와", "도", "다", "했다", "있었다"]


class Prose:
    """Sentences from Zipf-weighted vocabularies, so characters and pairs repeat as in real text."""

    def __init__(self, rng: random.Random):
        han = [chr(0x4E00 + rng.randrange(0x9FA5 - 0x4E00)) for _ in range(3000)] + ["狼", "夢", "月", "光"]
        hangul = [chr(0xAC00 + rng.randrange(11172)) for _ in range(1500)]
        self.kanji_words = ["狼", "夢"] + [
            "".join(rng.choices(han, k=rng.choice((1, 2, 2, 2, 3)))) for _ in range(6000)
        ]
        self.kana_words = ["".join(rng.choices(KATAKANA, k=rng.randint(2, 5))) for _ in range(800)]
        self.verbs = ["".join(rng.choices(HIRAGANA, k=rng.randint(1, 3))) for _ in range(500)]
        self.hangul_words = ["".join(rng.choices(hangul, k=rng.randint(1, 4))) for _ in range(5000)]
        self.cumulative = {}  # Zipf: the word of rank r is 1/r as frequent as the first

    def _pick(self, rng, words):
        if len(words) not in self.cumulative:
            self.cumulative[len(words)] = list(
                itertools.accumulate(1 / (rank + 1) for rank in range(len(words)))
            )
        return rng.choices(words, cum_weights=self.cumulative[len(words)])[0]

    def japanese(self, rng, characters: int) -> str:
        out = []
        while sum(map(len, out)) < characters:
            sentence = []
            for _ in range(rng.randint(2, 5)):
                word = self._pick(rng, self.kana_words if rng.random() < 0.15 else self.kanji_words)
                sentence.append(word + rng.choice(PARTICLES))
            sentence.append(
                self._pick(rng, self.kanji_words) + self._pick(rng, self.verbs) + rng.choice(ENDINGS)
            )
            out.append("".join(sentence) + rng.choice("。。。、") + ("\n\n" if rng.random() < 0.2 else ""))
        return "".join(out)

    def chinese(self, rng, characters: int) -> str:
        out = []
        while sum(map(len, out)) < characters:
            out.append("".join(self._pick(rng, self.kanji_words) for _ in range(rng.randint(4, 10))))
            out.append(rng.choice("。，，") + ("\n\n" if rng.random() < 0.2 else ""))
        return "".join(out)

    def korean(self, rng, characters: int) -> str:
        out = []
        while sum(map(len, out)) < characters:
            words = [
                self._pick(rng, self.hangul_words) + rng.choice(KOREAN_ENDINGS)
                for _ in range(rng.randint(3, 8))
            ]
            out.append(" ".join(words) + ". " + ("\n\n" if rng.random() < 0.2 else ""))
        return "".join(out)


def rewrite_in_cjk() -> dict:
    """Every EVERY-th work rewritten in CJK and reindexed, once; the record says how long it took."""
    from django.db import transaction

    from quire.core.text import TextFormat, render
    from quire.core.words import count_words
    from quire.discovery.indexing import index_works
    from quire.works.models import Chapter, Work

    record_file = Path(os.environ["BENCH_RECORD"])
    record = json.loads(record_file.read_text()) if record_file.exists() else {}
    if "cjk_works" in record:
        return record
    started = time.perf_counter()
    rng = random.Random(SEED)
    prose = Prose(rng)
    ids = list(Work.objects.order_by("pk").values_list("pk", flat=True)[::EVERY])
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        works = list(Work.objects.filter(pk__in=batch).order_by("pk"))
        chapters = list(Chapter.objects.filter(work_id__in=batch).order_by("work_id", "position"))
        languages = {}
        for work in works:
            language = rng.choices(["ja", "zh", "ko"], [6, 3, 1])[0]
            languages[work.pk] = language
            write = getattr(prose, {"ja": "japanese", "zh": "chinese", "ko": "korean"}[language])
            work.language = language
            work.title = ("狼の夢 " if rng.random() < 0.01 else "") + write(rng, rng.randint(4, 12)).strip(
                "。，、. \n"
            )
            work.summary = write(rng, max(20, len(work.summary) // 2))
            work.summary_html = render(work.summary, TextFormat.PLAIN)
        for chapter in chapters:
            write = getattr(
                prose, {"ja": "japanese", "zh": "chinese", "ko": "korean"}[languages[chapter.work_id]]
            )
            # Japanese and Chinese say in one character about what English says in two to three.
            chapter.body = write(rng, max(20, len(chapter.body) // 2))
            chapter.body_html = render(chapter.body, TextFormat.PLAIN)
            chapter.word_count = count_words(chapter.body_html)
        with transaction.atomic():
            Work.objects.bulk_update(works, ["language", "title", "summary", "summary_html"])
            Chapter.objects.bulk_update(chapters, ["body", "body_html", "word_count"])
            for first in range(0, len(batch), 100):
                # index_works takes 500 works at once; at 500 works of this archive Django's prefetch of
                # their tags (1,000+ ids ORed) passes SQLite's expression depth limit.
                index_works(batch[first : first + 100])
    record.update(cjk_works=len(ids), cjk_seconds=round(time.perf_counter() - started, 1))
    record_file.write_text(json.dumps(record))
    return record


# --- measuring -----------------------------------------------------------------------------------------


def queries(prose_sample: str) -> dict[str, str]:
    return {
        "Latin word": "night",
        "Latin phrase": '"come away with me"',
        "CJK 1 character": "狼",
        "CJK 2 characters": "狼の",
        "CJK 3 characters": "狼の夢",
        "CJK 500 characters": prose_sample[:500],
    }


def median_ms(run, repeats: int) -> float:
    run()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def titles_digest(work_ids: list[int]) -> str:
    """Names the set of works matched, by title: equal on both databases when they match the same works."""
    from quire.works.models import Work

    titles = sorted(Work.objects.filter(pk__in=work_ids).values_list("title", flat=True))
    return hashlib.sha1("\n".join(titles).encode()).hexdigest()[:8]


def sqlite_indexes(searched: dict[str, str], repeats: int) -> None:
    from django.db import connection

    from quire.discovery.search_syntax import parse

    with connection.cursor() as cursor:
        sizes = {}
        for name, read in (("old", "{}"), ("new", "quire_search_text({})")):
            table = f"bench_{name}_fts"
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(COLUMNS)}, content='', "
                "tokenize='porter unicode61 remove_diacritics 2')"
            )
            started = time.perf_counter()
            cursor.execute(
                f"INSERT INTO {table}(rowid, {', '.join(COLUMNS)}) SELECT work_id, "
                f"{', '.join(read.format(c) for c in COLUMNS)} FROM discovery_searchdocument"
            )
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            built = time.perf_counter() - started
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [f"{table}%"])
            sizes[name] = (cursor.fetchone()[0], built)
        print("  FTS5 index, built afresh from the same documents:")
        for name, (size, built) in sizes.items():
            print(f"    {name + ':':<5}{size / 1e6:9.1f} MB   built in {built:5.1f} s")
        print(f"    growth: {100 * (sizes['new'][0] / sizes['old'][0] - 1):+.1f}%")
        print(
            f"  Engine alone (median of {repeats}): matches, ms; the digest of the new index's matches' titles"
        )
        print(f"    {'query':<22}{'old index':>20}{'new index':>20}{'digest':>10}")
        for label, text in searched.items():
            old_match = '"' + text.replace('"', '""') + '"' if "CJK" in label else parse(text).fts5()
            row = []
            for name, match in (("old", old_match), ("new", parse(text).fts5())):
                sql = f"SELECT count(*) FROM bench_{name}_fts WHERE bench_{name}_fts MATCH %s"
                cursor.execute(sql, [match])
                found = cursor.fetchone()[0]
                ms = median_ms(lambda sql=sql, match=match: cursor.execute(sql, [match]).fetchone(), repeats)
                row.append(f"{found:>9,} {ms:8.2f} ms")
            cursor.execute(
                "SELECT rowid FROM bench_new_fts WHERE bench_new_fts MATCH %s", [parse(text).fts5()]
            )
            digest = titles_digest([match_row[0] for match_row in cursor.fetchall()])
            print(f"    {label:<22}{row[0]:>20}{row[1]:>20}{digest:>10}")
        for name in ("old", "new"):
            cursor.execute(f"DROP TABLE bench_{name}_fts")


def postgres_indexes(searched: dict[str, str], repeats: int) -> None:
    from django.db import connection

    from quire.discovery.search_syntax import parse

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        sizes = {}
        for name, vector in (("old", OLD_VECTOR), ("new", "vector")):
            table = f"bench_{name}_vectors"
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            started = time.perf_counter()
            cursor.execute(
                f"CREATE TABLE {table} AS SELECT work_id, {vector} AS vector FROM discovery_searchdocument"
            )
            cursor.execute(f"CREATE INDEX {table}_gin ON {table} USING gin (vector)")
            cursor.execute(f"ANALYZE {table}")
            built = time.perf_counter() - started
            cursor.execute(
                f"SELECT (SELECT SUM(pg_column_size(vector)) FROM {table}), pg_relation_size('{table}_gin')"
            )
            sizes[name] = (*cursor.fetchone(), built)
        print("  tsvectors and GIN index, built afresh from the same documents:")
        for name, (vectors, gin, built) in sizes.items():
            print(
                f"    {name + ':':<5}vectors {vectors / 1e6:8.1f} MB, GIN {gin / 1e6:8.1f} MB   built in {built:5.1f} s"
            )
        old, new = sizes["old"], sizes["new"]
        print(
            f"    growth: vectors {100 * (new[0] / old[0] - 1):+.1f}%, GIN {100 * (new[1] / old[1] - 1):+.1f}%"
        )
        print(
            f"  Engine alone (median of {repeats}): matches, ms; the digest of the new index's matches' titles"
        )
        print(f"    {'query':<22}{'old index':>20}{'new index':>20}{'digest':>10}")
        for label, text in searched.items():
            parsed = parse(text)
            old_query = (
                ("websearch_to_tsquery('english', %s)", [text]) if "CJK" in label else parsed.tsquery()
            )
            row = []
            for name, (query_sql, params) in (("old", old_query), ("new", parsed.tsquery())):
                sql = f"SELECT count(*) FROM bench_{name}_vectors WHERE vector @@ ({query_sql})"
                cursor.execute(sql, params)
                found = cursor.fetchone()[0]

                def run(sql=sql, params=params):
                    cursor.execute(sql, params)
                    cursor.fetchone()

                row.append(f"{found:>9,} {median_ms(run, repeats):8.2f} ms")
            query_sql, params = parsed.tsquery()
            cursor.execute(f"SELECT work_id FROM bench_new_vectors WHERE vector @@ ({query_sql})", params)
            digest = titles_digest([match_row[0] for match_row in cursor.fetchall()])
            print(f"    {label:<22}{row[0]:>20}{row[1]:>20}{digest:>10}")
        for name in ("old", "new"):
            cursor.execute(f"DROP TABLE bench_{name}_vectors")


def _total(text: str) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict

    from quire.discovery.forms import WorkFilterForm
    from quire.discovery.listing import find_works

    form = WorkFilterForm(QueryDict(urlencode({"q": text})), searching=True)
    return find_works(user=AnonymousUser(), params=form.usable_data()).total


def pages(client, searched: dict[str, str], requests: int) -> None:
    from django.urls import reverse

    print(f"  Search page, new index ({requests} requests): results, median and p95 ms")
    for label, text in searched.items():
        url = f"{reverse('discovery:search')}?{urlencode({'q': text})}"
        for _ in range(WARM_UP):
            assert client.get(url).status_code == 200
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            timings.append((time.perf_counter() - started) * 1000)
        total = _total(text)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(f"    {label:<22}{total:>9,}{statistics.median(timings):10.1f}{p95:10.1f}")


def run_one(label: str, works: int, requests: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from quire.discovery.models import SearchDocument
    from quire.works.models import Chapter, Work

    call_command("migrate", verbosity=0)
    record_file = Path(os.environ["BENCH_RECORD"])
    if Work.objects.count() < works:
        started = time.perf_counter()
        call_command("generate_archive", works=works, seed=SEED)
        record_file.write_text(
            json.dumps({"works": works, "seconds": round(time.perf_counter() - started, 1)})
        )
    record = rewrite_in_cjk()
    cjk_text = (
        Chapter.objects.filter(work__language="ja").order_by("pk").values_list("body", flat=True).first()
    )
    print(
        f"\n{label}: {Work.objects.count():,} works ({record.get('cjk_works', 0):,} in CJK), "
        f"{SearchDocument.objects.count():,} search documents; archive loaded in {record.get('seconds', '?')} s, "
        f"CJK works written and reindexed in {record.get('cjk_seconds', '?')} s"
    )
    searched = queries("".join(cjk_text.split()))
    if label == "sqlite":
        sqlite_indexes(searched, requests)
    else:
        postgres_indexes(searched, requests)
    pages(Client(), searched, requests)
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("databases", nargs="*", choices=[[], "sqlite", "postgresql"], default=[])
    parser.add_argument("--works", type=int, default=DEFAULT_WORKS, help="Archive size (default 100,000)")
    parser.add_argument("--requests", type=int, default=20, help="Timed requests per query (default 20)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        run_one(options.child, options.works, options.requests)
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for label in options.databases or ["sqlite", "postgresql"]:
        url = database_url(label, options.works)
        if label == "postgresql":
            from pages import ensure_postgres_database

            ensure_postgres_database(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "quire.settings",
            "ALLOWED_HOSTS": "testserver",
            "RATE_LIMITS_ENABLED": "0",
            "PYTHONUNBUFFERED": "1",
            "BENCH_RECORD": str(BENCH_DIR / f"cjk-{label}-{options.works}.json"),
        }
        env.pop("SECRET_KEY", None)
        env.pop("DEBUG", None)
        command = [sys.executable, __file__, "--child", label, "--works", str(options.works)]
        subprocess.run([*command, "--requests", str(options.requests)], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
