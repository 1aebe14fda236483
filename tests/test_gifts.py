"""Gifts (issue 21): a work given to members (by pseud) or to names of people who are not members; the
recipient is told, finds it on /users/<user>/gifts and may refuse it, which takes their name off the work
everywhere it shows without telling the writer. A member who blocked the writer is not given the work."""

import io
import json
import shutil

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from epub_support import OPF_NS, opf, read_entry
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from task_queue import run_worker
from test_posting import new_work_data

from quire.accounts.models import Pseud
from quire.api.services import create_token
from quire.creators.services import credit_creator
from quire.exports.document import fingerprint
from quire.feeds.atom import feed_works
from quire.follows.models import Notification
from quire.gifts import services as gifts
from quire.gifts.models import Gift
from quire.gifts.selectors import gift_works
from quire.moderation import services as moderation
from quire.moderation.models import Block
from quire.privacy.deletion import WorksChoice, delete_account
from quire.works.models import Work


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.DATA_EXPORTS_DIR = tmp_path / "data-exports"


def _post(writer_client, **overrides):
    return writer_client.post(reverse("works:new"), new_work_data(**overrides))


def _give(work, *names):
    return gifts.set_gifts(work=work, user=work.author, names=list(names))


def _gift_line(html: str) -> str:
    start = html.find('<p class="gifts">')
    return html[start : html.index("</p>", start) + 4] if start >= 0 else ""


def _epub(client, work) -> bytes:
    from quire.exports.naming import download_url

    response = client.get(download_url(work, "epub"))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _description(content: bytes) -> str:
    package, _ = opf(content)
    return package.findtext(".//dc:description", namespaces=OPF_NS) or ""


# --- Giving ------------------------------------------------------------------------------------------


def test_a_gift_to_a_member_shows_for_them_linked_to_their_pseud_page(writer_client, writer, reader):
    response = _post(writer_client, recipients="reader")
    work = Work.objects.get(author=writer)
    assert response.status_code == 302
    page = Client().get(work.get_absolute_url()).content.decode()
    assert _gift_line(page) == '<p class="gifts">for <a href="/users/reader/pseuds/reader">reader</a></p>'


def test_a_gift_to_a_name_that_is_no_member_shows_it_unlinked(writer_client, writer):
    _post(writer_client, recipients="Lane Kim, lanesdrumkit")
    work = Work.objects.get(author=writer)
    page = Client().get(work.get_absolute_url()).content.decode()
    assert _gift_line(page) == '<p class="gifts">for Lane Kim, lanesdrumkit</p>'


def test_a_member_is_named_by_pseud_and_user_and_a_second_pseud_shows_as_its_byline(writer, reader):
    Pseud.objects.create(user=reader, name="Lane")
    work = make_work(writer)
    _give(work, "Lane (reader)")
    page = Client().get(work.get_absolute_url()).content.decode()
    assert (
        _gift_line(page) == '<p class="gifts">for <a href="/users/reader/pseuds/Lane">Lane (reader)</a></p>'
    )
    # The edit form gives the names back as typed, so saving it again changes nothing.
    assert 'value="Lane (reader)"' in _edit_form(writer, work)


def _edit_form(writer, work) -> str:
    client = Client()
    client.force_login(writer)
    return client.get(reverse("works:edit", args=[work.pk])).content.decode()


def test_names_the_form_cannot_understand_are_explained_and_everything_typed_stays(writer_client, writer):
    for user in ("samone", "samtwo"):
        Pseud.objects.create(user=UserFactory(username=user), name="Sam")
    response = _post(
        writer_client, recipients="Sam, Rory (nobodyhere), Jess (samone), ???", title="Kept Title"
    )
    assert response.status_code == 200
    assert not Work.objects.filter(author=writer).exists()
    errors = [str(e) for e in response.context["work_form"].errors["recipients"]]
    assert errors == [
        "“Sam”: several members write as Sam. Type “Sam (samone)” or “Sam (samtwo)” to say which one you mean.",
        "“Rory (nobodyhere)”: there is no member called “nobodyhere”. To give the work to someone who is "
        "not a member, type their name without the brackets.",
        "“Jess (samone)”: samone has no pseud called “Jess” (their pseuds: “samone”, “Sam”).",
        "“???”: a name needs at least one letter or number.",
    ]
    page = response.content.decode()
    assert 'value="Sam, Rory (nobodyhere), Jess (samone), ???"' in page
    assert 'value="Kept Title"' in page


def test_two_pseuds_of_one_member_are_one_gift_too_many(writer_client, writer, reader):
    Pseud.objects.create(user=reader, name="Lane")
    response = _post(writer_client, recipients="reader, Lane (reader)")
    assert response.context["work_form"].errors["recipients"] == [
        "“reader (reader)” and “Lane (reader)” are the same member: a work is a gift to each member once."
    ]


def test_a_member_who_blocked_the_writer_is_refused_with_a_clear_message(writer_client, writer, reader):
    moderation.toggle(Block, user=reader, other=writer, on=True)
    response = _post(writer_client, recipients="reader, Lane Kim", title="Still Here")
    assert response.status_code == 200
    assert response.context["work_form"].errors["recipients"] == [
        "reader does not accept gifts from you, so the work cannot be a gift to them."
    ]
    assert not Work.objects.filter(author=writer).exists()
    assert not Gift.objects.exists()
    page = response.content.decode()
    assert 'value="reader, Lane Kim"' in page and 'value="Still Here"' in page


def test_editing_changes_the_recipients_and_keeps_what_was_typed_on_error(writer, reader):
    work = make_work(writer)
    _give(work, "reader", "Lane Kim")
    client = Client()
    client.force_login(writer)
    assert 'value="reader, Lane Kim"' in _edit_form(writer, work)
    data = new_work_data(recipients="Lane Kim, Paris Geller")
    response = client.post(reverse("works:edit", args=[work.pk]), data)
    assert response.status_code == 302
    assert [g.recipient for g in Gift.objects.filter(work=work)] == ["Lane Kim", "Paris Geller"]
    moderation.toggle(Block, user=reader, other=writer, on=True)
    response = client.post(reverse("works:edit", args=[work.pk]), {**data, "recipients": "reader"})
    assert response.status_code == 200
    assert "reader does not accept gifts from you" in response.content.decode()
    assert [g.recipient for g in Gift.objects.filter(work=work)] == ["Lane Kim", "Paris Geller"]


def test_a_name_given_stays_a_name_when_members_later_write_under_it(writer):
    work = make_work(writer)
    _give(work, "Sam")
    for user in ("samone", "samtwo"):
        Pseud.objects.create(user=UserFactory(username=user), name="Sam")
    _give(work, "Sam", "Lane Kim")
    assert [(g.pseud_id, g.recipient) for g in Gift.objects.filter(work=work)] == [
        (None, "Sam"),
        (None, "Lane Kim"),
    ]


# --- Telling the recipient ---------------------------------------------------------------------------


def test_the_member_is_told_in_their_inbox_once_the_work_is_posted(writer_client, writer, reader):
    _post(writer_client, recipients="reader, Lane Kim", action="draft")
    work = Work.objects.get(author=writer)
    run_worker()
    assert not Notification.objects.filter(kind=Notification.Kind.GIFT).exists()
    writer_client.post(reverse("works:post", args=[work.pk]))
    run_worker()
    told = Notification.objects.get(kind=Notification.Kind.GIFT)
    assert (told.user, told.text, told.url) == (
        reader,
        "writer gave you a work: Come Away With Me",
        work.get_absolute_url(),
    )
    client = Client()
    client.force_login(reader)
    assert "writer gave you a work: Come Away With Me" in client.get("/inbox?kind=gift").content.decode()


def test_a_member_added_to_a_posted_work_is_told_and_nobody_twice(writer, reader):
    other = UserFactory(username="other")
    work = make_work(writer)
    _give(work, "reader")
    run_worker()
    _give(work, "reader", "other")
    run_worker()
    told = Notification.objects.filter(kind=Notification.Kind.GIFT).order_by("user__username")
    assert [n.user for n in told] == [other, reader]


def test_the_gift_message_names_every_creator_of_a_co_created_work(writer, reader):
    cowriter = UserFactory(username="cowriter")
    work = make_work(writer, title="Ours")
    credit_creator(work, cowriter.default_pseud)
    _give(work, "reader")
    run_worker()
    assert (
        Notification.objects.get(kind=Notification.Kind.GIFT).text == "writer, cowriter gave you a work: Ours"
    )


# --- Refusing ----------------------------------------------------------------------------------------


def test_a_refused_gift_leaves_the_work_page_gifts_page_epub_and_feed_and_the_writer_is_not_told(
    writer, reader, settings
):
    settings.SITE_URL, settings.SITE_URL_SET = "https://archive.example.org", True
    work = make_work(writer, title="Gift Wrapped")
    _give(work, "reader", "Lane Kim")
    run_worker()
    guest = Client()
    recipient = Client()
    recipient.force_login(reader)

    assert "for <a" in _gift_line(guest.get(work.get_absolute_url()).content.decode())
    gifts_page = recipient.get("/users/reader/gifts").content.decode()
    assert "Gift Wrapped" in gifts_page and "Refuse gift “Gift Wrapped”" in gifts_page
    before = _epub(guest, work)
    assert _description(before).startswith("<p>for reader, Lane Kim</p>")
    assert "for <a" in read_entry(before, "title.xhtml")
    feed = guest.get("/users/writer/works/feed.atom").content.decode()
    assert (
        '&lt;p&gt;for &lt;a href="https://archive.example.org/users/reader/pseuds/reader"&gt;reader&lt;/a&gt;, Lane Kim&lt;/p&gt;'
        in feed
    )
    writers_inbox = list(Notification.objects.filter(user=writer).values_list("pk", flat=True))

    gift = Gift.objects.get(work=work, pseud__user=reader)
    response = recipient.post(reverse("gifts:refuse", args=[gift.pk]), follow=True)
    assert "You refused “Gift Wrapped”" in response.content.decode()

    assert (
        _gift_line(guest.get(work.get_absolute_url()).content.decode()) == '<p class="gifts">for Lane Kim</p>'
    )
    assert "Gift Wrapped" not in recipient.get("/users/reader/gifts").content.decode()
    assert "Gift Wrapped" not in guest.get("/users/reader/gifts").content.decode()
    after = _epub(guest, work)
    assert _description(after).startswith("<p>for Lane Kim</p>") and "reader" not in _description(after)
    assert "/users/reader" not in read_entry(after, "title.xhtml")
    assert "/users/reader" not in guest.get("/users/writer/works/feed.atom").content.decode()
    assert list(Notification.objects.filter(user=writer).values_list("pk", flat=True)) == writers_inbox
    # The writer's own form does not show it either, and typing the name again gives nothing, silently.
    assert 'value="Lane Kim"' in _edit_form(writer, work)
    _give(work, "Lane Kim", "reader")
    assert [g.recipient for g in Gift.objects.filter(work=work).shown()] == ["Lane Kim"]
    # Their refused list lets them change their mind.
    assert "Gift Wrapped" in recipient.get("/users/reader/gifts?refused=true").content.decode()
    recipient.post(reverse("gifts:accept", args=[gift.pk]))
    assert "Gift Wrapped" in recipient.get("/users/reader/gifts").content.decode()


def test_only_the_recipient_may_refuse_a_gift(writer, reader):
    work = make_work(writer)
    _give(work, "reader")
    gift = Gift.objects.get()
    for user in (writer, UserFactory(username="stranger")):
        client = Client()
        client.force_login(user)
        assert client.post(reverse("gifts:refuse", args=[gift.pk])).status_code == 404
    assert Gift.objects.get().refused_at is None


def test_the_download_fingerprint_changes_with_the_gifts(writer, reader):
    work = make_work(writer)

    def key():
        return fingerprint(Work.objects.for_listing().get(pk=work.pk), include_unposted=False, site="")

    plain = key()
    _give(work, "reader")
    gifted = key()
    gifts.refuse_gift(user=reader, gift_id=Gift.objects.get().pk)
    assert len({plain, gifted, key()}) == 2 and plain != gifted and key() == plain


def test_a_deleted_recipients_gifts_disappear(writer, reader):
    work = make_work(writer, title="For Someone Gone")
    _give(work, "reader", "Lane Kim")
    delete_account(reader, works=WorksChoice.DELETE)
    assert (
        _gift_line(Client().get(work.get_absolute_url()).content.decode())
        == '<p class="gifts">for Lane Kim</p>'
    )


STATES = ("posted", "restricted", "draft")


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(made=st.lists(st.tuples(st.sampled_from(STATES), st.booleans()), unique_by=lambda g: g[0]))
def test_a_gifts_page_counts_exactly_the_unrefused_gifts_its_viewer_may_see(writer, reader, made):
    works = {w.title: w for w in Work.objects.filter(author=writer)} or {
        state: make_work(writer, title=state, posted=state != "draft", restricted=state == "restricted")
        for state in STATES
    }
    Gift.objects.all().delete()
    pseud = reader.default_pseud
    Gift.objects.bulk_create(
        [
            Gift(work=works[state], pseud=pseud, refused_at=timezone.now() if refused else None)
            for state, refused in made
        ]
    )
    shown = {state for state, refused in made if not refused}
    refused = {state for state, refused in made if refused}
    assert gift_works(AnonymousUser(), reader).count() == len(shown & {"posted"})
    assert gift_works(reader, reader).count() == len(shown - {"draft"})
    assert gift_works(reader, reader, refused=True).count() == len(refused - {"draft"})
    assert gift_works(writer, reader).count() == len(shown)  # the writer's own listings hold their draft


# --- Listings, feeds and the API ---------------------------------------------------------------------


def _queries(path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    return len(queries)


def test_listings_read_every_blurbs_recipients_in_one_query(writer):
    recipients = [UserFactory(username=f"fan{n}") for n in range(4)]
    first = make_work(writer, title="Work 0")
    _give(first, "fan0", "Someone")
    paths = ("/works", "/users/writer", "/users/fan0/gifts", "/users/writer/works/feed.atom")
    [_queries(path) for path in paths]  # the first visit fills the site's caches
    one = [_queries(path) for path in paths]
    for n in range(1, 4):
        work = make_work(writer, title=f"Work {n}")
        _give(work, recipients[n].username, "fan0", f"Someone {n}")
    assert [_queries(path) for path in paths] == one
    listing = Client().get("/works").content.decode()
    assert (
        '<a href="/users/fan3/pseuds/fan3">fan3</a>, <a href="/users/fan0/pseuds/fan0">fan0</a>, Someone 3'
        in listing
    )
    assert len(feed_works().for_listing()) == 4


def _api(client_user, method, path, body=None):
    _, key = create_token(user=client_user, name="gifts")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    call = getattr(client, method)
    if body is None:
        return call(f"/api/v1/{path}")
    return call(f"/api/v1/{path}", json.dumps(body), content_type="application/json")


def test_the_api_gives_shows_and_refuses_like_the_forms(writer, reader):
    body = {
        "title": "By Token",
        "rating": "general",
        "warnings": ["none_apply"],
        "fandoms": ["Gilmore Girls"],
        "gift_to": ["reader", "Lane Kim"],
        "chapter": {"body": "Text."},
        "post": True,
    }
    created = _api(writer, "post", "works", body)
    assert created.status_code == 201, created.content
    work_id = created.json()["id"]
    assert created.json()["gift_to"] == [
        {
            "name": "reader",
            "username": "reader",
            "pseud": "reader",
            "url": "http://testserver/users/reader/pseuds/reader",
        },
        {"name": "Lane Kim", "username": None, "pseud": None, "url": None},
    ]
    assert [g["name"] for g in Client().get(f"/api/v1/works/{work_id}").json()["gift_to"]] == [
        "reader",
        "Lane Kim",
    ]

    changed = _api(writer, "put", f"works/{work_id}/gifts", {"gift_to": ["Paris"]})
    assert [g["name"] for g in changed.json()["gift_to"]] == ["Paris"]

    moderation.toggle(Block, user=reader, other=writer, on=True)
    refused = _api(writer, "put", f"works/{work_id}/gifts", {"gift_to": ["reader"]})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "gift_to",
            "message": "reader does not accept gifts from you, so the work cannot be a gift to them.",
        }
    ]
    unknown = _api(writer, "post", "works", {**body, "gift_to": ["Sam (nobodyhere)"]})
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["gift_to"]
    assert _api(reader, "put", f"works/{work_id}/gifts", {"gift_to": []}).status_code == 404


def test_the_data_export_holds_gifts_given_and_received(writer, reader):
    work = make_work(writer, title="Given")
    _give(work, "reader", "Lane Kim")
    other = make_work(UserFactory(username="third"), title="Refused One")
    _give(other, "reader")
    gifts.refuse_gift(user=reader, gift_id=Gift.objects.get(work=other).pk)

    from quire.privacy.data_export import manifest

    assert manifest(writer, list(Work.objects.for_listing().filter(author=writer)))["works"][0][
        "gift_to"
    ] == [
        "reader",
        "Lane Kim",
    ]
    received = manifest(reader, [])["gifts_received"]
    assert [(r["work"]["title"], r["refused_at"] is not None) for r in received] == [
        ("Given", False),
        ("Refused One", True),
    ]
    # The third writer's export does not tell them the gift was refused.
    assert (
        manifest(other.author, list(Work.objects.for_listing().filter(pk=other.pk)))["works"][0]["gift_to"]
        == []
    )


@pytest.mark.skipif(shutil.which("ebook-meta") is None, reason="Calibre's ebook-meta is not installed")
def test_calibre_shows_the_gift_in_the_books_comments(writer, reader, tmp_path):
    from test_downloads_calibre import ebook_meta

    work = make_work(writer, summary="A summary.")
    _give(work, "reader")
    path = tmp_path / "gift.epub"
    path.write_bytes(_epub(Client(), work))
    assert ebook_meta(tmp_path, path)["Comments"] == "<p>for reader</p><p>A summary.</p>"


def test_a_name_with_markup_is_shown_as_text_everywhere(writer):
    work = make_work(writer, title="Marked Up")
    _give(work, '<img src=x onerror="alert(1)">Lane')
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Lane"
    client = Client()
    assert escaped in _gift_line(client.get(work.get_absolute_url()).content.decode())
    assert (
        f'by <a rel="author" href="/users/writer/pseuds/writer">writer</a> for {escaped}'
        in client.get("/works").content.decode()
    )
    # The entry's HTML is itself escaped in the XML: the name, escaped in that HTML, is escaped twice.
    assert "&lt;p&gt;for &amp;lt;img src=x" in client.get("/users/writer/works/feed.atom").content.decode()
    title_page = read_entry(_epub(client, work), "title.xhtml")
    assert "<img" not in title_page and "onerror" in title_page


@pytest.mark.django_db
def test_the_demo_has_a_gift_to_a_member_who_was_told_and_one_to_a_name():
    call_command("demo", "--if-empty", stdout=io.StringIO())
    run_worker()
    given = {(g.work.title, g.recipient) for g in Gift.objects.select_related("work", "pseud__user")}
    # The writers' own gifts, and the Fandom Fest exchange's (quire/core/demo_events.py), told at its reveal.
    exchange = {
        ("The Adventure of the Impossible Lodgers", "irregular221b"),
        ("The Adventure of the Forty-One Clocks", "starshollowsnow"),
        ("Exit Ramps", "redshirt_survivor"),
    }
    assert given == {("Signal Loss", "hailingfrequencies"), ("Exit Ramps", "lanesdrumkit"), *exchange}
    told = {
        (n.user.username, n.work.title)
        for n in Notification.objects.filter(kind=Notification.Kind.GIFT).select_related("user", "work")
    }
    assert told == {("hailingfrequencies", "Signal Loss")} | {(user, title) for title, user in exchange}
    assert "Signal Loss" in Client().get("/users/hailingfrequencies/gifts").content.decode()


def test_closed_accounts_and_the_orphan_account_cannot_be_given_a_work(writer_client, writer):
    UserFactory(username="orphan_account")
    UserFactory(username="gone", is_active=False)
    response = _post(writer_client, recipients="orphan_account, gone", title="To Nobody")
    assert response.context["work_form"].errors["recipients"] == [
        "orphan_account is a closed account, so the work cannot be a gift to them.",
        "gone is a closed account, so the work cannot be a gift to them.",
    ]
    assert not Gift.objects.exists()
