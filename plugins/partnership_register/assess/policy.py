"""The council's policy as the assessment reads it: intervals, thresholds, risk bands, rule overrides.

Every setting is defined once, with its default, type, range and meaning, in the plugin's
typed configuration (`mkdocs_plugin/config.py`); the plugin and the CLI both read
mkdocs.yml through MkDocs and hand the result here (`mkdocs_plugin/settings.py`). These
classes hold the same names, with no defaults of their own, so the two cannot drift
(tests/test_settings.py holds them together).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

SEVERITIES = ("high", "medium", "low")
SIGNIFICANCE_CRITERIA = {
    "annual-contribution": "the council puts in more than the money threshold a year",
    "one-off-contribution": "the council puts in a one-off sum above the one-off threshold",
    "long-term": "it runs (or is meant to run) longer than the term threshold",
    "high-risk": "at least one open risk scores high",
    "statutory": "the law requires it",
    "accountable-body": "the council is the accountable body",
    "service-delivery": "council services to residents rely on it",
}


class PolicyError(ValueError):
    """A setting that cannot be used."""


@dataclass(frozen=True)
class RuleOverride:
    enabled: bool = True
    severity: str | None = None


@dataclass(frozen=True)
class SignificancePolicy:
    annual_contribution_over: float
    one_off_contribution_over: float
    term_over_years: float
    criteria: tuple
    at_least: int


@dataclass(frozen=True)
class RiskBands:
    high_from: int
    medium_from: int


@dataclass(frozen=True)
class Policy:
    """The council's policy: what the rules and every computed value depend on."""

    council_name: str
    review_interval_months: int
    audit_interval_months: int
    due_soon_days: int
    verification_interval_months: int
    risk_review_interval_months: int
    approving_bodies: tuple
    significance: SignificancePolicy
    risk_bands: RiskBands
    rules: dict  # rule id -> RuleOverride

    def override(self, rule_id: str) -> RuleOverride:
        return self.rules.get(rule_id, RuleOverride())

    def band(self, score: int) -> str:
        if score >= self.risk_bands.high_from:
            return "high"
        if score >= self.risk_bands.medium_from:
            return "medium"
        return "low"


def assessment_date(configured=None, environ=None) -> dt.date:
    """The date the register is assessed as of: configured, else SOURCE_DATE_EPOCH, else today (UTC)."""
    environ = os.environ if environ is None else environ
    if configured:
        if isinstance(configured, dt.date):
            return configured
        try:
            return dt.date.fromisoformat(str(configured))
        except ValueError as exc:
            raise PolicyError(f"as_of must be a date written YYYY-MM-DD, got {configured!r}") from exc
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise PolicyError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}") from exc
    return dt.datetime.now(dt.timezone.utc).date()
