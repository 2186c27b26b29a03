"""The council's own policy: intervals, thresholds, significance criteria, risk bands, rule overrides.

The same settings drive the MkDocs plugin (the `policy:` option in mkdocs.yml) and the
CLI (which reads the same mkdocs.yml), so a council with a different protocol changes
configuration, not code. Every setting is validated; a bad one is a `PolicyError`
naming the setting.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
    """A setting in the council policy that cannot be used."""


@dataclass(frozen=True)
class RuleOverride:
    enabled: bool = True
    severity: str | None = None


@dataclass(frozen=True)
class Policy:
    """Council policy with the protocols' defaults."""

    council_name: str = "the council"
    review_interval_months: int = 12          # 000 §2.6, 001: reviewed annually
    due_soon_days: int = 60
    verification_interval_months: int = 12    # 004 §8.9: a live record
    risk_review_interval_months: int = 12     # 000 §2.6: reviewed in agreed time frames
    significance_annual_contribution: float = 100_000.0
    significance_one_off_contribution: float = 500_000.0
    significance_term_years: float = 3.0
    significance_criteria: tuple = tuple(SIGNIFICANCE_CRITERIA)
    significance_at_least: int = 2
    approving_bodies: tuple = ("Cabinet", "Chief Executive", "Full Council")  # 001 Significant Partnerships
    risk_high_from: int = 8    # 004 Appendix 10: 8–16 high
    risk_medium_from: int = 4  # 004 Appendix 10: 4–6 medium (4 also listed as low; we take medium)
    health_amber_low_gaps: int = 3
    rules: dict = field(default_factory=dict)  # rule id -> RuleOverride

    def override(self, rule_id: str) -> RuleOverride:
        return self.rules.get(rule_id, RuleOverride())

    def band(self, score: int) -> str:
        if score >= self.risk_high_from:
            return "high"
        if score >= self.risk_medium_from:
            return "medium"
        return "low"


_KEYS = {
    "review_interval_months": ("review interval", int, 1, 120),
    "due_soon_days": ("'due soon' window", int, 0, 366),
    "verification_interval_months": ("verification interval", int, 1, 120),
    "risk_review_interval_months": ("risk review interval", int, 1, 120),
}


def _number(name, value, kind, lo, hi):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise PolicyError(f"policy.{name} must be {'a whole number' if kind is int else 'a number'}, got {value!r}")
    if not lo <= value <= hi:
        raise PolicyError(f"policy.{name} must be from {lo} to {hi}, got {value!r}")
    return value


def _unknown(section: str, given, allowed, noun: str = "setting") -> None:
    """A PolicyError for the first name not allowed, with the closest allowed name or the list."""
    for key in given:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), list(allowed), n=1)
            raise PolicyError(f"{section}: unknown {noun} {key!r}"
                              + (f" (did you mean {close[0]!r}?)" if close else
                                 f"; allowed: {', '.join(sorted(allowed))}"))


def policy_from_dict(raw: dict | None, council_name: str | None = None) -> Policy:
    """Build and validate a Policy from the `policy:` mapping in mkdocs.yml."""
    from .rules import RULE_IDS  # the catalogue knows which ids exist

    raw = dict(raw or {})
    if not isinstance(raw, dict):
        raise PolicyError("policy must be a mapping of settings")
    allowed = set(_KEYS) | {"significance", "risk_bands", "rules", "approving_bodies", "health"}
    _unknown("policy", raw, allowed)
    kwargs: dict = {}
    if council_name:
        kwargs["council_name"] = council_name
    for key, (_label, kind, lo, hi) in _KEYS.items():
        if key in raw:
            kwargs[key] = _number(key, raw[key], kind, lo, hi)
    if "approving_bodies" in raw:
        bodies = raw["approving_bodies"]
        if isinstance(bodies, str):
            bodies = [bodies]
        if not isinstance(bodies, list) or not bodies or not all(isinstance(b, str) and b.strip() for b in bodies):
            raise PolicyError("policy.approving_bodies must be a list of body names, e.g. [Cabinet]")
        kwargs["approving_bodies"] = tuple(bodies)
    sig = raw.get("significance") or {}
    if not isinstance(sig, dict):
        raise PolicyError("policy.significance must be a mapping")
    _unknown("policy.significance", sig, {"annual_contribution_over", "one_off_contribution_over", "term_over_years",
                                          "criteria", "at_least"})
    if "annual_contribution_over" in sig:
        kwargs["significance_annual_contribution"] = float(_number("significance.annual_contribution_over",
                                                                   sig["annual_contribution_over"], float, 0, 1e12))
    if "one_off_contribution_over" in sig:
        kwargs["significance_one_off_contribution"] = float(_number(
            "significance.one_off_contribution_over", sig["one_off_contribution_over"], float, 0, 1e12))
    if "term_over_years" in sig:
        kwargs["significance_term_years"] = float(_number("significance.term_over_years", sig["term_over_years"],
                                                          float, 0, 100))
    criteria = tuple(sig.get("criteria", SIGNIFICANCE_CRITERIA))
    _unknown("policy.significance.criteria", criteria, SIGNIFICANCE_CRITERIA, "criterion")
    kwargs["significance_criteria"] = criteria
    if "at_least" in sig:
        kwargs["significance_at_least"] = _number("significance.at_least", sig["at_least"], int, 1, max(1, len(criteria)))
    bands = raw.get("risk_bands") or {}
    if not isinstance(bands, dict):
        raise PolicyError("policy.risk_bands must be a mapping like {high_from: 8, medium_from: 4}")
    _unknown("policy.risk_bands", bands, {"high_from", "medium_from"})
    high = _number("risk_bands.high_from", bands.get("high_from", 8), int, 1, 16)
    medium = _number("risk_bands.medium_from", bands.get("medium_from", 4), int, 1, 16)
    if medium > high:
        raise PolicyError(f"policy.risk_bands: medium_from ({medium}) must not be above high_from ({high})")
    kwargs["risk_high_from"], kwargs["risk_medium_from"] = high, medium
    health = raw.get("health") or {}
    if not isinstance(health, dict):
        raise PolicyError("policy.health must be a mapping")
    _unknown("policy.health", health, {"amber_low_gaps"})
    if "amber_low_gaps" in health:
        kwargs["health_amber_low_gaps"] = _number("health.amber_low_gaps", health["amber_low_gaps"], int, 1, 100)
    rules = raw.get("rules") or {}
    if not isinstance(rules, dict):
        raise PolicyError("policy.rules must map rule ids to settings, e.g. {no-exit-strategy: {severity: high}}")
    _unknown("policy.rules", rules, RULE_IDS, "rule id")
    overrides = {}
    for rule_id, setting in rules.items():
        if isinstance(setting, bool):
            setting = {"enabled": setting}
        if not isinstance(setting, dict):
            raise PolicyError(f"policy.rules.{rule_id} must be true/false or {{enabled: …, severity: …}}")
        _unknown(f"policy.rules.{rule_id}", setting, {"enabled", "severity"})
        enabled = setting.get("enabled", True)
        if not isinstance(enabled, bool):
            raise PolicyError(f"policy.rules.{rule_id}.enabled must be true or false, got {enabled!r}")
        severity = setting.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise PolicyError(f"policy.rules.{rule_id}.severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
        overrides[rule_id] = RuleOverride(enabled, severity)
    kwargs["rules"] = overrides
    return Policy(**kwargs)


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


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the !!python/name and !ENV tags MkDocs allows."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteSettings:
    """The plugin's settings as the CLI reads them from mkdocs.yml."""

    records_dir: str = "records"
    schema: str | None = None
    as_of: str | None = None
    council_name: str | None = None
    policy: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)


def settings_from_mkdocs_yml(path: str | Path = "mkdocs.yml") -> SiteSettings:
    """The `partnership-register` plugin block of mkdocs.yml, or defaults when there is none."""
    path = Path(path)
    if not path.exists():
        return SiteSettings()
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: cannot be read as YAML: {exc}") from exc
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "partnership-register" in entry:
            block = entry["partnership-register"] or {}
            return SiteSettings(block.get("records_dir", "records"), block.get("schema"), block.get("as_of"),
                                block.get("council_name"), block.get("policy") or {}, block)
    return SiteSettings()
