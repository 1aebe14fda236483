"""The writer's stats: cheap counting, read-through, the dashboard and "is it worth continuing?"."""

import re

import pytest
from django.urls import reverse
from factories import UserFactory, make_work

from quire.insights.aggregation import aggregate
from quire.insights.continuation import summarize
from quire.insights.models import ChapterDay, ReadEvent, WorkDay

pytestmark = pytest.mark.django_db


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
    row = ChapterDay.objects.get(chapter=one)
    assert (row.hits, row.readers, row.finishers) == (2, 2, 2)
    assert WorkDay.objects.get(work=work).readers == 2
    work.refresh_from_db()
    # Two readers today, one of whom read two chapters: two hits (a hit is a reader on a work on a day).
    assert work.hit_count == 2  # listings can sort by it


def test_forged_beacon_is_refused(client):
    response = client.post(reverse("insights:read_beacon"), {"token": "abc"})
    assert response.status_code == 400 and not ReadEvent.objects.exists()


def test_dashboard_is_for_the_writer_only(client):
    work = make_work()
    assert client.get(reverse("insights:dashboard", args=[work.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("insights:dashboard", args=[work.pk])).status_code == 404


def test_dashboard_shows_totals_chapters_chart_and_table(client):
    work = make_work(chapters=2)
    one = work.chapters.get(position=1)
    page = client.get(one.get_absolute_url()).content.decode()
    client.post(reverse("insights:read_beacon"), {"token": beacon_of(page)})
    client.post(reverse("feedback:kudos", args=[work.pk]))
    aggregate()
    client.force_login(work.author)
    response = client.get(reverse("insights:dashboard", args=[work.pk]))
    html = response.content.decode()
    assert response.context["stats"]["readers"] == 1 and response.context["stats"]["kudos"] == 1
    assert response.context["stats"]["chapters"][0]["read_through"] == 100
    assert "<svg" in html and 'class="series hits"' in html and "Hits and readers per day" in html
    assert "Is it worth continuing?" in html


def test_continuation_summary_is_plain_and_shows_its_numbers():
    from django.utils import timezone

    from quire.feedback.models import MorePlease
    from quire.follows.models import Subscription
    from quire.insights.models import ChapterDay, WorkDay

    today = timezone.localdate()
    mine = make_work(title="Mine", expected_chapters=None, words_per_chapter=1000)
    for n in range(10):
        other = make_work(title=f"Other {n}", words_per_chapter=1000)
        WorkDay.objects.create(work=other, day=today, hits=20, readers=20)
        ChapterDay.objects.create(
            work=other, chapter=other.chapters.get(), day=today, hits=20, readers=20, finishers=10
        )
    WorkDay.objects.create(work=mine, day=today, hits=40, readers=40)
    ChapterDay.objects.create(
        work=mine, chapter=mine.chapters.get(), day=today, hits=40, readers=40, finishers=30
    )
    for _ in range(4):
        reader = UserFactory()
        MorePlease.objects.create(work=mine, for_chapter=2, user=reader)
        Subscription.objects.create(user=reader, work=mine)
    summary = summarize(mine)
    text = " ".join([summary.verdict, *summary.facts, *(s.sentence for s in summary.signals), summary.basis])
    assert summary.verdict.startswith("Yes: readers are engaged.")
    assert "Read-through: 75% of readers reached the end of a chapter (comparable works: median 50)." in text
    assert "4 readers asked for chapter 2." in text and "4 subscribers are waiting" in text
    assert "Compared with 10 other works in Gilmore Girls of similar length and age." in text


def test_too_few_readers_says_so():
    work = make_work(expected_chapters=None)
    assert summarize(work).verdict.startswith("Too early to tell: 0 readers so far")


def test_one_reader_following_the_work_and_its_author_is_one_subscriber_waiting(client):
    from quire.follows import services as follows
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
