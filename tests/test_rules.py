"""Every gap rule fires on a record made to break it, and not on one that comes close.

The cases live in tests/rules/cases.yml as changes to tests/rules/base.md, a record that
meets every rule; adding a rule without a case fails `test_every_rule_has_a_case`.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from partnership_register.assess.register import assess_register
from partnership_register.load.loader import load_register
from partnership_register.mkdocs_plugin.settings import SettingsError
from partnership_register.assess.rules import RULE_IDS, RULES_BY_ID

from helpers import make_policy

HERE = Path(__file__).parent / "rules"
AS_OF = dt.date(2026, 11, 23)
BASE_TEXT = (HERE / "base.md").read_text(encoding="utf-8")


class _NoDates(yaml.SafeLoader):
    """Keep dates as text, as officers write them, when re-writing the base record."""


_NoDates.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CASES = yaml.load((HERE / "cases.yml").read_text(encoding="utf-8"), Loader=_NoDates)
BASE = yaml.load(BASE_TEXT.split("---")[1], Loader=_NoDates)
BODY = BASE_TEXT.split("---", 2)[2]


def merge(base: dict, patch: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def write(tmp_path: Path, data: dict) -> Path:
    folder = tmp_path / "records"
    folder.mkdir(exist_ok=True)
    text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---" + BODY
    (folder / f"{data['id']}.md").write_text(text, encoding="utf-8")
    return folder


def gaps_of(tmp_path: Path, data: dict, policy=None):
    register = load_register([write(tmp_path, data)], root=tmp_path, known_rules=set(RULE_IDS))
    assert register.problems == [], [p.text() for p in register.problems]
    assessment = assess_register(register.records, AS_OF, policy or make_policy({}, "Test Council"))
    (ra,) = assessment.records
    return {g.rule.id: g for g in ra.gaps}


def test_base_record_has_no_gaps(tmp_path):
    assert gaps_of(tmp_path, BASE) == {}


def test_every_rule_has_a_case():
    assert sorted(CASES) == sorted(RULE_IDS)
    for rule_id, case in CASES.items():
        assert set(case) == {"trigger", "miss"}, rule_id


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_when_broken(tmp_path, rule_id):
    gaps = gaps_of(tmp_path, merge(BASE, CASES[rule_id]["trigger"]))
    assert rule_id in gaps, f"{rule_id} did not fire; fired: {sorted(gaps)}"
    gap = gaps[rule_id]
    assert gap.severity == RULES_BY_ID[rule_id].severity
    assert gap.detail and gap.rule.sources and gap.is_open


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_quiet_when_met(tmp_path, rule_id):
    gaps = gaps_of(tmp_path, merge(BASE, CASES[rule_id]["miss"]))
    assert rule_id not in gaps, gaps.get(rule_id)


def test_rule_switched_off_by_policy(tmp_path):
    data = merge(BASE, CASES["no-exit-strategy"]["trigger"])
    assert "no-exit-strategy" in gaps_of(tmp_path, data)
    off = make_policy({"rules": {"no-exit-strategy": {"enabled": False}}})
    assert "no-exit-strategy" not in gaps_of(tmp_path, data, off)
    assert "no-exit-strategy" not in gaps_of(tmp_path, data, make_policy({"rules": {"no-exit-strategy": False}}))


def test_severity_changed_by_policy(tmp_path):
    data = merge(BASE, CASES["no-exit-strategy"]["trigger"])
    high = make_policy({"rules": {"no-exit-strategy": {"severity": "high"}}})
    assert gaps_of(tmp_path, data, high)["no-exit-strategy"].severity == "high"


def test_review_interval_changed_by_policy(tmp_path):
    data = merge(BASE, {"next_review": None, "reviews": [{"date": "2026-01-15", "outcome": "continue"}]})
    assert "review-overdue" not in gaps_of(tmp_path, data)  # due 2027-01-15 with 12 months
    six = make_policy({"review_interval_months": 6})
    gap = gaps_of(tmp_path, data, six)["review-overdue"]
    assert gap.since == dt.date(2026, 7, 15)


def test_verification_interval_changed_by_policy(tmp_path):
    data = merge(BASE, {"record": {"last_verified": "2026-03-01"}})
    assert "record-not-verified" not in gaps_of(tmp_path, data)
    assert "record-not-verified" in gaps_of(tmp_path, data, make_policy({"verification_interval_months": 6}))


def test_significance_threshold_and_count_from_policy(tmp_path):
    data = merge(BASE, {"money": [{"amount": 150000, "frequency": "annual", "form": "grant"}], "approval": None})
    # 150k > 100k and term 2020–2030 > 3 years: two criteria, significant by default
    assert "significant-not-approved" in gaps_of(tmp_path, data)
    lenient = make_policy({"significance": {"annual_contribution_over": 200000}})
    assert "significant-not-approved" not in gaps_of(tmp_path, data, lenient)
    strict_count = make_policy({"significance": {"at_least": 3}})
    assert "significant-not-approved" not in gaps_of(tmp_path, data, strict_count)


def test_acknowledged_gap_is_shown_but_not_open(tmp_path):
    data = merge(BASE, CASES["no-exit-strategy"]["trigger"])
    data["acknowledged_gaps"] = [{"rule": "no-exit-strategy", "reason": "Being drafted",
                                  "accepted_by": "Director of Place", "expires": "2027-03-31"}]
    gap = gaps_of(tmp_path, data)["no-exit-strategy"]
    assert gap.acknowledged and not gap.is_open and gap.acknowledgement["reason"] == "Being drafted"


def test_expired_acknowledgement_is_open_again(tmp_path):
    data = merge(BASE, CASES["no-exit-strategy"]["trigger"])
    data["acknowledged_gaps"] = [{"rule": "no-exit-strategy", "reason": "Being drafted",
                                  "accepted_by": "Director of Place", "expires": "2026-03-31"}]
    gap = gaps_of(tmp_path, data)["no-exit-strategy"]
    assert gap.is_open and gap.acknowledgement_expired


def test_acknowledging_unknown_rule_is_a_validation_error(tmp_path):
    data = merge(BASE, {"acknowledged_gaps": [{"rule": "no-exit-stratgy", "reason": "x", "accepted_by": "y",
                                               "expires": "2027-01-01"}]})
    register = load_register([write(tmp_path, data)], root=tmp_path, known_rules=set(RULE_IDS))
    (problem,) = register.problems
    assert problem.kind == "unknown-rule" and "no-exit-strategy" in problem.hint
    assert problem.field == "acknowledged_gaps[0].rule"


def test_acknowledgement_without_expiry_is_a_validation_error(tmp_path):
    data = merge(BASE, {"acknowledged_gaps": [{"rule": "no-exit-strategy", "reason": "x", "accepted_by": "y"}]})
    register = load_register([write(tmp_path, data)], root=tmp_path, known_rules=set(RULE_IDS))
    assert [(p.field, p.kind) for p in register.problems] == [("acknowledged_gaps[0].expires", "missing-field")]


@pytest.mark.parametrize("raw, words", [
    ({"rules": {"no-such-rule": {"enabled": False}}}, "unknown rule id 'no-such-rule'"),
    ({"rules": {"no-exit-strategy": {"severity": "urgent"}}}, "'severity': Expected one of: ('high', 'medium', 'low')"),
    ({"review_interval_months": "twelve"}, "'review_interval_months': Expected type: <class 'int'>"),
    ({"review_intervall_months": 12}, "did you mean 'review_interval_months'"),
    ({"risk_bands": {"high_from": 4, "medium_from": 8}}, "must not be above high_from"),
    ({"significance": {"criteria": ["big-money"]}}, "'big-money'"),
])
def test_bad_policy_is_a_clear_error(raw, words):
    with pytest.raises(SettingsError, match=None) as info:
        make_policy(raw)
    assert words in str(info.value)


@pytest.mark.parametrize("likelihood, impact, band", [
    (1, 1, "low"), (1, 3, "low"), (2, 2, "medium"), (1, 4, "medium"), (2, 3, "medium"), (2, 4, "high"), (4, 4, "high"),
])
def test_risk_bands_follow_004_with_4_as_medium(tmp_path, likelihood, impact, band):
    data = merge(BASE, {"risks": [{"title": "R", "likelihood": likelihood, "impact": impact,
                                   "controls_in_place": ["c"], "last_reviewed": "2026-09-01"}]})
    register = load_register([write(tmp_path, data)], root=tmp_path)
    (ra,) = assess_register(register.records, AS_OF, make_policy({})).records
    (risk,) = ra.facts.risks
    assert (risk.score, risk.band) == (likelihood * impact, band)


def test_risk_bands_configurable(tmp_path):
    data = merge(BASE, {"risks": [{"title": "R", "likelihood": 2, "impact": 2, "controls_in_place": ["c"],
                                   "last_reviewed": "2026-09-01"}]})
    register = load_register([write(tmp_path, data)], root=tmp_path)
    policy = make_policy({"risk_bands": {"high_from": 9, "medium_from": 5}})
    (ra,) = assess_register(register.records, AS_OF, policy).records
    assert ra.facts.risks[0].band == "low"


@pytest.mark.parametrize("patch, health", [
    ({}, "green"),
    ({"documents": {"communications_strategy": None}}, "amber"),  # one low gap: green is for nothing open
    ({"documents": {"exit_strategy": None}}, "amber"),             # a medium gap
    ({"documents": {"risk_register": None}}, "red"),               # a high gap
    ({"status": "closed", "closed_date": "2026-01-31"}, None),     # closed: history, no live rating
])
def test_health_rating(tmp_path, patch, health):
    register = load_register([write(tmp_path, merge(BASE, patch))], root=tmp_path)
    (ra,) = assess_register(register.records, AS_OF, make_policy({})).records
    assert ra.health == health
