"""The package as a council installs it: a wheel, built from the project's files, installed in a
fresh virtual environment, starting a register outside the source tree that checks and builds.

One wheel and one environment for the module (pip resolves the dependencies as a council's
would, from the index pip is configured with); every command runs from the environment's
bin/ in a folder of its own, so nothing of the source tree can stand in for the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import thirdparty
from partnership_register import __version__

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "plugins" / "partnership_register"
RECORDS = [("Waste Joint Committee", "joint-committee", "member"),
           ("Hartwell Town Centre BID", "business-improvement-district", "funder"),
           ("Northshire Leisure Trust", "contractual", "observer")]


def project_files() -> list[str]:
    """The project's files as a fresh clone would have them (tracked, or new and not ignored)."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True,
                         check=True).stdout.decode()
    return sorted(f for f in out.split("\0") if f and (REPO / f).is_file())


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PARTNERSHIP_REGISTER_BUILD")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def run(cmd, cwd, timeout=300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=clean_env(), capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the project's files (so the source tree gets no build/ folder)."""
    source = tmp_path_factory.mktemp("source")
    for rel in project_files():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, source / rel)
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(out)],
                           env=clean_env(), capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "would be ignored" not in built.stdout + built.stderr
    [whl] = out.glob("*.whl")
    assert whl.name == f"partnership_register-{__version__}-py3-none-any.whl"
    return whl


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment (no system site-packages) with only the wheel and its dependencies.

    This environment's pip installs into it (`--python`), which saves bootstrapping a pip of its own.
    """
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", "--without-pip", env_dir], cwd=env_dir.parent)
    run([sys.executable, "-m", "pip", "--python", env_dir / "bin" / "python", "install", "-q", "--no-compile", wheel],
        cwd=env_dir.parent, timeout=600)
    return env_dir / "bin"


@pytest.fixture(scope="module")
def council(venv, tmp_path_factory) -> tuple[Path, Path]:
    """A council's register started with the installed `partnerships init`, three records added, built."""
    folder = tmp_path_factory.mktemp("elsewhere") / "northshire-register"
    run([venv / "partnerships", "init", folder, "--council-name", "Northshire District Council",
         "--accessibility-contact", "accessibility@northshire.gov.uk",
         "--site-url", "https://register.northshire.gov.uk/", "--no-input"], cwd=folder.parent)
    for name, ptype, role in RECORDS:
        run([venv / "partnerships", "new", "--no-input", "--name", name, "--type", ptype, "--council-role", role],
            cwd=folder)
    run([venv / "partnerships", "check"], cwd=folder)
    run([venv / "mkdocs", "build", "--strict"], cwd=folder)
    return folder, folder / "site"


def test_the_wheel_carries_every_file_the_package_reads(wheel):
    """Exactly the package's files, templates, data and the schemas: nothing missing, nothing stray."""
    with zipfile.ZipFile(wheel) as z:
        names = {n for n in z.namelist() if ".dist-info/" not in n}
        metadata = z.read(f"partnership_register-{__version__}.dist-info/METADATA").decode()
    prefix = "plugins/"
    expected = {f[len(prefix):] for f in project_files() if f.startswith(prefix + "partnership_register/")}
    expected |= {f"partnership_register/schemas/{Path(f).name}" for f in project_files() if f.startswith("schema/")}
    assert names == expected
    for needed in ("partnership_register/schemas/partnership.schema.json",
                   "partnership_register/data/import-mapping.yml", "partnership_register/pages/templates/data.html",
                   "partnership_register/pages/templates/theme/partials/source.html",
                   "partnership_register/data/init/mkdocs.yml.jinja",
                   "partnership_register/data/init/dot-github/workflows/check.yml"):
        assert needed in names, needed
    assert f"Version: {__version__}" in metadata and "Project-URL: Source, https://" in metadata


def test_the_package_runs_from_the_environment_not_the_source_tree(venv):
    where = run([venv / "python", "-c", "import partnership_register as p; print(p.__file__)"], cwd=venv).stdout
    assert Path(where.strip()).is_relative_to(venv.parent)
    assert not Path(where.strip()).is_relative_to(REPO)


def test_a_register_started_from_the_wheel_builds_its_pages_and_downloads(council):
    folder, site = council
    ids = sorted(p.stem for p in (folder / "records").rglob("*.md"))
    assert len(ids) == 1 + len(RECORDS)  # the example and the three added
    for rid in ids:
        assert (site / "partnerships" / rid / "index.html").is_file(), rid
        assert (site / "data" / "partnerships" / f"{rid}.json").is_file(), rid
    for page in ("register", "browse", "gaps", "gaps/rules", "reviews", "risks", "summary", "data", "fields",
                 "how-to", "accessibility", "about"):
        assert (site / page / "index.html").is_file(), page
    register = json.loads((site / "data" / "register.json").read_text(encoding="utf-8"))
    assert register["record_count"] == len(ids) and register["publisher"] == "Northshire District Council"
    for path in ("data/register.csv", "data/register.csv-metadata.json", "data/register.xlsx", "data/reviews.ics",
                 "schema/partnership.schema.json", "schema/register.schema.json"):
        assert (site / path).stat().st_size > 0, path


def test_the_wheels_site_validates_and_asks_no_other_host(council, tmp_path):
    _, site = council
    check = Path(sys.executable).parent / "check-jsonschema"
    files = [site / "data" / "register.json", *sorted((site / "data" / "partnerships").glob("*.json"))]
    run([check, "--schemafile", site / "schema" / "register.schema.json", *files], cwd=tmp_path)
    assert (site / "data" / "register.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert thirdparty.requests(site, "https://register.northshire.gov.uk/") == []
