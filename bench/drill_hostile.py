"""Drill: the hostile requests of issue #17, sent at once for 60 s to a real `quire serve`.

A throwaway production-mode archive (bench/hostile_archive.py: a 500,000-word work, a one-paragraph
100,000-word work, a reply chain 100 deep, ...) is served by `quire serve --with-worker` on 127.0.0.1 only.
`--clients` attackers (default 2, as many as the default web processes) send every kind of hostile request
below, each attacker always picking the kind sent least so far, while a prober asks for the home page
four times a second. At the end: per kind, how many were sent, the worst time and the statuses; any 5xx
or connection failure is flagged, and the home page's p50/p95 is compared with the goal (200 ms).

    .venv/bin/python bench/drill_hostile.py                      # 60 s, 2 attackers
    .venv/bin/python bench/drill_hostile.py --duration 20 --only 'search|api-'

Bounded: attackers start nothing after --duration, and a request gets at most REQUEST_TIMEOUT (gunicorn
kills a request at 30 s anyway); the server, its worker and the archive are stopped and removed by id.
Exit status 1 if any request got a 5xx or no answer, or the home page's p95 missed the goal.
"""

import argparse
import io
import json
import re
import sys
import threading
import time
import uuid
import zipfile
from collections import Counter, defaultdict

import requests
from drill_common import Server, percentile
from hostile_archive import build

REQUEST_TIMEOUT = 40  # s; gunicorn's own worker timeout is 30 s
HOME_GOAL = 0.200  # s, the issue's goal for the home page's p95 while under attack
PROBE_EVERY = 0.25  # s between home page requests
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

ISSUE_QUERY = "the said she he was had it Rory coffee quickly diner Luke never again really very"


# --- Hostile payloads ------------------------------------------------------------------------------------


def html_file(kilobytes: int) -> bytes:
    paragraph = b"<p>Rory said she was going to the diner for coffee.</p>\n"
    return b"<html><head><title>T</title></head><body>" + paragraph * (kilobytes * 1024 // len(paragraph))


def docx_file(paragraphs: int) -> bytes:
    document = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p/>" * paragraphs
        + b"</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": document,
        }
    )


def malformed_epub() -> bytes:
    """An EPUB whose one page is not well-formed XML and carries an <svg:svg> (finding 11)."""
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles>'
        "</container>"
    )
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Broken</dc:title>'
        '<dc:identifier id="id">x</dc:identifier><dc:language>en</dc:language></metadata>'
        '<manifest><item href="page.xhtml" id="p" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="p"/></spine></package>'
    )
    page = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Rory <b>said<svg:svg width="1">'
        "<svg:rect/></svg:svg><p>unclosed & bare</body>"
    )
    return _zip(
        {"META-INF/container.xml": container, "content.opf": opf, "page.xhtml": page},
        mimetype=True,
    )


def _zip(entries: dict, mimetype: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype:
            archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- The kinds: each a list of variants; a variant is a function (attacker) -> requests.Response ---------------


def kinds(manifest: dict) -> dict[str, list]:
    works = manifest["works"]
    long_work, paragraph, mid, chain = (
        works["long"],
        works["paragraph"],
        works["mid_paragraph"],
        works["chain"],
    )
    ordinary = works["ordinary"]
    chain_chapter = chain["chapters"][0]
    prefixes = " ".join(["a*"] * 32)
    files = {
        "html-60k": ("story.html", html_file(60)),
        "html-200k": ("story.html", html_file(200)),
        "html-2m": ("story.html", html_file(2048)),
        "docx": ("story.docx", docx_file(200_000)),
    }
    epub = malformed_epub()
    big_upload = b"x" * (3 * 1024 * 1024)

    def get(path, **kw):
        return lambda a: a.guest.get(a.base + path, timeout=REQUEST_TIMEOUT, **kw)

    def api_get(path):
        return lambda a: a.member.get(
            a.base + path, headers={"Authorization": f"Bearer {a.token}"}, timeout=REQUEST_TIMEOUT
        )

    def chapter_import(name):
        def send(a):
            filename, content = files[name]
            return a.post_member(
                f"/works/{a.own['id']}/chapters/new",
                {"action": "import", "body": "typed before"},
                files={"file": (filename, content)},
            )

        return send

    def autosave(key, size):
        def send(a):
            real_key = key.replace("{own}", str(a.own["chapters"][0])).replace(
                "{random}", uuid.uuid4().hex[:12]
            )
            return a.post_member(f"/autosave/{real_key}", {"body": "w" * size, "title": "autosaved"})

        return send

    def api_dots(count):
        def send(a):
            return a.member.post(
                f"{a.base}/api/v1/works/{a.own['id']}/chapters",
                data=json.dumps({"body": "." * count, "text_format": "plain", "post": True}),
                headers={"Authorization": f"Bearer {a.token}", "Content-Type": "application/json"},
                timeout=REQUEST_TIMEOUT,
            )

        return send

    return {
        # 1: snippets grow with the square of the terms
        "search-long": [get("/works/search", params={"q": ISSUE_QUERY})],
        "search-prefix": [api_get(f"/api/v1/works/search?q={'+'.join(['a*'] * n)}") for n in (4, 8, 32)]
        + [get("/works/search", params={"q": prefixes})],
        # 2: POST search escapes the limit, and leaves its upload behind when killed
        "search-post-3mb": [
            lambda a: a.post_guest(
                "/works/search?q=" + requests.utils.quote(ISSUE_QUERY),
                {"q": ISSUE_QUERY},
                files={"padding": ("padding.bin", big_upload)},
            )
        ],
        # 3: synonym expansion builds the whole product
        "search-synonyms": [get("/works/search", params={"q": " ".join(["Rory"] * n)}) for n in (16, 21, 32)]
        + [api_get("/api/v1/works/search?q=" + "+".join(["Rory"] * 21))],
        # 4: PDF of a one-paragraph work (and the long work's files), as a guest
        "pdf-paragraph": [
            get(f"/downloads/{paragraph['id']}/{paragraph['downloads']['pdf']}"),
            get(f"/downloads/{mid['id']}/{mid['downloads']['pdf']}"),
        ],
        "download-long": [
            get(f"/downloads/{long_work['id']}/{long_work['downloads'][fmt]}")
            for fmt in ("epub", "pdf", "html")
        ],
        # 5: a reply chain 100 deep
        "reply-chain": [
            get(f"/works/{chain['id']}"),
            get(f"/works/{chain['id']}/chapters/{chain_chapter}"),
            get(f"/works/{chain['id']}/reviews"),
        ],
        # The long work read whole (not a finding; the budget covers it)
        "long-work-pages": [
            get(f"/works/{long_work['id']}?view_full_work=true"),
            get(f"/works/{long_work['id']}/chapters/{long_work['chapters'][-1]}"),
            get(f"/works/{paragraph['id']}"),
        ],
        # 6: quadratic import regexes
        "import-html": [chapter_import("html-60k"), chapter_import("html-200k"), chapter_import("html-2m")],
        "import-docx": [chapter_import("docx")],
        # 7: beta read of a 505,000-character chapter
        "beta-read": [
            lambda a: a.member.get(
                f"{a.base}/works/{a.own['id']}/chapters/{a.own['chapters'][0]}/beta-read",
                timeout=REQUEST_TIMEOUT,
            )
        ],
        # 8: autosave to any key, of any size
        "autosave": [
            autosave("new-work", 7 * 1024 * 1024),
            autosave("zz-{random}", 1024 * 1024),
            autosave("chapter-abc", 10),
            autosave("chapter-", 10),
            autosave("chapter-{own}", 3 * 1024 * 1024),
        ],
        # 9: hits by reloading (counted after the run)
        "hits-reload": [get(f"/works/{ordinary['id']}")],
        # 10: unthrottled password resets and guest reports
        "password-reset": [
            lambda a: a.post_guest("/account/password/reset", {"email": a.manifest["member_emails"][0]})
        ],
        "guest-report": [
            lambda a: a.post_guest(
                f"/report/work/{ordinary['id']}",
                {"reason": "spam", "details": "Drill report " + uuid.uuid4().hex, "email": "x@example.org"},
            )
        ],
        # 11: a malformed EPUB
        "import-epub-bad": [
            lambda a: a.post_member("/works/new", {"action": "import"}, files={"file": ("broken.epub", epub)})
        ],
        # 13: "." * 60000 through the API
        "api-dots": [api_dots(60_000), api_dots(20_000)],
    }


class Attacker:
    """One hostile client: a guest session (with a CSRF cookie) and a member's session and API token."""

    def __init__(self, number: int, base: str, manifest: dict):
        self.base, self.manifest = base, manifest
        member = number % len(manifest["members"])
        self.token = manifest["tokens"][member]
        self.own = manifest["works"]["own"][member]
        self.guest = requests.Session()
        self.guest.get(base + "/account/login", timeout=REQUEST_TIMEOUT)
        self.member = requests.Session()
        page = self.member.get(base + "/account/login", timeout=REQUEST_TIMEOUT).text
        response = self.member.post(
            base + "/account/login",
            {
                "username": manifest["members"][member],
                "password": manifest["password"],
                "csrfmiddlewaretoken": _CSRF.search(page).group(1),
            },
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login failed: {response.status_code}")

    def _post(self, session, path, data, files=None):
        data = {**data, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
        return session.post(
            self.base + path, data, files=files, allow_redirects=False, timeout=REQUEST_TIMEOUT
        )

    def post_guest(self, path, data, files=None):
        return self._post(self.guest, path, data, files)

    def post_member(self, path, data, files=None):
        return self._post(self.member, path, data, files)


class Scheduler:
    """Hands each attacker the kind sent least so far (in flight included), and that kind's next variant."""

    def __init__(self, table: dict[str, list]):
        self.table, self.sent, self.lock = table, Counter({name: 0 for name in table}), threading.Lock()

    def next(self):
        with self.lock:
            order = list(self.table)
            name = min(order, key=lambda n: (self.sent[n], order.index(n)))
            variants = self.table[name]
            variant = variants[self.sent[name] % len(variants)]
            self.sent[name] += 1
            return name, variant


def attack(attacker, scheduler, deadline, results, lock):
    while time.monotonic() < deadline:
        name, variant = scheduler.next()
        started = time.monotonic()
        try:
            status = variant(attacker).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        with lock:
            results[name].append((status, time.monotonic() - started))


def probe(base, stop, seconds, failures):
    session = requests.Session()
    while not stop.is_set():
        started = time.monotonic()
        try:
            status = session.get(base + "/", timeout=REQUEST_TIMEOUT).status_code
            if status != 200:
                failures.append(status)
        except requests.RequestException as error:
            failures.append(type(error).__name__)
        seconds.append(time.monotonic() - started)
        stop.wait(max(0, PROBE_EVERY - (time.monotonic() - started)))


def counts(archive, manifest) -> dict:
    """What the requests left behind, read from the archive."""
    out = archive.python(f"""
import json
from quire.insights.models import ReadEvent, WorkDay
from quire.moderation.models import Report
from quire.works.models import Autosave
from django.db.models import Sum
work = {manifest["works"]["ordinary"]["id"]}
print(json.dumps({{
    "page views (ReadEvent rows) of the reloaded work": ReadEvent.objects.filter(work_id=work).count(),
    "hits (WorkDay) of the reloaded work": WorkDay.objects.filter(work_id=work).aggregate(n=Sum("hits"))["n"] or 0,
    "guest reports filed": Report.objects.count(),
    "autosaves kept": Autosave.objects.count(),
}}))
""")
    found = json.loads(out)
    found["password reset emails sent"] = sum(
        "Reset your password" in path.read_text(errors="replace")
        for path in (archive.folder / "mail").glob("*")
    )
    found["database size (MB)"] = round(
        sum(p.stat().st_size for p in archive.folder.glob("quire.sqlite3*")) / 1e6, 1
    )
    found["temporary upload files left"] = len(list((archive.folder / "tmp").glob("*")))
    return found


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds of attack (default 60)")
    parser.add_argument("--clients", type=int, default=2, help="attackers sending at once (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn web processes (default 2)")
    parser.add_argument("--only", default="", help="only the kinds whose name matches this regex")
    args = parser.parse_args()

    print("Building the hostile archive ...", flush=True)
    archive, manifest = build("drill-hostile")
    server = None
    try:
        (archive.folder / "tmp").mkdir()
        # Upload temporary files go here, so any left behind by a killed process are counted.
        archive.env["TMPDIR"] = str(archive.folder / "tmp")
        table = {name: v for name, v in kinds(manifest).items() if re.search(args.only, name)}
        if not table:
            raise SystemExit(f"No kind matches {args.only!r}")
        server = Server(archive, workers=args.workers, with_worker=True)
        server.start(timeout=180)  # collectstatic and gunicorn start slowly on a busy machine
        before = counts(archive, manifest)
        print(
            f"Archive built in {manifest['build_seconds']} s; serving on {server.base}; "
            f"{args.clients} attackers for {args.duration:g} s over {len(table)} kinds.",
            flush=True,
        )
        attackers = [Attacker(n, server.base, manifest) for n in range(args.clients)]
        scheduler = Scheduler(table)
        results, lock = defaultdict(list), threading.Lock()
        home_seconds, home_failures, stop = [], [], threading.Event()
        prober = threading.Thread(target=probe, args=(server.base, stop, home_seconds, home_failures))
        began = time.monotonic()
        deadline = began + args.duration
        threads = [
            threading.Thread(target=attack, args=(a, scheduler, deadline, results, lock), daemon=True)
            for a in attackers
        ]
        prober.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
        stop.set()
        prober.join(timeout=REQUEST_TIMEOUT + 5)
        wall = time.monotonic() - began
        alive = _alive(server.base)
        reloads = _reloads(archive, manifest, server.base) if alive else None
        server.stop()
        server = None
        after = counts(archive, manifest)
        failed = _report(table, results, home_seconds, home_failures, wall, alive, before, after, archive)
        if reloads is not None:
            print(
                f"100 reloads of a work page by one guest, after the attack: page views recorded {reloads:+d}"
            )
        print("PASS" if not failed else "FAIL")
        raise SystemExit(1 if failed else 0)
    finally:
        if server is not None:
            server.stop()
        archive.drop()


def _reloads(archive, manifest, base) -> int:
    """Finding 9: one guest reloading a work page 100 times should count once (per day), not 100 times."""
    key = "page views (ReadEvent rows) of the reloaded work"
    before = counts(archive, manifest)[key]
    guest, path = requests.Session(), f"/works/{manifest['works']['ordinary']['id']}"
    give_up = time.monotonic() + 60  # the drill stays bounded even if the server is crawling
    for _ in range(100):
        if time.monotonic() > give_up:
            break
        guest.get(base + path, timeout=10)
    return counts(archive, manifest)[key] - before


def _alive(base) -> bool:
    try:
        return requests.get(base + "/", timeout=10).status_code == 200
    except requests.RequestException:
        return False


def _report(table, results, home_seconds, home_failures, wall, alive, before, after, archive) -> bool:
    rows, failed = [], False
    for name in table:
        sent = results.get(name, [])
        statuses = Counter(str(status) for status, _ in sent)
        bad = [s for s, _ in sent if not isinstance(s, int) or s >= 500]
        failed |= bool(bad)
        worst = max((seconds for _, seconds in sent), default=None)
        rows.append(
            (
                name,
                str(len(sent)),
                f"{worst:.2f}" if worst is not None else "-",
                " ".join(f"{s}×{n}" for s, n in sorted(statuses.items())) or "not reached",
                "5xx/FAILED" if bad else "",
            )
        )
    header = ("kind", "sent", "worst s", "statuses", "flag")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\nHostile drill: {wall:.0f} s\n")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    p50, p95 = percentile(home_seconds, 0.5), percentile(home_seconds, 0.95)
    worst = max(home_seconds, default=0)
    over = p95 > HOME_GOAL
    print(
        f"\nHome page meanwhile: {len(home_seconds)} requests, p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms (goal {HOME_GOAL * 1000:.0f} ms{', OVER' if over else ''}), "
        f"worst {worst:.2f} s, failures {len(home_failures)} {dict(Counter(map(str, home_failures)))}"
    )
    print(f"Server answering at the end: {'yes' if alive else 'NO'}")
    log = (archive.folder / "server.log").read_text(errors="replace")
    print(
        f"Server log: {log.count('WORKER TIMEOUT')} worker timeouts (killed requests), "
        f"{log.count('The worker stopped')} background worker exits"
    )
    print("Left behind (before -> after):")
    for key in after:
        print(f"  {key}: {before.get(key)} -> {after[key]}")
    return failed or over or bool(home_failures) or not alive


if __name__ == "__main__":
    sys.exit(main())
