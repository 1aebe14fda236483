"""Following stories: subscriptions, the inbox, and emails delivered by the background worker exactly once."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from factories import UserFactory, make_work
from mail_backends import FAILING
from task_queue import run_worker

from quire.accounts.models import EmailFrequency
from quire.follows import services as follows
from quire.follows.announcements import announce_chapter, summarize_feedback
from quire.follows.models import Notification, Subscription
from quire.works import services
from quire.works.models import Work

pytestmark = pytest.mark.django_db


def post_chapter(work, body="The next part.", post=True):
    return services.add_chapter(
        work=work, user=work.author, fields=services.ChapterFields(title="Next", body=body), post=post
    )


def test_subscriber_hears_of_a_new_chapter_once_in_inbox_and_by_email(client):
    work = make_work(title="Exit Ramps")
    reader = UserFactory(username="follower")
    follows.subscribe(user=reader, work=work)
    chapter = post_chapter(work)
    assert not Notification.objects.exists()  # nothing until the worker runs
    run_worker()
    run_worker()
    notification = Notification.objects.get(user=reader)
    assert notification.text.startswith("Exit Ramps by ") and "chapter 2: Next is up" in notification.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [reader.email]
    assert f"http://127.0.0.1:8000/works/{work.pk}/chapters/{chapter.pk}" in mail.outbox[0].body
    client.force_login(reader)
    page = client.get("/").content.decode()
    assert 'Inbox <span class="unread-count">(1' in page
    assert "Exit Ramps" in client.get(reverse("follows:inbox")).content.decode()


def test_task_run_twice_still_notifies_and_emails_once():
    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    chapter = post_chapter(work)
    announce_chapter(chapter.pk)
    announce_chapter(chapter.pk)
    run_worker()
    run_worker()
    assert Notification.objects.filter(user=reader).count() == 1
    assert len(mail.outbox) == 1


def test_author_subscribers_hear_of_new_works_and_chapters():
    author = UserFactory(username="prolific")
    reader = UserFactory()
    follows.subscribe(user=reader, author=author)
    work = make_work(author, title="Brand New")
    post_chapter(work)
    run_worker()
    texts = sorted(Notification.objects.filter(user=reader).values_list("text", flat=True))
    assert texts == ["Brand New by prolific: chapter 2: Next is up", "prolific posted a new work: Brand New"]


def test_subscribed_to_work_and_author_still_one_message_per_chapter():
    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    follows.subscribe(user=reader, author=work.author)
    post_chapter(work)
    run_worker()
    assert Notification.objects.filter(user=reader, kind="chapter").count() == 1


def test_nothing_about_drafts_unposted_chapters_or_hidden_works():
    work = make_work()
    run_worker()  # the work's own announcement, before anyone follows
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    follows.subscribe(user=reader, author=work.author)
    post_chapter(work, post=False)  # unposted chapter
    make_work(work.author, posted=False)  # a draft work
    hidden = make_work(work.author)
    Notification.objects.all().delete()
    follows.subscribe(user=reader, work=hidden)
    hidden.hidden_at = timezone.now()
    hidden.save()
    post_chapter(hidden)
    run_worker()
    assert list(Notification.objects.filter(user=reader).values_list("text", flat=True)) == []
    assert mail.outbox == []


def test_restricted_work_news_reaches_only_its_registered_subscribers_and_feeds_nothing_to_guests(client):
    work = make_work(restricted=True, title="Members Only")
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    post_chapter(work)
    run_worker()
    assert Notification.objects.filter(user=reader).count() == 1
    assert "Members Only" not in client.get("/tags/Gilmore Girls/feed.atom").content.decode()


def test_posting_a_draft_chapter_later_notifies_then():
    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    chapter = post_chapter(work, post=False)
    run_worker()
    assert not Notification.objects.exists()
    services.post_chapter(chapter=chapter, user=chapter.work.author)
    run_worker()
    assert Notification.objects.filter(user=reader).count() == 1


def test_daily_digest_readers_get_one_email_the_next_day_and_never_readers_none():
    work = make_work()
    daily = UserFactory(email_notifications=EmailFrequency.DAILY)
    never = UserFactory(email_notifications=EmailFrequency.NEVER)
    for reader in (daily, never):
        follows.subscribe(user=reader, work=work)
    post_chapter(work)
    post_chapter(work, body="And another.")
    run_worker()
    assert mail.outbox == [] and Notification.objects.count() == 4
    assert follows.send_daily_digests() == 0  # today's news waits for tomorrow
    Notification.objects.update(created_at=timezone.now() - timezone.timedelta(days=1))
    assert follows.send_daily_digests() == 1
    assert follows.send_daily_digests() == 0
    assert (
        len(mail.outbox) == 1
        and mail.outbox[0].to == [daily.email]
        and "2 new updates" in mail.outbox[0].subject
    )


def test_writer_hears_of_reviews_at_once_and_replies_reach_the_reviewer(client):
    work = make_work()
    chapter = work.chapters.get()
    reader = UserFactory(username="reviewer")
    client.force_login(reader)
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]), {"body": "So good", "token": "a"}
    )
    run_worker()
    assert Notification.objects.get(user=work.author).text == f"reviewer reviewed {work.title}"
    client.force_login(work.author)
    parent = chapter.reviews.get()
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Thanks!", "token": "b", "parent": parent.pk},
    )
    run_worker()
    assert Notification.objects.get(user=reader).kind == "reply"
    assert len(mail.outbox) == 2


def test_kudos_and_bookmarks_reach_the_writer_in_one_daily_message(client):
    work = make_work(title="Loved")
    for _ in range(3):
        client.force_login(UserFactory())
        client.post(reverse("feedback:kudos", args=[work.pk]))
    summarize_feedback()
    client.force_login(UserFactory())
    client.post(reverse("feedback:kudos", args=[work.pk]))
    client.post(reverse("feedback:bookmark", args=[work.pk]), {"note": ""})
    summarize_feedback()
    texts = sorted(Notification.objects.filter(user=work.author).values_list("text", flat=True))
    assert texts == ["Loved got 1 bookmark today", "Loved got 4 kudos today"]


def test_subscribe_buttons_and_inbox_mark_read(client):
    work = make_work()
    reader = UserFactory()
    client.force_login(reader)
    client.post(reverse("follows:work_subscription", args=[work.pk]), {"action": "subscribe"})
    client.post(reverse("follows:work_subscription", args=[work.pk]), {"action": "subscribe"})
    assert Subscription.objects.filter(user=reader).count() == 1
    assert "Unsubscribe" in client.get(work.get_absolute_url()).content.decode()
    post_chapter(work)
    post_chapter(work, body="More")
    run_worker()
    first = Notification.objects.filter(user=reader).first()
    client.post(reverse("follows:mark_read"), {"notification": [first.pk]})
    assert Notification.objects.filter(user=reader, read_at__isnull=True).count() == 1
    assert len(client.get(reverse("follows:inbox"), {"show": "unread"}).context["page"].object_list) == 1
    client.post(reverse("follows:mark_read"), {"all": "1"})
    assert not Notification.objects.filter(user=reader, read_at__isnull=True).exists()
    client.post(reverse("follows:work_subscription", args=[work.pk]), {"action": "unsubscribe"})
    assert not Subscription.objects.exists()


def test_chapter_fan_out_to_many_subscribers_happens_in_the_worker(django_assert_max_num_queries):
    from quire.accounts.models import Pseud, User

    work = make_work()
    users = User.objects.bulk_create(
        [User(username=f"sub{n}", email=f"s{n}@example.org") for n in range(300)]
    )
    Pseud.objects.bulk_create([Pseud(user=u, name=u.username, is_default=True) for u in users])
    Subscription.objects.bulk_create([Subscription(user=u, work=work) for u in users])
    with django_assert_max_num_queries(40):  # posting does not grow with the number of subscribers
        post_chapter(work)
    run_worker()
    assert Notification.objects.filter(kind="chapter").count() == 300
    assert len(mail.outbox) == 300


# --- A failing mail server loses nothing (issue 16, hole 7) --------------------------------------------


def test_immediate_email_that_failed_is_unsent_again_and_goes_on_the_next_run(settings, caplog):
    work = make_work(title="Exit Ramps")
    reader = UserFactory(username="follower")
    follows.subscribe(user=reader, work=work)
    post_chapter(work)
    settings.EMAIL_BACKEND = FAILING
    run_worker()
    run_worker()
    notification = Notification.objects.get(user=reader)
    assert mail.outbox == [] and notification.emailed_at is None  # not marked sent: it was not sent
    assert "could not be sent" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert follows.retry_unsent_emails() == 0  # a fresh one is left to its own queued send a while
    Notification.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=10))
    assert follows.retry_unsent_emails() == 1
    assert follows.retry_unsent_emails() == 0  # sent once, never twice
    assert [m.to for m in mail.outbox] == [[reader.email]]
    assert Notification.objects.get(user=reader).emailed_at is not None


def test_daily_digest_that_failed_is_sent_by_the_next_run(settings):
    work = make_work()
    daily = UserFactory(email_notifications=EmailFrequency.DAILY)
    follows.subscribe(user=daily, work=work)
    post_chapter(work)
    run_worker()
    Notification.objects.update(created_at=timezone.now() - timezone.timedelta(days=1))
    settings.EMAIL_BACKEND = FAILING
    assert follows.send_daily_digests() == 0
    assert Notification.objects.get(user=daily).emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert follows.send_daily_digests() == 1
    assert follows.send_daily_digests() == 0
    assert len(mail.outbox) == 1 and "1 new update" in mail.outbox[0].subject


def test_a_title_stored_with_a_line_break_still_makes_an_email():
    # Titles are one line since issue 16; one stored before (or through a door without a form) must not
    # make Django refuse the email's subject.
    work = make_work(title="Exit Ramps")
    Work.objects.filter(pk=work.pk).update(title="Exit\nRamps")
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    post_chapter(work)
    run_worker()
    run_worker()
    (email,) = mail.outbox
    assert "\n" not in email.subject and "Exit Ramps" in email.subject
    assert Notification.objects.get(user=reader).emailed_at is not None


def test_the_writer_reads_a_review_in_the_inbox_and_replies_there(client):
    work = make_work(title="Road Trip")
    chapter = work.chapters.get()
    reader = UserFactory(username="reviewer")
    client.force_login(reader)
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Please continue, I loved the diner scene!", "token": "a"},
    )
    run_worker()
    told = mail.outbox[-1].body
    assert "because someone reviewed your work" in told and "follow" not in told

    client.force_login(work.author)
    inbox = client.get(reverse("follows:inbox")).content.decode()
    assert "Please continue, I loved the diner scene!" in inbox
    notification = Notification.objects.get(user=work.author)
    assert reverse("follows:open", args=[notification.pk]) in inbox
    opened = client.post(reverse("follows:open", args=[notification.pk]))
    assert opened.status_code == 302 and opened["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None

    token = (
        client.get(reverse("follows:inbox")).content.decode().split('name="token" value="')[1].split('"')[0]
    )
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Thank you! Chapter 2 is coming.", "token": token, "parent": chapter.reviews.get().pk},
    )
    run_worker()
    reply = chapter.reviews.get(parent__isnull=False)
    assert reply.user == work.author
    assert "because someone replied to your review" in mail.outbox[-1].body


def test_the_inbox_opens_only_ones_own_messages(client):
    work = make_work()
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    post_chapter(work)
    run_worker()
    theirs = Notification.objects.get(user=reader)
    client.force_login(UserFactory())
    assert client.post(reverse("follows:open", args=[theirs.pk])).status_code == 404


def test_the_inbox_does_not_quote_a_review_a_moderator_hid(client):
    work = make_work(title="Quiet")
    chapter = work.chapters.get()
    client.force_login(UserFactory())
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Something rude", "token": "h"},
    )
    run_worker()
    chapter.reviews.update(hidden_at=timezone.now())
    client.force_login(work.author)
    inbox = client.get(reverse("follows:inbox")).content.decode()
    assert "reviewed Quiet" in inbox and "Something rude" not in inbox and "Post reply" not in inbox
