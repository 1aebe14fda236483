"""Searches cost a bounded time whatever is typed (issue #17): snippets, the word cap, synonym expansion,
and the search page's methods and uploads. On SQLite and PostgreSQL."""

import random
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse
from factories import make_work

from quire.discovery import search
from quire.discovery.search_syntax import ParsedQuery, Term
from quire.tags import services as wrangling
from quire.tags.enums import TagType
from quire.tags.models import Tag
from quire.works import services
from quire.works.enums import TextFormat

pytestmark = pytest.mark.django_db
API = "/api/v1"
CUT_NOTICE = "Searches use at most 12 words; the rest were left out."
# A guest request's budget on the 2-core machine the issue measured on (server time, generous here).
GUEST_BUDGET_SECONDS = 1.0


def long_text(words: int) -> str:
    """Prose-like text in which most words start with "a", as a prefix search's worst case."""
    rng = random.Random(17)
    vocabulary = [f"a{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(400)] + [
        "the",
        "said",
        "rory",
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def long_work(title="Long", words=40_000):
    work = make_work(title=title)
    services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(body=long_text(words), text_format=TextFormat.PLAIN),
        post=True,
    )
    return work


def timed(call):
    """Seconds `call` took. The first request of a test loads templates and routes, so warm up first."""
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


# --- Snippets ---------------------------------------------------------------------------------------


def test_many_prefix_terms_on_a_long_work_answer_within_the_budget(client):
    long_work()
    client.get(f"{API}/works/search", {"q": "rory"})  # warm-up
    response, seconds = timed(lambda: client.get(f"{API}/works/search", {"q": " ".join(["a*"] * 8)}))
    assert response.status_code == 200
    assert [w["title"] for w in response.json()["results"]] == ["Long"]
    assert "<mark>" in response.json()["results"][0]["snippet_html"]
    assert seconds < GUEST_BUDGET_SECONDS


def test_snippet_marks_every_searched_word_and_escapes_the_text(client):
    work = make_work(title="Marked")
    body = "Before <b>bold</b> & after, Rory's coffee cooled while Luke said nothing. " * 3
    services.add_chapter(
        work=work,
        user=work.author,
        fields=services.ChapterFields(body=body, text_format=TextFormat.PLAIN),
        post=True,
    )
    snippet = client.get(f"{API}/works/search", {"q": "coffee luke bol*"}).json()["results"][0][
        "snippet_html"
    ]
    assert "<mark>coffee</mark>" in snippet and "<mark>Luke</mark>" in snippet
    assert "<mark>bold</mark>" in snippet and "&lt;b&gt;" in snippet and "&amp;" in snippet
    assert "<b>" not in snippet


# --- The word cap -----------------------------------------------------------------------------------

THIRTEEN_WORDS = "rory lorelai luke jess dean paris lane sookie kirk taylor emily richard michel"


def test_a_search_of_more_than_12_words_is_cut_and_says_so_keeping_the_query(client):
    make_work(title="Stars Hollow", summary=THIRTEEN_WORDS)
    response = client.get(reverse("discovery:search"), {"q": THIRTEEN_WORDS})
    page = response.content.decode()
    assert CUT_NOTICE in page
    assert f'value="{THIRTEEN_WORDS}"' in page  # the words typed stay in the box
    assert [w.title for w in response.context["listing"].page.object_list] == ["Stars Hollow"]


def test_twelve_words_are_not_cut(client):
    twelve = THIRTEEN_WORDS.rsplit(" ", 1)[0]
    page = client.get(reverse("discovery:search"), {"q": twelve}).content.decode()
    assert CUT_NOTICE not in page


def test_search_within_results_and_the_api_say_the_search_was_cut(client):
    make_work(title="Tagged", tags=["Fluff"], summary=THIRTEEN_WORDS)
    page = client.get(reverse("discovery:works"), {"q": THIRTEEN_WORDS}).content.decode()
    assert CUT_NOTICE in page and f'value="{THIRTEEN_WORDS}"' in page
    body = client.get(f"{API}/works/search", {"q": THIRTEEN_WORDS}).json()
    assert CUT_NOTICE in body["notices"]
    assert [w["title"] for w in body["results"]] == ["Tagged"]


# --- Synonym expansion ------------------------------------------------------------------------------


@pytest.fixture
def rory_synonym():
    canonical = Tag.for_name("Rory Gilmore", TagType.CHARACTER)
    wrangling.make_canonical(tag=canonical)
    make_work(title="Named", characters=["Rory Gilmore"])
    make_work(title="Nicknamed", characters=["Rory"])
    wrangling.make_synonym(tag=Tag.objects.get(name="Rory"), canonical=canonical)


def test_many_copies_of_a_synonym_answer_within_the_budget(client, rory_synonym):
    client.get(reverse("discovery:search"), {"q": "rory"})  # warm-up
    response, seconds = timed(lambda: client.get(reverse("discovery:search"), {"q": " ".join(["Rory"] * 20)}))
    assert sorted(w.title for w in response.context["listing"].page.object_list) == ["Named", "Nicknamed"]
    assert seconds < GUEST_BUDGET_SECONDS


def test_synonym_expansion_costs_only_the_groups_it_keeps(rory_synonym):
    # Built by hand past the parser's cap, so the expansion itself is what is measured.
    parsed = ParsedQuery(groups=((Term("Rory"),) * 18,))
    tracemalloc.start()
    try:
        (expanded, seconds) = timed(lambda: search.expand_synonyms(parsed))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(expanded.groups) == search.MAX_EXPANDED_GROUPS
    assert expanded.groups[0] == parsed.groups[0]  # the words as typed come first
    assert peak < 2_000_000
    assert seconds < GUEST_BUDGET_SECONDS


# --- Methods and uploads ----------------------------------------------------------------------------

spooled: list[str] = []


class RecordingUploadHandler(TemporaryFileUploadHandler):
    """Django's own handler for large files, noting each temporary file it is asked to write."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        spooled.append(self.file.temporary_file_path())


def test_search_answers_get_and_head_but_not_post(client):
    assert client.get(reverse("discovery:search"), {"q": "rory"}).status_code == 200
    assert client.head(reverse("discovery:search"), {"q": "rory"}).status_code == 200
    assert client.post(reverse("discovery:search"), {"q": "rory"}).status_code == 405


def test_head_requests_count_towards_the_search_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "searches": "3/15m"}
    for _ in range(3):
        assert client.head(reverse("discovery:search"), {"q": "rory"}).status_code == 200
    assert client.get(reverse("discovery:search"), {"q": "rory"}).status_code == 429


def test_a_file_posted_to_search_is_refused_before_it_is_written_anywhere(settings, tmp_path):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    spooled.clear()
    upload = SimpleUploadedFile("big.txt", b"x" * 3_000_000)
    # As an attacker posts it: with no CSRF token, which the CSRF check reads the body to look for.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("discovery:search"), {"q": "rory", "file": upload})
    assert response.status_code == 415
    assert "This page takes no files" in response.content.decode()
    assert spooled == [] and list(tmp_path.iterdir()) == []


def test_the_pages_that_take_files_still_take_them(writer_client, settings):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    spooled.clear()
    upload = SimpleUploadedFile("chapter.txt", b"It was a dark and stormy night. " * 100_000)
    response = writer_client.post(reverse("works:new"), {"import": "1", "file": upload})
    assert response.status_code == 200
    assert len(spooled) == 1
