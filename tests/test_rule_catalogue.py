"""The rule catalogue is honest: every clause is quoted as the protocol says it, every setting says where its number
comes from, and every rule names the settings it reads.

The protocols live beside the repository (../shared/protocols, as the schema's descriptions say); the quotation
test reads them when they are there.
"""

from __future__ import annotations

import re

import pytest

from partnership_register.assess.rules import REFUSALS, RULES
from partnership_register.assess.rules.approval import APPROVAL_CHAIN

from helpers import REPO, make_policy

PROTOCOLS = next((p / "shared" / "protocols" for p in REPO.parents if (p / "shared" / "protocols").is_dir()), None)
HYGIENE = {"end-date-passed", "closed-no-reason", "closed-no-date", "significance-mismatch"}


def _clauses():
    policy = make_policy({})
    for rule in RULES:
        for clause in rule.clauses:
            yield rule.id, clause
    for refusal in REFUSALS:
        yield f"refusal {refusal.row}", refusal.clause
    for setting in policy.settings:
        if setting.clause:
            yield f"setting {setting.name}", setting.clause


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text).replace("**", "").replace("*", "")
    return " ".join(text.split())


def _protocol_lines(number: str) -> list[str]:
    (path,) = PROTOCOLS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.skipif(PROTOCOLS is None, reason="the protocols (../shared/protocols) are not beside this checkout")
@pytest.mark.parametrize("where, clause", list(_clauses()), ids=lambda v: v if isinstance(v, str) else v.at)
def test_clause_is_quoted_from_the_line_it_cites(where, clause):
    m = re.fullmatch(r"(\d{3}):(\d+)(?:-(\d+))?", clause.at)
    assert m, f"{where}: {clause.at!r} is not NNN:line or NNN:first-last"
    lines = _protocol_lines(m.group(1))
    first, last = int(m.group(2)), int(m.group(3) or m.group(2))
    cited = _plain(" ".join(lines[first - 1:last]))
    for piece in clause.words.split("…"):
        piece = _plain(piece)
        assert piece in cited, f"{where}: {piece!r} is not at {clause.at}: {cited[:300]!r}"
    assert clause.ref[:3] == m.group(1), f"{where}: {clause.ref} cites {clause.at}"


def test_every_rule_cites_a_clause_and_declares_its_basis():
    for rule in RULES:
        assert rule.clauses, rule.id
        assert rule.basis in ("protocol", "hygiene"), rule.id
        assert (rule.basis == "hygiene") == (rule.id in HYGIENE), rule.id
        assert rule.sources == tuple(dict.fromkeys(c.ref for c in rule.clauses))


def test_every_setting_a_rule_reads_is_a_setting():
    names = {s.name for s in make_policy({}).settings}
    for rule in RULES:
        for name in rule.settings:
            assert name in names, f"{rule.id} reads {name}, which is not a setting"


def test_every_setting_says_where_its_default_comes_from():
    for s in make_policy({}).settings:
        assert s.source in ("protocol", "product"), s.name
        assert s.meaning, s.name
        if s.source == "protocol":
            assert s.clause is not None, f"{s.name} is from the protocol but quotes no clause"
    products = {s.name for s in make_policy({}).settings if s.source == "product"}
    assert {"significance.annual_contribution_over", "significance.one_off_contribution_over",
            "audit_interval_months", "verification_interval_months", "risk_review_interval_months"} <= products


def test_the_approval_chain_is_three_rules_in_order():
    ids = [r.id for r in RULES]
    assert list(APPROVAL_CHAIN) == [i for i in ids if i in APPROVAL_CHAIN]


def test_refusals_name_only_rules_that_exist():
    rule_ids = {r.id for r in RULES}
    for refusal in REFUSALS:
        assert refusal.reason and refusal.clause.words, refusal.row
        named = set(re.findall(r"\(([a-z]+(?:-[a-z]+)+)[),]", refusal.reason))
        assert named <= rule_ids, f"refusal {refusal.row} names {named - rule_ids}"
