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
from ..text import long_date, money, to_date
from .policy import Policy
from .rules import RULES, Rule
from .rules.base import norm

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
    inherent: tuple | None = None        # (likelihood, impact) before any controls (001: inherent)
    target: tuple | None = None          # (likelihood, impact) once planned controls work (001: residual)
    date_identified: dt.date | None = None
    category: str | None = None
    escalation: dict | None = None       # where a high risk was referred (004 Appendix 10)
    reported_to_board: dt.date | None = None

    @property
    def inherent_score(self) -> int | None:
        return self.inherent[0] * self.inherent[1] if self.inherent else None

    @property
    def target_score(self) -> int | None:
        return self.target[0] * self.target[1] if self.target else None


@dataclass(frozen=True)
class Significance:
    """001's test: material in the money involved (the council's thresholds) and/or in service delivery (stated)."""

    money_material: bool      # money involved strictly over either threshold (annual with annual, one-off with one-off)
    stated: bool | None       # significance.significant
    stated_reason: str | None
    grounds: tuple            # significance.grounds (informational)
    money_annual: float       # the money involved, as policy significance.money_counted counts it
    money_one_off: float
    annual_over: float        # the thresholds in force
    one_off_over: float

    @property
    def effective(self) -> bool:
        """001:59 "and/or": either limb alone is enough."""
        return self.money_material or self.stated is True

    @property
    def because(self) -> str:
        """Why it is significant, in words ('' when it is not)."""
        parts = []
        if self.money_annual > self.annual_over:
            parts.append(f"the money involved ({money(self.money_annual)} a year) is over the council's threshold "
                         f"({money(self.annual_over)} a year)")
        if self.money_one_off > self.one_off_over:
            parts.append(f"the one-off money involved ({money(self.money_one_off)}) is over the council's threshold "
                         f"({money(self.one_off_over)})")
        if self.stated is True:
            reason = str(self.stated_reason or "").rstrip(".")
            parts.append("the record states it is significant" + (f": {reason}" if reason else ""))
        return "; and ".join(parts)

    @property
    def explanation(self) -> str:
        return self.because


@dataclass(frozen=True)
class ApprovalState:
    """Which approvals of the council's participation are recorded (design of issue 12, §1.4)."""

    decision: bool              # approval.body and approval.date given
    executive: bool             # by an approving body, directly or under its delegation (with a reference)
    director: bool              # approval.director_approval by and date
    head_of_service: bool       # approval.head_of_service_approval by and date
    participation: bool         # approved as policy every_partnership_approval requires
    participation_on: dt.date | None  # the date participation became approved

    @property
    def any(self) -> bool:
        return self.decision or self.director or self.head_of_service


@dataclass(frozen=True)
class Commitment:
    """The council's first commitment: the earliest of the start and every money[].committed_on."""

    date: dt.date
    words: str                  # "started on 1 April 2020" / "committed money on 1 March 2020"


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
    other_contribution: float = 0.0  # amounts given without saying whether a year or once (e.g. over 3 years)
    officer_days_per_month: float = 0.0
    lead_organisation: str | None = None
    accountable_body: str | None = None
    significance: Significance | None = None
    approvals: ApprovalState | None = None
    first_commitment: Commitment | None = None
    next_review: dt.date | None = None
    next_review_stated: bool = False
    review_state: str = "not-scheduled"
    audits: list[dict] = field(default_factory=list)   # by date, each with its date parsed
    audit_due: dt.date | None = None
    audit_state: str = "not-scheduled"

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
    def pooled_budget(self) -> bool:
        """A pooled or aligned budget (004:265-267 counts a parallel, aligned, budget as a kind of pooled budget)."""
        return self.data.get("type") == "pooled-budget" or any(
            isinstance(m, dict) and m.get("form") in ("pooled-budget", "aligned-budget")
            for m in self.data.get("money") or [])

    @property
    def finance_involved(self) -> bool:
        """004 §9.1's scope: council money, the council as accountable body, or a pooled budget (services alone not)."""
        return self.money_committed or "accountable-body" in self.council_roles or self.pooled_budget

    @property
    def last_audit(self) -> dict | None:
        return self.audits[-1] if self.audits else None

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
            bool(r.get("closed")), _pair(r.get("inherent")), _pair(r.get("target")), to_date(r.get("date_identified")),
            r.get("category"), r.get("escalation"), to_date(r.get("reported_to_board"))))
    return out


def _pair(score) -> tuple | None:
    return (int(score["likelihood"]), int(score["impact"])) if isinstance(score, dict) else None


def _lead_and_body(record: Record, council: str) -> tuple[str | None, str | None]:
    roles = record.get("council_role") or []
    partners = [p for p in record.get("partners") or [] if isinstance(p, dict)]
    lead = council if "lead" in roles else next((p["name"] for p in partners if p.get("lead")), None)
    body = council if "accountable-body" in roles else next((p["name"] for p in partners if p.get("accountable_body")), None)
    return lead, body


def _by_frequency(entries) -> tuple[float, float, float]:
    """(annual, one-off, other) totals: other is amounts that say neither (over 3 years, or nothing)."""
    annual = one_off = other = 0.0
    for m in entries:
        if not isinstance(m, dict) or m.get("amount") is None:
            continue
        if m.get("frequency") == "annual":
            annual += float(m["amount"])
        elif m.get("frequency") == "one-off":
            one_off += float(m["amount"])
        else:
            other += float(m["amount"])
    return annual, one_off, other


def _significance(f: Facts) -> Significance:
    p = f.policy.significance
    annual, one_off = f.annual_contribution, f.one_off_contribution
    if p.money_counted == "partnership":
        theirs = _by_frequency(p_.get("contribution") for p_ in f.data.get("partners") or [] if isinstance(p_, dict))
        annual, one_off = annual + theirs[0], one_off + theirs[1]
    stated = f.data.get("significance") or {}
    return Significance(annual > p.annual_contribution_over or one_off > p.one_off_contribution_over,
                        stated.get("significant") if isinstance(stated.get("significant"), bool) else None,
                        stated.get("reason"), tuple(stated.get("grounds") or ()), annual, one_off,
                        p.annual_contribution_over, p.one_off_contribution_over)


def _signed(value) -> dt.date | None:
    """The date of a sign-off (by and date both given), else None."""
    return to_date(value.get("date")) if isinstance(value, dict) and value.get("by") else None


def _approvals(f: Facts) -> ApprovalState:
    a = f.data.get("approval") if isinstance(f.data.get("approval"), dict) else {}
    bodies = {norm(b) for b in f.policy.approving_bodies}
    decided_on = to_date(a.get("date")) if a.get("body") else None
    delegation = a.get("delegation") if isinstance(a.get("delegation"), dict) else {}
    executive = decided_on is not None and (norm(a.get("body")) in bodies or (
        norm(delegation.get("from")) in bodies and bool(delegation.get("reference"))))
    director_on, head_on = _signed(a.get("director_approval")), _signed(a.get("head_of_service_approval"))
    mode = f.policy.every_partnership_approval
    if mode == "head-of-service-and-director":
        participation = bool(head_on and director_on)
        on = max(head_on, director_on) if participation else None
    elif mode == "any":
        dates = [d for d in (decided_on, director_on, head_on) if d]
        participation, on = bool(dates), min(dates, default=None)
    else:  # director-or-executive (004 §6.4)
        dates = [d for d in ((decided_on if executive else None), director_on) if d]
        participation, on = bool(dates), min(dates, default=None)
    return ApprovalState(decided_on is not None, executive, director_on is not None, head_on is not None,
                         participation, on)


def _first_commitment(f: Facts) -> Commitment | None:
    start = f.date("start_date")
    candidates = [(start, f"started on {long_date(start)}")] if start else []
    candidates += [(d, f"committed money on {long_date(d)}") for m in f.data.get("money") or []
                   if isinstance(m, dict) and (d := to_date(m.get("committed_on")))]
    if not candidates:
        return None
    day, words = min(candidates, key=lambda c: c[0])
    return Commitment(day, words)


def _audit_schedule(f: Facts) -> None:
    """The next 003 Annex 1 audit: the audit interval after the last audit (or the start)."""
    if f.status in ("proposed", "closed"):
        f.audit_state = f.status
        return
    base = f.last_audit["date"] if f.last_audit else f.date("start_date")
    f.audit_due = add_months(base, f.policy.audit_interval_months) if base else None
    if f.audit_due is None:
        f.audit_state = "not-scheduled"
    elif f.audit_due < f.as_of:
        f.audit_state = "overdue"
    elif (f.audit_due - f.as_of).days <= f.policy.due_soon_days:
        f.audit_state = "due-soon"
    else:
        f.audit_state = "scheduled"


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
                         "summary": r.get("summary"), "link": r.get("link"), "improvement": r.get("improvement")}
                        for r in record.get("reviews") or [] if to_date(r.get("date"))), key=lambda r: r["date"])
    f.audits = sorted(({**a, "date": to_date(a.get("date"))} for a in record.get("audits") or []
                       if isinstance(a, dict) and to_date(a.get("date"))), key=lambda a: a["date"])
    f.annual_contribution, f.one_off_contribution, f.other_contribution = _by_frequency(record.get("money") or [])
    f.officer_days_per_month = float(sum(o.get("days_per_month", 0) for o in record.get("officer_time") or []))
    f.lead_organisation, f.accountable_body = _lead_and_body(record, policy.council_name)
    f.significance = _significance(f)
    f.approvals = _approvals(f)
    f.first_commitment = _first_commitment(f)
    _review_schedule(f)
    _audit_schedule(f)
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
