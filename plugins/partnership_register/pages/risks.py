"""Risks across the register: the 4×4 heat map of open risks and every high risk."""

from __future__ import annotations

from .site import NavEntry, PageSpec, Site

LIKELIHOOD_WORDS = {1: "Unlikely", 2: "Possible", 3: "Probable", 4: "Almost certain"}
IMPACT_WORDS = {1: "Low", 2: "Medium", 3: "Significant", 4: "High"}


def pages(site: Site) -> list[PageSpec]:
    a = site.assessed
    context = {"heat_map": a.heat_map, "bands": a.risk_bands, "total": len(a.open_risks),
               "high": [{"record": site.by_id[ra.id], "risk": risk} for ra, risk in a.high_risks]}
    return [PageSpec("risks/index.md", "Risks across the register", "risks.html", {"risks": context},
                     nav=NavEntry("Risks"))]
