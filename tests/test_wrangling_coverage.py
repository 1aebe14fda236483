"""Wrangling through the pages: bulk parents, autocomplete scoped by fandom, and new tags writers type."""

import pytest
from django.urls import reverse
from factories import UserFactory, make_work
from test_posting import new_work_data

from quire.tags import services as wrangling
from quire.tags.enums import TagType
from quire.tags.models import Tag, TagParent
from quire.works.models import Work

pytestmark = pytest.mark.django_db


def canonical(name, tag_type, *, parent=None):
    tag = wrangling.make_canonical(tag=Tag.for_name(name, tag_type))
    if parent is not None:
        wrangling.add_parent(tag=tag, parent=parent)
    return tag


def found(client, tag_name):
    response = client.get(reverse("discovery:works"), {"tag": tag_name})
    return sorted(w.title for w in response.context["page"].object_list)


def parent_names(name):
    return sorted(Tag.objects.get(name=name).parents.values_list("name", flat=True))


@pytest.fixture
def gilmore():
    fandom = canonical("Gilmore Girls", TagType.FANDOM)
    make_work(title="Diner", characters=["Luke Danes", "Lorelai Gilmore"], tags=["Coffee Shop AU"])
    make_work(title="Chilton", characters=["Paris Geller"], tags=["College AU"])
    make_work(title="Cozy", tags=["Fluff"])
    return fandom


def bulk_url(tag_type):
    return reverse("wrangling:tags", args=["Gilmore Girls", tag_type])


def ids(*names):
    return [Tag.objects.get(name=name).pk for name in names]


def test_bulk_parent_files_the_selected_characters_under_the_fandom(client, wrangler, gilmore):
    response = client.post(
        bulk_url("character"),
        {"tags": ids("Luke Danes", "Paris Geller"), "action": "parent", "target": "gilmore girls"},
        follow=True,
    )
    assert "Wrangled 2 tags." in response.content.decode()
    assert parent_names("Luke Danes") == parent_names("Paris Geller") == ["Gilmore Girls"]
    assert parent_names("Lorelai Gilmore") == []
    fandom_page = client.get(reverse("tags:detail", args=["Gilmore Girls"])).content.decode()
    assert "Tags in this fandom" in fandom_page
    assert "Luke Danes" in fandom_page and "Paris Geller" in fandom_page
    assert "Lorelai Gilmore" not in fandom_page
    character_page = client.get(reverse("tags:detail", args=["Luke Danes"])).content.decode()
    assert (
        "Parent tags" in character_page
        and 'Gilmore Girls</a> <span class="tag-type">(fandom)' in character_page
    )


def test_bulk_parent_under_a_meta_tag_makes_the_meta_tag_find_the_sub_tags_works(client, wrangler, gilmore):
    canonical("Alternate Universe", TagType.ADDITIONAL)
    assert found(client, "Alternate Universe") == []
    response = client.post(
        bulk_url("additional"),
        {"tags": ids("Coffee Shop AU", "College AU"), "action": "parent", "target": "Alternate Universe"},
    )
    assert response.status_code == 302
    assert parent_names("Coffee Shop AU") == parent_names("College AU") == ["Alternate Universe"]
    assert found(client, "Alternate Universe") == ["Chilton", "Diner"]
    listing = client.get(reverse("discovery:works"), {"tag": "Alternate Universe"}).content.decode()
    assert 'Alternate Universe <span class="count">(2)</span>' in listing


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_bulk_parent_is_refused_to_non_wranglers(client, gilmore, who):
    if who == "reader":
        client.force_login(UserFactory())
    response = client.post(
        bulk_url("character"),
        {"tags": ids("Luke Danes"), "action": "parent", "target": "Gilmore Girls"},
    )
    assert response.status_code == 403
    assert not TagParent.objects.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("Nobody Here", "Name an existing tag to put under (fandom, media or meta tag)."),
        ("Lorelai Gilmore", "“Lorelai Gilmore” must be canonical to be a parent."),
        ("Gilmore Women", "cannot sit under a character tag."),  # the character is fine, the AU tag is not
    ],
)
def test_bulk_parent_errors_are_explained_and_change_nothing(client, wrangler, gilmore, target, message):
    canonical("Gilmore Women", TagType.CHARACTER)
    response = client.post(
        bulk_url("character"),
        {"tags": ids("Luke Danes", "Coffee Shop AU"), "action": "parent", "target": target},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TagParent.objects.exists()
    assert found(client, "Gilmore Women") == []


FIELDS = {"relationship": "relationships", "character": "characters", "additional": "additional_tags"}


def autocomplete(client, tag_type, typed, fandoms=None):
    params = {"type": tag_type, FIELDS[tag_type]: typed}
    if fandoms is not None:
        params["fandoms"] = fandoms
    response = client.get(reverse("tags:autocomplete"), params)
    return response.content.decode().strip()


def test_autocomplete_scopes_relationships_to_the_fandoms_entered(client):
    gilmore = canonical("Gilmore Girls", TagType.FANDOM)
    who = canonical("Doctor Who", TagType.FANDOM)
    canonical("Jess Mariano/Rory Gilmore", TagType.RELATIONSHIP, parent=gilmore)
    canonical("Rory Williams/Amy Pond", TagType.RELATIONSHIP, parent=who)
    assert autocomplete(client, "relationship", "Ror", fandoms="gilmore girls") == (
        '<option value="Jess Mariano/Rory Gilmore"></option>'
    )
    assert autocomplete(client, "relationship", "Literati, Ror", fandoms="Doctor Who") == (
        '<option value="Literati, Rory Williams/Amy Pond"></option>'
    )
    both = autocomplete(client, "relationship", "Ror", fandoms="Gilmore Girls, Doctor Who")
    assert "Jess Mariano/Rory Gilmore" in both and "Rory Williams/Amy Pond" in both


def test_autocomplete_offers_canonical_tags_first_and_unwrangled_ones_as_such(client):
    gilmore = canonical("Gilmore Girls", TagType.FANDOM)
    canonical("Jess Mariano/Rory Gilmore", TagType.RELATIONSHIP, parent=gilmore)
    make_work(relationships=["Rory Gilmore/Logan Huntzberger"], tags=["Rory Is Tired"])
    wrangling.add_parent(tag=Tag.objects.get(name="Rory Gilmore/Logan Huntzberger"), parent=gilmore)
    # A tag works in the fandom use, not wrangled yet, comes after the canonical ones and says so (#19).
    assert autocomplete(client, "relationship", "Rory", fandoms="Gilmore Girls") == (
        '<option value="Jess Mariano/Rory Gilmore"></option>'
        '<option value="Rory Gilmore/Logan Huntzberger"'
        ' label="Rory Gilmore/Logan Huntzberger (in use, not wrangled yet)"></option>'
    )
    assert autocomplete(client, "additional", "Rory") == ""
    canonical("Rory Is Tired", TagType.ADDITIONAL)
    assert autocomplete(client, "additional", "Rory") == '<option value="Rory Is Tired"></option>'


def test_a_writer_can_post_tags_autocomplete_never_suggested(client, writer, wrangler, gilmore):
    client.force_login(writer)
    canonical("Jess Mariano/Rory Gilmore", TagType.RELATIONSHIP, parent=gilmore)
    assert autocomplete(client, "relationship", "Lorelai", fandoms="Gilmore Girls") == ""
    assert autocomplete(client, "additional", "Stars Hollow") == ""
    data = new_work_data(
        title="Town Meeting",
        rating="general",
        categories=[],
        relationships="Lorelai Gilmore/Luke Danes",
        characters="",
        additional_tags="Stars Hollow Town Meetings",
        summary="",
        notes="",
        **{"chapter-title": "", "chapter-body": "Taylor called a meeting about the gazebo."},
    )
    response = client.post(reverse("works:new"), data)
    assert response.status_code == 302
    work = Work.objects.get(title="Town Meeting")
    assert [t.name for t in work.relationships] == ["Lorelai Gilmore/Luke Danes"]
    assert [t.name for t in work.additional_tags] == ["Stars Hollow Town Meetings"]
    work_page = client.get(response["Location"]).content.decode()
    assert (
        '<a class="tag" href="/tags/Lorelai%20Gilmore*s*Luke%20Danes/works">Lorelai Gilmore/Luke Danes</a>'
        in (work_page)
    )
    assert (
        '<a class="tag" href="/tags/Stars%20Hollow%20Town%20Meetings/works">Stars Hollow Town Meetings</a>'
        in (work_page)
    )
    client.force_login(wrangler)
    assert "Lorelai Gilmore/Luke Danes" in client.get(bulk_url("relationship")).content.decode()
    additional = client.get(bulk_url("additional")).content.decode()
    assert "Stars Hollow Town Meetings" in additional and "Coffee Shop AU" in additional
    home = client.get(reverse("wrangling:home")).content.decode()
    assert '/wrangling/Gilmore%20Girls/relationship">1</a>' in home
