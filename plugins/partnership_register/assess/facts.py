"""One record assessed: its computed values (money, risk scores, significance, next review), its gaps, its health.

Everything here is computed, never typed in: a record says likelihood and impact, the
assessment says score and band. The assessment date is explicit and reproducible (see
`policy.assessment_date`). Register-wide figures are in `register.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from ..load.loader import Record
from ..text import to_date
from .policy import SIGNIFICANCE_CRITERIA, Policy
from .rules import RULES, Rule

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
HEALTH_ORDER = {"red": 0, "amber": 1, "green": 2}
CURRENT_STATUSES = ("proposed", "active", "under-review", "exiting")
"""A current partnership is any not closed. Closed ones are history: shown as such, never in today's totals."""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ScoredRisk:
    """A risk with its computed score (likelihood × impact, 004 Appendix 10) and band."""

    index: int
    title: str
    likelihood: int
    impact: int
    score: int
    band: str
    owner: str | None
    cause: str | None
    event: str | None
    consequence: str | None
    controls_in_place: tuple
    controls_planned: tuple
    strategy: str | None
    last_reviewed: dt.date | None
    closed: bool


@dataclass(frozen=True)
class Significance:
    computed: bool
    criteria_met: tuple       # criterion ids
    stated: bool | None
    stated_reason: str | None

    @property
    def effective(self) -> bool:
        """Significant if either the record or the council's criteria say so."""
        return self.computed or bool(self.stated)

    @property
    def because(self) -> str:
        """The council's criteria it meets, in words ('' when none)."""
        return "; ".join(SIGNIFICANCE_CRITERIA[c] for c in self.criteria_met)

    @property
    def explanation(self) -> str:
        """Why it counts as significant: the criteria met, else the record's own statement."""
        return self.because or ("the record states it is significant" if self.stated else "")


@dataclass(frozen=True)
class Gap:
    """A rule a record does not meet, as found on the assessment date."""

    rule: Rule
    severity: str
    detail: str
    since: dt.date | None = None
    acknowledgement: dict | None = None   # the record's acknowledgement, if any
    acknowledged: bool = False            # acknowledged and not yet expired

    @property
    def is_open(self) -> bool:
        return not self.acknowledged

    @property
    def acknowledgement_expired(self) -> bool:
        return self.acknowledgement is not None and not self.acknowledged

    @property
    def status(self) -> str:
        """open, acknowledged, or expired (an acknowledgement that has lapsed: the gap counts again)."""
        if self.acknowledged:
            return "acknowledged"
        return "expired" if self.acknowledgement_expired else "open"


@dataclass
class Facts:
    """What the rules look at: the record's data plus the values computed from it."""

    record: Record
    as_of: dt.date
    policy: Policy
    risks: list[ScoredRisk] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    annual_contribution: float = 0.0
    one_off_contribution: float = 0.0
    officer_days_per_month: float = 0.0
    lead_organisation: str | None = None
    accountable_body: str | None = None
    significance: Significance | None = None
    next_review: dt.date | None = None
    next_review_stated: bool = False
    review_state: str = "not-scheduled"

    @property
    def data(self) -> dict:
        return self.record.data

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "")

    @property
    def current(self) -> bool:
        return self.status in CURRENT_STATUSES

    @property
    def council_roles(self) -> list[str]:
        return list(self.data.get("council_role") or [])

    @property
    def money_committed(self) -> bool:
        return any(isinstance(m, dict) and (m.get("amount") or 0) > 0 for m in self.data.get("money") or [])

    @property
    def open_risks(self) -> list[ScoredRisk]:
        return [r for r in self.risks if not r.closed]

    @property
    def highest_risk(self) -> ScoredRisk | None:
        return max(self.open_risks, key=lambda r: r.score, default=None)

    @property
    def partner_names(self) -> list[str]:
        return [str(p["name"]) for p in self.data.get("partners") or [] if isinstance(p, dict) and p.get("name")]

    def date(self, *path) -> dt.date | None:
        return self.record.date(*path)

    add_months = staticmethod(add_months)


@dataclass
class RecordAssessment:
    """The assessment of one record: computed facts, its gaps and its health rating (None when closed)."""

    facts: Facts
    gaps: list[Gap]
    health: str | None

    @property
    def record(self) -> Record:
        return self.facts.record

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        return str(self.record.get("name") or self.id)

    @property
    def current(self) -> bool:
        return self.facts.current

    @property
    def open_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.is_open]

    @property
    def acknowledged_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.acknowledged]


# --- computing facts -------------------------------------------------------------------

def _score_risks(record: Record, policy: Policy) -> list[ScoredRisk]:
    out = []
    for i, r in enumerate(record.get("risks") or []):
        likelihood, impact = int(r["likelihood"]), int(r["impact"])
        score = likelihood * impact
        out.append(ScoredRisk(
            i, r.get("title", f"Risk {i + 1}"), likelihood, impact, score, policy.band(score), r.get("owner"),
            r.get("cause"), r.get("event"), r.get("consequence"), tuple(r.get("controls_in_place") or ()),
            tuple(r.get("controls_planned") or ()), r.get("strategy"), to_date(r.get("last_reviewed")),
            bool(r.get("closed"))))
    return out


def _lead_and_body(record: Record, council: str) -> tuple[str | None, str | None]:
    roles = record.get("council_role") or []
    partners = [p for p in record.get("partners") or [] if isinstance(p, dict)]
    lead = council if "lead" in roles else next((p["name"] for p in partners if p.get("lead")), None)
    body = council if "accountable-body" in roles else next((p["name"] for p in partners if p.get("accountable_body")), None)
    return lead, body


def _significance(f: Facts) -> Significance:
    p = f.policy.significance
    start = f.date("start_date")
    end = f.date("proposed_end_date") or f.as_of
    term_years = ((end - start).days / 365.25) if start else 0
    tests = {
        "annual-contribution": f.annual_contribution > p.annual_contribution_over,
        "one-off-contribution": f.one_off_contribution > p.one_off_contribution_over,
        "long-term": term_years > p.term_over_years,
        "high-risk": any(r.band == "high" for r in f.open_risks),
        "statutory": f.data.get("statutory") == "statutory",
        "accountable-body": "accountable-body" in f.council_roles,
        "service-delivery": f.data.get("service_delivery") is True,
    }
    met = tuple(c for c in p.criteria if tests[c])
    stated = f.data.get("significance") or {}
    return Significance(len(met) >= p.at_least, met,
                        stated.get("significant") if isinstance(stated.get("significant"), bool) else None,
                        stated.get("reason"))


def _review_schedule(f: Facts) -> None:
    """Next review: the stated date, or the interval since the last review (or the start), whichever is sooner."""
    if f.status == "closed":
        f.review_state = "closed"
        return
    stated = f.date("next_review")
    base = f.reviews[-1]["date"] if f.reviews else f.date("start_date")
    by_interval = add_months(base, f.policy.review_interval_months) if base else None
    if f.status == "proposed":
        by_interval = None  # not started: only a stated date counts
    candidates = [d for d in (stated, by_interval) if d]
    f.next_review = min(candidates) if candidates else None
    f.next_review_stated = f.next_review is not None and f.next_review == stated
    if f.next_review is None:
        f.review_state = "not-scheduled"
    elif f.next_review < f.as_of:
        f.review_state = "overdue"
    elif (f.next_review - f.as_of).days <= f.policy.due_soon_days:
        f.review_state = "due-soon"
    else:
        f.review_state = "scheduled"


def facts_for(record: Record, as_of: dt.date, policy: Policy) -> Facts:
    f = Facts(record, as_of, policy)
    f.risks = _score_risks(record, policy)
    f.reviews = sorted(({"date": to_date(r["date"]), "outcome": r.get("outcome"), "by": r.get("by"),
                         "summary": r.get("summary"), "link": r.get("link")}
                        for r in record.get("reviews") or [] if to_date(r.get("date"))), key=lambda r: r["date"])
    for m in record.get("money") or []:  # an entry without an amount or a frequency is in no total
        if m.get("amount") is not None and m.get("frequency") == "annual":
            f.annual_contribution += float(m["amount"])
        elif m.get("amount") is not None and m.get("frequency") == "one-off":
            f.one_off_contribution += float(m["amount"])
    f.officer_days_per_month = float(sum(o.get("days_per_month", 0) for o in record.get("officer_time") or []))
    f.lead_organisation, f.accountable_body = _lead_and_body(record, policy.council_name)
    f.significance = _significance(f)
    _review_schedule(f)
    return f


def _acknowledgement(record: Record, rule_id: str) -> dict | None:
    acks = [a for a in record.get("acknowledged_gaps") or [] if a.get("rule") == rule_id]
    return max(acks, key=lambda a: a.get("expires", "")) if acks else None


def gaps_for(f: Facts) -> list[Gap]:
    out = []
    for rule in RULES:
        override = f.policy.override(rule.id)
        if not override.enabled or f.status not in rule.statuses:
            continue
        finding = rule.check(f)
        if finding is None:
            continue
        ack = _acknowledgement(f.record, rule.id)
        expires = to_date(ack.get("expires")) if ack else None
        out.append(Gap(rule, override.severity or rule.severity, finding.detail, finding.since, ack,
                       bool(expires and expires >= f.as_of)))
    return sorted(out, key=lambda g: (SEVERITY_ORDER[g.severity], g.rule.id))


def health_rating(gaps: list[Gap]) -> str:
    """Red: an open high-severity gap. Amber: open gaps, none high. Green: nothing open."""
    open_gaps = [g for g in gaps if g.is_open]
    if any(g.severity == "high" for g in open_gaps):
        return "red"
    return "amber" if open_gaps else "green"


def assess_record(record: Record, as_of: dt.date, policy: Policy) -> RecordAssessment:
    f = facts_for(record, as_of, policy)
    gaps = gaps_for(f)
    return RecordAssessment(f, gaps, health_rating(gaps) if f.current else None)
