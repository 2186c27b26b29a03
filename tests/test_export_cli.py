"""`partnerships export` writes the same bytes as `export.artefacts()` (and so as the site)."""

from __future__ import annotations

import json

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register import pipeline
from partnership_register.assess import publication
from partnership_register.cli import main
from partnership_register.downloads import (CSV_PATH, CSVW_PATH, ICS_PATH, JSON_PATH, MAIN_PATH, REGISTER_SCHEMA_PATH,
                                         SCHEMA_PATH, XLSX_PATH, artefacts, record_json_path)

from helpers import make_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "leak" / "records"
COUNCIL = "Northshire District Council"
SITE_URL = "https://register.example.gov.uk/"


def expected(mode=publication.PUBLIC) -> dict[str, bytes]:
    run = pipeline.run(make_settings(FIXTURE, as_of=dt.date(2025, 12, 1), council_name=COUNCIL, mode=mode,
                                     site={"site_url": SITE_URL, "site_name": "Test register"}))
    return artefacts(run.assessed, run.settings)


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    path.write_text(f"""site_name: Test register
site_url: {SITE_URL}
plugins:
  - search
  - partnership-register:
      records_dir: {FIXTURE.as_posix()}
      council_name: {COUNCIL}
      as_of: 2025-12-01
""", encoding="utf-8")
    return path


def invoke(*args):
    result = CliRunner().invoke(main, ["export", *map(str, args)], catch_exceptions=False)
    return result


def test_all_formats_into_a_folder_are_byte_identical(config, tmp_path):
    out = tmp_path / "out"
    result = invoke("--config", config, "--format", "all", "-o", out)
    assert result.exit_code == 0, result.output
    want = expected()
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == want


@pytest.mark.parametrize("fmt", ["csv", "csvw", "xlsx", "json", "ics", "governance-statement"])
def test_one_format_to_a_file(config, tmp_path, fmt):
    target = tmp_path / f"download.{fmt}"
    result = invoke("--config", config, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == expected()[MAIN_PATH[fmt]]


def test_one_format_into_a_folder_keeps_the_site_layout(config, tmp_path):
    out = tmp_path / "folder"
    out.mkdir()
    assert invoke("--config", config, "--format", "json", "-o", out).exit_code == 0
    want = expected()
    assert (out / JSON_PATH).read_bytes() == want[JSON_PATH]
    assert (out / record_json_path("leak-public")).read_bytes() == want[record_json_path("leak-public")]
    assert (out / SCHEMA_PATH).read_bytes() == want[SCHEMA_PATH]
    assert (out / REGISTER_SCHEMA_PATH).read_bytes() == want[REGISTER_SCHEMA_PATH]
    assert not (out / CSV_PATH).exists()
    out2 = tmp_path / "csvw"
    out2.mkdir()
    assert invoke("--config", config, "--format", "csvw", "-o", out2).exit_code == 0
    assert sorted(p.name for p in (out2 / "data").iterdir()) == ["register.csv", "register.csv-metadata.json"]
    out3 = tmp_path / "statement"
    out3.mkdir()
    assert invoke("--config", config, "--format", "governance-statement", "-o", out3).exit_code == 0
    assert sorted(p.name for p in (out3 / "data").iterdir()) == ["annual-governance-statement.csv",
                                                                "annual-governance-statement.json"]


def test_default_output_is_the_file_name_here(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("--config", config, "--format", "xlsx").exit_code == 0
    assert (tmp_path / "register.xlsx").read_bytes() == expected()[XLSX_PATH]
    assert invoke("--config", config, "--format", "ics").exit_code == 0
    assert (tmp_path / "reviews.ics").read_bytes() == expected()[ICS_PATH]


def test_standard_output(config):
    result = CliRunner().invoke(main, ["export", "--config", str(config), "--format", "csv", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes == expected()[CSV_PATH]


def test_internal_flag(config, tmp_path):
    out = tmp_path / "internal"
    result = invoke("--config", config, "--internal", "-o", out)
    assert result.exit_code == 0
    assert "INTERNAL — DO NOT PUBLISH" in result.output
    want = expected(publication.INTERNAL)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == want
    assert b"LEAKMARK-011" in written[CSV_PATH]


def test_public_by_default_even_when_the_environment_asks_for_internal(config, tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_REGISTER_BUILD", "internal")
    target = tmp_path / "r.json"
    assert invoke("--config", config, "--format", "json", "-o", target).exit_code == 0
    assert target.read_bytes() == expected()[JSON_PATH]


def test_as_of_option_overrides_config(config, tmp_path):
    target = tmp_path / "r.csvw.json"
    assert invoke("--config", config, "--format", "csvw", "-o", target, "--as-of", "2026-01-15").exit_code == 0
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "@value")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(target.read_bytes()))
    assert "2026-01-15" in found


def test_invalid_records_are_not_exported(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/good", minimal_record("good"))
    write_record(tmp_path, "records/bad", minimal_record("bad", "likelihood: 5\n"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - partnership-register:\n"
                                         "      as_of: 2025-12-01\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("--config", tmp_path / "mkdocs.yml", "-o", out)
    assert result.exit_code == 1
    assert "partnerships check" in result.output
    assert not out.exists()


def test_help_lists_the_formats():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    for word in ("csv", "csvw", "xlsx", "json", "ics", "all", "--internal", "--config"):
        assert word in result.output


def test_csvw_file_refers_to_register_csv(config, tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    invoke("--config", config, "--format", "csvw", "-o", target)
    assert (target / CSVW_PATH).read_bytes() == expected()[CSVW_PATH]
