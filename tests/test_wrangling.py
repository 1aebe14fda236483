"""Wranglers' pages and writers' tag suggestions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from factories import UserFactory, make_work

from quire.tags import services as wrangling
from quire.tags.enums import TagType
from quire.tags.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def gilmore():
    fandom = Tag.for_name("Gilmore Girls", TagType.FANDOM)
    wrangling.make_canonical(tag=fandom)
    rory = Tag.for_name("Rory Gilmore", TagType.CHARACTER)
    wrangling.make_canonical(tag=rory)
    wrangling.add_parent(tag=rory, parent=fandom)
    make_work(title="Typo", characters=["rory gilmore.", "Paris Geller"])
    return fandom


def test_wrangling_needs_the_permission(client):
    client.force_login(UserFactory())
    assert client.get(reverse("wrangling:home")).status_code == 403


def test_home_counts_unwrangled_tags_per_fandom(client, wrangler, gilmore):
    page = client.get(reverse("wrangling:home")).content.decode()
    assert "Gilmore Girls" in page
    assert '/wrangling/Gilmore%20Girls/character">2</a>' in page


def test_fandom_page_suggests_synonyms_and_bulk_merges(client, wrangler, gilmore):
    url = reverse("wrangling:tags", args=["Gilmore Girls", "character"])
    response = client.get(url)
    page = response.content.decode()
    assert "rory gilmore." in page and "Paris Geller" in page
    typo = Tag.objects.get(name="rory gilmore.")
    assert [
        s.canonical
        for s in next(t for t in response.context["page"].object_list if t.pk == typo.pk).suggestions
    ] == ["Rory Gilmore"]
    client.post(url, {"tags": [typo.pk], "action": "synonym", "target": "Rory Gilmore"})
    typo.refresh_from_db()
    assert typo.merger.name == "Rory Gilmore"
    # The work is now found by the canonical character.
    assert "Typo" in client.get("/tags/Rory Gilmore/works").content.decode()


def test_make_canonical_in_a_fandom_files_the_character_under_it(client, wrangler, gilmore):
    paris = Tag.objects.get(name="Paris Geller")
    client.post(
        reverse("wrangling:tags", args=["Gilmore Girls", "character"]),
        {"tags": [paris.pk], "action": "canonical"},
    )
    paris.refresh_from_db()
    assert paris.canonical and list(paris.parents.values_list("name", flat=True)) == ["Gilmore Girls"]


def test_bulk_action_errors_are_explained(client, wrangler, gilmore):
    paris = Tag.objects.get(name="Paris Geller")
    url = reverse("wrangling:tags", args=["Gilmore Girls", "character"])
    page = client.post(url, {"tags": [paris.pk], "action": "synonym", "target": "Nobody"}).content.decode()
    assert "Name an existing tag" in page
    page = client.post(
        url, {"tags": [paris.pk], "action": "synonym", "target": "Gilmore Girls"}
    ).content.decode()
    assert "a synonym must be of the same type" in page
    assert not Tag.objects.get(pk=paris.pk).merger_id


def test_meta_tag_loops_are_refused(gilmore):
    meta = Tag.for_name("Gilmore Girls & Related", TagType.FANDOM)
    wrangling.make_canonical(tag=meta)
    wrangling.add_parent(tag=gilmore, parent=meta)
    with pytest.raises(Exception, match="loop"):
        wrangling.add_parent(tag=meta, parent=gilmore)


def test_autocomplete_offers_canonical_characters_of_the_fandoms_entered(client, gilmore):
    other = Tag.for_name("Rory Williams", TagType.CHARACTER)
    wrangling.make_canonical(tag=other)
    response = client.get(
        reverse("tags:autocomplete"),
        {"type": "character", "characters": "Luke Danes, Ror", "fandoms": "Gilmore Girls"},
    )
    assert response.content.decode().strip() == '<option value="Luke Danes, Rory Gilmore"></option>'
    unscoped = client.get(
        reverse("tags:autocomplete"), {"type": "character", "characters": "Ror"}
    ).content.decode()
    assert "Rory Williams" in unscoped and "Rory Gilmore" in unscoped


def test_autocomplete_ignores_short_or_odd_input(client, gilmore):
    assert (
        client.get(reverse("tags:autocomplete"), {"type": "character", "characters": "R"})
        .content.decode()
        .strip()
        == ""
    )
    assert client.get(reverse("tags:autocomplete"), {"type": "bogus"}).status_code == 200


def test_a_synonym_brings_its_meta_tag_to_the_canonical_tags_own_works(client):
    """Merging "AU" (under the meta tag "Alternate Universe") into "Alternate Universe - Other" files the
    canonical tag's own works under the meta tag as well, for filters and facets alike."""
    meta = Tag.for_name("Alternate Universe", TagType.ADDITIONAL)
    wrangling.make_canonical(tag=meta)
    nickname = Tag.for_name("AU", TagType.ADDITIONAL)
    wrangling.make_canonical(tag=nickname)
    wrangling.add_parent(tag=nickname, parent=meta)
    canonical = Tag.for_name("Alternate Universe - Other", TagType.ADDITIONAL)
    wrangling.make_canonical(tag=canonical)
    make_work(title="Tagged AU", tags=["AU"])
    make_work(title="Tagged canonically", tags=["Alternate Universe - Other"])
    make_work(title="Unrelated", tags=["Fluff"])
    wrangling.make_synonym(tag=nickname, canonical=canonical)

    response = client.get(reverse("discovery:works"), {"tag": "Alternate Universe"})
    assert sorted(w.title for w in response.context["page"].object_list) == [
        "Tagged AU",
        "Tagged canonically",
    ]
    assert 'Alternate Universe <span class="count">(2)</span>' in response.content.decode()


def test_deleting_a_tag_in_the_admin_refiles_its_works(client):
    from quire.accounts.models import User

    canonical = Tag.for_name("Jess Mariano/Rory Gilmore", TagType.RELATIONSHIP)
    wrangling.make_canonical(tag=canonical)
    make_work(title="Nicknamed", relationships=["Literati"])
    make_work(title="Canonical", relationships=["Jess Mariano/Rory Gilmore"])
    wrangling.make_synonym(tag=Tag.objects.get(name="Literati"), canonical=canonical)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw-for-admin-1"))
    nickname = Tag.objects.get(name="Literati")
    client.post(reverse("admin:tags_tag_delete", args=[nickname.pk]), {"post": "yes"})
    assert not Tag.objects.filter(name="Literati").exists()

    response = client.get(reverse("discovery:works"), {"tag": "Jess Mariano/Rory Gilmore"})
    assert [w.title for w in response.context["page"].object_list] == ["Canonical"]
    assert 'Jess Mariano/Rory Gilmore <span class="count">(1)</span>' in response.content.decode()


def test_type_mismatch_messages_name_each_type_with_its_article():
    assert [tag_type.described for tag_type in TagType] == [
        "a fandom tag",
        "a relationship tag",
        "a character tag",
        "an additional tag",
        "a media tag",
    ]
    au = Tag.for_name("Coffee Shop AU", TagType.ADDITIONAL)
    rory = Tag.for_name("Rory Gilmore", TagType.CHARACTER)
    wrangling.make_canonical(tag=rory)
    with pytest.raises(ValidationError) as refused:
        wrangling.add_parent(tag=au, parent=rory)
    assert refused.value.messages == ["An additional tag cannot sit under a character tag."]


def test_a_wrangler_files_a_fandom_under_a_medium(client, wrangler, gilmore):
    home = client.get(reverse("wrangling:home")).content.decode()
    assert (
        reverse("wrangling:fandoms_without_media") in home and "1 canonical fandom without a medium" in home
    )
    page = client.get(reverse("wrangling:fandoms_without_media")).content.decode()
    assert "Gilmore Girls" in page
    tv = Tag.objects.get(name="TV Shows")
    refused = client.post(reverse("wrangling:fandoms_without_media"), {"fandom": gilmore.pk}, follow=True)
    assert "Choose a medium for “Gilmore Girls”." in refused.content.decode()
    done = client.post(
        reverse("wrangling:fandoms_without_media"), {"fandom": gilmore.pk, "medium": tv.pk}, follow=True
    )
    assert "Filed “Gilmore Girls” under TV Shows." in done.content.decode()
    assert gilmore.parent_links.filter(parent=tv).exists()
    assert "Gilmore Girls" not in client.get(reverse("wrangling:fandoms_without_media")).content.decode()


def test_filing_fandoms_needs_the_permission(client, gilmore):
    client.force_login(UserFactory())
    assert client.get(reverse("wrangling:fandoms_without_media")).status_code == 403
    tv = Tag.objects.get(name="TV Shows")
    response = client.post(
        reverse("wrangling:fandoms_without_media"), {"fandom": gilmore.pk, "medium": tv.pk}
    )
    assert response.status_code == 403 and not gilmore.parent_links.exists()


def test_autocomplete_also_offers_tags_in_use_in_the_fandoms_entered(client, gilmore):
    make_work(title="Other fandom", fandoms=["Veronica Mars"], characters=["Paris Hilton"])
    make_work(title="A draft", characters=["Paris Secret"], posted=False)
    page = client.get(
        reverse("tags:autocomplete"), {"type": "character", "characters": "Par", "fandoms": "Gilmore Girls"}
    ).content.decode()
    assert '<option value="Paris Geller" label="Paris Geller (in use, not wrangled yet)"></option>' in page
    assert "Paris Hilton" not in page and "Paris Secret" not in page  # another fandom; a draft's tag
    assert (
        "rory gilmore."
        not in client.get(
            reverse("tags:autocomplete"),
            {"type": "character", "characters": "Ror", "fandoms": "Gilmore Girls"},
        ).content.decode()
    )
