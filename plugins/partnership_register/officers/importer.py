"""Turn an existing spreadsheet register (CSV or XLSX) into records.

A mapping (data/import-mapping.yml, extended with --mapping) says which column headings fill
which fields and which words mean which allowed value; a column headed with a field's own
path (`sponsoring_officer.name`, `documents.exit_strategy.state`, `partners.name`) maps to
it without any mapping, so the register's own CSV download imports back. Every value is read
tolerantly (council date formats, £25k, yes/no, 'Joint Committee'), every value that cannot
be used is reported by row and column, and every record is validated by the project's own
loader before it is written. Nothing here imports MkDocs or click.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import fnmatch
import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..downloads.table import restore
from ..load.loader import read_record
from ..load.yamlsource import parse as parse_yaml
from . import new as nr
from .yamlwrite import comment, dump, front_matter

DEFAULT_MAPPING = Path(__file__).resolve().parents[1] / "data" / "import-mapping.yml"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_HINTS = {
    "name": "every record needs the partnership's name",
    "type": "add a column such as 'Type of partnership', or set defaults: type: in a mapping file",
    "council_role": "add a column such as 'Role of the Council', or set defaults: council_role: in a mapping file",
    "status": "add a 'Status' column, or set defaults: status: in a mapping file",
}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the line."""


class ImportError_(ValueError):
    """A spreadsheet that cannot be read at all."""


# --- Issues and the report ---------------------------------------------------------------------

@dataclass(frozen=True)
class Issue:
    """Something the import could not use (error) or wants checked (note), by row and column."""

    row: int  # the spreadsheet's own row number; 0 for the file as a whole
    column: str  # the heading as written in the file; '' for the row as a whole
    message: str
    severity: str = "error"

    def text(self) -> str:
        where = f"row {self.row}: " if self.row else ""
        note = "note: " if self.severity == "note" else ""
        col = f"column '{self.column}': " if self.column else ""
        return f"{where}{note}{col}{self.message}"


@dataclass
class RowResult:
    """What happened to one row."""

    row: int
    record_id: str | None
    action: str  # written | updated | unchanged | draft | skipped
    path: str | None = None
    reason: str = ""
    issues: list[Issue] = field(default_factory=list)


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # heading -> where it goes
    unused_columns: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # about the file or its columns
    rows: list[RowResult] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "skipped"]

    def lines(self) -> list[str]:
        out = [i.text() for i in self.issues]
        verbs = {"written": "written", "updated": "updated", "unchanged": "unchanged, already up to date",
                 "draft": "written as a draft"}
        for r in self.rows:
            out.extend(i.text() for i in r.issues)
            if r.action == "skipped":
                out.append(f"row {r.row}: not written: {r.reason}")
            else:
                verb = verbs[r.action]
                if self.dry_run and r.action != "unchanged":
                    verb = "would be " + verb
                out.append(f"row {r.row}: {verb}: {r.path}")
        out.append(self.summary())
        return out

    def summary(self) -> str:
        parts = [f"{self.count('written')} written", f"{self.count('updated')} updated"]
        if self.count("draft"):
            parts.append(f"{self.count('draft')} written as drafts")
        if self.count("unchanged"):
            parts.append(f"{self.count('unchanged')} unchanged")
        reasons: dict[str, int] = {}
        for r in self.skipped:
            key = r.reason.split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1
        skipped = f"{len(self.skipped)} skipped"
        if reasons:
            skipped += " (" + "; ".join(f"{n}: {why}" for why, n in reasons.items()) + ")"
        parts.append(skipped)
        head = "Dry run, so nothing was written. It would be: " if self.dry_run else ""
        return f"{head}{', '.join(parts)}."


# --- The mapping -------------------------------------------------------------------------------------

@dataclass
class Column:
    """One mapping entry: the headings it matches and where their values go."""

    to: tuple[str, ...]
    how: str
    headings: tuple[str, ...] = ()
    section: str = ""
    kind: str = ""
    lead: bool = False
    index: int = -1  # for `partners[2].name`: the item (from 0) the column fills

    def describe(self) -> str:
        if self.how == "body":
            return f"the text, under '## {self.section}'"
        return ", ".join(self.to)


@dataclass
class Mapping:
    own: list[Column]  # from --mapping: tried first
    default: list[Column]  # from the shipped mapping: tried after field paths
    values: dict[str, dict[str, str]]
    defaults: dict
    empty: set[str]
    council: set[str]
    sector_words: dict[str, list[str]]
    paths: dict[str, str] | None = None  # headings that are field paths, for the schema in use

    def synonyms(self, field_path: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for pattern, words in self.values.items():
            if fnmatch.fnmatchcase(field_path, pattern):
                out.update(words)
        return out

    def is_empty(self, text: str) -> bool:
        return norm(text) in self.empty

    def guess_sector(self, name: str) -> str | None:
        """A partner's sector from words in its name ('Northshire Police' → police-fire), or None."""
        words = f" {norm(name)} "
        for sector, terms in self.sector_words.items():
            if any(f" {norm(t)} " in words for t in terms):
                return sector
        return None


def norm(text) -> str:
    """'role of the council' from 'Role of the Council:' — case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9*]+", " ", text).split())


def _words(text) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", norm(text)).split())


def _read_yaml_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    data, _, issues = parse_yaml(text)
    if issues:
        i = issues[0]
        raise MappingError(f"{path}:{i.line}:{i.column}: {i.message}")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MappingError(f"{path}: a mapping file holds 'columns:', 'values:' and 'defaults:' sections")
    return data


def _columns(raw, path: Path, schema: dict) -> list[Column]:
    out = []
    for n, entry in enumerate(raw or [], 1):
        where = f"{path}: columns entry {n}"
        if not isinstance(entry, dict) or "to" not in entry or not entry.get("headings"):
            raise MappingError(f"{where}: each entry needs 'to:' and 'headings:'")
        to = entry["to"]
        to = tuple(canonical_path(str(t), schema) for t in (to if isinstance(to, list) else [to]))
        how = str(entry.get("as") or ("body" if to == ("body",) else reader_for(to[0], schema)))
        if how not in READERS:
            raise MappingError(f"{where}: cannot read values into {', '.join(to)}"
                               + (f" as {entry['as']!r}" if entry.get("as") else ""))
        if how == "body" and not entry.get("section"):
            raise MappingError(f"{where}: 'to: body' needs a 'section:' heading")
        headings = entry["headings"]
        headings = tuple(str(h) for h in (headings if isinstance(headings, list) else [headings]))
        out.append(Column(to, how, headings, str(entry.get("section") or ""), str(entry.get("kind") or ""),
                          entry.get("lead") is True))
    return out


def load_mapping(path=None, schema: dict | None = None) -> Mapping:
    """The shipped mapping, extended (or replaced, with `replace: true`) by the file at `path`."""
    schema = schema or nr.load_schema()
    base = _read_yaml_file(DEFAULT_MAPPING)
    own = _read_yaml_file(Path(path)) if path else {}
    if own.get("replace") is True:
        base = {}
    values: dict[str, dict[str, str]] = {}
    for src in (base, own):
        for fieldpath, words in (src.get("values") or {}).items():
            bucket = values.setdefault(str(fieldpath), {})
            for word, value in (words or {}).items():
                bucket[_words(word)] = str(value)
    defaults = {**(base.get("defaults") or {}), **(own.get("defaults") or {})}
    empty = {norm(e) for e in [*(base.get("empty") or []), *(own.get("empty") or [])]}
    council = {norm(c) for c in [*(base.get("council") or []), *(own.get("council") or [])]}
    sectors = dict(base.get("sector_words") or {})
    sectors.update(own.get("sector_words") or {})
    return Mapping(_columns(own.get("columns"), Path(path), schema) if path else [],
                   _columns(base.get("columns"), DEFAULT_MAPPING, schema),
                   values, defaults, empty, council, sectors, _field_paths(schema))


@lru_cache(maxsize=1)
def default_mapping() -> Mapping:
    return load_mapping()


def canonical_path(path: str, schema: dict) -> str:
    """`partners[].name` for `partners.name`: '[]' after each list of groups the path goes through."""
    node, out = schema, []
    parts = path.replace("[]", "").split(".")
    for i, part in enumerate(parts):
        node = node.get("properties", {}).get(part, {})
        if node.get("type") == "array" and i < len(parts) - 1:
            node = node.get("items", {})
            part += "[]"
        out.append(part)
    return ".".join(out)


def reader_for(path: str, schema: dict) -> str:
    """How a value for the field at `path` is read, from the schema's type (or 'unsupported').

    A path through a list of groups (`partners[].name`) is read 'positional': the cell holds one
    value per item, separated by '; ', and the n-th values of such columns make the n-th item.
    """
    node = nr.subschema(schema, path)
    if not node or path.endswith("[]"):
        return "unsupported"
    if "[]" in path:
        return "positional" if path.count("[]") == 1 and _node_reader(node, path) in LEAF_READERS else "unsupported"
    return _node_reader(node, path)


def _node_reader(node: dict, path: str) -> str:
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        if "state" in props:
            return "document"
        if "name" in props and "job_title" in props:
            return "person"
        return "unsupported"
    if kind == "array":
        items = node.get("items", {})
        if "enum" in items:
            return "enum-list"
        if items.get("type") == "string":
            return "text-list"
        return {"partners": "partners", "representatives": "representatives", "money": "money",
                "officer_time": "officer-time"}.get(path, "json-list")
    if "enum" in node:
        return "enum"
    if node.get("format") == "date":
        return "date"
    if node.get("format") == "uri":
        return "url"
    return {"integer": "integer", "number": "number", "boolean": "boolean", "string": "text"}.get(kind, "unsupported")


def _field_paths(schema: dict) -> dict[str, str]:
    """Column headings that are field paths: `sponsoring_officer.name`, `partners.name`, 'start date'."""
    out: dict[str, str] = {}
    for info in nr.schema_mod.iter_fields(schema):
        if reader_for(info.path, schema) == "unsupported":
            continue
        for variant in (info.path, info.path.replace("[]", "")):
            out.setdefault(variant.lower(), info.path)
            out.setdefault(norm(variant.replace("_", " ")), info.path)
    return out


_INDEXED = re.compile(r"^([a-z_]+)(?:\[(\d+)\]|\.(\d+))\.([a-z_.]+)$")


def match_heading(heading: str, mapping: Mapping, schema: dict) -> Column | None:
    """The mapping entry for a column heading: the officer's mapping, then field paths, then the default."""
    key = norm(heading)
    if not key:
        return None

    def find(columns):
        for exact in (True, False):
            for col in columns:
                for h in col.headings:
                    if exact and "*" not in h and norm(h) == key:
                        return col
                    if not exact and "*" in h and fnmatch.fnmatchcase(key, " ".join(norm(h).split())):
                        return col
        return None

    found = find(mapping.own)
    if found:
        return found
    m = _INDEXED.match(heading.strip())
    if m:
        path = canonical_path(f"{m.group(1)}.{m.group(4)}", schema)
        if reader_for(path, schema) == "positional":
            return Column((path,), "indexed", (heading,), index=int(m.group(2) or m.group(3)))
    paths = mapping.paths if mapping.paths is not None else _field_paths(schema)
    path = paths.get(heading.strip().lower()) or paths.get(key)
    if path:
        how = reader_for(path, schema)
        return Column((path,), how, (heading,))
    return find(mapping.default)


# --- Reading the spreadsheet --------------------------------------------------------------------

@dataclass
class Table:
    headings: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (spreadsheet row number, cell values)


def read_table(path, sheet: str | None = None, mapping: Mapping | None = None,
               schema: dict | None = None) -> Table:
    """The heading row and the data rows of a CSV (UTF-8, with or without BOM) or XLSX file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _xlsx_rows(path, sheet)
    elif suffix in (".csv", ".txt"):
        raw = _csv_rows(path)
    else:
        raise ImportError_(f"{path.name}: only .csv and .xlsx files can be imported")
    mapping = mapping or default_mapping()
    schema = schema or nr.load_schema()
    header_index = 0
    for i, (_, cells) in enumerate(raw[:10]):
        if sum(1 for c in cells if c is not None and match_heading(str(c), mapping, schema)) >= 2:
            header_index = i
            break
    else:
        header_index = next((i for i, (_, cells) in enumerate(raw) if any(_present(c) for c in cells)), 0)
    if not raw:
        raise ImportError_(f"{path.name}: the file is empty")
    header_row, header_cells = raw[header_index]
    headings = [("" if c is None else str(c)).strip() for c in header_cells]
    rows = [(n, list(cells) + [None] * (len(headings) - len(cells)))
            for n, cells in raw[header_index + 1:] if any(_present(c) for c in cells)]
    return Table(headings, header_row, rows)


def _present(value) -> bool:
    return value is not None and str(value).strip() != ""


def _csv_rows(path: Path) -> list[tuple[int, list]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("cp1252", errors="replace")
    except OSError as exc:
        raise ImportError_(f"{path.name}: cannot be read: {exc.strerror or exc}") from exc
    lines = text.splitlines(keepends=True)

    def fields(delimiter: str) -> int:  # how many cells the first non-empty row has with this delimiter
        rows = csv.reader(lines, delimiter=delimiter)
        return next((len(row) for row in rows if any(c.strip() for c in row)), 0)

    delimiter = max((",", ";", "\t"), key=fields)  # cells often hold '; ' lists: count, never sniff
    return [(n, row) for n, row in enumerate(csv.reader(lines, delimiter=delimiter), 1)]


def _xlsx_rows(path: Path, sheet: str | None) -> list[tuple[int, list]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportError_(f"{path.name}: cannot be read as an Excel workbook ({exc})") from exc
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise ImportError_(f"{path.name}: no sheet named {sheet!r}; it has {', '.join(book.sheetnames)}")
            ws = book[sheet]
        else:
            ws = book.active
        return [(n, list(row)) for n, row in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        book.close()


# --- Values -------------------------------------------------------------------------------------------

MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for m in names}
EXCEL_EPOCH = dt.date(1899, 12, 30)


class Unusable(ValueError):
    """A value that is there but cannot be used; the message says why."""


def parse_date(value) -> dt.date:
    """A date from a council spreadsheet: ISO, 31/03/2025, 31 March 2025, 31-Mar-25, Excel dates."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise Unusable(f"{value!r} is not a date")
    text = " ".join(str(value).split())
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):  # an Excel serial date that arrived as text
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    day = month = year = None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    m = m or re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})", text)
    if m and day is None:
        day, month, year = (int(g) for g in m.groups())
    if not m:
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]+)\.?,?[\s\-/]+(\d{4}|\d{2})", text)
        if m:
            day, month, year = int(m.group(1)), MONTHS.get(m.group(2).lower()), int(m.group(3))
        else:
            m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
            if m:
                day, month, year = int(m.group(2)), MONTHS.get(m.group(1).lower()), int(m.group(3))
        if m and month is None:
            raise Unusable(f"{text!r} is not a date: {m.group(2) if m.group(2).isalpha() else m.group(1)!r} "
                           "is not a month")
    if not m:
        raise Unusable(f"{text!r} is not a date the import understands; write it as 31/03/2025 or 2025-03-31")
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unusable(f"{text!r} is not a real date") from None


_AMOUNT = re.compile(r"(?<![\w.])£?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k|m|bn|million|thousand|billion)?(?![a-z])",
                     re.IGNORECASE)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def parse_amount(value) -> int | float:
    """A number from '£25,000', '25k', '£1.2m', '2 million' or a numeric cell."""
    if isinstance(value, bool):
        raise Unusable(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        return _tidy(value)
    text = str(value).strip()
    m = _AMOUNT.search(text)
    if not m or re.sub(r"[£\s]", "", text[: m.start()]) not in ("", "-"):
        raise Unusable(f"{text!r} is not a number")
    digits = m.group(1).replace(",", "")
    number = float(digits) * _SCALE.get((m.group(2) or "").lower(), 1)
    return _tidy(-number if text.lstrip().startswith("-") else number)


def _tidy(number):
    number = round(float(number), 2)
    return int(number) if number == int(number) else number


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = norm(value)
    if key in ("yes", "y", "true", "t", "1", "x", "ticked"):
        return True
    if key in ("no", "n", "false", "f", "0"):
        return False
    raise Unusable(f"{str(value).strip()!r} is not yes or no")


def cell_text(value) -> str:
    """A cell as text: whole numbers without '.0', dates as YYYY-MM-DD, line endings tidied."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(_tidy(value))
    text = restore(str(value))  # the register's downloads put a ' before text a spreadsheet would run
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def json_items(text: str) -> list[dict] | None:
    """A list of groups written as JSON (as the register's downloads hold them), or None."""
    if not text.lstrip().startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else None


def split_list(text: str, commas: bool = False) -> list[str]:
    """Items separated by ';' or new lines (and by commas when nothing else separates them)."""
    parts = re.split(r"[;\n]", text)
    if commas and len([p for p in parts if p.strip()]) == 1:
        parts = parts[0].split(",")
    out = []
    for part in parts:
        part = re.sub(r"^\s*(?:[-•*·–]|\d+[.)])\s+", "", part).strip().strip(",").strip()
        if part:
            out.append(part)
    return out


def find_values(text: str, choices, synonyms: dict[str, str], taken: set[int] | None = None) -> list[str]:
    """The allowed values named in free text, longest phrase first ('non-statutory' before 'statutory')."""
    tokens = _words(text).split()
    phrases: dict[tuple, str] = {}
    for choice in choices:
        phrases[tuple(_words(choice).split())] = choice
    for word, value in synonyms.items():
        if value in choices:
            phrases.setdefault(tuple(word.split()), value)
    longest = max((len(p) for p in phrases), default=0)
    taken = taken if taken is not None else set()
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            span = set(range(i, i + size))
            if span & taken:
                continue
            value = phrases.get(tuple(tokens[i:i + size]))
            if value:
                found.append(value)
                taken |= span
                i += size - 1
                break
        i += 1
    return list(dict.fromkeys(found))


_FILLER = {"and", "or", "the", "of", "a", "an", "for", "in", "with", "plus", "by", "to", "some", "also", "etc"}
_LABELLED_YES_NO = re.compile(r"([A-Za-z][A-Za-z '\-/]*?)\s*[:=-]\s*(yes|no|y|n)\b", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PAREN = re.compile(r"\(([^()]*)\)\s*$")
_DAYS = re.compile(r"(\d+(?:\.\d+)?|half(?: a)?)\s*(days?|d|hours?|hrs?|h)\s*(?:(?:per|a|an|each|every|/)\s*)?"
                   r"(month|mth|week|wk|year|yr|annum|fortnight)", re.IGNORECASE)


# --- Converting one row --------------------------------------------------------------------------------

class RowConverter:
    """Reads one row's cells into record data, body sections and issues."""

    def __init__(self, row: int, mapping: Mapping, schema: dict):
        self.row = row
        self.mapping = mapping
        self.schema = schema
        self.data: dict = {}
        self.body: dict[str, list[str]] = {}
        self.positional: dict[str, dict[int, dict]] = {}
        self.sources: dict[tuple, str] = {}
        self.issues: list[Issue] = []
        self.unusable: set[str] = set()  # top-level fields a column gave but could not be read

    # reporting
    def error(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "error"))

    def note(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "note"))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    # putting values
    def put(self, path: tuple, value, heading: str) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        key = path[-1]
        if key in node and node[key] != value:
            if isinstance(node[key], list) and isinstance(value, list):
                node[key] = list(dict.fromkeys([*node[key], *value])) if all(
                    isinstance(v, str) for v in [*node[key], *value]) else [*node[key], *value]
                return
            self.note(heading, f"{'.'.join(path)} was already given by column '{self.sources.get(path, '?')}'; "
                               f"that value is kept and {cell_text(value)!r} is not used")
            return
        node[key] = value
        self.sources.setdefault(path, heading)

    def title(self, field_path: str) -> str:
        return nr.subschema(self.schema, field_path).get("title", field_path)

    # leaf values ------------------------------------------------------------------------------
    def enum(self, text: str, field_path: str, heading: str):
        choices = nr.enum_values(self.schema, field_path)
        synonyms = self.mapping.synonyms(field_path)
        value = nr.match_choice(text, choices, synonyms)
        if value is None:
            found = find_values(text, choices, synonyms)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise Unusable(f"{text!r} names more than one {self.title(field_path).lower()}: {', '.join(found)}")
            close = difflib.get_close_matches(nr.slugify(text, 1000), choices, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise Unusable(f"{text!r} is not a known {self.title(field_path).lower()}{hint}; "
                           f"use one of: {', '.join(choices)}")
        return value

    def leaf(self, how: str, raw, field_path: str, heading: str):
        """One value for a simple field, or raises Unusable."""
        text = cell_text(raw)
        if how == "date":
            return parse_date(raw if not isinstance(raw, str) else text)
        if how == "enum":
            return self.enum(text, field_path, heading)
        if how == "boolean":
            return parse_bool(raw)
        if how in ("number", "integer"):
            number = parse_amount(raw)
            if how == "integer" and not isinstance(number, int):
                raise Unusable(f"{text!r} is not a whole number")
            return number
        if how == "url":
            url = text.strip()
            if re.match(r"(?i)^www\.", url):
                self.note(heading, f"{url!r} has no https:// in front; it was added")
                url = "https://" + url
            if not re.match(r"(?i)^https?://\S+$", url):
                raise Unusable(f"{text!r} is not a web address (it must start https://)")
            return url
        if how == "text-list":
            return split_list(text)
        if how == "enum-list":
            return self.enum_list(raw, field_path, heading)
        node = nr.subschema(self.schema, field_path)
        return " ".join(text.split()) if node.get("maxLength", 10_000) <= 400 or node.get("pattern") else text

    def enum_list(self, raw, field_path: str, heading: str) -> list[str]:
        text = cell_text(raw)
        choices = nr.enum_values(self.schema, field_path)
        synonyms = self.mapping.synonyms(field_path)
        wanted: list[str] = []
        for m in _LABELLED_YES_NO.finditer(text):  # "Lead Member: Yes  Representative: No"
            if m.group(2).lower().startswith("y"):
                wanted.append(m.group(1))
        rest = _LABELLED_YES_NO.sub(" ", text)
        tokens = wanted + re.split(r"[;,/\n()]", rest)
        out, unknown = [], []
        for token in tokens:
            token = re.sub(r"^\s*(?:other|please describe)\b[^:]*:?", "", token.strip(), flags=re.IGNORECASE).strip()
            if not token or self.mapping.is_empty(token):
                continue
            value = nr.match_choice(token, choices, synonyms)
            if value is not None:
                out.append(value)
                continue
            taken: set[int] = set()  # 'office accommodation and admin support': two values in one phrase
            found = find_values(token, choices, synonyms, taken)
            words = _words(token).split()
            left = [w for i, w in enumerate(words) if i not in taken and w not in _FILLER]
            out.extend(found)
            if not found or left:
                unknown.append(" ".join(left) if found else token)
        if unknown:
            raise Unusable(f"{', '.join(repr(u) for u in unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                           f"a known {self.title(field_path).lower()}; use: {', '.join(choices)}")
        return list(dict.fromkeys(out))

    def blank(self, text: str, field_path: str) -> bool:
        """True for cell text meaning 'nothing here' ('-', 'n/a', 'tbc'), unless it is an allowed value."""
        if not self.mapping.is_empty(text):
            return False
        choices = nr.enum_values(self.schema, field_path) if "." in field_path or field_path in \
            self.schema.get("properties", {}) else []
        return nr.match_choice(text, choices) is None

    # reading a cell --------------------------------------------------------------------------------
    def read(self, col: Column, heading: str, raw) -> None:
        text = cell_text(raw)
        if not text:
            return
        if col.how not in ("document", "boolean") and self.blank(text, col.to[0]):
            return
        if col.how in GROUP_LISTS:
            items = json_items(text)
            if items is not None:
                if col.to[0] == "partners":
                    self._add_partners(items)
                elif items and "." in col.to[0]:  # a list of groups inside a group (ending.informed)
                    self.put(tuple(col.to[0].split(".")), items, heading)
                elif items:
                    self.data.setdefault(col.to[0], []).extend(items)
                self.sources.setdefault((col.to[0],), heading)
                return
        try:
            READERS[col.how](self, col, heading, raw, text)
        except Unusable as exc:
            self.error(heading, str(exc))
            self.unusable.update(t.split(".")[0].split("[")[0] for t in col.to)

    def read_leaf(self, col, heading, raw, text):
        path = col.to[0]
        self.put(tuple(path.split(".")), self.leaf(col.how, raw, path, heading), heading)

    def read_positional(self, col, heading, raw, text):
        path = col.to[0]
        array, _, sub = path.partition("[].")
        items = [raw] if not isinstance(raw, str) else [p.strip() for p in text.split(";")]
        how = _node_reader(nr.subschema(self.schema, path), path)
        for index, item in enumerate(items):
            if item in ("", None) or (isinstance(item, str) and self.blank(item, path)):
                continue
            try:
                value = self.leaf(how, item, path, heading)
            except Unusable as exc:
                self.error(heading, f"item {index + 1}: {exc}")
                continue
            self.positional.setdefault(array, {}).setdefault(index, {})[sub] = value
            self.sources.setdefault((array,), heading)

    def read_indexed(self, col, heading, raw, text):
        path = col.to[0]
        array, _, sub = path.partition("[].")
        how = _node_reader(nr.subschema(self.schema, path), path)
        self.positional.setdefault(array, {}).setdefault(col.index, {})[sub] = self.leaf(how, raw, path, heading)
        self.sources.setdefault((array,), heading)

    def read_person(self, col, heading, raw, text):
        people = split_list(text)
        if len(people) > 1:
            self.note(heading, f"names more than one person; only {people[0]!r} is used")
        person = people[0]
        found = {}
        email = _EMAIL.search(person)
        if email:
            found["email"] = email.group(0)
            person = (person[: email.start()] + person[email.end():]).strip(" ,;()<>-")
        m = _PAREN.search(person)
        if m:
            name, title = person[: m.start()].strip(), m.group(1).strip()
        else:
            parts = re.split(r",|\s[-–]\s", person, maxsplit=1)
            name, title = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
        if not name:
            raise Unusable(f"{text!r} does not give a name")
        found = {"name": name, **({"job_title": title} if title else {}), **found}
        self.put((col.to[0],), found, heading)

    def read_document(self, col, heading, raw, text):
        key = col.to[0]
        states = nr.enum_values(self.schema, f"{key}.state")
        synonyms = self.mapping.synonyms(f"{key}.state")
        url = _URL.search(text)
        rest = (text[: url.start()] + text[url.end():]).strip() if url else text
        state = None
        m = re.match(r"^\s*([A-Za-z/ .\-]+?)\s*(?:[,.;:\-–(]|$)(.*)$", rest, re.DOTALL)
        detail = rest
        if m:
            lead_words = _words(m.group(1))
            for size in range(len(lead_words.split()), 0, -1):
                words = " ".join(lead_words.split()[:size])
                value = nr.match_choice(words, states, synonyms)
                if value:
                    state = value
                    detail = (" ".join(m.group(1).split()[size:]) + " " + m.group(2)).strip(" ,.;:-–()")
                    break
        if state is None and url:  # a link alone says the document exists
            state, detail = "in-place", rest.strip(" ,.;:-–()")
        if state is None:
            section = nr.subschema(self.schema, key).get("title", heading)
            self.body.setdefault(section, []).append(text)
            self.note(heading, f"does not say whether the {section.lower()} is in place (yes, no or n/a); "
                               f"the text is kept in the record under '## {section}'")
            return
        doc = {"state": state}
        if url:
            link = url.group(0).rstrip(".,;")
            doc["link"] = link if link.lower().startswith("http") else "https://" + link
        if detail:
            doc["reason" if state != "in-place" else "note"] = detail
        elif state == "not-applicable":
            doc["reason"] = f"Marked {text.strip()!r} in the imported register"
        self.put(tuple(key.split(".")), doc, heading)

    def read_partners(self, col, heading, raw, text):
        sectors = nr.enum_values(self.schema, "partners[].sector")
        sector_words = self.mapping.synonyms("partners[].sector")
        partners = []
        for item in split_list(text, commas=True):
            lead = col.lead
            accountable = False
            m = re.match(r"(?i)^\s*(lead(?: organisation| partner| body| agency)?|led by)\s*[:\-–]\s*(.+)$", item)
            if m:
                lead, item = True, m.group(2)
            sector = None
            p = _PAREN.search(item)
            if p:
                for part in re.split(r"[,;/]", p.group(1)):
                    w = _words(part)
                    if w in ("lead", "lead partner", "lead organisation", "lead body", "leads", "lead agency"):
                        lead = True
                    elif w in ("accountable body", "accountable"):
                        accountable = True
                    elif nr.match_choice(part, sectors, sector_words):
                        sector = nr.match_choice(part, sectors, sector_words)
                item = item[: p.start()].strip()
            name = " ".join(item.split()).strip(" ,.-")
            if not name:
                continue
            if norm(name) in self.mapping.council:
                if lead:
                    self.put(("council_role",), ["lead"], heading)
                continue
            if not sector:
                sector = self.mapping.guess_sector(name)
                if not sector:
                    sector = "other"
                    self.note(heading, f"the sector of {name!r} is not known; it is set to other, so check it")
            partner = {"name": name, "sector": sector}
            if lead:
                partner["lead"] = True
            if accountable:
                partner["accountable_body"] = True
            partners.append(partner)
        self._add_partners(partners)
        self.sources.setdefault(("partners",), heading)

    def _add_partners(self, partners: list[dict]) -> None:
        current = self.data.setdefault("partners", [])
        for partner in partners:
            same = next((p for p in current if norm(p["name"]) == norm(partner["name"])), None)
            if same:
                for flag in ("lead", "accountable_body"):
                    if partner.get(flag):
                        same[flag] = True
            else:
                current.append(partner)

    def read_representatives(self, col, heading, raw, text):
        kinds = nr.enum_values(self.schema, "representatives[].kind")
        kind_words = self.mapping.synonyms("representatives[].kind")
        out = []
        for segment in re.split(r"[;\n]", text):
            kind = col.kind or None
            m = re.match(r"(?i)^\s*(councillors?|elected members?|members?|officers?|staff)\s*(?:[-–(]\s*)?"
                         r"(?:\d+|how many and who)?\s*\)?\s*:\s*(.*)$", segment)
            if m:
                kind = "councillor" if not m.group(1).lower().startswith(("officer", "staff")) else "officer"
                segment = m.group(2)
            for item in re.split(r",|\s+and\s+", segment):
                item = item.strip(" .")
                if not item or re.fullmatch(r"\d+|how many and who|none", item, re.IGNORECASE):
                    continue
                p = _PAREN.search(item)
                role = ""
                if p:
                    item, role = item[: p.start()].strip(), p.group(1).strip()
                who = kind
                if re.match(r"(?i)^(cllr|councillor)\b", item):
                    who = "councillor"
                if role and nr.match_choice(role, kinds, kind_words):
                    who, role = nr.match_choice(role, kinds, kind_words), ""
                rep = {"name": item, "kind": who or "officer"}
                sub = re.match(r"(?i)^(?:sub(?:stitute)?\.?|deputy)\s*[:\-]?\s*(.+)$", role)
                if sub:
                    rep["substitute"] = sub.group(1).strip()
                elif role:
                    rep["role"] = role
                if who is None:
                    self.note(heading, f"{item!r} is taken to be an officer; write Cllr in front of councillors")
                out.append(rep)
        if out:
            self.data.setdefault("representatives", []).extend(out)
            self.sources.setdefault(("representatives",), heading)

    def read_money(self, col, heading, raw, text):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raise Unusable(f"{text!r} gives no frequency or form; write e.g. '£{text} per year grant'")
        freq_choices = nr.enum_values(self.schema, "money[].frequency")
        form_choices = nr.enum_values(self.schema, "money[].form")
        out = []
        for item in split_list(text):
            if self.mapping.is_empty(item):
                continue
            pound = item.find("£")
            m = _AMOUNT.search(item, pound if pound >= 0 else 0)
            try:
                amount = parse_amount(m.group(0)) if m else None
            except Unusable:
                amount = None
            if amount is None:
                raise Unusable(f"{item!r} gives no amount in pounds")
            taken: set[int] = set()
            freq = find_values(item, freq_choices, self.mapping.synonyms("money[].frequency"), taken)
            form = find_values(item, form_choices, self.mapping.synonyms("money[].form"), taken)
            missing = [what for what, found in (("whether it is per year or one-off", freq),
                                                ("what form it takes (" + ", ".join(form_choices) + ")", form))
                       if not found]
            if missing:
                raise Unusable(f"{item!r}: say {' and '.join(missing)}")
            out.append({"amount": amount, "frequency": freq[0], "form": form[0], "description": item})
        if out:
            self.data.setdefault("money", []).extend(out)
            self.sources.setdefault(("money",), heading)

    def read_officer_time(self, col, heading, raw, text):
        out = []
        for item in split_list(text):
            m = _DAYS.search(item)
            if not m:
                raise Unusable(f"{item!r} gives no time estimate; write e.g. 'Community Safety Manager, "
                               "2 days per month'")
            amount = 0.5 if m.group(1).lower().startswith("half") else float(m.group(1))
            if m.group(2).lower().startswith("h"):
                amount /= 7.5
            per = m.group(3).lower()
            factor = {"week": 52 / 12, "wk": 52 / 12, "fortnight": 26 / 12, "year": 1 / 12, "yr": 1 / 12,
                      "annum": 1 / 12}.get(per, 1)
            role = (item[: m.start()] + item[m.end():]).strip(" ,;:-–()")
            role = re.sub(r"(?i)\s*\b(?:about|approx\.?|approximately|c\.|circa)\s*$", "", role).strip(" ,;:-–")
            if not role:
                raise Unusable(f"{item!r} does not say whose time it is")
            out.append({"role": role, "days_per_month": _tidy(round(amount * factor, 1))})
        if out:
            self.data.setdefault("officer_time", []).extend(out)
            self.sources.setdefault(("officer_time",), heading)

    def read_date_range(self, col, heading, raw, text):
        start_key, end_key = col.to[0], col.to[1] if len(col.to) > 1 else None
        if not isinstance(raw, str):
            self.put((start_key,), parse_date(raw), heading)
            return
        parts = re.split(r"\s+(?:-|–|—|to|until|till)\s+|\s*[–—]\s*", text, maxsplit=1)
        if len(parts) == 1:
            m = re.fullmatch(r"(\S+)\s*-\s*(\S+)", text)  # 01/04/2019-31/03/2029
            if m and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
                parts = [m.group(1), m.group(2)]
        self.put((start_key,), parse_date(parts[0]), heading)
        if len(parts) > 1 and end_key:
            end = parts[1].strip()
            if self.mapping.is_empty(end) or _words(end) in ("ongoing", "no end date", "open ended", "indefinite",
                                                               "none set", "permanent"):
                return
            self.put((end_key,), parse_date(end), heading)

    def read_find_values(self, col, heading, raw, text):
        taken: set[int] = set()
        for target in col.to:
            choices = nr.enum_values(self.schema, target)
            found = find_values(text, choices, self.mapping.synonyms(target), taken)
            if len(found) > 1:
                raise Unusable(f"{text!r} names more than one {self.title(target).lower()}: {', '.join(found)}")
            if found:
                self.put((target,), found[0], heading)
            elif target == "type":
                close = difflib.get_close_matches(nr.slugify(text, 1000), choices, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise Unusable(f"{text!r} is not a known type of partnership{hint}; use one of: {', '.join(choices)}")

    def read_json_list(self, col, heading, raw, text):
        raise Unusable(f"{text[:60]!r} is not a list written as JSON, e.g. "
                       f"{json.dumps(nr.subschema(self.schema, col.to[0]).get('examples', [[{}]])[0], ensure_ascii=False)}")

    def read_body(self, col, heading, raw, text):
        self.body.setdefault(col.section, []).append(text)

    def finish(self) -> None:
        for array, items in self.positional.items():
            objects = [items[i] for i in sorted(items)]
            if array == "partners":
                for partner in objects:
                    if "sector" not in partner and isinstance(partner.get("name"), str):
                        partner["sector"] = self.mapping.guess_sector(partner["name"]) or "other"
                        self.note(self.sources.get(("partners",), ""), f"the sector of {partner['name']!r} was "
                                  f"not given; it is set to {partner['sector']}, so check it")
                self._add_partners(objects)
            else:
                self.data.setdefault(array, []).extend(objects)

    def body_text(self) -> str:
        return "\n\n".join(f"## {section}\n\n" + "\n\n".join(texts) for section, texts in self.body.items())


READERS = {
    **{k: RowConverter.read_leaf for k in ("text", "enum", "date", "url", "number", "integer", "boolean",
                                           "text-list", "enum-list")},
    "positional": RowConverter.read_positional,
    "indexed": RowConverter.read_indexed,
    "person": RowConverter.read_person,
    "document": RowConverter.read_document,
    "partners": RowConverter.read_partners,
    "representatives": RowConverter.read_representatives,
    "money": RowConverter.read_money,
    "officer-time": RowConverter.read_officer_time,
    "date-range": RowConverter.read_date_range,
    "find-values": RowConverter.read_find_values,
    "body": RowConverter.read_body,
    "json-list": RowConverter.read_json_list,
}
GROUP_LISTS = {"partners", "representatives", "money", "officer-time", "json-list"}
LEAF_READERS = {"text", "enum", "date", "url", "number", "integer", "boolean", "text-list", "enum-list"}


# --- The whole import ---------------------------------------------------------------------------------

def _merge(old, new):
    """`new` laid over `old`: groups of fields merge, everything else is replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = _merge(old.get(key), value) if key in old else value
        return out
    return new


def _problem_issue(problem, conv: RowConverter) -> Issue:
    parts = tuple(p for p in re.split(r"\.|\[\d+\]", problem.field) if p)
    heading = ""
    while parts and not heading:
        heading = conv.sources.get(parts, "")
        parts = parts[:-1]
    subject = f"{problem.field}: " if problem.field else ""
    hint = f" ({problem.hint})" if problem.hint else ""
    return Issue(conv.row, heading, f"{subject}{problem.message}{hint}")


def import_register(source, folder="records", mapping_path=None, *, update: bool = False, drafts: bool = False,
                    dry_run: bool = False, sheet: str | None = None, schema_path=None) -> ImportReport:
    """Read a spreadsheet register and write one record per usable row; never raises for bad rows.

    Raises `MappingError` for an unusable mapping file and `ImportError_` for an unreadable
    spreadsheet; everything about rows and values is in the returned report.
    """
    schema_path = str(schema_path) if schema_path else None
    schema = nr.load_schema(schema_path)
    mapping = load_mapping(mapping_path, schema)
    source = Path(source)
    table = read_table(source, sheet, mapping, schema)
    report = ImportReport(source.name, dry_run)
    columns: list[tuple[int, str, Column]] = []
    computed: list[str] = []
    for index, heading in enumerate(table.headings):
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
    for key in ("name", "type", "council_role", "status"):
        if key not in given and key in mapping.defaults:
            report.issues.append(Issue(0, "", f"no column gives {key}; every new record gets {key}: "
                                              f"{mapping.defaults[key]!r} from the mapping's defaults", "note"))
    run = _Run(Path(folder), mapping, schema, schema_path, update, drafts, dry_run, source.name)
    with tempfile.TemporaryDirectory(prefix="partnership-import-") as tmp:
        run.workdir = Path(tmp)
        for rownum, cells in table.rows:
            report.rows.append(run.row(rownum, cells, columns))
    return report


class _Run:
    """The state of one import: ids on the register, ids made so far, where to validate."""

    def __init__(self, folder: Path, mapping: Mapping, schema: dict, schema_path, update, drafts, dry_run,
                 source_name):
        self.folder, self.mapping, self.schema, self.schema_path = folder, mapping, schema, schema_path
        self.update, self.drafts, self.dry_run, self.source_name = update, drafts, dry_run, source_name
        self.taken = nr.existing_ids(folder)
        self.made: dict[str, int] = {}
        self.workdir = Path(".")

    def problems(self, text: str, rid: str, shown: str):
        path = self.workdir / f"{rid}.md"
        path.write_text(text, encoding="utf-8")
        return read_record(path, shown, self.schema_path).problems

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

        def skip(reason: str, detail: str = "") -> RowResult:
            result.reason = reason + (f" ({detail})" if detail else "")
            return result

        if not rid:
            return skip("no name to make an id from")
        if rid in self.made:
            return skip("id made twice", f"row {self.made[rid]} also makes {rid!r}; give the rows different "
                                         "names or an id column")
        self.made[rid] = rownum
        body = conv.body_text()
        existing = self.taken.get(rid)
        if existing and not self.update:
            result.path = existing.as_posix()
            return skip("already on the register", f"{existing.as_posix()}; use --update to update it")
        if existing:
            return self._update(result, conv, {k: v for k, v in data.items() if k not in defaulted}, body,
                                existing, skip)
        directorate = data.get("directorate")
        target = nr.record_folder(self.folder, directorate if isinstance(directorate, str) else None) / f"{rid}.md"
        shown = result.path = target.as_posix()
        if missing:
            return skip("a required field is missing or unusable", ", ".join(missing))
        notes = [f"- {_bare(i)}" for i in conv.issues if i.severity == "note"]
        problems = self.problems(self.text(data, body), rid, shown)
        conv.issues.extend(_problem_issue(p, conv) for p in problems)
        errors = conv.errors
        if not errors:
            header = f"Imported from {self.source_name}, row {rownum}. Please check:\n" + "\n".join(notes) \
                if notes else ""
            return self._write(result, "written", self.text(data, body, header), target, skip)
        if not self.drafts:
            n = len(errors)
            return skip("values that could not be used",
                        f"{n} value{'s' if n != 1 else ''}; fix the spreadsheet, or add --drafts to write it "
                        "as a draft that lists what to fix")
        return self._draft(result, conv, data, body, target, skip)

    def _id(self, conv: RowConverter) -> str | None:
        data = conv.data
        rid = data.get("id")
        if isinstance(rid, str) and not ID_PATTERN.match(rid):
            fixed = nr.slugify(rid)
            conv.note(conv.sources.get(("id",), ""), f"{rid!r} is not a usable id; {fixed!r} is used instead")
            rid = fixed
        if not rid and isinstance(data.get("name"), str):
            rid = nr.slugify(data["name"])
        if rid:
            data["id"] = rid
        return rid or None

    def _draft(self, result, conv, data, body, target: Path, skip) -> RowResult:
        draft = copy.deepcopy(data)
        was = draft.get("status")
        draft["status"] = "proposed"
        fix = [f"- {_bare(i)}" for i in conv.issues]
        if was != "proposed" and ("status",) in conv.sources:
            fix.append(f"- the spreadsheet gives the status as {was!r}: set it once the rest is fixed")
        header = (f"DRAFT imported from {self.source_name}, row {result.row}: the status stays proposed "
                  "until this is fixed.\nWhat could not be used (fix it, then delete these lines):\n" + "\n".join(fix))
        problems = []
        for _ in range(3):  # leave out whatever still stops the record being valid, then try again
            text = self.text(draft, body, header)
            problems = self.problems(text, result.record_id, result.path)
            if not problems:
                return self._write(result, "draft", text, target, skip)
            dropped = {re.split(r"[.\[]", p.field)[0] for p in problems if p.field} - set(REQUIRED) - {"id"}
            if not dropped:
                break
            for key in dropped:
                draft.pop(key, None)
        result.issues.extend(_problem_issue(p, conv) for p in problems if _problem_issue(p, conv) not in result.issues)
        return skip("not valid even as a draft")

    def _write(self, result: RowResult, action: str, text: str, path: Path, skip) -> RowResult:
        if not self.dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
            except FileExistsError:
                return skip("already on the register", f"{path.as_posix()} exists")
        result.action = action
        return result

    def _update(self, result, conv, data, body, existing: Path, skip) -> RowResult:
        shown = result.path = existing.as_posix()
        if conv.errors:
            n = len(conv.errors)
            return skip("values that could not be used",
                        f"{n} value{'s' if n != 1 else ''}; the existing record is left as it is")
        record = read_record(existing, shown, self.schema_path)
        if record.problems:
            return skip("existing record not valid", f"run partnerships check on {shown} and fix it first")
        merged = _merge(record.data, data)
        new_body = record.body if record.body.strip() else body
        if dump(merged, self.schema) == dump(record.data, self.schema) and new_body.strip() == record.body.strip():
            result.action = "unchanged"
            return result
        text = self.text(merged, new_body)
        problems = self.problems(text, result.record_id, shown)
        if problems:
            conv.issues.extend(_problem_issue(p, conv) for p in problems)
            return skip("update not valid", "the existing record is left as it is")
        if not self.dry_run:
            existing.write_text(text, encoding="utf-8", newline="\n")
        result.action = "updated"
        return result


REQUIRED = ("name", "type", "council_role", "status")


def _bare(issue: Issue) -> str:
    """The issue without its row number or severity, for the comment at the top of a record."""
    return Issue(0, issue.column, issue.message).text()
