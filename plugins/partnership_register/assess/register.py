"""The assessed register: every record's assessment and every register-wide figure, each computed once.

Every page, command and download reads its figures from here (totals, counts, the heat map,
reviews due, gaps by severity, health), so no two of them can disagree. The terms:

* **current**: a partnership that is not closed (`facts.CURRENT_STATUSES`). Totals of money,
  counts by type and directorate, risks, reviews, significance and health count current
  partnerships only; closed ones are history.
* **gaps**: counted on every record in view, closed ones included (a closed partnership can
  still lack its final report); "open" means not acknowledged, or acknowledged but expired.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..load.loader import Record
from ..text import NOT_RECORDED
from .facts import CURRENT_STATUSES, HEALTH_ORDER, SEVERITY_ORDER, Gap, RecordAssessment, ScoredRisk, assess_record
from .policy import SEVERITIES, Policy
from .rules import RULES

LIKELIHOODS = (4, 3, 2, 1)  # heat map rows, most likely first
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


def assess_register(records: list[Record], as_of: dt.date, policy: Policy) -> AssessedRegister:
    """Assess valid records (invalid ones carry problems instead and are not assessed)."""
    ordered = sorted((r for r in records if r.valid), key=lambda r: (str(r.get("name", "")).lower(), r.id))
    return AssessedRegister(as_of, policy, [assess_record(r, as_of, policy) for r in ordered])
