"""A real browser for the HTML report tests: Debian's chromium, driven by Playwright.

Skipped only where chromium (or Playwright) is missing and the run does not require a browser;
CI sets LISTENING_POST_REQUIRE_BROWSER=1, so there a missing browser fails instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

REQUIRE = "LISTENING_POST_REQUIRE_BROWSER"
CHROMIUM = os.environ.get("LISTENING_POST_CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that reaches out: no updates, no background requests.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"no chromium at {CHROMIUM}"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"Playwright or axe-core is not installed ({error.name})"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get(REQUIRE) or os.environ.get("CI"):
            pytest.fail(f"{REQUIRE} is set but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()
