"""Shared by the browser tests: `import axe` works however pytest is invoked (the helper lives
next to the tests), and one Debian chromium per test module."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import axe  # noqa: E402  (found through the path set just above)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = axe.launch_chromium(p)
        try:
            yield browser
        finally:
            browser.close()
