"""The mapping language: which column headings fill which fields, and which words mean which value.

The shipped mapping (data/import-mapping.yml) is extended, or replaced, by an officer's own
file given with --mapping. A heading that is a field's own path (`sponsoring_officer.name`,
`partners.name`, `reviews[0].summary`) needs no mapping: the schema says how to read it.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...load.schema import iter_fields
from ...load.yamlsource import parse as parse_yaml
from .. import new as nr
from .values import norm, words

DEFAULT_MAPPING = Path(__file__).resolve().parents[2] / "data" / "import-mapping.yml"

# How a column's values are read (`as:` in a mapping, or worked out from the field's type);
# convert.READERS has one reader for each.
LEAF_READERS = frozenset({"text", "enum", "date", "url", "number", "integer", "boolean", "text-list",
                          "enum-list"})
GROUP_LISTS = frozenset({"partners", "representatives", "money", "officer-time", "json-list"})
READER_NAMES = LEAF_READERS | GROUP_LISTS | {"positional", "indexed", "person", "document", "date-range",
                                              "find-values", "body"}
_GROUP_LIST_FIELDS = {"partners": "partners", "representatives": "representatives", "money": "money",
                      "officer_time": "officer-time"}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the line."""


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
    exact: bool = False  # headed as the register's own downloads head it (`legal_form`, `sponsoring_officer.name`)

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
    paths: dict[str, str]  # headings that are field paths, for the schema in use

    def synonyms(self, field_path: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for pattern, found in self.values.items():
            if fnmatch.fnmatchcase(field_path, pattern):
                out.update(found)
        return out

    def is_empty(self, text: str) -> bool:
        return norm(text) in self.empty

    def guess_sector(self, name: str) -> str | None:
        """A partner's sector from words in its name ('Northshire Police' → police-fire), or None."""
        found = f" {norm(name)} "
        for sector, terms in self.sector_words.items():
            if any(f" {norm(t)} " in found for t in terms):
                return sector
        return None


def _read_yaml_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise MappingError(f"{path}: is not UTF-8 text (byte 0x{exc.object[exc.start]:02X}); "
                           "save it with the encoding UTF-8") from exc
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
        if how not in READER_NAMES:
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
        for fieldpath, found in (src.get("values") or {}).items():
            bucket = values.setdefault(str(fieldpath), {})
            for word, value in (found or {}).items():
                bucket[words(word)] = str(value)
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
        return "positional" if path.count("[]") == 1 and node_reader(node, path) in LEAF_READERS else "unsupported"
    return node_reader(node, path)


def node_reader(node: dict, path: str) -> str:
    """How a value for a field of this schema node is read."""
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
        return _GROUP_LIST_FIELDS.get(path, "json-list")
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
    for info in iter_fields(schema):
        if reader_for(info.path, schema) == "unsupported":
            continue
        for variant in (info.path, info.path.replace("[]", "")):
            out.setdefault(variant.lower(), info.path)
            out.setdefault(norm(variant.replace("_", " ")), info.path)
    return out


_INDEXED = re.compile(r"^([a-z_]+)(?:\[(\d+)\]|\.(\d+))\.([a-z_.]+)$")


def _find(columns: list[Column], key: str) -> Column | None:
    """The first entry with a heading equal to `key`, else the first whose '*' pattern matches it."""
    for exact in (True, False):
        for col in columns:
            for h in col.headings:
                if exact and "*" not in h and norm(h) == key:
                    return col
                if not exact and "*" in h and fnmatch.fnmatchcase(key, " ".join(norm(h).split())):
                    return col
    return None


def match_heading(heading: str, mapping: Mapping, schema: dict) -> Column | None:
    """The mapping entry for a column heading: the officer's mapping, then field paths, then the default."""
    key = norm(heading)
    if not key:
        return None
    found = _find(mapping.own, key)
    if found:
        return found
    m = _INDEXED.match(heading.strip())
    if m:
        path = canonical_path(f"{m.group(1)}.{m.group(4)}", schema)
        if reader_for(path, schema) == "positional":
            return Column((path,), "indexed", (heading,), index=int(m.group(2) or m.group(3)))
    path = mapping.paths.get(heading.strip().lower()) or mapping.paths.get(key)
    if path:
        return Column((path,), reader_for(path, schema), (heading,), exact=heading.strip() == path.replace("[]", ""))
    return _find(mapping.default, key)
