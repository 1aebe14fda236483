"""Budgets (issue #17): every kind of guest page and member action timed against its budget on the hostile
archive (bench/hostile_archive.py: a 500,000-word work, a one-paragraph 100,000-word work, ...).

Budgets: a guest request under 1 s of server time; a member request (posting, importing, beta read, download)
under 2 s, or handed to the worker (a 202 progress page). Each kind is asked REPEAT times in turn from a real
`quire serve` on 127.0.0.1 (no background worker, so nothing else runs meanwhile); its worst time is compared
with the budget. A request gunicorn kills (30 s) shows as "killed".

    .venv/bin/python bench/budgets.py
    .venv/bin/python bench/budgets.py --repeat 1 --only 'search|api'

Each GET kind's queries are counted too, once in-process before the timings (a cold cache).

Exit status 1 if any kind is over its budget or answered 5xx.
"""

import argparse
import json
import re
import statistics
import sys
import time
import uuid
from functools import partial
from urllib.parse import quote

import requests
from drill_common import Server
from drill_hostile import REQUEST_TIMEOUT, Attacker, docx_file, html_file, malformed_epub
from hostile_archive import build

GUEST, MEMBER = 1.0, 2.0
ISSUE_QUERY = "the said she he was had it Rory coffee quickly diner Luke never again really very"
TWELVE = "Rory coffee diner Luke said she was quickly never again really very"


def checks(manifest: dict) -> list[tuple[str, float, object]]:
    """(kind, budget, send(client) -> response)."""
    works = manifest["works"]
    long_work, paragraph, mid = works["long"], works["paragraph"], works["mid_paragraph"]
    chain, ordinary = works["chain"], works["ordinary"]
    writer = manifest["writer"]
    body_10k = " ".join(["Rory said she was going to the diner for coffee."] * 1000)

    collection = manifest["collection"]
    fest = f"/collections/{collection['name']}"
    get, member_get = Get, partial(Get, who="member")
    imported, sid = manifest["imported"], manifest["imported"]["source_id"]
    # The redirect alone (301), not the page it leads to, which is timed as its own kind.
    old_link = partial(Get, follow=False)

    def api(path):
        return get("/api/v1" + path)

    def search(q):
        return get("/works/search?q=" + quote(q))

    def api_post_chapter(body):
        return lambda c: c.member.post(
            f"{c.base}/api/v1/works/{c.own['id']}/chapters",
            json={"body": body, "text_format": "plain", "post": True},
            headers={"Authorization": f"Bearer {c.token}"},
            timeout=REQUEST_TIMEOUT,
        )

    def chapter_import(name, content):
        return lambda c: c.post_member(
            f"/works/{c.own['id']}/chapters/new",
            {"action": "import", "body": "typed before"},
            files={"file": (name, content)},
        )

    def download(work, fmt, who="guest"):
        path = f"/downloads/{work['id']}/{work['downloads'][fmt]}"
        return get(path) if who == "guest" else member_get(path)

    guest = [
        ("home", get("/")),
        ("works index", get("/works")),
        ("works index, page 2, sorted by words", get("/works?page=2&sort=words")),
        ("work page", get(f"/works/{ordinary['id']}")),
        ("long work: landing", get(f"/works/{long_work['id']}")),
        ("long work: full-work page", get(f"/works/{long_work['id']}?view_full_work=true")),
        ("long work: last chapter", get(f"/works/{long_work['id']}/chapters/{long_work['chapters'][-1]}")),
        ("long work: navigate", get(f"/works/{long_work['id']}/navigate")),
        ("one-paragraph work page", get(f"/works/{paragraph['id']}")),
        ("reply chain: work page", get(f"/works/{chain['id']}")),
        ("reply chain: chapter page", get(f"/works/{chain['id']}/chapters/{chain['chapters'][0]}")),
        ("reply chain: reviews page", get(f"/works/{chain['id']}/reviews")),
        ("search: one word", search("coffee")),
        ("search: twelve words", search(TWELVE)),
        ("search: the issue's 16 words", search(ISSUE_QUERY)),
        ("search: 32 prefix terms a*", search(" ".join(["a*"] * 32))),
        ("search: Rory x21 (synonym)", search(" ".join(["Rory"] * 21))),
        ("search: Rory x32 (synonym)", search(" ".join(["Rory"] * 32))),
        ("search: phrase and filters", get('/works/search?q="said+she"&rating=general&sort=hits')),
        ("tag page", get("/tags/Rory Gilmore")),
        ("tag works", get("/tags/Rory Gilmore/works")),
        ("synonym tag works", get("/tags/Rory/works")),
        ("fandom tag works", get("/tags/Gilmore Girls/works")),
        ("media index", get("/media")),
        ("profile", get(f"/users/{writer}")),
        ("author works", get(f"/users/{writer}/works")),
        ("feed: tag", get("/tags/Gilmore Girls/feed.atom")),
        ("feed: author", get(f"/users/{writer}/works/feed.atom")),
        ("feed: long work's chapters", get(f"/works/{long_work['id']}/chapters/feed.atom")),
        ("OPDS root", get("/opds/")),
        ("OPDS recent", get("/opds/recent")),
        ("OPDS search: the issue's 16 words", get("/opds/search?q=" + quote(ISSUE_QUERY))),
        ("OPDS tag", get("/opds/tags/Gilmore Girls")),
        ("API works", api("/works")),
        ("API search: 8 prefix terms a*", api("/works/search?q=" + "+".join(["a*"] * 8))),
        ("API search: 32 prefix terms a*", api("/works/search?q=" + "+".join(["a*"] * 32))),
        ("API search: Rory x21", api("/works/search?q=" + "+".join(["Rory"] * 21))),
        ("API tag works", api("/tags/Rory Gilmore/works")),
        ("API user works", api(f"/users/{writer}/works")),
        ("API long work", api(f"/works/{long_work['id']}")),
        ("API long work's chapters", api(f"/works/{long_work['id']}/chapters")),
        (
            "API long work's last chapter",
            api(f"/works/{long_work['id']}/chapters/{long_work['chapters'][-1]}"),
        ),
        ("download: work EPUB", download(ordinary, "epub")),
        ("download: long work EPUB", download(long_work, "epub")),
        ("download: long work HTML", download(long_work, "html")),
        ("download: long work TXT", download(long_work, "txt")),
        ("download: long work PDF", download(long_work, "pdf")),
        ("download: one-paragraph work PDF", download(paragraph, "pdf")),
        ("download: 30,000-word paragraph PDF", download(mid, "pdf")),
        ("collections index", get("/collections")),
        ("collection: 3,000 works, 200 subcollections", get(fest)),
        ("collection: page 50, sorted by words", get(fest + "?page=50&sort=words")),
        ("collection: filtered by a tag", get(fest + "?tag=Coffee")),
        ("subcollection", get(f"/collections/{collection['subcollection']}")),
        ("collection bookmarks: 3,000", get(fest + "/bookmarks")),
        ("collection bookmarks: page 100", get(fest + "/bookmarks?page=100")),
        ("feed: collection", get(fest + "/works.atom")),
        ("OPDS collections", get("/opds/collections")),
        ("OPDS collection", get(f"/opds{fest}")),
        ("prompts: 3,000", get(fest + "/prompts")),
        ("prompts: last page", get(fest + "/prompts?page=150")),
        ("prompts: filled", get(fest + "/prompts?status=filled")),
        ("prompts: unclaimed", get(fest + "/prompts?status=unclaimed")),
        ("prompt: 500 claims, 300 fills", get(f"{fest}/prompts/{collection['busy_prompt']}")),
        (f"claim page: imported author of {imported['works']:,} works", get(imported["claim"])),
        ("claim page: a link used or never sent", get("/claim/" + "x" * 43)),
        ("old link: viewstory.php", old_link(f"/viewstory.php?sid={sid}")),
        ("old link: viewstory.php, chapter 2", old_link(f"/viewstory.php?sid={sid}&chapter=2")),
        ("old link: viewuser.php", old_link(f"/viewuser.php?uid={sid}")),
        ("old link: viewseries.php", old_link(f"/viewseries.php?seriesid={sid}")),
        ("old link: browse.php category", old_link(f"/browse.php?type=categories&catid={sid}")),
        ("old link: reviews.php story", old_link(f"/reviews.php?type=ST&item={sid}")),
        ("old link: reviews.php review", old_link(f"/reviews.php?reviewid={sid}")),
        ("old link: never imported", old_link("/viewstory.php?sid=987654321")),
        (
            "guest: password reset",
            lambda c: c.post_guest("/account/password/reset", {"email": manifest["member_emails"][0]}),
        ),
        (
            "guest: report a work",
            lambda c: c.post_guest(
                f"/report/work/{ordinary['id']}",
                {"reason": "spam", "details": "Budget " + uuid.uuid4().hex, "email": "x@example.org"},
            ),
        ),
    ]
    member = [
        (
            "post a chapter (form, 10,000 words)",
            lambda c: c.post_member(
                f"/works/{c.own['id']}/chapters/new",
                {"body": body_10k, "text_format": "plain", "action": "post", "token": uuid.uuid4().hex},
            ),
        ),
        ("post a chapter (API, 10,000 words)", api_post_chapter(body_10k)),
        ('post a chapter (API, "." x 60,000)', api_post_chapter("." * 60_000)),
        (
            "post a review",
            lambda c: c.post_member(
                f"/works/{ordinary['id']}/chapters/{ordinary['chapters'][0]}/reviews",
                {"body": "Lovely. " + uuid.uuid4().hex, "token": uuid.uuid4().hex},
            ),
        ),
        ("import: 200 KB of <p>", chapter_import("story.html", html_file(200))),
        ("import: .docx of 200,000 paragraphs", chapter_import("story.docx", docx_file(200_000))),
        (
            "import: malformed EPUB",
            lambda c: c.post_member(
                "/works/new", {"action": "import"}, files={"file": ("b.epub", malformed_epub())}
            ),
        ),
        (
            "beta read: 505,000 characters",
            lambda c: c.member.get(
                f"{c.base}/works/{c.own['id']}/chapters/{c.own['chapters'][0]}/beta-read",
                timeout=REQUEST_TIMEOUT,
            ),
        ),
        (
            "autosave: 7 MB",
            lambda c: c.post_member("/autosave/new-work", {"body": "w" * (7 * 1024 * 1024)}),
        ),
        ("member download: long work EPUB", download(long_work, "epub", who="member")),
        (
            "member: full-work page of the long work",
            member_get(f"/works/{long_work['id']}?view_full_work=true"),
        ),
        # hostile0 owns the collection: its pages as a maintainer sees them, and the maintainers' own.
        ("maintainer: collection", member_get(fest)),
        ("maintainer: collection bookmarks", member_get(fest + "/bookmarks")),
        ("maintainer: manage", member_get(fest + "/manage")),
        ("maintainer: settings", member_get(fest + "/edit")),
        (
            "member: a work in 201 collections",
            member_get(f"/works/{manifest['works']['own'][0]['id']}/collections"),
        ),
        ("maintainer: exchange set-up", member_get(fest + "/exchange/setup")),
        ("member: exchange sign-up form", member_get(fest + "/signups/new")),
        ("maintainer: 2,000 sign-ups", member_get(fest + "/signups")),
        ("maintainer: 2,000 sign-ups, page 100", member_get(fest + "/signups?page=100")),
        ("maintainer: sign-up summary", member_get(fest + "/signups/summary")),
        ("maintainer: 2,000 assignments", member_get(fest + "/assignments")),
        ("maintainer: an assignment", member_get(f"{fest}/assignments/{collection['assignment']}")),
        ("member: 300 pinch hits", member_get(fest + "/pinch_hits")),
        ("maintainer: prompt meme set-up", member_get(fest + "/prompt_meme/setup")),
        ("maintainer: prompts", member_get(fest + "/prompts")),
        ("maintainer: prompt, 500 claims", member_get(f"{fest}/prompts/{collection['busy_prompt']}")),
        ("member: post a prompt form", member_get(fest + "/prompts/new")),
        ("member: 3,000 claims", member_get("/prompt_claims")),
    ]
    return [(name, GUEST, send) for name, send in guest] + [(name, MEMBER, send) for name, send in member]


class Get:
    """A GET as a guest or as hostile0 (the member session); its path and role are kept so the same kind can
    be asked again in-process to count its queries (query_counts)."""

    def __init__(self, path: str, who: str = "guest", follow: bool = True):
        self.path, self.who, self.follow = path, who, follow

    def __call__(self, client):
        session = client.guest if self.who == "guest" else client.member
        return session.get(client.base + self.path, timeout=REQUEST_TIMEOUT, allow_redirects=self.follow)


QUERY_COUNTER = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from quire.accounts.models import User

pages, member = json.loads(PAGES), User.objects.get(username=MEMBER)
guest, signed_in = Client(), Client()
signed_in.force_login(member)
counts = {}
for name, path, who in pages:
    with CaptureQueriesContext(connection) as queries:
        (guest if who == "guest" else signed_in).get(path)
    counts[name] = len(queries)
print("COUNTS" + json.dumps(counts))
"""


def query_counts(archive, manifest, kinds) -> dict[str, int]:
    """Each GET kind's queries, asked once in one process on the archive (a cold cache, as a first reader)."""
    pages = [(name, send.path, send.who) for name, _, send in kinds if isinstance(send, Get)]
    code = f"PAGES = {json.dumps(pages)!r}\nMEMBER = {manifest['members'][0]!r}\n" + QUERY_COUNTER
    return json.loads(archive.python(code).rsplit("COUNTS", 1)[1])


def measure(client, send, repeat: int, budget: float) -> tuple[list[float], list]:
    """Times `repeat` requests; one ten times over budget (or killed) is not repeated, to keep the run short."""
    seconds, statuses = [], []
    for _ in range(repeat):
        if seconds and seconds[-1] > 10 * budget:
            break
        started = time.monotonic()
        try:
            statuses.append(send(client).status_code)
        except requests.RequestException as error:
            statuses.append("killed" if isinstance(error, requests.ConnectionError) else type(error).__name__)
        seconds.append(time.monotonic() - started)
    return seconds, statuses


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="requests per kind (default 3)")
    parser.add_argument("--only", default="", help="only the kinds whose name matches this regex")
    parser.add_argument(
        "--no-queries", dest="queries", action="store_false", help="skip counting each page's queries"
    )
    args = parser.parse_args()

    print("Building the hostile archive ...", flush=True)
    archive, manifest = build("budgets")
    server = None
    try:
        server = Server(archive, workers=2)
        server.start(timeout=180)  # collectstatic and gunicorn start slowly on a busy machine
        client = Attacker(0, server.base, manifest)
        print(f"Archive built in {manifest['build_seconds']} s; timing {server.base}\n", flush=True)
        kinds = [
            (name, budget, send) for name, budget, send in checks(manifest) if re.search(args.only, name)
        ]
        queries = query_counts(archive, manifest, kinds) if args.queries else {}
        print(f"{'kind':<44} {'budget s':>8} {'median s':>8} {'worst s':>8} {'queries':>7}  {'statuses':<16}")
        print("-" * 108)
        over_any = False
        for name, budget, send in kinds:
            seconds, statuses = measure(client, send, args.repeat, budget)
            worst = max(seconds)
            failed = [s for s in statuses if not isinstance(s, int) or s >= 500]
            handed_off = budget == MEMBER and all(s == 202 for s in statuses)
            over = (worst > budget and not handed_off) or bool(failed)
            over_any |= over
            shown = " ".join(f"{s}×{n}" for s, n in _counted(statuses))
            mark = "OVER" if over else ("to worker" if handed_off else "")
            print(
                f"{name:<44} {budget:>8.0f} {statistics.median(seconds):>8.3f} {worst:>8.3f}"
                f" {queries.get(name, ''):>7}  {shown:<16} {mark}",
                flush=True,
            )
        print(
            "\nFAIL: some kinds are over their budget" if over_any else "\nPASS: every kind within its budget"
        )
        return 1 if over_any else 0
    finally:
        if server is not None:
            server.stop()
        archive.drop()


def _counted(statuses):
    out = {}
    for status in statuses:
        out[status] = out.get(status, 0) + 1
    return sorted(out.items(), key=lambda item: str(item[0]))


if __name__ == "__main__":
    sys.exit(main())
