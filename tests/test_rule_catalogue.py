"""The rule catalogue is honest: every clause is quoted as the protocol says it, every setting says where its number
comes from, and every rule names the settings it reads.

The protocols live beside the repository (../shared/protocols, as the schema's descriptions say). The lines the
rules cite are kept in tests/fixtures/protocol-lines.json, so the quotation test runs on any checkout; where the
protocols are there, the copy is checked against them (and `pytest --update-golden` rewrites it).
"""

from __future__ import annotations

import hashlib
import json
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


CITED = REPO / "tests" / "fixtures" / "protocol-lines.json"


def _span(at: str) -> tuple[str, int, int]:
    m = re.fullmatch(r"(\d{3}):(\d+)(?:-(\d+))?", at)
    assert m, f"{at!r} is not NNN:line or NNN:first-last"
    return m.group(1), int(m.group(2)), int(m.group(3) or m.group(2))


def _protocol_file(number: str):
    (path,) = PROTOCOLS.glob(f"{number}_*.txt")
    return path


def _cited_from_protocols() -> dict:
    """{protocol: {"file", "sha256", "lines": {line number: text}}} for every line a clause cites."""
    out: dict = {}
    for _, clause in _clauses():
        number, first, last = _span(clause.at)
        path = _protocol_file(number)
        entry = out.setdefault(number, {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                                        "lines": {}})
        lines = path.read_text(encoding="utf-8").split("\n")
        for n in range(first, last + 1):
            entry["lines"][str(n)] = lines[n - 1]
    return {k: {**v, "lines": dict(sorted(v["lines"].items(), key=lambda kv: int(kv[0])))} for k, v in sorted(out.items())}


@pytest.fixture(scope="module")
def cited(request) -> dict:
    if PROTOCOLS is not None:
        fresh = _cited_from_protocols()
        if request.config.getoption("--update-golden"):
            CITED.write_text(json.dumps(fresh, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return fresh
    return json.loads(CITED.read_text(encoding="utf-8"))


@pytest.mark.skipif(PROTOCOLS is None, reason="the protocols (../shared/protocols) are not beside this checkout")
def test_the_copy_of_the_cited_lines_is_the_protocols_own(cited):
    assert json.loads(CITED.read_text(encoding="utf-8")) == cited, \
        "tests/fixtures/protocol-lines.json is out of date: run `make golden` and review the diff"


@pytest.mark.parametrize("where, clause", list(_clauses()), ids=lambda v: v if isinstance(v, str) else v.at)
def test_clause_is_quoted_from_the_line_it_cites(where, clause, cited):
    number, first, last = _span(clause.at)
    lines = cited[number]["lines"]
    assert all(str(n) in lines for n in range(first, last + 1)), f"{where}: {clause.at} is not among the cited lines"
    said = _plain(" ".join(lines[str(n)] for n in range(first, last + 1)))
    for piece in clause.words.split("…"):
        piece = _plain(piece)
        assert piece in said, f"{where}: {piece!r} is not at {clause.at}: {said[:300]!r}"
    assert clause.ref[:3] == number, f"{where}: {clause.ref} cites {clause.at}"


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
