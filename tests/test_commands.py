"""The `quire` command as operators use it."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from quire.accounts.models import User
from quire.core.demo_content import WORKS
from quire.creators.selectors import byline_names
from quire.works.enums import Rating
from quire.works.models import Work


def quire(*args, env=None, timeout=60):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "QUIRE_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "quire", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )


PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "a-real-production-secret-key-0123456789",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "archive.example.org",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = quire(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "QUIRE_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_serve_refuses_to_start_without_secret_key(tmp_path):
    result = quire("serve", env={"QUIRE_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "Refusing to start without SECRET_KEY" in result.stderr


def test_every_django_command_is_available():
    result = quire("help")
    for name in ["createsuperuser", "migrate", "serve", "worker", "import", "demo"]:
        assert name in result.stdout


@pytest.mark.django_db
def test_demo_builds_a_believable_archive_once():
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    works = Work.objects.for_listing()
    assert works.count() == len(WORKS)
    assert User.objects.count() >= 3
    fandoms = {tag.name for work in works for tag in work.fandoms}
    assert len(fandoms) >= 3
    assert any(work.chapter_count >= 3 for work in works)
    assert any(not work.is_complete and not work.is_draft for work in works)
    assert any(work.rating == Rating.MATURE for work in works)
    assert any(work.restricted for work in works)
    assert all(work.relationships or work.characters for work in works)
    # A co-created work, both creators credited (issue #21).
    assert any(byline_names(work) == "redshirt_survivor, irregular221b" for work in works)
    call_command("demo", "--if-empty", stdout=out)
    assert Work.objects.count() == len(WORKS)
    assert "already has works" in out.getvalue()


@pytest.mark.django_db
def test_an_account_from_createsuperuser_can_be_credited_with_an_import(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-password-42")
    call_command("createsuperuser", "--noinput", "--username", "lorelai", "--email", "l@example.org")
    story = tmp_path / "story.txt"
    story.write_text("Coffee first.\n\nThen everything else.")
    call_command(
        "import", str(story), "--author", "lorelai", "--fandom", "Gilmore Girls", stdout=io.StringIO()
    )
    work = Work.objects.get(author__username="lorelai")
    assert work.pseud.name == "lorelai" and work.pseud.is_default


def test_the_archive_is_the_same_from_any_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"QUIRE_DATA_DIR", "DATABASE_URL"}}
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DATA_DIR)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "DJANGO_SETTINGS_MODULE": "quire.settings"},
        timeout=60,
    )
    assert printed.returncode == 0, printed.stderr
    assert not printed.stdout.strip().startswith(str(tmp_path))
    assert not (tmp_path / "var").exists()


@pytest.mark.django_db
def test_the_demo_is_wrangled_and_has_a_wrangler_and_a_moderator(client):
    from quire.core.demo import DEMO_PASSWORD
    from quire.tags.models import Tag

    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "demo_wrangler" in out.getvalue() and "demo_moderator" in out.getvalue()
    literati = Tag.objects.select_related("merger").get(name="Literati")
    assert literati.merger.name == "Jess Mariano/Rory Gilmore" and literati.merger.canonical
    assert Tag.objects.get(name="Gilmore Girls").parent_links.filter(parent__name="TV Shows").exists()
    media = client.get("/media").content.decode()
    assert "No fandoms are filed under TV Shows" not in media and "Gilmore Girls" in media
    assert (
        "Gilmore Girls"
        in client.get("/autocomplete/tags", {"type": "fandom", "fandoms": "Gilm"}).content.decode()
    )
    client.login(username="demo_wrangler", password=DEMO_PASSWORD)
    assert client.get("/wrangling").status_code == 200
    client.login(username="demo_moderator", password=DEMO_PASSWORD)
    assert client.get("/moderation/").status_code == 200


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["restore", "/nonexistent/backup.tar.gz"], "No backup file at"),
        (["restore", "/etc/hostname"], "confirm with --yes"),
        (["import", "/nonexistent.txt", "--author", "nobody"], "run `quire migrate` first"),  # a new folder
    ],
)
def test_a_command_given_bad_input_answers_in_one_line(tmp_path, args, said):
    # A new, empty SQLite archive, whichever database the suite runs on.
    database = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = quire(*args, env={"QUIRE_DATA_DIR": str(tmp_path), "QUIRE_DEMO": "1", "DATABASE_URL": database})
    assert result.returncode != 0 and said in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and len(result.stderr.strip().splitlines()) == 1
