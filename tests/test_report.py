"""The summary report: figures (report.py), static SVG charts (charts.py), and the page templates."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from partnership_register import charts, pipeline, publication, report
from partnership_register.export import ExportSettings, artefacts
from partnership_register.export.datapage import data_page_specs
from partnership_register.policy import Policy

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "leak" / "records"
AS_OF = dt.date(2025, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"


def run(paths=(FIXTURE,), mode=publication.PUBLIC):
    return pipeline.run(list(paths), policy=Policy(council_name="Northshire District Council"), as_of=AS_OF,
                        mode=mode)


@pytest.fixture(scope="module")
def rep():
    return report.summary(run().assessment)


def rows(items):
    return {r.key: r.value for r in items}


def test_counts_by_status_type_and_directorate(rep):
    assert rep.record_count == 4
    assert [r.key for r in rep.by_status] == ["proposed", "active", "under-review", "exiting", "closed"]
    assert rows(rep.by_status) == {"proposed": 0, "active": 2, "under-review": 1, "exiting": 0, "closed": 1}
    assert rows(rep.by_type) == {"joint-committee": 1, "strategic-partnership": 1, "operational-partnership": 1,
                                 "informal": 1}
    assert [r.key for r in rep.by_type][0] == "joint-committee"  # the schema's order
    assert rows(rep.by_directorate) == {"People": 2, "Place": 1, "Corporate": 1}
    assert rep.by_directorate[0].key == "People"  # most first
    assert rep.by_status[2].label == "Under review"


def test_money_totals_leave_out_confidential_amounts(rep):
    assert rep.total_annual_contribution == pytest.approx(1500 + 2500 + 40000.5)
    assert rows(rep.annual_by_directorate) == {"People": 40000.5, "Corporate": 2500, "Place": 1500}
    assert rows(rep.annual_by_type)["joint-committee"] == 1500
    assert rep.money_withheld_count == 1
    internal = report.summary(run(mode=publication.INTERNAL).assessment)
    assert internal.total_annual_contribution == pytest.approx(1500 + 2500 + 40000.5 + 987654.32 + 123456.78)
    assert internal.money_withheld_count == 0


def test_significant_overdue_gaps_and_heat_map(rep):
    assessment = run().assessment
    assert {p.id for p in rep.significant} == {ra.id for ra in assessment.records if ra.facts.significance.effective}
    assert all(p.because for p in rep.significant)
    assert [p.id for p in rep.overdue_reviews] == ["formula-injection"]
    assert rep.overdue_reviews[0].days_overdue == (AS_OF - dt.date(2021, 1, 1)).days
    gaps = [g for ra in assessment.records for g in ra.gaps]
    assert {s.severity: s.open for s in rep.gaps_by_severity} == {
        s: sum(1 for g in gaps if g.severity == s and g.is_open) for s in ("high", "medium", "low")}
    assert sum(s.acknowledged for s in rep.gaps_by_severity) == 1
    grid = {(c.likelihood, c.impact): c for row in rep.heat_map for c in row}
    assert [row[0].likelihood for row in rep.heat_map] == [4, 3, 2, 1]
    assert len(grid) == 16
    assert {k: c.count for k, c in grid.items() if c.count} == {(3, 4): 1, (1, 2): 1, (2, 3): 1}  # closed 4×4 left out
    assert grid[(3, 4)].band == "high" and grid[(2, 3)].band == "medium" and grid[(1, 2)].band == "low"
    assert rep.open_risk_count == 3


def test_empty_register():
    from partnership_register.assess import Assessment

    empty = report.summary(Assessment(AS_OF, Policy(), []))
    assert empty.record_count == 0 and empty.total_annual_contribution == 0
    assert all(c.count == 0 for row in empty.heat_map for c in row)
    context = report.summary_page_context(Assessment(AS_OF, Policy(), []))
    for chart in context["charts"].values():
        ET.fromstring(chart["svg"])


# --- charts -------------------------------------------------------------------------------

def parse(svg_text: str) -> ET.Element:
    root = ET.fromstring(svg_text)
    assert root.tag == f"{SVG}svg"
    return root


def test_bar_chart_is_accessible_static_svg():
    data = [report.Row("a", "Active", 12), report.Row("b", "Closed", 3), report.Row("c", "Proposed", 0)]
    root = parse(charts.bar_chart("chart-x", "Partnerships by status", data))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id == "chart-x-title"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}title").text == "Partnerships by status"
    assert "Active: 12" in root.find(f"{SVG}desc").text
    assert "system-ui" in root.get("font-family")
    bars = root.findall(f".//{SVG}rect")
    assert len(bars) == 3
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > widths[2] == 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Active" in texts and "12" in texts
    assert "script" not in ET.tostring(root, encoding="unicode").lower()


def test_chart_labels_are_escaped_not_concatenated():
    hostile = '<script>alert("x")</script> & "quotes"'
    text = charts.bar_chart("chart-h", hostile, [report.Row("k", hostile, 1)], description=hostile)
    assert "<script>" not in text
    root = parse(text)
    assert root.find(f"{SVG}title").text == hostile
    assert any(hostile[:20] in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_long_labels_are_shortened_in_the_chart_only():
    long = "A very long directorate name that would not fit beside the bars at all"
    root = parse(charts.bar_chart("chart-l", "t", [report.Row(long, long, 5)]))
    shown = [t.text for t in root.iter(f"{SVG}text")]
    assert any(s.endswith("…") for s in shown)
    assert root.find(f".//{SVG}g/{SVG}title").text.startswith(long)


def test_heat_map_svg(rep):
    root = parse(charts.heat_map("chart-heat", "Open risks", rep.heat_map))
    assert root.get("role") == "img"
    cells = root.findall(f".//{SVG}g")
    assert len(cells) == 16
    titles = [g.find(f"{SVG}title").text for g in cells]
    assert "Likelihood 3, impact 4: score 12, high band, 1 open risk" in titles
    assert "likelihood 3, impact 4 (high): 1" in root.find(f"{SVG}desc").text


def test_charts_are_deterministic(rep):
    a = report.summary_page_context(run().assessment)
    b = report.summary_page_context(run().assessment)
    assert [c["svg"] for c in a["charts"].values()] == [c["svg"] for c in b["charts"].values()]


# --- page specs and templates --------------------------------------------------------------

class _Checker(HTMLParser):
    """Collects tags and ids, and fails on duplicate ids."""

    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k == "id":
                assert v not in self.ids, f"duplicate id {v}"
                self.ids.append(v)

    def handle_data(self, data):
        self.text.append(data)


def render(template: str, context: dict, page_url: str) -> str:
    render_mod = pytest.importorskip("partnership_register.render")
    renderer = render_mod.Renderer()
    return renderer.render_template(template, **context, as_of=AS_OF, policy=Policy(), internal=False,
                                    council_name="Northshire District Council", page_url=page_url,
                                    title="Page", toc=[])


def test_summary_page_spec_renders(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/hostile", minimal_record(
        "hostile", 'directorate: "<script>alert(1)</script>"\nmoney:\n  - amount: 5000\n    frequency: annual\n'
                   "    form: grant\n"))
    assessment = run((FIXTURE, tmp_path / "records")).assessment
    spec = report.summary_page_spec(assessment, council_name="Northshire District Council")
    assert spec.src_uri == "summary/index.md" and spec.template == "summary.html" and spec.in_nav
    html = render(spec.template, spec.context, "summary/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    checker = _Checker()
    checker.feed(html)
    assert checker.tags.count("svg") == 7  # six bar charts and the heat map
    assert checker.tags.count("table") >= 7  # each chart has its data table
    for chart_id in spec.context["summary_page"]["charts"]:
        assert chart_id in checker.ids and f"{chart_id}-table" in checker.ids
    assert '<a href="../partnerships/formula-injection/">' in html
    assert "@media print" in html and "break-inside: avoid" in html
    assert "£49,000.50" in html  # 1,500 + 2,500 + 40,000.50 + 5,000 (confidential money is not in the view)


def test_data_page_spec_renders():
    assessment = run().assessment
    settings = ExportSettings(council_name="Northshire District Council")
    produced = artefacts(assessment, settings)
    [spec] = data_page_specs(produced, assessment, settings)
    assert spec.src_uri == "data/index.md" and spec.template == "data.html" and spec.in_nav
    d = spec.context["data_page"]
    assert [f["name"] for f in d["downloads"]] == ["register.csv", "register.csv-metadata.json", "register.xlsx",
                                                   "register.json", "reviews.ics"]
    assert all(f["size"] == len(produced[f["url"]]) for f in d["downloads"] + d["schemas"])
    assert d["columns"][0]["name"] == "id"
    status = next(c for c in d["columns"] if c["name"] == "status")
    assert status["allowed"] == ["proposed", "active", "under-review", "exiting", "closed"]
    html = render(spec.template, spec.context, "data/")
    for link in ('href="register.csv"', 'href="register.xlsx"', 'href="register.json"', 'href="reviews.ics"',
                 'href="register.csv-metadata.json"', 'href="../schema/partnership.schema.json"',
                 'href="../schema/register.schema.json"', 'href="partnerships/leak-public.json"'):
        assert link in html
    assert "Open Government Licence v3.0" in html and 'rel="license"' in html
    assert "csvwvalidate register.csv-metadata.json" in html
    assert "computed.annual_contribution" in html
    checker = _Checker()
    checker.feed(html)
    assert "INTERNAL" not in html
