"""What the search page does with what readers type: long queries, exclusions alone, ranking by field."""

import pytest
from django.urls import reverse
from factories import make_work
from test_discovery import titles

from quire.works import services

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("discovery:search"), {"q": query, **params})


def test_a_search_longer_than_the_limit_is_shortened_not_dropped(client):
    make_work(title="The Lighthouse")
    make_work(title="Harbour")
    response = search(client, "lighthouse " * 60)  # 660 characters
    assert titles(response) == ["The Lighthouse"]
    page = response.content.decode()
    assert "Searches are limited to 500 characters; yours was shortened." in page
    assert f"<h1>Search results for “{('lighthouse ' * 8)[:79]}…”</h1>" in page  # the results stay in sight


def test_a_search_of_5000_characters_finds_nothing_instead_of_everything(client):
    make_work(title="The Lighthouse")
    response = search(client, "x" * 5000)
    assert response.status_code == 200
    assert titles(response) == []
    assert "No works found" in response.content.decode()


def test_a_title_match_ranks_above_a_short_work_mentioning_the_word(client):
    # A long text must not dilute a title match: SQLite's bm25 divides by the length of the whole row.
    long_one = make_work(title="The Lighthouse")
    services.add_chapter(
        work=long_one,
        user=long_one.author,
        fields=services.ChapterFields(body="The tea went cold. " * 1500),
        post=True,
    )
    make_work(title="Drabble", summary="A lighthouse.")
    for number in range(5):
        make_work(title=f"Filler {number}")
    assert titles(search(client, "lighthouse")) == ["The Lighthouse", "Drabble"]


def test_a_search_of_exclusions_alone_lists_every_work_without_them(client):
    make_work(title="Paris at Chilton", summary="Paris runs the paper.")
    make_work(title="Logan's yacht", summary="Logan buys a boat.")
    make_work(title="Diner", summary="Coffee at Luke's.")
    response = search(client, "-paris -logan")
    assert titles(response) == ["Diner"]
    assert "Showing works that do not mention “paris” or “logan”." in response.content.decode()


def test_search_within_a_tag_can_leave_out_a_word(client):
    make_work(title="Yale years", summary="Logan again.", fandoms=["Gilmore Girls"])
    make_work(title="Stars Hollow", summary="The town meeting.", fandoms=["Gilmore Girls"])
    make_work(title="Elsewhere", summary="The town meeting.", fandoms=["Veronica Mars"])
    response = client.get(reverse("tags:works", args=["Gilmore Girls"]), {"q": "-logan"})
    assert titles(response) == ["Stars Hollow"]


def test_words_in_a_chapters_notes_find_the_work(client):
    work = make_work(title="Come Away With Me")
    chapter = work.chapters.get()
    services.update_chapter(
        chapter=chapter,
        user=work.author,
        fields=services.ChapterFields(
            body=chapter.body, notes="So this idea hit me on a road trip.", end_notes="Thanks, diner crowd."
        ),
        base_version=chapter.version,
    )
    make_work(title="Elsewhere")
    assert titles(search(client, "road trip")) == ["Come Away With Me"]
    assert titles(search(client, "diner")) == ["Come Away With Me"]


def test_an_empty_result_says_what_to_try(client):
    make_work(title="The Lighthouse")
    page = search(client, "submarine").content.decode()
    assert "No works found" in page and "fewer or other words" in page and "removing a filter" in page
