"""One import: read the file, match its headings, turn each row into a record, validate it, write it.

A record is validated in memory by the loader `partnerships check` uses, as it would be found
at the path it is written to; only valid records are written (drafts too are valid records).
A record already on the register is left alone unless --update is given.
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
from .mapping import Column, Mapping, load_mapping, match_heading
from .read import read_table
from .report import ImportReport, Issue, RowResult

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_HINTS = {
    "name": "every record needs the partnership's name",
    "type": "add a column such as 'Type of partnership', or set defaults: type: in a mapping file",
    "council_role": "add a column such as 'Role of the Council', or set defaults: council_role: in a mapping file",
    "status": "add a 'Status' column, or set defaults: status: in a mapping file",
}
REQUIRED = tuple(REQUIRED_HINTS)


def import_register(source, folder="records", mapping_path=None, *, update: bool = False, drafts: bool = False,
                    dry_run: bool = False, sheet: str | None = None, schema_path=None) -> ImportReport:
    """Read a spreadsheet register and write one record per usable row; never raises for bad rows.

    Raises `MappingError` for an unusable mapping file and `UnreadableFile` for an unreadable
    spreadsheet; everything about rows and values is in the returned report.
    """
    schema_path = str(schema_path) if schema_path else None
    schema = nr.load_schema(schema_path)
    mapping = load_mapping(mapping_path, schema)
    source = Path(source)
    table = read_table(source, sheet, lambda heading: match_heading(heading, mapping, schema) is not None)
    report = ImportReport(source.name, dry_run, issues=list(table.notes))
    columns = _columns(table.headings, mapping, schema, report)
    run = _Run(Path(folder), mapping, schema, schema_path, update, drafts, dry_run, source.name)
    report.rows = [run.row(rownum, cells, columns) for rownum, cells in table.rows]
    return report


def _columns(headings: list[str], mapping: Mapping, schema: dict, report: ImportReport):
    """(index, heading, mapping entry) for each column read; notes in the report on the others."""
    columns: list[tuple[int, str, Column]] = []
    computed: list[str] = []
    for index, heading in enumerate(headings):
        if not heading:
            continue
        if heading.lower().startswith("computed."):
            computed.append(heading)
            continue
        col = match_heading(heading, mapping, schema)
        if col is None or col.how == "unsupported":
            report.unused_columns.append(heading)
            report.issues.append(Issue(0, heading, "is not used: no record field matches this heading "
                                                   "(map it in a file given with --mapping)", "note"))
            continue
        report.columns[heading] = col.describe()
        columns.append((index, heading, col))
    if computed:
        report.issues.append(Issue(0, "", f"{len(computed)} computed.* column{'s are' if len(computed) != 1 else ' is'} "
                                          "not read: the register works those out from the record", "note"))
    given = {t.split(".")[0].split("[")[0] for _, _, c in columns for t in c.to}
    for key in REQUIRED:
        if key not in given and key in mapping.defaults:
            report.issues.append(Issue(0, "", f"no column gives {key}; every new record gets {key}: "
                                              f"{mapping.defaults[key]!r} from the mapping's defaults", "note"))
    return columns


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

    def row(self, rownum: int, cells: list, columns) -> RowResult:
        conv = RowConverter(rownum, self.mapping, self.schema)
        for index, heading, col in columns:
            conv.read(col, heading, cells[index] if index < len(cells) else None)
        conv.finish()
        data = conv.data
        defaulted = {k for k in self.mapping.defaults if k not in data}
        for key in defaulted:
            data[key] = copy.deepcopy(self.mapping.defaults[key])
        rid = self._id(conv)
        missing = [k for k in REQUIRED if k not in data]
        for key in missing:
            if key not in conv.unusable:
                conv.error("", f"no {nr.subschema(self.schema, key).get('title', key).lower()}: "
                               f"{REQUIRED_HINTS[key]}")
        result = RowResult(rownum, rid, "skipped", issues=conv.issues)
        if not rid:
            return result.skip("no name to make an id from")
        if rid in self.made:
            return result.skip("id made twice", f"row {self.made[rid]} also makes {rid!r}; give the rows different "
                                                "names or an id column")
        self.made[rid] = rownum
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
        notes = [f"- {i.bare()}" for i in conv.issues if i.severity == "note"]
        conv.issues.extend(conv.issue_for(p) for p in self.problems(self.text(data, body), result.path))
        if not conv.errors:
            header = f"Imported from {self.source_name}, row {rownum}. Please check:\n" + "\n".join(notes) \
                if notes else ""
            return self._write(result, "written", self.text(data, body, header), target)
        if not self.drafts:
            return result.skip("values that could not be used",
                               f"{plural(len(conv.errors), 'value')}; fix the spreadsheet, or add --drafts to write "
                               "it as a draft that lists what to fix")
        return self._draft(result, conv, data, body, target)

    def _id(self, conv: RowConverter) -> str | None:
        data = conv.data
        rid = data.get("id")
        if isinstance(rid, str) and not ID_PATTERN.match(rid):
            fixed = slug(rid, nr.ID_MAX)
            conv.note(conv.sources.get(("id",), ""), f"{rid!r} is not a usable id; {fixed!r} is used instead")
            rid = fixed
        if not rid and isinstance(data.get("name"), str):
            rid = slug(data["name"], nr.ID_MAX)
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
        header = (f"DRAFT imported from {self.source_name}, row {result.row}: the status stays proposed "
                  "until this is fixed.\nWhat could not be used (fix it, then delete these lines):\n" + "\n".join(fix))
        problems = []
        for _ in range(3):  # leave out whatever still stops the record being valid, then try again
            text = self.text(draft, body, header)
            problems = self.problems(text, result.path)
            if not problems:
                return self._write(result, "draft", text, target)
            dropped = {re.split(r"[.\[]", p.field)[0] for p in problems if p.field} - set(REQUIRED) - {"id"}
            if not dropped:
                break
            for key in dropped:
                draft.pop(key, None)
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
