"""A writer signs up and posts through the real forms; a guest reads what they posted."""

from playwright.sync_api import expect

from quire.works.models import Work

STORY_ONE = "“Come away with me…” Jess said calmly.\n\nRory stared at him — then nodded."
STORY_TWO = "They drove until the road ran out of names.\n\n“Here,” she said."


def sign_up(page, username):
    page.goto("/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-browser-password")
    page.get_by_label("Confirm password").fill("a-long-browser-password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to the archive, {username}!")).to_be_visible()


def fill_tags(page, label, text, tag_type):
    # Waits for the field's suggestions: on the in-memory test database a suggestion read racing the
    # post's write fails ("table is locked") instead of waiting, as it would on a real database file.
    with page.expect_response(lambda response: f"type={tag_type}&" in response.url):
        page.get_by_label(label, exact=True).fill(text)


def test_writer_posts_two_chapters_and_guest_reads_them(page, checked, transactional_db):
    sign_up(page, "roadtripper")
    checked(page, "home-logged-in", screenshots=False)

    page.get_by_role("link", name="Post new work").click()
    checked(page, "new-work-form")
    page.get_by_label("Rating:", exact=True).select_option(label="Teen And Up Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    fill_tags(page, "Fandoms:", "Gilmore Girls", "fandom")
    page.get_by_label("F/M").check()
    fill_tags(page, "Relationships:", "Jess Mariano/Rory Gilmore", "relationship")
    fill_tags(page, "Characters:", "Rory Gilmore, Jess Mariano", "character")
    fill_tags(page, "Additional tags:", "Canon Divergence, Road Trips", "additional")
    page.get_by_label("Title:", exact=True).fill("Come Away With Me")
    page.get_by_label("Summary:", exact=True).fill("What if Rory had said yes?")
    page.get_by_label("Notes at the beginning:", exact=True).fill(
        "Review to let me know if it's worth continuing…"
    )
    page.get_by_label("Expected number of chapters:", exact=True).fill("2")
    page.get_by_label("Text format:", exact=True).select_option(label="Plain text")
    page.get_by_label("Chapter title:", exact=True).fill("Stars Hollow")
    page.get_by_label("Chapter text:", exact=True).fill(STORY_ONE)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Your work was posted.")).to_be_visible()
    checked(page, "work-author-view", screenshots=False)

    page.get_by_role("link", name="Add chapter").first.click()
    page.get_by_label("Chapter title:", exact=True).fill("The Road")
    page.get_by_label("Text format:", exact=True).select_option(label="Plain text")
    page.get_by_label("Chapter text:", exact=True).fill(STORY_TWO)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Your chapter was posted.")).to_be_visible()

    # The header names who is logged in; its menu (no JavaScript needed) holds the member's pages.
    menu = page.locator(".account-menu")
    expect(menu.locator("summary")).to_contain_text("roadtripper")
    expect(menu.get_by_role("button", name="Log out")).to_be_hidden()
    menu.locator("summary").click()
    menu.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    # A guest finds it on the home page and reads chapter by chapter, then the whole work.
    page.goto("/")
    checked(page, "home")
    page.get_by_role("link", name="Come Away With Me").click()
    expect(page.locator("h2.title")).to_have_text("Come Away With Me")
    expect(page.locator("dd.fandom.tags")).to_contain_text("Gilmore Girls")
    expect(page.locator("dd.relationship.tags")).to_contain_text("Jess Mariano/Rory Gilmore")
    expect(page.locator("dd.chapters")).to_have_text("2/2")
    expect(page.locator("#chapters")).to_contain_text("“Come away with me…” Jess said calmly.")
    expect(page.locator("#chapters")).not_to_contain_text("They drove until")
    checked(page, "work-chapter-1")

    page.get_by_role("link", name="Next Chapter →").first.click()
    expect(page.locator("#chapters")).to_contain_text("They drove until the road ran out of names.")
    expect(page.locator("#chapters")).not_to_contain_text("Come away with me")
    checked(page, "work-chapter-2")

    page.get_by_role("link", name="Entire Work").first.click()
    expect(page.locator("#chapters > div.chapter")).to_have_count(2)
    expect(page.locator("#chapters")).to_contain_text("Come away with me")
    expect(page.locator("#chapters")).to_contain_text("They drove until")
    checked(page, "work-entire")

    page.get_by_role("link", name="Chapter Index").first.click()
    checked(page, "navigate")
    page.get_by_role("link", name="roadtripper").first.click()
    expect(page.get_by_role("link", name="Come Away With Me")).to_be_visible()
    checked(page, "author")

    work = Work.objects.get()
    assert work.chapter_count == 2 and work.is_complete


def test_account_pages_pass_checks(page, checked, transactional_db):
    for path, name in [
        ("/account/signup", "signup"),
        ("/account/login", "login"),
        ("/preferences", "preferences"),
        ("/account/password/reset", "password-reset"),
    ]:
        page.goto(path)
        checked(page, name)


def test_form_errors_are_announced_and_keep_input(page, checked, transactional_db):
    sign_up(page, "forgetful")
    page.goto("/works/new")
    page.get_by_label("Rating:", exact=True).select_option(label="General Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_label("Graphic Depictions Of Violence").check()
    page.get_by_label("Fandoms:", exact=True).fill("Original Work")
    page.get_by_label("Title:", exact=True).fill("Half finished")
    page.get_by_label("Chapter text:", exact=True).fill("Words I do not want to lose.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be chosen together")
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Half finished")
    expect(page.get_by_label("Chapter text:", exact=True)).to_have_value("Words I do not want to lose.")
    checked(page, "new-work-errors")


def test_autosave_keeps_typing_when_the_tab_closes(page, transactional_db):
    sign_up(page, "autosaver")
    page.goto("/works/new")
    page.get_by_label("Title:", exact=True).fill("Typed then closed")
    page.get_by_label("Chapter text:", exact=True).press_sequentially("A sentence typed just now")
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at", timeout=10_000)
    page.goto("/")  # the tab is gone; nothing was submitted
    page.goto("/works/new")
    expect(page.get_by_label("Chapter text:", exact=True)).to_have_value("A sentence typed just now")
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Typed then closed")
