"""Each record's computed values, defined once: name, meaning, type and how it is worked out.

The CSV and XLSX (as `computed.<name>` columns), the CSVW description, the JSON downloads
(under `computed`) and the field reference all read this one list, so a computed value
means the same thing, with the same name, everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .facts import Gap, RecordAssessment, ScoredRisk

REVIEW_STATES = ("overdue", "due-soon", "scheduled", "not-scheduled", "closed")
AUDIT_STATES = ("overdue", "due-soon", "scheduled", "not-scheduled", "proposed", "closed")
HEALTH = ("red", "amber", "green")
BANDS = ("high", "medium", "low")
DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}


@dataclass(frozen=True)
class Computed:
    """One computed value of a record."""

    name: str
    title: str
    datatype: str            # string, decimal, integer, boolean, date, or json (a list of objects)
    description: str
    get: Callable            # RecordAssessment -> value (str, number, bool, date, list, or None)
    is_list: bool = False    # a list of plain values
    values: tuple = ()       # allowed values, for enumerations
    items: dict | None = None  # for json: the JSON Schema of one item

    def json_schema(self) -> dict:
        """The JSON Schema of this value in the JSON downloads."""
        scalar = {"decimal": {"type": "number", "minimum": 0}, "integer": {"type": ["integer", "null"], "minimum": 0},
                  "boolean": {"type": "boolean"}, "date": DATE_OR_NULL,
                  "string": {"type": ["string", "null"]}}.get(self.datatype, {})
        if self.values:
            scalar = {"enum": [*self.values, None]}
        if self.datatype == "json":
            out = {"type": "array", "items": self.items}
        elif self.is_list:
            out = {"type": "array", "items": {"type": "string"}}
        else:
            out = dict(scalar)
        return {**out, "title": self.title, "description": self.description}


GAP_ITEM = {"type": "object", "additionalProperties": False,
            "required": ["rule", "title", "severity", "detail", "since", "status", "acknowledgement_expires"],
            "properties": {"rule": {"type": "string", "description": "The gap rule id, as on the Gap rules page."},
                           "title": {"type": "string"}, "severity": {"enum": list(BANDS)},
                           "detail": {"type": "string"}, "since": DATE_OR_NULL,
                           "status": {"enum": ["open", "acknowledged", "expired"]},
                           "acknowledgement_expires": DATE_OR_NULL}}
RISK_ITEM = {"type": "object", "additionalProperties": False,
             "required": ["number", "title", "likelihood", "impact", "score", "band", "closed"],
             "properties": {"number": {"type": "integer", "minimum": 1, "description": "Position in the record's risks, from 1."},
                            "title": {"type": "string"},
                            "likelihood": {"type": "integer", "minimum": 1, "maximum": 4},
                            "impact": {"type": "integer", "minimum": 1, "maximum": 4},
                            "score": {"type": "integer", "minimum": 1, "maximum": 16},
                            "band": {"enum": list(BANDS)}, "closed": {"type": "boolean"}}}


def gap_object(gap: Gap) -> dict:
    """A gap as plain data (dates as YYYY-MM-DD), the same in every download."""
    ack = gap.acknowledgement or {}
    return {"rule": gap.rule.id, "title": gap.rule.title, "severity": gap.severity, "detail": gap.detail,
            "since": gap.since.isoformat() if gap.since else None, "status": gap.status,
            "acknowledgement_expires": ack.get("expires")}


def risk_object(risk: ScoredRisk) -> dict:
    return {"number": risk.index + 1, "title": risk.title, "likelihood": risk.likelihood, "impact": risk.impact,
            "score": risk.score, "band": risk.band, "closed": risk.closed}


def _highest(ra: RecordAssessment, attr: str):
    top = ra.facts.highest_risk
    return getattr(top, attr) if top else None


COMPUTED: tuple[Computed, ...] = (
    Computed("current", "Current (computed)", "boolean",
             "True for every partnership that is not closed. Closed partnerships are history: their money and "
             "counts are never added into today's totals.", lambda ra: ra.current),
    Computed("annual_contribution", "Annual contribution (£, computed)", "decimal",
             "The sum of the council's published annual money contributions (money entries with frequency annual). "
             "Confidential amounts are not included in the public register.", lambda ra: ra.facts.annual_contribution),
    Computed("one_off_contribution", "One-off contributions (£, computed)", "decimal",
             "The sum of the council's published one-off money contributions.",
             lambda ra: ra.facts.one_off_contribution),
    Computed("money_withheld", "Money withheld (computed)", "boolean",
             "True when at least one money entry is commercially confidential and left out of this register.",
             lambda ra: bool(ra.record.get("money_withheld"))),
    Computed("officer_days_per_month", "Officer days a month (computed)", "decimal",
             "The sum of officer_time days_per_month.", lambda ra: ra.facts.officer_days_per_month),
    Computed("lead_organisation", "Lead organisation (computed)", "string",
             "The council when its role includes lead, else the partner marked lead; empty when none is.",
             lambda ra: ra.facts.lead_organisation),
    Computed("accountable_body", "Accountable body (computed)", "string",
             "The council when its role includes accountable-body, else the partner marked as the accountable body; "
             "empty when none is.", lambda ra: ra.facts.accountable_body),
    Computed("partner_names", "Partner names (computed)", "string",
             "The names of the partner organisations, for reading; the partners field holds the full list.",
             lambda ra: ra.facts.partner_names, is_list=True),
    Computed("significant", "Significant (computed)", "boolean",
             "True when the partnership is significant by 001: the money involved is over the council's thresholds, "
             "or the record states it is significant (the level or nature of service delivery).",
             lambda ra: ra.facts.significance.effective),
    Computed("significant_by_money", "Significant by the money involved (computed)", "boolean",
             "True when the money involved alone makes the partnership significant: over the council's annual or "
             "one-off threshold (policy significance).", lambda ra: ra.facts.significance.money_material),
    Computed("significance_because", "Why it is significant (computed)", "string",
             "Why the partnership is significant, in words; empty when it is not.",
             lambda ra: ra.facts.significance.because or None),
    Computed("next_review", "Next review (computed)", "date",
             "When the next review is due: the stated next_review, or the review interval after the last review "
             "(or the start date), whichever is sooner. Empty for closed partnerships.",
             lambda ra: ra.facts.next_review),
    Computed("next_review_stated", "Next review as stated (computed)", "boolean",
             "True when the next review date is the one the record states, not the interval's.",
             lambda ra: ra.facts.next_review_stated),
    Computed("review_state", "Review state (computed)", "string",
             "On the assessment date: overdue, due-soon, scheduled, not-scheduled or closed.",
             lambda ra: ra.facts.review_state, values=REVIEW_STATES),
    Computed("audit_due", "Partnership audit due (computed)", "date",
             "When the next 003 Annex 1 audit of the partnership arrangements is due: the audit interval after the "
             "last audit (or the start date). Empty for proposed and closed partnerships.",
             lambda ra: ra.facts.audit_due),
    Computed("audit_state", "Audit state (computed)", "string",
             "On the assessment date: overdue, due-soon, scheduled, not-scheduled, proposed or closed.",
             lambda ra: ra.facts.audit_state, values=AUDIT_STATES),
    Computed("highest_risk_score", "Highest open risk score (computed)", "integer",
             "The highest likelihood × impact score among the risks not closed; empty when there are none.",
             lambda ra: _highest(ra, "score")),
    Computed("highest_risk_band", "Highest open risk band (computed)", "string",
             "The band (high, medium, low) of the highest open risk score.",
             lambda ra: _highest(ra, "band"), values=BANDS),
    Computed("risks", "Risk scores (computed)", "json",
             "Every risk with its computed score (likelihood × impact) and band: number, title, likelihood, impact, "
             "score, band, closed.", lambda ra: [risk_object(r) for r in ra.facts.risks], items=RISK_ITEM),
    Computed("open_gap_count", "Open governance gaps (computed)", "integer",
             "The number of governance gaps found on the assessment date and not acknowledged.",
             lambda ra: len(ra.open_gaps)),
    Computed("acknowledged_gap_count", "Acknowledged gaps (computed)", "integer",
             "The number of governance gaps the council has acknowledged (acceptance not expired).",
             lambda ra: len(ra.acknowledged_gaps)),
    Computed("gaps", "Governance gaps (computed)", "json",
             "Every governance gap found on the assessment date: rule, title, severity, detail, since, status "
             "(open, acknowledged, or expired: an acknowledgement that has lapsed), acknowledgement_expires.",
             lambda ra: [gap_object(g) for g in ra.gaps], items=GAP_ITEM),
    Computed("health", "Health (computed)", "string",
             "Red when an open gap is high severity; amber when gaps are open but none is high; green when nothing "
             "is open. Empty for closed partnerships, which have no live rating.",
             lambda ra: ra.health, values=HEALTH),
)


def computed_values(ra: RecordAssessment) -> dict:
    """{name: typed value} for one assessed record, in `COMPUTED` order."""
    return {c.name: c.get(ra) for c in COMPUTED}
