"""Drill: 20 writers post reviews and chapters at once for 60 s against a real server.

Every acknowledged post (302) must be in the database exactly once, and no request may get a 5xx. One in
ten posts is sent twice with the same form token (a double click, or a retry after a lost response).

    .venv/bin/python bench/drill_concurrency.py --database sqlite --duration 60
    .venv/bin/python bench/drill_concurrency.py --database postgres --duration 60
"""

import argparse
import json
import random
import threading
import time
from collections import Counter

import requests
from drill_common import Archive, Client, Server, percentile

FILLER = " ".join(["The tide came in over the flats, and she kept walking."] * 40)


def run_client(number, server, targets, deadline, results, lock):
    mine = targets[number]
    others = [t for t in targets if t["username"] != mine["username"]]
    client = Client(server.base, mine["username"])
    rng = random.Random(number)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        marker = f"drill-{number}-{n}"
        if rng.random() < 0.5:
            target = rng.choice(others)
            kind, path = "review", f"/works/{target['work']}/chapters/{target['chapter']}/reviews"
            data = {"body": f"Review {marker}: lovely.", "token": marker}
        else:
            kind, path = "chapter", f"/works/{mine['work']}/chapters/new"
            data = {
                "body": f"Chapter {marker}\n\n{FILLER}",
                "text_format": "plain",
                "action": "post",
                "token": marker,
            }
        sends = 2 if rng.random() < 0.1 else 1
        for _ in range(sends):
            started = time.monotonic()
            try:
                response = client.post(path, data)
                status = response.status_code
            except requests.RequestException as error:
                status = type(error).__name__
            elapsed = time.monotonic() - started
            with lock:
                results.append({"kind": kind, "marker": marker, "status": status, "seconds": elapsed})


def verify(archive: Archive) -> dict[str, Counter]:
    out = archive.python("""
import json, re
from quire.feedback.models import Review
from quire.works.models import Chapter
marker = re.compile(r"drill-\\d+-\\d+")
found = {"review": [], "chapter": []}
for body in Review.objects.filter(body__contains="drill-").values_list("body", flat=True):
    found["review"].append(marker.search(body).group(0))
for body in Chapter.objects.filter(body__contains="drill-").values_list("body", flat=True):
    found["chapter"].append(marker.search(body).group(0))
print(json.dumps(found))
""")
    return {kind: Counter(markers) for kind, markers in json.loads(out).items()}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    archive = Archive(args.database, "concurrency")
    try:
        archive.seed(args.clients)
        targets = json.loads(
            archive.python("""
import json
from quire.works.models import Work
print(json.dumps([
    {"username": w.author.username, "work": w.pk, "chapter": w.chapters.get().pk}
    for w in Work.objects.select_related("author").order_by("pk")
]))
""")
        )
        server = Server(archive, workers=args.workers)
        server.start()
        results, lock = [], threading.Lock()
        deadline = time.monotonic() + args.duration
        threads = [
            threading.Thread(target=run_client, args=(n, server, targets, deadline, results, lock))
            for n in range(args.clients)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
        server.stop()

        found = verify(archive)
        acknowledged = {(r["kind"], r["marker"]) for r in results if r["status"] == 302}
        missing = [m for kind, m in acknowledged if found[kind][m] == 0]
        duplicated = [m for kind in found for m, count in found[kind].items() if count > 1]
        server_errors = [r for r in results if isinstance(r["status"], int) and r["status"] >= 500]
        other = Counter(r["status"] for r in results if r["status"] not in (302,))
        seconds = [r["seconds"] for r in results]
        summary = {
            "database": args.database,
            "clients": args.clients,
            "duration_s": round(wall, 1),
            "requests": len(results),
            "requests_per_s": round(len(results) / wall, 1),
            "acknowledged_reviews": sum(1 for kind, _ in acknowledged if kind == "review"),
            "acknowledged_chapters": sum(1 for kind, _ in acknowledged if kind == "chapter"),
            "double_posts": len(results) - len({(r["kind"], r["marker"]) for r in results}),
            "missing": len(missing),
            "duplicated": len(duplicated),
            "5xx": len(server_errors),
            "other_statuses": dict(other),
            "latency_p50_ms": round(percentile(seconds, 0.5) * 1000),
            "latency_p95_ms": round(percentile(seconds, 0.95) * 1000),
            "latency_max_ms": round(max(seconds, default=0) * 1000),
        }
        print(json.dumps(summary, indent=2))
        ok = not missing and not duplicated and not server_errors and not other
        print("PASS" if ok else "FAIL")
        raise SystemExit(0 if ok else 1)
    finally:
        archive.drop()


if __name__ == "__main__":
    main()
