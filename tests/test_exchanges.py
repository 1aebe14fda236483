"""Gift exchanges (issue #22) as their maintainers and participants meet them: the set-up, sign-ups within
the dates, limits and tag set, the summary by fandom, matching into potential assignments that only the
maintainers see, changes by hand, sending (inbox and email), defaults, pinch hits, and the works that fulfil
an assignment (a gift to the recipient, in the collection, unseen by guests until the reveal)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from task_queue import run_worker
from test_posting import new_work_data

from quire.accounts.models import User
from quire.collections.models import CollectionItem
from quire.collections.services import CollectionFields, create_collection
from quire.exchanges import selectors, services, views
from quire.exchanges.models import Assignment, EntryKind, Exchange, Signup, SignupEntry
from quire.follows.models import Notification
from quire.gifts.models import Gift
from quire.tags.models import Tag
from quire.tags.services import make_canonical, make_synonym
from quire.works.models import Work

pytestmark = pytest.mark.django_db

FANDOMS = ("Sherlock (TV)", "Good Omens", "Star Trek")


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", password=None)


@pytest.fixture
def collection(owner):
    return create_collection(
        user=owner,
        fields=CollectionFields(
            name="yuletide", title="Yuletide", is_unrevealed=True, is_anonymous=True, is_moderated=True
        ),
    )


def _setup_fields(**overrides):
    now = timezone.now()
    fields = {
        "fandoms": list(FANDOMS),
        "signups_open_at": now - timedelta(hours=1),
        "signups_close_at": now + timedelta(days=1),
        "requests_min": 1,
        "requests_max": 2,
        "offers_min": 1,
        "offers_max": 2,
    }
    fields.update(overrides)
    return services.ExchangeFields(**fields)


@pytest.fixture
def exchange(collection, owner):
    return services.set_up_exchange(collection=collection, user=owner, fields=_setup_fields())


def _member(name):
    # No password: hashing one costs more than the rest of a sign-up, and force_login needs none.
    return UserFactory(username=name, password=None)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def signup_data(requests=(("Good Omens", ""),), offers=(("Good Omens", ""),), **extra):
    """What a member types: fandoms and other tags per request and offer (comma-separated names)."""
    data = {}
    for kind, entries in (("request", requests), ("offer", offers)):
        for n, (fandoms, tags) in enumerate(entries):
            data[f"{kind}-{n}-fandoms"] = fandoms
            data[f"{kind}-{n}-other_tags"] = tags
            data[f"{kind}-{n}-description"] = f"{kind} {n}: something cosy"
    data.update(extra)
    return data


def _sign_up(exchange, user, requests=(("Good Omens", ""),), offers=(("Good Omens", ""),)):
    def entries(items):
        return [
            services.EntryFields(
                fandoms=[f], other_tags=[t] if t else [], description="Something cosy, please."
            )
            for f, t in items
        ]

    return services.sign_up(
        exchange=exchange,
        user=user,
        fields=services.SignupFields(requests=entries(requests), offers=entries(offers)),
    )


def _close(exchange):
    Exchange.objects.filter(pk=exchange.pk).update(
        signups_open_at=timezone.now() - timedelta(days=2),
        signups_close_at=timezone.now() - timedelta(minutes=1),
    )
    exchange.refresh_from_db()
    return exchange


def _url(name, exchange, *args):
    return reverse(f"exchanges:{name}", args=[exchange.collection.name, *args])


@pytest.fixture
def three(exchange):
    """Three members who all ask for and offer Good Omens: any cycle of three (or a pair and one left) works."""
    users = [_member(name) for name in ("aziraphale", "crowley", "anathema")]
    for user in users:
        _sign_up(exchange, user)
    return users


# --- Set-up --------------------------------------------------------------------------------------------


def test_a_maintainer_sets_up_the_exchange_and_its_reveal_dates_become_the_collections(collection, owner):
    data = {
        "fandoms": "Sherlock (TV), Good Omens",
        "characters": "",
        "any_character": "on",
        "relationships": "",
        "any_relationship": "on",
        "requests_min": "1",
        "requests_max": "3",
        "offers_min": "2",
        "offers_max": "4",
        "match_character": "on",
        "min_overlap": "1",
        "signups_open_at": "2030-01-01T10:00",
        "signups_close_at": "2030-01-15T10:00",
        "assignments_due_at": "2030-02-01T10:00",
        "reveal_at": "2030-03-01T10:00",
        "reveal_creators_at": "",
    }
    response = _client(owner).post(reverse("exchanges:setup", args=["yuletide"]), data)
    assert response.status_code == 302
    exchange = Exchange.objects.get(collection=collection)
    assert sorted(t.name for t in exchange.tag_set.all()) == ["Good Omens", "Sherlock (TV)"]
    assert (exchange.offers_min, exchange.offers_max, exchange.match_character, exchange.min_overlap) == (
        2,
        4,
        True,
        1,
    )
    collection.refresh_from_db()
    assert timezone.localtime(collection.reveal_at).strftime("%Y-%m-%d %H:%M") == "2030-03-01 10:00"


def test_the_set_up_refuses_limits_and_dates_out_of_order_and_keeps_what_was_typed(collection, owner):
    data = {
        "fandoms": "Good Omens",
        "any_character": "on",
        "any_relationship": "on",
        "requests_min": "3",
        "requests_max": "2",
        "offers_min": "1",
        "offers_max": "1",
        "min_overlap": "0",
        "signups_open_at": "2030-01-15T10:00",
        "signups_close_at": "2030-01-01T10:00",
    }
    response = _client(owner).post(reverse("exchanges:setup", args=["yuletide"]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The most requests (2) cannot be fewer than the fewest (3)." in page
    assert "Sign-ups must close after they open." in page
    assert 'value="Good Omens"' in page
    assert not Exchange.objects.exists()


def test_the_set_up_asks_for_fandoms_unless_any_is_allowed(collection, owner):
    with pytest.raises(services.ValidationError) as refused:
        services.set_up_exchange(collection=collection, user=owner, fields=_setup_fields(fandoms=[]))
    assert refused.value.message_dict["fandoms"] == [
        "Name the fandoms participants may choose, or allow any."
    ]


def test_only_the_collections_maintainers_set_up_its_exchange(collection):
    member = _member("someone")
    response = _client(member).get(reverse("exchanges:setup", args=["yuletide"]))
    assert response.status_code == 403
    assert "owners and moderators can set up its exchange" in response.content.decode()


# --- Sign-ups ------------------------------------------------------------------------------------------


def test_a_member_signs_up_while_sign_ups_are_open_and_sees_their_sign_up(exchange):
    member = _member("aziraphale")
    client = _client(member)
    response = client.post(_url("signup_new", exchange), signup_data(requests=(("Good Omens", "Fluff"),)))
    assert response.status_code == 302
    page = client.get(_url("signup_mine", exchange)).content.decode()
    assert "Good Omens" in page and "Fluff" in page and "request 0: something cosy" in page
    signup = Signup.objects.get(user=member)
    assert signup.entries.filter(kind=EntryKind.REQUEST).count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "said"),
    [
        (timedelta(hours=1), timedelta(days=1), "open on"),
        (-timedelta(days=2), -timedelta(hours=1), "closed on"),
    ],
)
def test_sign_ups_before_they_open_or_after_they_close_are_refused(exchange, opens, closes, said):
    now = timezone.now()
    Exchange.objects.filter(pk=exchange.pk).update(signups_open_at=now + opens, signups_close_at=now + closes)
    client = _client(_member("late"))
    response = client.post(_url("signup_new", exchange), signup_data())
    assert response.status_code == 403
    assert f"Sign-ups for “Yuletide” {said}" in response.content.decode()
    assert not Signup.objects.exists()


def test_a_sign_up_with_fewer_requests_than_the_exchange_asks_is_refused(collection, owner):
    exchange = services.set_up_exchange(
        collection=collection, user=owner, fields=_setup_fields(requests_min=2)
    )
    response = _client(_member("brief")).post(_url("signup_new", exchange), signup_data())
    assert "This exchange asks for at least 2 requests; you filled in 1." in response.content.decode()
    assert not Signup.objects.exists()


def test_a_sign_up_with_more_offers_than_the_exchange_takes_is_refused(exchange):
    offers = [services.EntryFields(fandoms=["Good Omens"])] * 3
    with pytest.raises(services.ValidationError) as refused:
        services.sign_up(
            exchange=exchange,
            user=_member("generous"),
            fields=services.SignupFields(
                requests=[services.EntryFields(fandoms=["Good Omens"])], offers=offers
            ),
        )
    assert "This exchange takes at most 2 offers; you filled in 3." in refused.value.messages


def test_a_fandom_outside_the_tag_set_is_refused_by_name_and_what_was_typed_stays(exchange):
    response = _client(_member("stray")).post(
        _url("signup_new", exchange), signup_data(requests=(("Good Omens, Doctor Who", "Angst"),))
    )
    page = response.content.decode()
    assert "“Doctor Who” is not one of this exchange&#x27;s fandoms." in page
    assert 'value="Good Omens, Doctor Who"' in page and 'value="Angst"' in page
    assert not Signup.objects.exists()


def test_a_synonym_of_a_fandom_in_the_tag_set_is_taken(exchange):
    sherlock = Tag.objects.get(name="Sherlock (TV)")
    make_canonical(tag=sherlock)
    make_synonym(tag=Tag.for_name("BBC Sherlock", "fandom"), canonical=sherlock)
    response = _client(_member("holmes")).post(
        _url("signup_new", exchange), signup_data(requests=(("BBC Sherlock", ""),))
    )
    assert response.status_code == 302
    assert Signup.objects.count() == 1


def test_a_member_signs_up_once_edits_and_withdraws_while_open(exchange):
    member = _member("crowley")
    client = _client(member)
    client.post(_url("signup_new", exchange), signup_data())
    assert client.get(_url("signup_new", exchange)).status_code == 302  # to their sign-up: one each
    client.post(_url("signup_edit", exchange), signup_data(offers=(("Star Trek", ""), ("Good Omens", ""))))
    signup = Signup.objects.get(user=member)
    assert signup.entries.filter(kind=EntryKind.OFFER).count() == 2
    client.post(_url("signup_withdraw", exchange))
    assert not Signup.objects.exists()


def test_a_sign_up_cannot_change_once_sign_ups_close(exchange):
    member = _member("crowley")
    _sign_up(exchange, member)
    _close(exchange)
    client = _client(member)
    assert client.post(_url("signup_edit", exchange), signup_data()).status_code == 403
    assert client.post(_url("signup_withdraw", exchange)).status_code == 403
    assert Signup.objects.count() == 1


def test_sign_ups_are_seen_by_maintainers_and_not_by_other_members(exchange, owner, three):
    assert "aziraphale" in _client(owner).get(_url("signups", exchange)).content.decode()
    assert _client(three[1]).get(_url("signups", exchange)).status_code == 403
    assert _client(three[1]).get(_url("summary", exchange)).status_code == 403


def test_the_sign_ups_come_twenty_to_a_page(exchange, owner):
    for n in range(21):
        _sign_up(exchange, _member(f"entrant{n:02}"))
    first = _client(owner).get(_url("signups", exchange)).content.decode()
    second = _client(owner).get(_url("signups", exchange) + "?page=2").content.decode()
    assert (first.count('<article class="signup">'), second.count('<article class="signup">')) == (20, 1)
    assert "21 sign-ups." in first and "Page 1 of 2" in first
    assert "entrant20" in second and "entrant20" not in first  # in sign-up order


# --- Summary -------------------------------------------------------------------------------------------


def test_the_summary_counts_requests_and_offers_per_fandom_and_puts_unoffered_fandoms_first(exchange, owner):
    _sign_up(exchange, _member("a"), requests=(("Star Trek", ""),), offers=(("Good Omens", ""),))
    _sign_up(
        exchange, _member("b"), requests=(("Good Omens", ""), ("Star Trek", "")), offers=(("Good Omens", ""),)
    )
    rows = [(r.fandom.name, r.requests, r.offers) for r in selectors.summary(exchange)]
    assert rows == [("Star Trek", 2, 0), ("Good Omens", 1, 2)]
    page = _client(owner).get(_url("summary", exchange)).content.decode()
    assert "(nobody offers it)" in page and page.index("Star Trek") < page.index("Good Omens")


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    signups=st.lists(
        st.tuples(
            st.lists(st.lists(st.sampled_from(FANDOMS), max_size=2, unique=True), min_size=1, max_size=2),
            st.lists(st.lists(st.sampled_from(FANDOMS), max_size=2, unique=True), min_size=1, max_size=2),
        ),
        max_size=6,
    )
)
def test_the_summarys_counts_equal_a_recount_of_the_entries(exchange, signups):
    Signup.objects.all().delete()
    pool = list(User.objects.filter(username__startswith="pool").order_by("pk")) or [
        _member(f"pool{n}") for n in range(6)
    ]
    expected = Counter()
    for number, (requests, offers) in enumerate(signups):
        user = pool[number]
        signup = Signup.objects.create(exchange=exchange, user=user, pseud=user.default_pseud)
        for kind, entries in ((EntryKind.REQUEST, requests), (EntryKind.OFFER, offers)):
            for position, fandoms in enumerate(entries):
                entry = SignupEntry.objects.create(signup=signup, kind=kind, position=position)
                entry.tags.set(Tag.objects.filter(name__in=fandoms))
                for fandom in fandoms or [None]:
                    expected[(fandom, kind)] += 1
        assert number >= 0
    got = Counter()
    for row in selectors.summary(exchange):
        name = row.fandom.name if row.fandom else None
        got[(name, EntryKind.REQUEST)] += row.requests
        got[(name, EntryKind.OFFER)] += row.offers
    assert +got == +expected


# --- Matching, review by hand, sending -----------------------------------------------------------------


def test_generating_assignments_waits_for_sign_ups_to_close(exchange, owner, three):
    response = _client(owner).post(_url("generate", exchange), follow=True)
    assert "Sign-ups are still open: match once they close." in response.content.decode()
    assert not Assignment.objects.exists()


def test_generate_then_send_tells_each_giver_whom_they_write_for(exchange, owner, three):
    _close(exchange)
    client = _client(owner)
    client.post(_url("generate", exchange))
    rows = list(Assignment.objects.all())
    assert len(rows) == 3
    assert {r.giver_signup.user for r in rows} == set(three) == {r.recipient_signup.user for r in rows}
    assert all(r.giver_signup_id != r.recipient_signup_id for r in rows)
    # Before sending, nobody but the maintainers sees them.
    giver = rows[0].giver
    assert _client(giver).get(_url("assignment", exchange, rows[0].pk)).status_code == 404
    assert _client(giver).get(_url("assignments", exchange)).status_code == 403
    assert _client(giver).get(_url("assignment_mine", exchange)).status_code == 404
    page = client.get(_url("assignments", exchange)).content.decode()
    assert "Send assignments" in page and "aziraphale" in page

    client.post(_url("send", exchange))
    run_worker()
    for row in rows:
        note = Notification.objects.get(user=row.giver, kind=Notification.Kind.CHALLENGE)
        recipient = row.recipient_signup.pseud.name
        assert f"you write for {recipient}, who asked for Good Omens." in note.text
        page = _client(row.giver).get(note.url).content.decode()
        assert recipient in page and "Something cosy, please." in page
    assert len(mail.outbox) == 3


def test_the_recipient_does_not_see_who_gives_to_them(exchange, owner, three):
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    services.send_assignments(exchange=exchange, user=owner)
    row = Assignment.objects.first()
    assert _client(row.recipient_signup.user).get(_url("assignment", exchange, row.pk)).status_code == 404
    assert Client().get(_url("assignment", exchange, row.pk)).status_code == 302  # to log in


def test_the_assignments_come_a_page_at_a_time_and_every_giver_can_still_be_swapped(
    exchange, owner, three, monkeypatch
):
    monkeypatch.setattr(views, "ASSIGNMENTS_PER_PAGE", 2)  # two stand for its 200
    _close(exchange)
    client = _client(owner)
    client.post(_url("generate", exchange))
    first = client.get(_url("assignments", exchange)).content.decode()
    second = client.get(_url("assignments", exchange) + "?page=2").content.decode()
    links = f'<td><a href="/collections/{exchange.collection.name}/assignments/'
    assert (first.count(links), second.count(links)) == (2, 1)
    assert "Page 1 of 2" in first
    swap = second[second.index('id="id_first"') : second.index('id="id_second"')]
    assert swap.count("<option") == 3  # every giver, not only this page's


def test_a_change_by_hand_that_gives_someone_themselves_or_a_second_giver_is_refused(exchange, owner, three):
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    client = _client(owner)
    row = Assignment.objects.first()
    other = Assignment.objects.exclude(pk=row.pk).exclude(recipient_signup=row.giver_signup).get()
    response = client.post(
        _url("set_recipient", exchange),
        {"giver": row.giver_signup_id, "recipient": row.giver_signup_id},
        follow=True,
    )
    assert f"{row.giver_signup.pseud.name} cannot give to themselves." in response.content.decode()
    response = client.post(
        _url("set_recipient", exchange),
        {"giver": row.giver_signup_id, "recipient": other.recipient_signup_id},
        follow=True,
    )
    assert "already has a giver, so they would receive two gifts" in response.content.decode()
    assert Assignment.objects.get(pk=row.pk).recipient_signup_id == row.recipient_signup_id


def test_a_pairing_by_hand_outside_the_required_match_is_saved_with_a_warning(exchange, owner):
    a = _sign_up(exchange, _member("a"), requests=(("Star Trek", ""),), offers=(("Good Omens", ""),))
    b = _sign_up(exchange, _member("b"), requests=(("Star Trek", ""),), offers=(("Star Trek", ""),))
    _close(exchange)
    client = _client(owner)
    response = client.post(_url("set_recipient", exchange), {"giver": a.pk, "recipient": b.pk}, follow=True)
    page = response.content.decode()
    assert "do not satisfy the required match" in page
    row = Assignment.objects.get(giver_signup=a)
    assert row.recipient_signup == b and row.overlap is None


def test_swapping_two_givers_recipients(exchange, owner):
    signups = [_sign_up(exchange, _member(n)) for n in ("a", "b", "c", "d")]
    _close(exchange)
    a, b, c, d = signups
    for giver, recipient in ((a, b), (b, a), (c, d), (d, c)):
        services.set_recipient(exchange=exchange, user=owner, giver_id=giver.pk, recipient_id=recipient.pk)
    _client(owner).post(_url("swap", exchange), {"first": a.pk, "second": c.pk})
    pairs = set(Assignment.objects.values_list("giver_signup", "recipient_signup"))
    assert pairs == {(a.pk, d.pk), (b.pk, a.pk), (c.pk, b.pk), (d.pk, c.pk)}


def test_a_swap_that_would_give_a_giver_themselves_is_refused(exchange, owner):
    a, b = (_sign_up(exchange, _member(n)) for n in ("a", "b"))
    _close(exchange)
    services.set_recipient(exchange=exchange, user=owner, giver_id=a.pk, recipient_id=b.pk)
    services.set_recipient(exchange=exchange, user=owner, giver_id=b.pk, recipient_id=a.pk)
    response = _client(owner).post(_url("swap", exchange), {"first": a.pk, "second": b.pk}, follow=True)
    assert "The swap would give" in response.content.decode()
    assert set(Assignment.objects.values_list("giver_signup", "recipient_signup")) == {
        (a.pk, b.pk),
        (b.pk, a.pk),
    }


def test_participants_without_a_match_are_listed_as_unmatched(exchange, owner, three):
    _sign_up(exchange, _member("loner"), requests=(("Star Trek", ""),), offers=(("Sherlock (TV)", ""),))
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    page = _client(owner).get(_url("assignments", exchange)).content.decode()
    assert "Nobody gives to:" in page and "loner" in page.split("Nobody gives to:")[1]


def test_a_big_exchange_is_matched_by_the_worker_while_the_page_says_so(exchange, owner, three, monkeypatch):
    monkeypatch.setattr(services, "MATCH_INLINE_MAX", 2)
    _close(exchange)
    client = _client(owner)
    client.post(_url("generate", exchange))
    assert "Matching is running" in client.get(_url("assignments", exchange)).content.decode()
    assert not Assignment.objects.exists()
    run_worker()
    assert Assignment.objects.count() == 3
    assert "Matching is running" not in client.get(_url("assignments", exchange)).content.decode()


# --- Afterwards: default, pinch hit, claim, fulfil ------------------------------------------------------


@pytest.fixture
def sent(exchange, owner, three):
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    services.send_assignments(exchange=exchange, user=owner)
    return exchange


def test_default_then_pinch_hit_then_claim_then_fulfil(sent, owner, three):
    row = Assignment.objects.first()
    giver = row.giver
    _client(giver).post(_url("default", sent, row.pk))
    assert Notification.objects.filter(user=owner, kind=Notification.Kind.CHALLENGE).exists()
    _client(owner).post(_url("post_pinch_hit", sent), {"assignment": row.pk})
    helper = _member("pinch_hitter")
    helper_client = _client(helper)
    listing = helper_client.get(_url("pinch_hits", sent)).content.decode()
    assert "Claim this pinch hit" in listing and "Something cosy, please." in listing
    # The giver who defaulted cannot claim it back, nor the recipient claim their own.
    assert _client(giver).post(_url("claim", sent, row.pk)).status_code == 403
    assert _client(row.recipient_signup.user).post(_url("claim", sent, row.pk)).status_code == 403
    response = helper_client.post(_url("claim", sent, row.pk), follow=True)
    assert row.recipient_signup.pseud.name in response.content.decode()
    work = make_work(helper, title="Pinch Hit Fic", fandoms=("Good Omens",))
    helper_client.post(_url("fulfil", sent, row.pk), {"work": work.pk})
    row.refresh_from_db()
    assert row.status == Assignment.Status.FULFILLED and row.work == work
    status = _client(owner).get(_url("assignments", sent)).content.decode()
    assert "Fulfilled" in status and "Pinch Hit Fic" in status


def test_fulfilling_makes_the_work_a_gift_in_the_collection_hidden_from_guests(sent, three):
    row = Assignment.objects.first()
    giver, recipient = row.giver, row.recipient_signup.user
    work = make_work(giver, title="Secret Gift Fic", fandoms=("Good Omens",))
    _client(giver).post(_url("fulfil", sent, row.pk), {"work": work.pk})
    gift = Gift.objects.get(work=work)
    assert gift.pseud == row.recipient_signup.pseud
    item = CollectionItem.objects.get(work=work)
    assert item.approved and item.unrevealed and item.anonymous  # approved though the collection is moderated
    assert "Secret Gift Fic" not in Client().get(reverse("discovery:works")).content.decode()
    assert (
        "Secret Gift Fic" in _client(recipient).get(reverse("works:detail", args=[work.pk])).content.decode()
    )


def test_posting_a_new_work_for_an_assignment_fulfils_it_even_after_a_form_error(sent, three):
    row = Assignment.objects.first()
    client = _client(row.giver)
    form = client.get(reverse("works:new") + f"?assignment={row.pk}").content.decode()
    assert f'name="assignment" value="{row.pk}"' in form
    # A form error keeps the assignment in the form.
    again = client.post(reverse("works:new"), new_work_data(title="", assignment=row.pk)).content.decode()
    assert f'name="assignment" value="{row.pk}"' in again
    client.post(reverse("works:new"), new_work_data(title="For You", fandoms="Good Omens", assignment=row.pk))
    work = Work.objects.get(title="For You")
    row.refresh_from_db()
    assert row.work == work and row.fulfilled_at is not None
    assert Gift.objects.get(work=work).pseud == row.recipient_signup.pseud
    assert CollectionItem.objects.filter(work=work, collection=sent.collection).exists()


def test_a_draft_for_an_assignment_is_in_progress_until_it_is_posted(sent, owner, three):
    row = Assignment.objects.first()
    client = _client(row.giver)
    client.post(
        reverse("works:new"),
        new_work_data(title="Half Written", fandoms="Good Omens", assignment=row.pk, action="draft"),
    )
    work = Work.objects.get(title="Half Written")
    row.refresh_from_db()
    assert row.work == work and row.fulfilled_at is None
    assert row.status == Assignment.Status.DRAFT
    listing = _client(owner).get(_url("assignments", sent)).content.decode()
    assert "Draft in progress: Half Written" in listing and "Fulfilled" not in listing
    # Still the giver's to write: their page offers the posting form, and a pinch hit is not offered.
    page = client.get(_url("assignment", sent, row.pk)).content.decode()
    assert "Status: Draft in progress" in page and "Post a new work for this assignment" in page

    client.post(reverse("works:post", args=[work.pk]))
    run_worker()
    row.refresh_from_db()
    assert row.status == Assignment.Status.FULFILLED and row.fulfilled_at is not None
    listing = _client(owner).get(_url("assignments", sent)).content.decode()
    assert "Fulfilled: <a" in listing and "Draft in progress" not in listing


def test_fulfilling_with_an_existing_draft_waits_for_its_posting(sent, three):
    row = Assignment.objects.first()
    draft = make_work(row.giver, title="Old Draft", fandoms=("Good Omens",), posted=False)
    response = _client(row.giver).post(_url("fulfil", sent, row.pk), {"work": draft.pk}, follow=True)
    assert "it is fulfilled when you post the work" in response.content.decode()
    row.refresh_from_db()
    assert row.status == Assignment.Status.DRAFT


def test_another_members_assignment_cannot_be_posted_for(sent, three):
    row = Assignment.objects.first()
    stranger = _member("stranger")
    client = _client(stranger)
    client.post(reverse("works:new"), new_work_data(title="Not Mine", assignment=row.pk))
    row.refresh_from_db()
    assert row.work is None
    assert not Gift.objects.filter(work__title="Not Mine").exists()
    assert _client(stranger).post(_url("fulfil", sent, row.pk), {"work": 1}).status_code == 404


def test_a_pinch_hit_for_a_participant_nobody_gives_to(exchange, owner, three):
    loner = _sign_up(
        exchange, _member("loner"), requests=(("Star Trek", ""),), offers=(("Sherlock (TV)", ""),)
    )
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    services.send_assignments(exchange=exchange, user=owner)
    _client(owner).post(_url("post_pinch_hit", exchange), {"recipient": loner.pk})
    row = Assignment.objects.get(recipient_signup=loner)
    assert row.status == Assignment.Status.PINCH_HIT_OPEN and row.giver_signup is None
    helper = _member("helper")
    _client(helper).post(_url("claim", exchange, row.pk))
    row.refresh_from_db()
    assert row.giver == helper and row.status == Assignment.Status.CLAIMED


# --- Query counts and hardening ------------------------------------------------------------------------


@pytest.fixture
def crowded(exchange, owner):
    """55 sign-ups, matched: the pages must not read per row."""
    for n in range(55):
        _sign_up(
            exchange,
            _member(f"p{n}"),
            requests=((FANDOMS[n % 3], "Fluff"), (FANDOMS[(n + 1) % 3], "")),
            offers=((FANDOMS[(n + 1) % 3], "Fluff"),),
        )
    _close(exchange)
    services.generate_assignments(exchange=exchange, user=owner)
    return exchange


@pytest.mark.parametrize("page", ["assignments", "summary", "signups"])
def test_the_maintainers_pages_read_a_fixed_number_of_queries(
    crowded, owner, page, django_assert_max_num_queries
):
    client = _client(owner)
    with django_assert_max_num_queries(20):
        response = client.get(_url(page, crowded))
    assert response.status_code == 200
    assert Assignment.objects.count() > 40


def test_the_pinch_hits_page_reads_a_fixed_number_of_queries(crowded, owner, django_assert_max_num_queries):
    services.send_assignments(exchange=crowded, user=owner)
    for row in Assignment.objects.all()[:30]:
        Assignment.objects.filter(pk=row.pk).update(defaulted_at=timezone.now(), pinch_hit_at=timezone.now())
    client = _client(_member("reader"))
    with django_assert_max_num_queries(15):
        page = client.get(_url("pinch_hits", crowded)).content.decode()
    second = client.get(_url("pinch_hits", crowded) + "?page=2").content.decode()
    # Twenty to a page: each names up to 20 requests of 2,000 characters.
    assert (page.count("Claim this pinch hit"), second.count("Claim this pinch hit")) == (20, 10)
    assert "Page 1 of 2" in page and "<h2>Pinch hit 21</h2>" in second


def test_no_exchange_page_writes_on_get_or_answers_500_to_hostile_queries(sent, owner, three):
    row = Assignment.objects.first()
    urls = [
        _url(name, sent)
        for name in (
            "setup",
            "signup_new",
            "signup_mine",
            "signup_edit",
            "signup_withdraw",
            "signups",
            "summary",
        )
    ] + [_url(name, sent) for name in ("assignments", "assignment_mine", "pinch_hits")]
    urls += [_url("assignment", sent, row.pk), _url("default", sent, row.pk)]
    urls += [reverse("works:new")]
    counts = (
        Signup.objects.count(),
        Assignment.objects.count(),
        Notification.objects.count(),
        Work.objects.count(),
    )
    hostile = [{"assignment": v} for v in ("9" * 400, "-1", "1e309", "\x00", "", str(row.pk))]
    for user in (owner, row.giver, None):
        client = _client(user) if user else Client()
        for url in urls:
            for query in hostile:
                assert client.get(url, query).status_code < 500, url
    assert counts == (
        Signup.objects.count(),
        Assignment.objects.count(),
        Notification.objects.count(),
        Work.objects.count(),
    )
    for bad in ({"giver": "9" * 400, "recipient": "x"}, {"first": "-1", "second": "1e309"}):
        for name in ("set_recipient", "swap"):
            assert _client(owner).post(_url(name, sent), bad).status_code == 302
    assert _client(owner).post(_url("post_pinch_hit", sent), {"assignment": "9" * 400}).status_code == 302


def test_the_collection_links_show_members_their_pages_and_maintainers_theirs(exchange, owner, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    def links(user):
        request = rf.get("/")
        request.user = user
        return render_to_string(
            "exchanges/_collection_links.html", {"collection": exchange.collection}, request=request
        )

    assert "Sign-ups (open until" in links(_member("m")) and "Assignments" not in links(_member("n"))
    assert "Assignments" in links(owner)
    assert "Log in to sign up" in links(AnonymousUser())
