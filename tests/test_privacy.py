"""Download my data, and deleting an account (orphaning or deleting its works) leaving nothing behind."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from factories import PASSWORD, UserFactory, make_work

from quire.accounts.models import Pseud, User
from quire.api.services import create_token
from quire.discovery.models import SearchDocument, TagExclusion
from quire.exports.naming import download_url
from quire.feedback import services as feedback
from quire.feedback.models import Review
from quire.feeds.models import CatalogToken
from quire.follows import services as follows
from quire.follows.models import Notification
from quire.moderation.models import Block, Invite, Mute, Report, Target
from quire.privacy import data_export
from quire.privacy.deletion import ORPHAN_USERNAME, WorksChoice, delete_account
from quire.privacy.models import DataExport
from quire.series import services as series_services
from quire.shelf.models import MarkedForLater, Reading
from quire.tags.models import Tag
from quire.works import services as works
from quire.works.models import Work


@pytest.fixture(autouse=True)
def _private_folders(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.DATA_EXPORTS_DIR = tmp_path / "data-exports"


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def busy(db):
    """A member who has done a bit of everything, and the people around them."""
    from django.utils import timezone

    member = UserFactory(username="leavingwriter", email="leaving@example.org")
    other = UserFactory(username="stayingwriter")
    fan = UserFactory(username="fan")
    posted = make_work(member, title="Moonlit Harbour", chapters=2, tags=("Slow Burn",))
    draft = make_work(member, title="Secret Draft", posted=False)
    theirs = make_work(other, title="Other Story")
    # Their feedback on someone else's work, and a fan's on theirs.
    chapter = theirs.chapters.first()
    feedback.leave_kudos(work=theirs, user=member)
    feedback.save_bookmark(user=member, work=theirs, note="Lovely", tags="comfort")
    lone = feedback.post_review(chapter=chapter, user=member, body="My lone review.")
    answered = feedback.post_review(chapter=chapter, user=member, body="A review someone answered.")
    feedback.post_review(chapter=chapter, user=other, body="Thanks!", parent=answered)
    feedback.post_review(chapter=posted.chapters.first(), user=fan, body="Fan review stays.")
    feedback.leave_kudos(work=posted, user=fan)
    follows.subscribe(user=member, work=theirs)
    follows.subscribe(user=member, author=other)
    follows.subscribe(user=fan, author=member)
    follows.subscribe(user=fan, work=posted)
    works.add_chapter(
        work=posted,
        user=posted.author,
        fields=works.ChapterFields(title="Third", body="The third chapter.", text_format="plain"),
        post=True,
        now=timezone.now(),
    )
    from task_queue import run_worker

    run_worker()  # the fan's inbox hears of the new chapter, by name
    Work.objects.filter(pk=draft.pk).update(pseud=Pseud.objects.create(user=member, name="Nightquill"))
    series = series_services.create_series(
        creator=member, fields=series_services.SeriesFields(title="Harbours")
    )
    series_services.add_work(series=series, work=posted, user=member)
    now = timezone.now()
    Reading.objects.create(user=member, work=theirs, first_opened_at=now, last_opened_at=now)
    MarkedForLater.objects.create(user=member, work=theirs)
    works.autosave(user=member, key="new-work", data={"title": "Half typed"})
    create_token(user=member, name="My e-reader")
    CatalogToken.objects.create(user=member)
    Block.objects.create(blocker=member, blocked=fan)
    Mute.objects.create(muter=fan, muted=member)
    Report.objects.create(
        target_type=Target.WORK,
        target_id=theirs.pk,
        target_label="x",
        reporter=member,
        reason="spam",
        details="d",
    )
    Invite.objects.create(email=member.email, code="abc", used_by=member, used_at=now)
    TagExclusion.objects.create(user=member, tag=Tag.objects.get(name="Slow Burn"))
    return {
        "member": member,
        "other": other,
        "fan": fan,
        "posted": posted,
        "draft": draft,
        "theirs": theirs,
        "lone": lone,
        "answered": answered,
        "series": series,
    }


# --- Download my data ---------------------------------------------------------------------------------


def test_member_downloads_everything_as_a_zip_once(busy):
    member = busy["member"]
    client = _login(member)
    page = client.get(reverse("privacy:data_export"))
    assert page.status_code == 200 and "Prepare my archive" in page.content.decode()
    response = client.post(reverse("privacy:data_export"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=member)
    assert export.status == DataExport.Status.READY
    page = client.get(reverse("privacy:data_export")).content.decode()
    assert export.get_absolute_url() in page

    download = client.get(export.get_absolute_url())
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["profile"]["username"] == "leavingwriter"
    assert manifest["profile"]["email"] == "leaving@example.org"
    titles = {w["title"]: w for w in manifest["works"]}
    assert set(titles) == {"Moonlit Harbour", "Secret Draft"}
    harbour = titles["Moonlit Harbour"]
    assert [c["position"] for c in harbour["chapters"]] == [1, 2, 3]
    assert "Slow Burn" in harbour["additional_tags"] and harbour["fandoms"] == ["Gilmore Girls"]
    assert titles["Secret Draft"]["draft"] is True
    assert {r["text"] for r in manifest["reviews"]} == {"My lone review.", "A review someone answered."}
    assert [k["work"]["title"] for k in manifest["kudos"]] == ["Other Story"]
    assert manifest["bookmarks"][0]["note"] == "Lovely" and manifest["bookmarks"][0]["tags"] == ["comfort"]
    assert {s["kind"] for s in manifest["subscriptions"]} == {"work", "author"}
    assert manifest["series"][0]["title"] == "Harbours"
    assert manifest["reading_history"][0]["work"]["title"] == "Other Story"
    assert manifest["marked_for_later"][0]["work"]["title"] == "Other Story"
    assert manifest["preferences"]["hidden_tags"] == ["Slow Burn"]
    assert manifest["blocks"] == ["fan"]
    assert "secret" not in json.dumps(manifest["api_tokens"]).lower()
    # Each work as HTML and EPUB, the draft too.
    names = set(archive.namelist())
    for work in (busy["posted"], busy["draft"]):
        for fmt in ("html", "epub"):
            assert data_export.work_file_name(work, fmt) in names
    draft_html = archive.read(data_export.work_file_name(busy["draft"], "html")).decode()
    assert "Secret Draft" in draft_html
    zipfile.ZipFile(io.BytesIO(archive.read(data_export.work_file_name(busy["posted"], "epub")))).testzip()

    # Downloaded once: the file and its row are gone.
    assert not DataExport.objects.filter(user=member).exists()
    assert list(django_settings.DATA_EXPORTS_DIR.glob("*.zip")) == []
    assert client.get(export.get_absolute_url()).status_code == 404


def test_only_the_member_can_fetch_their_archive(busy, client):
    export = data_export.request_export(busy["member"])
    url = export.get_absolute_url()
    guest = client.get(url)
    assert guest.status_code == 302 and reverse("accounts:login") in guest["Location"]
    assert _login(busy["fan"]).get(url).status_code == 404
    assert client.get(reverse("privacy:data_export")).status_code == 302
    assert data_export.export_file(export).exists()  # nobody else's attempt used it up


def test_archives_live_outside_media_and_expire_after_a_day(busy):
    from datetime import timedelta

    from django.utils import timezone

    export = data_export.request_export(busy["member"])
    path = data_export.export_file(export)
    assert path.is_relative_to(django_settings.DATA_EXPORTS_DIR)
    assert not path.is_relative_to(django_settings.MEDIA_ROOT)
    DataExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert data_export.purge_expired() == 1
    assert not path.exists() and not DataExport.objects.exists()
    from quire.core.management.commands.worker import PERIODIC

    assert (3600, "quire.privacy.tasks.purge_data_exports") in PERIODIC  # the worker sweeps hourly


def test_large_archives_are_built_by_the_worker_with_progress(busy, monkeypatch):
    from task_queue import run_worker

    monkeypatch.setattr(data_export, "SYNC_WORDS", 1)
    client = _login(busy["member"])
    client.post(reverse("privacy:data_export"))
    export = DataExport.objects.get()
    assert export.status == DataExport.Status.QUEUED
    page = client.get(reverse("privacy:data_export"), headers={"HX-Request": "true"}).content.decode()
    assert "being prepared" in page and "data-hx-trigger" in page
    run_worker()
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY and export.done == export.total == 2


def test_a_stalled_archive_can_be_asked_for_again(busy, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(data_export, "SYNC_WORDS", 1)
    client = _login(busy["member"])
    client.post(reverse("privacy:data_export"))
    first = DataExport.objects.get()
    client.post(reverse("privacy:data_export"))  # still in progress: nothing new
    assert list(DataExport.objects.values_list("pk", flat=True)) == [first.pk]
    DataExport.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    assert "seems to have stopped" in client.get(reverse("privacy:data_export")).content.decode()
    client.post(reverse("privacy:data_export"))
    assert DataExport.objects.get().pk != first.pk


def test_preparing_archives_is_rate_limited(busy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "exports": "2/d"}
    client = _login(busy["member"])
    assert client.post(reverse("privacy:data_export")).status_code == 302
    assert client.post(reverse("privacy:data_export")).status_code == 302
    assert client.post(reverse("privacy:data_export")).status_code == 429


# --- Deleting an account ----------------------------------------------------------------------------------


def _rows_pointing_at(user_id: int) -> dict[str, int]:
    """Every row of every model (auto-created through tables too) with a foreign key to the user model."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model is User:
                count = model._default_manager.filter(**{field.name: user_id}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def _epub_text(response) -> str:
    book = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())


def test_deleting_and_orphaning_leaves_no_row_and_no_name(busy, django_capture_on_commit_callbacks):
    member, fan = busy["member"], busy["fan"]
    posted, draft, theirs = busy["posted"], busy["draft"], busy["theirs"]
    client = _login(member)
    # A download built before, with the old name in it.
    assert "leavingwriter" in _epub_text(client.get(download_url(posted, "epub")))
    built = django_settings.EXPORTS_DIR / str(posted.pk)
    assert list(built.glob("*.epub"))
    data_export.request_export(member)
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    before = _rows_pointing_at(member.pk)
    assert {
        "feedback.Bookmark.user",
        "shelf.Reading.user",
        "api.ApiToken.user",
        "moderation.Report.reporter",
    } <= set(before), before
    other_browser = _login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:delete_account"),
            {"works": "orphan", "username": "leavingwriter", "password": PASSWORD},
        )
    assert response.status_code == 302
    assert not built.exists()  # no file with the old name is kept

    assert _rows_pointing_at(member.pk) == {}
    assert not User.objects.filter(username="leavingwriter").exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    account = other_browser.get(reverse("accounts:settings"))
    assert account.status_code == 302 and reverse("accounts:login") in account["Location"]
    assert list(django_settings.DATA_EXPORTS_DIR.glob("*")) == []

    # Orphaned works stay, under orphan_account, with everything readers gave them.
    orphan = User.objects.get(username=ORPHAN_USERNAME)
    posted.refresh_from_db()
    assert posted.author == orphan and posted.pseud.name == ORPHAN_USERNAME
    assert posted.kudos_count == 1 and posted.review_count == 1
    assert not orphan.has_usable_password()
    assert Work.objects.filter(pk=draft.pk, author=orphan).exists()
    assert [c.user for c in busy["series"].creatorships.all()] == [orphan]

    # Their feedback elsewhere is gone, and the counts follow; a review others answered stays nameless.
    theirs.refresh_from_db()
    assert (theirs.kudos_count, theirs.bookmark_count) == (0, 0)
    assert not Review.objects.filter(pk=busy["lone"].pk).exists()
    placeholder = Review.objects.get(pk=busy["answered"].pk)
    assert placeholder.is_deleted and placeholder.body == "" and placeholder.user is None
    assert Report.objects.get().reporter is None
    assert not Invite.objects.filter(email="leaving@example.org").exists()

    # The old name is nowhere a reader looks.
    guest = Client()
    pages = {
        "work page": guest.get(posted.get_absolute_url() + "?view_adult=true"),
        "listing": guest.get(reverse("discovery:works")),
        "tag feed": guest.get(reverse("tags:feed", args=["Gilmore Girls"])),
        "chapter feed": guest.get(reverse("feeds:work", args=[posted.pk])),
        "search": guest.get(reverse("discovery:search"), {"q": "Moonlit"}),
    }
    for name, page in pages.items():
        body = page.content.decode()
        assert page.status_code == 200, name
        assert "Moonlit Harbour" in body, name
        assert "leavingwriter" not in body, name
    assert "leavingwriter" not in SearchDocument.objects.get(work=posted).people
    assert (
        guest.get(reverse("discovery:search"), {"q": "leavingwriter"}).content.decode().count("Moonlit") == 0
    )
    epub_text = _epub_text(guest.get(download_url(posted, "epub")))
    assert ORPHAN_USERNAME in epub_text
    assert "leavingwriter" not in epub_text
    inbox = Notification.objects.filter(user=fan).values_list("text", flat=True)
    assert inbox and all("leavingwriter" not in text for text in inbox)
    assert guest.get(reverse("accounts:profile", args=["leavingwriter"])).status_code == 404


def test_deleting_works_removes_them_and_their_feedback(busy):
    member = busy["member"]
    member_id, posted_pk, draft_pk = member.pk, busy["posted"].pk, busy["draft"].pk
    delete_account(member, works=WorksChoice.DELETE)
    assert _rows_pointing_at(member_id) == {}
    assert not Work.objects.filter(pk__in=[posted_pk, draft_pk]).exists()
    assert not SearchDocument.objects.filter(work_id=posted_pk).exists()
    assert not User.objects.filter(username=ORPHAN_USERNAME).exists()
    from quire.series.models import Series

    assert not Series.objects.filter(pk=busy["series"].pk).exists()
    assert Client().get(f"/works/{posted_pk}").status_code == 404


def test_second_orphaning_reuses_the_orphan_account(db):
    first, second = UserFactory(), UserFactory()
    one, two = make_work(first, title="One"), make_work(second, title="Two")
    delete_account(first, works=WorksChoice.ORPHAN)
    delete_account(second, works=WorksChoice.ORPHAN)
    orphan = User.objects.get(username=ORPHAN_USERNAME)
    assert set(orphan.works.values_list("pk", flat=True)) == {one.pk, two.pk}


def test_nobody_can_sign_up_as_orphan_account(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "Orphan_Account",
            "email": "o@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "That username is taken" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"works": "orphan", "username": "leavingwriter", "password": "wrong-password"},
            "That is not your password",
        ),
        ({"works": "orphan", "username": "someoneelse", "password": PASSWORD}, "That is not your username"),
        ({"username": "leavingwriter", "password": PASSWORD}, "Choose whether to orphan or to delete"),
    ],
)
def test_the_form_explains_what_is_wrong_and_deletes_nothing(busy, data, message):
    client = _login(busy["member"])
    response = client.post(reverse("privacy:delete_account"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="leavingwriter"' in body or data["username"] != "leavingwriter"
    assert User.objects.filter(username="leavingwriter").exists()


def test_members_without_works_are_not_asked_about_works(db):
    member = UserFactory(username="reader_only")
    client = _login(member)
    page = client.get(reverse("privacy:delete_account")).content.decode()
    assert "Orphan my works" not in page
    response = client.post(
        reverse("privacy:delete_account"), {"username": "reader_only", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not User.objects.filter(username="reader_only").exists()


def test_guests_are_sent_to_log_in(client, db):
    for name in ("privacy:delete_account", "privacy:data_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_settings_page_links_to_both(busy):
    page = _login(busy["member"]).get(reverse("accounts:settings")).content.decode()
    assert reverse("privacy:data_export") in page and reverse("privacy:delete_account") in page
