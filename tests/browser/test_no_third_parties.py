"""The built register in headless Chromium asks no other host for anything: every request the
browser makes while each page loads, runs its scripts and is searched is to the site itself.

The static scan (tests/thirdparty.py) reads the files; this watches a real browser, so it
also catches a request a script builds at run time (the repository facts widget, fonts)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import axe

REPO = Path(__file__).resolve().parents[2]
EPOCH = str(int(dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc).timestamp()))
PAGES = ["", "register/", "partnerships/northshire-economic-prosperity-board/", "gaps/", "risks/", "data/",
         "summary/", "about/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("third-parties")
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")  # repo_url set: the widget would call GitHub
    for folder in ("docs", "records"):
        shutil.copytree(REPO / folder, project / folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    with axe.serve_directory(project / "site") as base_url:
        yield base_url


@pytest.mark.browser
def test_no_request_leaves_the_site(chromium, site):
    own = urlsplit(site).netloc
    elsewhere: list[str] = []
    seen: list[str] = []
    context = chromium.new_context()

    def route(r):
        seen.append(r.request.url)
        if urlsplit(r.request.url).netloc == own or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()  # the machine has no outside network; a request is the failure, not its answer

    context.route("**/*", route)
    try:
        page = context.new_page()
        for url in PAGES:
            page.goto(site + url)
            page.wait_for_load_state("networkidle")
        page.keyboard.press("/")  # open material's search, which loads its worker and index
        page.keyboard.type("waste")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    finally:
        context.close()
    assert any("search" in u for u in seen) and len(seen) > len(PAGES)  # the watch saw the scripts at work
    assert elsewhere == []
