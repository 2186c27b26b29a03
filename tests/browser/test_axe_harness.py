"""Self-test for the axe-core/Playwright harness in ``tests/browser/axe.py``.

Independent of the project's plugin: it serves two hand-written pages (one with
a known accessibility violation, one clean) and checks axe reports exactly what
we expect. If Chromium or axe-core is missing these tests FAIL (not skip) with a
message saying how to install it.
"""

from __future__ import annotations

import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    import axe  # found via rootdir sys.path insertion ("prepend" import mode)
except ImportError:  # e.g. --import-mode=importlib
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import axe

BAD_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bad page</title></head>
<body>
  <main>
    <h1>Bad page</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
  </main>
</body>
</html>
"""

GOOD_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Good page</title>
</head>
<body>
  <header><p>Partnership Register harness</p></header>
  <nav aria-label="Main"><a href="../bad.html">A page with a problem</a></nav>
  <main>
    <h1>Good page</h1>
    <p>Accessible content.</p>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10" alt="A tiny square">
    <form>
      <label for="q">Search</label>
      <input id="q" name="q" type="search">
      <button type="submit">Go</button>
    </form>
  </main>
</body>
</html>
"""


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    (tmp_path / "good").mkdir()
    # Directory URL with index.html, like MkDocs' use_directory_urls.
    (tmp_path / "good" / "index.html").write_text(GOOD_PAGE, encoding="utf-8")
    with axe.serve_directory(tmp_path) as base_url:
        yield base_url


def test_serve_directory_serves_files_and_directory_indexes(site: str) -> None:
    assert site.startswith("http://127.0.0.1:") and site.endswith("/")
    with urllib.request.urlopen(site + "good/", timeout=10) as resp:
        assert resp.status == 200
        assert b"<title>Good page</title>" in resp.read()


def test_serve_directory_shuts_down(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    with axe.serve_directory(tmp_path) as base_url:
        pass
    with pytest.raises(OSError):
        urllib.request.urlopen(base_url, timeout=2)


@pytest.mark.browser  # needs axe-core from npm (node_modules), as every browser test does
def test_axe_js_path_reports_missing_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AXE_CORE_JS", str(tmp_path / "nope.js"))
    with pytest.raises(FileNotFoundError, match="AXE_CORE_JS"):
        axe.axe_js_path()
    monkeypatch.delenv("AXE_CORE_JS")
    assert axe.axe_js_path().name == "axe.min.js"


@pytest.mark.browser
def test_bad_page_reports_image_alt(page: Any, site: str) -> None:
    page.goto(site + "bad.html")
    violations = axe.run_axe(page)
    ids = {v["id"] for v in violations}
    assert "image-alt" in ids, axe.format_violations(violations, url=page.url)

    image_alt = next(v for v in violations if v["id"] == "image-alt")
    assert image_alt["impact"] == "critical"
    assert image_alt["node_count"] == 1
    assert image_alt["nodes"][0]["target"] == ["img"]
    assert image_alt["nodes"][0]["html"].startswith("<img")

    message = axe.format_violations(violations, url=page.url)
    assert "image-alt" in message and "bad.html" in message


@pytest.mark.browser
def test_good_page_has_no_violations(page: Any, site: str) -> None:
    page.goto(site + "good/")
    violations = axe.run_axe(page)
    assert violations == [], axe.format_violations(violations, url=page.url)


@pytest.mark.browser
def test_run_axe_can_disable_rules(page: Any, site: str) -> None:
    page.goto(site + "bad.html")
    violations = axe.run_axe(page, disable_rules=["image-alt"])
    assert "image-alt" not in {v["id"] for v in violations}
