"""Stats that cannot lie (issue #18): random sequences of what writers, members and guests do, against a plain
reference count of who did what.

Every figure on the writer's stats page is compared with sets built from the actions themselves: readers are
the people (never the writer) who opened, finished or answered; finishers are readers; shares stay within
0..100%; the worker's folds may run at any moment without changing the result."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from quire.core.readers import GUEST_COOKIE
from quire.feedback import services as feedback
from quire.follows import services as follows
from quire.insights.aggregation import aggregate
from quire.insights.continuation import window_counts
from quire.insights.recording import beacon_token
from quire.insights.selectors import asked_for_next, work_stats

pytestmark = pytest.mark.django_db

CHAPTERS = 3
MEMBERS = ("m0", "m1", "m2")
GUESTS = ("g0", "g1")
ACTORS = ("writer", *MEMBERS, *GUESTS)
ACTIONS = ("view", "beacon", "next", "kudos", "review", "ask_review", "reply", "follow", "ask", "fold")

action = st.tuples(st.sampled_from(ACTORS), st.sampled_from(ACTIONS), st.integers(0, CHAPTERS - 1))


@pytest.fixture
def people():
    return {"writer": UserFactory(), **{name: UserFactory() for name in MEMBERS}}


class Reference:
    """What happened, as sets of people: the simple count every figure must equal."""

    def __init__(self):
        self.opened = [set() for _ in range(CHAPTERS)]
        self.finished = [set() for _ in range(CHAPTERS)]
        self.answered, self.kudos, self.reviewers, self.askers, self.followers = (
            set(),
            set(),
            set(),
            set(),
            set(),
        )
        self.reviews = [0] * CHAPTERS
        self.viewers = set()

    def readers_of(self, index):
        return self.opened[index] | self.finished[index]

    def readers(self):
        return set().union(*self.opened, *self.finished, self.answered)


def _act(work, chapters, people, clients, reference, actor, what, index):
    """Do one thing as a reader would, and note it in the reference unless the writer did it."""
    chapter = chapters[index]
    client = clients[actor]
    user = people.get(actor, AnonymousUser())
    token = clients[actor].cookies[GUEST_COOKIE].value if actor in GUESTS else ""
    reader = actor != "writer"
    if what == "view":
        client.get(chapter.get_absolute_url())
        if reader:
            reference.opened[index].add(actor)
            reference.viewers.add(actor)
    elif what == "beacon":
        client.post(reverse("insights:read_beacon"), {"token": beacon_token(work.pk, chapter.pk)})
        if reader:
            reference.finished[index].add(actor)
    elif what == "next" and index + 1 < CHAPTERS:
        client.get(f"{chapters[index + 1].get_absolute_url()}?from={chapter.pk}")
        if reader:
            reference.finished[index].add(actor)
            reference.opened[index + 1].add(actor)
            reference.viewers.add(actor)
    elif what == "kudos":
        try:
            feedback.leave_kudos(work=work, user=user, guest_token=token, address_hash=f"address-of-{actor}")
        except PermissionDenied:
            assert not reader
        else:
            reference.kudos.add(actor)
            reference.answered.add(actor)
    elif what in ("review", "ask_review"):
        body = (
            "Please continue, I need the next chapter!"
            if what == "ask_review"
            else "I loved the diner scene."
        )
        try:
            feedback.post_review(chapter=chapter, user=user, body=body, guest_name=actor, guest_token=token)
        except PermissionDenied:
            assert not reader  # writers reply; they do not review their own work
        else:
            reference.reviews[index] += 1 if reader else 0
            if reader:
                reference.reviewers.add(actor)
                reference.answered.add(actor)
                if what == "ask_review":
                    reference.askers.add(actor)
    elif what == "reply":
        parent = chapter.reviews.filter(parent__isnull=True).first()
        if parent is not None:
            feedback.post_review(
                chapter=chapter, user=user, body="Thank you!", parent=parent, guest_token=token
            )
            if reader:
                reference.reviews[index] += 1
                reference.reviewers.add(actor)
                reference.answered.add(actor)
    elif what == "follow" and actor in MEMBERS:
        follows.subscribe(user=user, work=work)
        reference.followers.add(actor)
        reference.answered.add(actor)
    elif what == "ask":
        try:
            feedback.ask_for_more(work=work, user=user, guest_token=token, address_hash=f"address-of-{actor}")
        except PermissionDenied:
            assert not reader
        else:
            reference.askers.add(actor)
            reference.answered.add(actor)
    elif what == "fold":
        aggregate()


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(action, max_size=30))
def test_every_figure_equals_a_plain_count_of_who_did_what(people, actions):
    work = make_work(author=people["writer"], chapters=CHAPTERS, expected_chapters=None)
    chapters = list(work.chapters.order_by("position"))
    clients = {}
    for actor in ACTORS:
        clients[actor] = Client()
        if actor in people:
            clients[actor].force_login(people[actor])
        else:  # a returning guest: their browser keeps Quire's cookie
            clients[actor].cookies[GUEST_COOKIE] = f"{actor:0<32}"[:32]
    reference = Reference()
    for actor, what, index in actions:
        _act(work, chapters, people, clients, reference, actor, what, index)
    aggregate()

    stats = work_stats(work, chapters)
    readers = reference.readers()
    assert stats["readers"] == len(readers)
    assert stats["hits"] == len(reference.viewers)  # everything happened today: a hit is a reader on a day
    assert stats["reviews"] == sum(reference.reviews)
    assert stats["more_please"] == len(reference.askers)
    assert asked_for_next(work, chapters) == len(reference.askers)
    for index, row in enumerate(stats["chapters"]):
        chapter_readers = reference.readers_of(index)
        assert (row["readers"], row["finishers"]) == (len(chapter_readers), len(reference.finished[index]))
        assert row["finishers"] <= row["readers"]
        assert row["reviews"] == reference.reviews[index]
        if chapter_readers:
            assert 0 <= row["read_through"] <= 100
            assert row["read_through"] == round(len(reference.finished[index]) * 100 / len(chapter_readers))
        else:
            assert row["read_through"] is None
        if index + 1 < CHAPTERS:
            went_on = chapter_readers & reference.readers_of(index + 1)
            assert row["went_on"] == len(went_on)
            assert row["went_on_percent"] is None or 0 <= row["went_on_percent"] <= 100

    counts = window_counts([work.pk], days=1).get(work.pk, {"readers": 0, "reads": 0, "finished": 0})
    assert counts["readers"] == len(readers)
    if readers:
        assert counts["kudos"] == len(reference.kudos)
        assert counts["reviewed"] == len(reference.reviewers)
        assert counts["asked"] == len(reference.askers)
        assert counts["followed"] == len(reference.followers)
        for key in ("kudos", "reviewed", "asked", "followed"):
            assert counts[key] <= counts["readers"]
    assert counts["finished"] <= counts["reads"] == sum(len(reference.readers_of(i)) for i in range(CHAPTERS))
