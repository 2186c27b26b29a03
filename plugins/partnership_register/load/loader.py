"""Load a register: find record files, read them strictly, validate, check across records.

Every problem in every file is collected (never just the first) as a located
`Problem`. The same function serves `partnerships check`, every other command, the
MkDocs plugin and the tests.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from ..text import to_date
from . import schema as schema_mod
from .problems import Problem
from .yamlsource import Positions, field_name, parse

_HANDLER = YAMLHandler()
IGNORED_NAMES = {"readme.md", "index.md"}


@dataclass
class Record:
    """One partnership record as read from its file."""

    path: str  # as shown to officers: relative to the working folder where possible
    data: dict
    body: str
    positions: Positions
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else Path(self.path).stem

    @property
    def valid(self) -> bool:
        return not self.problems

    def get(self, key, default=None):
        return self.data.get(key, default)

    def date(self, *path) -> dt.date | None:
        """A date field as a `datetime.date` (records keep dates as YYYY-MM-DD text)."""
        value = self.data
        for part in path:
            if not isinstance(value, (dict, list)):
                return None
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return to_date(value)


@dataclass
class Register:
    """All records found, valid or not, and every problem."""

    records: list[Record]
    files_checked: int

    @property
    def problems(self) -> list[Problem]:
        out = [p for r in self.records for p in r.problems]
        return sorted(set(out), key=lambda p: (p.path, p.line, p.column, p.field, p.message))

    @property
    def valid(self) -> bool:
        return not self.problems

    def valid_records(self) -> list[Record]:
        return [r for r in self.records if r.valid]

    @property
    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}


def find_record_files(paths) -> list[Path]:
    """`*.md` files under each folder (sub-folders too), or the files themselves."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*.md")):
                rel = f.relative_to(p)
                if f.name.lower() in IGNORED_NAMES or any(part.startswith((".", "_")) for part in rel.parts):
                    continue
                found.append(f)
        else:
            found.append(p)
    return sorted(dict.fromkeys(found))


def display_path(path: Path, root: Path | None = None) -> str:
    root = Path(root or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_record(path: Path, shown: str, schema_path: str | None = None) -> Record:
    """Read and validate one file; problems are kept on the record, never raised."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Record(shown, {}, "", Positions(),
                      [Problem(shown, 1, 1, "", f"cannot be read: {exc.strerror or exc}", "unreadable")])
    return parse_record(raw, shown, schema_path)


def parse_record(raw: bytes, shown: str, schema_path: str | None = None) -> Record:
    """Decode, split, parse and validate one record's bytes, as found in a file named `shown`."""
    problems: list[Problem] = []

    def fail(message, kind, line=1, column=1, fieldname="", hint=""):
        problems.append(Problem(shown, line, column, fieldname, message, kind, hint))
        return Record(shown, {}, "", Positions(), problems)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(f"is not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot be read", "unreadable", line, column,
                    hint="save the file with the encoding UTF-8, e.g. Notepad: Save As, Encoding: UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return fail("contains a NUL character; it is not a text file", "unreadable", line)
    if not text.strip():
        return fail("is empty", "no-front-matter",
                    hint="a record starts with a line '---', then its fields, then another '---' line")
    start = _HANDLER.FM_BOUNDARY.match(text)
    if not start:
        return fail("has no front-matter: the first line must be three hyphens (---)", "no-front-matter",
                    hint="a record starts with a line '---', then its fields, then another '---' line")
    try:
        front, body = _HANDLER.split(text)
    except ValueError:
        return fail("front-matter is not closed: add a line of three hyphens (---) after the last field",
                    "no-front-matter", text.count("\n") + (0 if text.endswith("\n") else 1))
    offset = text.count("\n", 0, start.end())
    data, positions, yaml_issues = parse(front, offset)
    for i in yaml_issues:
        problems.append(Problem(shown, i.line, i.column, i.field, i.message, i.kind, i.hint))
    if data is None and not yaml_issues:
        problems.append(Problem(shown, offset + 1, 1, "", "front-matter is empty: the record has no fields",
                                "missing-field", "add at least id, name, status, type and council_role"))
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(shown, offset + 1, 1, "", "front-matter must be 'name: value' lines, "
                                f"not {schema_mod._describe(data)}", "wrong-type"))
        data = None
    data = data if isinstance(data, dict) else {}
    if data or not problems:
        for issue in schema_mod.validate(data, schema_path):
            line, col = positions.of(issue.path)
            problems.append(Problem(shown, line, col, field_name(issue.path), issue.message, issue.kind, issue.hint))
    record = Record(shown, data, body.lstrip("\n"), positions, problems)
    problems.extend(_consistency(record))
    return record


def _consistency(record: Record) -> list[Problem]:
    """What the schema cannot say within one record: dates in order, one lead, the id."""
    out = []

    def add(path, message, kind="inconsistent", hint=""):
        line, col = record.positions.of(path)
        out.append(Problem(record.path, line, col, field_name(path), message, kind, hint))

    stem = Path(record.path).stem
    rid = record.data.get("id")
    if isinstance(rid, str) and rid != stem:
        add(("id",), f"is {rid!r} but the file is named {stem}.md; they must be the same", "id-mismatch",
            f"rename the file to {rid}.md or set id: {stem}")
    start = record.date("start_date")
    for key in ("proposed_end_date", "closed_date"):
        end = record.date(key)
        if start and end and end < start:
            add((key,), f"is before the start date ({start.isoformat()})")
    if record.data.get("status") != "closed" and record.data.get("closed_date"):
        add(("closed_date",), "is given but the status is not closed",
            hint="set status: closed, or remove closed_date")
    partners = record.data.get("partners")
    if isinstance(partners, list):
        roles = record.data.get("council_role") or []
        leads = [i for i, p in enumerate(partners) if isinstance(p, dict) and p.get("lead") is True]
        if len(leads) + (1 if isinstance(roles, list) and "lead" in roles else 0) > 1:
            add(("partners", leads[-1], "lead"), "more than one organisation is marked as the lead")
        bodies = [i for i, p in enumerate(partners) if isinstance(p, dict) and p.get("accountable_body") is True]
        if len(bodies) + (1 if isinstance(roles, list) and "accountable-body" in roles else 0) > 1:
            add(("partners", bodies[-1], "accountable_body"), "more than one organisation is marked as the accountable body")
    return out


def _cross_record(records: list[Record], known_rules: set[str] | None) -> None:
    """Unique ids and references that resolve, across the whole register."""
    seen: dict[str, Record] = {}
    for r in records:
        rid = r.data.get("id")
        if not isinstance(rid, str):
            continue
        if rid in seen:
            line, col = r.positions.of(("id",))
            r.problems.append(Problem(r.path, line, col, "id",
                                      f"{rid!r} is already used by {seen[rid].path}; every record needs its own id",
                                      "duplicate-id"))
        else:
            seen[rid] = r
    for r in records:
        refs = [(("parent",), r.data.get("parent")), (("replaced_by",), r.data.get("replaced_by"))]
        subs = r.data.get("sub_groups")
        if isinstance(subs, list):
            refs += [(("sub_groups", i), s) for i, s in enumerate(subs)]
        for path, target in refs:
            if not isinstance(target, str):
                continue
            line, col = r.positions.of(path)
            if target == r.data.get("id"):
                r.problems.append(Problem(r.path, line, col, field_name(path), "refers to the record itself",
                                          "broken-reference"))
            elif target not in seen:
                close = difflib.get_close_matches(target, list(seen), n=1)
                r.problems.append(Problem(r.path, line, col, field_name(path),
                                          f"refers to {target!r}, but no record has that id", "broken-reference",
                                          f"did you mean `{close[0]}`?" if close else ""))
        acks = r.data.get("acknowledged_gaps")
        if known_rules is not None and isinstance(acks, list):
            for i, ack in enumerate(acks):
                rule = ack.get("rule") if isinstance(ack, dict) else None
                if isinstance(rule, str) and rule not in known_rules:
                    close = difflib.get_close_matches(rule, sorted(known_rules), n=1)
                    line, col = r.positions.of(("acknowledged_gaps", i, "rule"))
                    r.problems.append(Problem(r.path, line, col, f"acknowledged_gaps[{i}].rule",
                                              f"{rule!r} is not a gap rule", "unknown-rule",
                                              f"did you mean `{close[0]}`?" if close else
                                              "see the Governance gaps page for rule ids"))


def load_register(paths=("records",), root: Path | None = None, schema_path: str | None = None,
                  known_rules: set[str] | None = None, context=()) -> Register:
    """Read every record under `paths`; never raises for bad input.

    `context` names the whole register (e.g. records/) when only some files are being
    checked, as a pre-commit hook does: ids and references are then checked against
    every record, but only the files under `paths` are returned and reported.
    """
    files = find_record_files(paths)
    records = [read_record(f, display_path(f, root), schema_path) for f in files]
    given = {f.resolve() for f in files}
    others = [f for f in find_record_files(context) if f.resolve() not in given] if context else []
    context_records = [read_record(f, display_path(f, root), schema_path) for f in others]
    _cross_record(context_records + records, known_rules)
    return Register(records, len(files))
