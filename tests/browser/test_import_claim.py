"""An author whose eFiction archive was imported follows the emailed claim link, signs up, and finds their
stories on their own page with their original dates and reviews."""

import re
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from quire.works.models import Work

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "efiction"


def test_an_imported_author_claims_their_stories_from_the_emailed_link(page, checked, transactional_db):
    call_command(
        "import_efiction",
        "--sql",
        str(FIXTURE / "efiction.sql"),
        "--stories",
        str(FIXTURE / "stories"),
        "--yes",
        stdout=StringIO(),
    )
    call_command("import_efiction", "--invite", stdout=StringIO())
    email = next(m for m in mail.outbox if m.to == ["ruth@example.org"])
    link = "/claim/" + email.body.split("/claim/")[1].split()[0]

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Claim your stories, Ruth & Naomi")
    checked(page, "claim")
    page.fill("[name=username]", "ruthnaomi")
    page.fill("[name=email]", "ruth.new@example.org")
    page.fill("[name=password1]", "a long pass phrase 42")
    page.fill("[name=password2]", "a long pass phrase 42")
    for box in page.locator("form.simple-form input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Claim my stories").click()

    expect(page).to_have_url(re.compile(r"/users/ruthnaomi$"))
    expect(page.locator("main")).to_contain_text("Shore Leave")
    page.get_by_role("link", name="The Long Way Home").first.click()
    checked(page, "claimed-work")
    expect(page.locator("main")).to_contain_text("2005-06-01")
    expect(page.locator("main")).to_contain_text("by Ruth Naomi (ruthnaomi), Mireille Ducré (imported)")
    home = Work.objects.get(title="The Long Way Home")
    page.goto(f"/works/{home.pk}/reviews")
    expect(page.locator("main")).to_contain_text("Loved the shuttle scene!")
    expect(page.locator("main")).to_contain_text("More please.")
