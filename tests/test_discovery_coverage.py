"""Listing behaviour tests/test_discovery.py leaves out: every sort, language and crossover filters, search
within a tag, the facet sidebar's "more", facet counts of a search, reindexing, tag pages, odd searches."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from factories import UserFactory, make_work
from test_discovery import canonical, facet, titles

from quire.discovery.indexing import index_works
from quire.discovery.models import SearchDocument
from quire.tags import services as wrangling
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.works.enums import Rating
from quire.works.models import Work

pytestmark = pytest.mark.django_db
GG = "Gilmore Girls"
WORKS, SEARCH = reverse("discovery:works"), reverse("discovery:search")


# --- Sorting -------------------------------------------------------------------------------------------

# Four works, made in this order (so by id), and each sort's order of them: all ten orders differ, so a
# sort that fell back to another column, to the default (updated) or to the id would put them wrongly.
SORTED = {
    "title": ["Apple", "banana", "Cherry", "date"],
    "author": ["Cherry", "Apple", "date", "banana"],
    "posted": ["banana", "date", "Apple", "Cherry"],
    "updated": ["date", "Apple", "Cherry", "banana"],
    "words": ["Cherry", "date", "Apple", "banana"],
    "kudos": ["banana", "Cherry", "date", "Apple"],
    "hits": ["Apple", "date", "banana", "Cherry"],
    "comments": ["date", "banana", "Cherry", "Apple"],
    "bookmarks": ["Cherry", "banana", "date", "Apple"],
}
AUTHORS = {"Apple": "bea", "banana": "dora", "Cherry": "ada", "date": "cal"}
COUNTERS = {
    "kudos": "kudos_count",
    "hits": "hit_count",
    "comments": "review_count",
    "bookmarks": "bookmark_count",
}


@pytest.fixture
def four_works():
    def rank(sort, title):  # 4 for the first of a descending sort, 1 for the last
        return 4 - SORTED[sort].index(title)

    now = timezone.now()
    for title in SORTED["title"]:
        work = make_work(
            UserFactory(username=AUTHORS[title]),
            title=title,
            summary="A story about the sea.",
            age_days=5 - rank("posted", title),
            words_per_chapter=100 * rank("words", title),
        )
        Work.objects.filter(pk=work.pk).update(
            revised_at=now - timedelta(hours=5 - rank("updated", title)),
            **{column: rank(sort, title) for sort, column in COUNTERS.items()},
        )
    index_works(Work.objects.values_list("pk", flat=True))  # as the services would after an update


@pytest.mark.parametrize("sort", list(SORTED))
@pytest.mark.parametrize(
    ("url", "params"),
    [(WORKS, {}), (f"/tags/{GG}/works", {}), (SEARCH, {"q": "sea"})],
    ids=["works", "tag", "search"],
)
def test_every_sort_orders_the_listing(client, four_works, sort, url, params):
    assert titles(client.get(url, {**params, "sort": sort})) == SORTED[sort]
    if sort == "updated" and url != SEARCH:
        assert titles(client.get(url, params)) == SORTED["updated"]  # the default


def test_best_match_ranks_title_then_tags_then_summary_and_is_the_search_default(client):
    make_work(title="The Lighthouse", age_days=3)
    make_work(title="Tagged", tags=["Lighthouse"], age_days=2)
    make_work(title="Plain", summary="Somewhere in the story stood a lighthouse.", age_days=1)
    make_work(title="Unrelated")
    for params in ({"q": "lighthouse"}, {"q": "lighthouse", "sort": "best"}):
        assert titles(client.get(SEARCH, params)) == ["The Lighthouse", "Tagged", "Plain"]
    assert titles(client.get(SEARCH, {"q": "lighthouse", "sort": "updated"})) == [
        "Plain",
        "Tagged",
        "The Lighthouse",
    ]


# --- Filters -------------------------------------------------------------------------------------------


def test_language_filter_shows_only_works_in_that_language(client):
    make_work(title="English one", summary="The sea.")
    make_work(title="English two", summary="The sea.")
    french = make_work(title="En français", summary="The sea.")
    Work.objects.filter(pk=french.pk).update(language="fr")
    assert titles(client.get(WORKS, {"language": "fr"})) == ["En français"]
    assert sorted(titles(client.get(WORKS, {"language": "en"}))) == ["English one", "English two"]
    assert titles(client.get(SEARCH, {"q": "sea", "language": "fr"})) == ["En français"]
    assert len(titles(client.get(WORKS))) == 3


def test_crossovers_are_included_by_default(client):
    make_work(title="Crossover", fandoms=[GG, "Star Trek"])
    make_work(title="Single", fandoms=[GG])
    for params in ({}, {"crossover": ""}):
        assert sorted(titles(client.get(WORKS, params))) == ["Crossover", "Single"]
    assert 'value="" selected>Include crossovers' in client.get(WORKS).content.decode()


def test_search_within_a_tags_works_narrows_to_that_tag(client):
    make_work(title="Fluffy lighthouse", tags=["Fluff"], summary="A lighthouse.")
    make_work(title="Fluffy field", tags=["Fluff"], summary="A field.")
    make_work(title="Angsty lighthouse", tags=["Angst"], summary="A lighthouse.")
    assert sorted(titles(client.get("/tags/Fluff/works"))) == ["Fluffy field", "Fluffy lighthouse"]
    response = client.get("/tags/Fluff/works", {"q": "lighthouse"})
    assert titles(response) == ["Fluffy lighthouse"] and response.context["listing"].total == 1
    assert 'name="q" id="id_q" value="lighthouse"' in response.content.decode()


# --- Facets --------------------------------------------------------------------------------------------


def facet_sections(page: str, group_key: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]], str]:
    """The (label, count) rows shown and behind "more" in a group's Include facet, and the "more" text."""
    fieldset = re.search(rf'<fieldset class="facet {group_key}">(.*?)</fieldset>', page, re.S).group(1)
    shown, _, more = fieldset.partition("<details>")
    rows = lambda html: [  # noqa: E731
        (label, int(count))
        for label, count in re.findall(r'<label for="[^"]+">([^<]*) <span class="count">\((\d+)\)', html)
    ]
    summary = re.search(r"<summary>(.*?)</summary>", more)
    return rows(shown), rows(more), summary.group(1) if summary else ""


def test_facet_shows_ten_tags_by_count_and_the_rest_behind_more(client):
    # "Tag 12" is on all twelve works and "Tag 01" on one: by count the order is the reverse of by name.
    for number in range(1, 13):
        make_work(title=f"W{number}", tags=[f"Tag {count:02d}" for count in range(13 - number, 13)])
    shown, more, summary = facet_sections(client.get(WORKS).content.decode(), TagType.ADDITIONAL)
    assert shown == [(f"Tag {count:02d}", count) for count in range(12, 2, -1)]
    assert more == [("Tag 02", 2), ("Tag 01", 1)] and summary == "2 more additional tags"
    # A group of ten or fewer has no "more".
    assert facet_sections(client.get(WORKS).content.decode(), TagType.FANDOM)[1:] == ([], "")


def test_search_facet_counts_match_the_works_listed(client):
    tagged = {
        "Storm at sea": (["Fluff", "Angst"], Rating.GENERAL),
        "Sea glass": (["Fluff"], Rating.TEEN),
        "Seaside": (["Angst", "Hurt/Comfort"], Rating.TEEN),
        "Mountains": (["Fluff", "Hurt/Comfort", "Dry land"], Rating.MATURE),
    }
    for title, (tags, rating) in tagged.items():
        summary = "Far from the water." if title == "Mountains" else "Out on the sea."
        make_work(title=title, tags=tags, rating=rating, summary=summary)
    response = client.get(SEARCH, {"q": "sea"})
    listed = titles(response)
    assert sorted(listed) == ["Sea glass", "Seaside", "Storm at sea"]
    assert response.context["listing"].total == 3 and "1–3 of 3 works" in response.content.decode()
    assert facet(response, TagType.ADDITIONAL) == Counter(t for title in listed for t in tagged[title][0])
    assert facet(response, "rating") == Counter(str(tagged[title][1]) for title in listed)
    assert facet(response, TagType.FANDOM) == {GG: 3}
    shown, _, _ = facet_sections(response.content.decode(), TagType.ADDITIONAL)
    assert shown == [("Angst", 2), ("Fluff", 2), ("Hurt/Comfort", 1)]


# --- Index, tag pages, odd input -----------------------------------------------------------------------


def test_reindex_command_rebuilds_deleted_search_documents(client, capsys):
    make_work(title="Beacon", summary="The lighthouse keeper waited.")
    assert titles(client.get(SEARCH, {"q": "lighthouse"})) == ["Beacon"]
    SearchDocument.objects.all().delete()
    assert titles(client.get(SEARCH, {"q": "lighthouse"})) == []
    call_command("reindex")
    assert "Reindexed 1 works." in capsys.readouterr().out
    response = client.get(SEARCH, {"q": "lighthouse"})
    assert titles(response) == ["Beacon"] and "<mark>lighthouse</mark>" in response.content.decode()


def test_canonical_tag_page_lists_its_synonyms_and_parents(client):
    ship = canonical("Jess Mariano/Rory Gilmore", TagType.RELATIONSHIP)
    make_work(title="Ship", relationships=["Jess Mariano/Rory Gilmore", "Rory/Jess", "Literati"])
    for name in ("Literati", "Rory/Jess"):
        wrangling.make_synonym(tag=Tag.objects.get(name=name), canonical=ship)
    wrangling.add_parent(tag=ship, parent=canonical(GG, TagType.FANDOM))
    page = client.get("/tags/Jess Mariano*s*Rory Gilmore").content.decode()
    section = lambda heading: re.search(rf"<h2>{heading}</h2>\s*<ul[^>]*>(.*?)</ul>", page, re.S).group(1)  # noqa: E731
    assert "It is canonical" in page and "1 work in Jess Mariano/Rory Gilmore" in page
    assert re.findall(r'class="tag"[^>]*>([^<]+)</a>', section("Synonyms")) == ["Literati", "Rory/Jess"]
    assert re.findall(r'class="tag"[^>]*>([^<]+)</a>', section("Parent tags")) == [GG]
    assert "(fandom)" in section("Parent tags")


EMPTY_SEARCH_NOTICE = "Type some words to search for; the search box ignored what it could not read."


@pytest.mark.parametrize("query", ['"unbalanced', "-", "OR", "AND"])
def test_malformed_search_lists_the_matches_or_says_what_happened(client, query):
    make_work(title="Tipping", summary="An unbalanced canoe, and a wet writer.")
    make_work(title="Dry", summary="A desert.")
    response = client.get(SEARCH, {"q": query})
    page, notices = response.content.decode(), response.context["listing"].notices
    # "-" and "OR" search for nothing: every work is listed, under a notice saying the input was ignored.
    assert titles(response) == ["Tipping"] or (notices and all(escape(n) in page for n in notices)), notices
    if query in ("-", "OR"):
        assert EMPTY_SEARCH_NOTICE in page


def test_a_search_of_only_common_words_says_why_it_finds_nothing(client):
    make_work(title="Tipping", summary="The canoe and the writer.")
    response = client.get(SEARCH, {"q": "the and"})
    if connection.vendor == "postgresql":  # its english configuration drops such words everywhere
        assert titles(response) == []
        assert "Words as common as these are left out of searches" in response.content.decode()
    else:
        assert titles(response) == ["Tipping"]
