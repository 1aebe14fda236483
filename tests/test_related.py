"""Related works (issue 21): a work names what it is inspired by, a translation, a podfic or a remix of, on
this archive or elsewhere; the parent's writers are told and choose whether their work lists it."""

import html
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from task_queue import run_worker

from quire.api.services import create_token
from quire.exports.document import fingerprint
from quire.exports.naming import download_url
from quire.follows.models import Notification
from quire.moderation import services as moderation
from quire.moderation.models import Block, ModerationAction, Mute, Target
from quire.privacy.models import DataExport
from quire.related import services
from quire.related.models import RelatedWork
from quire.works import services as works
from quire.works.models import Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def original_writer(db):
    return UserFactory(username="original_writer")


@pytest.fixture
def original(original_writer):
    return make_work(original_writer, title="Zero Three Hundred")


@pytest.fixture
def translator(db):
    return UserFactory(username="translator")


@pytest.fixture
def translation(translator):
    work = make_work(translator, title="Trois heures du matin")
    Work.objects.filter(pk=work.pk).update(language="fr")
    work.refresh_from_db()
    return work


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(path, user=None) -> str:
    response = (logged_in(user) if user else Client()).get(path)
    return response.content.decode() if response.status_code == 200 else ""


def manage_url(work) -> str:
    return reverse("related:manage", args=[work.pk])


def relate(child, parent, kind="inspired", approved=False) -> RelatedWork:
    """A link as it stands in the database, whatever became of either work since it was made."""
    return RelatedWork.objects.create(work=child, parent=parent, kind=kind, approved=approved)


# --- Declaring a related work -------------------------------------------------------------------------


def test_a_translation_names_its_original_with_its_language_and_the_original_lists_it_once_approved(
    original, original_writer, translation, translator
):
    response = logged_in(translator).post(
        manage_url(translation),
        {
            "kind": "translation",
            "url": f"http://testserver/works/{original.pk}/chapters/{original.chapters.get().pk}",
        },
    )
    assert response.status_code == 302

    child_page = page(translation.get_absolute_url())
    assert (
        f'Translation into <span lang="fr">French</span> of <a href="/works/{original.pk}">Zero Three Hundred</a>'
        in child_page
    )
    # In the notes module's associations, where AO3 has them and FanFicFare reads them.
    assert re.search(
        r'<div class="notes module">\s*<h3 class="heading">Notes:</h3>\s*<ul class="associations">',
        child_page,
    )
    # Not approved: shown on the child only.
    assert "Trois heures du matin" not in page(original.get_absolute_url())

    relation = RelatedWork.objects.get()
    logged_in(original_writer).post(manage_url(original), {"list": relation.pk})
    parent_page = page(original.get_absolute_url())
    assert (
        f'Translation into <span lang="fr">French</span> available: <a href="/works/{translation.pk}" hreflang="fr">'
        "Trois heures du matin</a>" in parent_page
    )
    assert "Works inspired by this" not in parent_page  # a translation is listed among the translations

    logged_in(original_writer).post(manage_url(original), {"unlist": relation.pk})
    assert "Trois heures du matin" not in page(original.get_absolute_url())
    assert "Zero Three Hundred" in page(translation.get_absolute_url())


def test_the_parents_writer_is_told_in_their_inbox_and_not_the_childs(
    original, original_writer, translation, translator
):
    services.relate_work(user=translator, work=translation, kind="podfic", url=f"/works/{original.pk}")
    run_worker()
    told = Notification.objects.get(kind=Notification.Kind.RELATED)
    assert told.user == original_writer
    assert told.text == (
        "“Trois heures du matin” by translator is a podfic of your work “Zero Three Hundred”. "
        "Choose whether your work lists it."
    )
    assert told.url == manage_url(original) + "#naming"
    inbox = page("/inbox", original_writer)
    assert "Trois heures du matin" in inbox
    assert not Notification.objects.filter(user=translator).exists()
    # Its page, from the message: the work naming theirs, with the choice.
    choice = page(told.url.split("#")[0], original_writer)
    assert "Trois heures du matin" in choice and "List it on my work" in choice


def test_a_draft_tells_the_parents_writer_only_once_posted(original, original_writer, translator):
    draft = make_work(translator, title="Still Writing This", posted=False)
    services.relate_work(user=translator, work=draft, kind="inspired", url=f"/works/{original.pk}")
    run_worker()
    assert not Notification.objects.filter(user=original_writer).exists()
    works.post_work(work=draft, user=translator)
    run_worker()
    assert Notification.objects.get(user=original_writer).text.startswith(
        "“Still Writing This” by translator was inspired by your work"
    )


def test_an_approved_inspiration_is_listed_under_works_inspired_by_this(
    original, original_writer, translator
):
    remix = make_work(translator, title="The Remix Of It")
    relation = services.relate_work(user=translator, work=remix, kind="remix", url=f"/works/{original.pk}")
    services.set_listed(user=original_writer, relation=relation, listed=True)
    parent_page = page(original.get_absolute_url())
    assert '<h3 class="heading" id="children-heading">Works inspired by this</h3>' in parent_page
    assert f'<a href="/works/{remix.pk}">The Remix Of It</a> by' in parent_page
    assert "(remix)" in parent_page
    assert f'Remix of <a href="/works/{original.pk}">Zero Three Hundred</a>' in page(remix.get_absolute_url())


def test_linking_two_of_ones_own_works_lists_it_at_once_and_tells_nobody(original, original_writer):
    sequel = make_work(original_writer, title="Zero Four Hundred")
    relation = services.relate_work(
        user=original_writer, work=sequel, kind="inspired", url=f"/works/{original.pk}"
    )
    run_worker()
    assert relation.approved
    assert not Notification.objects.filter(kind=Notification.Kind.RELATED).exists()
    assert "Zero Four Hundred" in page(original.get_absolute_url())


def test_a_work_elsewhere_is_shown_with_its_title_creator_and_address(translation, translator):
    client = logged_in(translator)
    client.post(
        manage_url(translation),
        {
            "kind": "inspired",
            "url": "https://example.org/stories/42",
            "title": "A <b>Bold</b> Story",
            "creator": "Someone Else",
        },
    )
    child_page = page(translation.get_absolute_url())
    assert (
        'Inspired by <a href="https://example.org/stories/42" rel="nofollow ugc noopener">A &lt;b&gt;Bold&lt;/b&gt; '
        "Story</a> by Someone Else" in child_page
    )
    assert "https://example.org/stories/42</span>" in child_page


def test_an_address_that_is_not_a_web_page_is_never_linked(translation, translator):
    response = logged_in(translator).post(
        manage_url(translation),
        {"kind": "inspired", "url": "javascript:alert(1)", "title": "Evil", "creator": "Someone"},
    )
    assert "starting with https:// or http://" in response.content.decode()
    assert not RelatedWork.objects.exists()
    # One stored otherwise (an older archive, the admin) is named but not linked.
    RelatedWork.objects.create(work=translation, title="Evil", creator="Someone", url="javascript:alert(1)")
    child_page = page(translation.get_absolute_url())
    assert "Inspired by Evil by Someone." in child_page
    assert "javascript:" not in child_page


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("/users/original_writer", "is on this archive but is not a work"),
        ("http://testserver/tags/Gilmore%20Girls", "is on this archive but is not a work"),
        ("/works/999999", "There is no work you can see at that address"),
        ("DRAFT", "There is no work you can see at that address"),
        ("SELF", "A work can't be related to itself."),
        ("works/12", "starting with https:// or http://"),
        ("ftp://example.org/story", "starting with https:// or http://"),
    ],
)
def test_a_wrong_address_is_refused_with_a_reason_and_nothing_typed_is_lost(
    translation, translator, original_writer, typed, said
):
    if typed == "DRAFT":
        typed = f"/works/{make_work(original_writer, title='Hidden Draft', posted=False).pk}"
    if typed == "SELF":
        typed = f"http://testserver/works/{translation.pk}"
    response = logged_in(translator).post(
        manage_url(translation),
        {"kind": "podfic", "url": typed, "title": "Typed Title", "creator": "Typed Name"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert said in html.unescape(text)
    assert f'value="{typed}"' in text and 'value="Typed Title"' in text and 'value="Typed Name"' in text
    assert '<option value="podfic" selected>' in text
    assert not RelatedWork.objects.exists()
    assert "Hidden Draft" not in text


def test_a_work_elsewhere_needs_its_title_and_creator(translation, translator):
    text = (
        logged_in(translator)
        .post(manage_url(translation), {"kind": "inspired", "url": "https://example.org/x"})
        .content.decode()
    )
    assert "Give the title of the work elsewhere." in text
    assert "Give the name of the work&#x27;s creator." in text
    assert 'value="https://example.org/x"' in text


def test_the_same_work_cannot_be_named_twice(original, translation, translator):
    client = logged_in(translator)
    client.post(manage_url(translation), {"kind": "inspired", "url": f"/works/{original.pk}"})
    text = client.post(
        manage_url(translation), {"kind": "translation", "url": f"http://testserver/works/{original.pk}"}
    ).content.decode()
    assert "This work already names that work." in text
    elsewhere = {"kind": "inspired", "url": "https://example.org/a", "title": "A", "creator": "B"}
    client.post(manage_url(translation), elsewhere)
    assert (
        "This work already names that work."
        in client.post(manage_url(translation), elsewhere).content.decode()
    )
    assert RelatedWork.objects.count() == 2


def test_a_writer_who_blocked_you_cannot_have_their_work_named(
    original, original_writer, translation, translator
):
    Block.objects.create(blocker=original_writer, blocked=translator)
    text = (
        logged_in(translator)
        .post(manage_url(translation), {"kind": "inspired", "url": f"/works/{original.pk}"})
        .content.decode()
    )
    assert "has blocked you" in text
    assert not RelatedWork.objects.exists()


def test_only_a_works_writers_reach_its_related_works_page(
    original, original_writer, translation, translator
):
    relation = relate(translation, original)
    assert Client().get(manage_url(translation)).status_code == 404
    assert logged_in(original_writer).get(manage_url(translation)).status_code == 404
    # The parent's writer may not take the child's link away, nor anyone list it but the parent's writer.
    assert (
        logged_in(original_writer).post(manage_url(translation), {"remove": relation.pk}).status_code == 404
    )
    assert logged_in(translator).post(manage_url(translation), {"list": relation.pk}).status_code == 404
    relation.refresh_from_db()
    assert RelatedWork.objects.filter(pk=relation.pk).exists() and not relation.approved
    stranger = UserFactory(username="stranger")
    assert logged_in(stranger).post(manage_url(original), {"list": relation.pk}).status_code == 404


def test_removing_the_link_takes_it_from_both_works_and_the_inbox(
    original, original_writer, translation, translator
):
    relation = services.relate_work(
        user=translator, work=translation, kind="inspired", url=f"/works/{original.pk}"
    )
    run_worker()
    services.set_listed(user=original_writer, relation=relation, listed=True)
    logged_in(translator).post(manage_url(translation), {"remove": relation.pk})
    assert not RelatedWork.objects.exists()
    assert "Zero Three Hundred" not in page(translation.get_absolute_url())
    assert "Trois heures du matin" not in page(original.get_absolute_url())
    assert not Notification.objects.filter(kind=Notification.Kind.RELATED).exists()


def test_the_work_page_and_the_edit_form_link_to_the_related_works_page(translation, translator):
    assert f'href="{manage_url(translation)}"' in page(translation.get_absolute_url(), translator)
    assert f'href="{manage_url(translation)}"' in page(
        reverse("works:edit", args=[translation.pk]), translator
    )
    assert f'href="{manage_url(translation)}"' not in page(translation.get_absolute_url())


# --- Who is shown what ---------------------------------------------------------------------------------


def _hide(work, moderator):
    moderation.act(
        moderator=moderator,
        subject=moderation.Subject(Target.WORK, work),
        kind=ModerationAction.Kind.HIDE,
        reason="Reported.",
    )


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="mod")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_parent_the_reader_may_not_see_is_neither_titled_nor_linked(
    original_writer, translation, moderator
):
    reader = UserFactory(username="a_reader")
    restricted = make_work(original_writer, title="Members Only Parent", restricted=True)
    relate(translation, restricted, approved=True)
    assert "Members Only Parent" not in page(translation.get_absolute_url())
    assert f"/works/{restricted.pk}" not in page(translation.get_absolute_url())
    assert "Members Only Parent" in page(translation.get_absolute_url(), reader)

    hidden = make_work(original_writer, title="Moderated Parent")
    relate(translation, hidden)
    _hide(hidden, moderator)
    for viewer in (None, reader, moderator):
        shown = page(translation.get_absolute_url(), viewer)
        assert "Moderated Parent" not in shown and f"/works/{hidden.pk}" not in shown
    assert "Moderated Parent" in page(translation.get_absolute_url(), original_writer)

    draft = make_work(original_writer, title="Unposted Parent", posted=False)
    relate(translation, draft)
    assert "Unposted Parent" not in page(translation.get_absolute_url(), reader)

    Mute.objects.create(muter=reader, muted=original_writer)
    assert "Members Only Parent" not in page(translation.get_absolute_url(), reader)


def test_a_child_the_reader_may_not_see_is_not_listed_on_the_parent(
    original, original_writer, translator, moderator
):
    reader = UserFactory(username="a_reader")
    restricted = make_work(translator, title="Members Only Child", restricted=True)
    hidden = make_work(translator, title="Moderated Child")
    draft = make_work(translator, title="Unposted Child", posted=False)
    for child in (restricted, hidden, draft):
        relate(child, original, approved=True)
    _hide(hidden, moderator)
    guest_sees = page(original.get_absolute_url())
    assert not any(
        title in guest_sees for title in ("Members Only Child", "Moderated Child", "Unposted Child")
    )
    member_sees = page(original.get_absolute_url(), reader)
    assert "Members Only Child" in member_sees
    assert "Moderated Child" not in member_sees and "Unposted Child" not in member_sees
    Mute.objects.create(muter=reader, muted=translator)
    assert "Members Only Child" not in page(original.get_absolute_url(), reader)
    # The parent's writer still finds every work naming theirs they may see, muted or not, to choose.
    Mute.objects.create(muter=original_writer, muted=translator)
    choice = page(manage_url(original), original_writer)
    assert "Members Only Child" in choice and "Unposted Child" not in choice


def test_the_childs_writer_still_sees_a_link_to_a_parent_hidden_since_without_its_title(
    original, translation, translator, moderator
):
    relate(translation, original)
    _hide(original, moderator)
    text = page(manage_url(translation), translator)
    assert "Inspired by a work you can no longer see." in text and "Zero Three Hundred" not in text


# --- Other surfaces ------------------------------------------------------------------------------------


def test_the_api_names_parents_and_listed_children(original, original_writer, translation, translator):
    relate(translation, original, kind="translation", approved=True)
    RelatedWork.objects.create(
        work=translation, kind="inspired", title="Elsewhere", creator="Them", url="https://example.org/e"
    )
    child = Client().get(f"/api/v1/works/{translation.pk}").json()
    assert child["parent_works"] == [
        {
            "kind": "translation",
            "title": "Zero Three Hundred",
            "creator": "original_writer",
            "url": f"http://testserver/works/{original.pk}",
            "work_id": original.pk,
            "language": "en",
        },
        {
            "kind": "inspired",
            "title": "Elsewhere",
            "creator": "Them",
            "url": "https://example.org/e",
            "work_id": None,
            "language": None,
        },
    ]
    parent = Client().get(f"/api/v1/works/{original.pk}").json()
    assert [(c["title"], c["language"]) for c in parent["child_works"]] == [("Trois heures du matin", "fr")]
    Work.objects.filter(pk=translation.pk).update(restricted=True)
    assert Client().get(f"/api/v1/works/{original.pk}").json()["child_works"] == []
    token = create_token(user=UserFactory(username="member"), name="t")[1]
    member = Client().get(f"/api/v1/works/{original.pk}", headers={"Authorization": f"Bearer {token}"}).json()
    assert [c["title"] for c in member["child_works"]] == ["Trois heures du matin"]


def _download_text(work, ext="txt") -> str:
    response = Client().get(download_url(work, ext))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_downloads_name_the_parent_and_change_when_the_links_do(
    original, translation, original_writer, settings, tmp_path
):
    settings.EXPORTS_DIR = tmp_path / "exports"
    work = Work.objects.for_listing().get(pk=translation.pk)
    before = fingerprint(work, include_unposted=False, site="http://testserver")
    relate(translation, original, kind="translation")
    after = fingerprint(work, include_unposted=False, site="http://testserver")
    assert after != before
    text = _download_text(translation)
    assert (
        f"Translation into French of: Zero Three Hundred by original_writer (http://testserver/works/{original.pk})"
        in text
    )
    page_html = _download_text(translation, "html")
    assert '<dt class="related">Translation into French of:</dt>' in page_html
    assert (
        f'<a href="http://testserver/works/{original.pk}">Zero Three Hundred</a> by original_writer'
        in page_html
    )
    epub = Client().get(download_url(translation, "epub"))
    with zipfile.ZipFile(io.BytesIO(b"".join(epub.streaming_content))) as book:
        title_page = next(book.read(n).decode() for n in book.namelist() if n.endswith("title.xhtml"))
    assert '<dt class="related">Translation into French of:</dt>' in title_page
    pdf = Client().get(download_url(translation, "pdf"))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    RelatedWork.objects.all().delete()
    assert fingerprint(work, include_unposted=False, site="http://testserver") == before
    relate(translation, original, kind="translation")
    # A download is one file for every reader: a restricted parent is never named in it.
    Work.objects.filter(pk=original.pk).update(restricted=True)
    assert "Zero Three Hundred" not in _download_text(translation)


def test_the_data_export_lists_each_works_links(
    original, translation, translator, original_writer, settings, tmp_path
):
    settings.DATA_EXPORTS_DIR = tmp_path / "data"
    relate(translation, original, kind="translation")
    hidden_parent = make_work(original_writer, title="Gone Quiet", posted=False)
    relate(translation, hidden_parent)
    client = logged_in(translator)
    client.post(reverse("privacy:data_export"))
    export = DataExport.objects.get(user=translator)
    response = client.get(reverse("privacy:data_download", args=[export.key]))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    (entry,) = manifest["works"]
    assert entry["related_works"] == [
        {
            "kind": "translation",
            "title": "Zero Three Hundred",
            "creator": "original_writer",
            "url": f"{manifest['site']}/works/{original.pk}",
            "listed_on_parent": False,
        },
        {
            "kind": "inspired",
            "title": None,
            "creator": None,
            "url": None,
            "unavailable": True,
            "listed_on_parent": False,
        },
    ]


def test_the_demo_has_a_translation_linked_to_its_original_and_an_inspiration_elsewhere():
    call_command("demo", stdout=io.StringIO())
    original = Work.objects.get(title="0300")
    translation = Work.objects.get(title="0300 (en français)")
    assert (
        f'<span lang="fr">French</span> available: <a href="/works/{translation.pk}" hreflang="fr">0300 (en français)</a>'
        in page(original.get_absolute_url())
    )
    assert (
        f'Translation into <span lang="fr">French</span> of <a href="/works/{original.pk}">0300</a>'
        in page(translation.get_absolute_url())
    )
    clocks = Work.objects.get(title="The Adventure of the Forty-One Clocks")
    assert (
        'Inspired by <a href="https://www.gutenberg.org/ebooks/1661" rel="nofollow ugc noopener">'
        "The Adventures of Sherlock Holmes</a> by Arthur Conan Doyle" in page(clocks.get_absolute_url())
    )


# --- Bounded queries -----------------------------------------------------------------------------------


def _queries(path, user=None) -> int:
    client = logged_in(user) if user else Client()
    client.get(path)  # warm the session and caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_a_work_pages_queries_do_not_grow_with_its_related_works(original, original_writer):
    reader = UserFactory(username="a_reader")
    child = make_work(original_writer, title="Child Zero")
    relate(child, original, approved=True)
    other = make_work(original_writer, title="Parent Zero")
    relate(original, other)
    one = (_queries(original.get_absolute_url(), reader), _queries(child.get_absolute_url(), reader))
    for n in range(1, 4):
        writer = UserFactory(username=f"more{n}")
        relate(
            make_work(writer, title=f"Child {n}"),
            original,
            kind="translation" if n % 2 else "podfic",
            approved=True,
        )
        relate(original, make_work(writer, title=f"Parent {n}"))
        RelatedWork.objects.create(
            work=original, title=f"Far {n}", creator="X", url=f"https://example.org/{n}"
        )
    many = (_queries(original.get_absolute_url(), reader), _queries(child.get_absolute_url(), reader))
    assert many == one
    assert "Child 3" in page(original.get_absolute_url(), reader) and "Parent 3" in page(
        original.get_absolute_url(), reader
    )


def test_the_api_details_queries_do_not_grow_with_related_works(original, original_writer):
    path = f"/api/v1/works/{original.pk}"
    relate(make_work(original_writer, title="C0"), original, approved=True)
    one = _queries(path)
    for n in range(3):
        relate(make_work(UserFactory(username=f"w{n}"), title=f"C{n + 1}"), original, approved=True)
        relate(original, make_work(UserFactory(username=f"p{n}"), title=f"P{n}"))
    assert _queries(path) == one


# --- The rule, for any mix of children -----------------------------------------------------------------

STATES = ("posted", "restricted", "draft", "hidden")


@hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(children=st.lists(st.tuples(st.sampled_from(STATES), st.booleans()), max_size=5))
def test_the_parent_lists_exactly_the_approved_children_each_viewer_may_see(
    original_writer, moderator, children
):
    parent = make_work(original_writer, title="The Parent")
    made = []
    for index, (state, approved) in enumerate(children):
        child = make_work(
            original_writer,
            title=f"Kid{index}x{parent.pk}",
            posted=state != "draft",
            restricted=state == "restricted",
        )
        if state == "hidden":
            _hide(child, moderator)
        relate(child, parent, approved=approved)
        made.append((child.title, state, approved))
    reader = UserFactory()
    for viewer, sees in ((None, {"posted"}), (reader, {"posted", "restricted"})):
        listed = page(parent.get_absolute_url(), viewer)
        expected = {title for title, state, approved in made if approved and state in sees}
        assert {title for title, _, _ in made if title in listed} == expected


def test_a_mangled_link_id_on_the_related_works_page_is_a_404_not_an_error(
    original, original_writer, translation, translator
):
    relate(translation, original)
    for field in ("remove", "list", "unlist"):
        for value in ("abc", "9" * 20, "1.5"):
            response = logged_in(translator).post(manage_url(translation), {field: value})
            assert response.status_code == 404, (field, value)
    assert RelatedWork.objects.count() == 1
