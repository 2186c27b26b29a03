"""The sample register built once per test module, as `make site` builds it, for the browser tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)
EPOCH = str(int(dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12, tzinfo=dt.timezone.utc).timestamp()))


def build_sample(dest: Path) -> Path:
    """Copy mkdocs.yml, docs/, records/ and schema/ into `dest` and build the site; returns `dest`."""
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "records", "schema"):
        shutil.copytree(REPO / folder, dest / folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=dest, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return dest


def page_urls(site: Path) -> list[str]:
    """Every page of a built site, as URLs relative to its root ('' is the home page)."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))
