"""`partnerships init DIR`: a new council's register, in a folder of its own, that checks and builds.

Real files in tmp_path, a real `partnerships check` and a real `mkdocs build --strict`; the
generated YAML is read back by MkDocs' own config loading and by PyYAML.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from partnership_register import __version__
from partnership_register.cli import main
from partnership_register.mkdocs_plugin.settings import load_settings
from partnership_register.officers import init as init_mod

REPO = Path(__file__).resolve().parents[1]
COUNCIL = "Northshire District Council"
CONTACT = "accessibility@northshire.gov.uk"
FLAGS = ["--council-name", COUNCIL, "--accessibility-contact", CONTACT,
         "--site-url", "https://register.northshire.gov.uk", "--no-input"]
WRITTEN = {"mkdocs.yml", "requirements.txt", "README.md", "docs/index.md", "docs/about.md",
           "records/example-partnership.md", ".github/workflows/check.yml", ".github/workflows/publish.yml",
           ".pre-commit-config.yaml", ".gitignore"}


def init(target: Path, *args: str):
    return CliRunner().invoke(main, ["init", str(target), *args])


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(wf: dict) -> list[str]:
    return [step["run"] for job in wf["jobs"].values() for step in job["steps"] if "run" in step]


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("council") / "register"
    result = init(target, *FLAGS)
    assert result.exit_code == 0, result.output
    return target


def test_init_writes_every_file_and_says_so(council):
    assert files_under(council) == WRITTEN
    result_lines = init(council.parent / "again", *FLAGS).output
    for rel in WRITTEN:
        assert f"  {rel}\n" in result_lines


def test_the_new_register_checks_and_builds(council, tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    check = subprocess.run([sys.executable, "-m", "partnership_register.cli", "check"], cwd=council, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "All 1 record is valid." in check.stdout
    site = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=council, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Northshire District Council(&#39;|'|&rsquo;|’)s partnerships", home)
    for page in ("register", "gaps", "data", "about", "partnerships/example-partnership"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "data" / "register.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_mkdocs_yml_holds_the_councils_settings_and_only_its_own_pages(council):
    settings = load_settings(council / "mkdocs.yml")
    assert settings.council_name == COUNCIL
    assert settings.accessibility_contact == CONTACT
    assert settings.site_url == "https://register.northshire.gov.uk/"
    assert settings.records_dir == (council / "records").resolve()
    config = yaml.safe_load((council / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False and ours["theme"]["font"] is False
    assert config["nav"] == [{"Home": "index.md"}, {"About": [{"About the register": "about.md"}]}]
    assert config["validation"] == ours["validation"]
    assert config["markdown_extensions"] == ours["markdown_extensions"]
    assert "repo_url" not in config  # nothing on the site asks a repository host for anything by default


def test_a_repository_url_gives_edit_links(tmp_path):
    target = tmp_path / "r"
    result = init(target, *FLAGS, "--repository-url", "https://github.com/northshire/register")
    assert result.exit_code == 0, result.output
    settings = load_settings(target / "mkdocs.yml")
    assert settings.edit_url == "https://github.com/northshire/register/edit/main/"
    assert settings.source_url == "https://github.com/northshire/register/blob/main/"


@pytest.mark.parametrize("name", ["Borough of Test: Council # 1", 'The "Quoted" Council', "Cyngor Sir Ynys Môn",
                                  "yes", "- Council", "{Council}"])
def test_any_council_name_reads_back_exactly(tmp_path, name):
    target = tmp_path / "r"
    result = init(target, "--council-name", name, "--accessibility-contact", CONTACT, "--no-input")
    assert result.exit_code == 0, result.output
    assert load_settings(target / "mkdocs.yml").council_name == name
    assert load_settings(target / "mkdocs.yml").site_name == f"{name} — Partnership Register"


def test_requirements_pin_this_version_and_the_hook_matches(council):
    lines = [ln for ln in (council / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    assert lines[0] == f"partnership-register=={__version__}"
    assert {re.split(r"[<>=]", ln)[0] for ln in lines[1:]} == {"mkdocs", "mkdocs-material"}
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for ln in lines[1:]:  # the same ranges as this package asks for
        name = re.split(r"[<>=]", ln)[0]
        wanted = re.search(rf'"{re.escape(name)}([<>=][^"]*)"', pyproject).group(1)
        assert sorted(ln[len(name):].split(",")) == sorted(wanted.split(","))
    config = yaml.safe_load((council / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert repo["rev"] == f"v{__version__}"
    assert repo["repo"] == init_mod.project_url()
    assert re.search(r'^Source = "' + re.escape(repo["repo"]) + '"$', pyproject, re.M)
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in offered]
    assert offered[0]["language"] == "python"  # pre-commit installs the package at `rev` for the hook


def test_the_check_workflow_is_this_repositorys_with_the_pinned_install(council):
    theirs = workflow(council / ".github" / "workflows" / "check.yml")
    ours = workflow(REPO / ".github" / "workflows" / "check.yml")
    assert "pull_request" in theirs["on"]
    assert runs(theirs) == [("pip install -r requirements.txt" if r == "pip install -e ." else r) for r in runs(ours)]
    steps = theirs["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["with"]["cache-dependency-path"] == "requirements.txt"


def test_the_publish_workflow_publishes_only_the_built_site(council):
    wf = workflow(council / ".github" / "workflows" / "publish.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    ours = workflow(REPO / ".github" / "workflows" / "publish.yml")
    assert runs(wf) == [("pip install -r requirements.txt" if r == "pip install -e ." else r) for r in runs(ours)]
    uploads = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s and "upload" in s["uses"]}
    assert uploads["actions/upload-artifact"]["with"] == {"name": "site", "path": "site/", "retention-days": 30}
    assert uploads["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "vars.PAGES" in deploy["if"]  # a council on another host turns GitHub Pages off
    for job in (build, deploy):
        assert job["runs-on"] == "ubuntu-latest" and job["steps"]


def test_every_command_a_workflow_or_readme_names_exists(council):
    folder = council / ".github" / "workflows"
    text = "\n".join(r for name in ("check.yml", "publish.yml") for r in runs(workflow(folder / name)))
    text += (council / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\s*partnerships (\w+)", text, re.M))
    assert named >= {"new", "import", "check", "gaps"}
    assert named <= set(main.commands)


def test_the_readme_tells_officers_what_they_need(council):
    readme = (council / "README.md").read_text(encoding="utf-8")
    for said in ("partnerships new", "partnerships check", "mkdocs serve", "must be private",
                 "requirements.txt", "pip install -r requirements.txt", COUNCIL):
        assert said in readme, said
    assert (council / ".gitignore").read_text(encoding="utf-8").splitlines()[1] == "/site/"


def test_init_never_overwrites_a_file(tmp_path):
    target = tmp_path / "r"
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("the council's own page\n", encoding="utf-8")
    (target / "README.md").write_text("theirs\n", encoding="utf-8")
    result = init(target, *FLAGS)
    assert result.exit_code == 2
    assert "README.md, docs/index.md" in result.output and "nothing was written" in result.output
    assert files_under(target) == {"README.md", "docs/index.md"}
    assert (target / "README.md").read_text(encoding="utf-8") == "theirs\n"


def test_a_file_where_a_folder_would_go_is_in_the_way(tmp_path):
    target = tmp_path / "r"
    target.mkdir()
    (target / "records").write_text("not a folder\n", encoding="utf-8")
    result = init(target, *FLAGS)
    assert result.exit_code == 2 and "records/example-partnership.md" in result.output
    assert files_under(target) == {"records"}


def test_init_works_in_a_fresh_clone(tmp_path):
    target = tmp_path / "clone"
    (target / ".git").mkdir(parents=True)
    (target / "LICENSE").write_text("x\n", encoding="utf-8")
    assert init(target, *FLAGS).exit_code == 0
    assert files_under(target) == WRITTEN | {"LICENSE"}


@pytest.mark.parametrize("flags, said", [
    (["--council-name", COUNCIL, "--accessibility-contact", "not an email"], "must be an email address"),
    (["--council-name", "Two\nlines", "--accessibility-contact", CONTACT], "one line of text"),
    (["--council-name", COUNCIL, "--accessibility-contact", CONTACT, "--site-url", "register.gov.uk"],
     "must be a web address"),
    (["--council-name", COUNCIL, "--accessibility-contact", CONTACT, "--repository-url", "javascript:alert(1)"],
     "must be a web address"),
    (["--council-name", COUNCIL], "--accessibility-contact needed"),
    ([], "--council-name, --accessibility-contact needed"),
])
def test_answers_that_cannot_be_used_are_refused_and_nothing_is_written(tmp_path, flags, said):
    result = init(tmp_path / "r", *flags, "--no-input")
    assert result.exit_code == 2
    assert said in result.output
    assert not (tmp_path / "r").exists()


def test_in_a_terminal_it_asks(tmp_path):
    """A real terminal (a pty): the questions are asked and the answers used."""
    target = tmp_path / "asked"
    primary, secondary = pty.openpty()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "partnership_register.cli", "init", str(target)],
                            stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    os.write(primary, f"Southshire Borough Council\n{CONTACT}\nhttps://partnerships.southshire.gov.uk/\n\n".encode())
    said = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        said += chunk
    os.close(primary)
    assert proc.wait(timeout=60) == 0, said.decode(errors="replace")
    assert b"The council's name" in said and b"accessibility problems" in said
    settings = load_settings(target / "mkdocs.yml")
    assert settings.council_name == "Southshire Borough Council"
    assert settings.site_url == "https://partnerships.southshire.gov.uk/"
    assert settings.edit_url is None
