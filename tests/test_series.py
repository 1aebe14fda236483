"""Series: ordered works with a page of their own, "Part N of" on each work, and subscribers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.follows import services as follows
from quire.follows.models import Notification, Subscription
from quire.series import services
from quire.series.models import Series
from quire.works import services as works

pytestmark = pytest.mark.django_db


def make_series(author, titles, **work_options) -> tuple[Series, list]:
    series = services.create_series(
        creator=author,
        fields=services.SeriesFields(title="The Stars Hollow Cycle", summary="<p>All of it.</p>"),
    )
    parts = []
    for title in titles:
        work = make_work(author=author, title=title, **work_options)
        services.add_work(series=series, work=work, user=author)
        parts.append(work)
    return series, parts


def titles_on(page: str, titles) -> list[str]:
    """The given titles in the order they appear on the page."""
    return sorted((t for t in titles if t in page), key=page.index)


def test_series_page_lists_the_works_in_order_with_their_blurbs(writer):
    series, parts = make_series(writer, ["First Snow", "Second Thaw", "Third Spring"])
    services.reorder_works(series=series, user=writer, work_ids=[parts[2].pk, parts[0].pk, parts[1].pk])
    page = Client().get(series.get_absolute_url()).content.decode()
    assert titles_on(page, ["First Snow", "Second Thaw", "Third Spring"]) == [
        "Third Spring",
        "First Snow",
        "Second Thaw",
    ]
    assert "All of it." in page and 'class="work blurb group"' in page
    assert "Gilmore Girls" in page  # the blurb's fandom
    assert "<dt>Works:</dt><dd>3</dd>" in page


def test_work_page_shows_its_part_with_previous_and_next(writer):
    series, (first, second, third) = make_series(writer, ["First Snow", "Second Thaw", "Third Spring"])
    page = Client().get(second.get_absolute_url()).content.decode()
    assert '<dd class="series">' in page
    assert f'Part 2 of <a href="{series.get_absolute_url()}">The Stars Hollow Cycle</a>' in page
    assert f'class="previous" href="{first.get_absolute_url()}"' in page
    assert f'class="next" href="{third.get_absolute_url()}"' in page
    first_page = Client().get(first.get_absolute_url()).content.decode()
    assert "Part 1 of" in first_page and 'class="previous"' not in first_page


@pytest.mark.parametrize("hide", ["draft", "hidden", "restricted"])
def test_unseen_works_never_leak_through_the_series(writer, hide):
    series, (first, middle, last) = make_series(writer, ["First Snow", "Secret Middle", "Third Spring"])
    if hide == "draft":
        other = make_work(author=writer, title="Secret Middle", posted=False)
        services.remove_work(series=series, user=writer, work=middle)
        middle.delete()
        services.add_work(series=series, work=other, user=writer)
        services.reorder_works(series=series, user=writer, work_ids=[first.pk, other.pk, last.pk])
    elif hide == "hidden":
        type(middle).objects.filter(pk=middle.pk).update(hidden_at=timezone.now())
    else:
        type(middle).objects.filter(pk=middle.pk).update(restricted=True)
    guest = Client()
    page = guest.get(series.get_absolute_url()).content.decode()
    assert "Secret Middle" not in page and "<dt>Works:</dt><dd>2</dd>" in page
    last_page = guest.get(last.get_absolute_url()).content.decode()
    assert "Part 2 of" in last_page and "Secret Middle" not in last_page
    assert f'class="previous" href="{first.get_absolute_url()}"' in last_page
    # The writer sees their own drafts in place.
    writer_client = Client()
    writer_client.force_login(writer)
    assert "Part 3 of" in writer_client.get(last.get_absolute_url()).content.decode()


def test_series_page_queries_do_not_grow_with_its_works(writer, django_assert_num_queries):
    small, _ = make_series(writer, ["A", "B"])
    large, _ = make_series(writer, [f"Work {n}" for n in range(8)], relationships=("Lorelai/Luke",))
    guest = Client()
    guest.get(small.get_absolute_url())  # warm the session and template caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert guest.get(small.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(few.captured_queries)):
        assert guest.get(large.get_absolute_url()).status_code == 200


def test_writer_adds_a_work_to_a_new_series_and_reorders_it(writer_client, writer):
    first = make_work(author=writer, title="First Snow")
    second = make_work(author=writer, title="Second Thaw")
    response = writer_client.post(
        reverse("series:work_series", args=[first.pk]), {"series": "", "new_title": "Winter Cycle"}
    )
    series = Series.objects.get(title="Winter Cycle")
    assert response.status_code == 302 and list(series.works.all()) == [first]
    writer_client.post(
        reverse("series:work_series", args=[second.pk]), {"series": series.pk, "new_title": ""}
    )
    edit = reverse("series:edit", args=[series.pk])
    base = {"title": "Winter Cycle", "summary": "Cold.", "notes": ""}
    response = writer_client.post(edit, {**base, f"position-{first.pk}": "1", f"position-{second.pk}": "1"})
    page = response.content.decode()
    assert "Use each number from 1 to 2 exactly once." in page and "Cold." in page
    writer_client.post(edit, {**base, f"position-{first.pk}": "2", f"position-{second.pk}": "1"})
    assert list(series.entries.values_list("work_id", flat=True)) == [second.pk, first.pk]
    series.refresh_from_db()
    assert series.summary_html == "<p>Cold.</p>"


def test_series_forms_refuse_bad_input_with_clear_messages(writer_client, writer):
    work = make_work(author=writer)
    mine = services.create_series(creator=writer, fields=services.SeriesFields(title="Mine"))
    page = writer_client.post(reverse("series:work_series", args=[work.pk]), {"series": "", "new_title": ""})
    assert "Choose one of your series, or type a title" in page.content.decode()
    page = writer_client.post(
        reverse("series:work_series", args=[work.pk]), {"series": mine.pk, "new_title": "Another"}
    )
    assert "not both" in page.content.decode() and 'value="Another"' in page.content.decode()
    page = writer_client.post(reverse("series:new"), {"title": "   ", "summary": "Kept text."})
    assert "The series needs a title." in page.content.decode() and "Kept text." in page.content.decode()


def test_only_creators_edit_and_only_their_own_works_join(writer, reader):
    series, _ = make_series(writer, ["First Snow"])
    stranger = Client()
    stranger.force_login(reader)
    assert stranger.get(reverse("series:edit", args=[series.pk])).status_code == 404
    theirs = make_work(author=reader)
    with pytest.raises(PermissionDenied, match="only your own works to your own series"):
        services.add_work(series=series, work=theirs, user=reader)
    # Someone else's series is not offered for the reader's own work.
    page = stranger.get(reverse("series:work_series", args=[theirs.pk])).content.decode()
    assert "The Stars Hollow Cycle" not in page


def test_subscribers_hear_of_each_new_work_in_the_series_once(writer):
    series, _ = make_series(writer, ["First Snow"])
    run_worker()  # the first work's own announcements, before anyone subscribed
    fan, double_fan = UserFactory(), UserFactory()
    follows.subscribe(user=fan, series=series)
    follows.subscribe(user=double_fan, series=series)
    follows.subscribe(user=double_fan, author=writer)

    draft = make_work(author=writer, title="Second Thaw", posted=False)
    services.add_work(series=series, work=draft, user=writer)
    run_worker()
    assert not Notification.objects.filter(user__in=[fan, double_fan]).exists()  # a draft is not news
    works.post_work(work=draft, user=draft.author)
    run_worker()
    later = make_work(author=writer, title="Third Spring")
    services.add_work(series=series, work=later, user=writer)
    services.remove_work(series=series, user=writer, work=later)
    services.add_work(series=series, work=later, user=writer)
    run_worker()
    assert sorted(Notification.objects.filter(user=fan).values_list("text", flat=True)) == [
        f"New in the series The Stars Hollow Cycle: Second Thaw by {writer.username}",
        f"New in the series The Stars Hollow Cycle: Third Spring by {writer.username}",
    ]
    # Told once per work: as the writer's follower, not again as the series' subscriber.
    assert Notification.objects.filter(user=double_fan, kind="work").count() == 2


def test_reader_subscribes_to_a_series_from_its_page(reader, writer):
    series, _ = make_series(writer, ["First Snow"])
    client = Client()
    client.force_login(reader)
    url = reverse("series:subscription", args=[series.pk])
    client.post(url, {"action": "subscribe"})
    client.post(url, {"action": "subscribe"})  # a double click
    assert Subscription.objects.filter(user=reader, series=series).count() == 1
    assert "Unsubscribe from this series" in client.get(series.get_absolute_url()).content.decode()
    assert "The Stars Hollow Cycle" in client.get(reverse("follows:subscriptions")).content.decode()
    client.post(url, {"action": "unsubscribe"})
    assert not Subscription.objects.filter(user=reader).exists()


def test_a_subscription_has_exactly_one_target(reader, writer):
    series, (work,) = make_series(writer, ["First Snow"])
    with pytest.raises(IntegrityError):
        Subscription.objects.create(user=reader, series=series, work=work)


def test_demo_archive_has_a_series_and_a_scheduled_chapter():
    from django.core.management import call_command

    from quire.core.demo_content import SCHEDULED_CHAPTERS, SERIES
    from quire.works.models import Chapter

    call_command("demo", "--if-empty", stdout=__import__("io").StringIO())
    series = Series.objects.get(title=SERIES[0]["title"])
    assert [w.title for w in series.works.order_by("series_entries__position")] == SERIES[0]["works"]
    scheduled = Chapter.objects.get(title=SCHEDULED_CHAPTERS[0]["title"])
    assert scheduled.is_scheduled and not scheduled.is_posted


def test_a_writers_series_are_listed_from_their_profile(writer):
    series, (first, second) = make_series(writer, ["First Snow", "Second Thaw"])
    type(second).objects.filter(pk=second.pk).update(posted_at=None)  # back to a draft
    guest = Client()
    profile = guest.get(writer.get_absolute_url()).content.decode()
    listing_url = reverse("series:user_series", args=[writer.username])
    assert listing_url in profile
    listing = guest.get(listing_url).content.decode()
    assert "The Stars Hollow Cycle" in listing and "<dt>Works:</dt><dd>1</dd>" in listing


def test_deleting_a_series_keeps_its_works(writer_client, writer):
    series, (work,) = make_series(writer, ["First Snow"])
    url = reverse("series:delete", args=[series.pk])
    assert "its works stay" in writer_client.get(url).content.decode()
    writer_client.post(url)
    assert not Series.objects.exists()
    page = Client().get(work.get_absolute_url()).content.decode()
    assert "Part 1 of" not in page


def test_the_end_of_a_work_leads_on_to_the_next_part(writer):
    series, (first, second) = make_series(writer, ["First Snow", "Second Thaw"])
    page = Client().get(first.get_absolute_url()).content.decode()
    footer = page[page.index('class="series-navigation"') :]
    assert "Part 1 of the" in footer and second.get_absolute_url() in footer


def test_work_page_queries_do_not_grow_with_the_series(writer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, small = make_series(writer, ["A", "B"])
    _, large = make_series(writer, [f"Work {n}" for n in range(7)])
    counts = []
    for work in (small[1], large[3]):
        guest = Client()
        guest.get(work.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            guest.get(work.get_absolute_url())
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
