"""The API's pages in Chromium: the interactive docs under the strict CSP, and the API tokens page."""

from conftest import ARTIFACTS, PHONE
from factories import PASSWORD, UserFactory
from playwright.sync_api import expect


def test_interactive_docs_render_from_our_own_static_files(page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Quire API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/v1/works/search").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "api-docs-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=ARTIFACTS / "api-docs-phone.png")
    assert all(url.startswith(live_server.url) for url in requests), (
        "the docs page must load nothing from elsewhere"
    )


def test_tokens_page_makes_shows_and_revokes_a_token(page, checked, transactional_db):
    UserFactory(username="scripter")
    page.goto("/account/login")
    page.get_by_label("Username").fill("scripter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/account/settings")
    page.get_by_role("link", name="API tokens").click()
    checked(page, "api-tokens-empty", screenshots=False)
    page.get_by_label("Token name").fill("posting script")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("Copy it now: it is shown only once.").input_value()
    assert secret.startswith("quire_")
    checked(page, "api-tokens-new")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    page.get_by_role("button", name="Revoke posting script").click()
    expect(page.get_by_text("was revoked")).to_be_visible()
    checked(page, "api-tokens-revoked", screenshots=False)
