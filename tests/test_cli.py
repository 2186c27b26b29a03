"""`partnerships check`: exit codes, the three output formats, help text.

Most tests use click's CliRunner; a few run the installed command in a real
subprocess to prove the entry point, stdout encoding and exit codes end to end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register.cli import main
from partnership_register.load.problems import KIND_LABELS, Problem
from partnership_register.load.yamlsource import parse

HERE = Path(__file__).resolve().parent
VALID = HERE / "records" / "valid"
INVALID = HERE / "records" / "invalid"
EXPECTED = parse((INVALID / "expected.yml").read_text(encoding="utf-8"))[0]
N_INVALID = len(list(INVALID.glob("*.md")))
N_EXPECTED = sum(len(v) for v in EXPECTED.values())
GITHUB_LINE = re.compile(r"^::error file=[^,]+,line=\d+,col=\d+,title=[^:]*::.+$")
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: .+$")


def run(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(map(str, args)), prog_name="partnerships")
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(map(str, args)), prog_name="partnerships")
    finally:
        os.chdir(old)


def copy_invalid(tmp_path) -> Path:
    """The invalid fixtures under tmp_path/records, so paths print as records/<name>."""
    target = tmp_path / "records"
    shutil.copytree(INVALID, target, ignore=shutil.ignore_patterns("*.yml"))
    return target


# --- exit codes -----------------------------------------------------------------------

def test_valid_records_exit_0_with_all_valid_message():
    result = run("check", VALID)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "All 2 records are valid."


def test_one_valid_record_says_record_is():
    result = run("check", VALID / "minimal.md")
    assert result.exit_code == 0
    assert result.output.strip() == "All 1 record is valid."


def test_invalid_records_exit_1():
    result = run("check", INVALID)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_one_bad_record_among_good_ones_exits_1(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/good.md", minimal_record("good"))
    write_record(tmp_path, "records/bad.md", minimal_record("bad", "geography: mars\n"))
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("records/bad.md:8:1: error: geography: ")
    assert "1 problem in 1 of 2 records." in result.output


def test_default_path_is_records_folder(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/a.md", minimal_record("a"))
    write_record(tmp_path, "records/sub/b.md", minimal_record("b"))
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "All 2 records are valid."


@pytest.mark.parametrize("args", [
    ["check", "does-not-exist"],
    ["check", "--format", "xml", "."],
    ["check", "--bogus"],
    ["no-such-command"],
    ["check", "--schema", "missing.json", "."],
])
def test_usage_errors_exit_2(tmp_path, args):
    (tmp_path / "records").mkdir()
    result = run(*args, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output or "Error:" in result.output


def test_no_records_folder_is_a_usage_error(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no records/ folder here" in result.output


# --- text format ----------------------------------------------------------------------

def test_text_output_lists_every_problem_then_a_summary(tmp_path):
    copy_invalid(tmp_path)
    result = run("check", "records", cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    problem_lines = [line for line in lines if TEXT_LINE.match(line)]
    assert len(problem_lines) == N_EXPECTED
    # the problem lines come first, in file order, and name every fixture
    assert lines[: len(problem_lines)] == problem_lines
    assert {TEXT_LINE.match(line)["path"] for line in problem_lines} == {
        f"records/{name}" for name in EXPECTED}
    for name, expected in EXPECTED.items():
        for e in expected:
            assert any(line.startswith(f"records/{name}:{e['line']}:") and e["message_contains"] in line
                       for line in problem_lines), (name, e)
    assert f"{N_EXPECTED} problems in {N_INVALID} of {N_INVALID} records." in result.output


def test_text_summary_groups_by_kind_with_counts_and_examples(tmp_path):
    copy_invalid(tmp_path)
    result = run("check", "records", cwd=tmp_path)
    summary = result.output.split(f"{N_EXPECTED} problems in", 1)[1]
    counts = Counter(p["kind"] for problems in EXPECTED.values() for p in problems)
    for kind, count in counts.items():
        assert f"  {KIND_LABELS[kind]}: {count}\n" in summary, kind
    # kinds are ordered by count, largest first
    labels = re.findall(r"^  (\S[^:]+): (\d+)$", summary, flags=re.M)
    assert [int(n) for _, n in labels] == sorted((int(n) for _, n in labels), reverse=True)
    # at most three examples per kind, each pointing at a file and line
    examples = re.findall(r"^    e\.g\. (records/[\w.-]+\.md):(\d+)", summary, flags=re.M)
    assert len(examples) == sum(min(3, c) for c in counts.values())
    assert "e.g. records/unknown-field.md:8 nxt_review" in summary


# --- json format ----------------------------------------------------------------------

def test_json_output_parses_and_matches_the_text_problems(tmp_path):
    copy_invalid(tmp_path)
    text = run("check", "records", cwd=tmp_path)
    result = run("check", "records", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False
    assert data["records_checked"] == N_INVALID
    assert data["invalid_records"] == N_INVALID
    assert len(data["problems"]) == N_EXPECTED
    fields = {"path", "line", "column", "field", "message", "kind", "hint", "severity"}
    assert all(set(p) == fields for p in data["problems"])
    as_text = [Problem(**p).text() for p in data["problems"]]
    assert as_text == [line for line in text.output.splitlines() if TEXT_LINE.match(line)]


def test_json_for_valid_records():
    result = run("check", VALID, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"valid": True, "records_checked": 2, "invalid_records": 0, "problems": []}


# --- github format --------------------------------------------------------------------

def test_github_output_is_one_annotation_per_problem(tmp_path):
    copy_invalid(tmp_path)
    result = run("check", "records", "--format", "github", cwd=tmp_path)
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(annotations) == N_EXPECTED
    for line in annotations:
        assert GITHUB_LINE.match(line), line
    data = json.loads(run("check", "records", "--format", "json", cwd=tmp_path).output)
    for line, p in zip(annotations, data["problems"]):
        assert line.startswith(f"::error file={p['path']},line={p['line']},col={p['column']},title=")
    assert f"{N_EXPECTED} problems in {N_INVALID} of {N_INVALID} records." in result.output


def test_github_output_escapes_commas_colons_and_newlines(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/odd, name.md", minimal_record("odd-name"))
    result = run("check", "records", "--format", "github", cwd=tmp_path)
    [line] = [line for line in result.output.splitlines() if line.startswith("::")]
    assert GITHUB_LINE.match(line), line
    assert "file=records/odd%2C name.md," in line
    assert "title=id-mismatch%3A id::" in line
    problem = Problem("a,b.md", 3, 1, "x", "first\nsecond: 100%", "invalid")
    assert GITHUB_LINE.match(problem.github())
    assert problem.github().endswith("::x: first%0Asecond: 100%25")


# --- help -----------------------------------------------------------------------------

def test_help_on_the_group_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "Usage: partnerships" in result.output
    for name in main.commands:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_help_on_every_command(name):
    for flag in ("--help", "-h"):
        result = run(name, flag)
        assert result.exit_code == 0, result.output
        assert f"Usage: partnerships {name}" in result.output
        assert "--help" in result.output


def test_check_help_mentions_paths_and_formats():
    result = run("check", "--help")
    assert "PATHS" in result.output
    assert "--format [text|json|github]" in result.output
    assert "Exits 0" in result.output and "2 on a usage error" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert re.match(r"partnerships, version \d+\.\d+", result.output)


# --- a real subprocess ----------------------------------------------------------------

def _command() -> list[str]:
    script = Path(sys.executable).with_name("partnerships")
    return [str(script)] if script.exists() else [sys.executable, "-m", "partnership_register.cli"]


def _subprocess(*args, cwd):
    env = {**os.environ, "PYTHONIOENCODING": "", "LC_ALL": "C.UTF-8"}
    return subprocess.run([*_command(), *map(str, args)], cwd=cwd, capture_output=True, timeout=120,
                          env=env)


def test_subprocess_exit_codes_and_output(tmp_path, write_record, minimal_record):
    copy_invalid(tmp_path)
    write_record(tmp_path, "ok/only.md", minimal_record("only"))

    ok = _subprocess("check", "ok", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode("utf-8").strip() == "All 1 record is valid."

    bad = _subprocess("check", "records", "--format", "json", cwd=tmp_path)
    assert bad.returncode == 1, bad.stderr
    assert b"Traceback" not in bad.stderr
    data = json.loads(bad.stdout.decode("utf-8"))
    assert len(data["problems"]) == N_EXPECTED
    # non-ASCII survives the real stdout (the en dash in "Likelihood (1–4)")
    assert any("1–4" in p["message"] for p in data["problems"])

    usage = _subprocess("check", "missing-folder", cwd=tmp_path)
    assert usage.returncode == 2
    assert b"does not exist" in usage.stderr and b"Traceback" not in usage.stderr


def test_subprocess_module_entry_point_and_latin1(tmp_path, write_record):
    raw = (VALID / "full.md").read_text(encoding="utf-8").replace("id: full", "id: latin").encode("latin-1")
    write_record(tmp_path, "records/latin.md", raw)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "partnership_register.cli", "check", "--format", "github"],
                          cwd=tmp_path, capture_output=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    [line] = [line for line in proc.stdout.decode("utf-8").splitlines() if line.startswith("::")]
    assert GITHUB_LINE.match(line)
    assert line.startswith("::error file=records/latin.md,line=")
    assert "0xA3" in line
