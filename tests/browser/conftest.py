"""Headless Chromium (Debian's, driven by Playwright) against a live Quire, with page checkers.

Every page a test visits can be handed to `checked(page)`: axe-core must find no accessibility violation
and the Nu HTML Checker no error. Screenshots land in test-artifacts/ for people to look at.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# How many rows the header's logo, search box and links fall into (tops within 12 px are one row).
HEADER_ROWS = """() => {
  const items = document.querySelectorAll('.site-header .logo, .site-search, .site-nav > ul > li');
  const tops = [...items].map(e => e.getBoundingClientRect().top).sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 12).length;
}"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def open_menu(page):
    """Open the member's menu in the header (a <details>), where their own pages are."""
    menu = page.locator(".account-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser-deps` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations in the browser: {errors}"


class PageChecker:
    """Runs axe on each page as it is shown, and the Nu HTML Checker on all of them at the end."""

    def __init__(self):
        self.documents: dict[str, str] = {}
        self.axe_source = AXE.read_text()

    def __call__(self, page, name: str, *, screenshots: bool = True):
        page.evaluate(self.axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == [], f"axe found problems on {name}: {violations}"
        self.documents[name] = page.content()
        viewport = page.viewport_size
        if screenshots:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{name}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        # No page is wider than a phone: a wide table or form scrolls inside its own box.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width} px wide on a {PHONE['width']} px phone"
        rows = page.evaluate(HEADER_ROWS)
        assert rows <= 2, f"{name}'s header takes {rows} rows on a phone"
        if screenshots:
            page.screenshot(path=ARTIFACTS / f"{name}-phone.png", full_page=True)
        page.set_viewport_size(viewport)

    def validate_html(self, tmp_path: Path):
        if not self.documents:
            return
        folder = tmp_path / "html"
        folder.mkdir()
        for name, html in self.documents.items():
            (folder / f"{name}.html").write_text(html)
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(folder)],
            capture_output=True,
            text=True,
            timeout=180,
        )
        messages = json.loads(run.stderr or run.stdout)["messages"]
        errors = [
            f"{Path(m.get('url', '')).name}: {m['message']} | {m.get('extract', '')!r}"
            for m in messages
            if m["type"] == "error"
        ]
        assert errors == [], "The Nu HTML Checker found errors:\n" + "\n".join(errors)


@pytest.fixture
def checked(tmp_path):
    checker = PageChecker()
    yield checker
    checker.validate_html(tmp_path)
