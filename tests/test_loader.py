"""Reading single record files: YAML 1.2 scalars, encodings, line endings, odd bytes.

Variants with unusual bytes (BOM, CRLF, Latin-1, control characters) are generated
here from the valid fixtures rather than committed, so editors and git leave them alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnership_register.load.loader import find_record_files, load_register

VALID = Path(__file__).resolve().parent / "records" / "valid"
FULL = (VALID / "full.md").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def only(register):
    assert register.files_checked == 1
    return register.records[0]


# --- YAML 1.2 core scalars ------------------------------------------------------------

def test_yaml_1_1_booleans_and_dates_stay_text_in_text_fields(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "quirks", minimal_record("quirks", (
        "summary: no\n"
        "area_of_work: on\n"
        "directorate: yes\n"
        "service: off\n"
        "legal_form: 2025-01-01\n"
        "legal_power: y\n"
        "start_date: 2025-04-01\n"
        "sponsoring_officer:\n"
        "  name: Norway\n"
        "  phone: 01632 960123\n"
    )))
    record = only(load_register([path], root=tmp_path))
    assert record.problems == [], [p.text() for p in record.problems]
    assert record.data["summary"] == "no"
    assert record.data["area_of_work"] == "on"
    assert record.data["directorate"] == "yes"
    assert record.data["service"] == "off"
    assert record.data["legal_form"] == "2025-01-01"
    assert record.data["legal_power"] == "y"
    assert record.data["start_date"] == "2025-04-01"
    assert record.date("start_date").isoformat() == "2025-04-01"


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO"])
def test_yes_no_words_for_a_boolean_are_errors_with_a_hint(tmp_path, write_record, minimal_record, word):
    path = write_record(tmp_path, "flag", minimal_record("flag", f"service_delivery: {word}\n"))
    [problem] = load_register([path], root=tmp_path).problems
    assert (problem.line, problem.field, problem.kind) == (8, "service_delivery", "wrong-type")
    assert "true or false" in problem.message
    assert problem.hint == "write true or false"
    assert problem.full_message.endswith(f"(got {word!r})")


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_yaml_1_2_booleans_are_booleans(tmp_path, write_record, minimal_record, value):
    path = write_record(tmp_path, "flag", minimal_record("flag", f"service_delivery: {value}\n"))
    record = only(load_register([path], root=tmp_path))
    assert record.problems == []
    assert record.data["service_delivery"] is (value.lower() == "true")


@pytest.mark.parametrize("date, kind", [
    ("2025-02-30", "bad-date"), ("2024-02-29", None), ("2023-02-29", "bad-date"),
    ("2025-13-01", "bad-date"), ("2025-04-31", "bad-date"), ("31/03/2025", "bad-date"),
    ("31.03.2025", "bad-date"), ("2025-W01-1", "bad-date"), ('"20250101"', "bad-date"),
    ("20250101", "wrong-type"), ('"2025-04-01"', None),
])
def test_dates_must_be_real_calendar_dates(tmp_path, write_record, minimal_record, date, kind):
    path = write_record(tmp_path, "dated", minimal_record("dated", f"next_review: {date}\n"))
    problems = load_register([path], root=tmp_path).problems
    if kind is None:
        assert problems == []
    else:
        [problem] = problems
        assert (problem.line, problem.field, problem.kind) == (8, "next_review", kind)


def test_uk_date_hint_gives_the_iso_form(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "uk", minimal_record("uk", "approval:\n  body: Cabinet\n  date: 1/4/2019\n"))
    [problem] = load_register([path], root=tmp_path).problems
    assert (problem.line, problem.column, problem.field) == (10, 3, "approval.date")
    assert problem.full_message.endswith("must be written YYYY-MM-DD (for 1/4/2019 write 2019-04-01)")


# --- encodings and line endings -------------------------------------------------------

@pytest.mark.parametrize("bom, newline", [(True, "\r\n"), (False, "\r\n"), (True, "\n"), (False, "\r")])
def test_bom_and_crlf_load_like_the_original(tmp_path, write_record, bom, newline):
    original = only(load_register([VALID / "full.md"], root=VALID))
    raw = (b"\xef\xbb\xbf" if bom else b"") + FULL.replace("\n", newline).encode("utf-8")
    path = write_record(tmp_path, "full", raw)
    record = only(load_register([path], root=tmp_path))
    assert record.problems == [], [p.text() for p in record.problems]
    assert record.data == original.data
    assert record.positions.table == original.positions.table
    assert "\r" not in record.body and record.body.startswith("# Northshire Waste Joint Committee")


def test_bom_crlf_problems_are_on_the_right_lines(tmp_path, write_record):
    broken = FULL.replace("geography: sub-regional", "geography: subregional")
    broken = broken.replace("    likelihood: 2\n", "    likelihood: 7\n")
    raw = b"\xef\xbb\xbf" + broken.replace("\n", "\r\n").encode("utf-8")
    path = write_record(tmp_path, "full", raw)
    problems = load_register([path], root=tmp_path).problems
    assert [(p.line, p.column, p.field, p.kind) for p in problems] == [
        (line_of(broken, "geography:"), 1, "geography", "not-allowed-value"),
        (line_of(broken, "likelihood: 7"), 5, "risks[0].likelihood", "out-of-range"),
    ]
    assert problems[0].hint == "did you mean `sub-regional`?"


def test_latin1_file_fails_at_the_first_bad_byte(tmp_path, write_record):
    raw = FULL.encode("latin-1")  # '£' becomes the single byte 0xA3
    path = write_record(tmp_path, "full", raw)
    [problem] = load_register([path], root=tmp_path).problems
    line = line_of(FULL, "£")
    column = FULL.split("\n")[line - 1].index("£") + 1
    assert (problem.line, problem.column, problem.kind, problem.field) == (line, column, "unreadable", "")
    assert "not UTF-8" in problem.message and "0xA3" in problem.message
    assert "UTF-8" in problem.hint


def test_latin1_byte_after_other_accents_is_located_by_byte_column(tmp_path, write_record, minimal_record):
    text = minimal_record("accents", "summary: Café in Ærø costs £5\n")
    raw = text.encode("utf-8").replace("£".encode("utf-8"), b"\xa3")
    path = write_record(tmp_path, "accents", raw)
    [problem] = load_register([path], root=tmp_path).problems
    line_bytes = raw.split(b"\n")[7]
    assert (problem.line, problem.column) == (8, line_bytes.index(b"\xa3") + 1)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x0c", "\ufffe"])
def test_control_characters_are_located_errors(tmp_path, write_record, minimal_record, char):
    path = write_record(tmp_path, "ctrl", minimal_record("ctrl", f"summary: Bell{char}here\n"))
    [problem] = load_register([path], root=tmp_path).problems
    assert (problem.line, problem.column, problem.kind) == (8, 14, "yaml-syntax")
    assert f"U+{ord(char):04X}" in problem.message


def test_nul_byte_is_reported_not_raised(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "nul", minimal_record("nul", "summary: a\x00b\n"))
    [problem] = load_register([path], root=tmp_path).problems
    assert (problem.line, problem.kind) == (8, "unreadable")
    assert "NUL" in problem.message


def test_lone_surrogate_escape_is_an_error_and_never_reaches_the_data(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "sur", minimal_record("sur", 'summary: "broken \\ud800 text"\n'))
    record = only(load_register([path], root=tmp_path))
    [problem] = record.problems
    assert (problem.line, problem.field, problem.kind) == (8, "summary", "bad-character")
    assert "U+D800" in problem.message
    record.data["summary"].encode("utf-8")  # would raise on a surrogate


# --- structure of the file ------------------------------------------------------------

def test_unclosed_front_matter_points_at_the_last_line(tmp_path, write_record):
    path = write_record(tmp_path, "open", "---\nid: open\nname: Open\n")
    [problem] = load_register([path], root=tmp_path).problems
    assert (problem.line, problem.kind) == (3, "no-front-matter")


def test_front_matter_may_be_followed_by_no_body(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "bare", minimal_record("bare").split("\n\nBody.")[0])
    record = only(load_register([path], root=tmp_path))
    assert record.problems == [] and record.body == ""


def test_body_is_kept_without_leading_blank_lines(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "body", minimal_record("body"))
    record = only(load_register([path], root=tmp_path))
    assert record.body == "Body.\n"


def test_deeply_nested_flow_brackets_are_an_error_not_a_crash(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "deep", minimal_record("deep", "aims: " + "[" * 5000 + "\n"))
    problems = load_register([path], root=tmp_path).problems
    assert [p.kind for p in problems] == ["yaml-syntax"]
    assert "nested too deeply" in problems[0].message


def test_deeply_nested_block_mapping_is_an_error(tmp_path, write_record, minimal_record):
    nested = "".join("  " * i + f"k{i}:\n" for i in range(60))
    path = write_record(tmp_path, "deep", minimal_record("deep", "internal_notes: x\n" + nested))
    problems = load_register([path], root=tmp_path).problems
    assert any(p.kind == "yaml-syntax" and "nested too deeply" in p.message for p in problems)
    assert any(p.kind == "unknown-field" and p.field == "k0" and p.line == 9 for p in problems)


def test_self_referencing_alias_is_an_error(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "loop", minimal_record("loop", "aims: &a [*a]\n"))
    problems = load_register([path], root=tmp_path).problems
    assert any(p.field == "aims[0]" and "refers to itself" in p.message and p.line == 8 for p in problems)


@pytest.mark.parametrize("tagged", [
    "summary: !!python/object/apply:os.system [echo hi]",
    "summary: !!python/name:os.system x",
    "sponsoring_officer: !!python/object:os.system {name: x}",
    "summary: !!binary aGVsbG8=",
    "summary: !custom text",
    "summary: !!set {a, b}",
])
def test_yaml_tags_are_refused_and_never_constructed(tmp_path, write_record, minimal_record, tagged):
    path = write_record(tmp_path, "tagged", minimal_record("tagged", tagged + "\n"))
    problems = load_register([path], root=tmp_path).problems
    tag_problems = [p for p in problems if "YAML tag" in p.message]
    assert len(tag_problems) == 1
    assert tag_problems[0].line == 8 and tag_problems[0].kind == "yaml-syntax"


def test_merge_key_is_not_special(tmp_path, write_record, minimal_record):
    """`<<` is an ordinary (unknown) key under YAML 1.2, not a hidden merge."""
    path = write_record(tmp_path, "merge", minimal_record("merge", (
        "sponsoring_officer: &o\n  name: Priya Shah\naccountable_officer:\n  <<: *o\n")))
    problems = load_register([path], root=tmp_path).problems
    assert [(p.line, p.field, p.kind) for p in problems] == [
        (10, "accountable_officer.name", "missing-field"), (11, "accountable_officer.<<", "unknown-field")]


def test_every_problem_in_a_file_is_reported(tmp_path, write_record, minimal_record):
    path = write_record(tmp_path, "many", minimal_record("many", (
        "geography: everywhere\n"          # 8
        "start_date: 2025-02-30\n"         # 9
        "risks:\n"                          # 10
        "  - title: One\n"                  # 11
        "    likelihood: 0\n"               # 12
        "    impact: five\n"                # 13
        "    colour: red\n"                 # 14
        "reviews:\n"                        # 15
        "  - date: 2025-06-30\n"            # 16
        "    outcome: carry-on\n"           # 17
    )))
    problems = load_register([path], root=tmp_path).problems
    assert [(p.line, p.field, p.kind) for p in problems] == [
        (8, "geography", "not-allowed-value"),
        (9, "start_date", "bad-date"),
        (12, "risks[0].likelihood", "out-of-range"),
        (13, "risks[0].impact", "wrong-type"),
        (14, "risks[0].colour", "unknown-field"),
        (17, "reviews[0].outcome", "not-allowed-value"),
    ]


# --- finding files --------------------------------------------------------------------

def test_find_record_files_recurses_and_skips_readme_index_and_hidden(tmp_path, write_record, minimal_record):
    for name in ["records/a.md", "records/sub/b.md", "records/sub/deeper/c.md", "records/README.md",
                 "records/index.md", "records/_drafts/d.md", "records/.trash/e.md", "records/notes.txt"]:
        write_record(tmp_path, name, minimal_record(Path(name).stem)) if name.endswith(".md") else \
            (tmp_path / name).write_text("not a record")
    found = [p.relative_to(tmp_path).as_posix() for p in find_record_files([tmp_path / "records"])]
    assert found == ["records/a.md", "records/sub/b.md", "records/sub/deeper/c.md"]
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert register.files_checked == 3 and register.valid
    assert sorted(r.path for r in register.records) == found


def test_paths_are_shown_relative_to_root(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/x/y", minimal_record("wrong"))
    [problem] = load_register([tmp_path / "records"], root=tmp_path).problems
    assert problem.path == "records/x/y.md"
    assert re.fullmatch(r"records/x/y\.md:2:1: error: id: .*", problem.text())


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    register = load_register([tmp_path / "nope.md"], root=tmp_path)
    [problem] = register.problems
    assert problem.kind == "unreadable" and problem.path == "nope.md" and problem.line == 1


# --- the same answer from libyaml and from pure Python --------------------------------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from partnership_register.load import yamlsource  # noqa: E402
from partnership_register.officers.yamlwrite import dump  # noqa: E402

EDGE_SCALARS = [".nan", ".NaN", ".inf", "-.Inf", "1e400", "1.7e308", "1e15", "1000000000000001", "-1e16", "0x7FFFFFFF",
                "0o17", "9" * 30, '"\\x07"', '"\\ufffe"', '"\\0"', '"\\ud800"', '"\\x85"', '"\\uFDD0"', '"\\U0010FFFF"',
                '"tab\\there"', '"\\r\\n"', "9999-12-31", "2199-12-31", "'é'", "~", "true"]


def _both_paths(text: str, monkeypatch):
    fast = yamlsource.parse(text)
    with monkeypatch.context() as m:
        m.setattr(yamlsource, "_fast_node", lambda _text: None)
        slow = yamlsource.parse(text)
    return fast, slow


@pytest.mark.skipif(yamlsource._CParser is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("scalar", EDGE_SCALARS)
def test_libyaml_and_pure_python_agree_on_every_edge(scalar, monkeypatch):
    text = f"a: {scalar}\nb:\n  - {scalar}\n"
    if scalar != '"\\ud800"':  # libyaml refuses a half character outright; the pure-Python path words it
        assert yamlsource._fast_node(text) is not None  # the fast path really is taken
    (fast_data, _, fast_issues), (slow_data, _, slow_issues) = _both_paths(text, monkeypatch)
    assert repr(fast_data) == repr(slow_data)  # repr: nan == nan is false
    assert fast_issues == slow_issues


@pytest.mark.skipif(yamlsource._CParser is None, reason="PyYAML built without libyaml")
@hsettings(max_examples=150, deadline=None, database=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8),
                       st.one_of(st.text(max_size=20), st.floats(), st.integers(), st.booleans()), max_size=4))
def test_libyaml_and_pure_python_agree_on_whatever_is_written(data):
    text = dump(data) or "{}\n"
    with pytest.MonkeyPatch.context() as monkeypatch:
        (fast_data, _, fast_issues), (slow_data, _, slow_issues) = _both_paths(text, monkeypatch)
    assert repr(fast_data) == repr(slow_data)
    assert fast_issues == slow_issues
