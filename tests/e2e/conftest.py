"""Headless Debian Chromium driven by Playwright, against a live server and a real worker."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accounts.sso_fixtures import (  # noqa: F401 (fixtures of the single sign-on tests)
    alice,
    configure,
    north,
    north_hr,
)
from tests.lti.lti_fixtures import (  # noqa: F401 (fixtures of the LTI tests)
    lti_platform,
    registered,
    test_platform,
)

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "e2e"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run scripts/ensure-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
