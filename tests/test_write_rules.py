"""Who may write: a suspended or banned account changes nothing, by any door (services, the web forms, the
API). The rules live in quire/access/writing.py; these tests hold every write service to them."""

import inspect
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import PASSWORD, UserFactory, make_work
from task_queue import run_worker

from quire.accounts.models import User
from quire.api.services import create_token
from quire.feedback import services as feedback
from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.follows import services as follows
from quire.follows.models import Notification
from quire.series import services as series
from quire.series.models import Series, SeriesWork
from quire.works import services as works
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db
API = "/api/v1"
LATER = timezone.now() + timedelta(days=30)


def _suspend(user):
    User.objects.filter(pk=user.pk).update(suspended_until=timezone.now() + timedelta(days=3))
    user.refresh_from_db()


def _ban(user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()


STANDINGS = {"suspended": _suspend, "banned": _ban}


@pytest.fixture
def world():
    """A writer with a work of three chapters (the last one unposted), a series holding it, reviews on it
    waiting for them, and feedback of theirs on another writer's work: everything their services could touch.
    """
    me = UserFactory(username="barred")
    other = UserFactory(username="other")
    mine = make_work(author=me, title="Mine", chapters=2)
    draft_chapter = works.add_chapter(
        work=mine, user=me, fields=works.ChapterFields(body="Not out yet."), post=False
    )
    unposted_work = make_work(author=me, title="Unposted", posted=False)
    theirs = make_work(author=other, title="Theirs")
    own_series = series.create_series(creator=me, fields=series.SeriesFields(title="My Series"))
    series.add_work(series=own_series, work=mine, user=me)
    Work.objects.filter(pk=mine.pk).update(moderate_reviews=True)
    mine.refresh_from_db()
    pending = feedback.post_review(chapter=mine.chapters.get(position=1), user=other, body="Waiting.")
    my_review = feedback.post_review(chapter=theirs.chapters.get(), user=me, body="My review.")
    feedback.save_bookmark(user=me, work=theirs, note="Kept.")
    subscriber = UserFactory(username="subscriber")
    follows.subscribe(user=subscriber, work=mine)
    run_worker()
    return {
        "me": me,
        "mine": mine,
        "unposted_work": unposted_work,
        "draft_chapter": draft_chapter,
        "theirs": theirs,
        "series": own_series,
        "pending": pending,
        "my_review": my_review,
        "subscriber": subscriber,
    }


def _everything():
    """Every row a write service could change, as the database holds it."""
    return {
        "works": list(Work.objects.order_by("pk").values()),
        "chapters": list(Chapter.objects.order_by("pk").values()),
        "series": list(Series.objects.order_by("pk").values()),
        "entries": list(SeriesWork.objects.order_by("pk").values()),
        "reviews": list(Review.objects.order_by("pk").values()),
        "kudos": list(Kudos.objects.order_by("pk").values()),
        "bookmarks": list(Bookmark.objects.order_by("pk").values()),
        "more": list(MorePlease.objects.order_by("pk").values()),
        "notifications": list(Notification.objects.order_by("pk").values()),
    }


def _first(w):
    return w["mine"].chapters.get(position=1)


def _work_fields(title="Changed"):
    return works.WorkFields(title=title, rating="general", fandoms=["Fandom"], warnings=["none_apply"])


# Each write service that takes the acting user, called as its owner would call it.
WRITES = {
    "works.create_work": lambda w: works.create_work(
        author=w["me"], work=_work_fields(), chapter=works.ChapterFields(body="New."), post=True
    ),
    "works.update_work": lambda w: works.update_work(work=w["mine"], user=w["me"], fields=_work_fields()),
    "works.post_work": lambda w: works.post_work(work=w["unposted_work"], user=w["me"]),
    "works.add_chapter": lambda w: works.add_chapter(
        work=w["mine"], user=w["me"], fields=works.ChapterFields(body="More."), post=True
    ),
    "works.import_chapters": lambda w: works.import_chapters(
        work=w["mine"], user=w["me"], chapters=[(works.ChapterFields(body="Imported."), None)]
    ),
    "works.update_chapter": lambda w: works.update_chapter(
        chapter=_first(w), user=w["me"], fields=works.ChapterFields(body="Edited."), base_version=1
    ),
    "works.post_chapter": lambda w: works.post_chapter(chapter=w["draft_chapter"], user=w["me"]),
    "works.schedule_chapter": lambda w: works.schedule_chapter(
        chapter=w["draft_chapter"], user=w["me"], release_at=LATER
    ),
    "works.unschedule_chapter": lambda w: works.unschedule_chapter(chapter=w["draft_chapter"], user=w["me"]),
    "works.delete_chapter": lambda w: works.delete_chapter(chapter=_first(w), user=w["me"]),
    "works.reorder_chapters": lambda w: works.reorder_chapters(
        work=w["mine"],
        user=w["me"],
        chapter_ids=list(w["mine"].chapters.order_by("-position").values_list("pk", flat=True)),
    ),
    "works.delete_work": lambda w: works.delete_work(work=w["mine"], user=w["me"]),
    "series.create_series": lambda w: series.create_series(
        creator=w["me"], fields=series.SeriesFields(title="Another")
    ),
    "series.series_named": lambda w: series.series_named(creator=w["me"], title="A Series Not Made Yet"),
    "series.update_series": lambda w: series.update_series(
        series=w["series"], user=w["me"], fields=series.SeriesFields(title="Renamed")
    ),
    "series.add_work": lambda w: series.add_work(series=w["series"], work=w["unposted_work"], user=w["me"]),
    "series.remove_work": lambda w: series.remove_work(series=w["series"], work=w["mine"], user=w["me"]),
    "series.reorder_works": lambda w: series.reorder_works(
        series=w["series"], user=w["me"], work_ids=[w["mine"].pk]
    ),
    "series.delete_series": lambda w: series.delete_series(series=w["series"], user=w["me"]),
    "feedback.leave_kudos": lambda w: feedback.leave_kudos(work=w["theirs"], user=w["me"]),
    "feedback.post_review": lambda w: feedback.post_review(
        chapter=w["theirs"].chapters.get(), user=w["me"], body="Another review."
    ),
    "feedback.edit_review": lambda w: feedback.edit_review(
        review=w["my_review"], user=w["me"], body="Edited."
    ),
    "feedback.delete_review": lambda w: feedback.delete_review(review=w["my_review"], user=w["me"]),
    "feedback.approve_review": lambda w: feedback.approve_review(review=w["pending"], user=w["me"]),
    "feedback.set_frozen": lambda w: feedback.set_frozen(review=w["pending"], user=w["me"], frozen=True),
    "feedback.save_bookmark": lambda w: feedback.save_bookmark(user=w["me"], work=w["theirs"], note="New."),
    "feedback.remove_bookmark": lambda w: feedback.remove_bookmark(user=w["me"], work=w["theirs"]),
    "feedback.ask_for_more": lambda w: feedback.ask_for_more(work=w["theirs"], user=w["me"]),
}

# Functions that take a user but are not refused, and why.
ALLOWED = {
    # The writer's private draft of a form; a suspension that starts mid-sentence must not lose it.
    "works.autosave": "private",
    "works.discard_autosave": "private",
    # Reads: whether a review waits for the writer.
    "feedback.holds_for_approval": "read",
}


def test_every_write_service_taking_a_user_is_held_to_the_rules():
    """A new service that takes a user must be added to WRITES (refused) or ALLOWED (with a reason)."""
    taking_a_user = set()
    for prefix, module in (("works", works), ("series", series), ("feedback", feedback)):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if {"user", "author", "creator"} & set(inspect.signature(function).parameters):
                taking_a_user.add(f"{prefix}.{name}")
    assert taking_a_user == set(WRITES) | set(ALLOWED)


@pytest.mark.parametrize("write", WRITES)
def test_a_suspended_or_banned_account_changes_nothing_through_any_write_service(world, write):
    me = world["me"]
    before = _everything()
    for standing, expected in (("suspended", "suspended until"), ("banned", "banned")):
        STANDINGS[standing](me)
        with pytest.raises(PermissionDenied, match=expected):
            WRITES[write](world)
        run_worker()
        assert _everything() == before, standing
        User.objects.filter(pk=me.pk).update(suspended_until=None, is_active=True)
        me.refresh_from_db()
    # The same call in good standing goes through: the refusals were the standing's doing.
    WRITES[write](world)


def test_a_scheduled_chapter_waits_while_its_writer_is_suspended(world):
    chapter = world["draft_chapter"]
    works.schedule_chapter(
        chapter=chapter, user=world["me"], release_at=timezone.now() + timedelta(minutes=5)
    )
    _suspend(world["me"])
    assert works.release_due_chapters(now=timezone.now() + timedelta(minutes=10)) == 0
    chapter.refresh_from_db()
    assert chapter.posted_at is None and chapter.is_scheduled
    told = Notification.objects.filter(user=world["subscriber"]).count()
    run_worker()
    assert Notification.objects.filter(user=world["subscriber"]).count() == told
    # Once the suspension is over, the next sweep releases it.
    User.objects.filter(pk=world["me"].pk).update(suspended_until=timezone.now() - timedelta(minutes=1))
    assert works.release_due_chapters(now=timezone.now() + timedelta(minutes=10)) == 1


# --- The API ------------------------------------------------------------------------------------------


@pytest.fixture
def suspended_api(world, settings):
    settings.API_RATE_LIMITS = {"anon": "1000/min", "token": "1000/min", "write": "1000/min"}
    token = create_token(user=world["me"], name="script")[1]
    _suspend(world["me"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _refused_as_json(response):
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Your account is suspended until" in response.json()["detail"]
    assert "not post, edit, review or leave kudos" in response.json()["detail"]


def test_api_refuses_a_suspended_writer_a_new_posted_chapter_and_tells_nobody(world, suspended_api):
    before = _everything()
    response = suspended_api.post(
        f"{API}/works/{world['mine'].pk}/chapters",
        {"title": "Sneaked", "body": "<p>Out anyway.</p>", "post": True},
        content_type="application/json",
    )
    _refused_as_json(response)
    run_worker()
    assert _everything() == before
    assert not world["mine"].chapters.filter(title="Sneaked").exists()


def test_api_refuses_a_suspended_writer_edits_and_posting_of_chapters(world, suspended_api):
    before = _everything()
    draft = world["draft_chapter"]
    edit = suspended_api.put(
        f"{API}/works/{world['mine'].pk}/chapters/{draft.pk}",
        {"title": "", "body": "<p>Changed.</p>", "version": draft.version, "post": True},
        content_type="application/json",
    )
    _refused_as_json(edit)
    _refused_as_json(suspended_api.post(f"{API}/works/{world['mine'].pk}/chapters/{draft.pk}/post"))
    run_worker()
    assert _everything() == before


def test_api_refuses_a_suspended_writer_a_new_work_in_json(world, suspended_api):
    payload = {
        "title": "Exit Ramps",
        "rating": "teen",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore Girls"],
        "chapter": {"title": "Start", "body": "<p>They drove north.</p>"},
        "post": True,
    }
    response = suspended_api.post(f"{API}/works", payload, content_type="application/json")
    _refused_as_json(response)
    assert not Work.objects.filter(title="Exit Ramps").exists()


def test_api_documents_the_refusal_of_a_write():
    schema = Client().get(f"{API}/openapi.json").json()
    assert "403" in schema["paths"]["/api/v1/works"]["post"]["responses"]


# --- The web forms ------------------------------------------------------------------------------------


@pytest.fixture
def suspended_browser(world):
    _suspend(world["me"])
    browser = Client()
    assert browser.login(username="barred", password=PASSWORD)
    return browser


def test_web_refuses_a_suspended_writer_deleting_and_reordering(world, suspended_browser):
    mine, first = world["mine"], _first(world)
    before = _everything()
    forms = [
        (reverse("works:delete", args=[mine.pk]), {}),
        (reverse("works:chapter_delete", args=[mine.pk, first.pk]), {}),
        (reverse("works:chapter_unschedule", args=[mine.pk, world["draft_chapter"].pk]), {}),
        (
            reverse("works:chapters_manage", args=[mine.pk]),
            {f"position-{c.pk}": 4 - c.position for c in mine.chapters.all()},
        ),
        (reverse("series:new"), {"title": "Another"}),
        (reverse("series:edit", args=[world["series"].pk]), {"title": "Renamed", f"position-{mine.pk}": 1}),
        (reverse("series:delete", args=[world["series"].pk]), {}),
        (reverse("series:work_series", args=[mine.pk]), {"remove": world["series"].pk}),
    ]
    for url, data in forms:
        response = suspended_browser.post(url, data)
        assert response.status_code == 403, url
        assert "Your account is suspended until" in response.content.decode(), url
    assert _everything() == before


def test_web_keeps_a_suspended_members_private_settings_but_not_their_public_profile(
    world, suspended_browser
):
    settings_url = reverse("accounts:settings")
    form = {
        "email": "new@example.org",
        "email_notifications": "daily",
        "time_zone": "Europe/Paris",
        "keep_reading_history": "on",
        "about": "Buy cheap things at spam.example",
    }
    page = suspended_browser.post(settings_url, form)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your account is suspended until" in text and "Buy cheap things at spam.example" in text
    world["me"].refresh_from_db()
    assert world["me"].about == "" and world["me"].email != "new@example.org"
    # Without a change to what others read, the rest saves.
    suspended_browser.post(settings_url, {**form, "about": ""})
    world["me"].refresh_from_db()
    assert world["me"].email == "new@example.org" and world["me"].time_zone == "Europe/Paris"
