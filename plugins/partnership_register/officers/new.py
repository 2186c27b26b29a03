"""A new record file, ready for an officer to fill in: pure functions, no MkDocs, no prompts.

`render_new_record` writes only the fields that have values (a new partnership is a valid
record from the start; what is missing shows up as governance gaps), followed by commented
guidance for every other section, built from the schema's own titles, descriptions,
allowed values and examples, and a Markdown body skeleton.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
from pathlib import Path

from ..load import schema as schema_mod
from ..load.loader import find_record_files, parse_record
from ..load.problems import Problem
from ..text import slug
from .yamlwrite import comment, dump, front_matter

ID_MAX = 80
# Fields only meaningful once a partnership has ended: named in one line, not spelled out.
WHEN_IT_ENDS = ("closed_date", "end_reason", "end_reason_detail", "replaced_by")

BODY_SKELETON = """\
## Background

<!-- Why the council is in this partnership and what it does, in plain words for residents. -->

## History

<!-- Key events, newest last: set up, approvals, reviews, changes of partners or funding. -->

## Notes

<!-- Anything else a reader should know. Text between these markers is not published. -->
"""

HEADER = """\
Partnership record. Lines starting with '#' are guidance; the register ignores them,
and you may delete them once you have read them.
Every section below that is still commented out is something the council's protocols
expect you to record; until it is filled in, the register lists it as a governance gap.
To fill one in, delete the '# ' at the start of its example lines and change the values.
Dates are written YYYY-MM-DD. Every field is described in schema/partnership.schema.json
and on the site's field reference page.
"""


def slugify(text: str, max_length: int = ID_MAX) -> str:
    """A record id from a partnership's name (`text.slug`, cut to fit an id)."""
    return slug(text, max_length)


def match_choice(value, choices, synonyms: dict | None = None) -> str | None:
    """The allowed value an officer meant, tolerating case, spaces and punctuation.

    'Joint Committee', 'joint_committee' and 'JOINT-COMMITTEE' all give
    'joint-committee'; `synonyms` maps other words (lowercase, words separated by a
    space or a hyphen) to a value.
    """
    if value is None:
        return None
    text = str(value).strip()
    if text in choices:
        return text
    key = slugify(text, max_length=1000)
    by_slug = {slugify(c, max_length=1000): c for c in choices}
    if key in by_slug:
        return by_slug[key]
    synonyms = synonyms or {}
    for candidate in (key, key[:-1] if key.endswith("s") else None):
        if not candidate:
            continue
        for word in (candidate, candidate.replace("-", " ")):
            if synonyms.get(word) in choices:
                return synonyms[word]
        if candidate in by_slug:
            return by_slug[candidate]
    return None


def today() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH (UTC) when set, for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.date.today()


def subschema(schema: dict, path: str) -> dict:
    """The schema node for a field path such as `type`, `council_role` or `partners[].sector`."""
    node = schema
    for part in path.split("."):
        node = node.get("properties", {}).get(part.removesuffix("[]"), {})
        if part.endswith("[]"):
            node = node.get("items", {})
    return node


def enum_values(schema: dict, path: str) -> list[str]:
    """The allowed values of an enumerated field, or of the items of an enumerated list."""
    node = subschema(schema, path)
    if node.get("type") == "array":
        node = node.get("items", {})
    return list(node.get("enum", []))


def enum_descriptions(schema: dict, path: str) -> dict[str, str]:
    return dict(subschema(schema, path).get("x-enum-descriptions", {}))


def existing_ids(folder) -> dict[str, Path]:
    """Every record id already used under `folder` (by file name and by `id:` line)."""
    found: dict[str, Path] = {}
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in find_record_files([folder]):
        found.setdefault(path.stem, path)
        try:
            head = path.read_text(encoding="utf-8-sig", errors="replace")[:20_000]
        except OSError:
            continue
        m = re.search(r"^id:\s*['\"]?([^'\"\s#]+)", head, re.MULTILINE)
        if m:
            found.setdefault(m.group(1), path)
    return found


def record_folder(folder, directorate: str | None) -> Path:
    """`records/place` for directorate 'Place' when that sub-folder exists, else `records`."""
    folder = Path(folder)
    if directorate:
        sub = folder / slugify(directorate)
        if sub.is_dir():
            return sub
    return folder


def new_record_data(*, name: str, type: str, council_role: list[str], status: str = "proposed",
                    record_id: str | None = None, directorate: str | None = None,
                    sponsoring_officer: str | None = None, lead_organisation: str | None = None,
                    lead_sector: str | None = None, registered_by: str | None = None,
                    registered_on: dt.date | None = None) -> dict:
    """The fields of a new record, with only what has a value."""
    data: dict = {"id": record_id or slugify(name), "name": name.strip(), "status": status,
                  "type": type, "council_role": list(dict.fromkeys(council_role))}
    if directorate and directorate.strip():
        data["directorate"] = directorate.strip()
    if sponsoring_officer and sponsoring_officer.strip():
        data["sponsoring_officer"] = {"name": sponsoring_officer.strip()}
    if lead_organisation and lead_organisation.strip():
        if not lead_sector:
            raise ValueError(f"give the sector of {lead_organisation.strip()!r}")
        data["partners"] = [{"name": lead_organisation.strip(), "sector": lead_sector, "lead": True}]
    record = {"registered_on": registered_on or today()}
    if registered_by and registered_by.strip():
        record["registered_by"] = registered_by.strip()
    data["record"] = record
    return data


# --- Rendering ---------------------------------------------------------------------------

def _wrap(text: str, indent: str = "") -> str:
    lines = textwrap.wrap(text, width=96 - len(indent), break_long_words=False, break_on_hyphens=False)
    return comment("\n".join(lines), prefix=f"{indent}# ")


def _example(node: dict):
    """An example value for a field: the schema's own, or one built from its parts."""
    props = node.get("properties", {})
    if props and all(p.get("type") == "object" for p in props.values()):
        return {k: _example(p) for k, p in props.items() if _example(p) is not None}
    if node.get("examples"):
        return node["examples"][0]
    if node.get("type") == "array" and node.get("items", {}).get("enum"):
        return node["items"]["enum"][:1]
    if node.get("enum"):
        return node["enum"][0]
    if props:
        built = {k: _example(p) for k, p in props.items() if k in node.get("required", [])}
        return built or None
    return None


def _allowed(node: dict) -> str:
    values = node.get("enum") or node.get("items", {}).get("enum")
    if not values:
        return ""
    word = "Any of" if node.get("type") == "array" else "One of"
    return f"{word}: {', '.join(values)}."


def _describe(key: str, node: dict, indent: str = "") -> str:
    title = node.get("title", key)
    text = f"{title}: {node.get('description', '')}".strip()
    allowed = _allowed(node)
    return _wrap(text, indent) + (_wrap(allowed, indent) if allowed else "")


def _guidance(key: str, node: dict) -> str:
    """A commented-out section: what it is for, the values allowed, an example to uncomment."""
    example = _example(node)
    out = "#\n" + _describe(key, node)
    if example is None:
        return out
    props = node.get("properties", {})
    if isinstance(example, dict) and props and all(p.get("type") == "object" for p in props.values()):
        out += f"# {key}:\n"
        for sub, value in example.items():
            out += comment(props[sub].get("title", sub), prefix="#   # ")
            out += comment(dump({sub: value}, {"properties": {sub: props[sub]}}).rstrip("\n"), prefix="#   ")
        return out
    return out + comment(dump({key: example}, {"properties": {key: node}}).rstrip("\n"))


def _missing_parts(key: str, value: dict, node: dict) -> str:
    """Commented-out optional fields of a group the officer has started (e.g. a job title)."""
    out = ""
    for sub, subnode in node.get("properties", {}).items():
        if sub in value or subnode.get("type") == "object":
            continue
        example = (subnode.get("examples") or [None])[0]
        if example is None:
            continue
        out += _describe(sub, subnode, "  ")
        out += comment(dump({sub: example}, {"properties": {sub: subnode}}).rstrip("\n"), prefix="  # ")
    return out


def render_new_record(fields: dict, schema: dict) -> str:
    """The text of a new record file: given fields, commented guidance for the rest, a body skeleton."""
    props = schema.get("properties", {})
    out = comment(HEADER.rstrip("\n"))
    for key, node in props.items():
        if key in WHEN_IT_ENDS and key not in fields:
            continue
        if key in fields:
            out += dump({key: fields[key]}, {"properties": {key: node}})
            if isinstance(fields[key], dict) and node.get("type") == "object":
                out += _missing_parts(key, fields[key], node)
        else:
            out += _guidance(key, node)
    ended = ", ".join(k for k in WHEN_IT_ENDS if k in props and k not in fields)
    if ended:
        out += "#\n" + _wrap(f"When the partnership ends, set status: closed and add {ended} "
                             "(see the field reference).")
    unknown = {k: v for k, v in fields.items() if k not in props}
    if unknown:
        out += dump(unknown)
    return front_matter(out, BODY_SKELETON)


# --- Validation through the project's own loader ----------------------------------------------

def check_record_text(text: str, shown: str, schema_path: str | None = None) -> list[Problem]:
    """Every problem the loader finds in a record file's text, as if it were the file `shown` (in memory)."""
    return parse_record(text.encode("utf-8"), shown, schema_path).problems


def load_schema(schema_path=None) -> dict:
    return schema_mod.load_schema(str(schema_path) if schema_path else None)
