"""Scheduled chapters: written now, posted by the worker at the writer's chosen time, announced once."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult
from factories import UserFactory, make_work
from task_queue import run_worker

from quire.core.management.commands.worker import PERIODIC
from quire.follows import services as follows
from quire.follows.models import Notification
from quire.works import services
from quire.works.models import Chapter, Work

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SECRET = "The letter was never sent."


def local_input(moment: datetime, zone=NEW_YORK) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def schedule_through_form(client, work, release_at, **extra):
    data = {"title": "The Letter", "body": SECRET, "text_format": "plain", "action": "schedule"}
    data["release_at"] = local_input(release_at)
    data.update(extra)
    return client.post(reverse("works:chapter_new", args=[work.pk]), data)


@pytest.fixture
def guest():
    return Client()


@pytest.fixture
def story(writer):
    writer.time_zone = "America/New_York"
    writer.save(update_fields=["time_zone"])
    return make_work(author=writer, title="Slow Burn", words_per_chapter=10)


@pytest.fixture
def subscribers(story):
    by_work, by_author = UserFactory(), UserFactory()
    follows.subscribe(user=by_work, work=story)
    follows.subscribe(user=by_author, author=story.author)
    return [by_work, by_author]


def release_sweep_task():
    """The task the worker's periodic loop queues for releasing chapters."""
    (path,) = [path for _, path in PERIODIC if path.endswith("release_due_chapters")]
    return import_string(path)


def reader_sees(client, work) -> tuple[int, str, str, int]:
    """How often the chapter appears in the index, the entire work's text, and the word count shown."""
    index = client.get(reverse("works:navigate", args=[work.pk])).content.decode()
    full = client.get(reverse("works:detail", args=[work.pk]) + "?view_full_work=true").content.decode()
    return index.count("The Letter"), full, index, Work.objects.get(pk=work.pk).word_count


def test_scheduled_chapter_is_posted_once_by_the_worker_and_announced_once(
    writer_client, story, subscribers, guest
):
    release = timezone.now() + timedelta(minutes=5)
    response = schedule_through_form(writer_client, story, release)
    chapter = Chapter.objects.get(work=story, position=2)
    assert response.status_code == 302
    # Typed in New York time, stored as the same instant.
    assert chapter.release_at == release.replace(second=0, microsecond=0)
    assert chapter.is_scheduled and not chapter.is_posted
    # Besides the periodic sweep, a release run waits in the queue for that very minute.
    assert DBTaskResult.objects.filter(
        task_path="quire.works.tasks.release_due_chapters", run_after=chapter.release_at
    ).exists()

    shown_in_index, full, _, words = reader_sees(guest, story)
    assert shown_in_index == 0 and SECRET not in full and words == 12
    assert guest.get(chapter.get_absolute_url()).status_code == 404
    subscriber = Client()
    subscriber.force_login(subscribers[0])
    shown_in_index, full, _, _ = reader_sees(subscriber, story)
    assert shown_in_index == 0 and SECRET not in full
    assert subscriber.get(chapter.get_absolute_url()).status_code == 404
    assert "Slow Burn" not in guest.get(reverse("discovery:search"), {"q": "letter"}).content.decode()
    writer_page = writer_client.get(chapter.get_absolute_url()).content.decode()
    assert SECRET in writer_page and "Scheduled chapter" in writer_page
    assert "America/New_York" in writer_page

    run_worker()  # before the release time the sweep leaves it alone
    assert not Chapter.objects.get(pk=chapter.pk).is_posted

    Chapter.objects.filter(pk=chapter.pk).update(release_at=timezone.now() - timedelta(seconds=1))
    for _ in range(2):  # two sweeps, as two workers or two rounds would run them
        release_sweep_task().enqueue()
        run_worker()

    chapter.refresh_from_db()
    assert chapter.is_posted and chapter.release_at is None
    shown_in_index, full, _, words = reader_sees(guest, story)
    assert shown_in_index == 1 and full.count(SECRET) == 1 and words == 12 + 5
    assert "Slow Burn" in guest.get(reverse("discovery:search"), {"q": "letter"}).content.decode()
    story.refresh_from_db()
    assert story.chapter_count == 2 and story.revised_at == chapter.posted_at
    for reader in subscribers:
        mine = Notification.objects.filter(user=reader, kind=Notification.Kind.NEW_CHAPTER)
        assert mine.count() == 1
        assert mine.get().url == chapter.get_absolute_url()
    assert not Notification.objects.filter(user=story.author).exists()


@pytest.fixture
def rq_queue(settings):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    import django_rq

    queue = django_rq.get_queue("default")

    def empty():
        queue.empty()
        for job_id in queue.scheduled_job_registry.get_job_ids():
            queue.scheduled_job_registry.remove(job_id, delete_job=True)

    empty()
    yield queue
    empty()


def test_rq_worker_releases_a_scheduled_chapter_once(
    rq_queue, story, subscribers, django_capture_on_commit_callbacks
):
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    with django_capture_on_commit_callbacks(execute=True):
        chapter = services.add_chapter(
            work=story,
            user=story.author,
            fields=services.ChapterFields(title="The Letter", body=SECRET),
            post=False,
            release_at=timezone.now() + timedelta(hours=1),
        )
    # Waiting in RQ's schedule for the exact minute, besides the periodic sweep.
    assert len(rq_queue.scheduled_job_registry) == 1
    Chapter.objects.filter(pk=chapter.pk).update(release_at=timezone.now() - timedelta(seconds=1))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            release_sweep_task().enqueue()
        for _ in range(3):  # the sweep, the announcement it queued, the emails
            with django_capture_on_commit_callbacks(execute=True):
                SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)
    assert Chapter.objects.get(pk=chapter.pk).is_posted
    for reader in subscribers:
        assert Notification.objects.filter(user=reader, kind=Notification.Kind.NEW_CHAPTER).count() == 1


def test_two_sweeps_at_once_release_each_chapter_once(story):
    chapter = services.add_chapter(
        work=story,
        user=story.author,
        fields=services.ChapterFields(body=SECRET),
        post=False,
        release_at=timezone.now() + timedelta(minutes=1),
    )
    later = timezone.now() + timedelta(minutes=2)
    assert services.release_due_chapters(now=later) == 1
    assert services.release_due_chapters(now=later) == 0
    chapter.refresh_from_db()
    # Posted at the time the writer chose, even if the worker came late.
    assert chapter.posted_at == chapter.work.revised_at and chapter.posted_at < later


def test_writer_reschedules_and_cancels_before_release(writer_client, story, guest):
    schedule_through_form(writer_client, story, timezone.now() + timedelta(hours=2))
    chapter = Chapter.objects.get(work=story, position=2)
    edit = reverse("works:chapter_edit", args=[story.pk, chapter.pk])
    page = writer_client.get(edit).content.decode()
    assert "Scheduled to be posted on" in page and "Save and cancel the schedule" in page

    new_time = timezone.now() + timedelta(days=1)
    data = {"title": "The Letter", "body": SECRET + " Edited.", "text_format": "plain", "version": 1}
    writer_client.post(edit, {**data, "release_at": local_input(new_time), "action": "schedule"})
    chapter.refresh_from_db()
    assert chapter.release_at == new_time.replace(second=0, microsecond=0)
    assert chapter.body.endswith("Edited.") and chapter.is_scheduled

    response = writer_client.post(
        reverse("works:chapter_unschedule", args=[story.pk, chapter.pk]), follow=True
    )
    assert "schedule was cancelled" in response.content.decode()
    chapter.refresh_from_db()
    assert not chapter.is_scheduled and not chapter.is_posted
    assert services.release_due_chapters(now=new_time + timedelta(hours=1)) == 0
    assert guest.get(chapter.get_absolute_url()).status_code == 404


def test_emptying_the_time_and_saving_cancels_the_schedule(writer_client, story):
    schedule_through_form(writer_client, story, timezone.now() + timedelta(hours=2))
    chapter = Chapter.objects.get(work=story, position=2)
    writer_client.post(
        reverse("works:chapter_edit", args=[story.pk, chapter.pk]),
        {"body": SECRET, "text_format": "plain", "version": 1, "release_at": "", "action": "draft"},
    )
    chapter.refresh_from_db()
    assert chapter.release_at is None and not chapter.is_posted


def test_editing_after_release_is_a_normal_edit(writer_client, story):
    schedule_through_form(writer_client, story, timezone.now() + timedelta(minutes=1))
    chapter = Chapter.objects.get(work=story, position=2)
    edit = reverse("works:chapter_edit", args=[story.pk, chapter.pk])
    services.release_due_chapters(now=timezone.now() + timedelta(minutes=2))
    later = local_input(timezone.now() + timedelta(days=3))
    response = writer_client.post(
        edit,
        {
            "body": "Fixed a typo.",
            "text_format": "plain",
            "version": 1,
            "release_at": later,
            "action": "schedule",
        },
        follow=True,
    )
    assert "already posted" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.is_posted and chapter.release_at is None and chapter.body == "Fixed a typo."
    with pytest.raises(services.AlreadyPosted):
        services.schedule_chapter(
            chapter=chapter, user=chapter.work.author, release_at=timezone.now() + timedelta(days=1)
        )
    assert "Post later" not in writer_client.get(edit).content.decode()


@pytest.mark.parametrize(
    ("release_at", "message"),
    [
        ("", "Choose a date and time to release this chapter."),
        ("2001-01-01T10:00", "2001-01-01 10:00 has already passed"),
        ("tomorrow", "Enter a date and time"),
    ],
)
def test_bad_release_time_is_refused_and_nothing_typed_is_lost(writer_client, story, release_at, message):
    response = writer_client.post(
        reverse("works:chapter_new", args=[story.pk]),
        {
            "title": "The Letter",
            "body": SECRET,
            "text_format": "plain",
            "action": "schedule",
            "release_at": release_at,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert SECRET in page and "The Letter" in page
    assert not Chapter.objects.filter(work=story, position=2).exists()


def test_a_new_work_can_be_posted_later(writer_client, writer, guest):
    from test_posting import new_work_data

    fan = UserFactory()
    follows.subscribe(user=fan, author=writer)
    release = timezone.now() + timedelta(hours=3)
    writer_client.post(
        reverse("works:new"),
        new_work_data(
            action="schedule",
            title="Post Later",
            **{"chapter-release_at": local_input(release, zoneinfo.ZoneInfo("UTC"))},
        ),
    )
    work = Work.objects.get(title="Post Later")
    assert work.is_draft and work.chapters.get().is_scheduled
    assert guest.get(work.get_absolute_url()).status_code == 404
    assert "This work is scheduled" in writer_client.get(work.get_absolute_url()).content.decode()

    Chapter.objects.filter(work=work).update(release_at=timezone.now() - timedelta(seconds=1))
    release_sweep_task().enqueue()
    run_worker()
    release_sweep_task().enqueue()
    run_worker()
    assert guest.get(work.get_absolute_url()).status_code == 200
    assert Notification.objects.filter(user=fan, kind=Notification.Kind.NEW_WORK).count() == 1


def test_time_zone_is_chosen_in_settings_and_validated(writer_client, writer):
    url = reverse("accounts:settings")
    base = {"email": writer.email, "email_notifications": "never", "about": ""}
    response = writer_client.post(url, {**base, "time_zone": "Mars/Olympus_Mons"})
    assert (
        "not one of the available choices" in response.content.decode()
        or "time zone" in response.content.decode()
    )
    writer.refresh_from_db()
    assert writer.time_zone == "UTC"
    writer_client.post(url, {**base, "time_zone": "Asia/Tokyo"})
    writer.refresh_from_db()
    assert writer.time_zone == "Asia/Tokyo"
    page = writer_client.get(
        reverse("works:chapter_new", args=[make_work(author=writer).pk])
    ).content.decode()
    assert "Asia/Tokyo" in page


def test_the_service_refuses_a_release_time_in_the_past(story):
    from django.core.exceptions import ValidationError

    chapter = services.add_chapter(
        work=story, user=story.author, fields=services.ChapterFields(body=SECRET), post=False
    )
    with pytest.raises(ValidationError):
        services.schedule_chapter(
            chapter=chapter, user=chapter.work.author, release_at=timezone.now() - timedelta(minutes=1)
        )
    chapter.refresh_from_db()
    assert not chapter.is_scheduled
