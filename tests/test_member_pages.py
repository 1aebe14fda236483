"""Issue #24, members: a member's work and chapter pages read a few queries whatever the work holds, and write
nothing while they are made (the page's own beacon records the visit in the reader's history); the writer's
own page reads a fixed number however many draft chapters it shows."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import UserFactory, make_series, make_work

from quire.accounts.services import create_pseud
from quire.collections import services as collection_services
from quire.creators.models import Creatorship
from quire.creators.services import accept_invitation, invite_creator
from quire.feedback import services as feedback
from quire.follows.models import Notification
from quire.follows.services import subscribe
from quire.gifts.services import set_gifts
from quire.insights.models import ReadEvent
from quire.related.services import relate_work
from quire.shelf.models import Reading
from quire.shelf.recording import opening_token
from quire.shelf.services import mark_for_later

pytestmark = pytest.mark.django_db

# A work with nothing but its text, and a member with one pseud: what most pages are.
PLAIN_PAGE = 7
# A work with everything a page can show (gifts, series, co-creators and chapter co-creators, a related work,
# reviews, member kudos, collections) read by a member with two pseuds: five more, one for each of those a
# work may have (gifts, series, a related work, chapter credits) and the reader's pseud choice.
FULL_PAGE = 12


def _full_work(reader, chapters: int):
    writer, partner = UserFactory(), UserFactory()
    work = make_work(
        writer,
        chapters=chapters,
        relationships=[f"A{n}/B{n}" for n in range(5)],
        characters=[f"C{n}" for n in range(8)],
        tags=[f"T{n}" for n in range(15)],
        notes="Notes.",
        end_notes="End.",
    )
    invite_creator(thing=work, pseud=partner.default_pseud, inviter=writer)
    accept_invitation(creatorship=Creatorship.objects.get(work=work, user=partner), user=partner)
    for chapter in list(work.chapters.order_by("position"))[:3]:
        invite_creator(thing=chapter, pseud=partner.default_pseud, inviter=writer)
        accept_invitation(creatorship=Creatorship.objects.get(chapter=chapter, user=partner), user=partner)
    others = [make_work(writer, title=f"Part {n}") for n in range(3)]
    make_series("Saga", others[0], work, others[1])
    for n in range(2):
        collection = collection_services.create_collection(
            user=writer, fields=collection_services.CollectionFields(name=f"coll{n}", title=f"Coll {n}")
        )
        collection_services.add_work(collection=collection, work=work, user=writer)
    friends = [UserFactory(), UserFactory()]
    set_gifts(work=work, user=writer, names=[friend.username for friend in friends])
    relate_work(user=writer, work=work, kind="inspired", url=others[2].get_absolute_url())
    fans = [UserFactory() for _ in range(4)]
    for chapter in work.chapters.all():
        for fan in fans[:2]:
            review = feedback.post_review(chapter=chapter, user=fan, body="Lovely.")
        feedback.post_review(chapter=chapter, user=writer, body="Thanks!", parent=review)
    for fan in fans:
        feedback.leave_kudos(work=work, user=fan)
    feedback.leave_kudos(work=work, user=reader)
    feedback.save_bookmark(user=reader, work=work, note="Good.")
    subscribe(user=reader, work=work)
    mark_for_later(user=reader, work=work)
    create_pseud(user=reader, name="Other me")
    work.refresh_from_db()
    return work, fans, friends


def _pages(work):
    last = work.chapters.order_by("position").last()
    return [
        work.get_absolute_url(),
        last.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
    ]


@pytest.mark.parametrize("chapters", [1, 30])
def test_a_members_pages_of_a_plain_work_read_seven_queries(
    client, reader, django_assert_max_num_queries, chapters
):
    work = make_work(chapters=chapters, tags=[f"T{n}" for n in range(12)])
    client.force_login(reader)
    for url in _pages(work):
        with django_assert_max_num_queries(PLAIN_PAGE + 1):  # the first view of the day writes its read
            client.get(url)
        with django_assert_max_num_queries(PLAIN_PAGE):
            page = client.get(url).content.decode()
        assert "Mark for later" in page and "T11" in page


@pytest.mark.parametrize("chapters", [1, 30])
def test_a_members_pages_of_a_work_with_everything_do_not_grow_with_it(
    client, reader, django_assert_max_num_queries, chapters
):
    work, fans, friends = _full_work(reader, chapters)
    client.force_login(reader)
    for url in _pages(work):
        client.get(url)
        with django_assert_max_num_queries(FULL_PAGE):
            page = client.get(url).content.decode()
        # What the folded queries carry still shows: the reader's own state, kudos names, gifts, the series.
        assert "Edit bookmark" in page and "Remove from later" in page and "Unsubscribe" in page
        assert all(fan.username in page for fan in fans) and all(f.username in page for f in friends)
        assert "Part 2 of" in page, url
        # The entire work links to the reviews chapter by chapter instead of showing them and their form.
        reviews_shown = "view_full_work" not in url or chapters == 1
        assert ("Lovely." in page) is reviews_shown and ("Other me" in page) is reviews_shown, url


def test_the_header_counts_unread_messages_and_shows_staff_links_without_queries_of_its_own(
    client, reader, writer, django_assert_max_num_queries
):
    work = make_work(writer)
    Notification.objects.create(
        user=reader, work=work, kind=Notification.Kind.NEW_CHAPTER, key="k", text="New"
    )
    client.force_login(reader)
    client.get(work.get_absolute_url())
    with django_assert_max_num_queries(PLAIN_PAGE):
        page = client.get(work.get_absolute_url()).content.decode()
    assert '(1<span class="visually-hidden"> unread</span>)' in page
    assert "Wrangling</a>" not in page and "Moderation</a>" not in page

    # A member who holds a permission (directly or by a group) is asked about it as before.
    wrangler = UserFactory()
    wrangler.user_permissions.add(Permission.objects.get(codename="wrangle_tag"))
    moderator = UserFactory()
    team = Group.objects.create(name="Page moderators")
    team.permissions.add(Permission.objects.get(codename="moderate"))
    moderator.groups.add(team)
    client.force_login(wrangler)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Wrangling</a>" in page and "Moderation</a>" not in page
    client.force_login(moderator)
    assert "Moderation</a>" in client.get(work.get_absolute_url()).content.decode()


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.IGNORECASE)]


def test_opening_a_page_writes_only_the_days_read_and_the_beacon_writes_the_history(client, reader):
    work = make_work(chapters=3)
    two = work.chapters.get(position=2)
    client.force_login(reader)
    with CaptureQueriesContext(connection) as first:
        page = client.get(two.get_absolute_url()).content.decode()
    # The read the writer's stats count, once per reader, chapter and day, as before; no history upsert.
    assert [sql.split()[2] for sql in _writes(first.captured_queries)] == ['"insights_readevent"']
    assert ReadEvent.objects.filter(kind=ReadEvent.Kind.VIEW, chapter_id=two.pk).count() == 1
    assert not Reading.objects.exists()

    token = re.search(r'data-opened-token="([^"]+)"', page).group(1)
    assert client.post(reverse("shelf:opened"), {"token": token}).status_code == 204
    reading = Reading.objects.get(user=reader, work=work)
    assert (reading.last_chapter_id, reading.visit_count) == (two.pk, 1)


def test_a_reader_without_javascript_records_the_visit_through_the_noscript_image(client, reader):
    work = make_work(chapters=2)
    client.force_login(reader)
    page = client.get(work.get_absolute_url()).content.decode()
    src = re.search(r'<noscript><img class="opened-pixel" src="([^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert Reading.objects.get(user=reader, work=work).last_chapter_id == work.chapters.get(position=1).pk


def test_the_opening_beacon_refuses_forged_and_foreign_tokens(client, reader):
    work = make_work()
    chapter = work.chapters.get()
    other = UserFactory()
    client.force_login(reader)
    url = reverse("shelf:opened")
    assert client.post(url, {"token": "forged"}).status_code == 400
    assert (
        client.post(url, {"token": opening_token(other, work.pk, chapter.pk, landing=True)}).status_code
        == 400
    )
    client.logout()
    assert (
        client.post(url, {"token": opening_token(reader, work.pk, chapter.pk, landing=True)}).status_code
        == 400
    )
    assert not Reading.objects.exists()


def test_the_opening_beacon_skips_a_chapter_taken_back_and_a_history_turned_off(client, reader):
    work = make_work(chapters=2)
    one, two = work.chapters.order_by("position")
    client.force_login(reader)
    taken_back = opening_token(reader, work.pk, two.pk, landing=False)
    two.posted_at = None
    two.save()
    assert client.post(reverse("shelf:opened"), {"token": taken_back}).status_code == 204
    reader.keep_reading_history = False
    reader.save()
    client.post(reverse("shelf:opened"), {"token": opening_token(reader, work.pk, one.pk, landing=True)})
    assert not Reading.objects.exists()


@pytest.mark.parametrize("drafts", [1, 12])
def test_the_writers_page_reads_the_beta_panels_of_every_draft_chapter_together(
    client, writer, django_assert_max_num_queries, drafts
):
    work = make_work(writer, chapters=drafts, posted=False, words_per_chapter=200)
    client.force_login(writer)
    url = work.get_absolute_url() + "?view_full_work=true"
    client.get(url)
    with django_assert_max_num_queries(11):
        page = client.get(url).content.decode()
    assert page.count('<section class="beta-panel"') == drafts
