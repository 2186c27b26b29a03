"""Checks across records: unique ids, references that resolve, every problem at once."""

from __future__ import annotations

from partnership_register.load.loader import load_register


def problems_of(register, path):
    return [p for p in register.problems if p.path == path]


def test_duplicate_ids_in_two_sub_folders(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/place/waste.md", minimal_record("waste"))
    write_record(tmp_path, "records/people/waste.md", minimal_record("waste"))
    write_record(tmp_path, "records/other.md", minimal_record("other"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert register.files_checked == 3
    [problem] = register.problems
    # files are read in sorted order, so the second one found is the duplicate
    assert problem.path == "records/place/waste.md"
    assert (problem.line, problem.column, problem.field, problem.kind) == (2, 1, "id", "duplicate-id")
    assert "is already used by records/people/waste.md" in problem.message
    assert problem.full_message.endswith("(got 'waste')")
    assert [r.valid for r in register.records] == [True, True, False]


def test_three_records_sharing_an_id_give_two_problems(tmp_path, write_record, minimal_record):
    for folder in ("a", "b", "c"):
        write_record(tmp_path, f"records/{folder}/same.md", minimal_record("same"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert [(p.path, p.kind) for p in register.problems] == [
        ("records/b/same.md", "duplicate-id"), ("records/c/same.md", "duplicate-id")]
    assert all("records/a/same.md" in p.message for p in register.problems)


def test_references_that_resolve_are_fine(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/board.md", minimal_record("board", "sub_groups:\n  - safety\n  - health\n"))
    write_record(tmp_path, "records/safety.md", minimal_record("safety", "parent: board\n"))
    write_record(tmp_path, "records/health.md", minimal_record("health", "parent: board\n"))
    write_record(tmp_path, "records/old.md", minimal_record(
        "old", "closed_date: 2020-03-31\nreplaced_by: health\n", status="closed"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert register.problems == [], [p.text() for p in register.problems]
    assert register.by_id["old"].get("replaced_by") == "health"


def test_broken_parent_with_did_you_mean(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/waste-joint-committee.md", minimal_record("waste-joint-committee"))
    write_record(tmp_path, "records/recycling.md", minimal_record("recycling", "parent: waste-joint-comittee\n"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    [problem] = register.problems
    assert (problem.path, problem.line, problem.column, problem.field, problem.kind) == (
        "records/recycling.md", 8, 1, "parent", "broken-reference")
    assert problem.full_message == ("refers to a record that does not exist "
                                    "(no record has the id 'waste-joint-comittee')")
    assert problem.hint == "did you mean `waste-joint-committee`?"


def test_broken_sub_group_is_located_on_its_list_item(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/board.md", minimal_record(
        "board", "sub_groups:\n  - community-safety\n  - helth-and-wellbeing\n"))
    write_record(tmp_path, "records/community-safety.md", minimal_record("community-safety", "parent: board\n"))
    write_record(tmp_path, "records/health-and-wellbeing.md", minimal_record("health-and-wellbeing"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    [problem] = register.problems
    assert (problem.path, problem.line, problem.column, problem.field) == (
        "records/board.md", 10, 5, "sub_groups[1]")
    assert problem.kind == "broken-reference"
    assert problem.hint == "did you mean `health-and-wellbeing`?"


def test_broken_replaced_by_without_a_close_match_has_no_guess(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/alpha.md", minimal_record("alpha"))
    write_record(tmp_path, "records/gone.md", minimal_record(
        "gone", "closed_date: 2024-03-31\nreplaced_by: zzzz-unrelated\n", status="closed"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    [problem] = register.problems
    assert (problem.path, problem.line, problem.field, problem.kind) == (
        "records/gone.md", 9, "replaced_by", "broken-reference")
    assert problem.hint == ""


def test_reference_to_a_record_in_another_folder_resolves(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/a/parent-body.md", minimal_record("parent-body"))
    write_record(tmp_path, "records/b/child.md", minimal_record("child", "parent: parent-body\n"))
    assert load_register([tmp_path / "records"], root=tmp_path).valid


def test_reference_only_resolves_within_the_paths_checked(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/a/parent-body.md", minimal_record("parent-body"))
    write_record(tmp_path, "records/b/child.md", minimal_record("child", "parent: parent-body\n"))
    register = load_register([tmp_path / "records" / "b"], root=tmp_path)
    assert [p.kind for p in register.problems] == ["broken-reference"]


def test_a_file_with_four_different_problems_gives_four(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/board.md", minimal_record("board"))
    write_record(tmp_path, "records/messy.md", (
        "---\n"
        "id: messy\n"                       # 2
        "name: Messy Partnership\n"         # 3
        "status: activ\n"                   # 4  enum typo
        "type: informal\n"                  # 5
        "council_role:\n"                   # 6
        "  - member\n"                      # 7
        "nxt_review: 2026-06-30\n"          # 8  unknown field
        "start_date: 2025-02-30\n"          # 9  impossible date
        "parent: bord\n"                    # 10 broken reference
        "---\n"
    ))
    register = load_register([tmp_path / "records"], root=tmp_path)
    problems = problems_of(register, "records/messy.md")
    assert [(p.line, p.field, p.kind) for p in problems] == [
        (4, "status", "not-allowed-value"),
        (8, "nxt_review", "unknown-field"),
        (9, "start_date", "bad-date"),
        (10, "parent", "broken-reference"),
    ]
    assert [p.hint for p in problems] == [
        "did you mean `active`?", "did you mean `next_review`?", "check the day and month: YYYY-MM-DD",
        "did you mean `board`?"]
    assert problems_of(register, "records/board.md") == []


def test_problems_in_many_files_are_all_reported(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/one.md", minimal_record("one", "geography: planet\n"))
    write_record(tmp_path, "records/two.md", "no front matter here\n")
    write_record(tmp_path, "records/three.md", minimal_record("three", "parent: nobody\n"))
    write_record(tmp_path, "records/four.md", minimal_record("four"))
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert sorted((p.path, p.kind) for p in register.problems) == [
        ("records/one.md", "not-allowed-value"),
        ("records/three.md", "broken-reference"),
        ("records/two.md", "no-front-matter"),
    ]
    assert [r.id for r in register.valid_records()] == ["four"]


def test_unknown_acknowledged_gap_rule_when_rules_are_known(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/acks.md", minimal_record("acks", (
        "acknowledged_gaps:\n"
        "  - rule: no-exit-stratgy\n"
        "    reason: Being drafted\n"
        "    accepted_by: Director of Place\n"
        "    expires: 2026-03-31\n")))
    rules = {"no-exit-strategy", "no-risk-register"}
    [problem] = load_register([tmp_path / "records"], root=tmp_path, known_rules=rules).problems
    assert (problem.line, problem.column, problem.field, problem.kind) == (
        9, 5, "acknowledged_gaps[0].rule", "unknown-rule")
    assert problem.hint == "did you mean `no-exit-strategy`?"
    # without a rule catalogue the acknowledgement cannot be checked, so it is not an error
    assert load_register([tmp_path / "records"], root=tmp_path).valid


def test_checking_one_file_resolves_references_against_the_whole_register(tmp_path, monkeypatch):
    """A pre-commit hook passes only the changed files; references still resolve against records/."""
    from click.testing import CliRunner

    from partnership_register.cli import main

    base = "---\nid: {id}\nname: {id}\nstatus: active\ntype: informal\ncouncil_role: [member]\n{extra}---\n"
    records = tmp_path / "records"
    (records / "a").mkdir(parents=True)
    (records / "a" / "parent-group.md").write_text(base.format(id="parent-group", extra="sub_groups: [child-group]\n"))
    child = records / "a" / "child-group.md"
    child.write_text(base.format(id="child-group", extra="parent: parent-group\n"))
    orphan = records / "a" / "orphan-group.md"
    orphan.write_text(base.format(id="orphan-group", extra="parent: no-such-group\n"))
    monkeypatch.chdir(tmp_path)
    ok = CliRunner().invoke(main, ["check", "records/a/child-group.md"])
    assert ok.exit_code == 0, ok.output
    assert "All 1 record is valid." in ok.output
    bad = CliRunner().invoke(main, ["check", "records/a/orphan-group.md"])
    assert bad.exit_code == 1
    assert ("records/a/orphan-group.md:7:1: error: parent: refers to a record that does not exist "
            "(no record has the id 'no-such-group')") in bad.output
    assert "child-group.md" not in bad.output.split("\n\n")[0]
