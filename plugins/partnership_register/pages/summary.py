"""The summary report: the register's figures with static charts, each chart followed by its table.

Every figure is read from the assessed register (`assess/register.py`); this module only
chooses which to show and draws them.
"""

from __future__ import annotations

from typing import NamedTuple

from ..assess.register import directorate_of
from ..text import label, money, number
from . import charts
from .site import NavEntry, PageSpec, Site


class Row(NamedTuple):
    label: str
    value: float


def _count(value) -> str:
    return number(value)


def chart(chart_id: str, title: str, rows: list[Row], value_text, heading: str, value_heading: str) -> dict:
    return {"id": chart_id, "title": title, "svg": charts.bar_chart(chart_id, title, rows, value_text),
            "heading": heading, "value_heading": value_heading,
            "rows": [{"label": r.label, "value": r.value, "text": value_text(r.value)} for r in rows]}


def context(site: Site) -> dict:
    """Everything templates/summary.html needs: which figures, the charts (SVG text) and their tables."""
    a = site.assessed
    schema = site.schema
    types = schema["properties"]["type"].get("enum", [])
    charts_ = [
        chart("chart-status", "Partnerships by status", [Row(label(k), v) for k, v in a.by_status], _count,
              "Status", "Partnerships"),
        chart("chart-type", "Current partnerships by type",
              [Row(label(k), v) for k, v in a.count_by(lambda ra: ra.record.get("type"), order=types)], _count,
              "Type", "Partnerships"),
        chart("chart-directorate", "Current partnerships by directorate",
              [Row(k, v) for k, v in a.count_by(directorate_of)], _count, "Directorate", "Partnerships"),
        chart("chart-money-directorate", "Council's annual contribution by directorate",
              [Row(k, v) for k, v in a.money_by(directorate_of)], money, "Directorate", "Annual contribution"),
        chart("chart-money-type", "Council's annual contribution by type of partnership",
              [Row(label(k), v) for k, v in a.money_by(lambda ra: ra.record.get("type"))], money, "Type",
              "Annual contribution"),
        chart("chart-gaps", "Open governance gaps by severity",
              [Row(label(s.severity), s.open) for s in a.gaps_by_severity], _count, "Severity", "Open gaps"),
    ]
    title = "Open risks of current partnerships by likelihood and impact"
    return {
        "charts": {c["id"]: c for c in charts_},
        "heat_map": {"id": "chart-risk-heat-map", "title": title,
                     "svg": charts.heat_map("chart-risk-heat-map", title, a.heat_map)},
        "significant": site.views(a.significant),
        "overdue": site.views(a.reviews_overdue),
    }


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("summary/index.md", "Summary report", "summary.html", {"summary_page": context(site)},
                     nav=NavEntry("Summary report"))]
