"""The register at a glance on the home page: its headline figures, each a link to the page behind it.

The council writes its own home page (`docs/index.md`); the plugin puts the at-a-glance block
where the page has the marker comment `<!-- partnership-register: at a glance -->`, or else
straight after its first heading. Without a `docs/index.md` the plugin adds a generated home
page holding the block. Every figure is read from the assessed register.
"""

from __future__ import annotations

import re

from ..assess.register import directorate_of
from ..text import money
from . import charts
from .site import NavEntry, PageSpec, Site
from .summary import Row

MARKER = "<!-- partnership-register: at a glance -->"
HOME = "index.md"
TEMPLATE = "partials/at_a_glance.html"
CHART_TITLE = "The council's money a year, by directorate"


def context(site: Site) -> dict:
    """What the at-a-glance block shows: figures from the assessed register and one small chart."""
    a = site.assessed
    rows = [Row(k, v) for k, v in a.money_by(directorate_of)]
    return {"glance": {
        "totals": a.totals, "gaps": a.gaps_by_severity, "open_gaps": a.open_gap_count,
        "overdue": len(a.reviews_overdue), "high_risks": len(a.high_risks),
        "chart": {"title": CHART_TITLE, "svg": charts.bar_chart("chart-home-money", CHART_TITLE, rows, money)},
    }}


def with_glance(html: str, block: str) -> str:
    """The council's home page HTML with the block at the marker, else after the first heading, else first."""
    if MARKER in html:
        return html.replace(MARKER, block, 1)
    heading = re.search(r"</h1\s*>", html)
    at = heading.end() if heading else 0
    return html[:at] + "\n" + block + "\n" + html[at:]


def glance_spec(site: Site) -> PageSpec:
    """The block alone, rendered into the council's own home page."""
    return PageSpec(HOME, site.settings.site_name, TEMPLATE, context(site))


def home_page(site: Site) -> PageSpec:
    """A home page for a register whose docs/ has none of its own."""
    return PageSpec(HOME, site.settings.site_name, "home.html", context(site), nav=NavEntry("Home"))
