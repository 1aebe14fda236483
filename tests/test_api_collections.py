"""The JSON API's collections, prompt memes and gift exchanges: what a reader app or a challenge's bot reads
and does, by the rules of the web pages (unrevealed works only counted, anonymous names hidden, the web's
messages for a refused write)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import UserFactory, make_work

from quire.api.services import create_token
from quire.collections import services as collections
from quire.collections.models import CollectionItem
from quire.collections.services import CollectionFields
from quire.exchanges import services as exchanges
from quire.exchanges.models import Exchange
from quire.feedback.services import save_bookmark
from quire.gifts.services import set_gifts
from quire.prompts import services as prompts
from quire.prompts.models import Claim

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    settings.API_RATE_LIMITS = {"anon": "1000/min", "token": "1000/min", "write": "1000/min"}
    cache.clear()
    yield
    cache.clear()


def _collection(owner, name="yuletide", **settings):
    return collections.create_collection(
        user=owner, fields=CollectionFields(name=name, title=name.replace("_", " ").title(), **settings)
    )


def _auth(user) -> dict:
    """A token that was used already: its first use records when (one write), which no count should see."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, name='bot')[1]}"}
    Client().get(f"{API}/me", **headers)
    return headers


def _queries(client, path, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.content)
    return len(queries)


# --- Reading collections ---------------------------------------------------------------------------------


def test_the_index_lists_standing_collections_with_their_counts_in_a_fixed_number_of_queries(client):
    owner, writer = UserFactory(), UserFactory()
    standing = _collection(owner, name="standing", header="Every year since 2003")
    _collection(owner, name="year_one", parent=standing)
    collections.add_work(collection=standing, work=make_work(writer), user=writer)
    few = _queries(client, f"{API}/collections")
    for number in range(12):
        _collection(owner, name=f"event_{number:02}")
    assert _queries(client, f"{API}/collections") == few

    body = client.get(f"{API}/collections").json()
    assert body["count"] == 13 and body["per_page"] == 20 and body["pages"] == 1
    entry = next(c for c in body["results"] if c["name"] == "standing")
    assert entry["header"] == "Every year since 2003"
    assert (entry["items"], entry["subcollections"]) == (1, 1)
    assert entry["settings"]["open"] is True and entry["url"].endswith("/collections/standing")
    assert "year_one" not in [c["name"] for c in body["results"]]  # under its standing collection


def test_a_collection_as_its_page_shows_it(client):
    owner, writer, reader = UserFactory(), UserFactory(), UserFactory()
    standing = _collection(owner, name="standing")
    event = collections.update_collection(
        collection=_collection(owner, name="fest_2026", parent=standing),
        user=owner,
        fields=CollectionFields(
            name="fest_2026",
            title="Fest 2026",
            description="Write <b>anything</b>.<script>x()</script>",
            rules="One work each.",
            is_open=False,
            is_unrevealed=True,
            parent=standing,
        ),
    )
    gift = make_work(writer, title="Under Wraps")
    collections.add_work(collection=event, work=gift, user=owner)
    collections.approve_as_creator(item=CollectionItem.objects.get(work=gift), user=writer)
    public = make_work(writer, title="Out There")
    collections.add_work(collection=standing, work=public, user=writer)
    collections.add_bookmark(
        collection=standing, bookmark=save_bookmark(user=reader, work=public), user=reader
    )

    body = client.get(f"{API}/collections/fest_2026").json()
    assert body["title"] == "Fest 2026" and "<b>anything</b>" in body["description_html"]
    assert "<script>" not in body["description_html"] and "One work each." in body["rules_html"]
    assert body["settings"]["open"] is False and body["settings"]["unrevealed"] is True
    assert body["parent"]["name"] == "standing" and body["subcollections"] == []
    assert body["counts"] == {"works": 0, "mystery_works": 1, "bookmarks": 0, "subcollections": 0}
    assert body["prompt_meme"] is False and body["exchange"] is False

    parent = client.get(f"{API}/collections/standing").json()
    assert [c["name"] for c in parent["subcollections"]] == ["fest_2026"]
    # The standing collection shows its event's works: the gift is a mystery there too.
    assert parent["counts"] == {"works": 1, "mystery_works": 1, "bookmarks": 1, "subcollections": 1}
    # Its maintainer sees the unrevealed work itself.
    assert client.get(f"{API}/collections/fest_2026", **_auth(owner)).json()["counts"]["works"] == 1
    assert client.get(f"{API}/collections/no_such_thing").status_code == 404


@pytest.fixture
def unrevealed():
    """An unrevealed, anonymous exchange holding a posted gift to a recipient, a posted work of another
    creator and a restricted work, run by a maintainer."""
    maintainer, writer, recipient = UserFactory(), UserFactory(username="secretsanta"), UserFactory()
    collection = _collection(maintainer, name="yuletide", is_unrevealed=True, is_anonymous=True)
    gift = make_work(writer, title="Wrapped Gift", rating="teen", fandoms=["Good Omens"])
    set_gifts(work=gift, user=writer, names=[recipient.username])
    collections.add_work(collection=collection, work=gift, user=writer)
    return {
        "collection": collection,
        "maintainer": maintainer,
        "writer": writer,
        "recipient": recipient,
        "gift": gift,
    }


def test_unrevealed_works_are_only_counted_as_mysteries_except_to_those_who_may_see_them(client, unrevealed):
    path = f"{API}/collections/yuletide/works"
    guest = client.get(path).json()
    assert guest["results"] == [] and guest["count"] == 0 and guest["mystery_works"] == 1
    assert "Wrapped Gift" not in client.get(path).content.decode()
    for who in ("writer", "recipient", "maintainer"):
        body = client.get(path, **_auth(unrevealed[who])).json()
        assert [w["title"] for w in body["results"]] == ["Wrapped Gift"], who
        assert body["mystery_works"] == 0, who
    stranger = client.get(path, **_auth(UserFactory())).json()
    assert stranger["results"] == [] and stranger["mystery_works"] == 1


def test_anonymous_works_have_no_creators_but_to_their_own(client, unrevealed):
    collections.reveal_works(collection=unrevealed["collection"], user=unrevealed["maintainer"])
    path = f"{API}/collections/yuletide/works"
    work = client.get(path).json()["results"][0]
    assert work["anonymous"] is True and work["author"] == {"username": None, "pseud": "Anonymous"}
    assert work["creators"] == [{"pseud": "Anonymous", "user": None, "url": None}]
    assert "secretsanta" not in client.get(path).content.decode()
    own = client.get(path, **_auth(unrevealed["writer"])).json()["results"][0]
    assert own["author"]["username"] == "secretsanta"


def test_a_collections_works_take_the_listings_filters_and_bad_ones_are_422(client):
    owner, writer = UserFactory(), UserFactory()
    collection = _collection(owner)
    for title, rating in (("Teen One", "teen"), ("General One", "general")):
        collections.add_work(
            collection=collection, work=make_work(writer, title=title, rating=rating), user=writer
        )
    make_work(writer, title="Not In It", rating="teen")
    body = client.get(f"{API}/collections/yuletide/works", {"rating": "teen"}).json()
    assert [w["title"] for w in body["results"]] == ["Teen One"]
    titles = client.get(f"{API}/collections/yuletide/works", {"sort": "title"}).json()["results"]
    assert [w["title"] for w in titles] == ["General One", "Teen One"]
    bad = client.get(f"{API}/collections/yuletide/works", {"words_from": 50, "words_to": 1})
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "words_to", "message": "“Words to” must be at least “Words from”."}
    ]


def test_a_collections_works_and_bookmarks_take_a_fixed_number_of_queries(client):
    owner, writer = UserFactory(), UserFactory(username="prolific")
    collection = _collection(owner)
    reader = UserFactory()
    auth = _auth(reader)

    def add(n):
        work = make_work(writer, title=f"W{n}", relationships=[f"A/B{n}"], tags=[f"T{n}"])
        collections.add_work(collection=collection, work=work, user=writer)
        bookmark = save_bookmark(user=UserFactory(), work=work, note="Lovely.")
        collections.add_bookmark(collection=collection, bookmark=bookmark, user=bookmark.user)

    add(0)
    paths = [f"{API}/collections/yuletide/works", f"{API}/collections/yuletide/bookmarks"]
    few = [_queries(client, p) for p in paths] + [_queries(client, p, **auth) for p in paths]
    for n in range(1, 7):
        add(n)
    many = [_queries(client, p) for p in paths] + [_queries(client, p, **auth) for p in paths]
    assert few == many
    bookmarks = client.get(paths[1]).json()
    assert bookmarks["count"] == 7 and bookmarks["results"][0]["work"]["title"] == "W6"
    assert "Lovely." in bookmarks["results"][0]["note_html"]


def test_bookmarks_in_a_collection_show_only_public_ones_of_works_the_reader_may_see(client):
    owner, reader = UserFactory(), UserFactory(username="recs")
    collection = _collection(owner)
    public = make_work(title="Open Book")
    restricted = make_work(title="Members Only", restricted=True)
    for work, private in ((public, False), (restricted, False), (make_work(title="Secret Rec"), True)):
        bookmark = save_bookmark(user=reader, work=work, private=private)
        collections.add_bookmark(collection=collection, bookmark=bookmark, user=reader)
    guest = client.get(f"{API}/collections/yuletide/bookmarks").json()
    assert [b["work"]["title"] for b in guest["results"]] == ["Open Book"]
    assert guest["results"][0]["username"] == "recs"
    member = client.get(f"{API}/collections/yuletide/bookmarks", **_auth(UserFactory())).json()
    assert sorted(b["work"]["title"] for b in member["results"]) == ["Members Only", "Open Book"]


# --- Adding one's work -----------------------------------------------------------------------------------


def test_a_writer_adds_their_work_and_withdraws_it(client):
    owner, writer = UserFactory(), UserFactory()
    _collection(owner)
    work = make_work(writer, title="Mine")
    auth = _auth(writer)
    response = client.post(
        f"{API}/collections/yuletide/works", {"work_id": work.pk}, "application/json", **auth
    )
    assert response.status_code == 201
    assert response.json() == {
        "collection": {
            "name": "yuletide",
            "title": "Yuletide",
            "url": "http://testserver/collections/yuletide",
        },
        "work_id": work.pk,
        "status": "approved",
    }
    assert [w["title"] for w in client.get(f"{API}/collections/yuletide/works").json()["results"]] == ["Mine"]
    again = client.post(f"{API}/collections/yuletide/works", {"work_id": work.pk}, "application/json", **auth)
    assert again.status_code == 422
    assert again.json()["errors"] == [{"field": "work_id", "message": "“Mine” is already in “Yuletide”."}]

    assert client.delete(f"{API}/collections/yuletide/works/{work.pk}", **auth).status_code == 204
    assert client.get(f"{API}/collections/yuletide/works").json()["results"] == []
    assert client.delete(f"{API}/collections/yuletide/works/{work.pk}", **auth).status_code == 404


def test_adding_is_refused_with_the_webs_messages(client):
    owner, writer = UserFactory(), UserFactory()
    _collection(owner, name="closed_fest", is_open=False)
    _collection(owner, name="mod_fest", is_moderated=True)
    mine, theirs = make_work(writer, title="Mine"), make_work(title="Theirs")
    auth = _auth(writer)

    def add(name, work):
        return client.post(
            f"{API}/collections/{name}/works", {"work_id": work.pk}, "application/json", **auth
        )

    closed = add("closed_fest", mine)
    assert closed.status_code == 422
    assert closed.json()["errors"] == [
        {"field": "work_id", "message": "“Closed Fest” is closed to new works."}
    ]
    other = add("mod_fest", theirs)
    assert other.status_code == 422
    assert other.json()["errors"][0]["message"] == "You can add only your own works to a collection."
    assert add("mod_fest", mine).json()["status"] == "waiting"
    waiting = add("mod_fest", mine)
    assert waiting.json()["errors"][0]["message"] == "“Mine” already waits for approval in “Mod Fest”."
    assert not CollectionItem.objects.filter(work=theirs).exists()
    assert add("no_such_fest", mine).status_code == 404
    unseen = make_work(title="A Draft", posted=False)
    assert add("mod_fest", unseen).status_code == 404  # a work you may not see is not there for you
    # The maintainers turned it down: it is not offered again.
    item = CollectionItem.objects.get(work=mine)
    collections.approve_as_collection(item=item, user=owner, approve=False)
    assert (
        add("mod_fest", mine).json()["errors"][0]["message"]
        == "The maintainers of “Mod Fest” turned “Mine” down."
    )


def test_adding_needs_a_token_and_a_suspended_writer_gets_the_notice(client):
    writer = UserFactory()
    _collection(UserFactory())
    work = make_work(writer)
    anonymous = client.post(f"{API}/collections/yuletide/works", {"work_id": work.pk}, "application/json")
    assert anonymous.status_code == 401
    auth = _auth(writer)
    writer.suspended_until = timezone.now() + timedelta(days=3)
    writer.save(update_fields=["suspended_until"])
    response = client.post(
        f"{API}/collections/yuletide/works", {"work_id": work.pk}, "application/json", **auth
    )
    assert response.status_code == 403 and "suspended" in response.json()["detail"]
    assert not CollectionItem.objects.exists()


def test_someone_else_cannot_take_a_work_out(client):
    owner, writer = UserFactory(), UserFactory()
    collection = _collection(owner)
    work = make_work(writer)
    collections.add_work(collection=collection, work=work, user=writer)
    response = client.delete(f"{API}/collections/yuletide/works/{work.pk}", **_auth(UserFactory()))
    assert response.status_code == 403
    assert CollectionItem.objects.filter(work=work).exists()
    assert client.delete(f"{API}/collections/yuletide/works/{work.pk}", **_auth(owner)).status_code == 204


# --- Prompt memes ----------------------------------------------------------------------------------------


@pytest.fixture
def meme():
    owner = UserFactory(username="memekeeper")
    collection = _collection(owner, name="stars_hollow_meme")
    meme = prompts.set_up_prompt_meme(
        collection=collection,
        user=owner,
        fields=prompts.PromptMemeFields(fandoms=["Gilmore Girls", "Bunheads"]),
    )
    meme.owner = owner
    return meme


def _prompt(meme, user, **fields):
    fields.setdefault("description", "Rory and Lane run the inn for a week.")
    fields.setdefault("fandoms", ["Gilmore Girls"])
    return prompts.post_prompt(meme=meme, user=user, fields=prompts.PromptFields(**fields))


def test_a_memes_prompts_filter_by_fandom_and_status_as_the_list_does(client, meme):
    prompter, filler = UserFactory(), UserFactory()
    unclaimed = _prompt(meme, prompter, title="Inn week")
    claimed = _prompt(meme, prompter, title="Dance class", fandoms=["Bunheads"])
    filled = _prompt(meme, prompter, title="Town meeting")
    prompts.claim_prompt(prompt=claimed, user=filler)
    prompts.fill_prompt(prompt=filled, work=make_work(filler), user=filler)
    path = f"{API}/collections/stars_hollow_meme/prompts"

    def titles(**query):
        return [p["title"] for p in client.get(path, query).json()["results"]]

    assert titles() == ["Town meeting", "Dance class", "Inn week"]
    assert titles(fandom="Bunheads") == ["Dance class"]
    assert titles(status="unclaimed") == [unclaimed.title]
    assert titles(status="claimed") == ["Dance class"]
    assert titles(status="filled") == ["Town meeting"]
    nothing = client.get(path, {"fandom": "No Such Fandom"}).json()
    assert nothing["results"] == [] and nothing["notices"] == [
        "There is no fandom named “No Such Fandom”, so no prompts match it."
    ]
    entry = client.get(path).json()["results"][0]
    assert (entry["claims"], entry["fills"], entry["fandoms"]) == (1, 1, ["Gilmore Girls"])
    assert client.get(path, {"status": "lost"}).status_code == 422
    assert client.get(f"{API}/collections/no_meme_here/prompts").status_code == 404


def test_the_prompt_list_takes_a_fixed_number_of_queries(client, meme):
    prompter = UserFactory()
    _prompt(meme, prompter, anonymous=True)
    path = f"{API}/collections/stars_hollow_meme/prompts"
    auth = _auth(UserFactory())
    few = [_queries(client, path), _queries(client, path, **auth)]
    for n in range(8):
        prompt = _prompt(meme, UserFactory(), title=f"P{n}", anonymous=n % 2 == 0, relationships=[f"A/B{n}"])
        prompts.claim_prompt(prompt=prompt, user=prompter)
    assert [_queries(client, path), _queries(client, path, **auth)] == few


def test_an_anonymous_prompter_is_hidden_but_from_themselves_and_the_maintainers(client, meme):
    prompter = UserFactory(username="lorelai_prompts")
    prompt = _prompt(meme, prompter, anonymous=True)
    paths = [
        f"{API}/collections/stars_hollow_meme/prompts",
        f"{API}/collections/stars_hollow_meme/prompts/{prompt.pk}",
    ]
    for auth in ({}, _auth(UserFactory())):
        for path in paths:
            response = client.get(path, **auth)
            assert "lorelai_prompts" not in response.content.decode(), path
        detail = client.get(paths[1], **auth).json()
        assert (detail["prompter"], detail["username"], detail["anonymous"]) == ("Anonymous", None, True)
    for who in (prompter, meme.owner):
        detail = client.get(paths[1], **_auth(who)).json()
        assert detail["username"] == "lorelai_prompts"


def test_a_prompt_with_its_claims_and_the_fills_the_reader_may_see(client, meme):
    prompter, filler, drafter = UserFactory(), UserFactory(username="filler"), UserFactory()
    prompt = _prompt(meme, prompter, title="Inn week")
    prompts.fill_prompt(prompt=prompt, work=make_work(filler, title="The Inn"), user=filler)
    prompts.fill_prompt(prompt=prompt, work=make_work(drafter, title="Not Yet", posted=False), user=drafter)
    body = client.get(f"{API}/collections/stars_hollow_meme/prompts/{prompt.pk}").json()
    assert body["title"] == "Inn week" and body["claims"] == 2
    assert [c["claimer"] for c in body["claim_list"]] == ["filler", drafter.username]
    assert [(f["title"], f["creators"]) for f in body["fill_list"]] == [("The Inn", "filler")]
    assert body["fills"] == 1
    own = client.get(f"{API}/collections/stars_hollow_meme/prompts/{prompt.pk}", **_auth(drafter)).json()
    assert [f["title"] for f in own["fill_list"]] == ["The Inn", "Not Yet"]
    assert [c["yours"] for c in own["claim_list"]] == [False, True]
    assert client.get(f"{API}/collections/stars_hollow_meme/prompts/999999").status_code == 404


def test_claiming_and_dropping_a_claim(client, meme):
    prompt = _prompt(meme, UserFactory())
    claimer = UserFactory()
    auth = _auth(claimer)
    path = f"{API}/collections/stars_hollow_meme/prompts/{prompt.pk}/claim"
    response = client.post(path, **auth)
    assert response.status_code == 201 and [c["yours"] for c in response.json()["claim_list"]] == [True]
    again = client.post(path, **auth)
    assert again.status_code == 422
    assert again.json()["errors"] == [
        {"field": "__all__", "message": "You have already claimed this prompt."}
    ]
    assert client.delete(path, **auth).status_code == 204
    assert not Claim.objects.filter(user=claimer).exists()
    assert client.delete(path, **auth).status_code == 404
    assert client.post(path).status_code == 401
    claimer.suspended_until = timezone.now() + timedelta(days=3)
    claimer.save(update_fields=["suspended_until"])
    suspended = client.post(path, **auth)
    assert suspended.status_code == 403 and "suspended" in suspended.json()["detail"]
    assert not Claim.objects.filter(user=claimer).exists()


def test_claims_are_refused_with_the_webs_messages(client, meme):
    prompt = _prompt(meme, UserFactory())
    filler = UserFactory()
    auth = _auth(filler)
    prompts.fill_prompt(prompt=prompt, work=make_work(filler), user=filler)
    path = f"{API}/collections/stars_hollow_meme/prompts/{prompt.pk}/claim"
    dropped = client.delete(path, **auth)
    assert dropped.status_code == 422
    assert dropped.json()["errors"][0]["message"] == "You have filled this claim, so it cannot be dropped."
    prompts.set_up_prompt_meme(
        collection=meme.collection, user=meme.owner, fields=prompts.PromptMemeFields(claiming_open=False)
    )
    closed = client.post(path, **_auth(UserFactory()))
    assert closed.status_code == 422
    assert closed.json()["errors"][0]["message"] == "Claiming is closed in “Stars Hollow Meme”."


# --- Gift exchanges --------------------------------------------------------------------------------------


@pytest.fixture
def exchange():
    owner = UserFactory()
    collection = _collection(owner, name="yuletide", is_unrevealed=True, is_anonymous=True)
    now = timezone.now()
    exchange = exchanges.set_up_exchange(
        collection=collection,
        user=owner,
        fields=exchanges.ExchangeFields(
            fandoms=["Good Omens"],
            signups_open_at=now - timedelta(hours=1),
            signups_close_at=now + timedelta(days=1),
        ),
    )
    exchange.owner = owner
    return exchange


def _sign_up(exchange, user, description="Something cosy, please."):
    entry = exchanges.EntryFields(fandoms=["Good Omens"], description=description)
    return exchanges.sign_up(
        exchange=exchange, user=user, fields=exchanges.SignupFields(requests=[entry], offers=[entry])
    )


def test_a_member_reads_their_own_sign_up(client, exchange):
    member = UserFactory(username="aziraphale")
    _sign_up(exchange, member, description="Crepes in Paris.")
    path = f"{API}/collections/yuletide/signups/mine"
    body = client.get(path, **_auth(member)).json()
    assert body["pseud"] == "aziraphale" and body["may_change"] is True
    assert [(e["fandoms"], e["description"]) for e in body["requests"]] == [
        (["Good Omens"], "Crepes in Paris.")
    ]
    assert len(body["offers"]) == 1
    assert client.get(path, **_auth(UserFactory())).status_code == 404
    assert client.get(path).status_code == 401
    assert client.get(f"{API}/collections/no_exchange/signups/mine", **_auth(member)).status_code == 404


def test_assignments_show_to_their_givers_only_once_sent(client, exchange):
    members = [UserFactory(username=name) for name in ("aziraphale", "crowley", "anathema")]
    for member in members:
        _sign_up(exchange, member, description=f"For {member.username}.")
    Exchange.objects.filter(pk=exchange.pk).update(
        signups_open_at=timezone.now() - timedelta(days=2),
        signups_close_at=timezone.now() - timedelta(minutes=1),
    )
    exchange.refresh_from_db()
    exchanges.generate_assignments(exchange=exchange, user=exchange.owner)
    path = f"{API}/collections/yuletide/assignments/mine"
    giver = members[0]
    assert client.get(path, **_auth(giver)).json() == []  # not sent yet
    exchanges.send_assignments(exchange=exchange, user=exchange.owner)
    rows = client.get(path, **_auth(giver)).json()
    assert len(rows) == 1 and rows[0]["status"] == "open"
    recipient = rows[0]["recipient"]
    assert recipient in {"crowley", "anathema"}
    assert [e["description"] for e in rows[0]["requests"]] == [f"For {recipient}."]
    # Each member sees only whom they give to, never themselves: nobody learns who gives to them.
    given = {member.username: client.get(path, **_auth(member)).json() for member in members}
    assert all(len(rows) == 1 and rows[0]["recipient"] != name for name, rows in given.items())
    assert {rows[0]["recipient"] for rows in given.values()} == set(given)
    assert "giver" not in given["aziraphale"][0]
    assert client.get(path, **_auth(UserFactory())).json() == []


# --- The document ----------------------------------------------------------------------------------------


def test_the_document_states_the_rules_the_writes_answer_422_for(client):
    document = client.get(f"{API}/openapi.json").json()
    paths = document["paths"]
    add = paths[f"{API}/collections/{{name}}/works"]["post"]["description"]
    for rule in ("your own works", "closed to new works", "already in", "waits for approval", "down"):
        assert rule in add, rule
    claim = paths[f"{API}/collections/{{name}}/prompts/{{prompt_id}}/claim"]
    assert "Claiming is closed" in claim["post"]["description"]
    assert "already claimed" in claim["post"]["description"]
    assert "filled this claim" in claim["delete"]["description"]
    works = document["components"]["schemas"]["CollectionWorkPage"]["properties"]
    assert "reveal" in works["mystery_works"]["description"]
