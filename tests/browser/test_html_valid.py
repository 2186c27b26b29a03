"""Every page of the built sample site passes the Nu HTML checker (vnu-jar, from npm; needs Java),
apart from errors in mkdocs-material's own templates, each listed below with its reason."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_build import REPO, build_sample, page_urls

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (the message starts with, the markup it is about contains, why it is not ours)
MATERIAL_ONLY = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"',
     "material's base.html puts autocomplete=off on its drawer and search toggles (checkboxes), "
     "to stop Firefox restoring their state"),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-nav__title" for="__toc"',
     "material's nav partial labels its table-of-contents toggle, a checkbox it hides with CSS"),
]


def _material_only(message: dict) -> bool:
    return any(message.get("message", "").startswith(start) and markup in message.get("extract", "")
               for start, markup, _ in MATERIAL_ONLY)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("vnu")) / "site"


@pytest.mark.browser
def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    assert java, "the Nu HTML checker needs Java: apt-get install default-jre-headless (.ci/run does)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci` (make test does)"
    pages = [site / url / "index.html" for url in page_urls(site)] + [site / "404.html"]
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    ours = [m for m in errors if not _material_only(m)]
    assert not ours, "\n".join(f"{Path(m.get('url', '')).parent.name}:{m.get('lastLine')}: {m['message']}\n    "
                               f"{m.get('extract', '').strip()[:200]}" for m in ours[:20])
    assert len(pages) > 30
    unused = [start for start, markup, _ in MATERIAL_ONLY
              if not any(m["message"].startswith(start) and markup in m.get("extract", "") for m in errors)]
    assert not unused, f"material no longer makes these errors: remove them from MATERIAL_ONLY: {unused}"
