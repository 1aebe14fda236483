"""Kudos, reviews, bookmarks and "more, please", as readers and writers use them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from factories import UserFactory, make_work

from quire.feedback import services as feedback
from quire.feedback.models import Bookmark, Kudos, MorePlease, Review
from quire.works.enums import ReviewPolicy

pytestmark = pytest.mark.django_db


def kudos(client, work, **extra):
    return client.post(reverse("feedback:kudos", args=[work.pk]), **extra)


def test_reader_kudos_once_and_names_are_shown(client):
    work = make_work()
    reader = UserFactory(username="fan")
    client.force_login(reader)
    kudos(client, work)
    kudos(client, work)
    assert Kudos.objects.filter(work=work).count() == 1
    page = client.get(work.get_absolute_url()).content.decode()
    assert "fan</a>" in page and "left kudos on this work" in page and "Kudos left ♥" in page


def test_writer_cannot_kudos_own_work(client):
    work = make_work()
    client.force_login(work.author)
    response = kudos(client, work, follow=True)
    assert "your own work" in response.content.decode() and not Kudos.objects.exists()


def test_guest_kudos_counts_once_by_cookie_and_by_address(client):
    work = make_work()
    kudos(client, work)
    kudos(client, work)  # same cookie
    client.cookies.clear()
    kudos(client, work)  # new cookie, same address today
    client.cookies.clear()
    kudos(client, work, REMOTE_ADDR="203.0.113.9")  # new cookie again, another address
    assert Kudos.objects.filter(work=work).count() == 2
    assert not Kudos.objects.filter(address_hash__contains="127.0.0.1").exists()
    assert all(len(k.address_hash) == 40 for k in Kudos.objects.all())
    assert "2 guests left kudos" in client.get(work.get_absolute_url()).content.decode()


def test_guest_kudos_spam_from_one_address_makes_one(client):
    work = make_work()
    for _ in range(25):
        client.cookies.clear()
        kudos(client, work)
    assert Kudos.objects.filter(work=work).count() == 1


def review(client, chapter, body="Loved it!", **fields):
    data = {"body": body, "token": fields.pop("token", f"t-{body}")[:64], **fields}
    return client.post(reverse("feedback:review_create", args=[chapter.work_id, chapter.pk]), data)


def test_review_shows_under_its_chapter_and_on_the_work_page(client):
    work = make_work(chapters=2)
    one, two = work.chapters.order_by("position")
    client.force_login(UserFactory(username="critic"))
    response = review(client, two, "Chapter two made me cry.")
    saved = Review.objects.get()
    assert response["Location"] == f"/works/{work.pk}/chapters/{two.pk}#review-{saved.pk}"
    assert "Chapter two made me cry." in client.get(two.get_absolute_url()).content.decode()
    assert "Chapter two made me cry." not in client.get(one.get_absolute_url()).content.decode()
    overview = client.get(reverse("feedback:work_reviews", args=[work.pk]))
    assert overview.context["total"] == 1 and [c.review_count for c in overview.context["chapters"]] == [0, 1]


def test_double_submit_makes_one_review(client):
    work = make_work()
    chapter = work.chapters.get()
    client.force_login(UserFactory())
    review(client, chapter, "Twice clicked", token="same-token")
    review(client, chapter, "Twice clicked", token="same-token")
    assert Review.objects.count() == 1


def test_threaded_replies_and_writer_reply(client):
    work = make_work()
    chapter = work.chapters.get()
    client.force_login(UserFactory(username="reader1"))
    review(client, chapter, "First!")
    assert "Your review was posted." in client.get(chapter.get_absolute_url()).content.decode()
    first = Review.objects.get()
    client.force_login(work.author)
    posted = client.get(review(client, chapter, "Thank you!", parent=first.pk)["Location"]).content.decode()
    assert "Your reply was posted." in posted and "Your review was posted." not in posted
    reply = Review.objects.get(parent=first)
    assert reply.thread == first and reply.user == work.author
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert page.index("First!") < page.index("Thank you!") and "(writer)" in page


def test_writers_reply_to_reviews_but_do_not_review_their_own_work(client):
    draft = make_work(posted=False)
    work = make_work(draft.author)
    client.force_login(work.author)
    for own in (draft, work):  # the draft preview and the posted page
        page = client.get(own.get_absolute_url()).content.decode()
        assert 'class="review-form"' not in page and "Post review" not in page
        assert "Readers’ reviews appear here; you can reply to each." in page

    chapter = work.chapters.get()
    response = review(client, chapter, "Honestly my best chapter yet.")
    page = response.content.decode()
    assert response.status_code == 400 and not Review.objects.exists()
    assert "review your own work" in page and "Honestly my best chapter yet.</textarea>" in page
    with pytest.raises(PermissionDenied, match="review your own work"):
        feedback.post_review(chapter=chapter, user=work.author, body="Through the service.")

    client.force_login(UserFactory())
    review(client, chapter, "Please continue!")
    reader_review = Review.objects.get()
    client.force_login(work.author)
    assert review(client, chapter, "Thank you!", parent=reader_review.pk).status_code == 302
    assert Review.objects.get(parent=reader_review).user == work.author
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Thank you!" in page and 'name="parent"' in page and 'class="review-form"' not in page


def test_guests_review_with_a_name_when_allowed(client):
    work = make_work()
    chapter = work.chapters.get()
    response = review(client, chapter, "Anonymous love")
    assert (
        response.status_code == 400 and "Guests sign their reviews with a name" in response.content.decode()
    )
    assert "Anonymous love" in response.content.decode()  # kept as typed
    review(client, chapter, "Anonymous love", guest_name="Reader in Paris", token="t2")
    assert Review.objects.get().guest_name == "Reader in Paris"


@pytest.mark.parametrize(
    ("policy", "guest_ok", "user_ok"),
    [("everyone", True, True), ("registered", False, True), ("nobody", False, False)],
)
def test_who_may_review(client, policy, guest_ok, user_ok):
    work = make_work()
    work.review_policy = policy
    work.save()
    chapter = work.chapters.get()
    review(client, chapter, "guest words", guest_name="G")
    client.force_login(UserFactory())
    review(client, chapter, "user words")
    bodies = set(Review.objects.values_list("body", flat=True))
    assert ("guest words" in bodies) == guest_ok and ("user words" in bodies) == user_ok


def test_moderated_reviews_wait_for_approval(client):
    work = make_work()
    work.moderate_reviews = True
    work.save()
    chapter = work.chapters.get()
    reviewer = UserFactory()
    client.force_login(reviewer)
    review(client, chapter, "Pending words")
    pending = Review.objects.get()
    assert pending.status == Review.Status.PENDING
    assert (
        "Pending words" in client.get(chapter.get_absolute_url()).content.decode()
    )  # the reviewer sees their own
    client.logout()
    assert "Pending words" not in client.get(chapter.get_absolute_url()).content.decode()
    client.force_login(work.author)
    client.post(reverse("feedback:review_moderate", args=[pending.pk, "approve"]))
    client.logout()
    assert "Pending words" in client.get(chapter.get_absolute_url()).content.decode()


def test_reviewer_edits_and_deletes_own_review_and_writer_deletes_any(client):
    work = make_work()
    chapter = work.chapters.get()
    reviewer, other = UserFactory(), UserFactory()
    client.force_login(reviewer)
    review(client, chapter, "Typo'd revew")
    mine = Review.objects.get()
    client.post(reverse("feedback:review_edit", args=[mine.pk]), {"body": "Fixed review"})
    mine.refresh_from_db()
    assert mine.body == "Fixed review" and mine.edited_at
    client.force_login(other)
    assert client.post(reverse("feedback:review_edit", args=[mine.pk]), {"body": "hijack"}).status_code == 403
    client.post(reverse("feedback:review_delete", args=[mine.pk]))
    assert Review.objects.filter(pk=mine.pk).exists()
    client.force_login(work.author)
    client.post(reverse("feedback:review_delete", args=[mine.pk]))
    assert not Review.objects.filter(pk=mine.pk).exists()


def test_deleting_a_review_with_replies_keeps_the_thread(client):
    work = make_work()
    chapter = work.chapters.get()
    client.force_login(UserFactory())
    review(client, chapter, "Parent")
    parent = Review.objects.get()
    client.force_login(work.author)
    review(client, chapter, "Reply", parent=parent.pk)
    client.post(reverse("feedback:review_delete", args=[parent.pk]))
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "This review was deleted." in page and "Reply" in page and "Parent</" not in page


def test_frozen_thread_refuses_replies_except_from_the_writer(client):
    work = make_work()
    chapter = work.chapters.get()
    reader = UserFactory()
    client.force_login(reader)
    review(client, chapter, "Start")
    root = Review.objects.get()
    client.force_login(work.author)
    client.post(reverse("feedback:review_moderate", args=[root.pk, "freeze"]))
    client.force_login(reader)
    response = review(client, chapter, "Blocked reply", parent=root.pk)
    assert response.status_code == 400 and "frozen" in response.content.decode()
    client.force_login(work.author)
    review(client, chapter, "Writer may still reply", parent=root.pk)
    assert Review.objects.count() == 2


def test_reviews_on_invisible_chapters_are_impossible(client):
    draft = make_work(posted=False)
    restricted = make_work(restricted=True)
    for work in (draft, restricted):
        response = review(client, work.chapters.get(), "sneaky", guest_name="x")
        assert response.status_code == 404
    assert not Review.objects.exists()


def test_bookmark_with_note_tags_private_and_rec(client):
    work = make_work()
    reader = UserFactory(username="curator")
    client.force_login(reader)
    url = reverse("feedback:bookmark", args=[work.pk])
    client.post(url, {"note": "Reread in winter", "tags": "comfort, favourites", "rec": "on"})
    client.post(url, {"note": "Reread in winter", "tags": "comfort, favourites", "rec": "on"})  # retried
    bookmark = Bookmark.objects.get()
    assert (bookmark.rec, bookmark.private, bookmark.tag_list) == (True, False, ["comfort", "favourites"])
    assert "Reread in winter" in client.get("/users/curator/bookmarks").content.decode()
    client.post(url, {"note": "secret", "private": "on"})
    client.logout()
    assert "secret" not in client.get("/users/curator/bookmarks").content.decode()
    client.force_login(reader)
    client.post(url, {"delete": "1"})
    assert not Bookmark.objects.exists()


def test_more_please_once_per_reader_and_writer_sees_count(client):
    work = make_work(expected_chapters=None)
    reader = UserFactory()
    client.force_login(reader)
    client.post(reverse("feedback:more_please", args=[work.pk]))
    client.post(reverse("feedback:more_please", args=[work.pk]))
    client.logout()
    client.post(reverse("feedback:more_please", args=[work.pk]))
    assert MorePlease.objects.filter(work=work, for_chapter=2).count() == 2
    client.force_login(work.author)
    assert "2 readers asked for chapter 2" in client.get(work.get_absolute_url()).content.decode()


def test_more_please_is_not_offered_on_complete_works(client):
    work = make_work(expected_chapters=1)
    assert "More, please" not in client.get(work.get_absolute_url()).content.decode()
    client.post(reverse("feedback:more_please", args=[work.pk]))
    assert not MorePlease.objects.exists()


def test_review_policy_on_the_posting_form(writer_client):
    from test_posting import new_work_data

    writer_client.post(reverse("works:new"), new_work_data(review_policy="registered", moderate_reviews="on"))
    from quire.works.models import Work

    work = Work.objects.get()
    assert (work.review_policy, work.moderate_reviews) == (ReviewPolicy.REGISTERED, True)


def test_listings_sort_by_kudos_reviews_and_bookmarks(client):
    quiet = make_work(title="Quiet")
    loved = make_work(title="Loved")
    for _ in range(2):
        client.force_login(UserFactory())
        client.post(reverse("feedback:kudos", args=[loved.pk]))
        review(client, loved.chapters.get(), f"yes {_}", token=f"k{_}")
        client.post(reverse("feedback:bookmark", args=[loved.pk]), {"note": ""})
    for sort in ("kudos", "comments", "bookmarks"):
        response = client.get(reverse("discovery:works"), {"sort": sort})
        assert [w.title for w in response.context["listing"].page.object_list] == ["Loved", "Quiet"], sort
    loved.refresh_from_db()
    assert (loved.kudos_count, loved.review_count, loved.bookmark_count) == (2, 2, 2)
    assert quiet.kudos_count == 0
