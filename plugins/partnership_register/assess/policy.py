"""The council's policy as the assessment reads it: intervals, thresholds, risk bands, rule overrides.

Every setting is defined once, with its default, type, range, meaning and origin (a number
a protocol states, or a default the product chose), in the plugin's typed configuration
(`mkdocs_plugin/config.py`); the plugin and the CLI both read mkdocs.yml through MkDocs and
hand the result here (`mkdocs_plugin/settings.py`). These classes hold the same names, with
no defaults of their own, so the two cannot drift (tests/test_settings.py holds them together).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .clauses import Clause

SEVERITIES = ("high", "medium", "low")
BANDS = ("high", "medium", "low")
RISK_SECTIONS = {  # 001 Risk Management 2: the sections of the risk register, as the pages name them
    "cause": "cause", "event": "event", "consequence": "impact", "owner": "owner",
    "inherent_score": "score before controls", "target_score": "target score", "controls": "controls",
    "action_owner": "action owner", "action_due": "action completion date",
}
APPROVAL_MODES = {  # policy.every_partnership_approval
    "director-or-executive": "a Director or Chief Officer, or the Executive (004 §6.4)",
    "head-of-service-and-director": "the head of service and the director (003 §3)",
    "any": "any recorded approval",
}
MONEY_COUNTED = {
    "council": "the council's own money (money)",
    "partnership": "the council's money and every partner's contribution (money and partners' contribution)",
}
REMOVED_SIGNIFICANCE = ("term_over_years", "criteria", "at_least")


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
    money_counted: str


@dataclass(frozen=True)
class RiskBands:
    high_from: int
    medium_from: int


@dataclass(frozen=True)
class RiskReviewIntervals:
    """Months between reviews of an open risk, by its band (001:161: depending on the level of risk exposure)."""

    high: int
    medium: int
    low: int

    def of(self, band: str) -> int:
        return getattr(self, band)

    @property
    def uniform(self) -> bool:
        return self.high == self.medium == self.low


@dataclass(frozen=True)
class GovernanceStatementPolicy:
    period_end: dt.date | None    # the statement covers the 12 months to this day (default: the assessment date)


@dataclass(frozen=True)
class SettingInfo:
    """One setting as the Gap rules page and register.json show it: where its number comes from."""

    name: str              # dotted, as under policy: in mkdocs.yml
    value: object          # in force (plain data: numbers, text, lists, mappings, None)
    default: object
    source: str            # "protocol": the protocol states it; "product": a default the product chose
    meaning: str
    clause: Clause | None = None   # for protocol: the clause that states it; for product: what the protocol does say
    note: str = ""

    @property
    def is_default(self) -> bool:
        return self.value == self.default

    @property
    def source_words(self) -> str:
        if self.source == "protocol":
            return f"from the protocol ({self.clause.ref})" if self.clause else "from the protocol"
        return "default set by the product, not the protocol"


@dataclass(frozen=True)
class Policy:
    """The council's policy: what the rules and every computed value depend on."""

    council_name: str
    review_interval_months: int
    agreement_review_interval_months: int
    action_plan_interval_months: int
    audit_interval_months: int
    due_soon_days: int
    verification_interval_months: int
    risk_review_interval_months: RiskReviewIntervals
    interests_redeclare_months: int | None
    risk_register_sections: tuple
    approving_bodies: tuple
    every_partnership_approval: str
    significance: SignificancePolicy
    risk_bands: RiskBands
    governance_statement: GovernanceStatementPolicy
    rules: dict  # rule id -> RuleOverride
    settings: tuple = ()  # SettingInfo for every setting, in mkdocs.yml order (made by the adapter)

    def override(self, rule_id: str) -> RuleOverride:
        return self.rules.get(rule_id, RuleOverride())

    def band(self, score: int) -> str:
        if score >= self.risk_bands.high_from:
            return "high"
        if score >= self.risk_bands.medium_from:
            return "medium"
        return "low"

    def setting(self, name: str) -> SettingInfo | None:
        return next((s for s in self.settings if s.name == name), None)

    @property
    def approving_bodies_words(self) -> str:
        """'Cabinet or Chief Executive', for sentences."""
        bodies = list(self.approving_bodies)
        return bodies[0] if len(bodies) == 1 else ", ".join(bodies[:-1]) + " or " + bodies[-1]


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
