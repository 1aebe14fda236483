"""A writer saves a draft chapter, sees the beta read under the preview, and works through the report."""

import re
from pathlib import Path

from factories import UserFactory, make_work
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SEED_CHAPTER = (ROOT / "tests" / "data" / "seed_chapter.txt").read_text()
# Rich text, so the highlights must sit inside the writer's own markup and the page must stay valid HTML.
RICH_CHAPTER = "\n".join(f"<p>{paragraph}</p>" for paragraph in SEED_CHAPTER.split("\n\n")) + (
    '<p>“Your <em>going</em> to miss it.” she said <a href="https://example.org/">softly</a>.<br>'
    "He reached for the <strong>the</strong> door, and <em>its</em> <q>a long way</q> down.</p>"
    "<table><tr><td>Their going to the the lake.</td></tr></table>"
)


def log_in(page, username):
    page.goto("/account/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_writer_reads_the_beta_read_of_a_draft_and_jumps_between_findings_and_text(
    page, checked, transactional_db
):
    writer = UserFactory(username="hopeful")
    work = make_work(writer, title="Come Away", words_per_chapter=200)
    log_in(page, "hopeful")

    page.goto(f"/works/{work.pk}/chapters/new")
    page.get_by_label("Chapter title:", exact=True).fill("The Road")
    page.get_by_label("Text format:", exact=True).select_option(label="Rich text / HTML")
    page.get_by_label("Chapter text:", exact=True).fill(RICH_CHAPTER)
    page.get_by_role("button", name="Save without posting").click()
    expect(page.get_by_text("Chapter saved as a draft.")).to_be_visible()

    panel = page.get_by_role("region", name=re.compile("Beta read"))
    expect(panel).to_contain_text("things to check before you post")
    expect(panel).to_contain_text("your / you’re")
    checked(page, "beta-draft-preview")

    panel.get_by_role("link", name="See every finding, highlighted in the text").click()
    expect(page.get_by_role("heading", name=re.compile("things to check"))).to_be_visible()
    checked(page, "beta-report")
    # The full-page phone shot is very tall; this one shows what a phone user sees first.
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=ROOT / "test-artifacts" / "beta-report-phone-top.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Highlights sit inside the writer's own markup: "its" in <em>, "softly" in their link.
    expect(page.locator(".beta-text em mark")).to_have_text("its")
    expect(page.locator('.beta-text a[href="https://example.org/"] mark')).to_have_text("softly")
    finding = page.locator(".beta-list > li").filter(has_text="your / you’re").first
    finding.locator("a.beta-jump").click()
    target = page.locator("mark:target")
    expect(target).to_have_text(re.compile("^[Yy]our$"))
    target.locator("xpath=following-sibling::a[1]").click()
    expect(page.locator(".beta-list > li:target")).to_contain_text("you’re")

    # A posted chapter offers the beta read on demand; readers never see it.
    page.goto(work.chapters.order_by("position").first().get_absolute_url())
    page.get_by_role("link", name="Beta read this chapter").click()
    expect(page.get_by_role("heading", name="Readability")).to_be_visible()
    page.context.clear_cookies()
    page.goto(work.get_absolute_url())
    expect(page.get_by_text("Beta read")).to_have_count(0)
