"""The register as one table: columns derived from the schema, one row per partnership.

The CSV, the CSVW description and the XLSX all come from here, so they always agree.

Column encoding (also stated in the CSVW metadata and on the Data page):

* a field is one column named by its schema path, nested fields joined with dots:
  `sponsoring_officer.name`, `documents.exit_strategy.state`;
* a list of plain values (aims, council_role, in_kind …) is one column, its items joined
  with "; " (the CSVW `separator`);
* a list of groups of fields (partners, money, risks, reviews, representatives …) is one
  column holding the list as JSON, keys in schema order (CSVW datatype `json`). That is
  the only reversible encoding: `json.loads(cell)` gives back exactly what the record says;
* values computed by the assessment come after the record's own fields and are named
  `computed.*`, so nobody takes them for typed-in values;
* a text cell starting with =, +, -, @, tab or carriage return (after any leading single
  quotes) gets one more single quote in front, so no spreadsheet runs it as a formula.
  To read a value back, drop one leading quote when the cell matches `^'+[=+\\-@\\t\\r]`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from ..assess.computed import COMPUTED, computed_values
from ..assess.facts import RecordAssessment
from ..load import schema as schema_mod

LIST_SEPARATOR = "; "
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
_NESTED = (dict, list)


@dataclass(frozen=True)
class Column:
    """One column of the register table."""

    name: str                 # schema path with dots, or computed.*
    title: str                # human title, for headings and the CSVW `titles`
    description: str
    datatype: str             # CSVW base datatype: string, date, decimal, integer, boolean, anyURI, json
    kind: str                 # "field", "list" (plain values), "json" (groups of fields) or "computed"
    path: tuple = ()          # key path into the record's data (fields only)
    separator: str | None = None
    required: bool = False
    internal: bool = False
    values: tuple = ()        # allowed values, for enumerations
    pattern: str | None = None  # anchored regular expression the value must match

    @property
    def computed(self) -> bool:
        return self.name.startswith("computed.")


def neutralise(value: str) -> str:
    """Stop a spreadsheet running a text cell as a formula (OWASP CSV injection).

    Reversible: a cell matching ^'*[=+-@\\t\\r] gets one more leading quote; dropping one
    leading quote from such a cell gives back the original text.
    """
    return "'" + value if _NEUTRALISED.match(value) else value


def restore(cell: str) -> str:
    """The original text of a neutralised cell (for importers and tests)."""
    return cell[1:] if cell.startswith("'") and _NEUTRALISED.match(cell) else cell


def format_number(value) -> str:
    """A number as XSD decimal text: no exponent, no trailing .0 on whole numbers."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return str(value)
    d = Decimal(repr(float(value)))
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


# --- columns from the schema ---------------------------------------------------------

def _subschema(root: dict, parts: list[str]) -> dict:
    node = root
    for part in parts:
        node = node.get("properties", {}).get(part, {})
    return node


def _scalar_type(node: dict) -> str:
    t = node.get("type")
    if t == "string" and node.get("format") == "date":
        return "date"
    if t == "string" and node.get("format") == "uri":
        return "anyURI"
    return {"number": "decimal", "integer": "integer", "boolean": "boolean"}.get(t, "string")


def _anchored(pattern: str | None) -> str | None:
    if pattern and pattern.startswith("^") and pattern.endswith("$"):
        return pattern[1:-1]
    return None


def _keys_of(node: dict, internal: bool) -> list[str]:
    props = node.get("items", {}).get("properties", {})
    return [k for k, sub in props.items() if internal or not sub.get("x-internal")]


def record_columns(schema: dict | None = None, *, internal: bool = False) -> list[Column]:
    """The record's own columns in schema order; internal ones only when `internal`."""
    root = schema or schema_mod.load_schema()
    titles: dict[str, str] = {}
    required_top = set(root.get("required", []))
    out: list[Column] = []
    for info in schema_mod.iter_fields(root):
        titles[info.path] = info.title
        if "[]" in info.path:
            continue  # inside a list of groups: carried by that list's JSON column
        parts = info.path.split(".")
        node = _subschema(root, parts)
        parent_internal = any(_subschema(root, parts[:i]).get("x-internal") for i in range(1, len(parts)))
        is_internal = info.internal or parent_internal
        if parts[0] == "publication" or is_internal:
            if not internal:
                continue
        title = ": ".join(titles[".".join(parts[: i + 1])] for i in range(len(parts)))
        t = node.get("type")
        common = dict(name=info.path, title=title, description=info.description, path=tuple(parts),
                      required=len(parts) == 1 and info.key in required_top, internal=is_internal)
        if t == "object":
            continue  # its fields have their own columns
        if t == "array":
            items = node.get("items", {})
            if items.get("type") == "object":
                keys = ", ".join(_keys_of(node, internal))
                desc = (f"{info.description} A JSON list of objects with the keys {keys} "
                        f"(see the schema for each); empty when the record has none.")
                out.append(Column(**{**common, "description": desc}, datatype="json", kind="json"))
            else:
                out.append(Column(**common, datatype=_scalar_type(items), kind="list", separator=LIST_SEPARATOR,
                                  values=tuple(items.get("enum", ())), pattern=_anchored(items.get("pattern"))))
            continue
        out.append(Column(**common, datatype=_scalar_type(node), kind="field", values=tuple(node.get("enum", ())),
                          pattern=_anchored(node.get("pattern"))))
    return out


COMPUTED_COLUMNS: tuple[Column, ...] = tuple(
    Column(f"computed.{c.name}", c.title, "Computed: " + c.description, c.datatype,
           "json" if c.datatype == "json" else "computed", separator=LIST_SEPARATOR if c.is_list else None,
           values=c.values)
    for c in COMPUTED)


def columns(schema: dict | None = None, *, internal: bool = False) -> list[Column]:
    """Every column of the register table, in its documented order."""
    return record_columns(schema, internal=internal) + list(COMPUTED_COLUMNS)


# --- values ---------------------------------------------------------------------------

def ordered(value, node: dict):
    """`value` with object keys in schema order (unknown keys after, sorted), recursively.

    Scalars are taken as they are, without a call each: most values in a record are scalars.
    """
    if isinstance(value, dict):
        props = node.get("properties", {}) if isinstance(node, dict) else {}
        keys = [k for k in props if k in value]
        if len(keys) < len(value):
            keys += sorted(k for k in value if k not in props)
        return {k: ordered(v, props.get(k, {})) if isinstance(v := value[k], _NESTED) else v for k in keys}
    if isinstance(value, list):
        items = node.get("items", {}) if isinstance(node, dict) else {}
        return [ordered(v, items) if isinstance(v, _NESTED) else v for v in value]
    return value


def _get(data: dict, path: tuple):
    value = data
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def typed_row(ra: RecordAssessment, cols: list[Column], data: dict) -> dict:
    """One record as {column name: typed value}: str, int/float, bool, date, list, or None.

    `data` is the record's data in schema order (`record_data`), so JSON cells list keys in schema order.
    """
    computed = {f"computed.{k}": v for k, v in computed_values(ra).items()}
    row = {}
    for col in cols:
        if col.name in computed:
            value = computed[col.name]
        else:
            value = _get(data, col.path)
            if col.datatype == "date" and isinstance(value, str):
                value = dt.date.fromisoformat(value)
        if isinstance(value, list) and not value and col.kind != "json":
            value = None
        row[col.name] = value
    return row


def cell_text(col: Column, value) -> str:
    """A typed value as the text of a CSV cell (neutralised where it is text)."""
    if value is None:
        return ""
    if col.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(_scalar_text(v) for v in value))
    return _scalar_text(value)


def _scalar_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def rows(assessments: list[RecordAssessment], cols: list[Column], data: list[dict]):
    """Every assessed record as a typed row, in order, made as each is asked for (never all held);
    `data` is each record's data in schema order."""
    return (typed_row(ra, cols, d) for ra, d in zip(assessments, data))
