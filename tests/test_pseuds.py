"""Pseuds (issue #21): members make, rename and delete the names they write under, choose one for each work,
series, review and bookmark (the forms and the API), move works between them, and a pseud's page lists its
works and public bookmarks as the viewer may see them."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from test_posting import new_work_data

from quire.accounts import services
from quire.accounts.models import Pseud
from quire.api.services import create_token
from quire.creators.models import Creatorship
from quire.creators.services import credit_creator
from quire.feedback.models import Bookmark, Review
from quire.feedback.services import post_review, save_bookmark
from quire.gifts.models import Gift
from quire.gifts.services import set_gifts
from quire.moderation import services as moderation
from quire.moderation.models import Mute
from quire.series.models import Series
from quire.series.services import SeriesFields, create_series
from quire.sitepages.selectors import site_index
from quire.sitepages.services import agree_to_terms
from quire.works.models import Work

pytestmark = pytest.mark.django_db


def _pseud_page(pseud) -> str:
    return reverse("accounts:pseud", args=[pseud.user.username, pseud.name])


def _lead_credit(work) -> Creatorship:
    return Creatorship.objects.get(work=work, user=work.author)


@pytest.fixture
def second(writer):
    return services.create_pseud(user=writer, name="Night Owl", description="Where the vampire fic lives.")


# --- Making, renaming and deleting ----------------------------------------------------------------------


def test_a_member_creates_a_pseud_and_it_has_its_own_page(writer_client, writer, client):
    response = writer_client.post(
        reverse("accounts:pseud_new"), {"name": "  Night   Owl ", "description": "Vampire fic."}
    )
    assert response.status_code == 302
    pseud = writer.pseuds.get(is_default=False)
    assert pseud.name == "Night Owl"
    listing = writer_client.get(reverse("accounts:pseuds")).content.decode()
    assert "Night Owl" in listing and "(default)" in listing
    page = client.get(_pseud_page(pseud)).content.decode()
    assert "Night Owl (writer)" in page and "Vampire fic." in page


@pytest.mark.parametrize(
    "name, message",
    [
        ("Night/Owl", "letters, digits, spaces, underscores and hyphens only"),
        ("x" * 41, "at most 40 characters"),
        ("---", "at least one letter or digit"),
        ("WRITER", "You already have a pseud named"),
        ("", "This field is required"),
    ],
)
def test_a_pseud_name_breaking_the_rules_is_refused_with_what_was_typed_kept(
    writer_client, writer, name, message
):
    response = writer_client.post(
        reverse("accounts:pseud_new"), {"name": name, "description": "Kept, every word."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Kept, every word." in page
    assert writer.pseuds.count() == 1


def test_names_are_unique_per_member_ignoring_case_but_two_members_may_share_one(writer, reader):
    services.create_pseud(user=writer, name="Night Owl")
    with pytest.raises(ValidationError):
        services.create_pseud(user=writer, name="night owl")
    assert services.create_pseud(user=reader, name="Night Owl").name == "Night Owl"
    assert services.create_pseud(user=writer, name="Ünïcode_Name-2").name == "Ünïcode_Name-2"


def test_the_default_pseud_can_be_renamed_but_not_deleted(writer_client, writer):
    default = writer.default_pseud
    response = writer_client.post(
        reverse("accounts:pseud_edit", args=[default.pk]), {"name": "Writes At Night", "description": ""}
    )
    assert response.status_code == 302
    default.refresh_from_db()
    assert default.name == "Writes At Night" and default.is_default
    response = writer_client.post(reverse("accounts:pseud_delete", args=[default.pk]), follow=True)
    assert "The default pseud cannot be deleted" in response.content.decode()
    assert Pseud.objects.filter(pk=default.pk).exists()
    with pytest.raises(ValidationError):
        services.delete_pseud(pseud=default, user=writer)


def test_a_member_chooses_which_pseud_is_the_default(writer_client, writer, second):
    old = writer.default_pseud
    response = writer_client.post(
        reverse("accounts:pseud_edit", args=[second.pk]),
        {"name": "Night Owl", "description": "", "make_default": "on"},
    )
    assert response.status_code == 302
    assert writer.default_pseud == second
    old.refresh_from_db()
    assert not old.is_default
    # A new work goes under the new default.
    assert make_work(writer).pseud == second


def test_deleting_a_pseud_asks_first_then_moves_everything_to_the_default(
    writer_client, writer, second, reader
):
    works = [make_work(writer, title=f"Owl {n}") for n in range(2)]
    for work in works:
        services.move_works(user=writer, work_ids=[work.pk], source=writer.default_pseud, target=second)
    series = create_series(creator=writer, fields=SeriesFields(title="Owl Saga", pseud_id=second.pk))
    other = make_work(reader, title="Someone else's")
    review = post_review(chapter=other.chapters.get(), user=writer, body="Lovely.", pseud=second)
    bookmark = save_bookmark(user=writer, work=other, pseud=second)

    confirm = writer_client.get(reverse("accounts:pseud_delete", args=[second.pk])).content.decode()
    assert "2 works will move" in confirm and "“writer”" in confirm
    assert Pseud.objects.filter(pk=second.pk).exists()

    response = writer_client.post(reverse("accounts:pseud_delete", args=[second.pk]), follow=True)
    assert "its 2 works moved to “writer”" in response.content.decode()
    default = writer.default_pseud
    assert not Pseud.objects.filter(pk=second.pk).exists()
    for work in works:
        work.refresh_from_db()
        assert work.pseud == default and _lead_credit(work).pseud == default
        page = Client().get(work.get_absolute_url()).content.decode()
        assert f'href="{_pseud_page(default)}">writer</a>' in page and "Night Owl" not in page
    assert Creatorship.objects.get(series=series).pseud == default
    assert Review.objects.get(pk=review.pk).pseud == default
    assert Bookmark.objects.get(pk=bookmark.pk).pseud == default


def test_another_members_pseud_cannot_be_edited_or_deleted(client, writer, second, reader):
    client.force_login(reader)
    assert client.get(reverse("accounts:pseud_edit", args=[second.pk])).status_code == 404
    assert client.post(reverse("accounts:pseud_delete", args=[second.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.delete_pseud(pseud=second, user=reader)
    assert Pseud.objects.filter(pk=second.pk).exists()


def test_a_suspended_member_cannot_make_change_or_delete_pseuds(client, writer, second):
    writer.suspended_until = timezone.now() + timedelta(days=3)
    writer.save(update_fields=["suspended_until"])
    client.force_login(writer)
    for url in (
        reverse("accounts:pseud_new"),
        reverse("accounts:pseud_edit", args=[second.pk]),
        reverse("accounts:pseud_delete", args=[second.pk]),
        reverse("accounts:pseud_move", args=[second.pk]),
    ):
        response = client.post(url, {"name": "Sneaky"})
        assert response.status_code == 403 and "suspended" in response.content.decode(), url
    for attempt in (
        lambda: services.create_pseud(user=writer, name="Sneaky"),
        lambda: services.update_pseud(pseud=second, user=writer, name="Sneaky", description=""),
        lambda: services.delete_pseud(pseud=second, user=writer),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert sorted(writer.pseuds.values_list("name", flat=True)) == ["Night Owl", "writer"]


# --- Choosing the pseud --------------------------------------------------------------------------------


def test_the_pseud_select_shows_only_for_a_member_with_several_pseuds(writer_client, writer):
    assert 'name="pseud"' not in writer_client.get(reverse("works:new")).content.decode()
    services.create_pseud(user=writer, name="Night Owl")
    page = writer_client.get(reverse("works:new")).content.decode()
    assert "Creator/Pseud" in page and 'name="pseud"' in page


def test_posting_a_work_under_a_second_pseud_credits_it_and_shows_it_in_the_byline(
    writer_client, writer, second, client
):
    response = writer_client.post(reverse("works:new"), new_work_data(pseud=second.pk))
    work = Work.objects.get(title="Come Away With Me")
    assert response.status_code == 302
    assert work.pseud == second and _lead_credit(work).pseud == second
    page = client.get(work.get_absolute_url()).content.decode()
    assert f'href="{_pseud_page(second).replace(" ", "%20")}">Night Owl (writer)</a>' in page


def test_editing_a_work_moves_it_to_another_pseud_credit_and_byline_together(writer_client, writer, second):
    work = make_work(writer, title="Come Away With Me")
    edit = writer_client.get(reverse("works:edit", args=[work.pk])).content.decode()
    assert f'<option value="{writer.default_pseud.pk}" selected>' in edit
    data = {k: v for k, v in new_work_data(pseud=second.pk).items() if not k.startswith("chapter-")}
    response = writer_client.post(reverse("works:edit", args=[work.pk]), data)
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.pseud == second and _lead_credit(work).pseud == second


def test_someone_elses_pseud_is_refused_on_the_form_with_the_work_kept(writer_client, writer, second, reader):
    services.create_pseud(user=reader, name="Thief")
    response = writer_client.post(
        reverse("works:new"), new_work_data(pseud=reader.default_pseud.pk, title="Keep this title")
    )
    page = response.content.decode()
    assert "Choose one of your pseuds." in page and "Keep this title" in page
    assert not Work.objects.exists()


def test_the_api_posts_a_work_under_a_named_pseud(client, writer, second):
    token = create_token(user=writer, name="script")[1]
    payload = {
        "title": "Exit Ramps",
        "rating": "teen",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore Girls"],
        "chapter": {"title": "Start", "body": "<p>North.</p>"},
        "post": True,
        "pseud": "night owl",
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.post("/api/v1/works", payload, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    assert response.json()["author"] == {"username": "writer", "pseud": "Night Owl"}
    work = Work.objects.get(pk=response.json()["id"])
    assert _lead_credit(work).pseud == second
    refused = client.post(
        "/api/v1/works", {**payload, "pseud": "Nobody"}, content_type="application/json", **headers
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "pseud", "message": "You have no pseud named “Nobody”."}]
    assert Work.objects.count() == 1


def test_a_review_is_signed_with_the_chosen_pseud(client, writer, second, reader):
    work = make_work(reader, title="Their Work")
    chapter = work.chapters.get()
    client.force_login(writer)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Creator/Pseud" in page
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Loved it.", "token": "t1", "pseud": second.pk},
    )
    review = Review.objects.get()
    assert review.pseud == second
    page = Client().get(work.get_absolute_url()).content.decode()
    assert f'href="{_pseud_page(second).replace(" ", "%20")}">Night Owl (writer)</a>' in page
    # A reply chooses its pseud too.
    assert f'id="reply-pseud-{review.pk}"' in client.get(work.get_absolute_url()).content.decode()
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "And again.", "token": "t2", "parent": review.pk, "pseud": second.pk},
    )
    assert Review.objects.get(parent=review).pseud == second
    # Without a choice, a member signs with their default pseud.
    other = post_review(chapter=chapter, user=writer, body="Again.")
    assert other.pseud == writer.default_pseud


def test_a_bookmark_is_listed_under_the_chosen_pseud(client, writer, second, reader):
    work = make_work(reader, title="Bookmarked Story")
    client.force_login(writer)
    client.post(reverse("feedback:bookmark", args=[work.pk]), {"note": "Yes.", "pseud": second.pk})
    assert Bookmark.objects.get().pseud == second
    assert "Bookmarked Story" in Client().get(_pseud_page(second)).content.decode()
    assert "Bookmarked Story" not in Client().get(_pseud_page(writer.default_pseud)).content.decode()
    form = client.get(reverse("feedback:bookmark", args=[work.pk])).content.decode()
    assert f'<option value="{second.pk}" selected>' in form
    # Saving again without a pseud keeps the one it has.
    save_bookmark(user=writer, work=work, note="Still yes.")
    assert Bookmark.objects.get().pseud == second


def test_a_series_is_credited_to_the_chosen_pseud(writer_client, writer, second, client):
    response = writer_client.post(reverse("series:new"), {"title": "Owl Saga", "pseud": second.pk})
    series = Series.objects.get()
    assert response.status_code == 302
    assert Creatorship.objects.get(series=series).pseud == second
    assert "Night Owl (writer)" in client.get(series.get_absolute_url()).content.decode()
    writer_client.post(
        reverse("series:edit", args=[series.pk]), {"title": "Owl Saga", "pseud": writer.default_pseud.pk}
    )
    assert Creatorship.objects.get(series=series).pseud == writer.default_pseud


# --- Moving works ----------------------------------------------------------------------------------------


def test_a_member_moves_ticked_works_to_another_pseud(writer_client, writer, second, client):
    keep, move, draft = (
        make_work(writer, title="Stays"),
        make_work(writer, title="Moves"),
        make_work(writer, title="Draft Moves", posted=False),
    )
    default = writer.default_pseud
    page = writer_client.get(reverse("accounts:pseud_move", args=[default.pk])).content.decode()
    assert "Stays" in page and "Draft Moves" in page
    response = writer_client.post(
        reverse("accounts:pseud_move", args=[default.pk]),
        {"works": [move.pk, draft.pk], "target": second.pk},
        follow=True,
    )
    assert "Moved 2 works from “writer” to “Night Owl”" in response.content.decode()
    for work, pseud in ((keep, default), (move, second), (draft, second)):
        work.refresh_from_db()
        assert work.pseud == pseud and _lead_credit(work).pseud == pseud, work.title
    on_page = client.get(_pseud_page(second)).content.decode()
    assert "Moves" in on_page and "Stays" not in on_page


def test_moving_needs_a_target_and_a_ticked_work_and_keeps_the_ticks(writer_client, writer, second):
    work = make_work(writer, title="Moves")
    url = reverse("accounts:pseud_move", args=[writer.default_pseud.pk])
    response = writer_client.post(url, {"target": second.pk})
    assert response.status_code == 400 and "Tick at least one work" in response.content.decode()
    response = writer_client.post(url, {"works": [work.pk], "target": "9999"})
    page = response.content.decode()
    assert "Choose the pseud to move the works to." in page and "checked" in page


def test_another_members_works_cannot_be_moved(writer, second, reader):
    theirs = make_work(reader, title="Not Yours")
    moved = services.move_works(user=writer, work_ids=[theirs.pk], source=writer.default_pseud, target=second)
    assert moved == 0
    theirs.refresh_from_db()
    assert theirs.pseud == reader.default_pseud
    with pytest.raises(PermissionDenied):
        services.move_works(user=reader, work_ids=[theirs.pk], source=reader.default_pseud, target=second)


def test_a_suspended_member_cannot_move_works(writer, second):
    work = make_work(writer)
    writer.suspended_until = timezone.now() + timedelta(days=1)
    writer.save(update_fields=["suspended_until"])
    with pytest.raises(PermissionDenied):
        services.move_works(user=writer, work_ids=[work.pk], source=writer.default_pseud, target=second)


# --- The pseud's page -------------------------------------------------------------------------------


def test_the_pseud_page_lists_co_created_works_but_not_pending_invitations(client, writer, second, reader):
    theirs = make_work(reader, title="Written Together")
    credit_creator(theirs, second)
    invited = make_work(reader, title="Only Invited")
    Creatorship.objects.create(work=invited, user=writer, pseud=second, accepted_at=None)
    page = client.get(_pseud_page(second)).content.decode()
    assert "Written Together" in page and "Only Invited" not in page


def test_the_pseud_page_shows_only_what_the_viewer_may_see(client, writer, reader):
    author = UserFactory(username="author")
    public = make_work(author, title="Public Tale")
    restricted = make_work(author, title="Members Tale", restricted=True)
    draft = make_work(author, title="Draft Tale", posted=False)
    for work, private in ((public, False), (restricted, False)):
        save_bookmark(user=reader, work=work, private=private)
    secret = make_work(author, title="Secret Favourite")
    save_bookmark(user=reader, work=secret, private=True)
    author_page = _pseud_page(author.default_pseud)
    bookmarks_page = _pseud_page(reader.default_pseud)

    guest = client.get(author_page).content.decode()
    assert "Public Tale" in guest and "Members Tale" not in guest and "Draft Tale" not in guest
    guest_bookmarks = client.get(bookmarks_page).content.decode()
    assert "Public Tale" in guest_bookmarks and "Members Tale" not in guest_bookmarks
    assert "Secret Favourite" not in guest_bookmarks

    client.force_login(writer)
    member = client.get(bookmarks_page).content.decode()
    assert "Members Tale" in member and "Secret Favourite" not in member
    # The draft is its writer's alone; even its writer's own pseud page shows private bookmarks to no one.
    client.force_login(author)
    assert "Draft Tale" in client.get(author_page).content.decode()
    client.force_login(reader)
    assert "Secret Favourite" not in client.get(bookmarks_page).content.decode()
    assert draft.pk


def test_bookmarks_of_a_muted_writers_work_leave_the_pseud_page_but_their_own_works_stay(
    client, writer, reader
):
    muted = UserFactory(username="loud")
    loud = make_work(muted, title="Loud Story")
    save_bookmark(user=reader, work=loud)
    moderation.toggle(Mute, user=writer, other=muted, on=True)
    client.force_login(writer)
    assert "Loud Story" not in client.get(_pseud_page(reader.default_pseud)).content.decode()
    assert "Loud Story" in client.get(_pseud_page(muted.default_pseud)).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pseud_pages_query_count_does_not_grow_with_their_length(client, writer, reader):
    def add(n):
        work = make_work(writer, title=f"Work {n}", tags=(f"Tag {n}",))
        save_bookmark(user=reader, work=make_work(UserFactory(), title=f"Fav {n}"), note="Good.")
        return work

    add(0)
    pages = [_pseud_page(writer.default_pseud), _pseud_page(reader.default_pseud)]
    pages.append(reverse("accounts:pseud_bookmarks", args=["reader", "reader"]))
    before = [_queries(client, url) for url in pages]
    for n in range(1, 6):
        add(n)
    after = [_queries(client, url) for url in pages]
    assert after == before
    assert "Fav 5" in client.get(pages[2]).content.decode()


def test_the_demo_has_a_member_writing_under_a_second_pseud(client):
    call_command("demo", "--if-empty", stdout=io.StringIO())
    second = Pseud.objects.get(name="Flat White Bennet")
    assert second.user.pseuds.count() == 2 and not second.is_default
    work = Work.objects.get(title="Adequate")
    assert work.pseud == second and _lead_credit(work).pseud == second
    page = client.get(_pseud_page(second)).content.decode()
    assert "Adequate" not in page  # restricted: members only
    reader = UserFactory(username="demo_reader")
    agree_to_terms(user=reader, version=site_index().terms_version)  # the demo has published terms
    client.force_login(reader)
    assert "Adequate" in client.get(_pseud_page(second)).content.decode()


def test_a_tampered_work_id_in_move_is_ignored_not_an_error(writer_client, writer, second):
    work = make_work(writer, title="Moves")
    url = reverse("accounts:pseud_move", args=[writer.default_pseud.pk])
    response = writer_client.post(url, {"works": ["²", "9" * 20, str(work.pk)], "target": second.pk})
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.pseud == second
    response = writer_client.post(url, {"works": ["²", "9" * 20], "target": second.pk})
    assert response.status_code == 400 and "Tick at least one work" in response.content.decode()


def test_deleting_a_pseud_keeps_the_gifts_made_to_it(writer, second, reader):
    work = make_work(reader, title="For the Owl")
    set_gifts(work=work, user=reader, names=["Night Owl (writer)"])
    services.delete_pseud(pseud=second, user=writer)
    gift = Gift.objects.get(work=work)
    assert gift.pseud == writer.default_pseud
    assert "For the Owl" in Client().get(reverse("gifts:user_gifts", args=["writer"])).content.decode()


def test_a_chapter_is_credited_under_the_pseud_its_writer_chooses_on_the_chapter_form(
    writer_client, writer, second
):
    work = make_work(writer, title="Two Voices", chapters=2)
    first, last = work.chapters.order_by("position")
    url = reverse("works:chapter_edit", args=[work.pk, last.pk])
    assert 'name="pseud"' in writer_client.get(url).content.decode()

    response = writer_client.post(
        url,
        {
            "title": "Owl",
            "body": "Night words.",
            "text_format": "plain",
            "version": last.version,
            "pseud": second.pk,
        },
    )

    assert response.status_code == 302
    assert [c.pseud for c in Creatorship.objects.filter(chapter=last)] == [second]
    assert not Creatorship.objects.filter(chapter=first).exists()  # the other chapter keeps the work's credit
    page = Client().get(reverse("works:chapter", args=[work.pk, last.pk])).content.decode()
    assert "Night Owl (writer)" in page
    # The form now starts at the pseud chosen.
    form = writer_client.get(url).content.decode()
    assert f'<option value="{second.pk}" selected>' in form
