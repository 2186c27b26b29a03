"""Governance gaps across the register, and the gap rules: each rule's clauses, basis and the council's settings."""

from __future__ import annotations

from ..assess.facts import health_rating
from ..assess.rules import REFUSALS, RULES
from .site import WIDE, NavEntry, PageSpec, Site

BASIS_WORDS = {
    "protocol": "From the protocols",
    "hygiene": "Register hygiene — an inference the register makes to keep records consistent; no protocol clause "
               "requires it",
}


def gap_rows(site: Site) -> list:
    """Every gap on the register as the pages show it, in the assessed register's order."""
    views = {(g.record.id, g.rule.id): g for r in site.records for g in r.gaps}
    return [views[(ra.id, gap.rule.id)] for ra, gap in site.assessed.gaps()]


def rule_catalogue(site: Site) -> dict:
    """What the Gap rules page shows: every rule (clauses, basis, settings, severity), every setting, the refusals."""
    p = site.settings.policy
    rules = []
    for rule in RULES:
        o = p.override(rule.id)
        rules.append({"rule": rule, "enabled": o.enabled, "severity": o.severity or rule.severity,
                      "default_severity": rule.severity, "changed": bool(o.severity and o.severity != rule.severity),
                      "found": site.assessed.rule_found(rule.id), "basis": BASIS_WORDS[rule.basis],
                      "settings": [p.setting(name) for name in rule.settings]})
    bands = p.risk_bands
    return {
        "rules": rules,
        "settings": list(p.settings),
        "refusals": list(REFUSALS),
        "health_doc": " ".join((health_rating.__doc__ or "").split()),
        "bands": [{"band": "high", "low": bands.high_from, "high": 16},
                  {"band": "medium", "low": bands.medium_from, "high": bands.high_from - 1},
                  {"band": "low", "low": 1, "high": bands.medium_from - 1}],
        "significance": [p.setting(f"significance.{n}") for n in
                         ("annual_contribution_over", "one_off_contribution_over", "money_counted")],
        "approving_bodies": p.setting("approving_bodies"),
    }


def pages(site: Site) -> list[PageSpec]:
    return [
        PageSpec("gaps/index.md", "Governance gaps", "gaps.html", {"rows": gap_rows(site)},
                 nav=NavEntry("Governance gaps")),
        PageSpec("gaps/rules.md", "Gap rules", "rules.html", {"rules": rule_catalogue(site)}, meta=WIDE,
                 nav=NavEntry("Gap rules", "About")),
    ]
