"""Every fixture in tests/records/invalid/ gives exactly the problems expected.yml lists.

Add a case by adding a file and an entry in expected.yml; nothing else to change.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from partnership_register.load import schema as schema_mod
from partnership_register.load.loader import load_register
from partnership_register.load.problems import KIND_LABELS
from partnership_register.load.yamlsource import parse

HERE = Path(__file__).resolve().parent
INVALID = HERE / "records" / "invalid"
VALID = HERE / "records" / "valid"
EXPECTED_FILE = INVALID / "expected.yml"
REQUIRED_KEYS = {"line", "field", "kind", "message_contains"}
OPTIONAL_KEYS = {"column", "hint_contains"}


def _load_expected() -> dict:
    # Read with the project's own strict parser, so a file named twice in
    # expected.yml is an error rather than silently overriding the first entry.
    data, _, issues = parse(EXPECTED_FILE.read_text(encoding="utf-8"))
    assert not issues, [f"expected.yml:{i.line}: {i.field}: {i.message}" for i in issues]
    assert isinstance(data, dict) and data, "expected.yml must map file names to lists of problems"
    return data


EXPECTED = _load_expected()
FIXTURE_NAMES = sorted(p.name for p in INVALID.glob("*.md"))


def test_every_invalid_fixture_has_an_expectation_and_vice_versa():
    missing = sorted(set(FIXTURE_NAMES) - set(EXPECTED))
    orphans = sorted(set(EXPECTED) - set(FIXTURE_NAMES))
    assert not missing, f"add entries to {EXPECTED_FILE.name} for: {missing}"
    assert not orphans, f"{EXPECTED_FILE.name} has entries with no fixture file: {orphans}"


def test_there_are_enough_invalid_fixtures():
    assert len(FIXTURE_NAMES) >= 20


def test_expected_entries_are_well_formed():
    for name, problems in EXPECTED.items():
        assert isinstance(problems, list) and problems, f"{name}: give a non-empty list of problems"
        for p in problems:
            assert isinstance(p, dict), f"{name}: each problem is a mapping"
            assert REQUIRED_KEYS <= set(p), f"{name}: missing {sorted(REQUIRED_KEYS - set(p))}"
            assert set(p) <= REQUIRED_KEYS | OPTIONAL_KEYS, f"{name}: unknown keys {sorted(set(p) - REQUIRED_KEYS - OPTIONAL_KEYS)}"
            assert isinstance(p["line"], int) and p["line"] >= 1, name
            assert p["kind"] in KIND_LABELS, f"{name}: kind {p['kind']!r} is not in problems.KIND_LABELS"
            assert isinstance(p["message_contains"], str) and p["message_contains"], name


def test_each_invalid_fixture_shows_one_kind_of_problem():
    """The convention that keeps fixtures readable: one problem kind per file."""
    for name, problems in EXPECTED.items():
        kinds = {p["kind"] for p in problems}
        assert len(kinds) == 1, f"{name} mixes problem kinds {sorted(kinds)}; split it into one file per kind"


def test_invalid_fixtures_cover_many_kinds():
    kinds = Counter(p["kind"] for problems in EXPECTED.values() for p in problems)
    for kind in ("yaml-syntax", "duplicate-key", "unknown-field", "missing-field", "wrong-type",
                 "not-allowed-value", "bad-date", "bad-format", "out-of-range", "id-mismatch",
                 "no-front-matter", "inconsistent", "broken-reference"):
        assert kinds[kind] >= 1, f"no invalid fixture shows a {kind!r} problem"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_invalid_fixture(name):
    if name not in EXPECTED:
        pytest.fail(f"{name} has no entry in {EXPECTED_FILE.name}")
    register = load_register([INVALID / name], root=INVALID)
    assert register.files_checked == 1
    assert not register.valid
    got = register.problems
    want = EXPECTED[name]

    def show(problems):
        return "\n".join(p.text() for p in problems)

    assert len(got) == len(want), f"{name}: expected {len(want)} problem(s), got {len(got)}:\n{show(got)}"
    for p, w in zip(got, want):
        assert p.path == name
        assert p.severity == "error"
        assert (p.line, p.field, p.kind) == (w["line"], w["field"], w["kind"]), f"{name}:\n{p.text()}"
        assert w["message_contains"] in p.full_message, f"{name}: {w['message_contains']!r} not in {p.full_message!r}"
        if "column" in w:
            assert p.column == w["column"], f"{name}:\n{p.text()}"
        if "hint_contains" in w:
            assert w["hint_contains"] in p.hint, f"{name}: {w['hint_contains']!r} not in hint {p.hint!r}"
        assert p.column >= 1
        assert p.message.strip()


def test_invalid_folder_loaded_at_once_reports_every_file():
    """Loading the folder (as `partnerships check` does) finds every file's problems, not the first."""
    register = load_register([INVALID], root=INVALID)
    assert register.files_checked == len(FIXTURE_NAMES)
    by_file = Counter(p.path for p in register.problems)
    assert set(by_file) == set(FIXTURE_NAMES)
    for name in FIXTURE_NAMES:
        assert by_file[name] == len(EXPECTED[name]), name


# --- the valid fixtures ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["minimal.md", "full.md"])
def test_valid_fixture_has_no_problems(name):
    register = load_register([VALID / name], root=VALID)
    assert register.files_checked == 1
    assert register.problems == [], "\n".join(p.text() for p in register.problems)
    assert register.records[0].id == Path(name).stem


def test_full_fixture_uses_most_schema_fields():
    record = load_register([VALID / "full.md"], root=VALID).records[0]
    top = schema_mod.top_level_keys()
    used = [k for k in top if k in record.data]
    assert len(used) >= 0.8 * len(top), f"full.md leaves out {sorted(set(top) - set(used))}"
    # nested groups are filled in too
    assert record.data["risks"][0]["controls_planned"][0]["due"] == "2026-03-31"
    assert record.data["approval"]["finance_approval"]["by"] == "Director of Finance"
    assert record.data["money"][1]["amount"] == 12500.5
    assert record.data["risks"][0]["likelihood"] == 2 and record.data["risks"][0]["closed"] is False


def test_full_fixture_keeps_typed_values_exactly():
    """YAML 1.2 core: dates stay text, a phone number with a leading zero stays text."""
    data = load_register([VALID / "full.md"], root=VALID).records[0].data
    assert data["start_date"] == "2019-04-01" and isinstance(data["start_date"], str)
    assert data["sponsoring_officer"]["phone"] == "01632 960123"
    assert data["significance"]["significant"] is True
    assert data["publication"] == {"publish": True}
