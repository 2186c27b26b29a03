"""The settings are defined once (mkdocs_plugin/config.py) and the core's Policy holds the same names.

If a setting is added, renamed or removed on one side only, these tests fail. Each setting also
says where its default comes from, and the core receives that as plain data.
"""

from __future__ import annotations

import dataclasses

import pytest

from partnership_register.assess import policy as core
from partnership_register.mkdocs_plugin import config
from partnership_register.mkdocs_plugin.options import Group, RuleOverrides

from helpers import make_policy

PAIRS = [(core.Policy, config.PolicyConfig), (core.SignificancePolicy, config.SignificanceConfig),
         (core.RiskBands, config.RiskBandsConfig), (core.GovernanceStatementPolicy, config.GovernanceStatementConfig)]
CORE_ONLY = {"council_name", "settings"}  # the council's name is a plugin option; settings are made by the adapter


@pytest.mark.parametrize("core_class, config_class", PAIRS, ids=lambda c: c.__name__)
def test_core_and_config_hold_the_same_names(core_class, config_class):
    core_names = {f.name for f in dataclasses.fields(core_class)} - CORE_ONLY
    config_names = {name for name, _ in config_class._schema}
    assert core_names == config_names


def _leaves(config_class, prefix=""):
    for name, option in config_class._schema:
        if isinstance(option, RuleOverrides):
            continue
        if isinstance(option, Group):
            yield from _leaves(option.config_class, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", option


def test_every_setting_declares_its_origin_and_reaches_the_core():
    declared = dict(_leaves(config.PolicyConfig))
    for name, option in declared.items():
        assert getattr(option, "origin", None) is not None, f"{name} has no protocol(...) or product(...) in config.py"
    settings = make_policy({}).settings
    assert [s.name for s in settings] == list(declared)
    for s in settings:
        assert s.is_default and s.source == declared[s.name].origin.source and s.meaning


def test_a_council_setting_is_shown_as_the_councils():
    policy = make_policy({"review_interval_months": 6, "significance": {"annual_contribution_over": 250000},
                          "risk_review_interval_months": {"high": 3}})
    review = policy.setting("review_interval_months")
    assert (review.value, review.default, review.is_default, review.source) == (6, 12, False, "protocol")
    assert review.clause.at == "000:134" and review.source_words == "from the protocol (000 §2.6)"
    threshold = policy.setting("significance.annual_contribution_over")
    assert (threshold.value, threshold.default, threshold.source) == (250000, 100000, "product")
    assert threshold.source_words == "default set by the product, not the protocol"
    assert policy.setting("risk_review_interval_months").value == {"high": 3, "medium": 12, "low": 12}
    assert policy.risk_review_interval_months.of("high") == 3 and policy.risk_review_interval_months.of("low") == 12


def test_the_default_approving_bodies_are_001s():
    assert make_policy({}).approving_bodies == ("Cabinet", "Chief Executive")
