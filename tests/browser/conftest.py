"""Playwright driving Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser on our machines, so we launch /usr/bin/chromium.
Where it is missing the browser tests are skipped, unless REQUIRE_BROWSER=1 (CI sets it), in
which case they fail: CI must never pass without having run them.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is deliberate. The ORM is only used by test code here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(django_db_setup, live_server):
    """The live server, started after the test database so that it stops before the database is
    dropped (PostgreSQL refuses to drop a database that the server thread is still connected to)."""
    return live_server


def open_page(browser, server, **context_options):
    context = browser.new_context(base_url=server.url, locale="cs-CZ", **context_options)
    page = context.new_page()
    watch_for_problems(page)
    return context, page


@pytest.fixture
def page(browser, server):
    context, page = open_page(browser, server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, server):
    context, page = open_page(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield page
    context.close()


def watch_for_problems(page):
    """Collect in page.problems what a visitor would not see but a broken page shows: console
    errors (a CSP violation is one) and assets that failed to load."""
    page.problems = []

    def on_console(message):
        # A failed load is reported by on_response, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.problems.append(message.text)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            page.problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)


_axe = Axe()


def assert_accessible(page):
    """Run axe-core (all rules, WCAG 2.1 AA and best practices) and fail on any violation."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page, username, password):
    page.goto("/prihlaseni/")
    page.get_by_label("Uživatelské jméno").fill(username)
    page.get_by_label("Heslo").fill(password)
    page.get_by_role("button", name="Přihlásit se").click()
