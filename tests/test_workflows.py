"""The GitHub workflows and pre-commit hooks: valid YAML that runs the commands the README documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from partnership_register.cli import main

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
DOCUMENTED = ("partnerships check", "mkdocs build")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    # YAML 1.1 (PyYAML, and GitHub's own reader) takes the key `on` for true
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def test_readme_documents_the_commands_the_workflows_run():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in DOCUMENTED:
        assert command in readme, command


def test_check_workflow_runs_on_pull_requests():
    wf = load(WORKFLOWS / "check.yml")
    assert "pull_request" in wf["on"]
    text = runs(wf)
    for command in DOCUMENTED:
        assert command in text, command
    assert "pip install -e ." in text
    assert "partnerships check --format github" in text
    assert "mkdocs build --strict" in text
    assert re.search(r"partnerships gaps --format markdown >> \"?\$GITHUB_STEP_SUMMARY\"?", text)
    assert uses(wf) == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    checkout, python = steps(wf)[0], steps(wf)[1]
    assert checkout["with"]["fetch-depth"] == 0  # the site reads the whole git history
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    order = [s.get("run", "") for s in steps(wf)]
    assert order.index("partnerships check --format github") < order.index("mkdocs build --strict")


def test_publish_workflow_deploys_main_to_pages():
    wf = load(WORKFLOWS / "publish.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    text = runs(wf)
    for command in DOCUMENTED:
        assert command in text, command
    assert uses(wf) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                        "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert steps(wf)[0]["with"]["fetch-depth"] == 0
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    artifact = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert artifact["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize("name", ["check.yml", "publish.yml"])
def test_workflow_commands_exist(name):
    """Every `partnerships` sub-command a workflow runs is one the CLI has, with that --format."""
    for line in runs(load(WORKFLOWS / name)).splitlines():
        m = re.match(r"partnerships (\w+)(?: --format (\w+))?", line.strip())
        if not m:
            continue
        command = main.commands.get(m.group(1))
        assert command is not None, line
        if m.group(2):
            formats = next(p for p in command.params if p.name == "fmt").type.choices
            assert m.group(2) in formats, line


def test_pre_commit_hook_for_other_repositories():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["partnerships-check"]
    hook = hooks[0]
    assert hook["entry"] == "partnerships check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("records/place/waste-jc.md") and files.search("records/x.md")
    assert not files.search("docs/index.md") and not files.search("records/place/notes.txt")


def test_this_repositorys_pre_commit_config_uses_the_same_hook():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert config["repos"][0]["repo"] == "local"
    for key in ("id", "entry", "files", "pass_filenames"):
        assert hook[key] == offered[key], key


def test_the_hook_command_checks_the_files_it_is_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "records").mkdir()
    good = tmp_path / "records" / "a.md"
    good.write_text("---\nid: a\nname: A\nstatus: active\ntype: informal\ncouncil_role: [member]\n---\n",
                    encoding="utf-8")
    bad = tmp_path / "records" / "b.md"
    bad.write_text("---\nid: b\nname: B\nstatus: live\ntype: informal\ncouncil_role: [member]\n---\n",
                   encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "records/a.md"]).exit_code == 0
    result = runner.invoke(main, ["check", "records/a.md", "records/b.md"])
    assert result.exit_code == 1 and "records/b.md:4:" in result.output
