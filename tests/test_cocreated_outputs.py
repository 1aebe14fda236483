"""A work with several creators, as everything that leaves the archive shows it: feeds, the OPDS catalog,
downloads, search, the API, the data export and account deletion. Only accepted creators are named; an
invitation not yet answered is never shown."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from epub_support import OPF_NS, opf, read_entry
from factories import UserFactory, make_work
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from quire.accounts.models import Pseud, User
from quire.creators.models import Creatorship
from quire.creators.selectors import credited_pseuds
from quire.creators.services import credit_creator
from quire.discovery.indexing import reindex_credited_works
from quire.exports.naming import download_url
from quire.privacy import data_export
from quire.privacy.deletion import ORPHAN_USERNAME, WorksChoice, delete_account
from quire.works.models import Work

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
API = "/api/v1"
SITE = "https://archive.example.org"


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.DATA_EXPORTS_DIR = tmp_path / "data-exports"
    settings.SITE_URL, settings.SITE_URL_SET = SITE, True


@pytest.fixture
def duo(db):
    """ "Two Hands", posted by lead and co-created by Pen (cowriter); invitee was asked and has not answered."""
    lead = UserFactory(username="lead")
    cowriter = UserFactory(username="cowriter")
    invitee = UserFactory(username="invitee")
    work = make_work(lead, title="Two Hands", tags=["Fluff"], summary="Written together.")
    pen = Pseud.objects.create(user=cowriter, name="Pen")
    credit_creator(work, pen, invited_by=lead)
    Creatorship.objects.create(work=work, pseud=invitee.default_pseud, user=invitee, invited_by=lead)
    reindex_credited_works([work.pk])  # what accepting an invitation does
    return {"lead": lead, "cowriter": cowriter, "invitee": invitee, "work": work, "pen": pen}


def feed_of(response):
    assert response.status_code == 200
    return feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})


def entry_authors(xml: bytes, title: str) -> list[tuple[str, str]]:
    """(name, uri) of each <author> of the entry whose title starts with `title`."""
    root = ET.fromstring(xml)
    for entry in root.iter(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}title").startswith(title):
            return [
                (a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in entry.iter(f"{ATOM}author")
            ]
    raise AssertionError(f"no entry {title}")


BOTH = [("lead", f"{SITE}/users/lead/pseuds/lead"), ("Pen (cowriter)", f"{SITE}/users/cowriter/pseuds/Pen")]


# --- Every surface at once ---------------------------------------------------------------------------


@hypothesis_settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=st.lists(st.booleans(), max_size=4))
def test_every_surface_names_the_lead_and_exactly_the_accepted_invitees_in_order(client, answers):
    """However many are invited and whichever of them accepted, each surface counts the same creators."""
    work = make_work(UserFactory(), title="Many Hands")
    expected = [work.pseud.user.username]
    for accepted in answers:
        member = UserFactory()
        if accepted:
            credit_creator(work, member.default_pseud)
            expected.append(member.username)
        else:
            Creatorship.objects.create(work=work, pseud=member.default_pseud, user=member)
    atom = client.get(f"/works/{work.pk}/chapters/feed.atom").content
    assert [name for name, _ in entry_authors(atom, "Chapter 1")] == expected
    assert [name for name, _ in entry_authors(client.get("/opds/recent").content, "Many Hands")] == expected
    assert [c["user"] for c in client.get(f"{API}/works/{work.pk}").json()["creators"]] == expected
    page = download(client, work, "html").decode()
    assert re.findall(r'<meta name="author" content="([^"]*)">', page) == expected


# --- Atom feeds -------------------------------------------------------------------------------------------


def test_atom_entries_name_every_accepted_creator_and_never_an_invitee(client, duo):
    response = client.get("/tags/Fluff/feed.atom")
    assert entry_authors(response.content, "Two Hands") == BOTH
    feed = feed_of(response)
    assert not feed.bozo
    assert feed.entries[0].title == "Two Hands by lead, Pen (cowriter)"
    assert [author.name for author in feed.entries[0].authors] == ["lead", "Pen (cowriter)"]
    assert b"invitee" not in response.content


def test_a_co_creators_author_feed_lists_the_work_and_an_invitees_does_not(client, duo):
    assert [e.title for e in feed_of(client.get("/users/cowriter/works/feed.atom")).entries] == [
        "Two Hands by lead, Pen (cowriter)"
    ]
    assert feed_of(client.get("/users/invitee/works/feed.atom")).entries == []


def test_a_works_chapter_feed_is_by_every_creator(client, duo):
    response = client.get(f"/works/{duo['work'].pk}/chapters/feed.atom")
    root = ET.fromstring(response.content)
    authors = [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in root.findall(f"{ATOM}author")]
    assert authors == BOTH
    assert root.findtext(f"{ATOM}title") == "Two Hands by lead, Pen (cowriter): new chapters"
    assert entry_authors(response.content, "Chapter 1") == BOTH
    assert b"invitee" not in response.content


def test_feeds_cost_the_same_queries_for_few_or_many_co_created_works(client):
    lead = UserFactory(username="busylead")

    def queries_for(count):
        for _ in range(count):
            work = make_work(lead, tags=["Fluff"])
            credit_creator(work, UserFactory().default_pseud)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/users/busylead/works/feed.atom").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(5)


# --- OPDS -------------------------------------------------------------------------------------------------


def test_opds_entry_has_an_author_per_creator(client, duo):
    response = client.get("/opds/recent")
    assert entry_authors(response.content, "Two Hands") == BOTH
    assert b"invitee" not in response.content


def test_opds_pages_cost_the_same_queries_for_few_or_many_co_created_works(client):
    def queries_for(count):
        for _ in range(count):
            credit_creator(make_work(), UserFactory().default_pseud)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/opds/recent").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(5)


# --- Downloads --------------------------------------------------------------------------------------------


def download(client, work, fmt) -> bytes:
    response = client.get(download_url(work, fmt))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_epub_has_a_dc_creator_per_creator_with_role_and_sort_name(client, duo):
    content = download(client, duo["work"], "epub")
    package, _ = opf(content)
    creators = package.findall(".//dc:creator", namespaces=OPF_NS)
    assert [c.text for c in creators] == ["lead", "Pen (cowriter)"]
    ids = [c.get("id") for c in creators]
    assert len(set(ids)) == 2
    refines = {
        (meta.get("refines"), meta.get("property")): meta.text
        for meta in package.iter("{http://www.idpf.org/2007/opf}meta")
        if meta.get("refines")
    }
    for creator in creators:
        assert refines[(f"#{creator.get('id')}", "role")] == "aut"
        assert refines[(f"#{creator.get('id')}", "file-as")] == creator.text
    title_page = read_entry(content, "title.xhtml")
    assert f'<a rel="author" href="{SITE}/users/cowriter/pseuds/Pen">Pen (cowriter)</a>' in title_page
    assert b"invitee" not in content


def test_epub_with_two_creators_passes_epubcheck(client, duo, tmp_path):
    from epub_support import epubcheck_messages

    path = tmp_path / "two.epub"
    path.write_bytes(download(client, duo["work"], "epub"))
    assert epubcheck_messages(path) == []


def test_html_and_text_downloads_name_every_creator(client, duo):
    page = download(client, duo["work"], "html").decode()
    assert re.findall(r'<meta name="author" content="([^"]*)">', page) == ["lead", "Pen (cowriter)"]
    assert (
        f'by <a rel="author" href="{SITE}/users/lead/pseuds/lead">lead</a>, '
        f'<a rel="author" href="{SITE}/users/cowriter/pseuds/Pen">Pen (cowriter)</a>'
    ) in page
    assert "by lead, Pen (cowriter)" in download(client, duo["work"], "txt").decode()
    assert "invitee" not in page


def test_pdf_metadata_names_every_creator(client, duo, tmp_path):
    path = tmp_path / "two.pdf"
    path.write_bytes(download(client, duo["work"], "pdf"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author:\s+lead, Pen \(cowriter\)$", info, re.MULTILINE), info


def test_an_accepted_invitation_or_a_creator_leaving_rebuilds_the_download(client, duo):
    before = download(client, duo["work"], "html").decode()
    assert "invitee" not in before
    Creatorship.objects.filter(user=duo["invitee"]).update(accepted_at=duo["work"].created_at)
    joined = download(client, duo["work"], "html").decode()
    assert "invitee" in joined
    Creatorship.objects.filter(user=duo["cowriter"]).delete()
    left = download(client, duo["work"], "html").decode()
    assert "Pen (cowriter)" not in left and "invitee" in left


# --- Search and listings by creator ---------------------------------------------------------------------


def found(client, query) -> bool:
    page = client.get("/works/search", {"q": query})
    assert page.status_code == 200
    return "Two Hands" in page.content.decode()


def test_searching_any_creators_pseud_or_username_finds_the_work(client, duo):
    assert found(client, "Pen")
    assert found(client, "cowriter")
    assert found(client, "lead")
    assert not found(client, "invitee")


def test_search_forgets_a_creator_who_left_once_reindexed(client, duo):
    Creatorship.objects.filter(user=duo["cowriter"]).delete()
    reindex_credited_works([duo["work"].pk])
    assert not found(client, "cowriter")
    assert found(client, "lead")


def test_a_co_creators_works_page_lists_the_work_and_an_invitees_does_not(client, duo):
    assert "Two Hands" in client.get("/users/cowriter/works").content.decode()
    assert "Two Hands" not in client.get("/users/invitee/works").content.decode()
    # Searching within a creator's works reads the search index on PostgreSQL: the co-created work is there.
    assert "Two Hands" in client.get("/users/cowriter/works", {"q": "together"}).content.decode()


# --- The API ----------------------------------------------------------------------------------------------


CREATORS = [
    {"pseud": "lead", "user": "lead", "url": "http://testserver/users/lead/pseuds/lead"},
    {"pseud": "Pen", "user": "cowriter", "url": "http://testserver/users/cowriter/pseuds/Pen"},
]


def test_api_works_list_every_creator_and_keep_the_lead_as_author(client, duo):
    detail = client.get(f"{API}/works/{duo['work'].pk}").json()
    assert detail["creators"] == CREATORS
    assert detail["author"] == {"username": "lead", "pseud": "lead"}
    listed = client.get(f"{API}/works").json()["results"]
    assert listed[0]["creators"] == CREATORS
    assert "invitee" not in json.dumps(detail) + json.dumps(listed)


def test_api_user_works_and_search_include_co_created_works(client, duo):
    assert [w["title"] for w in client.get(f"{API}/users/cowriter/works").json()["results"]] == ["Two Hands"]
    assert client.get(f"{API}/users/invitee/works").json()["results"] == []
    assert [w["title"] for w in client.get(f"{API}/works/search", {"q": "Pen"}).json()["results"]] == [
        "Two Hands"
    ]


def test_openapi_says_author_is_the_lead_creator(client):
    schema = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    for shape in ("WorkListItem", "WorkDetailOut"):
        assert "lead creator" in schema[shape]["properties"]["author"]["description"]
        assert "creators" in schema[shape]["required"]


def test_api_lists_cost_the_same_queries_for_few_or_many_co_created_works(client):
    lead = UserFactory(username="prolific")

    def count_for(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    def add(count):
        for _ in range(count):
            credit_creator(make_work(lead), UserFactory().default_pseud)

    add(1)
    small = [count_for(f"{API}/works"), count_for(f"{API}/users/prolific/works")]
    add(5)
    assert [count_for(f"{API}/works"), count_for(f"{API}/users/prolific/works")] == small


# --- Data export ------------------------------------------------------------------------------------------


def manifest_of(user) -> tuple[dict, zipfile.ZipFile]:
    export = data_export.request_export(user)
    archive = zipfile.ZipFile(data_export.export_file(export))
    return json.loads(archive.read("manifest.json")), archive


def test_data_export_lists_co_created_works_with_their_creators(duo):
    manifest, archive = manifest_of(duo["cowriter"])
    [work] = manifest["works"]
    assert work["title"] == "Two Hands" and work["pseud"] == "Pen"
    assert work["creators"] == [
        {"pseud": "lead", "username": "lead"},
        {"pseud": "Pen", "username": "cowriter"},
    ]
    html = archive.read(work["files"]["html"]).decode()
    assert re.findall(r'<meta name="author" content="([^"]*)">', html) == ["lead", "Pen (cowriter)"]
    assert manifest["invitations"] == []


def test_data_export_lists_invitations_not_yet_answered(duo):
    manifest, _ = manifest_of(duo["invitee"])
    assert manifest["works"] == []
    [invitation] = manifest["invitations"]
    assert invitation["kind"] == "work" and invitation["title"] == "Two Hands"
    assert invitation["invited_by"] == "lead" and invitation["pseud"] == "invitee"


# --- Deleting an account ----------------------------------------------------------------------------------


def bylines(work) -> list[str]:
    return [pseud.byline for pseud in credited_pseuds(Work.objects.get(pk=work.pk))]


@pytest.mark.parametrize("choice", [WorksChoice.DELETE, WorksChoice.ORPHAN])
def test_deleting_a_co_creators_account_keeps_the_work_for_the_other(client, duo, choice):
    solo = make_work(duo["cowriter"], title="Solo Piece")
    delete_account(duo["cowriter"], works=choice)
    work = Work.objects.get(pk=duo["work"].pk)
    assert work.author == duo["lead"]
    expected = ["lead"] if choice == WorksChoice.DELETE else ["lead", ORPHAN_USERNAME]
    assert bylines(work) == expected
    # Their own work follows the choice, as before co-creators.
    assert Work.objects.filter(pk=solo.pk).exists() == (choice == WorksChoice.ORPHAN)
    assert not found(client, "cowriter") and found(client, "lead")
    feed = client.get("/tags/Fluff/feed.atom").content.decode()
    assert "cowriter" not in feed and "Pen" not in feed
    assert "cowriter" not in download(client, work, "html").decode()


@pytest.mark.parametrize("choice", [WorksChoice.DELETE, WorksChoice.ORPHAN])
def test_deleting_the_leads_account_hands_the_lead_to_the_co_creator(client, duo, choice):
    delete_account(duo["lead"], works=choice)
    work = Work.objects.get(pk=duo["work"].pk)
    assert (work.author, work.pseud) == (duo["cowriter"], duo["pen"])
    expected = ["Pen (cowriter)"] if choice == WorksChoice.DELETE else ["Pen (cowriter)", ORPHAN_USERNAME]
    assert bylines(work) == expected
    assert found(client, "cowriter") and not found(client, "lead")
    assert client.get(f"{API}/works/{work.pk}").json()["author"] == {"username": "cowriter", "pseud": "Pen"}


def test_orphaning_a_second_share_keeps_one_orphan_account_credit(duo):
    third = UserFactory(username="third")
    credit_creator(duo["work"], third.default_pseud)
    delete_account(duo["cowriter"], works=WorksChoice.ORPHAN)
    delete_account(third, works=WorksChoice.ORPHAN)
    assert bylines(duo["work"]) == ["lead", ORPHAN_USERNAME]


def test_an_invitees_account_deletes_with_their_invitation_and_the_work_is_untouched(duo):
    delete_account(duo["invitee"], works=WorksChoice.DELETE)
    assert not User.objects.filter(username="invitee").exists()
    assert not Creatorship.objects.filter(accepted_at__isnull=True).exists()
    assert bylines(duo["work"]) == ["lead", "Pen (cowriter)"]


def test_a_sole_creators_series_and_works_still_delete_cleanly(client):
    member = UserFactory(username="alone")
    from factories import make_series

    make_series("Alone Verse", make_work(member, title="Only Mine"))
    delete_account(member, works=WorksChoice.ORPHAN)
    orphaned = Work.objects.get(title="Only Mine")
    assert bylines(orphaned) == [ORPHAN_USERNAME] and orphaned.author.username == ORPHAN_USERNAME
    assert "Only Mine" in Client().get("/users/orphan_account/works").content.decode()


def test_the_delete_page_asks_a_co_creator_and_says_the_shared_work_stays(duo):
    client = Client()
    client.force_login(duo["cowriter"])
    page = client.get("/account/delete").content.decode()
    assert "You have 1 work." in page and "1 of them was made with co-creators" in page
    assert 'name="works"' in page
    response = client.post(
        "/account/delete", {"works": "delete", "username": "cowriter", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert bylines(duo["work"]) == ["lead"]
