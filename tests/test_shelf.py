"""Reading history, "continue reading" and "mark for later": private to the reader, and never leaking."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work

from quire.shelf import views as shelf_views
from quire.shelf.models import MarkedForLater, Reading
from quire.shelf.recording import position_token
from quire.works import services

pytestmark = pytest.mark.django_db


class BrowsingClient(Client):
    """Opens pages as a browser does: once a work page is shown, its position.js (or, without JavaScript, its
    <noscript> image) tells the archive the reader opened it; the page itself writes nothing."""

    def get(self, path, *args, **kwargs):
        response = super().get(path, *args, **kwargs)
        if response.get("Content-Type", "").startswith("text/html"):
            found = re.search(r'data-opened-token="([^"]+)"', response.content.decode())
            if found:
                assert super().post(reverse("shelf:opened"), {"token": found.group(1)}).status_code == 204
        return response


@pytest.fixture
def client():
    return BrowsingClient()


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def token_of(page: str, chapter_number: int = 1) -> str:
    found = re.search(rf'aria-labelledby="chapter-text-{chapter_number}" data-position-token="([^"]+)"', page)
    return found.group(1)


def continue_link(page: str) -> str | None:
    found = re.search(
        r'<p class="continue-reading"><a class="button" href="([^"]+)">Continue reading</a>', page
    )
    return found.group(1).replace("&amp;", "&") if found else None


def save_place(client, token: str, position) -> int:
    return client.post(reverse("shelf:position"), {"token": token, "position": position}).status_code


def test_opening_a_work_and_its_chapters_builds_the_history(reader_client, reader):
    work = make_work(chapters=3)
    one, two, _ = work.chapters.order_by("position")
    reader_client.get(work.get_absolute_url())
    reading = Reading.objects.get(user=reader, work=work)
    assert (reading.last_chapter_id, reading.position, reading.visit_count) == (one.pk, 0, 1)
    first_opened = reading.first_opened_at

    reader_client.get(two.get_absolute_url())
    reading.refresh_from_db()
    assert reading.last_chapter_id == two.pk
    assert reading.visit_count == 1  # reading on, chapter after chapter, is one visit
    assert reading.first_opened_at == first_opened and reading.last_opened_at > first_opened

    Reading.objects.filter(pk=reading.pk).update(last_opened_at=timezone.now() - timedelta(hours=2))
    reader_client.get(work.get_absolute_url())
    reading.refresh_from_db()
    assert reading.visit_count == 2  # back another day
    assert reading.last_chapter_id == two.pk  # the first page does not lose the place


def test_continue_reading_returns_to_the_chapter_and_position(reader_client, reader):
    work = make_work(chapters=3)
    two = work.chapters.get(position=2)
    assert continue_link(reader_client.get(work.get_absolute_url()).content.decode()) is None

    page = reader_client.get(two.get_absolute_url()).content.decode()
    assert save_place(reader_client, token_of(page, 2), "0.5") == 204
    landing = reader_client.get(work.get_absolute_url()).content.decode()
    assert continue_link(landing) == f"{two.get_absolute_url()}?position=0.500"
    assert "Chapter 2: Part 2, about 50% through" in landing

    # Coming back to the same chapter keeps the place; moving on starts the next chapter at its top.
    reader_client.get(two.get_absolute_url())
    assert Reading.objects.get(user=reader).position == 0.5
    reader_client.get(work.chapters.get(position=3).get_absolute_url())
    assert Reading.objects.get(user=reader).position == 0


def test_position_beacon_refuses_forged_foreign_and_guest_tokens(client, reader):
    work = make_work(chapters=2)
    two = work.chapters.get(position=2)
    client.force_login(reader)
    client.get(two.get_absolute_url())
    other = UserFactory()
    foreign = position_token(other, work.pk, two.pk)
    assert save_place(client, "forged", "0.4") == 400
    assert save_place(client, foreign, "0.4") == 400
    assert save_place(client, position_token(reader, work.pk, two.pk), "nan") == 400
    assert save_place(client, position_token(reader, work.pk, two.pk), "7") == 204  # kept within 0..1
    assert Reading.objects.get(user=reader).position == 1
    client.logout()
    assert save_place(client, position_token(reader, work.pk, two.pk), "0.2") == 400
    assert Reading.objects.get(user=reader).position == 1


def test_turned_off_history_records_nothing(reader_client, reader):
    reader.keep_reading_history = False
    reader.save()
    work = make_work(chapters=2)
    two = work.chapters.get(position=2)
    landing = reader_client.get(work.get_absolute_url()).content.decode()
    reader_client.get(two.get_absolute_url())
    assert save_place(reader_client, position_token(reader, work.pk, two.pk), "0.5") == 204
    assert not Reading.objects.exists()
    assert "data-position-token" not in landing and continue_link(landing) is None
    assert "Mark for later" in landing  # the later list works regardless


def test_history_setting_is_on_by_default_and_can_be_turned_off(reader_client, reader):
    assert reader.keep_reading_history
    page = reader_client.get(reverse("accounts:settings")).content.decode()
    assert "Keep my reading history" in page
    reader_client.post(
        reverse("accounts:settings"),
        {"email": reader.email, "email_notifications": "immediately", "time_zone": "UTC", "about": ""},
    )
    reader.refresh_from_db()
    assert not reader.keep_reading_history
    reader_client.get(make_work().get_absolute_url())
    assert not Reading.objects.exists()
    history = reader_client.get(reverse("shelf:readings", args=[reader.username])).content.decode()
    assert "Your reading history is turned off" in history


def test_writers_own_works_and_guests_leave_no_history(client, writer):
    work = make_work(writer)
    client.get(work.get_absolute_url())
    client.force_login(writer)
    page = client.get(work.get_absolute_url()).content.decode()
    assert not Reading.objects.exists()
    assert "Mark for later" not in page


def test_history_page_lists_works_with_last_chapter_and_removes_one(reader_client, reader):
    first = make_work(title="First read", chapters=2)
    second = make_work(title="Second read")
    reader_client.get(first.chapters.get(position=2).get_absolute_url())
    reader_client.get(second.get_absolute_url())
    url = reverse("shelf:readings", args=[reader.username])
    page = reader_client.get(url).content.decode()
    assert page.index("Second read") < page.index("First read")  # latest first
    assert "Chapter 2: Part 2" in page and "Visited 1 time" in page
    assert f'href="{first.chapters.get(position=2).get_absolute_url()}">Continue reading' in page

    response = reader_client.post(reverse("shelf:forget", args=[reader.username, first.pk]), {"next": url})
    assert response.status_code == 302 and response.url == url
    assert list(Reading.objects.values_list("work__title", flat=True)) == ["Second read"]


def test_clearing_history_asks_first_and_keeps_the_later_list(reader_client, reader):
    work = make_work()
    reader_client.get(work.get_absolute_url())
    reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})
    url = reverse("shelf:clear", args=[reader.username])
    confirm = reader_client.get(url)
    assert "Clear your reading history?" in confirm.content.decode() and Reading.objects.exists()
    response = reader_client.post(url, follow=True)
    assert "Your reading history was cleared (1 works)." in response.content.decode()
    assert not Reading.objects.exists() and MarkedForLater.objects.filter(user=reader).exists()


def test_only_the_owner_sees_their_history_and_later_list(client, reader):
    url = reverse("shelf:readings", args=[reader.username])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(url, {"show": "to-read"}).status_code == 404
    assert client.post(reverse("shelf:clear", args=[reader.username])).status_code == 404
    client.force_login(reader)
    assert client.get(url.replace(reader.username, reader.username.upper())).status_code == 200


def test_hidden_drafted_and_deleted_things_do_not_leak(reader_client, reader):
    hidden = make_work(title="Hidden later")
    drafted = make_work(title="Drafted later", chapters=2)
    shortened = make_work(title="Shortened", chapters=3)
    for work in (hidden, drafted, shortened):
        reader_client.get(work.chapters.order_by("position").last().get_absolute_url())
        reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})
    hidden.hidden_at = timezone.now()
    hidden.save()
    drafted.posted_at = None
    drafted.save()
    three = shortened.chapters.get(position=3)
    three_url = three.get_absolute_url()
    services.delete_chapter(chapter=three, user=three.work.author)

    history = reader_client.get(reverse("shelf:readings", args=[reader.username])).content.decode()
    later = reader_client.get(reverse("shelf:readings", args=[reader.username]), {"show": "to-read"})
    for page in (history, later.content.decode()):
        assert "Hidden later" not in page and "Drafted later" not in page and "Shortened" in page
    assert three_url not in history and "Continue reading" not in history
    landing = reader_client.get(shortened.get_absolute_url()).content.decode()
    assert continue_link(landing) is None


def test_continue_reading_skips_a_chapter_taken_back_to_draft(reader_client, reader):
    work = make_work(chapters=3)
    two = work.chapters.get(position=2)
    page = reader_client.get(two.get_absolute_url()).content.decode()
    save_place(reader_client, token_of(page, 2), "0.5")
    two.posted_at = None
    two.save()
    assert continue_link(reader_client.get(work.get_absolute_url()).content.decode()) is None
    history = reader_client.get(reverse("shelf:readings", args=[reader.username])).content.decode()
    assert two.get_absolute_url() not in history


def test_mark_for_later_toggles_without_javascript(reader_client, reader):
    work = make_work(title="Someday")
    home = reader_client.get("/").content.decode()
    assert 'action="' + reverse("shelf:later", args=[work.pk]) + '"' in home
    response = reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})  # a double click
    assert MarkedForLater.objects.filter(user=reader, work=work).count() == 1
    home = reader_client.get("/").content.decode()
    assert "Remove from later" in home and "“Someday” was marked for later." in home

    later = reader_client.get(reverse("shelf:readings", args=[reader.username]), {"show": "to-read"})
    assert "Someday" in later.content.decode()
    reader_client.post(
        reverse("shelf:later", args=[work.pk]), {"action": "unmark", "next": "https://evil.example/"}
    )
    assert not MarkedForLater.objects.exists()


def test_mark_for_later_with_htmx_returns_the_toggled_button(reader_client, reader):
    work = make_work(title="Someday")
    response = reader_client.post(
        reverse("shelf:later", args=[work.pk]), {"action": "mark", "next": "/"}, HTTP_HX_REQUEST="true"
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<form method="post"') and "<html" not in fragment
    assert 'name="action" value="unmark"' in fragment and "Remove from later" in fragment
    assert 'name="next" value="/"' in fragment and "csrfmiddlewaretoken" in fragment


def test_guests_get_no_later_button_and_cannot_mark(client):
    work = make_work()
    assert "Mark for later" not in client.get("/").content.decode()
    assert "Mark for later" not in client.get(work.get_absolute_url()).content.decode()
    response = client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})
    assert response.status_code == 302 and not MarkedForLater.objects.exists()


def test_works_a_reader_cannot_see_cannot_be_marked(reader_client):
    draft = make_work(posted=False)
    assert reader_client.post(reverse("shelf:later", args=[draft.pk]), {"action": "mark"}).status_code == 404
    assert not MarkedForLater.objects.exists()


def test_history_and_later_list_are_paginated(reader_client, reader, monkeypatch):
    monkeypatch.setattr(shelf_views, "PER_PAGE", 2)
    for n in range(3):
        work = make_work(title=f"Story {n}")
        reader_client.get(work.get_absolute_url())
        reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})
    url = reverse("shelf:readings", args=[reader.username])
    for extra in ({}, {"show": "to-read"}):
        first = reader_client.get(url, extra).content.decode()
        second = reader_client.get(url, {**extra, "page": 2}).content.decode()
        assert first.count('class="work blurb group"') == 2 and "Page 1 of 2" in first
        assert second.count('class="work blurb group"') == 1


@pytest.mark.parametrize("count", [1, 5])
def test_listing_shows_later_marks_in_a_fixed_number_of_queries(
    reader_client, reader, django_assert_num_queries, count
):
    works = [make_work(title=f"W{n}", tags=[f"T{n}"]) for n in range(count)]
    MarkedForLater.objects.create(user=reader, work=works[0])
    # session, user (with whether they hold any permission, so the wrangler link asks nothing more, and their
    # unread count), count, works, tags, warnings, categories, gifts, credits, one for the reader's marks, and
    # the home page's "Continue reading" and "Works you follow"
    with django_assert_num_queries(12):
        page = reader_client.get("/").content.decode()
    assert page.count("Mark for later") == count - 1 and page.count("Remove from later") == 1


@pytest.mark.parametrize("count", [1, 5])
def test_history_page_query_count_is_fixed(reader_client, reader, django_assert_num_queries, count):
    for n in range(count):
        work = make_work(title=f"W{n}", chapters=2, tags=[f"T{n}"])
        reader_client.get(work.chapters.get(position=2).get_absolute_url())
        reader_client.post(reverse("shelf:later", args=[work.pk]), {"action": "mark"})
    url = reverse("shelf:readings", args=[reader.username])
    # session, user (with whether they hold any permission and their unread count), count, entries, their
    # works, tags, warnings, categories, gifts, credits, and one for the reader's marks
    with django_assert_num_queries(11):
        reader_client.get(url)
    with django_assert_num_queries(11):
        reader_client.get(url, {"show": "to-read"})


@pytest.mark.parametrize(("chapters", "landing"), [(1, True), (6, True), (6, False)])
def test_work_page_for_a_reader_reads_seven_queries_and_writes_nothing(
    reader, django_assert_num_queries, chapters, landing
):
    work = make_work(chapters=chapters, tags=["A", "B", "C"])
    url = work.get_absolute_url() if landing else work.chapters.get(position=chapters).get_absolute_url()
    client = Client()  # the page alone, without the beacon its script sends once shown
    client.force_login(reader)
    client.get(url)
    # session; user (with their permissions, pseud and unread counts); the work, with what the reader already
    # gave, "marked for later?", where they stopped, and which of gifts, series, prompts, related works and
    # chapter credits it has (none here); tags; credits; the chapters with the shown one's text; reviews. No
    # history upsert (the page's beacon records the visit), and no hit: a repeat view the same day writes none.
    with django_assert_num_queries(7):
        client.get(url)
    assert not Reading.objects.exists()


@pytest.mark.parametrize("page", ["history", "later", "bookmarks"])
def test_blurbs_reached_through_a_reading_or_bookmark_skip_the_tag_dates(reader_client, reader, page):
    # Every blurb list uses Work.objects.for_listing(), whose tag prefetch leaves out the tags' dates
    # (a third of the prefetch's time for a blurb that never shows them).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quire.feedback.models import Bookmark

    work = make_work(title="Tagged", tags=["Slow Burn", "Found Family"])
    reader_client.get(work.get_absolute_url())
    MarkedForLater.objects.create(user=reader, work=work)
    Bookmark.objects.create(user=reader, work=work)
    url = {
        "history": reverse("shelf:readings", args=[reader.username]),
        "later": reverse("shelf:readings", args=[reader.username]) + "?show=to-read",
        "bookmarks": reverse("feedback:user_bookmarks", args=[reader.username]),
    }[page]
    with CaptureQueriesContext(connection) as queries:
        html = reader_client.get(url).content.decode()
    assert "Tagged" in html and "Slow Burn" in html and "Found Family" in html
    tag_queries = [q["sql"] for q in queries if '"tags_tag"' in q["sql"]]
    assert tag_queries and not any('"tags_tag"."created_at"' in sql for sql in tag_queries)


def test_home_page_for_a_member_continues_their_reading_and_shows_works_they_follow(reader_client, reader):
    from quire.follows.models import Subscription

    started = make_work(title="Halfway", chapters=3)
    followed = make_work(title="Followed One")
    make_work(title="Someone Else's")
    reader_client.get(started.chapters.order_by("position")[1].get_absolute_url())
    Subscription.objects.create(user=reader, work=followed)
    home = reader_client.get("/").content.decode()
    shelf = home[home.index("Continue reading") : home.index("Recently updated works")]
    assert "Halfway" in shelf and "Chapter 2" in shelf
    follows = shelf[shelf.index("Works you follow") :]
    assert "Followed One" in follows and "Someone Else" not in follows


def test_home_page_for_a_guest_says_what_the_archive_is(client, settings):
    settings.SITE_NAME = "Stars Hollow Archive"
    settings.SITE_DESCRIPTION = "Gilmore Girls stories since 2004."
    home = client.get("/").content.decode()
    assert "Welcome to Stars Hollow Archive" in home and "Gilmore Girls stories since 2004." in home
    assert "Continue reading" not in home
