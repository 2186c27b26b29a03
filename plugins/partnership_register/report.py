"""The summary report's figures: pure functions of an assessed register.

Counts by status, type and directorate; the council's annual contribution in total, by
directorate and by type; significant partnerships; gaps by severity; overdue reviews; the
risk heat map. Nothing here renders: charts.py draws, templates/summary.html lays out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import schema as schema_mod
from .assess import Assessment

NOT_RECORDED = "Not recorded"
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: the value as stored, its label, and the figure."""

    key: str
    label: str
    value: float


@dataclass(frozen=True)
class Partnership:
    id: str
    name: str
    directorate: str
    annual_contribution: float
    health: str
    because: str = ""
    due: dt.date | None = None
    days_overdue: int = 0


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


@dataclass
class SummaryReport:
    as_of: dt.date
    council_name: str
    record_count: int
    by_status: list[Row]
    by_type: list[Row]
    by_directorate: list[Row]
    total_annual_contribution: float
    annual_by_directorate: list[Row]
    annual_by_type: list[Row]
    money_withheld_count: int
    significant: list[Partnership]
    gaps_by_severity: list[SeverityCount]
    overdue_reviews: list[Partnership]
    heat_map: list[list[HeatCell]]      # rows: likelihood 4 down to 1; cells: impact 1 to 4
    open_risk_count: int
    health: list[Row] = field(default_factory=list)


def label(value: str) -> str:
    """'joint-committee' → 'Joint committee', with the site's own words where it has them."""
    from .site import label as site_label  # imported here: site.py may import this module

    return site_label(value)


def _enum(field_name: str, schema: dict | None) -> list[str]:
    node = (schema or schema_mod.load_schema()).get("properties", {}).get(field_name, {})
    return list(node.get("enum", []))


def _counts(values: list[str], order: list[str] | None = None, keep_zero: bool = False) -> list[Row]:
    counts = Counter(values)
    if order is not None:
        keys = [k for k in order if keep_zero or counts.get(k)] + sorted(k for k in counts if k not in order)
    else:
        keys = sorted(counts, key=lambda k: (-counts[k], k == NOT_RECORDED, k.lower()))
    return [Row(k, label(k) if order is not None else k, counts.get(k, 0)) for k in keys]


def _sums(pairs: list[tuple[str, float]], labeller=lambda k: k) -> list[Row]:
    totals: dict[str, float] = defaultdict(float)
    for key, amount in pairs:
        totals[key] += amount
    keys = sorted(totals, key=lambda k: (-totals[k], k.lower()))
    return [Row(k, labeller(k), totals[k]) for k in keys if totals[k] > 0]


def summary(assessment: Assessment, schema: dict | None = None) -> SummaryReport:
    """Every figure on the summary page, from one assessment."""
    ras = assessment.records
    as_of = assessment.as_of

    def directorate(ra) -> str:
        value = ra.record.get("directorate")
        return value if isinstance(value, str) and value.strip() else NOT_RECORDED

    significant = [
        Partnership(ra.id, str(ra.record.get("name") or ra.id), directorate(ra), ra.facts.annual_contribution,
                    ra.health, ra.facts.significance.because or
                    ("the record states it is significant" if ra.facts.significance.stated else ""))
        for ra in ras if ra.facts.significance.effective]
    significant.sort(key=lambda p: (-p.annual_contribution, p.name.lower()))
    overdue = [
        Partnership(ra.id, str(ra.record.get("name") or ra.id), directorate(ra), ra.facts.annual_contribution,
                    ra.health, due=ra.facts.next_review, days_overdue=(as_of - ra.facts.next_review).days)
        for ra in ras if ra.facts.review_state == "overdue"]
    overdue.sort(key=lambda p: (p.due, p.name.lower()))

    gaps = [g for ra in ras for g in ra.gaps]
    by_sev = [SeverityCount(s, sum(1 for g in gaps if g.severity == s and g.is_open),
                            sum(1 for g in gaps if g.severity == s and g.acknowledged)) for s in SEVERITIES]

    open_risks = [r for ra in ras for r in ra.facts.risks if not r.closed]
    grid = Counter((r.likelihood, r.impact) for r in open_risks)
    heat = [[HeatCell(lk, im, lk * im, assessment.policy.band(lk * im), grid.get((lk, im), 0)) for im in range(1, 5)]
            for lk in range(4, 0, -1)]

    return SummaryReport(
        as_of=as_of,
        council_name=assessment.policy.council_name,
        record_count=len(ras),
        by_status=_counts([str(ra.record.get("status")) for ra in ras], _enum("status", schema), keep_zero=True),
        by_type=_counts([str(ra.record.get("type")) for ra in ras], _enum("type", schema)),
        by_directorate=_counts([directorate(ra) for ra in ras]),
        total_annual_contribution=sum(ra.facts.annual_contribution for ra in ras),
        annual_by_directorate=_sums([(directorate(ra), ra.facts.annual_contribution) for ra in ras]),
        annual_by_type=_sums([(str(ra.record.get("type")), ra.facts.annual_contribution) for ra in ras], label),
        money_withheld_count=sum(1 for ra in ras if ra.record.get("money_withheld")),
        significant=significant,
        gaps_by_severity=by_sev,
        overdue_reviews=overdue,
        heat_map=heat,
        open_risk_count=len(open_risks),
        health=_counts([ra.health for ra in ras], ["red", "amber", "green"], keep_zero=True),
    )


def money(amount: float) -> str:
    """£1,234,567 (pence shown only when there are any)."""
    return f"£{amount:,.2f}" if round(amount, 2) != int(amount) else f"£{int(amount):,}"


def count_text(value: float) -> str:
    return f"{int(value):,}"


# --- the page ---------------------------------------------------------------------------

SUMMARY_PAGE = "summary/index.md"


def _chart(chart_id: str, title: str, rows: list[Row], value_text, heading: str, value_heading: str) -> dict:
    from .charts import bar_chart

    return {"id": chart_id, "title": title, "svg": bar_chart(chart_id, title, rows, value_text),
            "heading": heading, "value_heading": value_heading,
            "rows": [{"label": r.label, "value": r.value, "text": value_text(r.value)} for r in rows]}


def summary_page_context(assessment: Assessment, record_url: str = "partnerships/{id}/",
                         schema: dict | None = None, council_name: str | None = None, internal: bool = False) -> dict:
    """Everything templates/summary.html needs: the figures, the charts (SVG text) and their tables."""
    from .charts import heat_map

    rep = summary(assessment, schema)
    sev_rows = [Row(s.severity, label(s.severity), s.open) for s in rep.gaps_by_severity]
    charts = [
        _chart("chart-status", "Partnerships by status", rep.by_status, count_text, "Status", "Partnerships"),
        _chart("chart-type", "Partnerships by type", rep.by_type, count_text, "Type", "Partnerships"),
        _chart("chart-directorate", "Partnerships by directorate", rep.by_directorate, count_text, "Directorate",
               "Partnerships"),
        _chart("chart-money-directorate", "Council's annual contribution by directorate", rep.annual_by_directorate,
               money, "Directorate", "Annual contribution"),
        _chart("chart-money-type", "Council's annual contribution by type of partnership", rep.annual_by_type, money,
               "Type", "Annual contribution"),
        _chart("chart-gaps", "Open governance gaps by severity", sev_rows, count_text, "Severity", "Open gaps"),
    ]
    return {
        "report": rep,
        "council_name": council_name or rep.council_name,
        "internal": internal,
        "total_annual_text": money(rep.total_annual_contribution),
        "charts": {c["id"]: c for c in charts},
        "heat_map": {"id": "chart-risk-heat-map", "title": "Open risks by likelihood and impact",
                     "svg": heat_map("chart-risk-heat-map", "Open risks by likelihood and impact", rep.heat_map)},
        "significant": [{"id": p.id, "name": p.name, "url": record_url.format(id=p.id), "directorate": p.directorate,
                         "annual_text": money(p.annual_contribution), "annual": p.annual_contribution,
                         "because": p.because, "health": p.health} for p in rep.significant],
        "overdue": [{"id": p.id, "name": p.name, "url": record_url.format(id=p.id), "directorate": p.directorate,
                     "due": p.due, "days_overdue": p.days_overdue} for p in rep.overdue_reviews],
        "open_gaps": sum(s.open for s in rep.gaps_by_severity),
        "acknowledged_gaps": sum(s.acknowledged for s in rep.gaps_by_severity),
    }


def summary_page_spec(assessment: Assessment, record_url: str = "partnerships/{id}/", schema: dict | None = None,
                      council_name: str | None = None, internal: bool = False):
    """PageSpec("summary/index.md", "Summary report", "summary.html", {"summary_page": …}, in_nav=True).

    `record_url` is a record page's site URL with {id} (ExportSettings.record_url).
    """
    from .site import PageSpec  # imported here: site.py may import this module

    context = {"summary_page": summary_page_context(assessment, record_url, schema, council_name, internal)}
    return PageSpec(SUMMARY_PAGE, "Summary report", "summary.html", context, in_nav=True)
