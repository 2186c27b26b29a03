"""The gap list in the forms the `gaps` command prints: text, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json

from ..assess.facts import SEVERITY_ORDER, Gap, RecordAssessment
from ..assess.register import AssessedRegister
from .table import neutralise

CSV_FIELDS = ["record", "name", "path", "directorate", "rule", "title", "severity", "detail", "since",
              "acknowledged", "acknowledgement_reason", "acknowledged_by", "acknowledgement_expires", "sources", "basis"]


def gap_row(ra: RecordAssessment, gap: Gap) -> dict:
    ack = gap.acknowledgement or {}
    return {
        "record": ra.id,
        "name": ra.record.get("name"),
        "path": ra.record.path,
        "directorate": ra.record.get("directorate"),
        "rule": gap.rule.id,
        "title": gap.rule.title,
        "severity": gap.severity,
        "detail": gap.detail,
        "since": gap.since.isoformat() if gap.since else None,
        "acknowledged": gap.acknowledged,
        "acknowledgement_reason": ack.get("reason"),
        "acknowledged_by": ack.get("accepted_by"),
        "acknowledgement_expires": ack.get("expires"),
        "sources": list(gap.rule.sources),
        "basis": gap.rule.basis,
    }


def counts(assessed: AssessedRegister) -> dict:
    """The same figures the site shows (AssessedRegister), for tools."""
    return {
        "records_assessed": len(assessed.records),
        "current": assessed.totals.current,
        "gaps": len(assessed.gaps()),
        "open": assessed.open_gap_count,
        "acknowledged": assessed.acknowledged_gap_count,
        "open_by_severity": {c.severity: c.open for c in assessed.gaps_by_severity},
        "health": dict(assessed.health_counts),
    }


def render(assessment: AssessedRegister, fmt: str) -> str:
    rows = [gap_row(ra, g) for ra, g in assessment.gaps()]
    if fmt == "json":
        return json.dumps({"assessed_as_of": assessment.as_of.isoformat(), "counts": counts(assessment),
                           "gaps": rows}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise("; ".join(v) if isinstance(v, list) else
                                           ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v)))
                             for k, v in row.items()})
        return out.getvalue()
    c = counts(assessment)
    if fmt == "markdown":
        def cell(text) -> str:
            return str(text or "").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
        lines = [f"## Governance gaps as of {assessment.as_of.isoformat()}", "",
                 f"{c['open']} open gap(s) ({c['open_by_severity']['high']} high, {c['open_by_severity']['medium']} "
                 f"medium, {c['open_by_severity']['low']} low) and {c['acknowledged']} acknowledged, across "
                 f"{c['records_assessed']} partnerships.", ""]
        if rows:
            lines += ["| Partnership | Gap | Severity | Detail |", "|---|---|---|---|"]
            lines += [f"| {cell(r['name'])} | {cell(r['title'])} (`{r['rule']}`) | {r['severity']}"
                      f"{' (acknowledged)' if r['acknowledged'] else ''} | {cell(r['detail'])} |" for r in rows]
        return "\n".join(lines) + "\n"
    lines = [f"Governance gaps as of {assessment.as_of.isoformat()}", ""]
    current = None
    for r in sorted(rows, key=lambda r: (str(r["name"]).lower(), r["record"], SEVERITY_ORDER[r["severity"]], r["rule"])):
        if r["record"] != current:
            current = r["record"]
            lines.append(f"{r['name']} ({r['path']})")
        ack = (f" [acknowledged by {r['acknowledged_by']} until {r['acknowledgement_expires']}]"
               if r["acknowledged"] else "")
        lines.append(f"  {r['severity'].upper():6} {r['rule']}: {r['detail']}{ack}")
    if rows:
        lines.append("")
    lines.append(f"{c['open']} open gap(s): {c['open_by_severity']['high']} high, {c['open_by_severity']['medium']} "
                 f"medium, {c['open_by_severity']['low']} low; {c['acknowledged']} acknowledged; "
                 f"{c['records_assessed']} partnerships assessed.")
    return "\n".join(lines) + "\n"
