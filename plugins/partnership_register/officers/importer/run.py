"""One import: read the file, match its headings, turn each row into a record, validate it, write it.

Every row that names a partnership becomes a record. What the sheet does not say is recorded
as not yet known (type and council role `not-classified`, status active) and shows as a
governance gap; what it says that cannot be used is listed at the top of the record and in
the report, never a reason to leave the partnership off the register. Rows that are not
partnerships (the template's hints, section headings, footnotes) are reported and skipped.
A record is validated in memory by the loader `partnerships check` uses, as it would be found
at the path it is written to, and anything it still refuses is left out and said; only valid
records are written. A record already on the register is left alone unless --update is given.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from ...load.loader import parse_record, read_record
from ...text import plural, slug
from .. import new as nr
from ..yamlwrite import comment, dump, front_matter
from .convert import RowConverter
from .mapping import Column, Mapping, candidates, load_mapping, resolve_columns
from .read import Table, read_tables
from .report import ImportReport, Issue, RowResult
from .values import norm, words

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_HINTS = {
    "name": "every record needs the partnership's name",
    "type": "add a column such as 'Type of partnership', or set defaults: type: in a mapping file",
    "council_role": "add a column such as 'Role of the Council', or set defaults: council_role: in a mapping file",
    "status": "add a 'Status' column, or set defaults: status: in a mapping file",
}
REQUIRED = tuple(REQUIRED_HINTS)
NOT_YET_KNOWN = {
    "type": "the sheet does not say what type of partnership it is, so it is recorded as not yet classified "
            "(a governance gap until it is set)",
    "council_role": "the sheet does not say what the council's role is, so it is recorded as not yet classified "
                    "(a governance gap until it is set)",
    "status": "the sheet gives no status, so the partnership is recorded as active",
}
_TOTAL_ROW = re.compile(r"^(sub ?total|grand total|totals?(?= for | of ))\b")  # not 'Total Place Partnership'
_SECTION_WORDS = {"directorate", "department", "services", "service", "section", "portfolio", "division", "team"}
_NOTE_START = re.compile(r"^(note|notes|nb|key|source|sources|category|section|part|appendix|status key|ratings?|"
                         r"figures|returns outstanding|forms? logged|last updated|updated|total|totals|grand total|"
                         r"sub ?total|prepared by|compiled by|produced by|please|see|continued|end of)\b")


_COUNCIL_KINDS = (("metropolitan borough council", "MBC"), ("district council", "DC"), ("borough council", "BC"),
                  ("county council", "CC"), ("city council", "CC"))


def council_variants(name: str) -> list[str]:
    """The council's name as registers also write it: 'Westmoor District Council' is 'Westmoor DC'."""
    name = " ".join(name.split())
    out = [name]
    for kind, short in _COUNCIL_KINDS:
        if name.lower().endswith(" " + kind):
            place = name[: -len(kind) - 1]
            out.append(f"{place} {short}")
            break
    return out


def import_register(source, folder="records", mapping_path=None, *, update: bool = False, drafts: bool = False,
                    dry_run: bool = False, sheet: str | None = None, schema_path=None,
                    council_names=()) -> ImportReport:
    """Read a spreadsheet register and write one record per usable row; never raises for bad rows.

    `council_names` are the council's own names (the register's `council_name`): a partner or
    lead given by one of them is the council itself, not a partner.

    Raises `MappingError` for an unusable mapping file and `UnreadableFile` for an unreadable
    spreadsheet; everything about rows and values is in the returned report.
    """
    schema_path = str(schema_path) if schema_path else None
    schema = nr.load_schema(schema_path)
    mapping = load_mapping(mapping_path, schema)
    mapping.council.update(norm(n) for name in council_names if name and name.strip() for n in council_variants(name))
    source = Path(source)
    def known(heading: str) -> float:
        found = candidates(heading, mapping, schema)
        return 0.0 if not found else 1.0 if found[0].rank >= 90 else 0.5

    tables = read_tables(source, sheet, known,
                         lambda heading: any(c.to == ("name",) for c in candidates(heading, mapping, schema)))
    report = ImportReport(source.name, dry_run)
    run = _Run(Path(folder), mapping, schema, schema_path, update, drafts, dry_run, source.name)
    for table in tables:
        report.issues.extend(table.notes)
        columns = _columns(table, mapping, schema, report)
        first = table.rows[0][0] if table.rows else 0
        for rownum, cells, more in _continued(table, columns):
            result = run.row(rownum, cells, columns, table, rownum == first)
            if more:
                result.issues.insert(0, Issue(rownum, "", f"row{'s' if len(more) > 1 else ''} "
                                                          f"{', '.join(map(str, more))} below, with no name, "
                                                          "continue this row and are read with it", "note", table.sheet))
            report.rows.append(result)
    return report


# readers whose values a row with no name below can add to (more partners, another money line, more text)
_CONTINUED = frozenset({"partners", "representatives", "money", "officer-time", "in-kind", "resources", "text-list",
                        "plans", "body", "substitutes", "text", "describe", "targets"})


def _continued(table: Table, columns) -> list[tuple[int, list, list[int]]]:
    """The rows, each with the rows below it that continue it: no name, and only cells that add to a list
    or a text (a partnership spread over several rows, as merged cells leave it)."""
    names = [i for i, _, col in columns if col.to == ("name",)]
    readers = {i: col.how for i, _, col in columns}
    out: list[tuple[int, list, list[int]]] = []
    for n, (rownum, cells) in enumerate(table.rows):
        filled = [i for i, c in enumerate(cells) if c is not None and str(c).strip()]
        named = any(i in filled for i in names)
        if out and names and not named and n > 0 and len(filled) > 0 and all(
                readers.get(i) in _CONTINUED for i in filled) and not (
                len(filled) == 1 and looks_like_a_note(str(cells[filled[0]]))):
            prev = out[-1][1]
            for i in filled:
                cell = cells[i]
                if i < len(prev) and prev[i] is not None and str(prev[i]).strip():
                    prev[i] = f"{prev[i]}\n{cell}"
                elif i < len(prev):
                    prev[i] = cell
            out[-1][2].append(rownum)
            continue
        out.append((rownum, list(cells), []))
    return out


def _columns(table: Table, mapping: Mapping, schema: dict, report: ImportReport):
    """(index, heading, mapping entry) for each column read; notes in the report on the others."""
    columns: list[tuple[int, str, Column]] = []
    computed: list[str] = []
    what = "row" if table.form else "column"
    for index, heading, col in resolve_columns(table.headings, mapping, schema):
        if heading.lower().startswith("computed."):
            computed.append(heading)
            continue
        if col is None or col.how == "unsupported":
            if heading not in report.unused_columns:
                report.unused_columns.append(heading)
            if not table.form or len(heading) < 200:
                report.issues.append(Issue(0, heading, f"is not used: no record field matches this {what}'s heading "
                                                       "(map it in a file given with --mapping)", "note", table.sheet))
            continue
        report.columns[heading] = col.describe()
        columns.append((index, heading, col))
    if not any(col.to == ("name",) for _, _, col in columns) and not table.form:
        filled = lambda i: sum(1 for _, cells in table.rows if i < len(cells) and cells[i] is not None  # noqa: E731
                               and not isinstance(cells[i], (int, float)) and str(cells[i]).strip())
        used = {i for i, _, _ in columns}
        spare = [i for i in range(len(table.headings)) if i not in used and table.rows
                 and filled(i) >= max(1, len(table.rows) // 2)]
        if spare:
            index = spare[0]
            heading = table.headings[index] or f"column {index + 1}"
            col = Column(("name",), "text", (heading,))
            columns.insert(0, (index, heading, col))
            report.columns[heading] = "name"
            if heading in report.unused_columns:
                report.unused_columns.remove(heading)
            report.issues.append(Issue(0, heading, "no column is headed with the partnership's name; this one, "
                                                   "the first with text in most rows, is read as the name", "note",
                                       table.sheet))
    if computed:
        report.issues.append(Issue(0, "", f"{len(computed)} computed.* column{'s are' if len(computed) != 1 else ' is'} "
                                          "not read: the register works those out from the record", "note"))
    given = {t.split(".")[0].split("[")[0] for _, _, c in columns for t in c.to}
    for key in REQUIRED:
        if key not in given and key in mapping.defaults:
            report.issues.append(Issue(0, "", f"no column gives {key}; every new record gets {key}: "
                                              f"{mapping.defaults[key]!r} from the mapping's defaults", "note",
                                       table.sheet))
    return columns


def looks_like_a_note(text: str) -> bool:
    """True for text in the name column that is a section heading or a footnote, not a partnership's name:
    'CATEGORY A – COUNCIL REPRESENTATIVES', '* Subject to re-election', 'Status key: Active / Closed'."""
    t = " ".join(str(text).split())
    letters = [c for c in t if c.isalpha()]
    return bool(re.match(r"^[*†‡#(\[]", t) or _NOTE_START.match(words(t))
                or (len(letters) >= 6 and all(c.isupper() for c in letters) and len(t.split()) >= 3)
                or ":" in t or "=" in t or (t.endswith(".") and len(t.split()) > 4) or len(t.split()) > 14)


def _merge(old, new):
    """`new` laid over `old`: groups of fields merge, everything else is replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = _merge(old.get(key), value) if key in old else value
        return out
    return new


class _Run:
    """The state of one import: ids on the register and ids made so far."""

    def __init__(self, folder: Path, mapping: Mapping, schema: dict, schema_path, update, drafts, dry_run,
                 source_name):
        self.folder, self.mapping, self.schema, self.schema_path = folder, mapping, schema, schema_path
        self.update, self.drafts, self.dry_run, self.source_name = update, drafts, dry_run, source_name
        self.taken = nr.existing_ids(folder)
        self.made: dict[str, int] = {}

    def problems(self, text: str, shown: str):
        """What the loader finds wrong with a record's text, as a file at `shown` (nothing is written)."""
        return parse_record(text.encode("utf-8"), shown, self.schema_path).problems

    def text(self, data: dict, body: str, header: str = "") -> str:
        return front_matter(dump(data, self.schema), body, comment(header) if header else "")

    def row(self, rownum: int, cells: list, columns, table: Table, first: bool = False) -> RowResult:
        result = RowResult(rownum, None, "skipped", sheet=table.sheet)
        not_one = self._not_a_partnership(cells, columns, first)
        if not_one:
            result.action, result.reason = "ignored", not_one
            return result
        if table.form and not any(i < len(cells) and cells[i] is not None and str(cells[i]).strip()
                                  for i, _, col in columns if col.to == ("name",)):
            result.action, result.reason = "ignored", "this column of the form gives no partnership name"
            return result
        conv = RowConverter(rownum, self.mapping, self.schema, table.sheet)
        result.issues = conv.issues
        for index, heading, col in columns:
            value = cells[index] if index < len(cells) else None
            if col.to == ("status",) and (value is None or str(value).strip() == ""):
                conv.note(heading, NOT_YET_KNOWN["status"])
            conv.read(col, heading, value)
        conv.finish()
        data = conv.data
        defaulted = {k for k in self.mapping.defaults if k not in data}
        for key in sorted(defaulted, key=list(self.mapping.defaults).index):
            data[key] = copy.deepcopy(self.mapping.defaults[key])
            if key in NOT_YET_KNOWN and key != "status" and key not in conv.unknown:  # else noted as read
                conv.note("", NOT_YET_KNOWN[key])
        rid = self._id(conv)
        result.record_id = rid
        missing = [k for k in REQUIRED if k not in data]
        for key in missing:
            if key not in conv.unusable:
                conv.error("", f"no {nr.subschema(self.schema, key).get('title', key).lower()}: "
                               f"{REQUIRED_HINTS[key]}")
        if not rid:
            return result.skip("no name to make an id from")
        if rid in self.made and ("id",) in conv.sources:
            return result.skip("id made twice", f"{self.made[rid]} also has the id {rid!r}; give the rows "
                                                "different ids")
        if rid in self.made:
            stem = rid[:nr.ID_MAX - 4]
            twin = next(f"{stem}-{n}" for n in range(2, 10_000)
                        if f"{stem}-{n}" not in self.made and f"{stem}-{n}" not in self.taken)
            conv.note("", f"{self.made[rid]} has the same name, so this record's id is {twin!r}: check whether the "
                          "two rows are the same partnership")
            rid = data["id"] = result.record_id = twin
        self.made[rid] = result.where or f"row {rownum}"
        body = conv.body_text()
        existing = self.taken.get(rid)
        if existing and not self.update:
            result.path = existing.as_posix()
            return result.skip("already on the register", f"{existing.as_posix()}; use --update to update it")
        if existing:
            return self._update(result, conv, {k: v for k, v in data.items() if k not in defaulted}, body, existing)
        directorate = data.get("directorate")
        target = nr.record_folder(self.folder, directorate if isinstance(directorate, str) else None) / f"{rid}.md"
        result.path = target.as_posix()
        if missing:
            return result.skip("a required field is missing or unusable", ", ".join(missing))
        problems = self._make_valid(conv, data, body, result.path)
        if problems:
            conv.issues.extend(conv.issue_for(p) for p in problems)
            return result.skip("not valid", "see the problems above")
        if conv.errors and self.drafts:
            return self._draft(result, conv, data, body, target)
        where = f"{self.source_name}, {result.where}" if result.where else self.source_name
        lines = [f"- {'could not be used: ' if i.severity == 'error' else ''}{i.bare()}" for i in conv.issues]
        header = f"Imported from {where}. Please check:\n" + "\n".join(lines) if lines else ""
        return self._write(result, "written", self.text(data, body, header), target)

    def _not_a_partnership(self, cells: list, columns, first: bool) -> str:
        """Why a row is not a partnership ('' when it may be one): a hint, a section heading or a footnote."""
        filled = [i for i, c in enumerate(cells) if c is not None and str(c).strip()]
        names = [i for i, _, col in columns if col.to == ("name",)]
        name = next((str(cells[i]).strip() for i in names if i < len(cells) and cells[i] is not None
                     and str(cells[i]).strip()), "")
        if not name:
            if first and names:
                return "it has no name: the template's guidance under the headings"
            if len(filled) == 1:
                return f"it has no name, only {str(cells[filled[0]]).strip()[:60]!r}: a heading or a note"
            return ""
        if len(filled) == 1 and looks_like_a_note(name):
            return f"{name[:60]!r} looks like a heading or a note, not a partnership's name"
        if len(filled) == 1 and name.isupper() and _SECTION_WORDS & set(words(name).split()):
            return f"{name[:60]!r} looks like a section heading (a directorate or service), not a partnership's name"
        if words(name) in ("total", "totals", "grand total", "sub total", "subtotal") or _TOTAL_ROW.match(words(name)):
            return f"{name!r} is a total row"
        repeated = [i for i, heading, _ in columns if i < len(cells) and cells[i] is not None and str(cells[i]).strip()
                    and words(str(cells[i])) and words(str(cells[i])) == words(heading)]
        if len(repeated) * 2 >= len(filled):
            return "it repeats the column headings"
        return ""

    def _make_valid(self, conv: RowConverter, data: dict, body: str, shown: str) -> list:
        """Leave out, one by one, whatever the loader still refuses (each said); the problems left, if any."""
        for _ in range(8):
            problems = self.problems(self.text(data, body), shown)
            if not problems:
                return []
            paths = sorted({_problem_path(p.field) for p in problems if p.field}, reverse=True)
            if not paths:
                return problems
            changed = False
            for p in problems:
                if not p.field:
                    continue
                conv.issues.append(conv.issue_for(p))
            for path in paths:
                dropped = _drop(data, path, self.mapping, self.schema)
                changed = changed or dropped
            if not changed:
                return problems
        return self.problems(self.text(data, body), shown)

    def _id(self, conv: RowConverter) -> str | None:
        data = conv.data
        rid = data.get("id")
        if isinstance(rid, str) and not ID_PATTERN.match(rid):
            fixed = slug(rid, nr.ID_MAX)
            conv.note(conv.sources.get(("id",), ""), f"{rid!r} is not a usable id; {fixed!r} is used instead")
            rid = fixed
        name = data.get("name")
        limit = nr.subschema(self.schema, "name").get("maxLength", 10**6)
        if isinstance(name, str) and len(name) > limit:
            cut = name[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–") or name[:limit]
            conv.note(conv.sources.get(("name",), ""), f"the name is longer than the {limit} characters a name may "
                                                       f"have, so it is cut to {cut!r}; the whole text is kept in "
                                                       "the record under '## Name as given'")
            conv.body.setdefault("Name as given", []).append(name)
            data["name"] = name = cut
        if not rid and isinstance(name, str):
            rid = slug(name, nr.ID_MAX)
            if not rid and name.strip():  # a name in another script ('Партнерство здоровья') has no id letters
                rid = f"partnership-row-{conv.row}"
                conv.note(conv.sources.get(("name",), ""), f"the name has no letters or digits an id can be made "
                                                           f"of (a-z, 0-9), so the id is {rid!r}: change it if you like")
        if rid:
            data["id"] = rid
        return rid or None

    def _draft(self, result: RowResult, conv: RowConverter, data: dict, body: str, target: Path) -> RowResult:
        draft = copy.deepcopy(data)
        was = draft.get("status")
        draft["status"] = "proposed"
        fix = [f"- {i.bare()}" for i in conv.issues]
        if was != "proposed" and ("status",) in conv.sources:
            fix.append(f"- the spreadsheet gives the status as {was!r}: set it once the rest is fixed")
        where = f"{self.source_name}, {result.where}" if result.where else self.source_name
        header = (f"DRAFT imported from {where}: the status stays proposed "
                  "until this is fixed.\nWhat could not be used (fix it, then delete these lines):\n" + "\n".join(fix))
        problems = self.problems(self.text(draft, body, header), result.path)
        if not problems:
            return self._write(result, "draft", self.text(draft, body, header), target)
        result.issues.extend(issue for issue in map(conv.issue_for, problems) if issue not in result.issues)
        return result.skip("not valid even as a draft")

    def _write(self, result: RowResult, action: str, text: str, path: Path) -> RowResult:
        if not self.dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
            except FileExistsError:
                return result.skip("already on the register", f"{path.as_posix()} exists")
        result.action = action
        return result

    def _update(self, result: RowResult, conv: RowConverter, data: dict, body: str, existing: Path) -> RowResult:
        shown = result.path = existing.as_posix()
        if conv.errors:
            return result.skip("values that could not be used",
                               f"{plural(len(conv.errors), 'value')}; the existing record is left as it is")
        record = read_record(existing, shown, self.schema_path)
        if record.problems:
            return result.skip("existing record not valid", f"run partnerships check on {shown} and fix it first")
        merged = _merge(record.data, data)
        new_body = record.body if record.body.strip() else body
        if dump(merged, self.schema) == dump(record.data, self.schema) and new_body.strip() == record.body.strip():
            result.action = "unchanged"
            return result
        text = self.text(merged, new_body)
        problems = self.problems(text, shown)
        if problems:
            conv.issues.extend(map(conv.issue_for, problems))
            return result.skip("update not valid", "the existing record is left as it is")
        if not self.dry_run:
            existing.write_text(text, encoding="utf-8", newline="\n")
        result.action = "updated"
        return result


def _problem_path(field: str) -> tuple:
    """('partners', 1, 'lead') from 'partners[1].lead'."""
    return tuple(int(i) if i else k for k, i in re.findall(r"([A-Za-z_][\w-]*)|\[(\d+)\]", field))


def _drop(data: dict, path: tuple, mapping: Mapping, schema: dict) -> bool:
    """Leave out the value at `path`, or the deepest group it is in that exists; a required field gets its
    fallback instead ('type' -> not-classified). True if anything changed."""
    node, trail = data, []
    for part in path:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) \
                and part < len(node):
            trail.append((node, part))
            node = node[part]
        else:
            break
    if not trail:
        return False
    parent, key = trail[-1]
    if len(trail) == 1 and key in REQUIRED:
        fallback = mapping.fallbacks.get(key)
        if key in ("type", "status") and fallback and parent.get(key) != fallback:
            parent[key] = fallback
            return True
        if key == "council_role" and fallback and parent.get(key) != [fallback]:
            parent[key] = [fallback]
            return True
        return False
    if isinstance(parent, list):
        parent.pop(key)
    else:
        del parent[key]
    for container, k in reversed(trail[:-1]):  # a group or list left empty goes too
        value = container[k]
        if value in ({}, []):
            if isinstance(container, list):
                container.pop(k)
            else:
                del container[k]
    return True
