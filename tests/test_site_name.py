"""The archive calls itself by SITE_NAME everywhere, never by the server's address."""

import pytest
from django.core import mail
from django.urls import reverse
from epub_support import OPF_NS, opf
from factories import make_work

from quire.exports.builders import epub
from quire.exports.document import gather

NAME = "Stars Hollow Archive"


@pytest.fixture(autouse=True)
def _named(settings, tmp_path):
    settings.SITE_NAME = NAME
    settings.EXPORTS_DIR = tmp_path / "exports"


@pytest.mark.parametrize("url", ["accounts:login", "accounts:password_reset"])
def test_account_pages_name_the_archive_not_the_host(client, url):
    page = client.get(reverse(url)).content.decode()
    assert f">{NAME}</a>" in page  # the header's logo
    assert "testserver" not in page


def test_password_reset_email_names_the_archive(client, writer):
    client.post(reverse("accounts:password_reset"), {"email": writer.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith(f"Reset your password on {NAME}")


def test_epub_publisher_is_the_archive(writer):
    work = make_work(writer, title="Named")
    package, _ = opf(epub.build(gather(work, include_unposted=False, site="http://testserver")))
    assert package.find(f".//{{{OPF_NS['dc']}}}publisher").text == NAME


def test_admin_and_feeds_name_the_archive(client, writer):
    make_work(writer, title="Fed")
    feed = client.get(f"/users/{writer.username}/works/feed.atom").content.decode()
    assert f"posted on {NAME}" in feed
    assert f"{NAME} administration" in client.get("/admin/login/").content.decode()
