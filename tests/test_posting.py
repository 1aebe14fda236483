"""Writers posting, editing and ordering works and chapters through the real forms."""

import pytest
from django.urls import reverse
from factories import make_work

from quire.tags.models import Tag
from quire.works.models import Autosave, Chapter, Work

pytestmark = pytest.mark.django_db


def new_work_data(**overrides):
    data = {
        "title": "Come Away With Me",
        "rating": "teen",
        "warnings": ["none_apply"],
        "categories": ["fm"],
        "fandoms": "Gilmore Girls",
        "relationships": "Jess Mariano/Rory Gilmore",
        "characters": "Rory Gilmore, Jess Mariano",
        "additional_tags": "Canon Divergence, Road Trips",
        "summary": "What if Rory had said yes?",
        "notes": "For my beta.",
        "end_notes": "",
        "language": "en",
        "expected_chapters": "",
        "text_format": "plain",
        "review_policy": "everyone",
        "chapter-title": "The Road",
        "chapter-summary": "",
        "chapter-notes": "",
        "chapter-body": "“Come away with me…” he said.\n\nShe said yes — finally.",
        "chapter-end_notes": "",
        "action": "post",
    }
    data.update(overrides)
    return data


def test_post_new_work_with_full_metadata(writer_client, writer):
    response = writer_client.post(reverse("works:new"), new_work_data())
    work = Work.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/works/{work.pk}"
    assert work.posted_at is not None and work.author == writer and work.pseud.name == "writer"
    assert [t.name for t in work.fandoms] == ["Gilmore Girls"]
    assert [t.name for t in work.characters] == ["Rory Gilmore", "Jess Mariano"]
    assert [w.value for w in work.warnings] == ["none_apply"]
    assert work.chapters_display == "1/?"
    assert work.word_count == 10
    chapter = work.chapters.get()
    assert chapter.body_html == "<p>“Come away with me…” he said.</p>\n<p>She said yes — finally.</p>"


def test_tags_are_shared_rows_matched_ignoring_case(writer_client):
    writer_client.post(reverse("works:new"), new_work_data())
    writer_client.post(reverse("works:new"), new_work_data(fandoms="gilmore girls", title="Second"))
    assert Tag.objects.filter(name__iexact="gilmore girls").count() == 1
    assert Tag.objects.get(name="Gilmore Girls").works.count() == 2


def test_tag_of_another_type_is_refused_with_message_and_input_kept(writer_client):
    writer_client.post(reverse("works:new"), new_work_data())
    response = writer_client.post(
        reverse("works:new"), new_work_data(fandoms="Rory Gilmore", title="Keep me")
    )
    page = response.content.decode()
    assert "“Rory Gilmore” is already a character tag" in page
    assert 'value="Keep me"' in page and "She said yes — finally." in page
    assert Work.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fandoms", "", "This field is required"),
        ("title", "", "This field is required"),
        ("warnings", [], "Choose at least one archive warning"),
        ("rating", "", "This field is required"),
        ("summary", "x" * 1251, "at most 1250 characters"),
        ("notes", "x" * 5001, "at most 5000 characters"),
        ("chapter-body", "", "The chapter needs some text"),
        ("chapter-body", "x" * 510_001, "A chapter can have at most 510,000 characters"),
        ("warnings", ["none_apply", "violence"], "cannot be chosen together"),
        ("additional_tags", "bad, tag*name", "contains a character tags cannot have"),
    ],
)
def test_invalid_work_is_refused_with_a_clear_message_and_nothing_lost(writer_client, field, value, message):
    response = writer_client.post(
        reverse("works:new"), new_work_data(**{field: value, "title": "Mine" if field != "title" else ""})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "She said yes — finally." in page or field == "chapter-body"
    assert Work.objects.count() == 0


def test_too_many_tags_refused(writer_client):
    tags = ", ".join(f"Tag {n}" for n in range(80))
    response = writer_client.post(reverse("works:new"), new_work_data(additional_tags=tags))
    assert "A work can have at most 75 tags" in response.content.decode()


def test_draft_then_preview_then_post(writer_client, client):
    writer_client.post(reverse("works:new"), new_work_data(action="draft"))
    work = Work.objects.get()
    assert work.is_draft
    preview = writer_client.get(work.get_absolute_url()).content.decode()
    assert "This is a draft." in preview and "She said yes" in preview
    writer_client.post(reverse("works:post", args=[work.pk]))
    work.refresh_from_db()
    assert not work.is_draft and work.chapters.get().is_posted


def test_markdown_and_rich_text_formats(writer_client):
    writer_client.post(
        reverse("works:new"),
        new_work_data(text_format="markdown", **{"chapter-body": "She *ran*.\n\n> a quote"}),
    )
    assert (
        Chapter.objects.get().body_html
        == "<p>She <em>ran</em>.</p>\n<blockquote>\n<p>a quote</p>\n</blockquote>"
    )


def test_add_chapters_and_expected_count_makes_work_complete(writer_client):
    work = make_work(author=writer_client_user(writer_client), expected_chapters=2)
    assert not work.is_complete
    writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"title": "Two", "body": "The end.", "text_format": "plain", "action": "post"},
    )
    work.refresh_from_db()
    assert work.chapters_display == "2/2" and work.is_complete


def test_a_chapter_past_the_expected_count_raises_it_so_every_surface_agrees(writer_client, client):
    """A complete 2/2 work given a third chapter was "Chapters: 3/2" with "Completed" on the page and
    `complete: true` in the API, while FanFicFare read it as in progress. Now it is 3/3 everywhere, and the
    writer is told how to mark it in progress."""
    work = make_work(author=writer_client_user(writer_client), chapters=2, expected_chapters=2)
    response = writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"title": "Epilogue", "body": "Years later.", "text_format": "plain", "action": "post"},
        follow=True,
    )
    assert "The work expected 2 chapters and is now 3/3, still complete" in response.content.decode()
    work.refresh_from_db()
    assert (work.expected_chapters, work.chapters_display, work.is_complete) == (3, "3/3", True)
    page = client.get(f"/works/{work.pk}").content.decode()
    assert '<dd class="chapters">3/3</dd>' in page
    api = client.get(f"/api/v1/works/{work.pk}").json()
    assert (api["chapters"], api["expected_chapters"], api["complete"]) == (3, 3, True)


def test_a_work_in_progress_stays_in_progress_when_a_chapter_is_added(writer_client):
    work = make_work(author=writer_client_user(writer_client), chapters=2, expected_chapters=5)
    writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"title": "Three", "body": "More.", "text_format": "plain", "action": "post"},
    )
    work.refresh_from_db()
    assert work.chapters_display == "3/5" and not work.is_complete


def writer_client_user(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_unposted_chapter_does_not_count_until_posted(writer_client):
    work = make_work(author=writer_client_user(writer_client))
    writer_client.post(
        reverse("works:chapter_new", args=[work.pk]),
        {"body": "Later.", "text_format": "plain", "action": "draft"},
    )
    work.refresh_from_db()
    assert work.chapter_count == 1
    draft = work.chapters.get(position=2)
    writer_client.post(reverse("works:chapter_post", args=[work.pk, draft.pk]))
    work.refresh_from_db()
    assert work.chapter_count == 2


def test_edit_chapter_saves_and_bumps_version(writer_client):
    work = make_work(author=writer_client_user(writer_client))
    chapter = work.chapters.get()
    response = writer_client.post(
        reverse("works:chapter_edit", args=[work.pk, chapter.pk]),
        {
            "title": "New",
            "body": "Rewritten text here.",
            "text_format": "plain",
            "version": chapter.version,
            "action": "save",
        },
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.body == "Rewritten text here." and chapter.version == 2
    work.refresh_from_db()
    assert work.word_count == 3


def test_second_tab_cannot_silently_overwrite(writer_client):
    work = make_work(author=writer_client_user(writer_client))
    chapter = work.chapters.get()
    url = reverse("works:chapter_edit", args=[work.pk, chapter.pk])
    first = {"body": "Tab one's words.", "text_format": "plain", "version": 1, "action": "save"}
    second = {"body": "Tab two's words.", "text_format": "plain", "version": 1, "action": "save"}
    writer_client.post(url, first)
    response = writer_client.post(url, second)
    page = response.content.decode()
    chapter.refresh_from_db()
    assert response.status_code == 409
    assert chapter.body == "Tab one's words."
    assert "This chapter changed since you opened it" in page
    assert "Tab one&#x27;s words." in page and "Tab two&#x27;s words." in page
    # Saving again from the conflict page is a deliberate choice and goes through.
    writer_client.post(url, {**second, "version": 2})
    chapter.refresh_from_db()
    assert chapter.body == "Tab two's words."


def test_reorder_chapters_without_javascript(writer_client):
    work = make_work(author=writer_client_user(writer_client), chapters=3)
    one, two, three = work.chapters.order_by("position")
    writer_client.post(
        reverse("works:chapters_manage", args=[work.pk]),
        {f"position-{one.pk}": 3, f"position-{two.pk}": 1, f"position-{three.pk}": 2},
    )
    assert list(work.chapters.order_by("position").values_list("title", flat=True)) == [
        "Part 2",
        "Part 3",
        "One",
    ]


def test_reorder_refuses_duplicate_positions(writer_client):
    work = make_work(author=writer_client_user(writer_client), chapters=2)
    one, two = work.chapters.order_by("position")
    response = writer_client.post(
        reverse("works:chapters_manage", args=[work.pk]), {f"position-{one.pk}": 1, f"position-{two.pk}": 1}
    )
    assert "Use each number from 1 to 2 exactly once" in response.content.decode()


def test_delete_chapter_renumbers_and_last_chapter_is_kept(writer_client):
    work = make_work(author=writer_client_user(writer_client), chapters=2)
    one, two = work.chapters.order_by("position")
    writer_client.post(reverse("works:chapter_delete", args=[work.pk, one.pk]))
    two.refresh_from_db()
    assert two.position == 1
    writer_client.post(reverse("works:chapter_delete", args=[work.pk, two.pk]))
    assert work.chapters.count() == 1
    work.refresh_from_db()
    assert work.word_count == two.word_count


def test_delete_work(writer_client):
    work = make_work(author=writer_client_user(writer_client))
    writer_client.post(reverse("works:delete", args=[work.pk]))
    assert not Work.objects.filter(pk=work.pk).exists()


def test_edit_work_metadata_keeps_tags_in_order(writer_client):
    work = make_work(author=writer_client_user(writer_client), characters=["A", "B"])
    data = new_work_data(characters="B, C", title="Renamed")
    data = {k: v for k, v in data.items() if not k.startswith("chapter-") and k != "action"}
    writer_client.post(reverse("works:edit", args=[work.pk]), data)
    work = Work.objects.for_listing().get(pk=work.pk)
    assert work.title == "Renamed"
    assert {t.name for t in work.characters} == {"B", "C"}


def test_expected_chapters_cannot_drop_below_posted(writer_client):
    work = make_work(author=writer_client_user(writer_client), chapters=3)
    data = {k: v for k, v in new_work_data(expected_chapters="2").items() if not k.startswith("chapter-")}
    response = writer_client.post(reverse("works:edit", args=[work.pk]), data)
    assert "already has 3 posted chapters" in response.content.decode()


def test_other_users_cannot_edit(client, reader):
    work = make_work()
    client.force_login(reader)
    assert client.get(reverse("works:edit", args=[work.pk])).status_code == 404
    assert client.post(reverse("works:delete", args=[work.pk])).status_code == 404
    assert Work.objects.filter(pk=work.pk).exists()


def test_autosave_restores_typing_after_closed_tab(writer_client, writer):
    work = make_work(author=writer)
    chapter = work.chapters.get()
    key = f"chapter-{chapter.pk}"
    response = writer_client.post(
        reverse("works:autosave", args=[key]),
        {"body": "Half a sentence I must not lose", "text_format": "plain", "version": 1},
    )
    assert response.status_code == 200 and "Autosaved at" in response.content.decode()
    page = writer_client.get(reverse("works:chapter_edit", args=[work.pk, chapter.pk])).content.decode()
    assert "Half a sentence I must not lose" in page and "Restored what you were typing" in page
    writer_client.post(reverse("works:autosave_discard", args=[key]), {"next": "https://evil.example/"})
    assert not Autosave.objects.filter(user=writer).exists()


def test_autosave_for_new_work_form(writer_client):
    writer_client.post(reverse("works:autosave", args=["new-work"]), new_work_data(title="Unfinished idea"))
    page = writer_client.get(reverse("works:new")).content.decode()
    assert 'value="Unfinished idea"' in page
    writer_client.post(reverse("works:new"), new_work_data())
    assert not Autosave.objects.exists()


def test_autosave_refuses_someone_elses_chapter(client, reader):
    work = make_work()
    client.force_login(reader)
    response = client.post(
        reverse("works:autosave", args=[f"chapter-{work.chapters.get().pk}"]), {"body": "x"}
    )
    assert response.status_code == 404
