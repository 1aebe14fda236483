"""Nothing lost: a retried post makes one object, a new allowlist re-cleans what is stored, and the
database is set up to survive concurrent writers."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from factories import make_work
from test_posting import new_work_data

from quire.core import text
from quire.feedback.models import Bookmark, Review
from quire.feedback.services import post_review, save_bookmark
from quire.series.models import Series
from quire.series.services import SeriesFields, create_series
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db


def _token(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([0-9a-f]+)"', page).group(1)


def test_new_work_form_posted_twice_makes_one_work(writer_client):
    token = _token(writer_client.get(reverse("works:new")).content.decode(), "chapter-token")
    first = writer_client.post(reverse("works:new"), new_work_data(**{"chapter-token": token}))
    again = writer_client.post(reverse("works:new"), new_work_data(**{"chapter-token": token}))
    assert Work.objects.count() == 1 and Chapter.objects.count() == 1
    assert first["Location"] == again["Location"] == Work.objects.get().get_absolute_url()
    # A new form is a new work.
    writer_client.post(reverse("works:new"), new_work_data(title="Second"))
    assert Work.objects.count() == 2


def test_new_chapter_form_posted_twice_makes_one_chapter(writer_client, writer):
    work = make_work(author=writer)
    url = reverse("works:chapter_new", args=[work.pk])
    token = _token(writer_client.get(url).content.decode(), "token")
    data = {"body": "Chapter two.", "text_format": "plain", "action": "post", "token": token}
    first = writer_client.post(url, data)
    again = writer_client.post(url, data)
    assert work.chapters.count() == 2 and first["Location"] == again["Location"]
    work.refresh_from_db()
    assert work.chapter_count == 2


def test_review_posted_twice_makes_one_review(client):
    chapter = make_work().chapters.get()
    page = client.get(chapter.work.get_absolute_url()).content.decode()
    token = _token(page, "token")
    data = {"body": "Again and again", "guest_name": "Guest", "token": token}
    url = reverse("feedback:review_create", args=[chapter.work_id, chapter.pk])
    assert client.post(url, data)["Location"] == client.post(url, data)["Location"]
    assert Review.objects.count() == 1


def test_bookmark_saved_twice_is_one_bookmark(client, reader):
    work = make_work()
    client.force_login(reader)
    for _ in range(2):
        client.post(reverse("feedback:bookmark", args=[work.pk]), {"note": "Rec!", "rec": "on"})
    assert Bookmark.objects.get().note == "Rec!"
    work.refresh_from_db()
    assert work.bookmark_count == 1


def test_autosaved_form_gets_a_fresh_token(writer_client):
    writer_client.post(
        reverse("works:autosave", args=["new-work"]), {"title": "Half typed", "chapter-token": "old"}
    )
    page = writer_client.get(reverse("works:new")).content.decode()
    assert "Half typed" in page and _token(page, "chapter-token") != "old"


# --- Sanitizer versions -----------------------------------------------------------------------------------


def test_new_allowlist_re_cleans_every_stored_text(monkeypatch, reader):
    work = make_work(summary="Summary <b>bold</b>")
    chapter = work.chapters.get()
    Chapter.objects.filter(pk=chapter.pk).update(body="<p>Hi <em>there</em> friend</p>", text_format="html")
    review = post_review(chapter=chapter, user=reader, body="Nice")
    save_bookmark(user=reader, work=work, note="Keep")
    series = create_series(
        creator=work.author, fields=SeriesFields(title="S", summary="A <b>bold</b> series")
    )
    Work.objects.filter(pk=work.pk).update(text_format="html")
    # As though stored by an older, looser allowlist:
    Chapter.objects.filter(pk=chapter.pk).update(body_html="<p>Hi <em>there</em><script>x()</script></p>")
    before = Chapter.objects.get(pk=chapter.pk)

    monkeypatch.setattr(text, "ALLOWED_TAGS", text.ALLOWED_TAGS - {"em", "b"})
    monkeypatch.setattr(text, "SANITIZER_VERSION", text.SANITIZER_VERSION + 1)
    call_command("resanitize", stdout=(out := io.StringIO()))

    chapter = Chapter.objects.get(pk=chapter.pk)
    assert chapter.body_html == "<p>Hi there friend</p>"
    assert (
        chapter.word_count == 3
        and chapter.version == before.version
        and chapter.updated_at == before.updated_at
    )
    assert Work.objects.get(pk=work.pk).summary_html == "<p>Summary bold</p>"
    assert Work.objects.get(pk=work.pk).word_count == 3  # the work page agrees with its recounted chapter
    assert Review.objects.get(pk=review.pk).sanitizer_version == text.SANITIZER_VERSION
    assert Bookmark.objects.get().sanitizer_version == text.SANITIZER_VERSION
    assert Series.objects.get(pk=series.pk).summary_html == "<p>A bold series</p>"
    assert "Re-cleaned 5 stored texts" in out.getvalue()
    call_command("resanitize", stdout=(out := io.StringIO()))
    assert "everything was already current" in out.getvalue()


def test_worker_queues_the_re_cleaning():
    from quire.core.management.commands.worker import PERIODIC

    assert any(path == "quire.core.tasks.resanitize_stored_html" for _, path in PERIODIC)
    from quire.core.tasks import resanitize_stored_html

    assert resanitize_stored_html.call() == 0


# --- The database ---------------------------------------------------------------------------------------


def test_database_is_set_up_for_concurrent_writers():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            timeout = cursor.fetchone()[0]
        # The test database may be in memory, where WAL does not apply; the file database uses it.
        assert mode in {"wal", "memory"} and timeout >= 5000
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:
        assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
