"""Prompt memes (issue 22): a collection's maintainers set one up (its tag set, anonymous prompts,
prompting and claiming open or closed, a limit per member); members post prompts within the tag set,
claim them (several claims each) and fill them by posting a work "for" the prompt, which puts the work in
the collection and tells the prompter once the work may be heard of. An anonymous prompter's name shows
to nobody but themselves and the maintainers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from task_queue import run_worker
from test_posting import new_work_data

from quire.accounts.models import Pseud
from quire.collections import services as collections
from quire.collections.models import CollectionItem
from quire.follows.models import Notification
from quire.follows.tasks import announce_work
from quire.prompts import services
from quire.prompts.models import Claim, Fill, Prompt
from quire.prompts.selectors import Status, prompts_for
from quire.works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return UserFactory(username="memekeeper")


@pytest.fixture
def prompter(db):
    # A name found nowhere else on a page, so "it does not show" is a plain substring check.
    return UserFactory(username="lorelai_prompts")


@pytest.fixture
def filler(db):
    return UserFactory(username="rory_fills")


@pytest.fixture
def collection(owner):
    return collections.create_collection(
        user=owner, fields=collections.CollectionFields(name="stars_hollow_meme", title="Stars Hollow Meme")
    )


@pytest.fixture
def meme(collection, owner):
    return services.set_up_prompt_meme(
        collection=collection, user=owner, fields=services.PromptMemeFields(fandoms=["Gilmore Girls"])
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _prompt(meme, user, **fields) -> Prompt:
    fields.setdefault("description", "Rory and Lane run the inn for a week.")
    fields.setdefault("fandoms", ["Gilmore Girls"])
    return services.post_prompt(meme=meme, user=user, fields=services.PromptFields(**fields))


def _prompt_url(prompt, action=None) -> str:
    name = prompt.meme.collection.name
    if action is None:
        return reverse("prompts:prompt", args=[name, prompt.pk])
    return reverse(f"prompts:{action}", args=[name, prompt.pk])


def _inbox(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


# --- Set-up --------------------------------------------------------------------------------------------


def test_a_maintainer_sets_up_the_prompt_meme_and_its_page_says_so(owner, collection):
    client = _client(owner)
    response = client.post(
        reverse("prompts:setup", args=[collection.name]),
        {"fandoms": "Gilmore Girls", "prompting_open": "on", "max_prompts_per_member": "2"},
    )
    assert response.status_code == 302
    page = client.get(reverse("prompts:list", args=[collection.name])).content.decode()
    assert "Prompting is open; claiming is closed." in page
    settings = client.get(reverse("prompts:setup", args=[collection.name])).content.decode()
    assert 'value="Gilmore Girls"' in settings


def test_only_maintainers_reach_the_set_up(collection, prompter):
    response = _client(prompter).post(
        reverse("prompts:setup", args=[collection.name]), {"prompting_open": "on"}
    )
    assert response.status_code == 403
    assert reverse("prompts:list", args=[collection.name])
    assert Client().get(reverse("prompts:list", args=[collection.name])).status_code == 404


def test_the_collection_page_links_to_its_prompt_meme(meme, collection, owner, prompter):
    # Rendered as the collection header includes it (the header lands with the collections' pages).
    request = RequestFactory().get("/")
    template = Template('{% include "prompts/_collection_links.html" %}')
    request.user = prompter
    as_member = template.render(Context({"collection": collection, "request": request, "user": prompter}))
    request.user = owner
    as_owner = template.render(Context({"collection": collection, "request": request, "user": owner}))
    assert "Post a prompt" in as_member and "Prompt meme settings" not in as_member
    assert "Prompt meme settings" in as_owner


# --- Prompts -------------------------------------------------------------------------------------------


def test_a_member_posts_a_prompt_that_shows_in_the_list(meme, prompter):
    client = _client(prompter)
    response = client.post(
        reverse("prompts:new", args=[meme.collection.name]),
        {
            "title": "Inn week",
            "description": "<p>Rory runs the <b>inn</b>.</p><script>x()</script>",
            "fandoms": "gilmore girls",
            "characters": "Rory Gilmore",
        },
    )
    prompt = Prompt.objects.get()
    assert response.url == prompt.get_absolute_url()
    assert [tag.name for tag in prompt.tags.order_by("name")] == ["Gilmore Girls", "Rory Gilmore"]
    listing = Client().get(reverse("prompts:list", args=[meme.collection.name])).content.decode()
    assert "Inn week" in listing and "by lorelai_prompts" in listing
    assert "<b>inn</b>" in listing and "<script>" not in listing


def test_closed_prompting_refuses_a_new_prompt_and_keeps_what_was_typed(meme, prompter, owner):
    services.set_up_prompt_meme(
        collection=meme.collection,
        user=owner,
        fields=services.PromptMemeFields(prompting_open=False),
    )
    client = _client(prompter)
    url = reverse("prompts:new", args=[meme.collection.name])
    assert "Prompting is closed in “Stars Hollow Meme”." in client.get(url).content.decode()
    response = client.post(url, {"description": "Luke opens a second diner.", "fandoms": "Gilmore Girls"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Prompting is closed in “Stars Hollow Meme”." in page
    assert "Luke opens a second diner." in page
    assert not Prompt.objects.exists()


def test_a_member_posts_no_more_prompts_than_the_limit(meme, prompter, owner):
    services.set_up_prompt_meme(
        collection=meme.collection, user=owner, fields=services.PromptMemeFields(max_prompts_per_member=1)
    )
    _prompt(meme, prompter)
    response = _client(prompter).post(
        reverse("prompts:new", args=[meme.collection.name]), {"description": "A second one."}
    )
    assert "You have posted the most prompts “Stars Hollow Meme” allows (1)." in response.content.decode()
    assert Prompt.objects.count() == 1


def test_a_fandom_outside_the_tag_set_is_refused_and_what_was_typed_stays(meme, prompter):
    response = _client(prompter).post(
        reverse("prompts:new", args=[meme.collection.name]),
        {
            "description": "Buffy visits Stars Hollow.",
            "fandoms": "Buffy the Vampire Slayer, Gilmore Girls",
            "characters": "Buffy Summers",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "“Buffy the Vampire Slayer” is not in this prompt meme&#x27;s fandom tags. Choose from: Gilmore Girls."
        in page
    )
    assert 'value="Buffy the Vampire Slayer, Gilmore Girls"' in page
    assert 'value="Buffy Summers"' in page and "Buffy visits Stars Hollow." in page
    assert not Prompt.objects.exists()


def test_a_synonym_of_a_tag_in_the_set_counts_as_that_tag(meme, prompter):
    from quire.tags.models import Tag
    from quire.tags.services import make_canonical, make_synonym

    canonical = make_canonical(tag=Tag.objects.get(name="Gilmore Girls"))
    make_synonym(tag=Tag.for_name("GG", "fandom"), canonical=canonical)
    prompt = _prompt(meme, prompter, fandoms=["GG"])
    assert [tag.name for tag in prompt.tags.all()] == ["Gilmore Girls"]


def test_the_prompter_edits_and_deletes_their_prompt_only_while_it_has_no_fills(meme, prompter, filler):
    prompt = _prompt(meme, prompter, title="First")
    client = _client(prompter)
    client.post(
        _prompt_url(prompt, "edit"),
        {"title": "Second", "description": "Changed.", "fandoms": "Gilmore Girls"},
    )
    prompt.refresh_from_db()
    assert (prompt.title, prompt.description) == ("Second", "Changed.")
    assert _client(filler).get(_prompt_url(prompt, "edit")).status_code == 404
    services.fill_prompt(prompt=prompt, work=make_work(filler), user=filler)
    response = client.post(
        _prompt_url(prompt, "edit"), {"title": "Third", "description": "Again."}, follow=True
    )
    assert "This prompt has been filled, so it can no longer be changed." in response.content.decode()
    client.post(_prompt_url(prompt, "delete"))
    prompt.refresh_from_db()
    assert prompt.title == "Second"


def test_the_prompter_deletes_an_unfilled_prompt(meme, prompter):
    prompt = _prompt(meme, prompter)
    _client(prompter).post(_prompt_url(prompt, "delete"))
    assert not Prompt.objects.exists()


# --- Claims --------------------------------------------------------------------------------------------


def test_a_prompt_takes_several_claims_and_each_member_drops_their_own(meme, prompter, filler):
    prompt = _prompt(meme, prompter)
    other = UserFactory(username="paris_claims")
    for user in (filler, other, prompter):  # its own prompter may claim it too, as on AO3
        _client(user).post(_prompt_url(prompt, "claim"))
    page = Client().get(_prompt_url(prompt)).content.decode()
    assert "Claims (3)" in page and "rory_fills" in page and "paris_claims" in page
    _client(other).post(_prompt_url(prompt, "drop"))
    assert sorted(prompt.claims.values_list("user__username", flat=True)) == ["lorelai_prompts", "rory_fills"]
    mine = _client(filler).get(reverse("prompts:my_claims")).content.decode()
    assert prompt.heading in mine and "not filled yet" in mine


def test_closed_claiming_refuses_a_claim_with_a_message(meme, prompter, filler, owner):
    prompt = _prompt(meme, prompter)
    services.set_up_prompt_meme(
        collection=meme.collection, user=owner, fields=services.PromptMemeFields(claiming_open=False)
    )
    response = _client(filler).post(_prompt_url(prompt, "claim"), follow=True)
    assert "Claiming is closed in “Stars Hollow Meme”." in response.content.decode()
    assert not Claim.objects.exists()
    response = _client(filler).post(_prompt_url(prompt, "fill"), {"work": make_work(filler).pk})
    assert "Claiming is closed in “Stars Hollow Meme”." in response.content.decode()
    form = _client(filler).get(reverse("works:new") + f"?prompt={prompt.pk}").content.decode()
    assert "Claiming is closed in “Stars Hollow Meme”. Your work will still be saved." in form
    response = _client(filler).post(reverse("works:new"), new_work_data(prompt=str(prompt.pk)), follow=True)
    assert "Your work was saved, but it could not fill" in response.content.decode()
    assert Work.objects.filter(title="Come Away With Me").exists()
    assert not Fill.objects.exists()


def test_a_filled_claim_cannot_be_dropped(meme, prompter, filler):
    prompt = _prompt(meme, prompter)
    services.fill_prompt(prompt=prompt, work=make_work(filler), user=filler)
    response = _client(filler).post(_prompt_url(prompt, "drop"), follow=True)
    assert "You have filled this claim, so it cannot be dropped." in response.content.decode()
    assert Claim.objects.filter(user=filler).exists()


# --- Fills ---------------------------------------------------------------------------------------------


def test_posting_a_new_work_for_the_prompt_fills_it(meme, prompter, filler):
    prompt = _prompt(meme, prompter, title="Inn week")
    client = _client(filler)
    form = client.get(reverse("works:new") + f"?prompt={prompt.pk}").content.decode()
    assert "This work will fill the prompt" in form and f'name="prompt" value="{prompt.pk}"' in form
    # The form posts to its own address; the hidden field alone carries the prompt.
    response = client.post(reverse("works:new"), new_work_data(prompt=str(prompt.pk)), follow=True)
    work = Work.objects.get(author=filler)
    assert "Your work fills the prompt “Inn week” in Stars Hollow Meme." in response.content.decode()
    assert Claim.objects.filter(prompt=prompt, user=filler).exists()  # claimed as it was filled
    assert CollectionItem.objects.get(work=work).collection == meme.collection
    page = Client().get(_prompt_url(prompt)).content.decode()
    assert "Fills (1)" in page and "Come Away With Me" in page


def test_a_fill_says_in_its_preface_which_prompt_it_answers(meme, prompter, filler):
    prompt = _prompt(meme, prompter, title="Inn week")
    _client(filler).post(reverse("works:new"), new_work_data(prompt=str(prompt.pk)))
    work = Work.objects.get(author=filler)
    page = Client().get(work.get_absolute_url()).content.decode()
    assert (
        f'In response to a <a href="{_prompt_url(prompt)}">prompt</a> by '
        f'<a href="/users/lorelai_prompts/pseuds/lorelai_prompts">lorelai_prompts</a> in '
        f'<a href="/collections/stars_hollow_meme">Stars Hollow Meme</a>'
    ) in page
    assert "In response to" not in Client().get(make_work(filler).get_absolute_url()).content.decode()


def test_a_fill_of_an_anonymous_prompt_reads_by_anonymous_but_to_its_prompter_and_maintainers(
    meme, prompter, filler, owner
):
    prompt = _prompt(meme, prompter, title="Secret wish", anonymous=True)
    work = make_work(filler, title="Wished For")
    services.fill_prompt(prompt=prompt, work=work, user=filler)
    for client in (Client(), _client(filler), _client(UserFactory())):
        page = client.get(work.get_absolute_url()).content.decode()
        assert "prompt</a> by Anonymous in" in page and "lorelai" not in page.lower()
    for client in (_client(prompter), _client(owner)):
        assert ">lorelai_prompts</a> in" in client.get(work.get_absolute_url()).content.decode()


def test_the_prompt_is_kept_when_the_new_work_form_has_errors(meme, prompter, filler):
    prompt = _prompt(meme, prompter)
    response = _client(filler).post(reverse("works:new"), new_work_data(title="", prompt=str(prompt.pk)))
    assert f'name="prompt" value="{prompt.pk}"' in response.content.decode()
    assert not Fill.objects.exists()


def test_filling_with_one_of_the_members_works_from_the_prompt_page(meme, prompter, filler):
    prompt = _prompt(meme, prompter)
    work = make_work(filler, title="Already Written")
    make_work(prompter, title="Not Theirs")
    client = _client(filler)
    page = client.get(_prompt_url(prompt)).content.decode()
    assert "Already Written" in page and "Not Theirs" not in page  # the select offers their works only
    client.post(_prompt_url(prompt, "fill"), {"work": work.pk})
    assert list(Fill.objects.values_list("work__title", flat=True)) == ["Already Written"]
    response = client.post(_prompt_url(prompt, "fill"), {"work": work.pk})
    assert "This work already fills this prompt." in response.content.decode()
    other = Work.objects.get(title="Not Theirs")
    response = client.post(_prompt_url(prompt, "fill"), {"work": other.pk})
    assert "Choose one of your works." in response.content.decode()


def test_the_prompter_is_told_of_a_fill_once(meme, prompter, filler):
    prompt = _prompt(meme, prompter, title="Inn week")
    work = make_work(filler, title="The Dragonfly")
    _client(filler).post(_prompt_url(prompt, "fill"), {"work": work.pk})
    run_worker()
    announce_work.enqueue(work.pk)  # the work announced again (an edit, a re-run task): no second message
    run_worker()
    assert _inbox(prompter) == [
        "rory_fills filled your prompt “Inn week” in Stars Hollow Meme: The Dragonfly"
    ]
    notification = Notification.objects.get(user=prompter)
    assert (notification.kind, notification.url) == (Notification.Kind.CHALLENGE, work.get_absolute_url())
    inbox = _client(prompter).get(reverse("follows:inbox")).content.decode()
    assert "rory_fills filled your prompt “Inn week”" in inbox


def test_a_draft_fill_tells_nobody_and_shows_nowhere_until_it_is_posted(meme, prompter, filler):
    prompt = _prompt(meme, prompter, title="Inn week")
    client = _client(filler)
    client.post(reverse("works:new"), new_work_data(prompt=str(prompt.pk), action="draft"))
    run_worker()
    work = Work.objects.get(author=filler)
    assert Fill.objects.filter(prompt=prompt, work=work).exists()
    assert _inbox(prompter) == []
    for viewer in (Client(), _client(prompter)):
        page = viewer.get(_prompt_url(prompt)).content.decode()
        assert "Fills (0)" in page and "Come Away With Me" not in page
    claims = client.get(reverse("prompts:my_claims")).content.decode()
    assert "fill in progress (a draft: it fills the prompt once posted)" in claims
    client.post(reverse("works:post", args=[work.pk]))
    run_worker()
    claims = client.get(reverse("prompts:my_claims")).content.decode()
    assert " · filled</p>" in claims and "fill in progress" not in claims
    assert _inbox(prompter) == [
        "rory_fills filled your prompt “Inn week” in Stars Hollow Meme: Come Away With Me"
    ]
    assert "Come Away With Me" in Client().get(_prompt_url(prompt)).content.decode()


def test_a_fill_in_an_unrevealed_collection_is_told_at_the_reveal(meme, prompter, filler, owner):
    collection = meme.collection
    collection.is_unrevealed = True
    collection.save()
    prompt = _prompt(meme, prompter, title="Inn week")
    services.fill_prompt(prompt=prompt, work=make_work(filler, title="Hidden Fill"), user=filler)
    run_worker()
    assert _inbox(prompter) == []
    assert "Hidden Fill" not in Client().get(_prompt_url(prompt)).content.decode()
    collections.reveal_works(collection=collection, user=owner)
    run_worker()
    assert _inbox(prompter) == ["rory_fills filled your prompt “Inn week” in Stars Hollow Meme: Hidden Fill"]


# --- Anonymous prompts ---------------------------------------------------------------------------------


def test_an_anonymous_prompter_shows_to_nobody_but_themselves_and_the_maintainers(
    meme, prompter, filler, owner
):
    Pseud.objects.create(user=prompter, name="Lorelai Victoria")
    _client(prompter).post(
        reverse("prompts:new", args=[meme.collection.name]),
        {
            "title": "Secret wish",
            "description": "Someone write Kirk's film.",
            "fandoms": "Gilmore Girls",
            "anonymous": "on",
            "pseud": prompter.pseuds.get(name="Lorelai Victoria").pk,
        },
    )
    prompt = Prompt.objects.get()
    _client(prompter).post(_prompt_url(prompt, "claim"))  # a claim of their own would give them away
    _client(filler).post(reverse("works:new"), new_work_data(prompt=str(prompt.pk)))
    run_worker()
    work = Work.objects.get(author=filler)
    list_url = reverse("prompts:list", args=[meme.collection.name])
    others = {"guest": Client(), "filler": _client(filler), "member": _client(UserFactory(username="kirk"))}
    for who, client in others.items():
        pages = [
            client.get(list_url).content.decode(),
            client.get(_prompt_url(prompt)).content.decode(),
            client.get(work.get_absolute_url()).content.decode(),
            client.get(reverse("works:new") + f"?prompt={prompt.pk}").content.decode(),
            client.get(reverse("prompts:my_claims")).content.decode(),
        ]
        for page in pages:
            assert "lorelai" not in page.lower(), who
        assert "by Anonymous" in pages[0] and "by Anonymous" in pages[1]
    assert [text for text in _inbox(prompter)] == [
        "rory_fills filled your prompt “Secret wish” in Stars Hollow Meme: Come Away With Me"
    ]
    assert not any("lorelai" in text.lower() for text in Notification.objects.values_list("text", flat=True))
    for client in (_client(prompter), _client(owner)):
        assert "Lorelai Victoria (lorelai_prompts)" in client.get(_prompt_url(prompt)).content.decode()


def test_anonymous_prompts_are_refused_when_the_meme_takes_none(meme, owner, prompter):
    meme = services.set_up_prompt_meme(
        collection=meme.collection,
        user=owner,
        fields=services.PromptMemeFields(anonymous_allowed=False),
    )
    form = _client(prompter).get(reverse("prompts:new", args=[meme.collection.name])).content.decode()
    assert "Post anonymously" not in form
    with pytest.raises(Exception, match="does not take anonymous prompts"):
        _prompt(meme, prompter, anonymous=True)


def test_a_filler_in_an_anonymous_collection_is_anonymous_to_the_prompter(meme, prompter, filler):
    collection = meme.collection
    collection.is_anonymous = True
    collection.save()
    prompt = _prompt(meme, prompter, title="Inn week")
    services.fill_prompt(prompt=prompt, work=make_work(filler, title="Masked"), user=filler)
    run_worker()
    assert _inbox(prompter) == ["Anonymous filled your prompt “Inn week” in Stars Hollow Meme: Masked"]
    assert "rory_fills" not in _client(prompter).get(_prompt_url(prompt)).content.decode()


# --- The list: filters and cost ------------------------------------------------------------------------


def test_the_list_filters_by_fandom_and_by_claimed_and_filled(meme, owner, prompter, filler):
    services.set_up_prompt_meme(
        collection=meme.collection,
        user=owner,
        fields=services.PromptMemeFields(fandoms=["Gilmore Girls", "Bunheads"]),
    )
    open_one = _prompt(meme, prompter, title="Nobody yet")
    claimed = _prompt(meme, prompter, title="Someone is on it", fandoms=["Bunheads"])
    filled = _prompt(meme, prompter, title="Done and dusted")
    services.claim_prompt(prompt=claimed, user=filler)
    services.fill_prompt(prompt=filled, work=make_work(filler), user=filler)
    url = reverse("prompts:list", args=[meme.collection.name])

    def titles(**params):
        page = Client().get(url, params).content.decode()
        return [p.heading for p in (open_one, claimed, filled) if p.heading in page]

    assert titles(status="unclaimed") == ["Nobody yet"]
    assert titles(status="claimed") == ["Someone is on it"]
    assert titles(status="filled") == ["Done and dusted"]
    bunheads = claimed.tags.get(name="Bunheads").pk
    assert titles(fandom=bunheads) == ["Someone is on it"]
    assert titles(status="nonsense", fandom="x") == ["Nobody yet", "Someone is on it", "Done and dusted"]


@pytest.mark.parametrize("count", (3, 55))
def test_the_list_costs_the_same_queries_for_any_number_of_prompts(
    count, meme, prompter, filler, owner, django_assert_max_num_queries
):
    for number in range(count):
        prompt = _prompt(
            meme,
            prompter,
            title=f"Prompt {number}",
            anonymous=number % 2 == 0,
            characters=[f"Character {number % 5}"],
        )
        if number % 3 == 0:
            services.claim_prompt(prompt=prompt, user=filler)
        if number % 4 == 0:
            services.fill_prompt(prompt=prompt, work=make_work(filler), user=filler)
    url = reverse("prompts:list", args=[meme.collection.name])
    for client in (Client(), _client(filler), _client(owner)):
        with django_assert_max_num_queries(12):
            assert client.get(url, {"status": "claimed"}).status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    member = _client(filler)
    for prompt in (Prompt.objects.first(), Prompt.objects.last()):  # one unclaimed, one claimed and filled
        with django_assert_max_num_queries(20):
            assert member.get(_prompt_url(prompt)).status_code == 200
    with django_assert_max_num_queries(10):
        assert member.get(reverse("prompts:my_claims")).status_code == 200


FILL_STATES = (None, "posted", "draft")


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(made=st.lists(st.tuples(st.booleans(), st.sampled_from(FILL_STATES)), max_size=6))
def test_the_status_filters_split_the_prompts_as_each_viewer_sees_their_fills(meme, prompter, filler, made):
    works = {w.title: w for w in Work.objects.filter(author=filler)} or {
        state: make_work(filler, title=state, posted=state == "posted") for state in ("posted", "draft")
    }
    Prompt.objects.all().delete()
    prompts = [
        Prompt.objects.create(meme=meme, user=prompter, pseud=prompter.default_pseud, description="x")
        for _ in made
    ]
    Claim.objects.bulk_create(
        [
            Claim(prompt=p, user=filler, pseud=filler.default_pseud)
            for p, (claimed, _) in zip(prompts, made, strict=True)
            if claimed
        ]
    )
    Fill.objects.bulk_create(
        [
            Fill(prompt=p, work=works[state], user=filler)
            for p, (_, state) in zip(prompts, made, strict=True)
            if state
        ]
    )
    # The reference: a guest sees posted fills only; the filler also sees their own draft's.
    for viewer, seen in ((AnonymousUser(), {"posted"}), (filler, {"posted", "draft"})):
        expected = {
            Status.FILLED: {p.pk for p, (_, state) in zip(prompts, made, strict=True) if state in seen},
            Status.CLAIMED: {
                p.pk
                for p, (claimed, state) in zip(prompts, made, strict=True)
                if claimed and state not in seen
            },
            Status.UNCLAIMED: {
                p.pk
                for p, (claimed, state) in zip(prompts, made, strict=True)
                if not claimed and state not in seen
            },
        }
        for status, pks in expected.items():
            assert set(prompts_for(viewer, meme, status=status).values_list("pk", flat=True)) == pks
        counts = {p.pk: p.fill_count for p in prompts_for(viewer, meme)}
        assert counts == {p.pk: int(state in seen) for p, (_, state) in zip(prompts, made, strict=True)}


def test_my_claims_come_twenty_to_a_page(meme, prompter, filler):
    for n in range(21):
        services.claim_prompt(prompt=_prompt(meme, prompter, title=f"Inn week {n:02}"), user=filler)
    first = _client(filler).get(reverse("prompts:my_claims")).content.decode()
    second = _client(filler).get(reverse("prompts:my_claims") + "?page=2").content.decode()
    assert (first.count('<article class="claim">'), second.count('<article class="claim">')) == (20, 1)
    assert "Page 1 of 2" in first and "Inn week 00" in second  # newest first: the first claim is last
