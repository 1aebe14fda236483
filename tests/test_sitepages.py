"""The archive's own pages (/about/<slug>) and the members' agreement to its Terms of Service."""

import io

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import PASSWORD, UserFactory

from quire.accounts.models import User
from quire.core import text
from quire.core.demo import DEMO_PASSWORD
from quire.core.text import TextFormat
from quire.privacy.data_export import manifest
from quire.sitepages import services
from quire.sitepages.models import Page, TermsAgreement

pytestmark = pytest.mark.django_db

TERMS_TEXT = "Be excellent to each other."


def _editor(username="pageeditor"):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_page", content_type__app_label="sitepages")
    )
    return User.objects.get(pk=user.pk)  # fresh, so its permission cache is empty


def _page(slug, title, body="Hello.", *, published=True, text_format=TextFormat.MARKDOWN, editor=None):
    return services.create_page(
        user=editor or _editor(f"editor_{slug.replace('-', '_')}"),
        slug=slug,
        fields=services.PageFields(title=title, body=body, text_format=text_format, published=published),
    )


def _terms(body=TERMS_TEXT, **kwargs):
    return _page("terms", "Terms of Service", body, **kwargs)


def _edit_terms(editor, *, body, terms_changed):
    page = Page.objects.get(slug="terms")
    client = _logged_in(editor)
    return client.post(
        reverse("sitepages:edit", args=["terms"]),
        {
            "title": page.title,
            "body": body,
            "text_format": page.text_format,
            "published": "on",
            "position": "0",
            "revision": page.revision,
            **({"terms_changed": "on"} if terms_changed else {}),
        },
    )


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _signup(client, *, username="Lorelai", **extra):
    data = {
        "username": username,
        "email": f"{username.lower()}@example.org",
        "password1": "coffee-coffee-coffee",
        "password2": "coffee-coffee-coffee",
        **extra,
    }
    return client.post(reverse("accounts:signup"), data)


# --- Pages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text_format", [TextFormat.MARKDOWN, TextFormat.RICH])
def test_a_page_shows_its_text_sanitized(client, text_format):
    _page(
        "faq",
        "Questions",
        '## Posting\n\nUse **Post**.\n\n<script>alert("pwned")</script><p onclick="steal()">Click</p>',
        text_format=text_format,
    )
    body = client.get("/about/faq").content.decode()
    assert "<h1>Questions</h1>" in body
    assert "Posting" in body and "Click" in body
    assert "alert(" not in body and "<script>alert" not in body and "steal()" not in body


def test_published_pages_are_linked_in_every_pages_footer_and_drafts_are_not(client):
    _page("about", "About us")
    _page("privacy", "Privacy policy", published=False)
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/about/about">About us</a>' in footer
    assert "Privacy policy" not in footer


def test_the_footer_links_no_site_page_when_the_archive_has_none(client):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "/about/" not in footer
    assert '<a href="/admin_posts">News</a>' in footer


@pytest.mark.parametrize("who", ["guest", "member", "moderator"])
def test_a_draft_page_is_a_404_to_everyone_but_page_editors(client, who):
    _page("content-policy", "Content Policy", "Draft rules.", published=False)
    if who != "guest":
        user = UserFactory(username=who)
        if who == "moderator":
            user.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(user)
    assert client.get("/about/content-policy").status_code == 404
    assert "Content Policy" not in client.get("/about/").content.decode()


def test_a_page_editor_reads_a_draft_marked_as_such():
    _page("content-policy", "Content Policy", "Draft rules.", published=False)
    body = _logged_in(_editor()).get("/about/content-policy").content.decode()
    assert "Draft rules." in body and "Not published" in body


def test_a_page_costs_one_query_for_a_guest(client, django_assert_num_queries):
    _page("about", "About us", "We are fans.")
    client.get("/about/about")  # the footer's cache is filled
    with django_assert_num_queries(1):
        assert "We are fans." in client.get("/about/about").content.decode()


@pytest.mark.parametrize("path", ["/about/new", "/about/faq/edit"])
def test_members_cannot_write_or_edit_pages(path):
    _page("faq", "Questions", "Original.")
    member = _logged_in(UserFactory(username="member"))
    assert member.get(path).status_code == 403
    response = member.post(
        path, {"title": "Mine", "slug": "faq", "body": "Defaced", "text_format": "plain", "position": "0"}
    )
    assert response.status_code == 403
    assert Page.objects.get(slug="faq").body == "Original."
    assert Client().get(path).status_code == 302  # a guest is sent to log in


def test_staff_write_a_page_on_the_site_and_it_appears_in_the_footer():
    editor = _logged_in(_editor())
    assert editor.get("/about/new").status_code == 200
    response = editor.post(
        "/about/new",
        {
            "title": "Privacy",
            "slug": "privacy",
            "body": "We keep *little*.",
            "text_format": "markdown",
            "published": "on",
            "position": "3",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/about/privacy"
    page = Client().get("/about/privacy").content.decode()
    assert "We keep <em>little</em>." in page
    assert '<a href="/about/privacy">Privacy</a>' in page


def test_the_page_form_keeps_what_was_typed_when_the_address_is_taken():
    _page("faq", "Questions")
    response = _logged_in(_editor()).post(
        "/about/new",
        {
            "title": "More questions",
            "slug": "faq",
            "body": "Typed text.",
            "text_format": "markdown",
            "position": "0",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "already exists" in body and "Typed text." in body and 'value="More questions"' in body


def test_an_edit_from_an_older_revision_is_refused_and_keeps_the_text():
    _page("faq", "Questions", "First.")
    editor = _logged_in(_editor())
    stale = Page.objects.get(slug="faq").revision
    data = {
        "title": "Questions",
        "body": "Second.",
        "text_format": "markdown",
        "position": "0",
        "published": "on",
    }
    assert editor.post("/about/faq/edit", {**data, "revision": stale}).status_code == 302
    response = editor.post("/about/faq/edit", {**data, "body": "Third, from an old tab.", "revision": stale})
    assert "Someone else saved this page" in response.content.decode()
    assert "Third, from an old tab." in response.content.decode()
    assert Page.objects.get(slug="faq").body == "Second."


# --- Sign-up -------------------------------------------------------------------------------------------


def test_signup_does_not_ask_for_terms_when_the_archive_has_none(client):
    form = client.get(reverse("accounts:signup")).content.decode()
    assert "Terms of Service" not in form and "years old" not in form
    assert _signup(client).status_code == 302
    assert not TermsAgreement.objects.exists()


def test_signup_does_not_ask_for_unpublished_terms(client):
    _terms(published=False)
    assert "Terms of Service" not in client.get(reverse("accounts:signup")).content.decode()
    assert _signup(client).status_code == 302


def test_signup_refuses_without_the_boxes_and_keeps_what_was_typed(client):
    _terms()
    form = client.get(reverse("accounts:signup")).content.decode()
    assert '<a href="/about/terms">Terms of Service</a>' in form and "I am at least 13 years old" in form
    response = _signup(client, username="Paris_Geller")
    body = response.content.decode()
    assert response.status_code == 200
    assert "agree to the Terms of Service" in body and "at least 13 years old to create an account" in body
    assert 'value="Paris_Geller"' in body and 'value="paris_geller@example.org"' in body
    assert not User.objects.filter(username="Paris_Geller").exists()
    response = _signup(client, username="Paris_Geller", accept_terms="on")
    assert "at least 13 years old to create an account" in response.content.decode()
    assert not User.objects.filter(username="Paris_Geller").exists()


def test_signup_with_the_boxes_records_the_version_agreed_to(client):
    _terms()
    response = _signup(client, accept_terms="on", minimum_age="on")
    assert response.status_code == 302
    user = User.objects.get(username="Lorelai")
    assert list(TermsAgreement.objects.filter(user=user).values_list("version", flat=True)) == [1]
    assert client.get("/").status_code == 200  # not asked again


def test_signup_asks_for_the_archives_own_minimum_age(client, settings):
    settings.MINIMUM_AGE = 16
    _terms()
    form = client.get(reverse("accounts:signup")).content.decode()
    assert "I am at least 16 years old" in form and "13 years" not in form
    assert "at least 16 years old to create" in _signup(client, accept_terms="on").content.decode()


# --- Agreeing again ------------------------------------------------------------------------------------


def _agreed_member(version=1):
    member = UserFactory(username="regular")
    services.agree_to_terms(user=member, version=version)
    return member


def test_a_changed_terms_sends_members_to_agree_and_back_where_they_were_going():
    editor = _editor()
    _terms(editor=editor)
    services.agree_to_terms(user=editor, version=1)
    member = _logged_in(_agreed_member())
    assert member.get("/works?sort=kudos").status_code == 200
    assert _edit_terms(editor, body="New rule: no spoilers in tags.", terms_changed=True).status_code == 302

    response = member.get("/works?sort=kudos")
    assert response.status_code == 302
    assert response["Location"] == "/about/terms?next=%2Fworks%3Fsort%3Dkudos"
    page = member.get(response["Location"]).content.decode()
    assert "The Terms of Service have changed" in page and "New rule: no spoilers in tags." in page
    assert 'name="next" value="/works?sort=kudos"' in page
    agreed = member.post(reverse("sitepages:agree"), {"version": "2", "next": "/works?sort=kudos"})
    assert agreed["Location"] == "/works?sort=kudos"
    assert member.get("/works?sort=kudos").status_code == 200
    assert sorted(
        TermsAgreement.objects.filter(user__username="regular").values_list("version", flat=True)
    ) == [1, 2]


def test_a_minor_edit_of_the_terms_asks_nobody_again():
    editor = _editor()
    _terms(editor=editor)
    member = _logged_in(_agreed_member())
    assert _edit_terms(editor, body="Be excellent to each other!", terms_changed=False).status_code == 302
    assert Page.objects.get(slug="terms").version == 1
    assert member.get("/works").status_code == 200
    assert "Be excellent to each other!" in Client().get("/about/terms").content.decode()


def test_the_terms_checkbox_is_only_on_the_terms_edit_form():
    editor = _logged_in(_editor())
    _terms()
    _page("faq", "Questions")
    assert "Members must agree again" in editor.get("/about/terms/edit").content.decode()
    assert "Members must agree again" not in editor.get("/about/faq/edit").content.decode()


def test_a_member_who_has_not_agreed_can_still_leave_and_programs_still_get_json():
    _terms()
    member = UserFactory(username="undecided")  # signed up before the archive had terms
    client = _logged_in(member)
    assert client.get("/").status_code == 302
    assert client.get("/about/terms").status_code == 200
    assert client.get(reverse("privacy:delete_account")).status_code == 200
    assert client.get(reverse("privacy:data_export")).status_code == 200
    api = client.get("/api/v1/works")
    assert api.status_code == 200 and api["Content-Type"].startswith("application/json")
    assert client.get("/static/quire/quire.css").status_code == 200
    client.post(reverse("accounts:logout"))
    assert not get_user(client).is_authenticated
    deleting = _logged_in(member).post(
        reverse("privacy:delete_account"), {"username": "undecided", "password": PASSWORD}
    )
    assert deleting.status_code == 302 and not User.objects.filter(username="undecided").exists()


def test_a_form_sent_from_a_page_opened_before_the_change_is_not_lost():
    # Only page visits are sent to the terms: what a form sends is saved, and the page it leads to asks.
    _terms()
    member = UserFactory(username="undecided")
    client = _logged_in(member)
    preferences = {"font_size": "large", "font_family": "serif", "line_width": "narrow", "theme": "dark"}
    response = client.post(reverse("accounts:preferences"), preferences)
    member.refresh_from_db()
    assert member.font_size == "large" and member.theme == "dark"
    assert client.get(response["Location"]).status_code == 302


def test_guests_are_never_asked(client):
    _terms()
    assert client.get("/").status_code == 200


def test_an_agreement_remembered_in_the_session_costs_no_query():
    _terms()
    client = _logged_in(_agreed_member())
    with CaptureQueriesContext(connection) as first:
        client.get("/works")
    with CaptureQueriesContext(connection) as second:
        client.get("/works")
    asked = [query for query in first.captured_queries if "sitepages_termsagreement" in query["sql"]]
    assert len(asked) == 1  # the first visit asks once, and the session remembers the answer
    assert not any("sitepages" in query["sql"] for query in second.captured_queries)


def test_a_new_allowlist_re_cleans_the_pages_too(monkeypatch):
    page = _page("faq", "Questions", "Use **Post**.")
    Page.objects.filter(pk=page.pk).update(body_html="<p>Use <strong>Post</strong>.<script>x()</script></p>")
    monkeypatch.setattr(text, "ALLOWED_TAGS", text.ALLOWED_TAGS - {"strong"})
    monkeypatch.setattr(text, "SANITIZER_VERSION", text.SANITIZER_VERSION + 1)
    call_command("resanitize", stdout=io.StringIO())
    assert Page.objects.get(pk=page.pk).body_html == "<p>Use Post.</p>"


def test_the_demo_has_terms_an_faq_and_an_about_page_its_members_agreed_to(client):
    call_command("demo", stdout=io.StringIO())
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    for slug in ("about", "terms", "faq"):
        assert f'href="/about/{slug}"' in footer
    assert "You must be at least 13 years old" in client.get("/about/terms").content.decode()
    client.login(username="starshollowsnow", password=DEMO_PASSWORD)
    assert client.get("/").status_code == 200  # a demo login goes straight to the archive
    client.login(username="demo_editor", password=DEMO_PASSWORD)
    assert client.get("/about/terms/edit").status_code == 200


def test_agreeing_counts_for_the_current_terms_never_a_later_version():
    _terms()
    client = _logged_in(UserFactory(username="clever"))
    client.post(reverse("sitepages:agree"), {"version": "999", "next": "/"})
    assert list(TermsAgreement.objects.values_list("version", flat=True)) == [1]


def test_a_member_given_the_permission_without_staff_status_edits_nothing():
    member = UserFactory(username="notstaff")
    member.user_permissions.add(
        Permission.objects.get(codename="change_page", content_type__app_label="sitepages")
    )
    assert _logged_in(member).get("/about/new").status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_pages_index_costs_the_same_whatever_the_number_of_pages(
    client, count, django_assert_num_queries
):
    for number in range(count):
        _page(f"page-{number}", f"Page {number}")
    client.get("/about/")  # the footer's cache is filled
    with django_assert_num_queries(1):
        assert f"Page {count - 1}" in client.get("/about/").content.decode()


def test_a_member_reads_a_page_with_one_query_of_its_own():
    # Besides what every signed-in page costs (session, member, unread count, the menu's permissions).
    _page("about", "About us", "We are fans.")
    client = _logged_in(UserFactory(username="member"))
    client.get("/about/about")
    with CaptureQueriesContext(connection) as queries:
        assert "We are fans." in client.get("/about/about").content.decode()
    assert len([query for query in queries.captured_queries if "sitepages" in query["sql"]]) == 1
    assert len(queries.captured_queries) == 3


def test_the_members_data_says_which_terms_they_agreed_to_and_when():
    member = _agreed_member(version=1)
    services.agree_to_terms(user=member, version=2)
    assert [entry["version"] for entry in manifest(member, [])["terms_agreements"]] == [1, 2]
