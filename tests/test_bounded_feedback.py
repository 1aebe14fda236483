"""Bounded cost of readers' feedback (issue #17): deep reply chains, autosaves, hits and throttled actions.
Each test was checked to fail on the code before the fix."""

import json
import re
from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from quire.feedback.models import Review
from quire.feedback.selectors import THREAD_INDENT_MAX
from quire.feedback.services import post_review
from quire.insights.aggregation import aggregate
from quire.insights.models import ReadEvent, WorkDay
from quire.insights.recording import record_view
from quire.moderation.models import Report
from quire.works.models import Autosave, Work

pytestmark = pytest.mark.django_db

# 80 deep answered 500 (RecursionError) on the old recursive include; 90 leaves a margin.
DEEP = 90


def _reply_chain(chapter, depth: int, names=("alice", "bob")) -> list[Review]:
    """Two readers answering each other `depth` times: what anyone who may review can build."""
    one, two = (UserFactory(username=name) for name in names)
    chain, parent = [], None
    for level in range(depth):
        parent = post_review(
            chapter=chapter, user=(one, two)[level % 2], body=f"Level {level} says so.", parent=parent
        )
        chain.append(parent)
    return chain


def _thread_pages(work, chapter) -> dict[str, str]:
    return {
        "work": work.get_absolute_url(),
        "chapter": chapter.get_absolute_url(),
        "reviews": reverse("feedback:work_reviews", args=[work.pk]),
    }


@pytest.mark.parametrize("page", ["work", "chapter", "reviews"])
def test_a_deep_reply_chain_renders_every_reply_at_a_capped_indent(client, page):
    work = make_work()
    chapter = work.chapters.get()
    chain = _reply_chain(chapter, DEEP)
    response = client.get(_thread_pages(work, chapter)[page])
    html = response.content.decode()
    assert response.status_code == 200
    # Every reply is there, in order, and none is indented past the cap.
    positions = [html.index(f"Level {level} says so.") for level in range(DEEP)]
    assert positions == sorted(positions)
    assert f"depth-{THREAD_INDENT_MAX}" in html and f"depth-{THREAD_INDENT_MAX + 1}" not in html
    # A reply past the cap says whom it answers, visibly.
    answered = chain[-2]
    assert (
        f'<span class="in-reply-to">in reply to <a href="#review-{answered.pk}">{answered.user.username}</a>'
        in html
    )


@pytest.mark.parametrize("page", ["work", "chapter", "reviews"])
def test_thread_pages_cost_the_same_queries_at_any_depth(client, page):
    shallow_work, deep_work = make_work(), make_work()
    _reply_chain(shallow_work.chapters.get(), 3)
    _reply_chain(deep_work.chapters.get(), DEEP, names=("carol", "dave"))
    counts = []
    for work in (shallow_work, deep_work):
        url = _thread_pages(work, work.chapters.get())[page]
        client.get(url)  # warm the caches (switches, tags) alike for both
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- 8. Autosave: only the three forms, only the writer's own, a size cap and a count cap ------------------


def _autosave(client, key: str, **data):
    return client.post(reverse("works:autosave", args=[key]), data)


@pytest.mark.parametrize("key", ["chapter-abc", "chapter-", "work--new-chapter", "anything", "new-work-2"])
def test_autosave_under_a_key_no_form_uses_is_404_and_stores_nothing(writer_client, key):
    response = _autosave(writer_client, key, body="Made-up key")
    assert response.status_code == 404 and not Autosave.objects.exists()


def test_autosave_keeps_the_writers_own_forms_only(client):
    work = make_work()
    theirs = [f"work-{work.pk}-new-chapter", f"chapter-{work.chapters.get().pk}"]
    client.force_login(UserFactory())
    assert [_autosave(client, key, body="Not mine").status_code for key in theirs] == [404, 404]
    assert not Autosave.objects.exists()
    client.force_login(work.author)
    keys = ["new-work", *theirs]
    assert [_autosave(client, key, body="Mine").status_code for key in keys] == [200, 200, 200]
    assert sorted(Autosave.objects.filter(user=work.author).values_list("key", flat=True)) == sorted(keys)


def test_autosave_too_long_is_413_with_a_clear_message_and_keeps_the_last_one(writer_client, writer):
    _autosave(writer_client, "new-work", body="The short version")
    response = _autosave(writer_client, "new-work", body="x" * 600_001)
    assert response.status_code == 413
    assert response.content.decode().startswith("Not autosaved: this form holds 600,005 characters")
    assert "more than the 600,000" in response.content.decode()
    assert Autosave.objects.get(user=writer).data == {"body": "The short version"}


def test_a_413_is_shown_in_the_autosave_status_line(writer_client):
    # htmx drops 4xx answers unless told otherwise; the page tells it to swap in a 413.
    page = writer_client.get(reverse("works:new")).content.decode()
    config = json.loads(re.search(r'name="htmx-config" content=\'([^\']+)\'', page).group(1))
    assert {"code": "413", "swap": True, "error": False} in config["responseHandling"]
    assert 'id="autosave-status"' in page


def test_only_the_newest_autosaves_are_kept(writer_client, writer, settings):
    settings.AUTOSAVE_MAX_DRAFTS = 3
    work = make_work(author=writer, chapters=4)
    keys = ["new-work", f"work-{work.pk}-new-chapter"] + [
        f"chapter-{pk}" for pk in work.chapters.order_by("position").values_list("pk", flat=True)
    ]
    for key in keys:
        assert _autosave(writer_client, key, body=key).status_code == 200
    assert sorted(Autosave.objects.filter(user=writer).values_list("key", flat=True)) == sorted(keys[-3:])


# --- 9. Hits: a reader counts once a day per work, and a reload writes nothing ---------------------------


def _hits(work) -> int:
    aggregate()
    work.refresh_from_db()
    return work.hit_count


def test_a_hundred_reloads_by_one_reader_are_one_hit(client):
    work = make_work()
    for _ in range(100):
        assert client.get(work.get_absolute_url()).status_code == 200
    assert ReadEvent.objects.count() == 1
    assert _hits(work) == 1


def test_two_readers_are_two_hits(client):
    work = make_work()
    for address in ("203.0.113.1", "203.0.113.2"):
        client.cookies.clear()  # another browser: a guest is known by Quire's cookie
        for _ in range(5):
            client.get(work.get_absolute_url(), REMOTE_ADDR=address)
    assert _hits(work) == 2


def test_a_repeat_view_writes_nothing(client):
    work = make_work()
    client.get(work.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(work.get_absolute_url())
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_a_reload_after_the_cache_forgot_is_still_one_hit(client):
    # One cache per process (no Redis) or a restart forgets the marks: the daily fold still counts readers.
    work = make_work()
    client.get(work.get_absolute_url())
    cache.clear()
    client.get(work.get_absolute_url())
    assert ReadEvent.objects.count() == 2 and _hits(work) == 1


def _view(rf, work, address: str):
    request = rf.get(work.get_absolute_url(), REMOTE_ADDR=address)
    request.user = AnonymousUser()
    record_view(request, work, chapter=work.chapters.get())


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    views=st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(0, 1), st.integers(0, 1)
        ),  # reader, work, day (0: yesterday)
        max_size=30,
    )
)
def test_hits_are_the_distinct_readers_of_each_work_on_each_day(rf, views):
    ReadEvent.objects.all().delete()
    WorkDay.objects.all().delete()
    Work.objects.update(hit_count=0)  # each example starts a fresh archive's stats
    cache.clear()
    works = list(Work.objects.order_by("pk")[:2]) or [make_work(), make_work()]
    today = timezone.now()
    for reader, work, day in views:
        with mock.patch("django.utils.timezone.now", return_value=today - timedelta(days=1 - day)):
            _view(rf, works[work], f"198.51.100.{reader}")
    with mock.patch("django.utils.timezone.now", return_value=today):
        aggregate()
    days = {0: (today - timedelta(days=1)), 1: today}
    expected = Counter()
    for _reader, work, day in set(views):
        expected[(works[work].pk, timezone.localdate(days[day]))] += 1
    found = {(row.work_id, row.day): row.hits for row in WorkDay.objects.all()}
    assert found == dict(expected)
    assert sum(Work.objects.filter(pk__in=[w.pk for w in works]).values_list("hit_count", flat=True)) == len(
        set(views)
    )


# --- 10. Throttles: password-reset emails, reports, and what a throttled form keeps ---------------------


def _reset(client, email: str, address: str = "127.0.0.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_emails_to_one_member_stop_at_three_an_hour(client):
    member = UserFactory(username="member")
    # From many addresses, so that only the per-account limit is at work.
    responses = [_reset(client, member.email, address=f"203.0.113.{n}") for n in range(25)]
    assert len(mail.outbox) == 3 and {m.to[0] for m in mail.outbox} == {member.email}
    # The same page every time: the page never says that the limit was reached.
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_password_reset_requests_from_one_address_stop_at_ten_an_hour(client):
    members = [UserFactory(username=f"member{n}") for n in range(12)]
    for _ in range(4):
        _reset(client, "nobody@example.org")  # requests naming no account count too
    responses = [_reset(client, member.email) for member in members]
    assert len(mail.outbox) == 6
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("accounts:password_reset_done"))
    }
    # Another address is not held back by this one.
    _reset(client, members[-1].email, address="198.51.100.7")
    assert len(mail.outbox) == 7


def _report(client, work, details: str, **extra):
    data = {"reason": "spam", "details": details, **extra}
    return client.post(reverse("moderation:report", args=["work", work.pk]), data)


def test_guest_reports_stop_at_five_an_hour_and_keep_what_was_typed(client):
    work = make_work()
    statuses = [_report(client, work, f"Report {n}", email="g@example.org").status_code for n in range(5)]
    refused = _report(client, work, "My sixth, carefully written report", email="g@example.org")
    assert statuses == [302] * 5 and Report.objects.count() == 5
    page = refused.content.decode()
    assert refused.status_code == 429 and refused.has_header("Retry-After")
    assert "You have sent many reports in a short time" in page
    assert "My sixth, carefully written report" in page and 'value="g@example.org"' in page


def test_member_reports_stop_at_twenty_an_hour(client):
    work = make_work()
    client.force_login(UserFactory())
    statuses = [_report(client, work, f"Report {n}").status_code for n in range(21)]
    assert statuses == [302] * 20 + [429] and Report.objects.count() == 20


def test_a_throttled_review_shows_the_form_again_with_the_review(client):
    work = make_work()
    chapter = work.chapters.get()
    url = reverse("feedback:review_create", args=[work.pk, chapter.pk])
    for n in range(5):
        client.post(url, {"body": f"Guest review {n}", "guest_name": "G", "token": f"t{n}"})
    refused = client.post(
        url, {"body": "A long review I took an hour over", "guest_name": "G", "token": "t6"}
    )
    page = refused.content.decode()
    assert refused.status_code == 429 and refused.has_header("Retry-After")
    assert "You have sent many reviews in a short time" in page
    assert "A long review I took an hour over" in page and Review.objects.count() == 5
