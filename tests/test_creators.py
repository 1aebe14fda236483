"""Co-creators with consent (issue #21): invitations, the byline, ownership, leaving, and the numbers."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import UserFactory, make_series, make_work

from quire.creators.models import Creatorship
from quire.creators.services import credit_creator
from quire.follows.models import Notification
from quire.moderation.models import Block

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
