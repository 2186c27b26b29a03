"""The JSON Schema is the single source of truth for what a record may hold.

This module loads it, validates front-matter against it, and turns jsonschema's
errors into plain-English `Problem`s that name the field by its title. It also
walks the schema for the field reference page and for the list of internal fields.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jsonschema

from .yamlsource import field_name

def schema_file(name: str = "partnership.schema.json") -> Path:
    """A schema shipped with the package (`partnership_register.schemas`, the repository's schema/ folder)."""
    return Path(str(resources.files("partnership_register.schemas") / name))


def default_schema_path() -> Path:
    return schema_file("partnership.schema.json")


@lru_cache(maxsize=8)
def load_schema(path: str | None = None) -> dict:
    return json.loads(Path(path or default_schema_path()).read_text(encoding="utf-8"))


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
MIN_YEAR, MAX_YEAR = 1900, 2199
"""The years a record's dates may fall in. Every stage can compute with them: a review interval
of up to ten years added (add_months), a calendar's day after (ICS DTEND), a spreadsheet date
(Excel counts from 1900). A placeholder such as 9999-12-31 for "open-ended" is refused, with
a message saying to leave the date out."""


def _is_date(value) -> bool:
    """YYYY-MM-DD, a real calendar date, within MIN_YEAR–MAX_YEAR: jsonschema and fastjsonschema both use this."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return MIN_YEAR <= day.year <= MAX_YEAR


@lru_cache(maxsize=8)
def _validator(path: str | None):
    schema = load_schema(path)
    cls = jsonschema.Draft202012Validator
    checker = copy.deepcopy(cls.FORMAT_CHECKER)
    checker.checks("date")(_is_date)  # the register's own date test, the one the fast check uses too
    return cls(schema, format_checker=checker)


@lru_cache(maxsize=8)
def _fast_check(path: str | None):
    """A compiled yes/no check (fastjsonschema), ten times quicker than jsonschema, or None.

    Most records are valid, so this answers for them; only a record it rejects goes on to
    jsonschema, which names every problem. It must never accept what jsonschema rejects:
    the schema uses nothing that differs between draft 7 and 2020-12, and `date` is checked
    exactly as jsonschema checks it (tests/test_schema_fast.py compares the two).
    """
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a dependency, but the slow path is always right
        return None
    schema = _const_as_enum(load_schema(path))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    try:
        # Without detailed exceptions the generated code is a quarter of the size and compiles
        # five times quicker (0.4 s, not 2 s, for this schema), with no whole-schema literals held.
        return fastjsonschema.compile(schema, formats={"date": _is_date}, detailed_exceptions=False)
    except Exception:  # noqa: BLE001 - a schema it cannot compile: jsonschema alone
        return None


def _const_as_enum(node, names: bool = False):
    """A copy with each `const: X` written `enum: [X]`, the same test (fastjsonschema 2.22
    cannot compile `const` without detailed exceptions). `names`: node maps field names to schemas."""
    if isinstance(node, list):
        return [_const_as_enum(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:
        return {key: _const_as_enum(value) for key, value in node.items()}
    out = {key: value if key in ("const", "enum") else
           _const_as_enum(value, names=key in ("properties", "patternProperties", "$defs", "definitions"))
           for key, value in node.items()}
    if "const" in out:
        out["enum"] = [out.pop("const")]
    return out


@dataclass(frozen=True)
class SchemaIssue:
    """A schema problem at a field path, before it is given a file position."""

    path: tuple
    message: str
    kind: str
    hint: str = ""
    detail: str = ""  # the value quoted ("got 'x'"): shown only where the field may be (see problems.Problem)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (one '- item' per line)",
    "object": "a group of fields (indented 'name: value' lines)",
    "null": "empty",
}
_YES_NO = {"yes", "no", "y", "n", "on", "off", "ja", "nein"}


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict,)):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _title(subschema: dict, fallback: str) -> str:
    return subschema.get("title") or fallback


def _date_problem(value) -> tuple[str, str, str]:
    """(message, hint, detail) for a value that is not a date the register can use."""
    text = str(value)
    got = f"got {_describe(value)}"
    if _DATE.fullmatch(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return "is not a real calendar date", "check the day and month: YYYY-MM-DD", got
        if day.year == 9999 or (day.year > MAX_YEAR and (day.month, day.day) in ((12, 31), (1, 1))):
            return ("is a placeholder for \"no date\", not a date the register can use",
                    "leave the date out if it is open-ended", got)
        if day.year > MAX_YEAR:
            return (f"is after {MAX_YEAR}, later than the register can work with",
                    "check the year; leave the date out if it is open-ended", got)
        return (f"is before {MIN_YEAR}, earlier than the register can work with",
                "check the year; leave the date out if it is not known", got)
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if m:
        day, month, year = m.groups()
        return "must be written YYYY-MM-DD", "", f"for {text} write {year}-{int(month):02d}-{int(day):02d}"
    return "must be a date written YYYY-MM-DD", "", got


def _condition(root: dict, schema_path: list) -> str:
    """'when status is closed' for a `required` raised inside an if/then."""
    if "then" not in schema_path:
        return ""
    node = root
    for part in schema_path[: schema_path.index("then")]:
        node = node[part]
    conds = []
    for prop, sub in node.get("if", {}).get("properties", {}).items():
        if "const" in sub:
            value = sub["const"]
            conds.append(f"{prop} is {json.dumps(value) if not isinstance(value, str) else value}")
    return f" when {' and '.join(conds)}" if conds else ""


def validate(data, schema_path: str | None = None) -> list[SchemaIssue]:
    """Every schema problem in one record's front-matter, in plain English."""
    fast = _fast_check(schema_path)
    if fast is not None:
        try:
            fast(data)
            return []
        except Exception:  # noqa: BLE001 - rejected (or could not tell): let jsonschema say why
            pass
    root = load_schema(schema_path)
    issues: list[SchemaIssue] = []
    errors = list(_validator(schema_path).iter_errors(data))
    type_failed = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    for e in errors:
        path = tuple(e.absolute_path)
        if e.validator != "type" and path in type_failed:
            continue
        issues.extend(_translate(e, path, root))
    return sorted(set(issues), key=lambda i: (tuple(map(str, i.path)), i.message))


def _translate(e, path: tuple, root: dict) -> list[SchemaIssue]:
    sub = e.schema if isinstance(e.schema, dict) else {}
    name = field_name(path) or "the record"
    title = _title(sub, name)
    value = e.instance
    got = f"got {_describe(value)}"  # never in a message: a detail, shown only where the field may be
    v = e.validator
    if v == "additionalProperties":
        allowed = sorted(sub.get("properties", {}))
        out = []
        for key in sorted(set(value) - set(allowed), key=str):
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "see the field reference for the names allowed here"
            where = "a record" if not path else f"{title}"
            out.append(SchemaIssue(path + (key,), f"is not a field {where} can have", "unknown-field", hint))
        return out
    if v == "required":
        missing = re.match(r"'(.+)' is a required property", e.message)
        key = missing.group(1) if missing else "?"
        prop_title = _title(sub.get("properties", {}).get(key, {}), key)
        return [SchemaIssue(path + (key,), f"{prop_title} is required{_condition(root, list(e.schema_path))}",
                            "missing-field", f"add a line `{key}:` with its value")]
    if v == "anyOf" and all(set(b) == {"required"} for b in sub.get("anyOf", ())):
        keys = [b["required"][0] for b in sub["anyOf"]]  # "give a name or a job title"
        titles = [_title(sub.get("properties", {}).get(k, {}), k) for k in keys]
        return [SchemaIssue(path + (keys[0],), f"{' or '.join(titles)} is required", "missing-field",
                            f"add a line `{keys[0]}:` (or `{keys[1]}:`) with its value")]
    if v == "type":
        expected = sub.get("type")
        expected = expected if isinstance(expected, list) else [expected]
        want = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        hint = ""
        if "string" in expected and not isinstance(value, (dict, list)):
            hint = "put the value in quotes if it is meant as text"
        if "boolean" in expected and isinstance(value, str) and value.strip().lower() in _YES_NO:
            hint = "write true or false"
        if value is None:
            return [SchemaIssue(path, f"{title} is empty; give a value or delete the line", "missing-field")]
        return [SchemaIssue(path, f"{title} must be {want}", "wrong-type", hint, got)]
    if v == "enum":
        allowed = [str(x) for x in sub.get("enum", [])]
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.5)
        hint = f"did you mean `{close[0]}`?" if close else ""
        return [SchemaIssue(path, f"{title} must be one of: {', '.join(allowed)}", "not-allowed-value", hint, got)]
    if v == "format" and sub.get("format") == "date":
        message, hint, detail = _date_problem(value)
        return [SchemaIssue(path, f"{title} {message}", "bad-date", hint, detail)]
    if v in ("format", "pattern"):
        example = (sub.get("examples") or [None])[0]
        hint = f"for example {example!r}" if example is not None else ""
        what = "a full web address starting https://" if sub.get("format") == "uri" else "in the expected form"
        return [SchemaIssue(path, f"{title} is not {what}", "bad-format", hint, got)]
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        lo, hi = sub.get("minimum"), sub.get("maximum")
        if lo is not None and hi is not None:
            rule = f"from {lo:g} to {hi:g}"
        elif lo is not None:
            rule = f"at least {lo:g}"
        else:
            rule = f"at most {hi:g}"
        return [SchemaIssue(path, f"{title} must be {rule}", "out-of-range", detail=got)]
    if v == "minLength":
        return [SchemaIssue(path, f"{title} is empty; give a value or delete the line", "missing-field")]
    if v == "maxLength":
        return [SchemaIssue(path, f"{title} is too long: at most {sub.get('maxLength')} characters", "bad-format")]
    if v == "minItems":
        return [SchemaIssue(path, f"{title} is an empty list; add an item or delete the line", "missing-field")]
    if v == "uniqueItems":
        return [SchemaIssue(path, f"{title} lists the same value more than once", "inconsistent")]
    return [SchemaIssue(path, f"{title} is not allowed as written", "invalid", detail=e.message)]


# --- Walking the schema -------------------------------------------------------------

@dataclass(frozen=True)
class FieldInfo:
    """One field of the record, as the field reference page shows it."""

    path: str
    key: str
    title: str
    description: str
    type: str
    required: bool
    internal: bool
    values: tuple  # (value, meaning) pairs for enumerations
    example: object
    depth: int


def _type_label(sub: dict) -> str:
    t = sub.get("type")
    if t == "array":
        items = sub.get("items", {})
        if "enum" in items:
            return "list of values"
        return "list of " + ("groups of fields" if items.get("type") == "object" else _TYPE_WORDS.get(items.get("type"), "values"))
    if sub.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if sub.get("format") == "uri":
        return "web address"
    if "enum" in sub:
        return "one value from a list"
    return _TYPE_WORDS.get(t, str(t))


def iter_fields(schema: dict | None = None):
    """Every field in the schema, depth first, in the schema's own order."""
    schema = schema or load_schema()

    def walk(node: dict, prefix: str, depth: int, required: set):
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            enum_src = sub.get("items", {}) if sub.get("type") == "array" else sub
            meanings = sub.get("x-enum-descriptions", {})
            values = tuple((v, meanings.get(v, "")) for v in enum_src.get("enum", []))
            yield FieldInfo(path, key, sub.get("title", key), sub.get("description", ""), _type_label(sub),
                            key in required, bool(sub.get("x-internal")), values,
                            (sub.get("examples") or [None])[0], depth)
            child = sub.get("items") if sub.get("type") == "array" else sub
            if isinstance(child, dict) and child.get("type") == "object":
                yield from walk(child, path + ("[]" if sub.get("type") == "array" else ""), depth + 1,
                                set(child.get("required", [])))

    yield from walk(schema, "", 0, set(schema.get("required", [])))


def internal_paths(schema: dict | None = None) -> list[tuple]:
    """Field paths marked `x-internal`, with '*' standing for any list index."""
    out = []
    for info in iter_fields(schema):
        if info.internal:
            out.append(tuple(_split(info.path)))
    return out


@lru_cache(maxsize=8)
def internal_paths_of(schema_path: str | None = None) -> tuple[tuple, ...]:
    """`internal_paths` of the schema file at `schema_path` (default the shipped one), worked out once."""
    return tuple(internal_paths(load_schema(schema_path)))


def _split(path: str) -> list[str]:
    parts = []
    for part in path.split("."):
        if part.endswith("[]"):
            parts.extend([part[:-2], "*"])
        else:
            parts.append(part)
    return parts


def top_level_keys(schema: dict | None = None) -> list[str]:
    return list((schema or load_schema()).get("properties", {}))
