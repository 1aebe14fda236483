"""Collections (issue 22): making one, adding works and bookmarks with both sides' consent, its page, feed and
subscriptions, subcollections, and unrevealed works until the reveal."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from factories import UserFactory, make_work
from task_queue import run_worker
from test_posting import new_work_data

from quire.access.writing import ARCHIVE
from quire.collections import services
from quire.collections.models import Collection, CollectionItem
from quire.collections.services import CollectionFields
from quire.exchanges.services import ExchangeFields, set_up_exchange
from quire.feedback.services import save_bookmark
from quire.follows.models import Notification
from quire.gifts.services import set_gifts
from quire.prompts.services import PromptMemeFields, set_up_prompt_meme
from quire.works.models import Work

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _collection(owner, name="yuletide", **settings) -> Collection:
    return services.create_collection(
        user=owner, fields=CollectionFields(name=name, title=name.title(), **settings)
    )


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Making and running a collection ---------------------------------------------------------------------


def test_a_member_makes_a_collection_and_owns_it():
    owner = UserFactory()
    response = _client(owner).post(
        "/collections/new",
        {
            "name": "drabble_month",
            "title": "Drabble Month",
            "header": "One hundred words a day",
            "is_open": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/collections/drabble_month"
    page = _text(_client().get("/collections/drabble_month"))
    assert "Drabble Month" in page and "One hundred words a day" in page
    assert "Settings" in _text(_client(owner).get("/collections/drabble_month"))
    assert "/collections/drabble_month/edit" not in page  # a guest has no settings link
    assert _client(UserFactory()).get("/collections/drabble_month/edit").status_code == 403


def test_a_bad_name_is_refused_and_what_was_typed_stays():
    response = _client(UserFactory()).post(
        "/collections/new", {"name": "my event!", "title": "My Event", "description": "Long rules here."}
    )
    page = _text(response)
    assert "letters, numbers and underscores" in page.lower()
    assert "Long rules here." in page and 'value="My Event"' in page
    assert not Collection.objects.exists()


def test_a_taken_name_is_refused():
    _collection(UserFactory(), name="taken")
    page = _text(_client(UserFactory()).post("/collections/new", {"name": "taken", "title": "Mine"}))
    assert "already exists" in page
    assert Collection.objects.count() == 1


def test_the_creator_adds_a_work_and_it_is_listed_with_the_listing_filters():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Snowed In")
    other = make_work(writer, title="Not In It")
    response = _client(writer).post("/collections/yuletide/add", {"work": work.pk})
    assert response.status_code == 302
    page = _text(_client().get("/collections/yuletide"))
    assert "Snowed In" in page and "Not In It" not in page
    assert 'id="filters"' in page  # the same filters and sorts as every listing
    assert "Snowed In" in _text(_client().get("/collections/yuletide?sort=title"))
    assert other.pk


def test_a_member_cannot_add_someone_elses_work():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer)
    _client(UserFactory()).post("/collections/yuletide/add", {"work": work.pk})
    assert not CollectionItem.objects.exists()


def test_a_closed_collection_refuses_members_but_not_its_maintainers():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner, is_open=False)
    work = make_work(writer)
    with pytest.raises(Exception, match="closed"):
        services.add_work(collection=Collection.objects.get(), work=work, user=writer)
    own = make_work(owner, title="Owner's Own")
    services.add_work(collection=Collection.objects.get(), work=own, user=owner)
    assert "Owner&#x27;s Own" in _text(_client().get("/collections/yuletide"))


def test_a_moderated_collection_holds_new_works_until_a_maintainer_approves():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner, is_moderated=True)
    work = make_work(writer, title="Waiting Piece")
    _client(writer).post("/collections/yuletide/add", {"work": work.pk})
    assert "Waiting Piece" not in _text(_client().get("/collections/yuletide"))
    manage = _text(_client(owner).get("/collections/yuletide/manage"))
    assert "Waiting Piece" in manage
    item = CollectionItem.objects.get()
    _client(owner).post(f"/collections/items/{item.pk}/collection_answer", {"answer": "approve"})
    assert "Waiting Piece" in _text(_client().get("/collections/yuletide"))


def test_a_rejected_work_stays_out():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner, is_moderated=True)
    work = make_work(writer, title="Refused Piece")
    item = services.add_work(collection=Collection.objects.get(), work=work, user=writer)
    _client(owner).post(f"/collections/items/{item.pk}/collection_answer", {"answer": "reject"})
    assert "Refused Piece" not in _text(_client().get("/collections/yuletide"))


def test_a_maintainer_invites_a_work_and_it_joins_only_when_its_creator_accepts():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Invited Piece")
    _client(owner).post("/collections/yuletide/invite", {"work": f"http://testserver/works/{work.pk}"})
    assert "Invited Piece" not in _text(_client().get("/collections/yuletide"))
    page = _text(_client(writer).get(f"/works/{work.pk}/collections"))
    assert "the maintainers invite your work" in page
    item = CollectionItem.objects.get()
    _client(writer).post(f"/collections/items/{item.pk}/creator_answer", {"answer": "approve"})
    assert "Invited Piece" in _text(_client().get("/collections/yuletide"))


def test_a_creator_declines_an_invitation():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Declined Piece")
    _client(owner).post("/collections/yuletide/invite", {"work": str(work.pk)})
    item = CollectionItem.objects.get()
    _client(writer).post(f"/collections/items/{item.pk}/creator_answer", {"answer": "decline"})
    assert "Declined Piece" not in _text(_client().get("/collections/yuletide"))
    assert "you declined" in _text(_client(writer).get(f"/works/{work.pk}/collections"))


def test_a_work_invitation_reaches_its_creators_inbox():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Invited Piece")
    _client(owner).post("/collections/yuletide/invite", {"work": str(work.pk)})
    told = Notification.objects.get(user=writer)
    assert told.text == "Yuletide invites your work “Invited Piece”: accept or decline it."
    assert told.url == f"/works/{work.pk}/collections"
    assert "Yuletide invites your work" in _text(_client(writer).get("/inbox"))


def test_a_maintainer_invites_a_bookmark_and_its_reader_accepts():
    owner, reader = UserFactory(), UserFactory(username="recs_reader")
    _collection(owner)
    work = make_work(UserFactory(), title="Recced Work")
    save_bookmark(user=reader, work=work, note="A favourite.")
    response = _client(owner).post(
        "/collections/yuletide/invite",
        {"work": f"http://testserver/works/{work.pk}", "username": "Recs_Reader"},
        follow=True,
    )
    assert "recs_reader&#x27;s bookmark of “Recced Work” is invited" in _text(response)
    assert "A favourite." not in _text(_client().get("/collections/yuletide/bookmarks"))
    told = Notification.objects.get(user=reader)
    assert told.text == "Yuletide invites your bookmark of “Recced Work”: accept or decline it."
    page = _text(_client(reader).get(told.url))
    assert "the maintainers invite your bookmark" in page
    item = CollectionItem.objects.get()
    # Not theirs to answer: a stranger's "approve" changes nothing.
    _client(UserFactory()).post(f"/collections/items/{item.pk}/creator_answer", {"answer": "approve"})
    assert "A favourite." not in _text(_client().get("/collections/yuletide/bookmarks"))
    _client(reader).post(f"/collections/items/{item.pk}/creator_answer", {"answer": "approve"})
    assert "A favourite." in _text(_client().get("/collections/yuletide/bookmarks"))


def test_a_reader_declines_a_bookmark_invitation():
    owner, reader = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(UserFactory(), title="Recced Work")
    save_bookmark(user=reader, work=work, note="A favourite.")
    _client(owner).post("/collections/yuletide/invite", {"work": str(work.pk), "username": reader.username})
    item = CollectionItem.objects.get()
    _client(reader).post(f"/collections/items/{item.pk}/creator_answer", {"answer": "decline"})
    assert "A favourite." not in _text(_client().get("/collections/yuletide/bookmarks"))
    assert "you declined" in _text(_client(reader).get("/bookmarks/collections"))


def test_a_private_bookmark_cannot_be_invited():
    owner, reader = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(UserFactory(), title="Secret Rec")
    save_bookmark(user=reader, work=work, private=True)
    response = _client(owner).post(
        "/collections/yuletide/invite", {"work": str(work.pk), "username": reader.username}, follow=True
    )
    assert f"{reader.username} has no public bookmark of “Secret Rec”." in _text(response)
    assert not CollectionItem.objects.exists() and not Notification.objects.filter(user=reader).exists()


def test_a_creator_adds_their_work_by_the_collections_name_and_a_wrong_name_is_explained():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="By Name")
    page = _text(_client(writer).post(f"/works/{work.pk}/collections", {"collection": "no_such_thing"}))
    assert "No collection named “no_such_thing”" in page and 'value="no_such_thing"' in page
    _client(writer).post(f"/works/{work.pk}/collections", {"collection": "Yuletide"})
    assert "By Name" in _text(_client().get("/collections/yuletide"))
    assert _client(UserFactory()).get(f"/works/{work.pk}/collections").status_code == 404


def test_adding_a_work_again_by_name_says_it_is_already_there():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Twice")
    _client(writer).post(f"/works/{work.pk}/collections", {"collection": "yuletide"})
    page = _text(_client(writer).post(f"/works/{work.pk}/collections", {"collection": "yuletide"}))
    assert "“Twice” is already in “Yuletide”." in page and 'value="yuletide"' in page


# --- The work form's "Post to collections / challenges" -----------------------------------------------


def test_the_posting_form_puts_the_new_work_in_the_collections_named():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    _collection(owner, name="drabbles", is_moderated=True)
    response = _client(writer).post(
        "/works/new", new_work_data(title="Two Homes", collections="Yuletide, drabbles")
    )
    work = Work.objects.get(title="Two Homes")
    assert response["Location"] == work.get_absolute_url()
    assert "Two Homes" in _text(_client().get("/collections/yuletide"))
    assert "Two Homes" not in _text(_client().get("/collections/drabbles"))  # moderated: it waits
    assert CollectionItem.objects.get(collection__name="drabbles").collection_approval == "pending"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("yuletide, no_such_thing", "No collection named “no_such_thing”."),
        ("yuletide, closed_fest", "“Closed_Fest” is closed to new works."),
    ],
)
def test_a_refused_collection_makes_no_work_and_keeps_everything_typed(typed, message):
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    _collection(owner, name="closed_fest", is_open=False)
    page = _text(_client(writer).post("/works/new", new_work_data(title="Kept Title", collections=typed)))
    assert message in page
    assert f'value="{typed}"' in page and 'value="Kept Title"' in page
    assert not Work.objects.exists() and not CollectionItem.objects.exists()


def test_editing_shows_the_works_collections_and_a_removed_name_withdraws_it():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    _collection(owner, name="drabbles")
    _collection(owner, name="invites_only")
    client = _client(writer)
    client.post("/works/new", new_work_data(title="Moving Piece", collections="yuletide, drabbles"))
    work = Work.objects.get(title="Moving Piece")
    # A maintainer's invitation is answered on the work's collections page, not in this field.
    _client(owner).post("/collections/invites_only/invite", {"work": str(work.pk)})
    form = _text(client.get(f"/works/{work.pk}/edit"))
    assert 'name="collections" value="drabbles, yuletide"' in form
    assert "Invites_Only</a> (invited: answer on its collections page)" in form

    data = new_work_data(title="Moving Piece", collections="drabbles")
    del data["action"]
    assert client.post(f"/works/{work.pk}/edit", data).status_code == 302
    assert "Moving Piece" not in _text(_client().get("/collections/yuletide"))
    assert "Moving Piece" in _text(_client().get("/collections/drabbles"))
    invitation = CollectionItem.objects.get(collection__name="invites_only")
    assert invitation.creator_approval == "pending"  # left for the writer to answer

    # Typing an invited collection's name accepts the invitation.
    client.post(f"/works/{work.pk}/edit", {**data, "collections": "drabbles, invites_only"})
    invitation.refresh_from_db()
    assert invitation.approved
    assert "Moving Piece" in _text(_client().get("/collections/invites_only"))


def test_an_edit_refused_by_a_collection_changes_nothing():
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Steady Piece")
    services.add_work(collection=Collection.objects.get(), work=work, user=writer)
    data = {**new_work_data(title="Renamed Piece", collections="nowhere_at_all")}
    del data["action"]
    page = _text(_client(writer).post(f"/works/{work.pk}/edit", data))
    assert "No collection named “nowhere_at_all”." in page and 'value="nowhere_at_all"' in page
    work.refresh_from_db()
    assert work.title == "Steady Piece" and CollectionItem.objects.get().approved


def test_bookmarks_are_added_by_their_reader_and_listed():
    owner, reader = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(UserFactory(), title="Recced Work")
    bookmark = save_bookmark(user=reader, work=work, note="A favourite.")
    _client(reader).post("/collections/yuletide/add", {"bookmark": bookmark.pk})
    page = _text(_client().get("/collections/yuletide/bookmarks"))
    assert "Recced Work" in page and "A favourite." in page


def test_a_maintainer_names_a_moderator_who_then_approves():
    owner, moderator, writer = UserFactory(), UserFactory(), UserFactory()
    _collection(owner, is_moderated=True)
    _client(owner).post("/collections/yuletide/roles", {"username": moderator.username, "role": "moderator"})
    work = make_work(writer, title="Moderated In")
    item = services.add_work(collection=Collection.objects.get(), work=work, user=writer)
    _client(moderator).post(f"/collections/items/{item.pk}/collection_answer", {"answer": "approve"})
    assert "Moderated In" in _text(_client().get("/collections/yuletide"))
    # A moderator runs the collection but does not change its settings or its team.
    assert _client(moderator).get("/collections/yuletide/edit").status_code == 403


def test_the_last_owner_cannot_step_down():
    owner = UserFactory()
    _collection(owner)
    _client(owner).post("/collections/yuletide/roles", {"username": owner.username, "role": ""})
    assert Collection.objects.get().roles.filter(user=owner, role="owner").exists()


def test_a_subcollection_lists_under_its_standing_collection_and_its_owners_run_it():
    owner, writer = UserFactory(), UserFactory()
    parent = _collection(owner, name="yuletide")
    child = _collection(owner, name="yuletide2026", parent=parent)
    services.set_role(collection=child, user=owner, member=owner, role="owner")
    work = make_work(writer, title="This Year's Gift")
    services.add_work(collection=child, work=work, user=writer)
    page = _text(_client().get("/collections/yuletide"))
    assert "Yuletide2026" in page and "This Year&#x27;s Gift" in page
    assert 'in <a href="/collections/yuletide">' in _text(_client().get("/collections/yuletide2026"))


def test_a_subcollection_cannot_be_made_under_another_subcollection():
    owner = UserFactory()
    parent = _collection(owner, name="yuletide")
    child = _collection(owner, name="yuletide2026", parent=parent)
    with pytest.raises(ValidationError, match="cannot have subcollections of its own"):
        _collection(owner, name="yuletide2026_drabbles", parent=child)
    assert not Collection.objects.filter(name="yuletide2026_drabbles").exists()


def test_the_collections_feed_lists_its_works():
    owner, writer = UserFactory(), UserFactory()
    collection = _collection(owner)
    services.add_work(collection=collection, work=make_work(writer, title="Feed Piece"), user=writer)
    feed = _text(_client().get("/collections/yuletide/works.atom"))
    assert "<title>Feed Piece by" in feed and "New works in Yuletide" in feed


def test_subscribers_hear_of_each_new_work():
    owner, writer, follower = UserFactory(), UserFactory(), UserFactory()
    collection = _collection(owner)
    _client(follower).post("/collections/yuletide/subscribe")
    services.add_work(collection=collection, work=make_work(writer, title="News Piece"), user=writer)
    run_worker()
    assert Notification.objects.filter(user=follower, text__contains="News Piece").count() == 1


# --- Unrevealed works -------------------------------------------------------------------------------------


@pytest.fixture
def unrevealed():
    owner, writer, recipient, follower = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    collection = _collection(owner, is_unrevealed=True)
    services.subscribe(collection=collection, user=follower)
    work = make_work(writer, title="Secret Santa Story")
    set_gifts(work=work, user=writer, names=[recipient.username])
    services.add_work(collection=collection, work=work, user=writer)
    run_worker()
    return {
        "owner": owner,
        "writer": writer,
        "recipient": recipient,
        "follower": follower,
        "work": work,
        "collection": collection,
    }


def test_an_unrevealed_work_is_a_mystery_to_guests_and_hidden_everywhere_else(unrevealed):
    work = unrevealed["work"]
    page = _text(_client().get("/collections/yuletide"))
    assert "Mystery work" in page and "Secret Santa Story" not in page
    assert _client().get(f"/works/{work.pk}").status_code == 404
    assert "Secret Santa Story" not in _text(_client().get("/works"))
    assert "Secret Santa Story" not in _text(_client(UserFactory()).get("/works"))
    assert "Secret Santa Story" not in _text(_client().get("/collections/yuletide/works.atom"))
    assert _client().get(f"/api/v1/works/{work.pk}").status_code == 404


@pytest.mark.parametrize("who", ["writer", "recipient", "owner"])
def test_its_creator_recipient_and_maintainers_see_an_unrevealed_work(unrevealed, who):
    client = _client(unrevealed[who])
    assert "Secret Santa Story" in _text(client.get(f"/works/{unrevealed['work'].pk}"))
    assert "Secret Santa Story" in _text(client.get("/collections/yuletide"))


def test_nobody_is_told_of_an_unrevealed_work_until_the_reveal(unrevealed):
    assert not Notification.objects.filter(work=unrevealed["work"]).exists()
    _client(unrevealed["owner"]).post("/collections/yuletide/reveal", {"what": "works"})
    run_worker()
    assert Notification.objects.filter(user=unrevealed["follower"], work=unrevealed["work"]).count() == 1
    # The recipient hears of their gift at the reveal too.
    assert Notification.objects.filter(user=unrevealed["recipient"], kind="gift").count() == 1
    page = _text(_client().get("/collections/yuletide"))
    assert "Secret Santa Story" in page and "Mystery work" not in page
    assert _client().get(f"/works/{unrevealed['work'].pk}").status_code == 200


def test_only_maintainers_reveal(unrevealed):
    _client(unrevealed["writer"]).post("/collections/yuletide/reveal", {"what": "works"})
    assert _client().get(f"/works/{unrevealed['work'].pk}").status_code == 404


def test_a_scheduled_reveal_happens_when_its_time_comes(unrevealed):
    collection = unrevealed["collection"]
    collection.reveal_at = timezone.now() + timedelta(hours=1)
    collection.save()
    assert services.reveal_due() == 0
    assert services.reveal_due(now=timezone.now() + timedelta(hours=2)) == 1
    assert _client().get(f"/works/{unrevealed['work'].pk}").status_code == 200


def test_a_work_taken_out_of_an_unrevealed_collection_is_seen_again(unrevealed):
    item = CollectionItem.objects.get()
    services.remove_item(item=item, user=unrevealed["writer"])
    assert _client().get(f"/works/{unrevealed['work'].pk}").status_code == 200


def test_the_archive_itself_reveals_a_subcollection_with_its_parent(unrevealed):
    parent = _collection(unrevealed["owner"], name="standing")
    unrevealed["collection"].parent = parent
    unrevealed["collection"].save()
    services.reveal_works(collection=parent, user=ARCHIVE)
    assert _client().get(f"/works/{unrevealed['work'].pk}").status_code == 200
    assert mail.outbox is not None


def test_the_catalog_offers_each_collection_and_its_works_and_never_an_unrevealed_one(unrevealed):
    writer = UserFactory()
    open_one = _collection(writer, name="open_one")
    services.add_work(collection=open_one, work=make_work(writer, title="Catalogued Piece"), user=writer)
    navigation = _text(_client().get("/opds/collections"))
    assert "Open_One" in navigation and "Yuletide" not in navigation
    assert "Collections" in _text(_client().get("/opds/"))
    assert "Catalogued Piece" in _text(_client().get("/opds/collections/open_one"))
    assert "Secret Santa Story" not in _text(_client().get("/opds/collections/yuletide"))
    services.reveal_works(collection=unrevealed["collection"], user=unrevealed["owner"])
    assert "Secret Santa Story" in _text(_client().get("/opds/collections/yuletide"))


def test_the_index_lists_standing_collections_with_their_counts(django_assert_max_num_queries):
    owner, writer = UserFactory(), UserFactory()
    parent = _collection(owner, name="standing", header="Every year since 2003")
    _collection(owner, name="year_one", parent=parent)
    for number in range(3):
        services.add_work(collection=parent, work=make_work(writer, title=f"Piece {number}"), user=writer)
    for number in range(15):  # the page holds 20: the query count does not grow with them
        _collection(owner, name=f"event_{number:02}")
    with django_assert_max_num_queries(12):
        page = _text(_client().get("/collections"))
    assert "Standing" in page and "Every year since 2003" in page and "3 items · 1 subcollection" in page
    assert "Year_One" not in page  # under its standing collection, not beside it


def test_a_draft_in_an_unrevealed_collection_is_nobodys_mystery_yet(unrevealed):
    writer = unrevealed["writer"]
    draft = make_work(writer, title="Still Writing", posted=False)
    services.add_work(collection=unrevealed["collection"], work=draft, user=writer)
    page = _text(_client().get("/collections/yuletide"))
    assert page.count('class="blurb mystery"') == 1  # the posted gift only


@pytest.mark.parametrize("viewer", ("guest", "owner"))
def test_the_collection_page_reads_its_exchange_and_prompt_meme_with_the_collection(
    viewer, django_assert_num_queries
):
    owner = UserFactory()
    collection = _collection(owner)
    now = timezone.now()
    set_up_exchange(
        collection=collection,
        user=owner,
        fields=ExchangeFields(
            signups_open_at=now - timedelta(days=1), signups_close_at=now + timedelta(days=9), any_fandom=True
        ),
    )
    set_up_prompt_meme(collection=collection, user=owner, fields=PromptMemeFields())
    client = _client(owner if viewer == "owner" else None)
    # The exchange and the meme come with the collection's own query, and its subcollections are read once;
    # the owner's permissions and unread count come with their account (quire.accounts.backends).
    with django_assert_num_queries({"guest": 7, "owner": 14}[viewer]):
        page = _text(client.get("/collections/yuletide"))
    assert '<a href="/collections/yuletide/prompts">Prompts</a>' in page
    assert ("Sign-up summary" if viewer == "owner" else "Log in to sign up") in page
