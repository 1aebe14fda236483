"""The writer's stats: cheap counting, read-through, the dashboard and "is it worth continuing?"."""

import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work

from quire.core.readers import GUEST_COOKIE
from quire.feedback.services import post_review
from quire.follows import services as follows
from quire.insights.aggregation import aggregate
from quire.insights.continuation import summarize
from quire.insights.models import ChapterDay, ReadEvent
from quire.insights.selectors import work_stats

pytestmark = pytest.mark.django_db


@contextmanager
def freeze_day(day):
    """Readings recorded and folded as if on `day` (only the calendar day matters to the counts)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    with mock.patch("django.utils.timezone.localdate", localdate):
        yield


def beacon_of(page: str) -> str:
    return re.search(r'data-read-beacon="([^"]+)"', page).group(1)


def test_a_page_view_adds_one_small_write(client, django_assert_num_queries):
    work = make_work(chapters=2)
    chapter = work.chapters.get(position=2)
    client.get(chapter.get_absolute_url())
    assert ReadEvent.objects.count() == 1
    event = ReadEvent.objects.get()
    assert (event.kind, event.chapter_id, len(event.reader)) == ("view", chapter.pk, 40)
    assert "127.0.0.1" not in event.reader


def test_writers_own_views_and_drafts_are_not_counted(client):
    work = make_work()
    client.force_login(work.author)
    client.get(work.get_absolute_url())
    assert not ReadEvent.objects.exists()


def test_read_through_from_the_beacon_and_from_next_chapter_links(client):
    work = make_work(chapters=2)
    one, two = work.chapters.order_by("position")
    page = client.get(one.get_absolute_url()).content.decode()
    assert f'href="{two.get_absolute_url()}?from={one.pk}"' in page
    client.post(reverse("insights:read_beacon"), {"token": beacon_of(page)})
    client.post(reverse("insights:read_beacon"), {"token": "forged"})
    other = UserFactory()
    client.force_login(other)
    client.get(one.get_absolute_url())
    client.get(f"{two.get_absolute_url()}?from={one.pk}")
    aggregate()
    aggregate()  # idempotent
    first, second = work_stats(work, [one, two])["chapters"]
    assert (first["hits"], first["readers"], first["finishers"], first["went_on"]) == (2, 2, 2, 1)
    assert (second["readers"], second["finishers"], second["went_on"]) == (1, 0, None)
    assert ChapterDay.objects.get(chapter=one).hits == 2
    work.refresh_from_db()
    # Two readers today, one of whom read two chapters: two hits (a hit is a reader on a work on a day).
    assert work.hit_count == 2  # listings can sort by it


def test_a_reader_coming_back_every_day_is_one_reader(client):
    work = make_work(chapters=1)
    client.force_login(UserFactory())
    today = timezone.localdate()
    for days_ago in (2, 1, 0):
        cache.clear()  # a new day: the day's marks are gone
        with freeze_day(today - timedelta(days=days_ago)):
            client.get(work.get_absolute_url())
            aggregate()
    stats = work_stats(work, list(work.chapters.all()))
    assert stats["readers"] == 1 and stats["chapters"][0]["readers"] == 1
    assert stats["hits"] == 3  # a hit is still a reader on a day, as on AO3


def test_a_guest_is_known_by_cookie_not_address(client):
    work = make_work(chapters=1)
    first = client.get(work.get_absolute_url())
    assert GUEST_COOKIE in first.cookies  # the first visit gives the guest Quire's cookie
    cache.clear()
    client.get(work.get_absolute_url(), REMOTE_ADDR="10.9.9.9")  # same browser, another network
    other_browser = Client(HTTP_USER_AGENT="Another browser")
    other_browser.get(work.get_absolute_url())
    aggregate()
    assert work_stats(work, list(work.chapters.all()))["readers"] == 2
    assert not ReadEvent.objects.filter(reader__contains="127.0.0.1").exists()


def test_the_writers_own_reading_replies_and_asks_count_for_nothing(client):
    work = make_work(chapters=2, expected_chapters=None)
    one, two = work.chapters.order_by("position")
    reader = UserFactory()
    review = post_review(chapter=one, user=reader, body="Lovely.")
    client.force_login(work.author)
    for chapter in (one, two):
        page = client.get(chapter.get_absolute_url()).content.decode()
        client.post(reverse("insights:read_beacon"), {"token": beacon_of(page)})
    client.get(f"{two.get_absolute_url()}?from={one.pk}")
    post_review(chapter=one, user=work.author, body="Thank you! Please continue reading", parent=review)
    follows.subscribe(user=work.author, work=work)
    aggregate()
    stats = work_stats(work, [one, two])
    assert stats["readers"] == 1 and stats["reviews"] == 1
    assert [(row["readers"], row["finishers"]) for row in stats["chapters"]] == [(0, 0), (0, 0)]
    assert [r.user for r in stats["latest_reviews"]] == [reader]


def test_forged_beacon_is_refused(client):
    response = client.post(reverse("insights:read_beacon"), {"token": "abc"})
    assert response.status_code == 400 and not ReadEvent.objects.exists()


def test_dashboard_is_for_the_writer_only(client):
    work = make_work()
    assert client.get(reverse("insights:dashboard", args=[work.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("insights:dashboard", args=[work.pk])).status_code == 404


def test_dashboard_shows_totals_chapters_chart_and_table(client):
    work = make_work(chapters=2, expected_chapters=None)
    one = work.chapters.get(position=1)
    one.title = ""
    one.save()
    page = client.get(one.get_absolute_url()).content.decode()
    client.post(reverse("insights:read_beacon"), {"token": beacon_of(page)})
    client.post(reverse("feedback:kudos", args=[work.pk]))
    aggregate()
    client.force_login(work.author)
    response = client.get(reverse("insights:dashboard", args=[work.pk]))
    html = response.content.decode()
    assert response.context["stats"]["readers"] == 1 and response.context["stats"]["kudos"] == 1
    assert response.context["stats"]["chapters"][0]["read_through"] == 100
    assert ">Chapter 1</a>" in html and "2. Part 2</a>" in html  # untitled: "Chapter 1", as on AO3
    assert "No readers yet" in html  # chapter 2, in words rather than a percentage
    assert "<svg" in html and 'class="series hits"' in html and "Hits and new readers per day" in html
    assert "Is it worth continuing?" in html and "Asked for chapter 3" in html


def test_no_verdict_until_a_chapter_is_posted(client):
    work = make_work(posted=False, expected_chapters=None)
    client.force_login(work.author)
    html = client.get(reverse("insights:dashboard", args=[work.pk])).content.decode()
    assert "Is it worth continuing?" not in html and "asked for chapter 1" not in html.lower()


def test_too_few_readers_says_so():
    work = make_work(expected_chapters=None)
    assert summarize(work, list(work.chapters.all())).verdict.startswith(
        "Too early to tell: 0 readers so far"
    )


def test_one_reader_following_the_work_and_its_author_is_one_subscriber_waiting(client):
    from quire.series.services import SeriesFields, add_work, create_series

    work = make_work(title="Both Ways", expected_chapters=None)
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    follows.subscribe(user=reader, author=work.author)
    # A series follower hears of new works in the series, not of chapters: not waiting for the next one.
    series = create_series(creator=work.author, fields=SeriesFields(title="The Set"))
    add_work(series=series, work=work, user=work.author)
    follows.subscribe(user=UserFactory(), series=series)
    client.force_login(work.author)
    response = client.get(reverse("insights:dashboard", args=[work.pk]))
    html = response.content.decode()
    assert "1 subscriber is waiting for the next chapter." in html
    assert '<dd class="subscribers">1</dd>' in html


def test_an_upgraded_archive_says_since_when_readers_are_people(client):
    from quire.insights.models import FoldMark

    old = make_work(title="Old", expected_chapters=None, age_days=30)
    new = make_work(title="New", expected_chapters=None)
    # Before the upgrade, events were keyed by reader and day: they stay out of the people counted.
    ReadEvent.objects.create(
        work_id=old.pk,
        chapter_id=old.chapters.get().pk,
        kind="view",
        reader="x" * 40,
        day=timezone.localdate(),
    )
    FoldMark.objects.update_or_create(
        pk=1,
        defaults={
            "last_event_id": ReadEvent.objects.get().pk,
            "first_people_event_id": ReadEvent.objects.get().pk,
            "people_since": timezone.localdate(),
        },
    )
    aggregate()
    assert work_stats(old, list(old.chapters.all()))["readers"] == 0
    client.force_login(old.author)
    html = client.get(reverse("insights:dashboard", args=[old.pk])).content.decode()
    since = f"{timezone.localdate():%-d %B %Y}"
    assert f"Readers have been counted as people since {since}; earlier visits show in hits only." in html
    assert f"Quire has counted readers as people only since {since}, after this work was posted" in html
    client.force_login(new.author)
    html = client.get(reverse("insights:dashboard", args=[new.pk])).content.decode()
    assert "counted as people since" not in html


def test_a_client_that_keeps_no_cookies_is_one_guest_a_day():
    work = make_work(chapters=1)
    for _ in range(5):
        Client().get(work.get_absolute_url())  # a crawler or feed reader: no cookie kept
    aggregate()
    assert work_stats(work, list(work.chapters.all()))["readers"] == 1


def test_two_people_behind_one_address_are_two_readers():
    work = make_work(chapters=1)
    first, second = Client(), Client()  # one home router, one browser version
    first.get(work.get_absolute_url())
    second.get(work.get_absolute_url())  # the first visit of each counts once: cookieless, same address
    cache.clear()
    second.get(work.get_absolute_url())  # now with its own cookie
    aggregate()
    assert first.cookies[GUEST_COOKIE].value != second.cookies[GUEST_COOKIE].value
    assert work_stats(work, list(work.chapters.all()))["readers"] == 2


def test_an_event_that_commits_after_a_later_one_was_folded_still_counts():
    from quire.insights.models import FoldMark

    work = make_work(chapters=1)
    chapter = work.chapters.get()
    late, early = (
        ReadEvent.objects.create(
            work_id=work.pk, chapter_id=chapter.pk, kind="view", reader=r * 40, day=timezone.localdate()
        )
        for r in "ab"
    )
    # PostgreSQL gave `late` its id first, but `early` committed and was folded before it.
    FoldMark.objects.update_or_create(pk=1, defaults={"last_event_id": early.pk})
    aggregate()
    assert work_stats(work, [chapter])["readers"] == 2  # both: the late one was not skipped
    aggregate()
    assert work_stats(work, [chapter])["readers"] == 2  # and folding them again changes nothing


def _answers(work):
    from quire.insights.continuation import window_counts

    chapters = list(work.chapters.filter(posted_at__isnull=False).order_by("position"))
    counts = window_counts([work.pk], days=1).get(work.pk, {"reviewed": 0, "asked": 0})
    return work_stats(work, chapters)["more_please"], counts["reviewed"], counts["asked"]


def test_a_deleted_or_hidden_asking_review_leaves_the_figures_it_made():
    from django.contrib.auth.models import Group

    from quire.feedback.services import delete_review
    from quire.moderation.services import act, load_subject

    work = make_work(expected_chapters=None)
    reader, moderator = UserFactory(), UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    review = post_review(chapter=work.chapters.get(), user=reader, body="Please continue!")
    aggregate()
    assert _answers(work) == (1, 1, 1)
    for kind, expected in (("hide", (0, 0, 0)), ("restore", (1, 1, 1))):
        act(moderator=moderator, subject=load_subject("review", review.pk), kind=kind, reason="Checking.")
        assert _answers(work) == expected
    delete_review(review=review, user=reader)
    assert _answers(work) == (0, 0, 0)


def test_an_ask_before_the_latest_chapter_went_up_is_not_an_ask_for_the_next():
    from quire.works import services as works

    work = make_work(expected_chapters=None)
    post_review(chapter=work.chapters.get(), user=UserFactory(), body="Update soon!!")
    assert _answers(work)[0] == 1  # asking for chapter 2
    works.add_chapter(
        work=work,
        user=work.author,
        fields=works.ChapterFields(title="Two", body="Chapter two.", text_format="plain"),
        post=True,
    )
    work.refresh_from_db()
    assert _answers(work)[0] == 0  # chapter 2 is up; nobody has asked for chapter 3 yet
