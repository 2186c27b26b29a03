"""Load a register: find record files, read them strictly, validate, check across records.

Every problem in every file is collected (never just the first) as a located
`Problem`. The same function serves `partnerships check`, every other command, the
MkDocs plugin and the tests.

Finding files never follows a link out of the repository, never opens a pipe or a device,
and reports files that look like records but would not be read (`X.MD`, `x.markdown`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import errno
import gc
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from ..text import to_date
from . import repository
from . import schema as schema_mod
from . import withheld
from .problems import NOT_READ, Problem
from .yamlsource import CHARACTER_HINT, Positions, character_problem, field_name, parse

_HANDLER = YAMLHandler()
IGNORED_NAMES = {"readme.md", "index.md"}
IGNORED_STEMS = {"readme", "index"}
RECORD_SUFFIX = ".md"
LOOKALIKE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
MAX_BYTES = 10_000_000  # a record is a short text file; anything larger is refused unread


@dataclass
class Record:
    """One partnership record as read from its file."""

    path: str  # as shown to officers: relative to the working folder where possible
    data: dict
    body: str
    positions: Positions
    problems: list[Problem] = field(default_factory=list)
    publication: str = withheld.UNKNOWN  # published, unpublished, or unknown (too broken to tell)

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


# --- Finding files -----------------------------------------------------------------------

@dataclass
class Found:
    """The record files to read, and the files refused or not read (each a located problem)."""

    files: list[Path] = field(default_factory=list)
    refused: dict = field(default_factory=dict)  # Path -> Problem (path filled in when shown)


def _lookalike(name: str) -> str | None:
    """'record' for `x.md`, 'lookalike' for a name that looks meant as one (`X.MD`, `x.markdown`, `x.md `)."""
    if name.endswith(RECORD_SUFFIX):
        return None if name.lower() in IGNORED_NAMES else "record"
    trimmed = name.rstrip(" .\t").lower()
    for suffix in LOOKALIKE_SUFFIXES:
        if trimmed.endswith(suffix) and trimmed[: -len(suffix)].strip() not in IGNORED_STEMS:
            return "lookalike"
    return None


def _not_read_problem(name: str) -> Problem:
    trimmed = name.rstrip(" .\t")
    stem = trimmed[: trimmed.rfind(".")] if "." in trimmed else trimmed
    return Problem("", 1, 1, "", f"is not read: only files whose names end in .md (lower case, nothing after it) "
                   f"are records, and this one is named {name!r}", NOT_READ, f"rename it to {stem.strip()}.md")


def _refused(message: str, hint: str = "") -> Problem:
    return Problem("", 1, 1, "", message, NOT_READ, hint)


def _absolute(path: Path) -> Path:
    """The path made absolute with its folders' links resolved, but not a link at its end."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name


def _within(target: Path, boundary: Path) -> bool:
    """Inside the repository and not in one of its hidden folders (.git and the like)."""
    try:
        rel = target.relative_to(boundary)
    except ValueError:
        return False
    return not any(part.startswith(".") for part in rel.parts)


def _follow(path: Path, boundary: Path) -> tuple[Path | None, Problem | None, bool]:
    """Where a link leads, if it may be followed: (target, problem to report, whether it leads nowhere)."""
    loop = _refused("is a link that loops back on itself, so it is not read", "delete the link")
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a loop this way
        return None, loop, False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, loop, False
        return None, _refused("is a link to a file that does not exist", "delete the link or restore its file"), True
    if not _within(target, boundary):
        return None, _refused("is a link to a place outside the repository (or inside one of its hidden "
                                 "folders), so it is not followed", "put the record itself in the records folder"), False
    return target, None, False


def scan(paths, boundary: Path | None = None) -> Found:
    """The record files under each folder (sub-folders too), or the files themselves.

    Nothing is opened here. A link is followed only when it stays inside `boundary` (the
    repository: the folder holding mkdocs.yml, or else each folder's parent), a link that
    loops is an error, and a pipe, device or socket among the records is an error, never
    read (reading a pipe would wait for ever). Hidden (.) and underscore (_) files and
    folders are left alone; a file that looks like a record but would not be read is
    reported, since an officer would otherwise think it published.
    """
    found = Found()
    for raw in paths:
        start = _absolute(Path(raw))
        top = start.resolve() if start.is_dir() else start.parent
        limit = boundary.resolve() if boundary is not None and _within(top, boundary.resolve()) else top.parent
        if start.is_symlink():
            target, problem, _ = _follow(start, limit)
            if problem is not None:
                found.refused[Path(raw)] = problem
                continue
        else:
            target = start
        try:
            mode = os.stat(target).st_mode
        except OSError:
            found.files.append(Path(raw))  # named but missing: reading it says why, as for any file
            continue
        if stat.S_ISDIR(mode):
            _walk(Path(raw), limit, {target.resolve()}, found)
        elif stat.S_ISREG(mode):
            found.files.append(Path(raw))
        else:
            found.refused[Path(raw)] = _refused("is not a regular file (it is a pipe, a device or a socket), "
                                                   "so it is not read", "records are ordinary text files")
    found.files = sorted(dict.fromkeys(found.files))
    return found


def _walk(folder: Path, boundary: Path, seen: set, found: Found) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.refused[folder] = _refused(f"is a folder that cannot be read: {exc.strerror or exc}")
        return
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        path = folder / name
        looks = _lookalike(name)
        try:
            if entry.is_symlink():
                target, problem, nowhere = _follow(path, boundary)
                if problem is not None:
                    if looks or not nowhere:  # any link out of the repository is reported, whatever its name
                        found.refused[path] = problem
                    continue
                mode = os.stat(target).st_mode
            else:
                target = path
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            if looks:
                found.refused[path] = _refused(f"cannot be read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            real = target.resolve()
            if real in seen:
                found.refused[path] = _refused("is a link to a folder that is already being read (a loop)",
                                                  "delete the link")
                continue
            _walk(path, boundary, seen | {real}, found)
        elif not looks:
            continue
        elif not stat.S_ISREG(mode):
            found.refused[path] = _refused("is not a regular file (it is a pipe, a device or a socket), "
                                              "so it is not read", "records are ordinary text files")
        elif looks == "record":
            found.files.append(path)
        else:
            found.refused[path] = _not_read_problem(name)


def find_record_files(paths, boundary: Path | None = None) -> list[Path]:
    """The record files `scan` finds (without the files it refuses)."""
    return scan(paths, boundary).files


def display_path(path: Path, root: Path | None = None) -> str:
    """The path relative to `root` (default the working folder), naming a link, not where it leads."""
    root = Path(root or Path.cwd()).resolve()
    try:
        return _absolute(path).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes; a pipe or device is refused after opening without waiting, never read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file (a pipe, a device or a socket)")
        if info.st_size > MAX_BYTES:
            raise OSError(errno.EFBIG, f"it is larger than {MAX_BYTES // 1_000_000} MB, too large for a record")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_BYTES:
                raise OSError(errno.EFBIG, f"it is larger than {MAX_BYTES // 1_000_000} MB, too large for a record")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_record(path: Path, shown: str, schema_path: str | None = None) -> Record:
    """Read and validate one file; problems are kept on the record, never raised."""
    try:
        raw = _read_regular(path)
    except OSError as exc:
        return Record(shown, {}, "", Positions(),
                      [Problem(shown, 1, 1, "", f"cannot be read: {exc.strerror or exc}", "unreadable")])
    return parse_record(raw, shown, schema_path)


def parse_record(raw: bytes, shown: str, schema_path: str | None = None) -> Record:
    """Decode, split, parse and validate one record's bytes, as found in a file named `shown`."""
    problems: list[Problem] = []

    def fail(message, kind, line=1, column=1, fieldname="", hint=""):
        problems.append(Problem(shown, line, column, fieldname, message, kind, hint))
        return Record(shown, {}, "", Positions(), problems, withheld.UNKNOWN)

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
    parsed = data is not None or not yaml_issues
    for i in yaml_issues:
        problems.append(Problem(shown, i.line, i.column, i.field, i.message, i.kind, i.hint, detail=i.detail))
    bad = character_problem(body)
    if bad is not None:
        at = len(text) - len(body) + bad[0]
        line = text.count("\n", 0, at) + 1
        problems.append(Problem(shown, line, at - (text.rfind("\n", 0, at) + 1) + 1, "",
                                f"the text below the front-matter contains {bad[1]}, which cannot be published",
                                "bad-character", CHARACTER_HINT))
    if data is None and not yaml_issues:
        problems.append(Problem(shown, offset + 1, 1, "", "front-matter is empty: the record has no fields",
                                "missing-field", "add at least id, name, status, type and council_role"))
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(shown, offset + 1, 1, "", "front-matter must be 'name: value' lines, "
                                f"not {schema_mod._describe(data)}", "wrong-type"))
        data = None
    data = data if isinstance(data, dict) else {}
    refused = {i.field for i in yaml_issues if i.kind in ("bad-character", "out-of-range")}
    if data or not problems:
        for issue in schema_mod.validate(data, schema_path):
            name = field_name(issue.path)
            if name in refused:
                continue  # already said, in plainer words, when the YAML was read
            line, col = positions.of(issue.path)
            problems.append(Problem(shown, line, col, name, issue.message, issue.kind, issue.hint,
                                    detail=issue.detail))
    record = Record(shown, data, body.lstrip("\n"), positions, problems)
    problems.extend(_consistency(record))
    record.publication = withheld.publication_state(data if parsed else None, [p.field for p in problems])
    _reveal(record, schema_path)
    record.positions = positions.only(_located_later(data, schema_path))
    return record


def _located_later(data: dict, schema_path: str | None) -> list[tuple]:
    """The paths a problem found after this record is read can be at: the ids and references
    `_cross_record` checks and the withheld places `repository` refuses. The record's own problems
    are found, so a position for every other value would only hold memory for the whole build."""
    paths = [("id",), ("parent",), ("replaced_by",)]
    subs, acks = data.get("sub_groups"), data.get("acknowledged_gaps")
    paths += [("sub_groups", i) for i in range(len(subs))] if isinstance(subs, list) else []
    paths += [("acknowledged_gaps", i, "rule") for i in range(len(acks))] if isinstance(acks, list) else []
    paths += [path for path, _ in withheld.places(data, schema_mod.internal_paths_of(schema_path))]
    return paths


def _reveal(record: Record, schema_path: str | None) -> None:
    """Let a problem quote its value only where the public site could show that value.

    Everything else keeps its detail to itself: internal fields (and anything above or under
    one), confidential or possibly confidential money, and all of a record that is not
    plainly published. A problem added later and never revealed just prints without it.
    """
    internal = schema_mod.internal_paths_of(schema_path)
    schema = schema_mod.load_schema(schema_path)
    out = []
    for p in record.problems:
        path = withheld.split_field(p.field)
        if not withheld.is_withheld(record.data, path, internal, record.publication):
            out.append(replace(p, show_detail=True) if p.detail else p)
        else:  # a field name nobody's schema gave (a typo, or a phone number typed as a name) is record text too
            out.append(replace(p, field=_known_keys_only(path, schema)) if p.field else p)
    record.problems[:] = out


def _known_keys_only(path: tuple, schema: dict) -> str:
    """The field's name with every key the schema does not know shown as '(unknown field)'."""
    node, parts = schema, []
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
            parts.append(part)
            continue
        props = node.get("properties", {}) if isinstance(node, dict) else {}
        if part in props:
            node = props[part]
            parts.append(part)
        else:
            node = {}
            parts.append("(unknown field)")
    return field_name(parts)


def _consistency(record: Record) -> list[Problem]:
    """What the schema cannot say within one record: dates in order, one lead, the id."""
    out = []

    def add(path, message, kind="inconsistent", hint="", detail=""):
        line, col = record.positions.of(path)
        out.append(Problem(record.path, line, col, field_name(path), message, kind, hint, detail=detail))

    stem = Path(record.path).stem
    rid = record.data.get("id")
    if isinstance(rid, str) and rid != stem:
        add(("id",), f"does not match the file name, {stem}.md; they must be the same", "id-mismatch",
            f"rename the file after the id, or set id: {stem}", detail=f"got {rid!r}")
    start = record.date("start_date")
    for key in ("proposed_end_date", "closed_date"):
        end = record.date(key)
        if start and end and end < start:
            add((key,), "is before the start date", detail=start.isoformat())
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
    """Unique ids and references that resolve, across the whole register (at positions `_located_later` keeps)."""
    seen: dict[str, Record] = {}
    for r in records:
        rid = r.data.get("id")
        if not isinstance(rid, str):
            continue
        if rid in seen:
            line, col = r.positions.of(("id",))
            r.problems.append(Problem(r.path, line, col, "id",
                                      f"is already used by {seen[rid].path}; every record needs its own id",
                                      "duplicate-id", detail=f"got {rid!r}"))
        else:
            seen[rid] = r
    # a suggestion names another record's id: only ever one the public site shows
    suggestable = [rid for rid, r in seen.items() if r.publication == withheld.PUBLISHED]
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
                close = difflib.get_close_matches(target, suggestable, n=1)
                r.problems.append(Problem(r.path, line, col, field_name(path),
                                          "refers to a record that does not exist", "broken-reference",
                                          f"did you mean `{close[0]}`?" if close else "",
                                          detail=f"no record has the id {target!r}"))
        acks = r.data.get("acknowledged_gaps")
        if known_rules is not None and isinstance(acks, list):
            for i, ack in enumerate(acks):
                rule = ack.get("rule") if isinstance(ack, dict) else None
                if isinstance(rule, str) and rule not in known_rules:
                    close = difflib.get_close_matches(rule, sorted(known_rules), n=1)
                    line, col = r.positions.of(("acknowledged_gaps", i, "rule"))
                    r.problems.append(Problem(r.path, line, col, f"acknowledged_gaps[{i}].rule",
                                              "is not a gap rule", "unknown-rule",
                                              f"did you mean `{close[0]}`?" if close else
                                              "see the Governance gaps page for rule ids", detail=f"got {rule!r}"))


@contextlib.contextmanager
def _no_cyclic_collection():
    """Reading records makes no garbage cycles, only data that is kept: without this the
    collector walks the growing register again and again (a third of `check`'s time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_register(paths=("records",), root: Path | None = None, schema_path: str | None = None,
                  known_rules: set[str] | None = None, context=(), *, boundary: Path | None = None,
                  public_repository: bool = False) -> Register:
    """Read every record under `paths`; never raises for bad input.

    `context` names the whole register (e.g. records/) when only some files are being
    checked, as a pre-commit hook does: ids and references are then checked against
    every record, but only the files under `paths` are returned and reported. `boundary`
    is the repository no link may lead out of (default: each folder's parent).
    `public_repository` refuses every place a record holds withheld data (see `repository`).
    """
    found = scan(paths, boundary)
    with _no_cyclic_collection():
        records = [read_record(f, display_path(f, root), schema_path) for f in found.files]
        given = {_absolute(f) for f in found.files}
        others = [f for f in find_record_files(context, boundary) if _absolute(f) not in given] if context else []
        context_records = [read_record(f, display_path(f, root), schema_path) for f in others]
    _cross_record(context_records + records, known_rules)
    if public_repository:
        internal = schema_mod.internal_paths_of(schema_path)
        for r in records:
            r.problems.extend(repository.withheld_problems(r, internal))
    for r in records:
        _reveal(r, schema_path)
    for path, problem in sorted(found.refused.items()):
        shown = display_path(path, root)
        records.append(Record(shown, {}, "", Positions(), [replace(problem, path=shown)], withheld.UNKNOWN))
    return Register(records, len(found.files))
