"""Trust and safety: reports, the moderators' queue and actions, site switches, blocks and mutes."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from factories import PASSWORD, UserFactory, make_work
from task_queue import run_worker

from quire.accounts.models import User
from quire.discovery.models import SearchDocument
from quire.feedback import services as feedback
from quire.feedback.models import Kudos, Review
from quire.follows import services as follows
from quire.follows.models import Notification
from quire.moderation import switches
from quire.moderation.models import Block, Invite, ModerationAction, Mute, Registration, Report, SiteSwitches
from quire.works import services as works
from quire.works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = UserFactory(username="mod")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def mod_client(moderator):
    """The moderator's own browser, beside the `client` that plays the other people."""
    browser = Client()
    browser.force_login(moderator)
    return browser


def act(client, target_type, target_id, kind, reason="Against the rules.", **extra):
    # The affected user's email leaves once the action has committed, as it does outside a test.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("moderation:case", args=[target_type, target_id]),
            {"kind": kind, "reason": reason, "confirmed": "on", **extra},  # past the confirmation step
        )


def titles(response) -> list[str]:
    return [work.title for work in response.context["listing"].page.object_list]


def facet(response, key) -> dict[str, int]:
    group = next(g for g in response.context["listing"].facets if g.key == key)
    return {item.value: item.count for item in group.items}


def set_switches(**values):
    row = switches.current()
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


# --- Reports ---------------------------------------------------------------------------------------


def test_guest_reports_a_work_with_an_email_and_gets_thanked(client):
    work = make_work(title="Stolen")
    url = reverse("moderation:report", args=["work", work.pk])
    page = client.get(url).content.decode()
    assert "Stolen" in page and 'name="email"' in page
    missing = client.post(url, {"reason": "plagiarism", "details": "Copied from elsewhere."})
    assert missing.status_code == 400 and "Give an email address" in missing.content.decode()
    assert "Copied from elsewhere." in missing.content.decode()  # nothing typed is lost
    response = client.post(url, {"reason": "plagiarism", "details": "Copied.", "email": "fan@example.org"})
    assert response["Location"] == reverse("moderation:report_thanks")
    report = Report.objects.get()
    assert (report.target_type, report.target_id, report.email, report.reporter) == (
        "work",
        work.pk,
        "fan@example.org",
        None,
    )
    assert "Thank you for your report" in client.get(response["Location"]).content.decode()


def test_readers_report_chapters_reviews_and_users_but_not_what_they_cannot_see(client, reader):
    work = make_work(chapters=2)
    chapter = work.chapters.get(position=2)
    review = feedback.post_review(chapter=chapter, user=UserFactory(), body="Rude words")
    client.force_login(reader)
    for target_type, target_id in [("chapter", chapter.pk), ("review", review.pk), ("user", work.author.pk)]:
        response = client.post(
            reverse("moderation:report", args=[target_type, target_id]),
            {"reason": "harassment", "details": "x"},
        )
        assert response.status_code == 302, target_type
    assert Report.objects.filter(reporter=reader).count() == 3
    draft = make_work(posted=False)
    assert client.get(reverse("moderation:report", args=["work", draft.pk])).status_code == 404
    bad = client.post(reverse("moderation:report", args=["work", work.pk]), {"details": ""})
    assert bad.status_code == 400 and "Choose the reason" in bad.content.decode()


def test_report_links_on_the_work_page_reviews_and_profiles(client, reader):
    work = make_work(chapters=2)
    feedback.post_review(chapter=work.chapters.get(position=1), user=UserFactory(), body="Hm")
    client.force_login(reader)
    page = client.get(work.get_absolute_url()).content.decode()
    assert reverse("moderation:report", args=["work", work.pk]) in page
    assert reverse("moderation:report", args=["chapter", work.chapters.get(position=1).pk]) in page
    assert reverse("moderation:report", args=["review", Review.objects.get().pk]) in page
    profile = client.get(work.author.get_absolute_url()).content.decode()
    assert reverse("moderation:report", args=["user", work.author.pk]) in profile


# --- The queue --------------------------------------------------------------------------------------


def test_queue_is_for_moderators_only(client, reader, moderator):
    assert client.get(reverse("moderation:queue")).status_code == 403
    client.force_login(reader)
    assert client.get(reverse("moderation:queue")).status_code == 403
    assert client.get(reverse("moderation:log")).status_code == 403
    client.force_login(moderator)
    assert client.get(reverse("moderation:queue")).status_code == 200
    assert 'href="/moderation/"' in client.get("/").content.decode()


def test_reports_of_one_target_group_together(mod_client):
    work, other = make_work(title="Reported twice"), make_work(title="Reported once")
    for target, reason in [(work, "spam"), (work, "mistagged"), (other, "spam")]:
        Report.objects.create(
            target_type="work", target_id=target.pk, target_label=target.title, reason=reason, details="d"
        )
    groups = {g["target_id"]: g for g in mod_client.get(reverse("moderation:queue")).context["page"]}
    assert groups[work.pk]["count"] == 2 and groups[other.pk]["count"] == 1
    assert groups[work.pk]["reasons"] == ["Spam or advertising", "Wrong rating, warnings or tags"]


# --- Hiding a work ----------------------------------------------------------------------------------


def test_hidden_work_leaves_every_listing_search_facet_feed_and_author_page(mod_client, client):
    make_work(title="Kept", tags=["Shared"], summary="zanzibar")
    work = make_work(title="Reported", tags=["Shared", "Only Here"], summary="zanzibar")
    author = work.author
    Report.objects.create(target_type="work", target_id=work.pk, target_label="x", reason="spam", details="d")
    response = act(mod_client, "work", work.pk, "hide", "Spam links.")
    assert response.status_code == 302
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator.username, action.reason, action.affected_user) == (
        "hide",
        "mod",
        "Spam links.",
        author,
    )
    assert Report.objects.get().status == Report.Status.RESOLVED
    assert Work.objects.get(pk=work.pk).hidden_at is not None
    notice = Notification.objects.get(user=author, kind="moderation")
    assert "hid your work" in notice.text and mail.outbox[-1].to == [author.email]
    assert "Spam links." in mail.outbox[-1].body

    reader = UserFactory()
    client.force_login(reader)
    for url, params in [
        ("/", {}),
        (reverse("discovery:works"), {}),
        (reverse("discovery:search"), {"q": "zanzibar"}),
        ("/tags/Shared/works", {}),
        (reverse("discovery:author_works", args=[author.username]), {}),
        (author.get_absolute_url(), {}),
    ]:
        page = client.get(url, params).content.decode()
        assert "Reported" not in page and "Only Here" not in page, url
    listing = client.get(reverse("discovery:works"))
    assert listing.context["listing"].total == 1 and facet(listing, "additional").get("Only Here") is None
    assert facet(listing, "rating") == {"general": 1}
    assert client.get("/tags/Shared").context["work_count"] == 1
    assert client.get(work.get_absolute_url()).status_code == 404
    feed = ET.fromstring(client.get("/tags/Shared/feed.atom").content)
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 1

    # Its author still sees it, marked; so do moderators.
    client.force_login(author)
    assert "Hidden by a moderator" in client.get(work.get_absolute_url()).content.decode()
    assert "Hidden by a moderator" in client.get(author.get_absolute_url()).content.decode()
    assert mod_client.get(work.get_absolute_url()).status_code == 200

    assert not SearchDocument.objects.filter(work=work).exists()  # it left the search index too

    act(mod_client, "work", work.pk, "restore", "Cleaned up.")
    client.force_login(reader)
    assert "Reported" in client.get(reverse("discovery:works")).content.decode()
    assert sorted(titles(client.get(reverse("discovery:search"), {"q": "zanzibar"}))) == ["Kept", "Reported"]
    assert ModerationAction.objects.filter(kind="restore").exists()


def test_hidden_work_sends_no_news_and_leaves_the_inbox(mod_client, client):
    work = make_work(title="Followed")
    reader = UserFactory()
    follows.subscribe(user=reader, work=work)
    works.add_chapter(
        work=work, user=work.author, fields=works.ChapterFields(title="Two", body="More."), post=True
    )
    run_worker()
    assert Notification.objects.filter(user=reader).count() == 1
    act(mod_client, "work", work.pk, "hide")
    works.add_chapter(
        work=Work.objects.get(pk=work.pk),
        user=work.author,
        fields=works.ChapterFields(body="Three."),
        post=True,
    )
    run_worker()
    client.force_login(reader)
    inbox = client.get(reverse("follows:inbox"))
    assert list(inbox.context["page"]) == [] and "Followed" not in inbox.content.decode()
    assert 'class="unread-count"' not in client.get("/").content.decode()


# --- Reviews ----------------------------------------------------------------------------------------


def test_hidden_review_leaves_the_page_counts_and_the_writers_inbox(mod_client, client):
    work = make_work(title="Reviewed")
    chapter = work.chapters.get()
    reviewer = UserFactory(username="troll")
    review = feedback.post_review(chapter=chapter, user=reviewer, body="Nasty words here")
    run_worker()
    assert Notification.objects.filter(user=work.author, kind="review").exists()
    assert Work.objects.get(pk=work.pk).review_count == 1
    act(mod_client, "review", review.pk, "hide", "Harassment.")
    assert Work.objects.get(pk=work.pk).review_count == 0
    assert not Notification.objects.filter(user=work.author, kind="review").exists()
    client.force_login(work.author)
    assert "Nasty words here" not in client.get(work.get_absolute_url()).content.decode()
    overview = client.get(reverse("feedback:work_reviews", args=[work.pk]))
    assert overview.context["total"] == 0
    client.force_login(reviewer)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Nasty words here" in page and "Hidden by a moderator" in page
    assert "Nasty words here" in mod_client.get(work.get_absolute_url()).content.decode()
    act(mod_client, "review", review.pk, "restore", "On second thoughts.")
    assert Work.objects.get(pk=work.pk).review_count == 1


def test_delete_review_chapter_and_work(mod_client):
    work = make_work(chapters=2, title="Doomed")
    one, two = work.chapters.order_by("position")
    review = feedback.post_review(chapter=one, user=UserFactory(), body="Spam spam")
    act(mod_client, "review", review.pk, "delete")
    assert not Review.objects.exists() and Work.objects.get(pk=work.pk).review_count == 0
    act(mod_client, "chapter", two.pk, "delete")
    assert list(work.chapters.all()) == [one]
    response = act(mod_client, "work", work.pk, "delete", "Illegal.")
    assert response["Location"] == reverse("moderation:queue")
    assert not Work.objects.filter(pk=work.pk).exists()
    assert [a.kind for a in ModerationAction.objects.order_by("id")] == ["delete"] * 3
    assert "deleted your work “Doomed”" in Notification.objects.filter(user=work.author).first().text


def test_actions_need_a_reason_and_a_future_end_for_suspensions(mod_client):
    work = make_work()
    no_reason = act(mod_client, "work", work.pk, "hide", reason="")
    assert no_reason.status_code == 400 and "Say why" in no_reason.content.decode()
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    suspended = act(mod_client, "user", work.author.pk, "suspend", until=past)
    assert suspended.status_code == 400 and "must be in the future" in suspended.content.decode()
    assert not ModerationAction.objects.exists()


# --- Accounts: warn, suspend, ban, delete ------------------------------------------------------------


def test_warning_reaches_the_user(mod_client):
    user = UserFactory(username="warned")
    act(mod_client, "user", user.pk, "warn", "Please tag your works properly.")
    assert Notification.objects.get(user=user).text == "A moderator has sent you a warning."
    assert "Please tag your works properly." in mail.outbox[-1].body


def test_suspended_user_reads_but_cannot_post_edit_review_or_kudos_until_the_end(mod_client, client):
    user = UserFactory(username="suspended")
    own = make_work(user, title="Mine")
    other = make_work(title="Theirs")
    until = timezone.now() + timedelta(days=3)
    act(mod_client, "user", user.pk, "suspend", "Cooling off.", until=until.strftime("%Y-%m-%dT%H:%M"))
    user.refresh_from_db()
    assert user.is_suspended and "suspended until" in Notification.objects.get(user=user).text
    assert ModerationAction.objects.get().until is not None
    assert client.login(username="suspended", password=PASSWORD)  # logging in still works
    home = client.get("/").content.decode()
    assert "Your account is suspended until" in home and str(until.year) in home
    assert client.get(reverse("works:new")).status_code == 403
    assert client.get(reverse("works:edit", args=[own.pk])).status_code == 403
    assert "suspended" in client.get(reverse("works:new")).content.decode()
    client.post(reverse("feedback:kudos", args=[other.pk]))
    assert not Kudos.objects.exists()
    chapter = other.chapters.get()
    response = client.post(
        reverse("feedback:review_create", args=[other.pk, chapter.pk]), {"body": "Hi", "token": "t1"}
    )
    assert response.status_code == 400 and not Review.objects.exists()
    with pytest.raises(PermissionDenied):
        feedback.leave_kudos(work=other, user=user)
    # The suspension ends by itself.
    User.objects.filter(pk=user.pk).update(suspended_until=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("works:new")).status_code == 200
    client.post(reverse("feedback:kudos", args=[other.pk]))
    assert Kudos.objects.count() == 1


def test_ban_ends_sessions_at_once_and_blocks_login(mod_client, client):
    user = UserFactory(username="banned")
    assert client.login(username="banned", password=PASSWORD)
    assert client.get("/").context["user"].is_authenticated
    act(mod_client, "user", user.pk, "ban", "Repeated harassment.")
    assert not client.get("/").context["user"].is_authenticated
    assert not client.login(username="banned", password=PASSWORD)
    assert mail.outbox[-1].to == [user.email] and "banned" in mail.outbox[-1].subject
    act(mod_client, "user", user.pk, "unban", "Appeal accepted.")
    assert client.login(username="banned", password=PASSWORD)


def test_deleting_a_user_removes_their_works_and_reviews(mod_client):
    user = UserFactory(username="spammer")
    make_work(user)
    feedback.post_review(chapter=make_work().chapters.get(), user=user, body="Buy now")
    act(mod_client, "user", user.pk, "delete", "Spam account.")
    assert not User.objects.filter(username="spammer").exists()
    assert not Review.objects.exists() and Work.objects.count() == 1
    assert ModerationAction.objects.get().target_label == "user spammer"
    assert mail.outbox[-1].to == [user.email] and "deleted your account" in mail.outbox[-1].subject


# --- Site switches ----------------------------------------------------------------------------------


def test_switches_page_is_for_operators(mod_client, client):
    assert mod_client.get(reverse("moderation:switches")).status_code == 403
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(admin)
    response = client.post(
        reverse("moderation:switches"), {"registration": "closed", "guest_reviews": "", "downloads": "on"}
    )
    assert response.status_code == 302
    assert switches.registration() == "closed" and not switches.guest_reviews_enabled()
    assert switches.downloads_enabled() and SiteSwitches.objects.get().pk == 1
    set_switches(downloads=False)
    assert not switches.downloads_enabled()


def test_guest_reviews_off_shows_a_message_and_refuses(client):
    work = make_work()
    chapter = work.chapters.get()
    set_switches(guest_reviews=False)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Guest reviews are turned off" in page and 'name="guest_name"' not in page
    client.post(
        reverse("feedback:review_create", args=[work.pk, chapter.pk]),
        {"body": "Hi", "guest_name": "Anon", "token": "g1"},
    )
    assert not Review.objects.exists()
    client.force_login(UserFactory())
    assert 'class="review-form"' in client.get(work.get_absolute_url()).content.decode()


def signup(client, username="newbie", **extra):
    data = {
        "username": username,
        "email": f"{username}@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("accounts:signup"), {**data, **extra})


def test_closed_registration_has_no_form(client):
    set_switches(registration=Registration.CLOSED)
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "Sign-up is closed" in page and 'name="username"' not in page
    signup(client)
    assert not User.objects.filter(username="newbie").exists()


def test_invite_only_queue_then_code_then_sign_up_once(client, mod_client):
    set_switches(registration=Registration.INVITE)
    assert signup(client).status_code == 200 and not User.objects.filter(username="newbie").exists()
    client.post(reverse("moderation:request_invite"), {"email": "Newbie@Example.org"})
    invite = Invite.objects.get(email="newbie@example.org", code=None)
    assert "newbie@example.org" in mod_client.get(reverse("moderation:invites")).content.decode()
    mod_client.post(reverse("moderation:invites"), {"send": invite.pk})
    invite.refresh_from_db()
    assert invite.code and invite.code in mail.outbox[-1].body
    assert f"?invite={invite.code}" in mail.outbox[-1].body
    wrong = signup(client, invite="not-a-code")
    assert "not valid" in wrong.content.decode()
    assert (
        f'value="{invite.code}"'
        in client.get(reverse("accounts:signup"), {"invite": invite.code}).content.decode()
    )
    signup(client, invite=invite.code)
    user = User.objects.get(username="newbie")
    invite.refresh_from_db()
    assert invite.used_by == user
    client.logout()
    assert "not valid" in signup(client, username="second", invite=invite.code).content.decode()


# --- Block and mute ---------------------------------------------------------------------------------


def test_blocked_user_cannot_review_or_reply_on_the_blockers_works(client):
    writer, pest = UserFactory(username="writerb"), UserFactory(username="pest")
    work = make_work(writer)
    chapter = work.chapters.get()
    earlier = feedback.post_review(chapter=chapter, user=UserFactory(), body="Nice")
    client.force_login(writer)
    client.post(reverse("moderation:block_or_mute", args=["pest", "block"]), {"action": "do"})
    assert Block.objects.filter(blocker=writer, blocked=pest).exists()
    with pytest.raises(PermissionDenied):
        feedback.post_review(chapter=chapter, user=pest, body="Reply", parent=earlier)
    client.force_login(pest)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "The writer has blocked you" in page and 'class="review-form"' not in page
    client.post(reverse("feedback:review_create", args=[work.pk, chapter.pk]), {"body": "Hi", "token": "b1"})
    assert Review.objects.count() == 1
    assert feedback.post_review(chapter=make_work().chapters.get(), user=pest, body="Elsewhere is fine")
    client.force_login(writer)
    assert "pest" in client.get(reverse("moderation:blocked")).content.decode()
    client.post(reverse("moderation:block_or_mute", args=["pest", "block"]), {"action": "undo"})
    assert feedback.post_review(chapter=chapter, user=pest, body="Hello again")


def test_nobody_blocks_or_mutes_themselves(client, reader):
    client.force_login(reader)
    response = client.post(reverse("moderation:block_or_mute", args=[reader.username, "mute"]))
    assert response.status_code == 403 and not Mute.objects.exists()


def test_mute_hides_works_from_listings_with_matching_counts_and_their_reviews(client):
    muted, reader = UserFactory(username="loud"), UserFactory(username="quiet")
    make_work(muted, title="Loud one", rating="teen", tags=["Shared", "Loud Tag"], summary="zanzibar")
    make_work(muted, title="Loud two", tags=["Shared"], summary="zanzibar")
    kept = make_work(title="Kept", tags=["Shared"], summary="zanzibar")
    feedback.post_review(chapter=kept.chapters.get(), user=muted, body="Noise from loud")
    client.force_login(reader)
    before = client.get(reverse("discovery:works"))
    assert before.context["listing"].total == 3 and facet(before, "additional")["Shared"] == 3
    profile = client.get(muted.get_absolute_url()).content.decode()
    assert "Mute loud" in profile and "Block loud" in profile
    client.post(reverse("moderation:block_or_mute", args=["loud", "mute"]), {"action": "do"})
    for url, params in [
        (reverse("discovery:works"), {}),
        (reverse("discovery:search"), {"q": "zanzibar"}),
        ("/tags/Shared/works", {}),
    ]:
        response = client.get(url, params)
        assert titles(response) == ["Kept"], url
        assert response.context["listing"].total == 1
        assert facet(response, "additional") == {"Shared": 1}
        assert facet(response, "rating") == {"general": 1}
    assert "Loud one" not in client.get("/").content.decode()
    assert "Noise from loud" not in client.get(kept.get_absolute_url()).content.decode()
    # On purpose, their own pages still show their works.
    assert "Loud one" in client.get(muted.get_absolute_url()).content.decode()
    client.logout()
    assert "Noise from loud" in client.get(kept.get_absolute_url()).content.decode()
    assert client.get(reverse("discovery:works")).context["listing"].total == 3


def test_mute_adds_no_query_to_listings(client, reader, django_assert_num_queries):
    for number in range(3):
        make_work(title=f"Work {number}")
    client.force_login(reader)
    client.get(reverse("discovery:works"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("discovery:works"))
    Mute.objects.create(muter=reader, muted=UserFactory())
    with django_assert_num_queries(len(before)):
        client.get(reverse("discovery:works"))


def test_switches_and_the_log_in_the_admin(client, moderator):
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(admin)
    assert client.get(reverse("admin:moderation_siteswitches_add")).status_code == 200
    client.post(
        reverse("admin:moderation_siteswitches_add"), {"registration": "invite", "guest_reviews": "on"}
    )
    assert switches.registration() == "invite" and not switches.downloads_enabled()
    action = ModerationAction.objects.create(
        moderator=moderator, kind="warn", target_type="user", target_id=1, target_label="x", reason="r"
    )
    page = client.get(reverse("admin:moderation_moderationaction_change", args=[action.pk]))
    assert page.status_code == 200 and 'name="reason"' not in page.content.decode()  # read-only evidence


# --- Titles on one line; mail failures never undo an action (issue 16, hole 7) -------------------------


def test_work_chapter_and_series_titles_with_line_breaks_are_saved_on_one_line(writer_client, writer):
    from test_posting import new_work_data

    response = writer_client.post(
        reverse("works:new"),
        new_work_data(
            title="Come Away\r\n  With Me\t",
            **{"chapter-title": "The\nRoad\x07"},
            additional_tags="Road\nTrips",
        ),
    )
    work = Work.objects.get(author=writer)
    assert response.status_code == 302
    assert (work.title, work.chapters.get().title) == ("Come Away With Me", "The Road")
    assert "Road Trips" in [tag.name for tag in work.tags.all()]
    writer_client.post(reverse("series:new"), {"title": "Winter\nCycle", "summary": "Line one.\nLine two."})
    from quire.series.models import Series

    series = Series.objects.credited_to(writer).get()
    assert series.title == "Winter Cycle" and "Line two." in series.summary_html  # a summary keeps its lines


def test_title_of_line_breaks_only_is_refused_with_the_usual_message(writer_client):
    from test_posting import new_work_data

    response = writer_client.post(
        reverse("works:new"), new_work_data(title="\n\t\n", summary="Kept summary.")
    )
    page = response.content.decode()
    assert "This field is required." in page and "Kept summary." in page
    assert not Work.objects.exists()


def test_api_title_with_a_line_break_is_saved_on_one_line(client, writer):
    from quire.api.services import create_token

    token = create_token(user=writer, name="script")[1]
    payload = {
        "title": "Exit\nRamps",
        "rating": "teen",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore\nGirls"],
        "chapter": {"title": "Start\r\nHere", "body": "<p>They drove.</p>"},
        "post": True,
    }
    response = client.post(
        "/api/v1/works", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 201, response.content
    work = Work.objects.get(author=writer)
    assert (work.title, work.chapters.get().title) == ("Exit Ramps", "Start Here")
    assert "Gilmore Girls" in [tag.name for tag in work.tags.all()]


def test_moderator_hides_a_work_whose_stored_title_has_a_line_break(mod_client):
    work = make_work(title="Spam")
    Work.objects.filter(pk=work.pk).update(title="Buy\nnow")  # stored before titles were one line
    response = act(mod_client, "work", work.pk, "hide", "Spam links.")
    assert response.status_code == 302
    assert Work.objects.get(pk=work.pk).hidden_at is not None
    (email,) = mail.outbox
    assert email.to == [work.author.email] and "Buy now" in email.subject and "\n" not in email.subject


def test_a_failing_mail_server_does_not_undo_a_moderation_action(mod_client, settings, caplog):
    from mail_backends import FAILING

    work = make_work(title="Reported")
    settings.EMAIL_BACKEND = FAILING
    response = act(mod_client, "work", work.pk, "hide", "Spam links.")
    assert response.status_code == 302
    assert Work.objects.get(pk=work.pk).hidden_at is not None  # the hide stands
    assert ModerationAction.objects.get().kind == "hide"
    assert Notification.objects.get(user=work.author, kind="moderation")  # the inbox still tells them
    assert "could not be sent" in caplog.text


# --- Every moderation write is logged (issue 16, hole 10) ----------------------------------------------


def test_closing_reports_about_something_gone_is_logged_with_who_and_why(mod_client, moderator, client):
    work = make_work(title="Gone Soon")
    client.force_login(UserFactory(username="reporter"))
    client.post(
        reverse("moderation:report", args=["work", work.pk]), {"reason": "spam", "details": "Ads everywhere."}
    )
    work_id = work.pk
    works.delete_work(work=work, user=work.author)
    response = act(mod_client, "work", work_id, "dismiss", "Its writer deleted it.")
    assert response.status_code == 302
    assert Report.objects.get().status == Report.Status.DISMISSED
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.reason, action.target_type, action.target_id) == (
        "dismiss",
        moderator,
        "Its writer deleted it.",
        "work",
        work_id,
    )
    assert "Gone Soon" in action.target_label
    assert "Gone Soon" in mod_client.get(reverse("moderation:log")).content.decode()


def test_reports_already_closed_are_not_closed_twice(mod_client):
    Report.objects.create(
        target_type="work",
        target_id=9999,
        target_label="work “Old”",
        reason="spam",
        details="d",
        status=Report.Status.DISMISSED,
    )
    response = act(mod_client, "work", 9999, "dismiss", "Again.")
    assert response.status_code == 400 and "These reports are already closed." in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_reports_are_closed_in_the_queue_not_edited_in_the_admin(client):
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(admin)
    report = Report.objects.create(
        target_type="work", target_id=1, target_label="work “X”", reason="spam", details="d"
    )
    change = reverse("admin:moderation_report_change", args=[report.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    client.post(change, {"status": "dismissed", "target_type": "work", "target_id": 1, "reason": "spam"})
    assert Report.objects.get().status == Report.Status.OPEN


@pytest.mark.parametrize("kind", ["delete", "ban"])
def test_deleting_and_banning_ask_for_confirmation_first(mod_client, kind):
    work = make_work(title="Spam Story")
    target_type, target_id = ("work", work.pk) if kind == "delete" else ("user", work.author_id)
    url = reverse("moderation:case", args=[target_type, target_id])
    asked = mod_client.post(url, {"kind": kind, "reason": "Spam."})
    page = asked.content.decode()
    assert asked.status_code == 200 and f"Yes, {kind}" in page and "Spam." in page
    assert not ModerationAction.objects.exists()
    assert Work.objects.filter(pk=work.pk).exists() and User.objects.get(pk=work.author_id).is_active
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = mod_client.post(url, {"kind": kind, "reason": "Spam.", "confirmed": "on"})
    assert done.status_code == 302 and ModerationAction.objects.get().kind == kind


def test_a_case_shows_its_reports_before_the_action_form(mod_client, client):
    work = make_work(title="Reported")
    client.post(
        reverse("moderation:report", args=["work", work.pk]),
        {"reason": "spam", "details": "Links to a shop.", "email": "r@example.org"},
    )
    page = mod_client.get(reverse("moderation:case", args=["work", work.pk])).content.decode()
    assert page.index("Links to a shop.") < page.index("Take action")
