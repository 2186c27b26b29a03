"""The assessed register: every record's assessment and every register-wide figure, each computed once.

Every page, command and download reads its figures from here (totals, counts, the heat map,
reviews due, gaps by severity, health), so no two of them can disagree. The terms:

* **current**: a partnership that is not closed (`facts.CURRENT_STATUSES`). Totals of money,
  counts by type and directorate, risks, reviews, significance and health count current
  partnerships only; closed ones are history.
* **gaps**: counted on every record in view, closed ones included (a closed partnership can
  still lack its final report); "open" means not acknowledged, or acknowledged but expired.
* **live**: active, under review or exiting: the council is in it now (proposed ones have not
  started). Audits (003 Annex 1) are due for live partnerships only.
* **the statement's period**: the 12 months up to and including the assessment date, or the day the
  council sets (`governance_statement.period_end`, e.g. its financial year end). The annual
  governance statement's "in the period" figures are worked out from the dates in the records
  (started, closed, reviewed, audited, finding done, risk identified); its "now" figures are the
  records as they are on the assessment date. The register keeps no snapshot of last year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..load.loader import Record
from ..text import NOT_RECORDED, label, long_date, to_date
from .facts import (CURRENT_STATUSES, HEALTH_ORDER, SEVERITY_ORDER, Gap, RecordAssessment, ScoredRisk,
                    add_months, assess_record)
from .policy import SEVERITIES, Policy
from .rules import LIVE, RULES
from .tools import Audit, RecordTools, record_tools

LIKELIHOODS = (4, 3, 2, 1)  # heat map rows, most likely first
STATEMENT_SETTINGS = ("review_interval_months", "audit_interval_months", "due_soon_days",
                      "significance.annual_contribution_over", "significance.one_off_contribution_over",
                      "significance.money_counted", "risk_bands.high_from")
IMPACTS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Totals:
    current: int               # partnerships not closed
    closed: int
    annual_contribution: float  # the council's money a year, current partnerships
    one_off_contribution: float
    officer_days_per_month: float
    money_withheld: int         # current partnerships with a confidential amount left out
    significant: int


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    open: int
    acknowledged: int


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: str
    count: int


@dataclass(frozen=True)
class RuleCount:
    rule: object
    severity: str
    records: int
    open: int
    acknowledged: int


@dataclass(frozen=True)
class DirectorateGaps:
    directorate: str
    records: int
    with_open: int
    open: int
    high: int


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class ReviewDone:
    ra: RecordAssessment
    date: dt.date
    by: str | None
    outcome: str | None


@dataclass(frozen=True)
class AuditDone:
    ra: RecordAssessment
    audit: Audit


@dataclass(frozen=True)
class HighGaps:
    """A significant partnership with high-severity gaps: the open ones and the acknowledged ones."""

    ra: RecordAssessment
    open: tuple[Gap, ...]
    acknowledged: tuple[Gap, ...]


@dataclass(frozen=True)
class Change:
    """Something that happened to a partnership on a date in the statement's period."""

    ra: RecordAssessment
    date: dt.date
    detail: str


@dataclass(frozen=True)
class FindingRow:
    """One finding of an audit, with the audit's date."""

    ra: RecordAssessment
    audit_date: dt.date
    finding: dict     # finding, action, owner, due, done_on (dates as dates)


@dataclass(frozen=True)
class Figure:
    """One headline figure of the governance statement, with how it is counted (printed beneath it)."""

    key: str
    title: str
    value: int
    definition: str


def directorate_of(ra: RecordAssessment) -> str:
    value = ra.record.get("directorate")
    return value if isinstance(value, str) and value.strip() else NOT_RECORDED


class AssessedRegister:
    """A whole register assessed on one date under one policy."""

    def __init__(self, as_of: dt.date, policy: Policy, records: list[RecordAssessment]):
        self.as_of = as_of
        self.policy = policy
        self.records = records  # by name, then id

    # --- records ---------------------------------------------------------------------

    @cached_property
    def by_id(self) -> dict[str, RecordAssessment]:
        return {ra.id: ra for ra in self.records}

    @cached_property
    def current(self) -> list[RecordAssessment]:
        return [ra for ra in self.records if ra.current]

    @cached_property
    def closed(self) -> list[RecordAssessment]:
        return [ra for ra in self.records if not ra.current]

    @cached_property
    def live(self) -> list[RecordAssessment]:
        return [ra for ra in self.records if ra.facts.status in LIVE]

    @cached_property
    def proposed(self) -> list[RecordAssessment]:
        return [ra for ra in self.records if ra.facts.status == "proposed"]

    @cached_property
    def tools(self) -> dict[str, RecordTools]:
        """Each record's protocol tools (002 checklist and Improvement Template, 003 audit, entry test), by id."""
        names = {ra.id: ra.name for ra in self.records}
        return {ra.id: record_tools(ra, names) for ra in self.records}

    # --- gaps --------------------------------------------------------------------------

    def gaps(self, include_acknowledged: bool = True) -> list[tuple[RecordAssessment, Gap]]:
        """Every gap, most severe first, then by partnership name and rule."""
        return [(ra, g) for ra, g in self._gap_rows if include_acknowledged or g.is_open]

    @cached_property
    def _gap_rows(self) -> list[tuple[RecordAssessment, Gap]]:
        rows = [(ra, g) for ra in self.records for g in ra.gaps]
        return sorted(rows, key=lambda rg: (SEVERITY_ORDER[rg[1].severity], rg[0].name.lower(), rg[1].rule.id))

    def open_gaps_at_or_above(self, severity: str) -> list[tuple[RecordAssessment, Gap]]:
        limit = SEVERITY_ORDER[severity]
        return [(ra, g) for ra, g in self.gaps(False) if SEVERITY_ORDER[g.severity] <= limit]

    @cached_property
    def gaps_by_severity(self) -> list[SeverityCount]:
        return [SeverityCount(s, sum(1 for _, g in self._gap_rows if g.severity == s and g.is_open),
                              sum(1 for _, g in self._gap_rows if g.severity == s and g.acknowledged))
                for s in SEVERITIES]

    @cached_property
    def open_gap_count(self) -> int:
        return sum(c.open for c in self.gaps_by_severity)

    @cached_property
    def acknowledged_gap_count(self) -> int:
        return sum(c.acknowledged for c in self.gaps_by_severity)

    @cached_property
    def records_with_open_gaps(self) -> int:
        return sum(1 for ra in self.records if ra.open_gaps)

    @cached_property
    def gaps_by_rule(self) -> list[RuleCount]:
        per_rule: dict = defaultdict(list)
        for ra, g in self._gap_rows:
            per_rule[g.rule.id].append((ra, g))
        out = [RuleCount(rule, found[0][1].severity, len({ra.id for ra, _ in found}),
                         sum(1 for _, g in found if g.is_open), sum(1 for _, g in found if g.acknowledged))
               for rule in RULES if (found := per_rule.get(rule.id))]
        return sorted(out, key=lambda x: (SEVERITY_ORDER[x.severity], -x.records, x.rule.title.casefold()))

    @cached_property
    def gaps_by_directorate(self) -> list[DirectorateGaps]:
        groups: dict = defaultdict(list)
        for ra in self.records:
            groups[directorate_of(ra)].append(ra)
        return [DirectorateGaps(d, len(rs), sum(1 for ra in rs if ra.open_gaps), sum(len(ra.open_gaps) for ra in rs),
                                sum(1 for ra in rs for g in ra.open_gaps if g.severity == "high"))
                for d, rs in sorted(groups.items(), key=lambda kv: (kv[0] == NOT_RECORDED, kv[0].casefold()))]

    def rule_found(self, rule_id: str) -> int:
        return sum(1 for _, g in self._gap_rows if g.rule.id == rule_id)

    # --- current partnerships: totals and breakdowns ------------------------------------

    @cached_property
    def totals(self) -> Totals:
        cur = self.current
        return Totals(len(cur), len(self.closed), sum(ra.facts.annual_contribution for ra in cur),
                      sum(ra.facts.one_off_contribution for ra in cur),
                      sum(ra.facts.officer_days_per_month for ra in cur),
                      sum(1 for ra in cur if ra.record.get("money_withheld")),
                      len(self.significant))

    @cached_property
    def significant(self) -> list[RecordAssessment]:
        """Current significant partnerships, largest annual contribution first."""
        found = [ra for ra in self.current if ra.facts.significance.effective]
        return sorted(found, key=lambda ra: (-ra.facts.annual_contribution, ra.name.lower()))

    def count_by(self, key, records=None, order=()) -> list[tuple[str, int]]:
        """[(value, count)] of current partnerships (or `records`): `order`'s values first, then by count."""
        counts = Counter(key(ra) for ra in (self.current if records is None else records))
        rest = sorted((k for k in counts if k not in order), key=lambda k: (-counts[k], k == NOT_RECORDED, str(k).lower()))
        return [(k, counts[k]) for k in order if counts.get(k)] + [(k, counts[k]) for k in rest]

    def money_by(self, key) -> list[tuple[str, float]]:
        """[(value, the council's annual money)] over current partnerships, largest first, zeros left out."""
        totals: dict = defaultdict(float)
        for ra in self.current:
            totals[key(ra)] += ra.facts.annual_contribution
        return [(k, v) for k, v in sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0]).lower())) if v > 0]

    @cached_property
    def by_status(self) -> list[tuple[str, int]]:
        """Every status, closed included (a row of its own), with zeros: the register's shape at a glance."""
        counts = Counter(ra.facts.status for ra in self.records)
        return [(s, counts.get(s, 0)) for s in CURRENT_STATUSES + ("closed",)]

    @cached_property
    def health_counts(self) -> list[tuple[str, int]]:
        counts = Counter(ra.health for ra in self.current)
        return [(h, counts.get(h, 0)) for h in sorted(HEALTH_ORDER, key=HEALTH_ORDER.get)]

    # --- risks of current partnerships ------------------------------------------------------

    @cached_property
    def open_risks(self) -> list[tuple[RecordAssessment, ScoredRisk]]:
        return [(ra, r) for ra in self.current for r in ra.facts.open_risks]

    @cached_property
    def heat_map(self) -> list[list[HeatCell]]:
        """Rows: likelihood 4 down to 1; cells: impact 1 to 4; open risks of current partnerships."""
        cells = Counter((r.likelihood, r.impact) for _, r in self.open_risks)
        return [[HeatCell(li, im, li * im, self.policy.band(li * im), cells.get((li, im), 0)) for im in IMPACTS]
                for li in LIKELIHOODS]

    @cached_property
    def risk_bands(self) -> list[tuple[str, int]]:
        counts = Counter(r.band for _, r in self.open_risks)
        return [(b, counts.get(b, 0)) for b in ("high", "medium", "low")]

    @cached_property
    def high_risks(self) -> list[tuple[RecordAssessment, ScoredRisk]]:
        found = [(ra, r) for ra, r in self.open_risks if r.band == "high"]
        return sorted(found, key=lambda x: (-x[1].score, x[0].name.casefold(), x[1].title.casefold()))

    # --- reviews of current partnerships ---------------------------------------------------

    def _reviews(self, state: str) -> list[RecordAssessment]:
        found = [ra for ra in self.current if ra.facts.review_state == state]
        if state == "not-scheduled":
            return found
        return sorted(found, key=lambda ra: (ra.facts.next_review, ra.name.casefold()))

    @cached_property
    def reviews_overdue(self) -> list[RecordAssessment]:
        return self._reviews("overdue")

    @cached_property
    def reviews_due_soon(self) -> list[RecordAssessment]:
        return self._reviews("due-soon")

    @cached_property
    def reviews_scheduled(self) -> list[RecordAssessment]:
        return self._reviews("scheduled")

    @cached_property
    def reviews_not_scheduled(self) -> list[RecordAssessment]:
        return self._reviews("not-scheduled")

    # --- 003 Annex 1 audits of live partnerships ----------------------------------------------

    def _audits(self, state: str) -> list[RecordAssessment]:
        found = [ra for ra in self.live if ra.facts.audit_state == state]
        if state == "not-scheduled":
            return found
        return sorted(found, key=lambda ra: (ra.facts.audit_due, ra.name.casefold()))

    @cached_property
    def audits_overdue(self) -> list[RecordAssessment]:
        return self._audits("overdue")

    @cached_property
    def audits_due_soon(self) -> list[RecordAssessment]:
        return self._audits("due-soon")

    @cached_property
    def audits_scheduled(self) -> list[RecordAssessment]:
        return self._audits("scheduled")

    @cached_property
    def audits_not_scheduled(self) -> list[RecordAssessment]:
        return self._audits("not-scheduled")

    @cached_property
    def never_audited(self) -> list[RecordAssessment]:
        """Live partnerships with no audit recorded."""
        return [ra for ra in self.live if not ra.facts.audits]

    # --- the annual governance statement (003 §3: the audits inform it) ------------------------

    @cached_property
    def statement_period(self) -> Period:
        """The 12 months up to and including the council's period end, by default the assessment date."""
        end = self.policy.governance_statement.period_end or self.as_of
        return Period(add_months(end, -12) + dt.timedelta(days=1), end)

    @cached_property
    def reviewed_in_period(self) -> list[ReviewDone]:
        """Each partnership reviewed in the period, with its latest review in it; by date, then name."""
        out = []
        for ra in self.records:
            done = [r for r in ra.facts.reviews if r["date"] in self.statement_period]
            if done:
                out.append(ReviewDone(ra, done[-1]["date"], done[-1].get("by"), done[-1].get("outcome")))
        return sorted(out, key=lambda x: (x.date, x.ra.name.casefold()))

    @cached_property
    def not_reviewed_in_period(self) -> list[RecordAssessment]:
        """Live partnerships that started before the period (or whose start is not recorded) with no review in it."""
        reviewed = {x.ra.id for x in self.reviewed_in_period}
        start = self.statement_period.start
        return [ra for ra in self.live if ra.id not in reviewed
                and (ra.facts.date("start_date") is None or ra.facts.date("start_date") <= start)]

    @cached_property
    def audits_in_period(self) -> list[AuditDone]:
        """Every audit dated in the period; by date, then name."""
        out = [AuditDone(ra, a) for ra in self.records for a in self.tools[ra.id].audit.audits
               if a.date in self.statement_period]
        return sorted(out, key=lambda x: (x.audit.date, x.ra.name.casefold()))

    @cached_property
    def significant_with_high_gaps(self) -> list[HighGaps]:
        """Significant partnerships not closed with a high-severity gap, open or acknowledged; by name."""
        out = []
        for ra in self.current:
            if not ra.facts.significance.effective:
                continue
            high = [g for g in ra.gaps if g.severity == "high"]
            if high:
                out.append(HighGaps(ra, tuple(g for g in high if g.is_open), tuple(g for g in high if g.acknowledged)))
        return out

    @cached_property
    def entered_in_period(self) -> list[Change]:
        """Partnerships (not still proposed) whose start date is in the period, with the approval recorded."""
        out = []
        for ra in self.records:
            start = ra.facts.date("start_date")
            if ra.facts.status != "proposed" and start in self.statement_period:
                a = ra.record.get("approval") if isinstance(ra.record.get("approval"), dict) else {}
                approved = (f"approved by {a['body']}" + (f" on {long_date(a['date'])}" if a.get("date") else "")
                            if a.get("body") else "no approval recorded")
                out.append(Change(ra, start, approved))
        return _by_date(out)

    @cached_property
    def closed_in_period(self) -> list[Change]:
        out = [Change(ra, ra.facts.date("closed_date"),
                      label(ra.record.get("end_reason")) if ra.record.get("end_reason") else "no reason recorded")
               for ra in self.records if ra.facts.date("closed_date") in self.statement_period]
        return _by_date(out)

    @cached_property
    def withdraw_in_period(self) -> list[Change]:
        """Reviews in the period that decided the council should withdraw."""
        out = [Change(ra, r["date"], f"review{' by ' + r['by'] if r.get('by') else ''}: withdraw")
               for ra in self.records for r in ra.facts.reviews
               if r["outcome"] == "withdraw" and r["date"] in self.statement_period]
        return _by_date(out)

    @cached_property
    def reform_in_period(self) -> list[Change]:
        """Reviews in the period that decided to reform the partnership, and audits in it with plans for reform."""
        out = [Change(ra, r["date"], f"review{' by ' + r['by'] if r.get('by') else ''}: reform"
                      + (f". {r['summary']}" if r.get("summary") else ""))
               for ra in self.records for r in ra.facts.reviews
               if r["outcome"] == "reform" and r["date"] in self.statement_period]
        out += [Change(x.ra, x.audit.date, f"audit by {x.audit.by}: {x.audit.reform_plans}")
                for x in self.audits_in_period if x.audit.has_reform_plans]
        return _by_date(out)

    @cached_property
    def new_high_risks_in_period(self) -> list[Change]:
        """Open high risks of partnerships not closed, first identified in the period."""
        out = []
        for ra, risk in self.open_risks:
            raw = (ra.record.get("risks") or [])[risk.index]
            identified = to_date(raw.get("date_identified")) if isinstance(raw, dict) else None
            if risk.band == "high" and identified in self.statement_period:
                out.append(Change(ra, identified, f"{risk.title} (score {risk.score})"))
        return _by_date(out)

    @cached_property
    def findings_done_in_period(self) -> list[FindingRow]:
        """Audit findings marked done in the period; by the date done."""
        out = [FindingRow(ra, a.date, x) for ra in self.records for a in self.tools[ra.id].audit.audits
               for x in a.findings if x.get("done_on") in self.statement_period]
        return sorted(out, key=lambda x: (x.finding["done_on"], x.ra.name.casefold()))

    @cached_property
    def findings_outstanding(self) -> list[FindingRow]:
        """Audit findings of partnerships not closed with no done date, now; those due soonest first."""
        out = [FindingRow(ra, a.date, x) for ra in self.current for a in self.tools[ra.id].audit.audits
               for x in a.open_findings]
        return sorted(out, key=lambda x: (x.finding.get("due") is None, x.finding.get("due") or x.audit_date,
                                          x.ra.name.casefold()))

    @cached_property
    def findings_overdue(self) -> list[FindingRow]:
        return [x for x in self.findings_outstanding if x.finding.get("due") and x.finding["due"] < self.as_of]

    @cached_property
    def statement_settings(self) -> list:
        """The settings the statement's figures depend on (SettingInfo: value, default, where it comes from)."""
        found = [self.policy.setting(name) for name in STATEMENT_SETTINGS]
        return [s for s in found if s is not None]

    @cached_property
    def statement_headline(self) -> list[Figure]:
        """The governance statement's headline figures, each with how it is counted."""
        sig_open = sum(1 for x in self.significant_with_high_gaps if x.open)
        counts = {c.severity: c.open for c in self.gaps_by_severity}
        return [
            Figure("live_now", "Partnerships the council is in now", len(self.live),
                   "Active, under review or exiting on the assessment date."),
            Figure("proposed_now", "Proposed partnerships", len(self.proposed),
                   "Proposed on the assessment date: not yet entered."),
            Figure("significant_now", "Significant partnerships", len(self.significant),
                   "Not closed, and significant on the assessment date."),
            Figure("reviewed_in_period", "Partnerships reviewed in the period", len(self.reviewed_in_period),
                   "At least one review dated in the period."),
            Figure("not_reviewed_in_period", "Live partnerships not reviewed in the period",
                   len(self.not_reviewed_in_period),
                   "Live now, started before the period began (or start not recorded), no review dated in it."),
            Figure("audits_in_period", "Audits done in the period (003 Annex 1)", len(self.audits_in_period),
                   "Audits of the partnership arrangements dated in the period."),
            Figure("audits_overdue_now", "Audits overdue", len(self.audits_overdue),
                   f"Live partnerships whose audit was due before the assessment date: "
                   f"{self.policy.audit_interval_months} months after the last audit, or after the start."),
            Figure("audits_due_soon_now", "Audits due soon", len(self.audits_due_soon),
                   f"Live partnerships whose audit is due within {self.policy.due_soon_days} days."),
            Figure("never_audited_now", "Live partnerships never audited", len(self.never_audited),
                   "Live now, with no audit recorded."),
            Figure("significant_with_open_high_gaps_now", "Significant partnerships with open high gaps", sig_open,
                   "Not closed, significant, with at least one high-severity gap not acknowledged."),
            Figure("open_high_gaps_now", "Open high-severity gaps", counts.get("high", 0),
                   "Across every partnership on the register, not acknowledged."),
            Figure("open_gaps_now", "Open gaps of any severity", self.open_gap_count,
                   "Across every partnership on the register, not acknowledged."),
            Figure("acknowledged_gaps_now", "Acknowledged gaps", self.acknowledged_gap_count,
                   "Gaps the council has accepted for now, with a reason and an expiry date."),
            Figure("entered_in_period", "Partnerships entered in the period", len(self.entered_in_period),
                   "Start date in the period (not still proposed)."),
            Figure("closed_in_period", "Partnerships closed in the period", len(self.closed_in_period),
                   "Closed date in the period."),
            Figure("findings_done_in_period", "Audit findings done in the period", len(self.findings_done_in_period),
                   "Findings of any audit whose done date is in the period."),
            Figure("findings_outstanding_now", "Audit findings outstanding", len(self.findings_outstanding),
                   "Findings of audits of partnerships not closed, with no done date."),
        ]


def _by_date(rows: list[Change]) -> list[Change]:
    return sorted(rows, key=lambda x: (x.date, x.ra.name.casefold(), x.detail))


def assess_register(records: list[Record], as_of: dt.date, policy: Policy) -> AssessedRegister:
    """Assess valid records (invalid ones carry problems instead and are not assessed)."""
    ordered = sorted((r for r in records if r.valid), key=lambda r: (str(r.get("name", "")).lower(), r.id))
    return AssessedRegister(as_of, policy, [assess_record(r, as_of, policy) for r in ordered])
