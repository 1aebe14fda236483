"""Co-creators with consent (issue #21): invitations, the byline, ownership, leaving, and the numbers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import UserFactory, make_series, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from test_posting import new_work_data

from quire.core.text import TextFormat
from quire.creators import services
from quire.creators.models import Creatorship
from quire.creators.services import credit_creator
from quire.feedback import services as feedback_services
from quire.follows import announcements
from quire.follows import services as follows_services
from quire.follows.models import Notification
from quire.insights.aggregation import aggregate
from quire.insights.selectors import work_stats
from quire.moderation.models import Block, Mute
from quire.works import services as work_services
from quire.works.models import Work

pytestmark = pytest.mark.django_db

BYLINE = '<h3 class="byline heading">'


def byline_of(client, work) -> str:
    page = client.get(work.get_absolute_url()).content.decode()
    start = page.index(BYLINE) + len(BYLINE)
    return page[start : page.index("</h3>", start)]


def invite(client, inviter, work, typed):
    client.force_login(inviter)
    return client.post(f"/works/{work.pk}/creators", {"pseud": typed, "action": "invite"})


def invitation_of(user) -> Creatorship:
    return Creatorship.objects.get(user=user, accepted_at__isnull=True)


@pytest.fixture
def pair(db):
    lead = UserFactory(username="lead")
    other = UserFactory(username="other")
    return lead, other


def test_byline_names_every_accepted_creator_linking_each_pseud_page(client):
    lead = UserFactory(username="lead")
    other = UserFactory(username="other")
    pen = other.pseuds.create(name="Pen")
    work = make_work(lead, title="Together")
    credit_creator(work, pen)

    assert byline_of(client, work) == (
        '<a rel="author" href="/users/lead/pseuds/lead">lead</a>, '
        '<a rel="author" href="/users/other/pseuds/Pen">Pen (other)</a>'
    )


def test_an_invitation_not_accepted_leaves_the_byline_unchanged_and_gives_no_edit_rights(client, pair):
    lead, other = pair
    work = make_work(lead, title="Ours")

    response = invite(client, lead, work, "other")

    assert response.status_code == 302
    assert byline_of(client, work) == '<a rel="author" href="/users/lead/pseuds/lead">lead</a>'
    client.force_login(other)
    assert client.get(f"/works/{work.pk}/edit").status_code == 404
    assert "Ours" not in client.get("/users/other").content.decode()
    inbox = client.get("/inbox").content.decode()
    assert "lead invited you (other) to be a co-creator of the work Ours" in inbox
    assert f'action="/invitations/{invitation_of(other).pk}/accept"' in inbox


def test_accepting_puts_the_invitee_in_the_byline_and_lets_them_edit(client, pair):
    lead, other = pair
    work = make_work(lead, title="Ours")
    invite(client, lead, work, "other")
    client.force_login(other)

    response = client.post(f"/invitations/{invitation_of(other).pk}/accept")

    assert response.status_code == 302
    assert byline_of(client, work) == (
        '<a rel="author" href="/users/lead/pseuds/lead">lead</a>, '
        '<a rel="author" href="/users/other/pseuds/other">other</a>'
    )
    assert client.get(f"/works/{work.pk}/edit").status_code == 200
    assert 'id="invitations-heading"' not in client.get("/inbox").content.decode()
    # The co-created work is on the co-creator's profile too.
    assert "Ours" in client.get("/users/other").content.decode()


def test_a_pseud_is_invited_by_name_with_its_account(client, pair):
    lead, other = pair
    other.pseuds.create(name="Quill")
    UserFactory(username="third").pseuds.create(name="Quill")
    work = make_work(lead)

    ambiguous = invite(client, lead, work, "Quill")
    chosen = invite(client, lead, work, "Quill (other)")

    assert "type it with their account" in ambiguous.content.decode()
    assert 'value="Quill"' in ambiguous.content.decode()  # what was typed is kept
    assert chosen.status_code == 302
    assert invitation_of(other).pseud.name == "Quill"


def test_an_invitation_reads_the_account_as_a_gift_does_spaces_in_brackets_and_all(client, pair):
    lead, other = pair
    other.pseuds.create(name="Quill")
    work = make_work(lead)

    response = invite(client, lead, work, "quill ( Other )")

    assert response.status_code == 302
    assert invitation_of(other).pseud.name == "Quill"


def test_declining_leaves_the_work_as_it_was(client, pair):
    lead, other = pair
    work = make_work(lead)
    invite(client, lead, work, "other")
    client.force_login(other)

    client.post(f"/invitations/{invitation_of(other).pk}/decline")

    assert not Creatorship.objects.filter(work=work, user=other).exists()
    assert not Notification.objects.filter(user=other, kind=Notification.Kind.CREATOR_INVITATION).exists()
    assert byline_of(client, work) == '<a rel="author" href="/users/lead/pseuds/lead">lead</a>'


def test_only_the_invitee_answers_and_a_creator_withdraws(client, pair):
    lead, other = pair
    work = make_work(lead)
    invite(client, lead, work, "other")
    pk = invitation_of(other).pk
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(f"/invitations/{pk}/accept").status_code == 404
    assert client.post(f"/invitations/{pk}/withdraw").status_code == 404

    client.force_login(lead)
    page = client.get(f"/works/{work.pk}/edit").content.decode()
    assert "Invitations waiting for an answer" in page and f"/invitations/{pk}/withdraw" in page
    client.post(f"/invitations/{pk}/withdraw")

    assert not Creatorship.objects.filter(pk=pk).exists()
    client.force_login(other)
    assert 'id="invitations-heading"' not in client.get("/inbox").content.decode()


def test_a_creator_removes_themselves_but_the_last_creator_cannot(client, pair):
    lead, other = pair
    work = make_work(lead)
    credit_creator(work, other.default_pseud)
    client.force_login(other)

    client.post(f"/works/{work.pk}/creators", {"action": "leave"})

    assert byline_of(client, work) == '<a rel="author" href="/users/lead/pseuds/lead">lead</a>'
    assert client.get(f"/works/{work.pk}/edit").status_code == 404
    client.force_login(lead)
    response = client.post(f"/works/{work.pk}/creators", {"action": "leave"}, follow=True)
    assert "You are its only creator, so you cannot remove yourself" in response.content.decode()
    assert Creatorship.objects.filter(work=work, user=lead, accepted_at__isnull=False).exists()


def test_when_the_lead_leaves_the_next_creator_becomes_the_works_writer(client, pair):
    lead, other = pair
    work = make_work(lead)
    credit_creator(work, other.default_pseud)
    client.force_login(lead)

    client.post(f"/works/{work.pk}/creators", {"action": "leave"})

    work.refresh_from_db()
    assert (work.author, work.pseud) == (other, other.default_pseud)
    assert byline_of(client, work) == '<a rel="author" href="/users/other/pseuds/other">other</a>'


def test_a_member_who_blocked_the_inviter_cannot_be_invited(client, pair):
    lead, other = pair
    work = make_work(lead)
    Block.objects.create(blocker=other, blocked=lead)

    response = invite(client, lead, work, "other")

    assert "That member does not accept invitations from you." in response.content.decode()
    assert not Creatorship.objects.filter(user=other).exists()


def test_a_suspended_member_cannot_invite(client, pair):
    lead, other = pair
    work = make_work(lead)
    lead.suspended_until = timezone.now() + timedelta(days=3)
    lead.save()

    response = invite(client, lead, work, "other")

    assert "Your account is suspended" in response.content.decode()
    assert not Creatorship.objects.filter(user=other).exists()


def test_a_draft_is_seen_by_its_co_creators_only_once_they_accept(client, pair):
    lead, other = pair
    work = make_work(lead, posted=False, title="Secret Draft")
    invite(client, lead, work, "other")
    client.force_login(other)
    assert client.get(work.get_absolute_url()).status_code == 404

    client.post(f"/invitations/{invitation_of(other).pk}/accept")

    assert client.get(work.get_absolute_url()).status_code == 200


def test_a_chapter_co_creator_is_credited_on_the_chapter_and_the_work(client, pair):
    lead, other = pair
    work = make_work(lead, chapters=2)
    second = work.chapters.order_by("position").last()
    client.force_login(lead)
    client.post(f"/works/{work.pk}/chapters/{second.pk}/creators", {"pseud": "other", "action": "invite"})
    client.force_login(other)

    client.post(f"/invitations/{invitation_of(other).pk}/accept")

    chapter_page = client.get(second.get_absolute_url()).content.decode()
    assert (
        'by <a rel="author" href="/users/lead/pseuds/lead">lead</a>, '
        '<a rel="author" href="/users/other/pseuds/other">other</a>' in chapter_page
    )
    assert "other</a>" in byline_of(client, work)
    assert client.get(f"/works/{work.pk}/edit").status_code == 200


def test_series_creators_are_invited_and_shown_on_the_series_page(client, pair):
    lead, other = pair
    series = make_series("Saga", make_work(lead))
    client.force_login(lead)
    client.post(f"/series/{series.pk}/creators", {"pseud": "other", "action": "invite"})
    client.force_login(other)
    assert client.get(f"/series/{series.pk}/edit").status_code == 404

    client.post(f"/invitations/{invitation_of(other).pk}/accept")

    page = client.get(series.get_absolute_url()).content.decode()
    assert (
        '<a rel="author" href="/users/lead/pseuds/lead">lead</a>, '
        '<a rel="author" href="/users/other/pseuds/other">other</a>' in page
    )
    assert client.get(f"/series/{series.pk}/edit").status_code == 200


# --- The numbers: a creator's own reading is never a reader's ---------------------------------------------

MEMBERS = ("m0", "m1", "m2", "m3")
step = st.tuples(st.sampled_from(("lead", *MEMBERS)), st.sampled_from(("view", "join")))


@pytest.fixture
def readers_and_clients(db):
    people = {name: UserFactory(username=name) for name in ("lead", *MEMBERS)}
    clients = {}
    for name, person in people.items():
        clients[name] = Client()
        clients[name].force_login(person)
    return people, clients


@hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=10))
def test_the_stats_count_every_reader_but_never_a_creator(readers_and_clients, steps):
    """Against a plain reference: readers = everyone who opened the work, minus all its creators (whether
    they read it before or after they joined)."""
    people, clients = readers_and_clients
    work = make_work(people["lead"], chapters=2)
    chapters = list(work.chapters.order_by("position"))
    viewers, creators = set(), {"lead"}
    for actor, what in steps:
        if what == "view":
            clients[actor].get(chapters[0].get_absolute_url())
            viewers.add(actor)
        elif actor not in creators:
            creatorship = services.invite_creator(
                thing=work, pseud=people[actor].default_pseud, inviter=people["lead"]
            )
            services.accept_invitation(creatorship=creatorship, user=people[actor])
            creators.add(actor)
    aggregate()

    assert work_stats(work, chapters)["readers"] == len(viewers - creators)
    for name in creators:  # every creator sees the stats page
        assert clients[name].get(f"/works/{work.pk}/stats").status_code == 200


# --- Telling people: notifications name every creator, and reach every creator's followers -----------------


def test_followers_of_any_creator_hear_of_a_new_work_and_chapter_naming_all_creators(pair):
    lead, other = pair
    follower, lead_fan = UserFactory(), UserFactory()
    follows_services.subscribe(user=follower, author=other)
    follows_services.subscribe(user=lead_fan, author=lead)
    work = make_work(lead, title="Ours")
    credit_creator(work, other.default_pseud)

    announcements.announce_work(work.pk)
    chapter = work_services.add_chapter(
        work=work,
        user=other,
        fields=work_services.ChapterFields(title="Two", body="More words.", text_format=TextFormat.PLAIN),
        post=True,
    )
    announcements.announce_chapter(chapter.pk)

    for reader in (follower, lead_fan):
        assert sorted(Notification.objects.filter(user=reader).values_list("text", flat=True)) == [
            "Ours by lead, other: chapter 2: Two is up",
            "lead, other posted a new work: Ours",
        ]
    assert (
        not Notification.objects.filter(user__in=[lead, other])
        .exclude(kind=Notification.Kind.CREATOR_INVITATION)
        .exists()
    )


def test_every_creator_is_told_of_a_review_and_a_creators_reply_is_not_a_review(pair):
    lead, other = pair
    work = make_work(lead, title="Ours")
    credit_creator(work, other.default_pseud)
    reader = UserFactory(username="fan")
    chapter = work.chapters.get()
    review = feedback_services.post_review(chapter=chapter, user=reader, body="Lovely.")
    reply = feedback_services.post_review(chapter=chapter, user=other, body="Thanks!", parent=review)

    announcements.announce_review(review.pk)
    announcements.announce_review(reply.pk)

    assert set(
        Notification.objects.filter(kind=Notification.Kind.REVIEW).values_list("user__username", flat=True)
    ) == {
        "lead",
        "other",
    }
    assert work_stats(work, [chapter])["reviews"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_a_listing_of_co_created_works_reads_their_credits_in_one_query(
    client, django_assert_num_queries, count
):
    for number in range(count):
        work = make_work(UserFactory(), title=f"Shared {number}")
        for _ in range(2):
            credit_creator(work, UserFactory().default_pseud)
    with django_assert_num_queries(7):  # count, works, tags, warnings, categories, gifts, credits
        page = client.get("/").content.decode()
    assert page.count('rel="author"') == 3 * count


# --- Moderation: a co-created work is every creator's -------------------------------------------------------


@pytest.fixture
def mod_client(db):
    from django.contrib.auth.models import Group

    moderator = UserFactory(username="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    browser = Client()
    browser.force_login(moderator)
    return browser


def moderate(browser, target_type, target_id, kind):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return browser.post(
            f"/moderation/{target_type}/{target_id}",
            {"kind": kind, "reason": "Against the rules.", "confirmed": "on"},
        )


def test_a_deleted_lead_leaves_the_co_created_work_to_the_other_creator(client, pair, mod_client):
    lead, other = pair
    shared, alone = make_work(lead, title="Shared"), make_work(lead, title="Alone")
    credit_creator(shared, other.default_pseud)

    moderate(mod_client, "user", lead.pk, "delete")

    shared.refresh_from_db()
    assert shared.author == other
    assert byline_of(client, shared) == '<a rel="author" href="/users/other/pseuds/other">other</a>'
    assert not type(alone).objects.filter(pk=alone.pk).exists()


def test_every_creator_hears_that_a_moderator_hid_their_work(pair, mod_client):
    lead, other = pair
    work = make_work(lead, title="Ours")
    credit_creator(work, other.default_pseud)

    moderate(mod_client, "work", work.pk, "hide")

    for person in (lead, other):
        assert Notification.objects.filter(user=person, kind=Notification.Kind.MODERATION).exists()


def test_a_co_creator_sees_and_approves_reviews_waiting_for_approval(client, pair):
    lead, other = pair
    work = make_work(lead)
    work.moderate_reviews = True
    work.save()
    credit_creator(work, other.default_pseud)
    chapter = work.chapters.get()
    pending = feedback_services.post_review(chapter=chapter, user=UserFactory(), body="Waiting words")
    client.force_login(other)
    assert "Waiting words" in client.get(chapter.get_absolute_url()).content.decode()

    client.post(f"/reviews/{pending.pk}/approve")

    client.logout()
    assert "Waiting words" in client.get(chapter.get_absolute_url()).content.decode()


def test_a_co_creator_who_deletes_their_account_leaves_the_work_to_the_others(client, pair):
    from quire.privacy.deletion import WorksChoice, delete_account

    lead, other = pair
    work = make_work(lead, title="Ours")
    credit_creator(work, other.default_pseud)

    delete_account(other, works=WorksChoice.DELETE)

    assert byline_of(client, work) == '<a rel="author" href="/users/lead/pseuds/lead">lead</a>'


def test_search_finds_a_work_by_a_co_creator_once_they_accept_and_not_after_they_leave(client, pair):
    lead, other = pair
    other.pseuds.create(name="Quillfeather")
    work = make_work(lead, title="Searchable Together")

    def found():
        client.logout()
        return "Searchable Together" in client.get("/works/search", {"q": "Quillfeather"}).content.decode()

    invite(client, lead, work, "Quillfeather (other)")
    assert not found()
    client.force_login(other)
    client.post(f"/invitations/{invitation_of(other).pk}/accept")
    assert found()
    client.force_login(other)
    client.post(f"/works/{work.pk}/creators", {"action": "leave"})
    assert not found()


def test_muting_a_co_creator_hides_the_works_they_share_from_what_the_muter_browses(client, pair):
    lead, other = pair
    shared = make_work(lead, title="Shared Voyage")
    make_work(lead, title="Solo Voyage")
    credit_creator(shared, other.default_pseud)
    reader = UserFactory(username="muter")
    Mute.objects.create(muter=reader, muted=other)
    client.force_login(reader)

    for page in ("/works", "/works/search?q=Voyage"):
        listed = client.get(page).content.decode()
        assert "Solo Voyage" in listed and "Shared Voyage" not in listed, page
    # Opened on purpose, the work is still there (mutes shape browsing, not reading).
    assert client.get(shared.get_absolute_url()).status_code == 200


def test_the_inbox_lists_any_number_of_invitations_in_the_same_queries(client, pair):
    lead, other = pair
    other.pseuds.create(name="Quill")

    def inbox_queries(invitations: int) -> int:
        for n in range(invitations):
            invite(client, lead, make_work(lead, title=f"Work {n}"), "Quill (other)")
        client.force_login(other)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/inbox").content.decode()
        assert (
            page.count("as <strong>Quill (other)</strong>")
            == Creatorship.objects.filter(user=other, accepted_at__isnull=True).count()
        )
        return len(queries)

    assert inbox_queries(1) == inbox_queries(3)


def test_the_orphan_account_is_never_invited(client, pair):
    lead, _ = pair
    orphan = UserFactory(username="orphan_account")
    work = make_work(lead, title="Nobody's")

    response = invite(client, lead, work, "orphan_account")

    assert "That account is closed, so it cannot be invited." in response.content.decode()
    assert not Creatorship.objects.filter(user=orphan).exists()


def test_the_posting_form_invites_co_creators_who_are_credited_once_they_accept(client, pair):
    lead, other = pair
    client.force_login(lead)
    page = client.get("/works/new").content.decode()
    assert 'name="co_creators"' in page

    response = client.post("/works/new", new_work_data(title="Posted Together", co_creators="other"))

    work = Work.objects.get(title="Posted Together")
    assert response.status_code == 302
    assert byline_of(client, work) == '<a rel="author" href="/users/lead/pseuds/lead">lead</a>'
    assert invitation_of(other).work == work
    client.force_login(other)
    client.post(f"/invitations/{invitation_of(other).pk}/accept")
    assert "/users/other/pseuds/other" in byline_of(client, work)


def test_the_posting_form_refuses_an_unknown_or_blocking_co_creator_and_keeps_what_was_typed(client, pair):
    lead, other = pair
    Block.objects.create(blocker=other, blocked=lead)
    client.force_login(lead)

    response = client.post("/works/new", new_work_data(title="Kept", co_creators="other, Nobody Here"))

    assert response.status_code == 200
    errors = response.context["work_form"].errors["co_creators"]
    assert "“other”: That member does not accept invitations from you." in errors
    assert any("Nobody Here" in error for error in errors)
    assert not Work.objects.filter(title="Kept").exists()
    page = response.content.decode()
    assert 'value="other, Nobody Here"' in page and 'value="Kept"' in page
