"""register.json and one JSON file per partnership, described by schema/register.schema.json.

Each entry keeps the record's own fields under `record` (valid against the published
partnership schema) and everything the register works out under `computed`, so the two
are never confused.
"""

from __future__ import annotations

import json

from ..assess import Assessment, RecordAssessment
from ..policy import Policy


def dumps(value) -> bytes:
    """Compact JSON (indenting turns off the fast C encoder) with <, > and & written as \\u003c, \\u003e,
    \\u0026: the same data when parsed, and inert if a page ever embeds it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n").encode("utf-8")


def _iso(day):
    return day.isoformat() if day else None


def computed(ra: RecordAssessment) -> dict:
    f = ra.facts
    sig = f.significance
    return {
        "annual_contribution": f.annual_contribution,
        "one_off_contribution": f.one_off_contribution,
        "money_withheld": bool(ra.record.get("money_withheld")),
        "officer_days_per_month": f.officer_days_per_month,
        "lead_organisation": f.lead_organisation,
        "accountable_body": f.accountable_body,
        "significant": sig.effective,
        "significance_by_criteria": sig.computed,
        "significance_criteria_met": list(sig.criteria_met),
        "next_review": _iso(f.next_review),
        "next_review_stated": f.next_review_stated,
        "review_state": f.review_state,
        "health": ra.health,
        "gap_count": len(ra.open_gaps),
        "acknowledged_gap_count": len(ra.acknowledged_gaps),
        "gaps": [{
            "rule": g.rule.id,
            "title": g.rule.title,
            "severity": g.severity,
            "detail": g.detail,
            "since": _iso(g.since),
            "acknowledged": g.acknowledged,
            "acknowledgement_expires": (g.acknowledgement or {}).get("expires"),
        } for g in ra.gaps],
        "risks": [{
            "index": r.index,
            "title": r.title,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.score,
            "band": r.band,
            "closed": r.closed,
        } for r in f.risks],
    }


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


def policy_summary(policy: Policy) -> dict:
    """The settings the computed values depend on, so a reader can check them."""
    return {
        "council_name": policy.council_name,
        "review_interval_months": policy.review_interval_months,
        "due_soon_days": policy.due_soon_days,
        "significance_annual_contribution_over": policy.significance_annual_contribution,
        "significance_term_over_years": policy.significance_term_years,
        "significance_criteria": list(policy.significance_criteria),
        "significance_at_least": policy.significance_at_least,
        "risk_high_from": policy.risk_high_from,
        "risk_medium_from": policy.risk_medium_from,
    }


def register_document(assessment: Assessment, header: dict, entries: list[dict]) -> dict:
    """register.json: the header, the policy and every entry (made once, shared with the record files)."""
    return {**header, "policy": policy_summary(assessment.policy), "record_count": len(entries), "records": entries}


def record_document(header: dict, item: dict) -> dict:
    """One partnership's file: the same header and the same entry as in register.json."""
    return {**header, **item}
