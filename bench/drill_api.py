"""Drill: the JSON API as clients meet it, through a real `quire serve` (gunicorn) on a throwaway archive.

First the requests of issue #20 that gunicorn once refused or answered in HTML (a search of 500 CJK
characters, 30 tags of 150 characters, the longest address the OpenAPI document allows, a method an address
does not take, an unknown API address): each must reach the archive and be answered in JSON. Then
schemathesis (the CLI, as a client would run it) against the served document, as a guest and with a
token: every phase, stateful included (it follows the document's links from a new work to its chapters),
and every check, with bench/drill_api.toml and bench/drill_api_hooks.py.

    .venv/bin/python bench/drill_api.py                  # 60 s of schemathesis per identity, on SQLite
    .venv/bin/python bench/drill_api.py --duration 20 --database postgres

Bounded: each schemathesis run has --duration seconds (and is stopped by id past twice that); the server and
the archive are stopped and removed by id. Exit status 1 if any request or check failed.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import requests
from drill_common import Archive, Server

HERE = Path(__file__).resolve().parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
PHASES = "examples,coverage,fuzzing,stateful"
# One worker: with two threads, Python 3.11's ast module (which Hypothesis uses to describe its strategies)
# once failed inside schemathesis with "AST constructor recursion depth mismatch", a CPython race.
# Generous API limits: the drill checks what the API answers, not its rate limits (tests/test_api.py does).
API_RATES = {"API_RATE_ANON": "100000/min", "API_RATE_TOKEN": "100000/min", "API_RATE_WRITE": "100000/min"}

SEED = """
from quire.accounts.services import create_user
from quire.api.services import create_token
from quire.works import services
writer = create_user(username="drill", email="drill@example.org", password="drill-password-long")
work = services.create_work(
    author=writer,
    work=services.WorkFields(
        title="Exit Ramps", rating="teen", fandoms=["Gilmore Girls"], relationships=["Jess Mariano/Rory Gilmore"],
        warnings=["none_apply"], text_format="plain", language="ja",
    ),
    chapter=services.ChapterFields(body="狼の夢を見た。", text_format="plain"),
    post=True,
)
services.add_chapter(work=work, user=writer, fields=services.ChapterFields(body="Later."), post=False)
print(create_token(user=writer, name="drill")[1])
"""


def issue_requests(base: str, token: str) -> list[tuple[str, str, str, dict, bytes | None, int]]:
    """(what, method, address, headers, body, expected status) for the requests the issue names."""
    auth = {"Authorization": f"Bearer {token}"}
    document = requests.get(f"{base}/api/v1/openapi.json", timeout=30).json()
    q = document["paths"]["/api/v1/works/search"]["get"]["parameters"]
    longest_q = next(p for p in q if p["name"] == "q")["schema"]["maxLength"]
    tags = next(p for p in q if p["name"] == "tag")["schema"]
    widest = "\U0002a6a5"  # 12 bytes percent-encoded: the most a character takes
    longest = urlencode(
        [("q", widest * longest_q)]
        + [(name, widest * tags["items"]["maxLength"]) for name in ("tag", "exclude_tag") for _ in range(30)]
    )
    return [
        ("search of 500 CJK characters", "GET", f"/api/v1/works/search?q={quote('狼' * 500)}", {}, None, 200),
        (
            "30 tags of 150 characters",
            "GET",
            "/api/v1/works?" + urlencode([("tag", "x" * 150)] * 30),
            {},
            None,
            200,
        ),
        ("the longest search the document allows", "GET", f"/api/v1/works/search?{longest}", auth, None, 200),
        ("an address longer than any it allows", "GET", "/api/v1/works?x=" + "a" * 200_000, {}, None, 414),
        ("DELETE /api/v1/works", "DELETE", "/api/v1/works", auth, None, 405),
        ("PATCH /api/v1/me", "PATCH", "/api/v1/me", auth, b"{}", 405),
        ("an unknown API address", "GET", "/api/v1/no/such/thing", {}, None, 404),
        ("a body that is not JSON", "POST", "/api/v1/works", auth, b"{not json", 400),
        ("a header of 20,000 bytes", "GET", "/api/v1/me", {**auth, "X-Long": "a" * 20_000}, None, 200),
    ]


def check_issue_requests(base: str, token: str) -> list[str]:
    failures = []
    print("Requests of issue #20, through gunicorn:")
    for what, method, address, headers, body, expected in issue_requests(base, token):
        content_type = {"Content-Type": "application/json"} if body is not None else {}
        response = requests.request(
            method, base + address, headers={**headers, **content_type}, data=body, timeout=60
        )
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        ok = response.status_code == expected and is_json
        print(f"  {'ok  ' if ok else 'FAIL'} {what} ({len(address):,} bytes): {response.status_code}, "
              f"{response.headers.get('Content-Type', '?')}")  # fmt: skip
        if not ok:
            failures.append(f"{what}: {response.status_code} {response.text[:200]}")
    return failures


def run_schemathesis(base: str, who: str, headers: dict, duration: int, log: Path, folder: Path) -> bool:
    command = [
        str(SCHEMATHESIS), "--config-file", str(HERE / "drill_api.toml"), "run", f"{base}/api/v1/openapi.json",
        "--phases", PHASES, "--checks", "all", "--max-time", str(duration), "--workers", "1",
        "--generation-database", "none", "--no-color",
        *[option for name, value in headers.items() for option in ("-H", f"{name}: {value}")],
    ]  # fmt: skip
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "drill_api_hooks", "PYTHONPATH": str(HERE)}
    started = time.monotonic()
    with open(log, "w") as output:
        # In the archive's folder: Hypothesis writes its .hypothesis/ where it runs, and the folder goes.
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=folder)
        try:
            code = process.wait(timeout=2 * duration + 120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = "killed: over its time"
    lines = log.read_text().splitlines()
    summary = [
        line for line in lines if line.strip().startswith(("✅", "❌", "⏭", "🚫")) or "generated," in line
    ]
    links = [line.strip() for line in lines if "API Links:" in line]
    print(f"schemathesis as {who}: exit {code} in {time.monotonic() - started:.0f} s; {' / '.join(links)}")
    for line in summary:
        print("   ", line.strip())
    if code != 0:
        print(f"    the full report: {log}")
    return code == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=int, default=60, help="seconds of schemathesis per identity")
    args = parser.parse_args()

    archive = Archive(args.database, "api", production=True)
    archive.env.update(API_RATES)
    server = None
    try:
        token = archive.python(SEED).strip().splitlines()[-1]
        server = Server(archive)
        print(f"Server up in {server.start():.1f} s on {server.base} ({args.database})")
        failures = check_issue_requests(server.base, token)
        for who, headers in (("a guest", {}), ("a token", {"Authorization": f"Bearer {token}"})):
            # Outside the archive's folder, which is removed at the end: a failure's report stays.
            log = archive.folder.parent / f"quire-drill-api-{who.split()[-1]}-{os.getpid()}.log"
            if run_schemathesis(server.base, who, headers, args.duration, log, archive.folder):
                log.unlink()
            else:
                failures.append(f"schemathesis as {who}: see {log}")
        print(json.dumps({"failures": failures}, ensure_ascii=False, indent=1))
        return 1 if failures else 0
    finally:
        if server is not None and server.process is not None:
            server.stop()
        archive.drop()


if __name__ == "__main__":
    sys.exit(main())
