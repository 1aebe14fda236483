"""Chinese, Japanese and Korean are found inside runs written without spaces (issue #20), the same way on
SQLite and PostgreSQL (quire.discovery.cjk)."""

import importlib
import random

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from factories import make_work
from test_discovery import titles

from quire.discovery import cjk
from quire.discovery.search_syntax import MAX_CJK_CHARS, parse
from quire.works import services
from quire.works.enums import TextFormat

pytestmark = pytest.mark.django_db
API = "/api/v1"
CJK_CUT_NOTICE = "Searches read at most 32 Chinese, Japanese or Korean characters; the rest were left out."


def search(client, query, **params):
    return client.get(reverse("discovery:search"), {"q": query, **params})


def write(work, body):
    chapter = work.chapters.get()
    services.update_chapter(
        chapter=chapter,
        user=work.author,
        fields=services.ChapterFields(body=body, text_format=TextFormat.PLAIN),
        base_version=chapter.version,
    )


@pytest.mark.parametrize("query", ["狼", "狼の", "の夢", "夢", "狼の夢"])
def test_a_japanese_word_is_found_inside_its_title(client, query):
    make_work(title="狼の夢")
    make_work(title="月の光")
    assert titles(search(client, query)) == ["狼の夢"]


def test_a_character_both_titles_share_finds_both(client):
    make_work(title="狼の夢", age_days=1)
    make_work(title="月の光")
    assert titles(search(client, "の", sort="updated")) == ["月の光", "狼の夢"]


def test_chinese_and_korean_are_found_in_the_text_summary_and_tags(client):
    chinese = make_work(title="Snow")
    write(chinese, "他看着窗外，雪还在下。")
    make_work(title="Seoul", summary="우리는 서울에서 만났다.")
    make_work(title="Tagged", tags=["进击的巨人"])
    make_work(title="Nothing", summary="Snow in Seoul.")
    assert titles(search(client, "窗外")) == ["Snow"]
    assert titles(search(client, "서울")) == ["Seoul"]  # a noun with its particle (서울에서) is found
    assert titles(search(client, "巨人")) == ["Tagged"]


def test_latin_and_cjk_written_together_are_each_found(client):
    make_work(title="Rory狼の夢")
    make_work(title="Rory alone")
    assert titles(search(client, "狼")) == ["Rory狼の夢"]
    assert titles(search(client, "Rory狼")) == ["Rory狼の夢"]
    assert set(titles(search(client, "rory"))) == {"Rory狼の夢", "Rory alone"}


def test_or_and_exclusions_work_on_cjk(client):
    make_work(title="狼の夢")
    make_work(title="月の光")
    make_work(title="Diner")
    assert set(titles(search(client, "狼 OR 月"))) == {"狼の夢", "月の光"}
    assert titles(search(client, "の -狼の夢")) == ["月の光"]
    assert set(titles(search(client, "-狼"))) == {"月の光", "Diner"}


def test_an_edited_text_is_found_by_its_new_words_only(client):
    work = make_work(title="Edited")
    write(work, "狼の夢を見た。")
    write(work, "月の光が差した。")
    assert titles(search(client, "狼")) == []
    assert titles(search(client, "光")) == ["Edited"]
    services.delete_work(work=work, user=work.author)
    assert titles(search(client, "光")) == []


def test_the_snippet_marks_the_cjk_word_found(client):
    work = make_work(title="Long")
    write(work, "雪が降っていた。" * 40 + "彼は狼の夢を見た。" + "雪が降っていた。" * 40)
    body = client.get(f"{API}/works/search", {"q": "狼の夢"}).json()
    assert [w["title"] for w in body["results"]] == ["Long"]
    snippet = body["results"][0]["snippet_html"]
    assert "<mark>狼の夢</mark>" in snippet and snippet.startswith("… ")


def test_a_500_character_cjk_search_reads_its_first_characters_and_says_so(client):
    make_work(title="狼の夢を見た")
    query = "狼の夢を見た" + "".join(chr(0x4E00 + i * 7) for i in range(494))
    parsed = parse(query)
    assert sum(cjk.count(t.text) for g in parsed.groups for t in g) == MAX_CJK_CHARS
    response = search(client, query)
    assert response.status_code == 200
    assert CJK_CUT_NOTICE in response.content.decode()
    assert titles(search(client, "狼の夢を見た" + "狼" * 494)) == []  # 狼狼 is not in the title


def test_every_part_of_random_cjk_titles_finds_the_titles_holding_its_pairs(client):
    """The rule both databases follow: a run of one character finds the titles holding it, a longer run the
    titles holding each of its pairs."""
    rng = random.Random(20)
    alphabet = "狼の夢月光を見서울"
    names = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(12)}
    for name in names:
        make_work(title=name)
    for _ in range(40):
        name = rng.choice(sorted(names))
        start = rng.randrange(len(name))
        query = name[start : start + rng.randint(1, 4)]
        expected = {title for title in names if all(lexeme in title for lexeme in cjk.lexemes(query))}
        assert set(titles(search(client, query, sort="updated"))) == expected, query


@pytest.mark.django_db(transaction=True)  # SQLite changes its triggers outside a transaction
def test_the_migration_indexes_documents_written_before_it(client):
    migration = importlib.import_module("quire.discovery.migrations.0005_cjk_search")
    make_work(title="狼の夢")
    make_work(title="Diner")
    with connection.schema_editor() as editor:
        migration.backward(apps, editor)
    assert titles(search(client, "狼")) == []  # the old index: the run is one word
    assert titles(search(client, "diner")) == ["Diner"]
    with connection.schema_editor() as editor:
        migration.forward(apps, editor)
    assert titles(search(client, "狼")) == ["狼の夢"]
    assert titles(search(client, "diner")) == ["Diner"]
    make_work(title="狼と月")  # indexed by the triggers or the indexer as they now are
    assert set(titles(search(client, "狼"))) == {"狼の夢", "狼と月"}


def test_a_text_keeps_its_first_distinct_characters_and_pairs_within_the_budget(monkeypatch):
    # PostgreSQL refuses a document whose distinct words take over 1 MB: random Han text has a new pair at
    # every character, so past the budget the index leaves new ones out, the first met kept.
    monkeypatch.setattr(cjk, "MAX_LEXEME_BYTES", 3_000)
    rng = random.Random(1)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(2_000))
    indexed = cjk.index_text(text)
    kept = set(indexed.split())
    assert len("".join(kept).encode()) <= 3_000
    assert {text[0], text[:2]} <= kept and text[-2:] not in kept
    assert cjk.index_text(text) == indexed  # FTS5 removes a document by the words it indexed
