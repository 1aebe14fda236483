"""The XSS corpus, typed into every field users write through the site's own forms, shown in headless Chromium
on every page that shows those fields: no dialog opens, no payload logs, nothing trips the CSP. A second pass
strips the CSP header, so the sanitizer and the templates are proven on their own.
"""

import html
import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from factories import UserFactory
from task_queue import run_worker
from xss_corpus import FIELDS, packed
from xss_corpus import VECTORS as CORPUS

from quire.core.text import TextFormat
from quire.feedback.models import Review
from quire.follows.models import Notification
from quire.works.models import Work

pytestmark = pytest.mark.browser

# As in tests/browser/conftest.py (two modules named conftest cannot both be imported by that name).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

# Django's forms refuse null characters outright (tested in test_xss_corpus.py), so here they are left out.
VECTORS = list(dict.fromkeys(vector.replace("\x00", "") for vector in CORPUS))
VECTORS_PER_CHAPTER = 25
# Runs before any page script: a CSP violation means something tried to run or load, so it is reported.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""
# After load: what in the DOM could still run, whatever the parser made of the markup.
FIND_LIVE_MARKUP = """
() => {
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'cite', 'data', 'poster', 'background', 'xlink:href'];
  const own = (el) => el.tagName === 'SCRIPT' && (el.getAttribute('src') || '').startsWith('/static/');
  const found = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.tagName === 'SCRIPT' && !own(el)) found.push('script');
    for (const name of ['svg', 'math', 'iframe', 'object', 'embed', 'style', 'template']) {
      if (el.tagName.toLowerCase() === name) found.push(name);
    }
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (attr.name.startsWith('on') || attr.name.includes('hx-on') || attr.name === 'srcdoc'
          || attr.name === 'style' || attr.name === 'formaction') found.push(el.tagName + '[' + attr.name + ']');
      if (URL_ATTRIBUTES.includes(attr.name) && /^(javascript|vbscript|data):/.test(value)) found.push(el.tagName + '[' + attr.name + '=' + value + ']');
    }
  }
  return found;
}
"""


def _post(client, url, data, expect=302):
    response = client.post(url, data)
    errors = [
        (name, dict(response.context[name].errors))
        for name in ("form", "chapter_form")
        if response.context and name in response.context and response.context[name] is not None
    ]
    assert response.status_code == expect, (url, response.status_code, errors)
    return response


def _work_data(**overrides):
    data = {
        "title": "Hostile",
        "rating": "teen",
        "warnings": ["none_apply"],
        "fandoms": "XSS Fandom",
        "relationships": "",
        "characters": "",
        "additional_tags": "",
        "summary": "",
        "notes": "",
        "end_notes": "",
        "language": "en",
        "expected_chapters": "",
        "text_format": "plain",
        "review_policy": "everyone",
        "chapter-title": "",
        "chapter-summary": "",
        "chapter-notes": "",
        "chapter-body": "Story.",
        "chapter-end_notes": "",
        "action": "post",
    }
    data.update(overrides)
    return data


def _tag_names(vectors, limit=150):
    """The vectors a tag box accepts (no , ^ * < > { } = ` \\ %), one per tag."""
    from quire.tags.models import FORBIDDEN_TAG_CHARACTERS, normalize_tag_name

    names = {}
    for vector in vectors:
        name = normalize_tag_name(vector)[:limit]
        if name and not FORBIDDEN_TAG_CHARACTERS.search(name):
            names.setdefault(name.lower(), name)
    return list(names.values())


def seed_hostile_archive():
    """Every registered field, filled with the corpus through the forms; returns the pages to look at."""
    writer = UserFactory(username="xsswriter")
    writer_client = Client()
    writer_client.force_login(writer)
    # Follows the writer, so every hostile work and chapter title reaches an inbox.
    follower = UserFactory(username="xssfollower")
    follower_client = Client()
    follower_client.force_login(follower)
    _post(follower_client, reverse("follows:author_subscription", args=["xsswriter"]), {})
    cycle = itertools.cycle
    summaries, notes = cycle(packed(VECTORS, 1250)), cycle(packed(VECTORS, 5000))
    tag_names = _tag_names(VECTORS)
    tags = {
        kind: tag_names[i::4]
        for i, kind in enumerate(["fandoms", "relationships", "characters", "additional_tags"])
    }
    works = []

    # Works whose chapters carry the whole corpus, one work per text format.
    chapter_titles = cycle(packed(VECTORS, 255))
    for text_format in TextFormat:
        chunks = [VECTORS[i : i + VECTORS_PER_CHAPTER] for i in range(0, len(VECTORS), VECTORS_PER_CHAPTER)]
        for number, chunk in enumerate(chunks):
            fields = {
                "title": next(chapter_titles),
                "summary": next(summaries),
                "notes": next(notes),
                "body": "Story.\n\n" + "\n\n".join(chunk),
                "end_notes": next(notes),
                "text_format": text_format,
            }
            if number == 0:
                _post(writer_client, reverse("works:new"), _work_data(
                    title=f"Corpus in {text_format.label}", text_format=text_format,
                    summary=next(summaries), notes=next(notes), end_notes=next(notes),
                    **{f"chapter-{name}": value for name, value in fields.items() if name != "text_format"},
                ))  # fmt: skip
                work = Work.objects.latest("pk")
                works.append(work)
            else:
                _post(
                    writer_client, reverse("works:chapter_new", args=[work.pk]), {**fields, "action": "post"}
                )

    # Short fields, one work each: every vector in some work title, and every tag a tag box takes.
    for index, title in enumerate(packed(VECTORS, 255)):
        extra = {kind: ", ".join(names[index * 10 : index * 10 + 10]) for kind, names in tags.items()}
        extra["fandoms"] = ", ".join(filter(None, ["XSS Fandom", extra["fandoms"]]))
        _post(writer_client, reverse("works:new"), _work_data(
            title=title, summary=next(summaries), text_format=list(TextFormat)[index % 3], **extra,
        ))  # fmt: skip
        works.append(Work.objects.latest("pk"))

    # Readers: profiles, reviews, replies, bookmarks and reports, each carrying the corpus.
    target = works[0]
    chapter = target.chapters.order_by("position").first()
    review_url = reverse("feedback:review_create", args=[target.pk, chapter.pk])
    readers = []
    abouts, review_bodies = packed(VECTORS, 2000), packed(VECTORS, 10_000)
    bookmark_notes, bookmark_tags = packed(VECTORS, 5000), packed(VECTORS, 1000, separator=", ")
    for index in range(max(len(abouts), len(bookmark_tags))):
        reader = UserFactory(username=f"xssreader{index}")
        readers.append(reader)
        client = Client()
        client.force_login(reader)
        _post(client, reverse("accounts:settings"), {
            "email": reader.email, "email_notifications": "never", "about": abouts[index % len(abouts)],
        })  # fmt: skip
        _post(client, reverse("feedback:bookmark", args=[target.pk]), {
            "note": bookmark_notes[index % len(bookmark_notes)], "tags": bookmark_tags[index],
            "rec": "on",
        })  # fmt: skip
    reviewer = Client()
    reviewer.force_login(readers[0])
    for index, body in enumerate(review_bodies):
        _post(reviewer, review_url, {"body": body, "token": f"review-{index}"})
    first_review = Review.objects.order_by("pk").first()
    _post(reviewer, reverse("feedback:review_edit", args=[first_review.pk]), {"body": review_bodies[-1]})
    for index, body in enumerate(review_bodies):
        _post(writer_client, review_url, {"body": body, "token": f"reply-{index}", "parent": first_review.pk})
    guest = Client()
    for index, name in enumerate(packed(VECTORS, 60)):
        body = review_bodies[index % len(review_bodies)] if index < len(review_bodies) else name
        _post(guest, review_url, {"body": body, "guest_name": name, "token": f"guest-{index}"})
    for details in packed(VECTORS, 5000):
        _post(guest, reverse("moderation:report", args=["work", target.pk]), {
            "reason": "spam", "details": details, "email": "guest@example.org",
        })  # fmt: skip
        _post(reviewer, reverse("moderation:report", args=["review", first_review.pk]), {
            "reason": "spam", "details": details,
        })  # fmt: skip

    run_worker()  # the announcements and review notices
    assert Notification.objects.filter(user=follower).count() >= len(works)
    assert Notification.objects.filter(user=writer).exists()

    moderator = UserFactory(username="xssmoderator")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate"))
    pages = {"guest": [], "writer": [], "moderator": [], "reader": [], "follower": []}
    inbox_pages = (Notification.objects.filter(user=follower).count() + 29) // 30
    pages["follower"] += [f"/inbox?page={n}" for n in range(1, inbox_pages + 1)]
    for work in works[:3]:
        pages["guest"] += [work.get_absolute_url(), work.get_absolute_url() + "?view_full_work=true"]
        for chapter in work.chapters.order_by("position")[:2]:
            pages["guest"].append(chapter.get_absolute_url())
    pages["guest"] += [w.get_absolute_url() for w in works[3:]]
    listing_pages = (len(works) + 19) // 20
    pages["guest"] += [f"/works?page={n}" for n in range(1, listing_pages + 1)]
    pages["guest"] += [f"/users/xsswriter/works?page={n}" for n in range(1, listing_pages + 1)]
    pages["guest"] += ["/", "/users/xsswriter", reverse("feedback:work_reviews", args=[target.pk])]
    pages["guest"] += [f"/works/search?q={word}" for word in ["alert", "script", "onerror", "javascript"]]
    from quire.tags.models import Tag, tag_works_url

    hostile_tags = Tag.objects.filter(name__in=tag_names).order_by("pk")[:8]
    pages["guest"] += [tag.get_absolute_url() for tag in hostile_tags]
    pages["guest"] += [tag_works_url(tag.name) for tag in hostile_tags]
    pages["guest"] += [f"/users/{r.username}" for r in readers]
    pages["guest"] += [f"/users/{r.username}/bookmarks" for r in readers]
    pages["writer"] += ["/inbox", reverse("works:edit", args=[target.pk])]
    pages["moderator"] += [
        "/moderation/",
        reverse("moderation:case", args=["work", target.pk]),
        reverse("moderation:case", args=["review", first_review.pk]),
    ]
    pages["reader"] += [
        reverse("feedback:bookmark", args=[target.pk]),
        reverse("feedback:review_edit", args=[first_review.pk]),
        reverse("feedback:review_delete", args=[first_review.pk]),
    ]
    pages["writer"].append(
        reverse("works:chapter_edit", args=[target.pk, target.chapters.order_by("position")[0].pk])
    )
    users = {"writer": writer, "moderator": moderator, "reader": readers[0], "follower": follower}
    return pages, users


def _stored_values():
    """Where each registered field (xss_corpus.FIELDS) keeps what users typed: proof that the seeding above
    really filled it. A new field goes into FIELDS, into seed_hostile_archive and here."""
    from quire.accounts.models import User
    from quire.feedback.models import Bookmark
    from quire.moderation.models import Report
    from quire.tags.enums import TagType
    from quire.tags.models import Tag
    from quire.works.models import Chapter

    def tags(kind):
        return Tag.objects.filter(type=kind).values_list("name", flat=True)

    reviews = Review.objects.all()
    return {
        "work title": Work.objects.values_list("title", flat=True),
        "work summary": Work.objects.values_list("summary", flat=True),
        "work notes": Work.objects.values_list("notes", flat=True),
        "work end notes": Work.objects.values_list("end_notes", flat=True),
        "fandom tags": tags(TagType.FANDOM),
        "relationship tags": tags(TagType.RELATIONSHIP),
        "character tags": tags(TagType.CHARACTER),
        "additional tags": tags(TagType.ADDITIONAL),
        "chapter title": Chapter.objects.values_list("title", flat=True),
        "chapter summary": Chapter.objects.values_list("summary", flat=True),
        "chapter notes": Chapter.objects.values_list("notes", flat=True),
        "chapter text": Chapter.objects.values_list("body", flat=True),
        "chapter end notes": Chapter.objects.values_list("end_notes", flat=True),
        "review": reviews.filter(parent=None, user__isnull=False).values_list("body", flat=True),
        "reply": reviews.exclude(parent=None).values_list("body", flat=True),
        "guest review": reviews.filter(user=None).values_list("body", flat=True),
        "guest name": reviews.filter(user=None).values_list("guest_name", flat=True),
        "bookmark note": Bookmark.objects.values_list("note", flat=True),
        "bookmark tags": Bookmark.objects.values_list("tags", flat=True),
        "profile about": User.objects.values_list("about", flat=True),
        "report details": Report.objects.values_list("details", flat=True),
    }


def _session_cookie(user, base_url):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def _visit_all(browser, live_server, pages, users, *, strip_csp: bool):
    problems = []
    for who, paths in pages.items():
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        if who != "guest":
            context.add_cookies([_session_cookie(users[who], live_server.url)])
        context.add_init_script(REPORT_VIOLATIONS)

        def route(route_, request):
            own_files = request.url.startswith(f"{live_server.url}/static/")
            if request.resource_type != "document" and not own_files:
                # The corpus's images, frames and fetches: nothing leaves the machine, and the live server
                # does not render a 404 page for each <img src=x>.
                return route_.fulfill(status=204, body="")
            if not strip_csp or request.resource_type != "document":
                return route_.continue_()
            response = route_.fetch()
            headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
            return route_.fulfill(response=response, headers=headers)

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(20_000)
        current = {"path": ""}

        def on_dialog(dialog, current=current):
            problems.append(f"{current['path']}: a {dialog.type} opened: {dialog.message!r}")
            dialog.dismiss()

        def on_console(message, current=current):
            if message.text.startswith("Failed to load resource"):
                return  # a broken <img src=x> in the corpus, not a script
            problems.append(f"{current['path']}: console {message.type}: {message.text}")

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", lambda error, current=current: problems.append(f"{current['path']}: {error}"))
        for path in paths:
            current["path"] = path
            response = page.goto(path, wait_until="load")
            assert response.status == 200, (path, response.status)
            assert ("content-security-policy" in response.headers) is not strip_csp
            page.keyboard.press("Tab")  # focus and hover handlers get their chance
            page.mouse.move(300, 300)
            page.wait_for_timeout(50)
            live = page.evaluate(FIND_LIVE_MARKUP)
            if live:
                problems.append(f"{path}: live markup {sorted(set(live))[:10]}")
        context.close()
    return problems


def _screenshots(browser, live_server, path):
    """The corpus as a reader sees it, for people to look at: text, not effects."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.route(
        "**/*",
        lambda route, request: (
            route.continue_() if request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(path)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "xss-corpus-work-desktop.png")
    page.set_viewport_size(PHONE)
    page.screenshot(path=ARTIFACTS / "xss-corpus-work-phone.png")
    context.close()


def test_the_corpus_in_every_field_runs_nothing_in_chromium(browser, live_server, transactional_db):
    assert len(VECTORS) >= 300
    pages, users = seed_hostile_archive()
    # The corpus really is on the pages, as text a reader can see.
    plain = Work.objects.get(title=f"Corpus in {TextFormat.PLAIN.label}")
    text = Client().get(plain.get_absolute_url() + "?view_full_work=true").content.decode()
    assert html.escape("<script>alert(1)</script>", quote=False) in text
    assert "{{ 7*7 }}" in html.unescape(text) and ">49<" not in text

    stored = _stored_values()
    # Usernames are refused at sign-up (test_xss_corpus.py); every other field holds the corpus.
    assert set(stored) == {field.name for field in FIELDS} - {"username"}
    for name, values in stored.items():
        assert any("alert(1)" in value or "confirm(1)" in value for value in values), name
    _screenshots(browser, live_server, plain.get_absolute_url())
    with_csp = _visit_all(browser, live_server, pages, users, strip_csp=False)
    without_csp = _visit_all(browser, live_server, pages, users, strip_csp=True)
    assert with_csp + without_csp == [], "\n".join(
        ["With the CSP:", *with_csp[:20], "Without the CSP:", *without_csp[:20]]
    )
