"""`partnerships gaps` over the sample register: every default rule fires somewhere, formats agree, --fail-on."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register.cli import main
from partnership_register.assess.rules import RULE_IDS

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def sample_json():
    result = CliRunner().invoke(main, ["gaps", "--format", "json", "--as-of", AS_OF,
                                       "--config", str(REPO / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sample_register_triggers_every_default_rule(sample_json):
    fired = {g["rule"] for g in sample_json["gaps"]}
    assert sorted(set(RULE_IDS) - fired) == []


def test_sample_register_has_acknowledged_and_expired_acknowledgements(sample_json):
    acknowledged = [g for g in sample_json["gaps"] if g["acknowledged"]]
    expired = [g for g in sample_json["gaps"] if not g["acknowledged"] and g["acknowledgement_expires"]]
    assert acknowledged and expired
    assert sample_json["counts"]["acknowledged"] == len(acknowledged)


def test_formats_list_the_same_gaps(sample_json):
    pairs = {(g["record"], g["rule"]) for g in sample_json["gaps"]}
    runner = CliRunner()
    args = ["gaps", "--as-of", AS_OF, "--config", str(REPO / "mkdocs.yml")]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, args + ["--format", "csv"]).stdout)))
    assert {(r["record"], r["rule"]) for r in rows} == pairs
    text = runner.invoke(main, args).stdout
    assert sum(1 for line in text.splitlines() if line.startswith("  ")) == len(pairs)
    assert f"Governance gaps as of {AS_OF}" in text
    markdown = runner.invoke(main, args + ["--format", "markdown"]).stdout
    assert markdown.count("\n| ") - 1 == len(pairs)  # table rows, less the header


def test_fail_on_counts_only_open_gaps_at_or_above(tmp_path, sample_json):
    runner = CliRunner()
    args = ["gaps", "--as-of", AS_OF, "--config", str(REPO / "mkdocs.yml"), "--fail-on"]
    high_open = [g for g in sample_json["gaps"] if g["severity"] == "high" and not g["acknowledged"]]
    result = runner.invoke(main, args + ["high"])
    assert result.exit_code == (1 if high_open else 0)
    assert f"{len(high_open)} open gap(s) at or above high severity" in result.stderr


def test_fail_on_passes_when_only_acknowledged_gaps(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    text = (REPO / "tests" / "rules" / "base.md").read_text(encoding="utf-8")
    text = text.replace("  exit_strategy: {state: in-place}\n", "").replace(
        "record: {", "acknowledged_gaps:\n  - {rule: no-exit-strategy, reason: Drafting, accepted_by: Director, "
        "expires: 2027-01-31}\nrecord: {")
    (records / "base-partnership.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["gaps", "--as-of", AS_OF, "--config", str(tmp_path / "none.yml"),
                                       "--fail-on", "low", str(records)])
    assert result.exit_code == 0, result.output
    assert "no-exit-strategy" in result.stdout and "acknowledged by Director until 2027-01-31" in result.stdout


def test_bad_policy_is_a_usage_error(tmp_path):
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text("site_name: x\nplugins:\n  - partnership-register:\n      policy:\n        rules:\n"
                      "          no-exit-stratgy: {enabled: false}\n", encoding="utf-8")
    shutil.copytree(REPO / "tests" / "rules", tmp_path / "records", ignore=shutil.ignore_patterns("*.yml"))
    result = subprocess.run([sys.executable, "-m", "partnership_register.cli", "gaps", "--config", str(config)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown rule id 'no-exit-stratgy'" in result.stderr and "did you mean 'no-exit-strategy'" in result.stderr
    assert "Traceback" not in result.stderr
