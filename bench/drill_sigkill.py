"""Drill: the server is killed (SIGKILL, master and workers at once) 20 times while writers post chapters.

Afterwards the database must pass its integrity check (SQLite: PRAGMA integrity_check and
foreign_key_check; PostgreSQL: amcheck on every B-tree index), the derived totals must agree with the
chapters, and every post that was acknowledged (302) must be there exactly once and complete.

    .venv/bin/python bench/drill_sigkill.py --database sqlite --kills 20
    .venv/bin/python bench/drill_sigkill.py --database postgres --kills 20
"""

import argparse
import hashlib
import json
import random
import threading
import time

import requests
from drill_common import Archive, Client, Server

PARAGRAPH = "The lighthouse keeper counted the ships that did not come, and wrote each one down. "


def chapter_body(marker: str, rng: random.Random) -> str:
    # Large enough (30-120 kB) that a kill often lands while the body is being read or written.
    return f"Chapter {marker}\n\n" + "\n\n".join(PARAGRAPH * 8 for _ in range(rng.randint(40, 160)))


def post_until_killed(client, work_id, number, round_, stop, acknowledged, lock):
    rng = random.Random(f"{number}-{round_}")
    n = 0
    while not stop.is_set():
        n += 1
        marker = f"kill-{round_}-{number}-{n}"
        body = chapter_body(marker, rng)
        try:
            response = client.post(
                f"/works/{work_id}/chapters/new",
                {"body": body, "text_format": "plain", "action": "post", "token": marker},
                timeout=20,
            )
        except requests.RequestException:
            return  # the server is gone: this post was never acknowledged
        if response.status_code == 302:
            with lock:
                acknowledged[marker] = hashlib.sha256(body.encode()).hexdigest()
        elif response.status_code >= 500:
            with lock:
                acknowledged.setdefault("_5xx", 0)
                acknowledged["_5xx"] += 1


CHECKS = """
import hashlib, json, re
from django.db import connection
from django.db.models import Count, Q
from quire.works.models import Chapter, Work
report = {}
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA integrity_check")
        report["integrity"] = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA foreign_key_check")
        report["foreign_key_problems"] = len(cursor.fetchall())
    else:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'btree' AND n.nspname = 'public'"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        for name in indexes:
            cursor.execute("SELECT bt_index_check(%s::regclass, true)", [name])
        report["integrity"] = [f"ok: amcheck bt_index_check(heapallindexed) on {len(indexes)} indexes"]
        report["foreign_key_problems"] = 0
works = Work.objects.annotate(posted=Count("chapters", filter=Q(chapters__posted_at__isnull=False)))
report["totals_mismatched"] = [w.pk for w in works if w.posted != w.chapter_count]
marker = re.compile(r"kill-\\d+-\\d+-\\d+")
found = {}
for body, html, words in Chapter.objects.filter(body__startswith="Chapter kill-").values_list("body", "body_html", "word_count"):
    key = marker.search(body).group(0)
    complete = bool(html) and words > 0
    found.setdefault(key, []).append([hashlib.sha256(body.encode()).hexdigest(), complete])
report["found"] = found
print(json.dumps(report))
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    archive = Archive(args.database, "sigkill")
    try:
        archive.seed(args.clients)
        works = json.loads(
            archive.python(
                "import json; from quire.works.models import Work\n"
                "print(json.dumps([[w.author.username, w.pk] for w in Work.objects.select_related('author').order_by('pk')]))"
            )
        )
        server = Server(archive, workers=2)
        startups = [server.start()]
        clients = [Client(server.base, username) for username, _ in works]
        acknowledged, lock = {}, threading.Lock()
        rng = random.Random(7)
        for round_ in range(args.kills):
            if round_:
                startups.append(server.start())
            stop = threading.Event()
            threads = [
                threading.Thread(
                    target=post_until_killed, args=(client, work_id, n, round_, stop, acknowledged, lock)
                )
                for n, (client, (_, work_id)) in enumerate(zip(clients, works, strict=True))
            ]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.5, 2.5))
            server.kill()  # mid-post: the clients are sending chapters all the time
            stop.set()
            for thread in threads:
                thread.join()
        server.start()
        server.stop()

        five_xx = acknowledged.pop("_5xx", 0)
        report = json.loads(archive.python(CHECKS))
        found = report["found"]
        missing = [m for m in acknowledged if m not in found]
        duplicated = [m for m, rows in found.items() if len(rows) > 1]
        incomplete = [
            m
            for m, digest in acknowledged.items()
            if m in found and (found[m][0][0] != digest or not found[m][0][1])
        ]
        summary = {
            "database": args.database,
            "kills": args.kills,
            "acknowledged_chapters": len(acknowledged),
            "chapters_in_database": len(found),
            "unacknowledged_but_saved": len(set(found) - set(acknowledged)),
            "missing": len(missing),
            "duplicated": len(duplicated),
            "incomplete": len(incomplete),
            "5xx": five_xx,
            "integrity": report["integrity"],
            "foreign_key_problems": report["foreign_key_problems"],
            "work_totals_mismatched": len(report["totals_mismatched"]),
            "server_start_s_median": round(sorted(startups)[len(startups) // 2], 2),
        }
        print(json.dumps(summary, indent=2))
        ok = (
            not missing and not duplicated and not incomplete and not five_xx
            and report["integrity"][0].startswith("ok") and not report["foreign_key_problems"]
            and not report["totals_mismatched"]
        )  # fmt: skip
        print("PASS" if ok else "FAIL")
        raise SystemExit(0 if ok else 1)
    finally:
        archive.drop()


if __name__ == "__main__":
    main()
