"""Finding record files: no link followed out of the repository, no loop, no pipe or device opened, and no
file that looks like a record skipped in silence.

The repository is the folder holding mkdocs.yml (or, with none, the records folder's parent). Every case
is a real file system object in tmp_path; `check` runs as a subprocess with a timeout, so a hang fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register.cli import main
from partnership_register.load.loader import load_register
from partnership_register.load.problems import NOT_READ

from helpers import mkdocs_build


def _repo(tmp_path: Path, minimal_record) -> Path:
    root = tmp_path / "repo"
    (root / "records").mkdir(parents=True)
    (root / "records" / "good.md").write_text(minimal_record("good"), encoding="utf-8")
    return root


def _problems(root: Path, **kw):
    register = load_register([root / "records"], root=root, boundary=root, **kw)
    return register, {p.path: p for p in register.problems}


def _check(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`partnerships check` in `root`, stopped (and failed) if it takes over 60 seconds."""
    return subprocess.run([sys.executable, "-m", "partnership_register.cli", "check", *args], cwd=root,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_a_link_out_of_the_repository_is_a_located_error_and_not_read(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    outside = tmp_path / "elsewhere" / "stolen.md"
    outside.parent.mkdir()
    outside.write_text(minimal_record("stolen", "summary: OUTSIDE-SECRET\n"), encoding="utf-8")
    (root / "records" / "stolen.md").symlink_to(outside)
    (root / "records" / "passwd.md").symlink_to("/etc/passwd")
    (root / "records" / "archive").symlink_to(tmp_path / "elsewhere")  # a folder link, whatever its name
    register, problems = _problems(root)
    assert set(problems) == {"records/stolen.md", "records/passwd.md", "records/archive"}
    for p in problems.values():
        assert (p.line, p.column, p.kind) == (1, 1, NOT_READ) and "outside the repository" in p.message
    assert [r.id for r in register.valid_records()] == ["good"]
    assert register.files_checked == 1
    assert not any("OUTSIDE-SECRET" in str(r.data) for r in register.records)


def test_a_link_into_a_hidden_folder_is_refused(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[credential]\n  helper = store\n", encoding="utf-8")
    (root / "records" / "config.md").symlink_to(root / ".git" / "config")
    _, problems = _problems(root)
    assert "outside the repository (or inside one of its hidden folders)" in problems["records/config.md"].message


def test_a_link_inside_the_repository_is_read_under_its_own_name(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    (root / "shared").mkdir()
    (root / "shared" / "joint.md").write_text(minimal_record("joint"), encoding="utf-8")
    (root / "records" / "joint.md").symlink_to(Path("..") / "shared" / "joint.md")
    register, problems = _problems(root)
    assert problems == {}
    assert sorted(r.path for r in register.records) == ["records/good.md", "records/joint.md"]


def test_link_loops_are_errors_not_tracebacks(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    records = root / "records"
    (records / "a.md").symlink_to(records / "b.md")
    (records / "b.md").symlink_to(records / "a.md")
    (records / "self.md").symlink_to(records / "self.md")
    (records / "sub").mkdir()
    (records / "sub" / "up").symlink_to(records)  # a folder that contains itself
    register, problems = _problems(root)
    assert {"records/a.md", "records/b.md", "records/self.md", "records/sub/up"} == set(problems)
    assert all("loop" in p.message for p in problems.values())
    assert register.files_checked == 1
    assert "4 problems in 0 of 1 record; 4 files were not read." in _check(root).stdout
    result = _check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "records/sub/up:1:1: error: is a link to a folder that is already being read (a loop)" in result.stdout


def test_a_pipe_a_socket_or_a_device_is_never_opened(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    records = root / "records"
    os.mkfifo(records / "pipe.md")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(records / "socket.md"))
        os.mkfifo(records / "notes")  # not named like a record: left alone
        result = _check(root)  # a pipe opened for reading would wait for a writer for ever
        assert result.returncode == 1, result.stdout + result.stderr
        for name in ("pipe.md", "socket.md"):
            assert f"records/{name}:1:1: error: is not a regular file" in result.stdout
        assert "records/notes" not in result.stdout
        # named on the command line, as a pre-commit hook would
        named = _check(root, "records/pipe.md")
        assert named.returncode == 1 and "records/pipe.md:1:1: error: is not a regular file" in named.stdout


def test_a_device_is_outside_the_repository(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    (root / "records" / "zero.md").symlink_to("/dev/zero")
    result = _check(root)
    assert result.returncode == 1 and "records/zero.md:1:1: error: is a link to a place outside" in result.stdout


@pytest.mark.parametrize("name, rename", [("X.MD", "X.md"), ("x.markdown", "x.md"), ("x.md ", "x.md"),
                                          ("x.Md", "x.md"), ("x.md.", "x.md"), ("waste.mkd", "waste.md")])
def test_files_that_look_like_records_are_reported_not_skipped(tmp_path, name, rename, minimal_record):
    root = _repo(tmp_path, minimal_record)
    (root / "records" / name).write_text(minimal_record(Path(rename).stem), encoding="utf-8")
    register, problems = _problems(root)
    [p] = problems.values()
    assert (p.path, p.kind, p.line) == (f"records/{name}", NOT_READ, 1)
    assert repr(name) in p.message and p.hint == f"rename it to {rename}"
    assert register.files_checked == 1


def test_check_says_how_many_files_it_read_and_how_many_it_did_not(tmp_path, monkeypatch, minimal_record):
    root = _repo(tmp_path, minimal_record)
    records = root / "records"
    (records / "other.md").write_text(minimal_record("other"), encoding="utf-8")
    for name in ("A.MD", "b.markdown", "README.MD", "Index.markdown", "notes.txt", "draft.md~"):
        (records / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "2 problems in 0 of 2 records; 2 files were not read." in result.output
    assert "README" not in result.output and "notes.txt" not in result.output and "draft" not in result.output
    for name in ("A.MD", "b.markdown"):
        (records / name).unlink()
    assert CliRunner().invoke(main, ["check"]).output.strip() == "All 2 records are valid."


def test_the_build_stops_on_a_file_it_would_not_read(tmp_path, minimal_record):
    from mkdocs.exceptions import MkDocsException

    root = _repo(tmp_path, minimal_record)
    (root / "records" / "Forgotten.MD").write_text(minimal_record("forgotten"), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Register\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: T\ntheme:\n  name: material\nplugins:\n  - partnership-register:\n"
                                     "      history: false\n", encoding="utf-8")
    with pytest.raises(MkDocsException):
        mkdocs_build(str(root / "mkdocs.yml"))


def test_without_mkdocs_yml_the_repository_is_the_records_folders_parent(tmp_path, minimal_record):
    root = _repo(tmp_path, minimal_record)
    (root / "notes").mkdir()
    (root / "notes" / "n.md").write_text(minimal_record("n"), encoding="utf-8")
    (root / "records" / "n.md").symlink_to(root / "notes" / "n.md")
    (tmp_path / "far.md").write_text(minimal_record("far"), encoding="utf-8")
    (root / "records" / "far.md").symlink_to(tmp_path / "far.md")
    result = _check(tmp_path, str(root / "records"))  # run from outside, with no mkdocs.yml anywhere
    assert result.returncode == 1
    assert "far.md:1:1: error: is a link to a place outside the repository" in result.stdout
    assert "n.md" not in result.stdout

