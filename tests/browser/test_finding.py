"""Readers narrowing a fandom down to what they want, with JavaScript turned off."""

from factories import UserFactory, make_work
from playwright.sync_api import expect

from quire.tags import services as wrangling
from quire.tags.models import Tag


def test_filter_fandom_by_relationship_exclude_a_tag_and_sort_without_javascript(
    browser, live_server, checked, transactional_db
):
    author = UserFactory(username="bookworm")
    make_work(
        author,
        title="Literati Fluff",
        relationships=["Jess Mariano/Rory Gilmore"],
        tags=["Fluff"],
        words_per_chapter=50,
        age_days=1,
    )
    make_work(
        author,
        title="Literati Angst",
        relationships=["Jess Mariano/Rory Gilmore"],
        tags=["Angst"],
        words_per_chapter=500,
        age_days=2,
    )
    make_work(
        author,
        title="Nickname Road Trip",
        relationships=["Literati"],
        tags=["Road Trips"],
        words_per_chapter=900,
        age_days=3,
    )
    make_work(
        author, title="Java Junkie", relationships=["Luke Danes/Lorelai Gilmore"], tags=["Fluff"], age_days=4
    )
    make_work(author, title="Elsewhere", fandoms=["Star Trek"], relationships=["Jess Mariano/Rory Gilmore"])
    ship = Tag.objects.get(name="Jess Mariano/Rory Gilmore")
    wrangling.make_canonical(tag=ship)
    wrangling.make_synonym(tag=Tag.objects.get(name="Literati"), canonical=ship)

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/tags/Gilmore Girls/works")
    expect(page.locator("li.work.blurb")).to_have_count(4)

    filters = page.locator("#filters")
    filters.get_by_role("group", name="Relationships").first.get_by_label("Jess Mariano/Rory Gilmore").check()
    filters.get_by_role("button", name="Sort and filter").first.click()
    expect(page.locator("li.work.blurb")).to_have_count(3)

    exclude_section = filters.locator("fieldset.facet.additional").nth(1)
    exclude_section.get_by_label("Angst").check()
    filters.get_by_label("Sort by").select_option(label="Word count")
    filters.get_by_role("button", name="Sort and filter").first.click()

    titles = page.locator("li.work.blurb h2.heading > a:first-child").all_inner_texts()
    assert titles == ["Nickname Road Trip", "Literati Fluff"]
    assert "exclude_tag=Angst" in page.url and "sort=words" in page.url
    # The state is a shareable URL: a new visitor sees the same results.
    shared = context.new_page()
    shared.goto(page.url)
    assert shared.locator("li.work.blurb h2.heading > a:first-child").all_inner_texts() == titles
    context.close()

    js_context = browser.new_context(base_url=live_server.url)
    js_page = js_context.new_page()
    js_page.goto(page.url.removeprefix(live_server.url))
    checked(js_page, "tag-works-filtered")
    js_page.goto("/works/search?q=literati")
    expect(js_page.locator("li.work.blurb")).to_have_count(4)
    checked(js_page, "search")
    js_page.goto("/tags/Jess Mariano*s*Rory Gilmore")
    checked(js_page, "tag-page")
    js_page.goto("/media")
    checked(js_page, "media", screenshots=False)
    js_context.close()


def test_tag_fields_suggest_canonical_tags_while_typing(page, transactional_db):
    from quire.tags.enums import TagType

    fandom = Tag.for_name("Gilmore Girls", TagType.FANDOM)
    wrangling.make_canonical(tag=fandom)
    rory = Tag.for_name("Rory Gilmore", TagType.CHARACTER)
    wrangling.make_canonical(tag=rory)
    wrangling.add_parent(tag=rory, parent=fandom)
    writer = UserFactory(username="typist")
    page.goto("/account/login")
    page.get_by_label("Username").fill("typist")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto("/works/new")
    page.get_by_label("Fandoms:", exact=True).press_sequentially("Gilm")
    expect(page.locator("#fandom-suggestions option")).to_have_attribute("value", "Gilmore Girls")
    page.get_by_label("Fandoms:", exact=True).fill("Gilmore Girls")
    page.get_by_label("Characters:", exact=True).press_sequentially("Lorelai Gilmore, Ror")
    expect(page.locator("#character-suggestions option")).to_have_attribute(
        "value", "Lorelai Gilmore, Rory Gilmore"
    )
    assert writer.pk
