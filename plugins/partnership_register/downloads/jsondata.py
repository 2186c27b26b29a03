"""register.json and one JSON file per partnership, described by schema/register.schema.json.

Each entry keeps the record's own fields under `record` (valid against the published
partnership schema) and everything the register works out under `computed`, so the two
are never confused.
"""

from __future__ import annotations

import dataclasses
import io
import json

from ..assess.computed import computed_values
from ..assess.facts import RecordAssessment
from ..assess.policy import Policy
from ..assess.register import AssessedRegister
from ..assess.rules import REFUSALS, RULES
from . import JSON_PATH, REGISTER_SCHEMA_PATH, SCHEMA_PATH, Export, record_json_path


def dumps(value) -> bytes:
    """Compact JSON (indenting turns off the fast C encoder) with <, > and & written as \\u003c, \\u003e,
    \\u0026: the same data when parsed, and inert if a page ever embeds it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)  # strict JSON, always
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n").encode("utf-8")


def _plain(value):
    """Dates as YYYY-MM-DD; everything else as JSON has it."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def computed(ra: RecordAssessment) -> dict:
    return {name: _plain(value) for name, value in computed_values(ra).items()}


def entry(ra: RecordAssessment, url: str, data: dict) -> dict:
    """One partnership: its page, its record (schema-valid) and what was computed.

    `data` is the record's data in schema order (`table.record_data`). The Markdown body is
    not included: it is published on the record page, rendered and sanitised, and raw
    Markdown may hold things (HTML comments) a page never shows.
    """
    return {
        "id": ra.id,
        "url": url,
        "record": {k: v for k, v in data.items() if k != "money_withheld"},
        "computed": computed(ra),
    }


def _clause(clause) -> dict | None:
    return dataclasses.asdict(clause) if clause else None


def policy_summary(policy: Policy) -> dict:
    """What the gaps depend on, as the Gap rules page shows it: every setting (named as in mkdocs.yml, with its
    default and where that comes from), every rule (clauses in the protocol's words, basis, the settings it reads,
    the severity in force) and what the register does not check."""
    return {
        "settings": [{"name": s.name, "value": s.value, "default": s.default, "source": s.source,
                      "clause": _clause(s.clause), "note": s.note or None, "meaning": s.meaning}
                     for s in policy.settings],
        "rules": [{"id": r.id, "title": r.title, "basis": r.basis, "clauses": [_clause(c) for c in r.clauses],
                   "settings": list(r.settings), "severity": policy.override(r.id).severity or r.severity,
                   "default_severity": r.severity, "enabled": policy.override(r.id).enabled, "statuses": list(r.statuses)}
                  for r in RULES],
        "refusals": [{"row": x.row, "clause": _clause(x.clause), "reason": x.reason} for x in REFUSALS],
    }


def register_document(assessed: AssessedRegister, header: dict, entries: list[dict]) -> dict:
    """register.json: the header, the policy and every entry (made once, shared with the record files)."""
    return {**header, "policy": policy_summary(assessed.policy), "record_count": len(entries), "records": entries}


class RegisterJSON:
    """register.json made entry by entry: the same bytes as `dumps(register_document(...))`, without
    ever holding every entry, or the whole register as one string (as text, then again as bytes)."""

    END = b"]}\n"  # `records` is the document's last key

    def __init__(self, assessed: AssessedRegister, header: dict, count: int) -> None:
        head = dumps({**register_document(assessed, header, []), "record_count": count})
        assert head.endswith(b'"records":[' + self.END), "records must be the last key"
        self.out = io.BytesIO()
        self.out.write(head[:-len(self.END)])
        self.count = 0

    def add(self, item: dict) -> None:
        self.out.write((b"," if self.count else b"") + dumps(item)[:-1])  # without the line end
        self.count += 1

    def bytes(self) -> bytes:
        self.out.write(self.END)
        return self.out.getvalue()


def record_document(header: dict, item: dict) -> dict:
    """One partnership's file: the same header and the same entry as in register.json."""
    return {**header, **item}


def files(ex: Export):
    """(path, bytes) of each partnership's file, one at a time, then of register.json."""
    header = {
        "title": ex.title,
        "publisher": ex.council,
        "schema_version": ex.schema.get("x-schema-version"),
        "schema": ex.site_link(SCHEMA_PATH),
        "register_schema": ex.site_link(REGISTER_SCHEMA_PATH),
        "assessed_as_of": ex.as_of,
        "licence": {"name": ex.settings.licence_name, "url": ex.settings.licence_url},
        "internal": ex.internal,
    }
    if ex.notice:
        header["notice"] = f"{ex.notice}: includes internal fields, confidential amounts and unpublished records."
    records = ex.assessed.records
    register = RegisterJSON(ex.assessed, header, len(records))
    for ra, data in zip(records, ex.record_data):
        item = entry(ra, ex.record_link(ra.id), data)
        register.add(item)
        yield record_json_path(ra.id), dumps(record_document(header, item))
    yield JSON_PATH, register.bytes()
