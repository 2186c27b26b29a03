"""`partnerships new`: flags, prompts in a real terminal, id rules, and the file it writes.

Every record written here is read back with `load_register`, the loader the site and
`partnerships check` use: a new record must be valid the moment it exists.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register.officers import new as nr
from partnership_register.cli import main
from partnership_register.load.loader import load_register
from partnership_register.load.schema import default_schema_path, load_schema
from partnership_register.load.yamlsource import parse

EPOCH_2025_04_01 = "1743465600"  # 2025-04-01T00:00:00Z


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty folder to run in, with its own copy of the schema, and a fixed date."""
    shutil.copy(default_schema_path(), tmp_path / "partnership.schema.json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_04_01)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["new", *map(str, args)], prog_name="partnerships")


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return parse(text.split("---\n")[1])[0]


# --- Pure functions --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, slug", [
    ("Northshire Waste Joint Committee", "northshire-waste-joint-committee"),
    ("Café Société & Friends", "cafe-societe-and-friends"),
    ("Children's Safeguarding  Board (NSCB)", "childrens-safeguarding-board-nscb"),
    ("  --Hartwell BID 2025--  ", "hartwell-bid-2025"),
    ("Ærø Straße", "aero-strasse"),
    ("!!!", ""),
])
def test_slugify(name, slug):
    assert nr.slugify(name) == slug


def test_slugify_cuts_long_names_at_a_hyphen():
    slug = nr.slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_match_choice_is_tolerant_but_exact_about_the_value():
    types = nr.enum_values(load_schema(), "type")
    assert nr.match_choice("Joint Committee", types) == "joint-committee"
    assert nr.match_choice("joint_committees", types) == "joint-committee"
    assert nr.match_choice("LATCo", types, {"latco": "local-authority-trading-company"}) == \
        "local-authority-trading-company"
    assert nr.match_choice("Widget club", types) is None


def test_enums_come_from_the_schema():
    schema = load_schema()
    assert nr.enum_values(schema, "type") == schema["properties"]["type"]["enum"]
    assert nr.enum_values(schema, "council_role") == schema["properties"]["council_role"]["items"]["enum"]
    assert nr.enum_values(schema, "partners[].sector") == \
        schema["properties"]["partners"]["items"]["properties"]["sector"]["enum"]


def test_rendered_record_lists_every_optional_section_as_guidance():
    schema = load_schema()
    data = nr.new_record_data(name="Test", type="informal", council_role=["member"],
                              registered_on=nr.today())
    text = nr.render_new_record(data, schema)
    for key in ("documents", "risks", "reviews", "money", "partners", "meetings", "performance"):
        assert f"\n# {key}:\n" in text, key
    assert "#   # Exit strategy\n#   exit_strategy:\n" in text
    assert "\n## Background\n" in text and "\n## History\n" in text and "\n## Notes\n" in text
    assert "closed_date" in text and "\n# closed_date:" not in text  # named, not spelled out


def test_uncommenting_a_guidance_example_gives_a_valid_record(tmp_path):
    """The commented examples are real YAML: remove the '# ' and the record is still valid."""
    schema = load_schema()
    data = nr.new_record_data(name="Test", type="informal", council_role=["member"], record_id="test")
    text = nr.render_new_record(data, schema)
    lines = text.split("\n")
    start = lines.index("# documents:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# ") or (block and not line.startswith("#  ")):
            break
        block.append(line[2:])
    edited = text.replace("\n".join(lines[start:start + len(block)]), "\n".join(block))
    path = tmp_path / "test.md"
    path.write_text(edited, encoding="utf-8")
    register = load_register([path], root=tmp_path)
    assert register.valid, [p.text() for p in register.problems]
    assert set(register.records[0].data["documents"]) == set(schema["properties"]["documents"]["properties"])


# --- The command with flags ------------------------------------------------------------------------

def test_new_with_flags_writes_a_valid_record(workdir):
    result = run("--name", "Northshire Café Partnership", "--type", "Joint Committee",
                 "--council-role", "lead", "--council-role", "funder", "--directorate", "Place",
                 "--sponsoring-officer", "Priya Shah", "--registered-by", "Sam Lee",
                 "--schema", workdir / "partnership.schema.json")
    assert result.exit_code == 0, result.output
    path = workdir / "records" / "northshire-cafe-partnership.md"
    assert f"Created {path.relative_to(workdir).as_posix()}" in result.output
    register = load_register([workdir / "records"], root=workdir)
    assert register.valid, [p.text() for p in register.problems]
    data = register.records[0].data
    assert data == {
        "id": "northshire-cafe-partnership", "name": "Northshire Café Partnership", "status": "proposed",
        "type": "joint-committee", "council_role": ["lead", "funder"], "directorate": "Place",
        "sponsoring_officer": {"name": "Priya Shah"},
        "record": {"registered_by": "Sam Lee", "registered_on": "2025-04-01"},
    }
    text = path.read_text(encoding="utf-8")
    assert "registered_on: 2025-04-01\n" in text  # a plain date, not quoted
    assert "# documents:" in text and "# risks:" in text


def test_new_lead_organisation_becomes_the_lead_partner(workdir):
    result = run("--name", "Community Safety Partnership", "--type", "strategic-partnership",
                 "--council-role", "member", "--lead-organisation", "Northshire Police", "--status", "active")
    assert result.exit_code == 0, result.output
    data = front(workdir / "records" / "community-safety-partnership.md")
    assert data["partners"] == [{"name": "Northshire Police", "sector": "police-fire", "lead": True}]
    assert data["status"] == "active"
    assert load_register([workdir / "records"], root=workdir).valid


def test_new_goes_into_the_directorate_folder_when_there_is_one(workdir):
    (workdir / "records" / "people").mkdir(parents=True)
    result = run("--name", "Youth Forum", "--type", "formal-forum", "--council-role", "host",
                 "--directorate", "People")
    assert result.exit_code == 0, result.output
    assert (workdir / "records" / "people" / "youth-forum.md").is_file()


def test_new_refuses_an_id_already_used(workdir):
    assert run("--name", "Waste Partnership", "--type", "informal", "--council-role", "member").exit_code == 0
    before = (workdir / "records" / "waste-partnership.md").read_bytes()
    again = run("--name", "Waste  partnership!", "--type", "contractual", "--council-role", "lead")
    assert again.exit_code == 1
    assert "'waste-partnership' is already used by records/waste-partnership.md" in again.output
    assert (workdir / "records" / "waste-partnership.md").read_bytes() == before


def test_new_refuses_an_id_used_inside_another_file(workdir):
    """Ids are unique across the register, whatever the file is called."""
    other = workdir / "records" / "place" / "old-name.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\nid: waste-partnership\n---\n", encoding="utf-8")
    result = run("--name", "Waste Partnership", "--type", "informal", "--council-role", "member")
    assert result.exit_code == 1
    assert "records/place/old-name.md" in result.output


def test_new_with_an_explicit_id(workdir):
    result = run("--name", "Northshire Waste Joint Committee", "--id", "waste-jc", "--type", "joint-committee",
                 "--council-role", "member")
    assert result.exit_code == 0, result.output
    assert front(workdir / "records" / "waste-jc.md")["id"] == "waste-jc"
    bad = run("--name", "X", "--id", "Waste JC", "--type", "informal", "--council-role", "member")
    assert bad.exit_code == 2 and "cannot be a record id" in bad.output


def test_new_never_writes_an_invalid_record(workdir):
    name = "Old Forum" + " " * 200 + "x"  # the id ignores the spaces; the name is too long for the schema
    result = run("--name", name, "--type", "informal", "--council-role", "member")
    assert result.exit_code == 1
    assert "records/old-forum-x.md:" in result.output and "Name is too long" in result.output
    assert "nothing was written" in result.output and not list((workdir / "records").rglob("*.md"))


@pytest.mark.parametrize("args, message", [
    (["--type", "informal", "--council-role", "member"], "--name needed"),
    (["--name", "X", "--council-role", "member"], "--type needed"),
    (["--name", "X", "--type", "Widget club", "--council-role", "member"], "Widget club"),
    (["--name", "X", "--type", "informal", "--council-role", "boss"], "boss"),
    (["--name", "X", "--type", "informal", "--council-role", "lead", "--lead-organisation", "Police"],
     "cannot also lead"),
    (["--name", "X", "--type", "informal", "--council-role", "member", "--lead-organisation", "Zog"],
     "--lead-sector"),
])
def test_new_usage_errors_write_nothing(workdir, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (workdir / "records").exists() or not list((workdir / "records").rglob("*.md"))


# --- The command in a real terminal ----------------------------------------------------------------

class Terminal:
    """`partnerships new` on a pseudo-terminal: read until a prompt appears, then answer it."""

    def __init__(self, cwd: Path, *args: str):
        self.master, slave = pty.openpty()
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_2025_04_01, "COLUMNS": "200", "TERM": "dumb"}
        exe = Path(sys.executable).with_name("partnerships")
        self.proc = subprocess.Popen([str(exe), "new", *args], cwd=cwd, stdin=slave, stdout=slave, stderr=slave,
                                     env=env, close_fds=True)
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"did not see {text!r}; output so far:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"ended before {text!r}; output:\n{self.seen}")
                self.seen += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def answer(self, prompt: str, reply: str) -> None:
        self.expect(prompt)
        os.write(self.master, reply.encode("utf-8") + b"\r")

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None or select.select([self.master], [], [], 0)[0]:
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"did not finish; output:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        os.close(self.master)
        return self.proc.wait(timeout), self.seen


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="needs a POSIX terminal")
def test_new_asks_in_a_terminal_and_writes_a_valid_record(tmp_path):
    term = Terminal(tmp_path)
    term.answer("Name of the partnership:", "Hartwell Youth Partnership")
    term.expect("Types of partnership:")
    term.expect("joint-committee - A joint committee")  # choices are explained, from the schema
    term.answer("Type (name or number):", "widget club")
    term.expect("is not one of")  # click.Choice refuses, and asks again
    term.answer("Type (name or number):", "Strategic Partnership")
    term.answer("Council's role (one or more, separated by commas):", "member, funder")
    term.answer("Directorate (Enter to skip):", "People")
    term.answer("Sponsoring officer's name (Enter to skip):", "Priya Shah")
    term.answer("Organisation leading the partnership (Enter to skip):", "Hartwell Academy Trust")
    term.answer("Sector of Hartwell Academy Trust", "")  # Enter takes the guess shown
    term.answer("Your name, as the officer registering it (Enter to skip):", "")
    code, output = term.finish()
    assert code == 0, output
    assert "Created records/hartwell-youth-partnership.md" in output
    register = load_register([tmp_path / "records"], root=tmp_path)
    assert register.valid, [p.text() for p in register.problems]
    assert register.records[0].data == {
        "id": "hartwell-youth-partnership", "name": "Hartwell Youth Partnership", "status": "proposed",
        "type": "strategic-partnership", "council_role": ["member", "funder"], "directorate": "People",
        "sponsoring_officer": {"name": "Priya Shah"},
        "partners": [{"name": "Hartwell Academy Trust", "sector": "education", "lead": True}],
        "record": {"registered_on": "2025-04-01"},
    }


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="needs a POSIX terminal")
def test_new_in_a_terminal_asks_only_for_what_the_flags_left_out(tmp_path):
    term = Terminal(tmp_path, "--name", "Lead Council Forum", "--type", "2", "--no-input")
    code, output = term.finish()
    assert code == 2 and "--council-role needed" in output
    term = Terminal(tmp_path, "--name", "Lead Council Forum", "--directorate", "", "--sponsoring-officer", "",
                    "--registered-by", "")
    term.answer("Type (name or number):", "2")  # a number picks from the list shown
    term.answer("Council's role (one or more, separated by commas):", "lead")
    code, output = term.finish()  # the council leads, so no lead organisation is asked for
    assert code == 0, output
    assert "Organisation leading" not in output
    data = front(tmp_path / "records" / "lead-council-forum.md")
    assert data["type"] == nr.enum_values(load_schema(), "type")[1]
    assert data["council_role"] == ["lead"] and "partners" not in data
