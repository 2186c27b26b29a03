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

from .. import schema as schema_mod
from ..assess import Assessment, RecordAssessment

LIST_SEPARATOR = "; "
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
REVIEW_STATES = ("overdue", "due-soon", "scheduled", "not-scheduled", "closed")
HEALTH = ("red", "amber", "green")
BANDS = ("high", "medium", "low")
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
        return self.kind == "computed"


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


def _c(name, title, datatype, description, separator=None, values=()):
    return Column(f"computed.{name}", title, description, datatype, "computed", separator=separator, values=values)


COMPUTED_COLUMNS: tuple[Column, ...] = (
    _c("annual_contribution", "Annual contribution (£, computed)", "decimal",
       "Computed: the sum of the council's published annual money contributions (money entries with frequency "
       "annual). Confidential amounts are not included in the public register."),
    _c("one_off_contribution", "One-off contributions (£, computed)", "decimal",
       "Computed: the sum of the council's published one-off money contributions."),
    _c("money_withheld", "Money withheld (computed)", "boolean",
       "Computed: true when at least one money entry is commercially confidential and left out of this register."),
    _c("officer_days_per_month", "Officer days a month (computed)", "decimal",
       "Computed: the sum of officer_time days_per_month."),
    _c("lead_organisation", "Lead organisation (computed)", "string",
       "Computed: the council when its role includes lead, else the partner marked lead; empty when none is."),
    _c("accountable_body", "Accountable body (computed)", "string",
       "Computed: the council when its role includes accountable-body, else the partner marked as the "
       "accountable body; empty when none is."),
    _c("partner_names", "Partner names (computed)", "string",
       "Computed: the names of the partner organisations, joined with '; ', for reading; the partners column "
       "holds the full list.", separator=LIST_SEPARATOR),
    _c("significant", "Significant (computed)", "boolean",
       "Computed: true when the partnership is significant, by the council's criteria or as the record states."),
    _c("significance_criteria_met", "Significance criteria met (computed)", "string",
       "Computed: the council's significance criteria the partnership meets, joined with '; '.",
       separator=LIST_SEPARATOR),
    _c("next_review", "Next review (computed)", "date",
       "Computed: when the next review is due: the stated next_review, or the review interval after the last "
       "review (or the start date), whichever is sooner. Empty for closed partnerships."),
    _c("review_state", "Review state (computed)", "string",
       "Computed on the assessment date: overdue, due-soon, scheduled, not-scheduled or closed.",
       values=REVIEW_STATES),
    _c("highest_risk_score", "Highest open risk score (computed)", "integer",
       "Computed: the highest likelihood × impact score among the risks not closed; empty when there are none."),
    _c("highest_risk_band", "Highest open risk band (computed)", "string",
       "Computed: the band (high, medium, low) of the highest open risk score.", values=BANDS),
    _c("gap_count", "Open governance gaps (computed)", "integer",
       "Computed: the number of governance gaps found on the assessment date and not acknowledged."),
    _c("acknowledged_gap_count", "Acknowledged gaps (computed)", "integer",
       "Computed: the number of governance gaps the council has acknowledged (acceptance not expired)."),
    _c("gaps", "Open gap rules (computed)", "string",
       "Computed: the ids of the open gap rules, joined with '; ' (see the Governance gaps page).",
       separator=LIST_SEPARATOR),
    _c("health", "Health (computed)", "string",
       "Computed: red when any open gap is high severity; amber when any is medium, or there are several low "
       "ones; else green.", values=HEALTH),
)


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


def computed_values(ra: RecordAssessment) -> dict:
    """The computed columns' values for one assessed record (typed, not yet text)."""
    f = ra.facts
    open_risks = [r for r in f.risks if not r.closed]
    top = max(open_risks, key=lambda r: r.score, default=None)
    names = [p.get("name") for p in ra.record.get("partners") or [] if isinstance(p, dict) and p.get("name")]
    return {
        "computed.annual_contribution": f.annual_contribution,
        "computed.one_off_contribution": f.one_off_contribution,
        "computed.money_withheld": bool(ra.record.get("money_withheld")),
        "computed.officer_days_per_month": f.officer_days_per_month,
        "computed.lead_organisation": f.lead_organisation,
        "computed.accountable_body": f.accountable_body,
        "computed.partner_names": names,
        "computed.significant": f.significance.effective,
        "computed.significance_criteria_met": list(f.significance.criteria_met),
        "computed.next_review": f.next_review,
        "computed.review_state": f.review_state,
        "computed.highest_risk_score": top.score if top else None,
        "computed.highest_risk_band": top.band if top else None,
        "computed.gap_count": len(ra.open_gaps),
        "computed.acknowledged_gap_count": len(ra.acknowledged_gaps),
        "computed.gaps": [g.rule.id for g in ra.open_gaps],
        "computed.health": ra.health,
    }


def record_data(assessment: Assessment, schema: dict) -> list[dict]:
    """Every record's data in schema order, in the assessment's order.

    Worked out once per export and shared by the table rows and the JSON: ordering is the
    costliest step of both.
    """
    return [ordered(ra.record.data, schema) for ra in assessment.records]


def typed_row(ra: RecordAssessment, cols: list[Column], data: dict) -> dict:
    """One record as {column name: typed value}: str, int/float, bool, date, list, or None.

    `data` is the record's data in schema order (`record_data`), so JSON cells list keys in schema order.
    """
    computed = computed_values(ra)
    row = {}
    for col in cols:
        if col.computed:
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


def rows(assessment: Assessment, cols: list[Column], data: list[dict]) -> list[dict]:
    """Every assessed record as a typed row, in the assessment's order (by name); `data` from `record_data`."""
    return [typed_row(ra, cols, d) for ra, d in zip(assessment.records, data)]
