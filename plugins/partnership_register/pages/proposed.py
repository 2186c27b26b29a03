"""Proposed partnerships: each one's "should we enter?" test (003 §3; 004 Appendices 2 and 3): what was
considered, who was consulted, who signed off, and what is missing. The record page shows the same block."""

from __future__ import annotations

from .site import NavEntry, PageSpec, Site


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("proposed/index.md", "Proposed partnerships", "proposed.html",
                     {"proposed": site.views(site.assessed.proposed)}, nav=NavEntry("Proposed partnerships"))]
