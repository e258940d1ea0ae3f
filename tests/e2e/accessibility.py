"""axe-core (shipped in the axe-playwright-python package) run on the page the browser
shows: a page with any violation fails the test with axe's own report."""

from __future__ import annotations

from typing import Any


def assert_accessible(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
