"""A register whose records repository is public holds nothing withheld: every place it would is a located error.

The leak fixture (tests/fixtures/leak/records) has a value in every internal field, a confidential amount,
a publication reason and an unpublished record. In a private repository (the default) it is valid; in a
public one, `partnerships check` (by `repository: public`, PARTNERSHIP_REGISTER_REPOSITORY or
`--public-repository`) and the build refuse it, one error per place, each on the line of the value.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from partnership_register import pipeline
from partnership_register.cli import main
from partnership_register.load import repository
from partnership_register.load import schema as schema_mod
from partnership_register.load.loader import load_register
from partnership_register.mkdocs_plugin.settings import SettingsError

from helpers import make_settings, mkdocs_build

HERE = Path(__file__).resolve().parent
LEAK = HERE / "fixtures" / "leak" / "records"
WORKFLOWS = HERE.parent / ".github" / "workflows"
KIND = repository.KIND


def expected_places() -> set[tuple[str, str]]:
    """(file, field) of every withheld value in the fixture, found from the files' text and the schema."""
    out = set()
    for path in LEAK.glob("*.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        pub = data.get("publication") or {}
        if pub.get("publish") is False:
            out.add((path.name, "publication.publish"))
            continue
        for pattern in schema_mod.internal_paths():
            for field in _fields(data, pattern):
                out.add((path.name, field))
        for i, m in enumerate(data.get("money") or []):
            if m.get("commercially_confidential") is True:
                out.add((path.name, f"money[{i}].commercially_confidential"))
        if "reason" in pub:
            out.add((path.name, "publication.reason"))
    return out


def _fields(data, pattern, at=""):
    if not pattern:
        return [at]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        return [f for i, item in enumerate(data if isinstance(data, list) else []) for f in _fields(item, rest, f"{at}[{i}]")]
    if isinstance(data, dict) and head in data:
        return _fields(data[head], rest, f"{at}.{head}" if at else head)
    return []


def line_of(path: Path, field: str) -> int:
    """The line the field's key is on, found by walking its indentation (a cross-check on Positions)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    parts = [p for p in field.replace("]", "").replace("[", ".").split(".")]
    i, indent = 0, 0
    for part in parts:
        if part.isdigit():
            seen = -1
            while True:
                i += 1
                stripped = lines[i].lstrip(" ")
                if stripped.startswith("- ") and len(lines[i]) - len(stripped) == indent:
                    seen += 1
                    if seen == int(part):
                        indent += 2
                        lines[i] = " " * indent + stripped[2:]
                        break
            continue
        while not (lines[i].startswith(" " * indent + part + ":")):
            i += 1
        indent += 2
    return i + 1


def test_private_repository_accepts_withheld_data():
    assert load_register([LEAK]).problems == []


def test_public_repository_refuses_each_place_with_its_line():
    register = load_register([LEAK], root=LEAK, public_repository=True)
    problems = register.problems
    assert {p.kind for p in problems} == {KIND}
    got = {(p.path, p.field) for p in problems}
    assert got == expected_places()
    assert len(got) == len(problems) >= 12  # one each
    for p in problems:
        assert p.line == line_of(LEAK / p.path, p.field), p.text()
        assert "this repository is public" in p.message and "private" in p.hint
        assert p.severity == "error"


def test_unpublished_record_is_one_error_for_the_whole_record():
    problems = [p for p in load_register([LEAK], root=LEAK, public_repository=True).problems
                if p.path == "leakmark-secret-partnership.md"]
    assert [(p.field, "whole record" in p.message) for p in problems] == [("publication.publish", True)]


def _project(tmp_path: Path, extra: str = "") -> Path:
    shutil.copytree(LEAK, tmp_path / "records")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Register\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ntheme:\n  name: material\nplugins:\n"
                                         f"  - partnership-register:\n      history: false\n{extra}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("how", ["flag", "config", "environment"])
def test_check_refuses_withheld_data_in_a_public_repository(tmp_path, monkeypatch, how):
    root = _project(tmp_path, "      repository: public\n" if how == "config" else "")
    monkeypatch.chdir(root)
    monkeypatch.delenv(repository.REPOSITORY_ENV, raising=False)
    if how != "config":
        assert CliRunner().invoke(main, ["check"]).exit_code == 0  # the same records are fine where private
    if how == "environment":
        monkeypatch.setenv(repository.REPOSITORY_ENV, "public")
    args = ["check", "--format", "json"] + (["--public-repository"] if how == "flag" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    found = json.loads(result.output)["problems"]
    assert {(Path(p["path"]).name, p["field"]) for p in found} == expected_places()


def test_environment_can_only_make_a_repository_stricter(tmp_path, monkeypatch):
    root = _project(tmp_path, "      repository: public\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv(repository.REPOSITORY_ENV, "private")  # GitHub says private; mkdocs.yml says public
    assert CliRunner().invoke(main, ["check"]).exit_code == 1
    monkeypatch.setenv(repository.REPOSITORY_ENV, "secret")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and repository.REPOSITORY_ENV in result.output


def test_visibility_words():
    assert repository.visibility(None, {}) == "private"
    assert repository.visibility("public", {}) == "public"
    assert repository.visibility("private", {repository.REPOSITORY_ENV: "Public"}) == "public"
    assert repository.visibility("private", {repository.REPOSITORY_ENV: "internal"}) == "private"
    with pytest.raises(ValueError):
        repository.visibility("private", {repository.REPOSITORY_ENV: "yes"})
    with pytest.raises(SettingsError):
        make_settings(LEAK, repository="open")


def test_pipeline_leaves_out_and_reports_records_with_withheld_data():
    run = pipeline.run(make_settings(LEAK, repository="public"))
    bad = {p.path for p in run.problems}
    assert {Path(p).name for p in bad} == {name for name, _ in expected_places()}
    assert all(r.path not in bad for r in run.view)


def test_build_fails_in_a_public_repository(tmp_path, monkeypatch, caplog):
    from mkdocs.exceptions import MkDocsException

    root = _project(tmp_path)
    monkeypatch.setenv(repository.REPOSITORY_ENV, "public")
    with pytest.raises(MkDocsException):
        mkdocs_build(str(root / "mkdocs.yml"))
    assert not (root / "site" / "index.html").exists()
    said = [r.getMessage() for r in caplog.records if "this repository is public" in r.getMessage()]
    assert len(said) == len(expected_places())
    monkeypatch.setenv(repository.REPOSITORY_ENV, "private")
    mkdocs_build(str(root / "mkdocs.yml"))
    assert (root / "site" / "index.html").exists()


INIT_WORKFLOWS = HERE.parent / "plugins" / "partnership_register" / "data" / "init" / "dot-github" / "workflows"


@pytest.mark.parametrize("folder", [WORKFLOWS, INIT_WORKFLOWS], ids=["this repository", "partnerships init"])
@pytest.mark.parametrize("workflow, job", [("check.yml", "check"), ("publish.yml", "build")])
def test_shipped_workflows_say_whether_the_repository_is_public(folder, workflow, job):
    """The job's environment sets PARTNERSHIP_REGISTER_REPOSITORY for every step, check and build alike,
    from GitHub's own `private` flag; an unknown visibility comes out as public (the strict side)."""
    data = yaml.safe_load((folder / workflow).read_text(encoding="utf-8"))
    env = data["jobs"][job]["env"]
    assert env[repository.REPOSITORY_ENV] == "${{ github.event.repository.private && 'private' || 'public' }}"

