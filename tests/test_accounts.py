import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from quire.accounts.models import User

pytestmark = pytest.mark.django_db


def signup(
    client, username="Lorelai", email="lorelai@example.org", password="coffee-coffee-coffee", confirm=None
):
    return client.post(
        reverse("accounts:signup"),
        {"username": username, "email": email, "password1": password, "password2": confirm or password},
    )


def test_signup_creates_account_with_default_pseud_and_logs_in(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(username="Lorelai")
    assert [p.name for p in user.pseuds.all()] == ["Lorelai"]
    assert get_user(client).username == "Lorelai"


def test_signup_hashes_passwords_with_argon2(client):
    signup(client)
    assert User.objects.get(username="Lorelai").password.startswith("argon2$")


def test_signup_refuses_username_differing_only_in_case(client, writer):
    response = signup(client, username="WRITER")
    assert "That username is taken" in response.content.decode()
    assert User.objects.filter(username__iexact="writer").count() == 1


def test_signup_keeps_what_was_typed_when_passwords_differ(client):
    response = signup(
        client, username="Sookie", email="sookie@example.org", confirm="something-else-entirely"
    )
    page = response.content.decode()
    assert "The two passwords do not match" in page
    assert 'value="Sookie"' in page and 'value="sookie@example.org"' in page


def test_signup_rejects_weak_password(client):
    response = signup(client, password="password")
    assert "This password is too common" in response.content.decode()
    assert not User.objects.filter(username="Lorelai").exists()


def test_login_accepts_username_in_any_case(client, writer, password):
    response = client.post(reverse("accounts:login"), {"username": "WRITER", "password": password})
    assert response.status_code == 302
    assert get_user(client) == writer


def test_login_with_wrong_password_says_so(client, writer):
    response = client.post(reverse("accounts:login"), {"username": "writer", "password": "nope-nope-nope"})
    page = response.content.decode()
    assert "The username or password is not right" in page
    # Plain words for a login, not a form's "before saving" or a lecture on case-sensitivity.
    assert "before saving" not in page and "case-sensitive" not in page
    assert not get_user(client).is_authenticated


def test_logout_needs_post_and_ends_session(writer_client):
    assert writer_client.get(reverse("accounts:logout")).status_code == 405
    writer_client.post(reverse("accounts:logout"))
    assert not get_user(writer_client).is_authenticated


def test_password_change(writer_client, writer, password):
    response = writer_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "a-brand-new-secret",
            "new_password2": "a-brand-new-secret",
        },
    )
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.check_password("a-brand-new-secret")


def test_password_reset_by_email_round_trip(client, writer):
    client.post(reverse("accounts:password_reset"), {"email": writer.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "reset-to-this-one", "new_password2": "reset-to-this-one"})
    writer.refresh_from_db()
    assert writer.check_password("reset-to-this-one")


def test_profile_page_is_case_insensitive_and_404_for_unknown(client, writer):
    assert client.get("/users/WRITER").status_code == 200
    assert client.get("/users/nobody-here").status_code == 404


def test_reading_preferences_saved_on_account(writer_client, writer):
    writer_client.post(
        reverse("accounts:preferences"),
        {"font_size": "large", "font_family": "sans", "line_width": "wide", "theme": "dark"},
    )
    writer.refresh_from_db()
    assert (writer.font_size, writer.theme) == ("large", "dark")
    page = writer_client.get("/").content.decode()
    assert 'class="font-size-large font-family-sans line-width-wide theme-dark"' in page


def test_reading_preferences_for_guests_live_in_a_cookie(client):
    client.post(
        reverse("accounts:preferences"),
        {"font_size": "small", "font_family": "serif", "line_width": "narrow", "theme": "light"},
    )
    page = client.get("/").content.decode()
    assert "font-size-small" in page and "theme-light" in page


def test_tampered_preference_cookie_cannot_inject_markup(client):
    client.cookies["quire_reading"] = 'theme:"><script>alert(1)</script>|font_size:large'
    page = client.get("/").content.decode()
    assert "<script>alert" not in page
    assert "font-size-large" in page and "theme-auto" in page


def test_a_reader_changes_reading_settings_from_inside_the_chapter(client):
    from factories import make_work

    work = make_work(title="Read Here", chapters=2)
    chapter = work.chapters.order_by("position")[1]
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Reading settings" in page and f'value="{chapter.get_absolute_url()}#chapters"' in page
    response = client.post(
        reverse("accounts:preferences"),
        {
            "font_size": "large",
            "font_family": "sans",
            "line_width": "wide",
            "theme": "dark",
            "next": f"{chapter.get_absolute_url()}#chapters",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{chapter.get_absolute_url()}#chapters"
    again = client.get(chapter.get_absolute_url()).content.decode()
    assert 'class="font-size-large font-family-sans line-width-wide theme-dark"' in again
