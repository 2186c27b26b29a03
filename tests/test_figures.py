"""The register's figures (assess/register.py), the static SVG charts (pages/charts.py), and the summary page."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from partnership_register import pages, pipeline
from partnership_register.assess import publication
from partnership_register.assess.register import AssessedRegister, directorate_of
from partnership_register.pages import charts
from partnership_register.pages.render import Renderer
from partnership_register.pages.summary import Row

from helpers import make_policy, make_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "leak" / "records"
AS_OF = dt.date(2025, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"


def settings(records=FIXTURE, mode=publication.PUBLIC):
    return make_settings(records, as_of=AS_OF, mode=mode)


def run(mode=publication.PUBLIC):
    return pipeline.run(settings(mode=mode))


@pytest.fixture(scope="module")
def assessed():
    return run().assessed


def test_counts_by_status_type_and_directorate(assessed):
    assert len(assessed.records) == 4 and assessed.totals.current == 3 and assessed.totals.closed == 1
    assert dict(assessed.by_status) == {"proposed": 0, "active": 2, "under-review": 1, "exiting": 0, "closed": 1}
    types = ["joint-committee", "strategic-partnership", "operational-partnership", "informal"]
    by_type = assessed.count_by(lambda ra: ra.record.get("type"), order=types)
    assert by_type == [("joint-committee", 1), ("strategic-partnership", 1), ("informal", 1)]  # closed not counted
    assert dict(assessed.count_by(directorate_of)) == {"People": 1, "Place": 1, "Corporate": 1}


def test_money_totals_leave_out_confidential_amounts_and_closed_partnerships(assessed):
    assert assessed.totals.annual_contribution == pytest.approx(1500 + 2500 + 40000.5)
    assert dict(assessed.money_by(directorate_of)) == {"People": 40000.5, "Corporate": 2500, "Place": 1500}
    assert assessed.totals.money_withheld == 1
    internal = run(mode=publication.INTERNAL).assessed
    assert internal.totals.annual_contribution == pytest.approx(1500 + 2500 + 40000.5 + 987654.32 + 123456.78)
    assert internal.totals.money_withheld == 0


def test_significant_overdue_gaps_and_heat_map(assessed):
    assert {ra.id for ra in assessed.significant} == {ra.id for ra in assessed.current
                                                      if ra.facts.significance.effective}
    assert all(ra.facts.significance.explanation for ra in assessed.significant)
    assert [ra.id for ra in assessed.reviews_overdue] == ["formula-injection"]
    gaps = [g for ra in assessed.records for g in ra.gaps]
    assert {s.severity: s.open for s in assessed.gaps_by_severity} == {
        s: sum(1 for g in gaps if g.severity == s and g.is_open) for s in ("high", "medium", "low")}
    assert assessed.acknowledged_gap_count == 1
    grid = {(c.likelihood, c.impact): c for row in assessed.heat_map for c in row}
    assert [row[0].likelihood for row in assessed.heat_map] == [4, 3, 2, 1]
    assert len(grid) == 16
    assert {k: c.count for k, c in grid.items() if c.count} == {(3, 4): 1, (1, 2): 1, (2, 3): 1}  # closed 4×4 left out
    assert grid[(3, 4)].band == "high" and grid[(2, 3)].band == "medium" and grid[(1, 2)].band == "low"
    assert len(assessed.open_risks) == 3


def test_empty_register():
    empty = AssessedRegister(AS_OF, make_policy(), [])
    assert empty.totals.current == 0 and empty.totals.annual_contribution == 0
    assert all(c.count == 0 for row in empty.heat_map for c in row)
    ET.fromstring(charts.heat_map("h", "t", empty.heat_map))
    ET.fromstring(charts.bar_chart("b", "t", []))


# --- charts -------------------------------------------------------------------------------

def parse(svg_text: str) -> ET.Element:
    root = ET.fromstring(svg_text)
    assert root.tag == f"{SVG}svg"
    return root


def test_bar_chart_is_accessible_static_svg():
    data = [Row("Active", 12), Row("Closed", 3), Row("Proposed", 0)]
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
    text = charts.bar_chart("chart-h", hostile, [Row(hostile, 1)], description=hostile)
    assert "<script>" not in text
    root = parse(text)
    assert root.find(f"{SVG}title").text == hostile
    assert any(hostile[:20] in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_long_labels_are_shortened_in_the_chart_only():
    long = "A very long directorate name that would not fit beside the bars at all"
    root = parse(charts.bar_chart("chart-l", "t", [Row(long, 5)]))
    shown = [t.text for t in root.iter(f"{SVG}text")]
    assert any(s.endswith("…") for s in shown)
    assert root.find(f".//{SVG}g/{SVG}title").text.startswith(long)


def test_heat_map_svg(assessed):
    root = parse(charts.heat_map("chart-heat", "Open risks", assessed.heat_map))
    assert root.get("role") == "img"
    cells = root.findall(f".//{SVG}g")
    assert len(cells) == 16
    titles = [g.find(f"{SVG}title").text for g in cells]
    assert "Likelihood 3, impact 4: score 12, high band, 1 open risk" in titles
    assert "likelihood 3, impact 4 (high): 1" in root.find(f"{SVG}desc").text


def test_charts_are_deterministic():
    a, b = pages.summary.context(pages.build_site(settings())), pages.summary.context(pages.build_site(settings()))
    assert [c["svg"] for c in a["charts"].values()] == [c["svg"] for c in b["charts"].values()]


# --- the summary and data pages ---------------------------------------------------------------

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


def rendered(site, src_uri: str) -> tuple:
    (spec,) = [p for p in site.pages if p.src_uri == src_uri]
    html, _ = Renderer().render(spec, site, site.url_of(src_uri))
    return spec, html


def test_summary_page_renders(tmp_path, write_record, minimal_record):
    import shutil

    records = tmp_path / "records"
    shutil.copytree(FIXTURE, records)
    write_record(tmp_path, "records/hostile", minimal_record(
        "hostile", 'directorate: "<script>alert(1)</script>"\nmoney:\n  - amount: 5000\n    frequency: annual\n'
                   "    form: grant\n"))
    site = pages.build_site(settings(records))
    spec, html = rendered(site, "summary/index.md")
    assert spec.template == "summary.html" and spec.nav.title == "Summary report"
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    checker = _Checker()
    checker.feed(html)
    assert checker.tags.count("svg") == 7  # six bar charts and the heat map
    assert checker.tags.count("table") >= 7  # each chart has its data table
    for chart_id in spec.context["summary_page"]["charts"]:
        assert chart_id in checker.ids and f"{chart_id}-table" in checker.ids
    assert '<a href="../partnerships/formula-injection/">' in html
    assert "£49,000.50" in html  # 1,500 + 2,500 + 40,000.50 + 5,000 (confidential money is not in the view)


def test_data_page_renders():
    site = pages.build_site(settings())
    produced = site.downloads
    spec, html = rendered(site, "data/index.md")
    assert spec.template == "data.html" and spec.nav.title == "Data and downloads"
    d = spec.context["data_page"]
    assert [f["name"] for f in d["downloads"]] == ["register.csv", "register.csv-metadata.json", "register.xlsx",
                                                   "register.json", "reviews.ics", "annual-governance-statement.csv",
                                                   "annual-governance-statement.json"]
    assert all(f["size"] == len(produced[f["url"]]) for f in d["downloads"] + d["schemas"])
    assert d["columns"][0]["name"] == "id"
    status = next(c for c in d["columns"] if c["name"] == "status")
    assert status["allowed"] == ["proposed", "active", "under-review", "exiting", "closed"]
    for link in ('href="register.csv"', 'href="register.xlsx"', 'href="register.json"', 'href="reviews.ics"',
                 'href="register.csv-metadata.json"', 'href="../schema/partnership.schema.json"',
                 'href="../schema/register.schema.json"', 'href="partnerships/leak-public.json"'):
        assert link in html
    assert "Open Government Licence v3.0" in html and 'rel="license"' in html
    assert "csvwvalidate register.csv-metadata.json" in html
    assert "computed.annual_contribution" in html.replace("<wbr>", "")  # column names may break at . and _
    _Checker().feed(html)
    assert "INTERNAL" not in html
