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


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_switched_off_by_policy(tmp_path, rule_id):
    data = merge(BASE, CASES[rule_id]["trigger"])
    assert rule_id in gaps_of(tmp_path, data)
    assert rule_id not in gaps_of(tmp_path, data, make_policy({"rules": {rule_id: {"enabled": False}}}))
    assert rule_id not in gaps_of(tmp_path, data, make_policy({"rules": {rule_id: False}}))


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_severity_changed_by_policy(tmp_path, rule_id):
    data = merge(BASE, CASES[rule_id]["trigger"])
    for severity in {"high", "medium", "low"} - {RULES_BY_ID[rule_id].severity}:
        policy = make_policy({"rules": {rule_id: {"severity": severity}}})
        assert gaps_of(tmp_path, data, policy)[rule_id].severity == severity


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


def test_significance_is_money_or_stated_and_the_thresholds_are_the_councils(tmp_path):
    head_of_service = {"approval": {"body": "Head of Service"}}
    assert "significant-not-approved" not in gaps_of(tmp_path, merge(BASE, head_of_service))  # £20,000 a year
    ten_k = make_policy({"significance": {"annual_contribution_over": 10000}})
    assert "significant-not-approved" not in gaps_of(tmp_path, BASE, ten_k)  # significant, approved by Cabinet
    gap = gaps_of(tmp_path, merge(BASE, head_of_service), ten_k)["significant-not-approved"]
    assert "£20,000 a year" in gap.detail and "£10,000 a year" in gap.detail
    stated = merge(BASE, {**head_of_service, "significance": {"significant": True, "reason": "Runs the CCTV service"}})
    assert "Runs the CCTV service" in gaps_of(tmp_path, stated)["significant-not-approved"].detail
    one_off = merge(BASE, {**head_of_service, "money": [{"amount": 500001, "frequency": "one-off", "form": "grant"}]})
    assert "significant-not-approved" in gaps_of(tmp_path, one_off)
    annual_at_one_off = merge(BASE, {**head_of_service, "money": [{"amount": 400000, "frequency": "one-off", "form": "grant"},
                                                               {"amount": 90000, "frequency": "annual", "form": "grant"}]})
    assert "significant-not-approved" not in gaps_of(tmp_path, annual_at_one_off)  # no adding annual to one-off


def test_money_counted_can_include_partners_contributions(tmp_path):
    data = merge(BASE, {"approval": {"body": "Head of Service"},
                        "partners": [{"name": "Northshire Police", "sector": "police-fire",
                                      "contribution": {"amount": 90000, "frequency": "annual"}}]})
    assert "significant-not-approved" not in gaps_of(tmp_path, data)  # the council's £20,000 only
    partnership = make_policy({"significance": {"money_counted": "partnership"}})
    assert "£110,000 a year" in gaps_of(tmp_path, data, partnership)["significant-not-approved"].detail


def test_approving_bodies_come_from_policy(tmp_path):
    significant = merge(BASE, {"money": [{"amount": 150000, "frequency": "annual", "form": "grant"}]})
    assert "significant-not-approved" not in gaps_of(tmp_path, significant)
    full_council = make_policy({"approving_bodies": ["Full Council"]})
    assert "approved by Cabinet, which is not Full Council" in \
        gaps_of(tmp_path, significant, full_council)["significant-not-approved"].detail
    the_cabinet = merge(significant, {"approval": {"body": "  the CABINET "}})
    assert "significant-not-approved" not in gaps_of(tmp_path, the_cabinet)


def test_head_of_service_and_director_approval_setting(tmp_path):
    no_money = merge(BASE, {"money": None})
    assert "no-approval" not in gaps_of(tmp_path, no_money)
    strict = make_policy({"every_partnership_approval": "head-of-service-and-director"})
    gap = gaps_of(tmp_path, no_money, strict)["no-approval"]
    assert "the head of service's approval is not recorded" in gap.detail
    both = merge(no_money, {"approval": {"head_of_service_approval": {"by": "Head of Community Safety",
                                                                      "date": "2020-01-21"}}})
    assert "no-approval" not in gaps_of(tmp_path, both, strict)


@pytest.mark.parametrize("patch, policy, only", [
    # one missing approval is one gap: significant-not-approved › money-no-approval › no-approval
    ({"approval": None, "money": [{"amount": 500000, "frequency": "annual", "form": "grant"}]}, {},
     "significant-not-approved"),
    ({"approval": None, "money": [{"amount": 500000, "frequency": "annual", "form": "grant"}]},
     {"rules": {"significant-not-approved": False}}, "money-no-approval"),
    ({"approval": None, "money": None}, {}, "no-approval"),
    ({"approval": {"body": "Head of Service"}, "money": [{"amount": 500000, "frequency": "annual", "form": "grant"}]},
     {}, "significant-not-approved"),
    ({"approval": None, "money": [{"amount": 500000, "frequency": "annual", "form": "grant"}]},
     {"rules": {"significant-not-approved": False, "money-no-approval": False}}, "no-approval"),
])
def test_one_missing_approval_is_one_gap(tmp_path, patch, policy, only):
    chain = {"significant-not-approved", "money-no-approval", "no-approval"}
    found = chain & set(gaps_of(tmp_path, merge(BASE, patch), make_policy(policy)))
    assert found == {only}


def test_an_acknowledged_approval_gap_still_holds_the_others_back(tmp_path):
    data = merge(BASE, {"approval": None, "money": [{"amount": 500000, "frequency": "annual", "form": "grant"}],
                        "acknowledged_gaps": [{"rule": "significant-not-approved", "reason": "Going to Cabinet in May",
                                               "accepted_by": "Director of Place", "expires": "2027-06-30"}]})
    gaps = gaps_of(tmp_path, data)
    assert gaps["significant-not-approved"].acknowledged
    assert "money-no-approval" not in gaps and "no-approval" not in gaps


def test_a_proposed_partnership_needs_no_participation_approval_yet(tmp_path):
    gaps = gaps_of(tmp_path, merge(BASE, {"status": "proposed", "approval": None, "money": None}))
    assert "no-approval" not in gaps and "agreement-not-signed-off" in gaps


def test_personal_data_and_information_sharing_are_disjoint(tmp_path):
    data = merge(BASE, {"documents": {"information_sharing_agreement": None}})
    gaps = gaps_of(tmp_path, data)
    assert "personal-data-no-isa" in gaps and "information-shared-no-isa" not in gaps
    gaps = gaps_of(tmp_path, merge(data, {"personal_data_shared": False}))
    assert "personal-data-no-isa" not in gaps and "information-shared-no-isa" in gaps
    assert "information-shared-no-isa" not in gaps_of(tmp_path, merge(data, {"personal_data_shared": False,
                                                                            "information_shared": False}))


def test_interval_settings_each_move_their_rule(tmp_path):
    data = merge(BASE, {"documents": {"agreement": {"last_reviewed": "2026-03-01"},
                                      "action_plan": {"last_reviewed": "2026-03-01"}},
                        "audits": [{"date": "2026-03-01", "by": "Tom Reed"}]})
    assert not {"agreement-not-reviewed", "action-plan-not-refreshed", "audit-overdue"} & set(gaps_of(tmp_path, data))
    for setting, rule_id in (("agreement_review_interval_months", "agreement-not-reviewed"),
                             ("action_plan_interval_months", "action-plan-not-refreshed"),
                             ("audit_interval_months", "audit-overdue")):
        gap = gaps_of(tmp_path, data, make_policy({setting: 6}))[rule_id]
        assert gap.since == dt.date(2026, 9, 1) and "6 months" in gap.detail, setting
    assert "review-overdue" not in gaps_of(tmp_path, data, make_policy({"agreement_review_interval_months": 6}))


def test_risk_review_interval_per_band(tmp_path):
    data = merge(BASE, {"risks": [
        {"title": "High one", "likelihood": 4, "impact": 2, "controls_planned": [{"action": "Audit"}],
         "last_reviewed": "2026-07-01"},
        {"title": "Medium one", "likelihood": 2, "impact": 2, "controls_in_place": ["c"],
         "last_reviewed": "2026-07-01"}]})
    assert "risks-not-reviewed" not in gaps_of(tmp_path, data)
    gap = gaps_of(tmp_path, data, make_policy({"risk_review_interval_months": {"high": 3}}))["risks-not-reviewed"]
    assert "High one (high; last reviewed 1 July 2026, interval 3 months)" in gap.detail
    assert "Medium one" not in gap.detail and gap.since == dt.date(2026, 10, 1)


def test_risk_register_without_listed_risks_is_reviewed_too(tmp_path):
    data = merge(BASE, {"risks": None, "documents": {"risk_register": {"last_reviewed": "2025-10-01"}}})
    gap = gaps_of(tmp_path, data)["risks-not-reviewed"]
    assert "The risk register was last reviewed on 1 October 2025" in gap.detail


def test_interests_redeclaration_period(tmp_path):
    assert "interests-not-declared" not in gaps_of(tmp_path, BASE)  # declared 2026-05-01, no period by default
    gap = gaps_of(tmp_path, BASE, make_policy({"interests_redeclare_months": 6}))["interests-not-declared"]
    assert "Declaration older than 6 months: Cllr Sam Okafor (1 May 2026)" in gap.detail


def test_risk_register_sections_setting(tmp_path):
    data = merge(BASE, CASES["risk-incomplete"]["trigger"])
    assert "no score before controls, no target score" in gaps_of(tmp_path, data)["risk-incomplete"].detail
    assert "risk-incomplete" not in gaps_of(tmp_path, data, make_policy({"risk_register_sections": ["owner"]}))


def test_accountable_body_approval_must_come_first(tmp_path):
    data = merge(BASE, CASES["accountable-body-no-approval"]["trigger"])
    gap = gaps_of(tmp_path, data)["accountable-body-no-approval"]
    assert gap.detail == ("The council is the accountable body from 1 April 2020, but the finance approval is dated "
                          "1 June 2020, after it took on the role.")
    same_day = merge(data, {"approval": {"finance_approval": {"date": "2020-04-01"}}})
    assert "accountable-body-no-approval" not in gaps_of(tmp_path, same_day)


def test_dates_are_compared_with_the_first_commitment(tmp_path):
    """Money committed before the start is the first commitment; the same day is not after."""
    early_money = merge(BASE, {"money": [{"amount": 20000, "frequency": "annual", "form": "grant",
                                          "committed_on": "2020-02-01"}]})
    gaps = gaps_of(tmp_path, early_money)
    assert "approval-after-commitment" not in gaps  # the director approved on 2020-01-22, before 2020-02-01
    assert "agreement-after-start" in gaps  # agreed 2020-03-01, after the money on 2020-02-01
    late = merge(early_money, {"approval": {"director_approval": None}})  # now Cabinet's 2020-02-11 is the first
    assert "committed money on 1 February 2020" in gaps_of(tmp_path, late)["approval-after-commitment"].detail
    no_dates = merge(BASE, {"start_date": None, "documents": {"agreement": {"date_agreed": "2021-01-01"}}})
    assert not {"approval-after-commitment", "agreement-after-start"} & set(gaps_of(tmp_path, no_dates))


def test_closed_and_exiting_partnerships_are_assessed_for_ending_only(tmp_path):
    closed = merge(BASE, {"status": "closed", "closed_date": "2026-01-31", "end_reason": "achieved-aims",
                          "documents": {"final_report": {"state": "in-place"}, "agreement": None, "risk_register": None},
                          "approval": None})
    assert set(gaps_of(tmp_path, closed)) == {"no-succession-strategy", "sustain-not-evaluated",
                                              "dissolution-incomplete"}
    exiting = gaps_of(tmp_path, merge(BASE, {"status": "exiting", "proposed_end_date": "2026-01-01",
                                             "reviews": [{"date": "2026-06-01", "outcome": "withdraw"}]}))
    assert set(exiting) == {"no-succession-strategy", "sustain-not-evaluated"}  # not end-date-passed, not withdraw


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
    ({"significance": {"criteria": ["annual-contribution"]}}, "policy.significance.criteria is no longer used"),
    ({"significance": {"at_least": 2}}, "policy.significance.at_least is no longer used"),
    ({"significance": {"term_over_years": 3}}, "set annual_contribution_over / one_off_contribution_over"),
    ({"significance": {"money_counted": "everyone"}}, "'money_counted': Expected one of"),
    ({"every_partnership_approval": "cabinet"}, "'every_partnership_approval': Expected one of"),
    ({"risk_review_interval_months": {"severe": 3}}, "unknown setting 'severe'"),
    ({"risk_review_interval_months": {"high": 0}}, "high: must be from 1 to 120"),
    ({"risk_register_sections": ["likelihood"]}, "'likelihood'"),
    ({"governance_statement": {"year_end": "03-31"}}, "unknown setting 'year_end'"),
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


# --- interactions between rules (issue 12 design §10) ------------------------------------------------------

FINANCE_RULES = {"money-no-budget-holder", "no-spending-authority", "no-procurement-route", "no-financial-monitoring",
                 "no-overspend-arrangement", "liabilities-not-addressed", "money-no-audit-access",
                 "no-audit-responsibility", "no-records-holder", "financial-agreement-not-binding"}
NO_FINANCE = {"finance": None, "budget_holder": None, "documents": {"audit_access_rights": None,
                                                                    "agreement": {"binding": None}}}


def test_a_proposed_partnership_past_its_start_is_still_proposed(tmp_path):
    gaps = gaps_of(tmp_path, merge(BASE, {"status": "proposed", "start_date": "2026-01-01",
                                          "approval": {"date": "2026-02-01", "director_approval": None},
                                          "documents": {"agreement": None, "risk_register": None}}))
    assert "approval-after-commitment" in gaps  # NOT_CLOSED: it applies
    assert not {"no-agreement", "no-risk-register", "audit-overdue", "no-approval"} & set(gaps)  # LIVE: off


def test_stated_significance_and_the_money_limb(tmp_path):
    big = {"money": [{"amount": 200000, "frequency": "annual", "form": "grant"}], "approval": {"body": "Head of Service"}}
    said_no = gaps_of(tmp_path, merge(BASE, {**big, "significance": {"significant": False, "reason": "Small"}}))
    assert {"significant-not-approved", "significance-mismatch"} <= set(said_no)
    said_yes = gaps_of(tmp_path, merge(BASE, {"approval": {"body": "Head of Service"},
                                              "significance": {"significant": True, "reason": "Runs a service"}}))
    assert "significant-not-approved" in said_yes and "significance-mismatch" not in said_yes


def test_partnership_finances_come_from_the_council_role_or_a_pool_not_from_services(tmp_path):
    no_money = merge(BASE, {"money": None, **NO_FINANCE})
    assert not FINANCE_RULES & set(gaps_of(tmp_path, no_money))
    body = gaps_of(tmp_path, merge(no_money, {"council_role": ["lead", "accountable-body"]}))
    assert FINANCE_RULES - {"financial-agreement-not-binding"} <= set(body)
    partner_body = merge(no_money, {"partners": [{"name": "Northshire Police", "sector": "police-fire",
                                                  "accountable_body": True}], "service_delivery": True})
    assert not FINANCE_RULES & set(gaps_of(tmp_path, partner_body))
    pooled_type = gaps_of(tmp_path, merge(no_money, {"type": "pooled-budget"}))
    assert {"pooled-budget-undefined", "no-audit-responsibility"} <= set(pooled_type)


def test_one_high_risk_can_raise_three_gaps_and_a_closed_one_none(tmp_path):
    high = {"title": "Fraud", "cause": "c", "event": "e", "consequence": "i", "owner": "o", "likelihood": 4,
            "impact": 4, "inherent": {"likelihood": 4, "impact": 4}, "target": {"likelihood": 1, "impact": 4},
            "controls_in_place": ["Audit"], "last_reviewed": "2026-09-01"}
    gaps = gaps_of(tmp_path, merge(BASE, {"risks": [high]}))
    assert {"high-risk-uncontrolled", "high-risk-not-escalated", "risk-not-reported-to-board"} <= set(gaps)
    closed = gaps_of(tmp_path, merge(BASE, {"risks": [{**high, "closed": True}]}))
    assert not {"high-risk-uncontrolled", "high-risk-not-escalated", "risk-not-reported-to-board",
                "risk-incomplete"} & set(closed)
    target_high = {**high, "likelihood": 1, "impact": 2, "inherent": {"likelihood": 4, "impact": 4}}
    assert "high-risk-uncontrolled" not in gaps_of(tmp_path, merge(BASE, {"risks": [target_high]}))


def test_with_no_representatives_only_the_missing_representative_is_a_gap(tmp_path):
    gaps = gaps_of(tmp_path, merge(BASE, {"representatives": None}))
    assert "no-representative" in gaps
    assert not {"no-substitute", "representative-no-terms", "representative-authority-unclear",
                "interests-not-declared", "representative-not-council-only"} & set(gaps)


def test_an_audit_cannot_be_due_without_a_start_or_an_audit(tmp_path):
    gaps_of(tmp_path, BASE)  # warm the schema
    data = merge(BASE, {"start_date": None, "audits": None})
    register = load_register([write(tmp_path, data)], root=tmp_path)
    (ra,) = assess_register(register.records, AS_OF, make_policy({})).records
    assert (ra.facts.audit_state, ra.facts.audit_due) == ("not-scheduled", None)
    assert "audit-overdue" not in {g.rule.id for g in ra.gaps}


def test_a_checklist_no_the_record_answers_is_not_a_tool_gap(tmp_path):
    """A No from the record's own data is a gap only through the rule for that data (002:87: guidance only)."""
    data = merge(BASE, {"meetings": {"quorum": None}, "checklist": {"answered_on": "2026-01-10", "answers": {
        "better_way": {"answer": "yes"}, "adds_value": {"answer": "no", "action": {"what": "Show it in the report"}}}}})
    gaps = gaps_of(tmp_path, data)
    assert "no-decision-rules" in gaps and "checklist-no-without-action" not in gaps
    answered_by_data = merge(BASE, {"entry": {"alternatives_considered": [{"option": "contract", "why_not": "Dearer"}]},
                                    "checklist": {"answered_on": "2026-01-10",
                                                  "answers": {"better_way": {"answer": "no"}}}})
    assert "checklist-no-without-action" not in gaps_of(tmp_path, answered_by_data)  # the data says Yes


def test_only_the_latest_improvement_template_counts(tmp_path):
    data = merge(BASE, {"reviews": [
        {"date": "2026-06-01", "outcome": "continue", "improvement": {"answers": {"bottom_line": {"answer": "no"}}}},
        {"date": "2025-06-01", "outcome": "continue", "improvement": {"answers": {"resourced": {"answer": "no"}}}}]})
    gap = gaps_of(tmp_path, data)["improvement-no-without-action"]
    assert "review on 1 June 2026" in gap.detail and "4 The council's bottom line" in gap.detail
    assert "Appropriately resourced" not in gap.detail


def test_any_recorded_approval_can_be_enough_by_policy(tmp_path):
    data = merge(BASE, {"money": None, "approval": {"body": "Head of Service", "director_approval": None}})
    assert "no-approval" in gaps_of(tmp_path, data)
    assert "no-approval" not in gaps_of(tmp_path, data, make_policy({"every_partnership_approval": "any"}))


def test_due_soon_days_set_when_an_audit_is_due_soon(tmp_path):
    data = merge(BASE, {"audits": [{"date": "2026-01-20", "by": "Tom Reed"}]})  # due 2027-01-20, 58 days on
    register = load_register([write(tmp_path, data)], root=tmp_path)
    states = [assess_register(register.records, AS_OF, make_policy(p)).records[0].facts.audit_state
              for p in ({}, {"due_soon_days": 30})]
    assert states == ["due-soon", "scheduled"]


def test_a_proposed_partnership_past_its_stated_review_date_is_overdue_as_the_figures_say(tmp_path):
    """Found by comparing figures: the home page counted a proposed partnership's passed review date as
    overdue while the review-overdue gap ignored it. Now both count it; without a stated date, neither."""
    proposed = merge(BASE, {"status": "proposed", "next_review": "2026-09-01", "reviews": None})
    gaps = gaps_of(tmp_path, proposed)
    assert "review-overdue" in gaps
    register = load_register([tmp_path / "records"], root=tmp_path, known_rules=set(RULE_IDS))
    assessment = assess_register(register.records, AS_OF, make_policy({}, "Test Council"))
    assert [ra.id for ra in assessment.reviews_overdue] == [proposed["id"]]
    undated = merge(BASE, {"status": "proposed", "next_review": None, "reviews": None})
    assert "review-overdue" not in gaps_of(tmp_path, undated)


def test_money_over_a_stated_period_does_not_lack_a_frequency(tmp_path):
    over = merge(BASE, {"money": [{"amount": 70000, "period": "over 3 years", "form": "grant"}]})
    assert "money-incomplete" not in gaps_of(tmp_path, over)
    bare = merge(BASE, {"money": [{"amount": 70000, "form": "grant"}]})
    assert "no frequency" in gaps_of(tmp_path, bare)["money-incomplete"].detail
