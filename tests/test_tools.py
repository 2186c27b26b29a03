"""The protocols' own tools (assess/tools.py, AssessedRegister's audit and governance statement figures,
downloads/governance.py, the audit events of reviews.ics), against figures worked out by hand from the
small records below, assessed on 2026-11-23 (the statement's period: 24 November 2025 to 23 November 2026)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from partnership_register import pages, pipeline
from partnership_register.assess.tools import ENTRY_RULES, has_reform_plans
from partnership_register.downloads import AGS_CSV_PATH, AGS_JSON_PATH, ICS_PATH, artefacts
from partnership_register.pages.render import Renderer

from helpers import make_settings

AS_OF = "2026-11-23"
D = dt.date

RECORDS = {
    # 002 checklist: two data answers, officer answers with and without actions, no finance (so N/A).
    "checked": """
status: active
type: informal
council_role: [member]
purpose: To test the checklist.
aims: [One aim]
start_date: 2024-01-01
meetings: {decision_making: Consensus, quorum: Two partners}
documents: {exit_strategy: {state: in-place}}
audits: [{date: 2026-10-01, by: Ann Officer}]
checklist:
  answered_on: 2026-09-01
  by: Ann Officer
  answers:
    published_where: {answer: "no", action: {what: Publish them, owner: Ann Officer, due: 2027-01-31}}
    value_shown_to_public: {answer: "no"}
    adds_value: {answer: "yes", note: Unique local reach}
    decisions_recorded: {answer: "no"}
""",
    # 002 Improvement Template at two reviews (the later one counts); no legal_form, so row 3 is the record's No.
    "reviewed": """
status: active
type: informal
council_role: [member]
purpose: To test the template.
start_date: 2024-01-01
sponsoring_officer: {name: Sam Sponsor}
reviews:
  - date: 2025-05-01
    by: Board
    improvement: {by: First Reviewer, answers: {bottom_line: {answer: "yes"}}}
  - date: 2026-05-01
    by: Cabinet
    outcome: continue
    improvement:
      answers:
        legal_status_appropriate: {answer: "yes"}
        bottom_line: {answer: "no", note: Not defined}
        resourced: {answer: "no", action: {what: Seek funding}}
  - date: 2026-08-01
    by: Board
    outcome: continue
audits: [{date: 2026-10-01, by: Ann Officer}]
""",
    # The entry test of a proposed partnership.
    "proposed-one": """
status: proposed
type: informal
council_role: [member]
start_date: 2027-04-01
entry:
  criteria: [required-by-government]
  alternatives_considered: [{option: contract, why_not: Not allowed}]
  considered: {consultation: Workshop held, trust: Long-standing}
  consulted:
    - {who: portfolio-holder, name: Cllr A, date: 2026-01-05, followed: true}
    - {who: ict, date: 2026-01-06}
approval:
  body: Cabinet
  date: 2026-03-01
  legal_approval: {by: Head of Legal, date: 2026-02-01}
""",
    # The governance statement's records.
    "alpha": """
status: active
type: informal
council_role: [member]
start_date: 2026-01-10
approval: {body: Cabinet, date: 2025-12-01}
significance: {significant: true, reason: Stated for the test}
risks:
  - {title: R1, likelihood: 3, impact: 3, date_identified: 2026-02-01}
reviews: [{date: 2026-06-01, by: Board, outcome: reform}]
audits:
  - date: 2026-03-01
    by: Lead Officer
    reform_plans: None
    findings:
      - {finding: F1, done_on: 2026-05-01}
      - {finding: F2, owner: X, due: 2026-09-30}
""",
    "beta": """
status: closed
type: informal
council_role: [member]
start_date: 2015-01-01
closed_date: 2026-02-28
end_reason: funding-ceased
reviews:
  - {date: 2025-11-23, outcome: withdraw}
  - {date: 2026-01-15, by: Cabinet, outcome: withdraw}
""",
    "gamma": """
status: active
type: informal
council_role: [member]
start_date: 2019-05-01
reviews: [{date: 2025-10-01, outcome: continue}]
""",
    "delta": """
status: proposed
type: informal
council_role: [member]
start_date: 2027-04-01
""",
    "epsilon": """
status: under-review
type: informal
council_role: [member]
start_date: 2025-12-15
reviews: [{date: 2026-11-23, by: Cabinet, outcome: continue}]
""",
}


def write(folder: Path, records: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rid, body in records.items():
        name = rid.replace("-", " ").title()
        (folder / f"{rid}.md").write_text(f"---\nid: {rid}\nname: {name}\n{body.strip()}\n---\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    folder = write(tmp_path_factory.mktemp("tools") / "records", RECORDS)
    settings = make_settings(folder, as_of=AS_OF)
    run = pipeline.run(settings)
    assert not run.problems, [p.text() for p in run.problems]
    return settings, run.assessed


# --- 002 ----------------------------------------------------------------------------------------------

def test_the_checklist_is_answered_from_the_record_then_the_officer(register):
    cl = register[1].tools["checked"].checklist
    answers = {r.item: r.value for r in cl.rows}
    assert len(cl.rows) == 29
    assert [i for i, a in answers.items() if a == "yes"] == ["1a", "1b", "2a", "3b", "7a"]
    assert [i for i, a in answers.items() if a == "no"] == ["1c", "2b", "3c", "3e", "3f", "4b"]
    assert [i for i, a in answers.items() if a == "not-applicable"] == ["2c", "2d", "5a", "5b", "5c", "5d", "8b"]
    assert dict(cl.counts) == {"yes": 5, "no": 6, "not-applicable": 7, "not-answered": 11}
    assert [r.item for r in cl.no_without_action] == ["2b", "3c"]  # 1c has its action; data Nos are the rules'
    rows = {r.item: r for r in cl.rows}
    assert rows["1a"].source_words == "purpose"
    assert rows["1c"].source_words == "officer (Ann Officer), 1 September 2026"
    assert rows["1c"].action == {"what": "Publish them", "owner": "Ann Officer", "due": "2027-01-31"}
    assert rows["2a"].note == "Unique local reach" and rows["1d"].source_words == "officer"
    assert cl.officer_answered == 4 and (cl.by, cl.on) == ("Ann Officer", D(2026, 9, 1))


def test_closed_partnerships_have_no_checklist_and_proposed_ones_no_improvement_template(register):
    tools = register[1].tools
    assert tools["beta"].checklist is None and tools["beta"].improvement is None
    assert tools["proposed-one"].checklist is not None and tools["proposed-one"].improvement is None
    assert tools["gamma"].improvement is None  # live, but no review completed the template


def test_the_improvement_template_comes_from_the_latest_review_that_completed_it(register):
    t = register[1].tools["reviewed"]
    tl = t.improvement
    assert t.improvement_review["date"] == D(2026, 5, 1) and (tl.on, tl.by) == (D(2026, 5, 1), "Cabinet")
    answers = {r.item: r.value for r in tl.rows}
    assert len(answers) == 14
    assert [i for i, a in answers.items() if a == "yes"] == ["1", "2", "5", "7"]
    assert [i for i, a in answers.items() if a == "no"] == ["3", "4", "10"]  # 3: no legal_form, whatever the officer says
    assert dict(tl.counts) == {"yes": 4, "no": 3, "not-applicable": 0, "not-answered": 7}
    assert [r.item for r in tl.no_without_action] == ["4"]
    assert [(e.date, e.by, e.count("yes"), e.count("no")) for e in t.earlier_improvements] == [
        (D(2025, 5, 1), "First Reviewer", 5, 1)]


# --- 003 Annex 1 ----------------------------------------------------------------------------------------

def test_audit_due_dates_and_states(register):
    a = register[1]
    state = {ra.id: (ra.facts.audit_state, ra.facts.audit_due) for ra in a.records}
    assert state["gamma"] == ("overdue", D(2020, 5, 1))         # no audit: 12 months after the start
    assert state["epsilon"] == ("due-soon", D(2026, 12, 15))    # 22 days to go, within 60
    assert state["alpha"] == ("scheduled", D(2027, 3, 1))       # 12 months after the audit of 1 March 2026
    assert state["delta"] == ("proposed", None) and state["beta"] == ("closed", None)
    assert [ra.id for ra in a.audits_overdue] == ["gamma"]
    assert [ra.id for ra in a.audits_due_soon] == ["epsilon"]
    assert [ra.id for ra in a.audits_scheduled] == ["alpha", "checked", "reviewed"]
    assert [ra.id for ra in a.never_audited] == ["epsilon", "gamma"]
    view = a.tools["gamma"].audit
    assert view.due_from == "the start on 1 May 2019" and view.last is None


def test_the_audit_interval_is_the_councils_setting(tmp_path):
    folder = write(tmp_path / "records", {"alpha": RECORDS["alpha"]})
    a = pipeline.run(make_settings(folder, as_of=AS_OF, policy={"audit_interval_months": 6})).assessed
    ra = a.by_id["alpha"]
    assert (ra.facts.audit_state, ra.facts.audit_due) == ("overdue", D(2026, 9, 1))
    assert a.tools["alpha"].audit.due_from == "the last audit on 1 March 2026"


def test_the_audit_template_is_filled_from_the_record(register):
    view = register[1].tools["alpha"].audit
    rows = {r.number: r for r in view.annex}
    assert len(view.annex) == 19 and rows[1].values == (("Alpha", None),)
    assert rows[10].values == (("Started 10 January 2026; no proposed end date", None),)
    assert rows[14].values == (("R1 (score 9, high)", None),)
    assert rows[18].values == (("None", None),) and rows[5].values == ()
    audit = view.last
    assert [x["finding"] for x in audit.open_findings] == ["F2"] and not audit.has_reform_plans


@pytest.mark.parametrize("text, plans", [(None, False), ("None", False), (" none. ", False), ("N/A", False),
                                         ("Merge the two boards", True)])
def test_plans_for_reform(text, plans):
    assert has_reform_plans(text) is plans


# --- the entry test -----------------------------------------------------------------------------------------

def test_the_entry_test_of_a_proposed_partnership(register):
    ra = register[1].by_id["proposed-one"]
    e = register[1].tools["proposed-one"].entry
    assert e.recorded and e.criteria == (("required-by-government", "It is required by Government"),)
    assert e.alternatives == (("A contractual arrangement", "Not allowed"),) and e.benefits_justify_costs is None
    consulted = {c.who: c for c in e.consultations}
    assert consulted["legal"].consulted and consulted["legal"].approval["by"] == "Head of Legal"
    assert [x["name"] for x in consulted["portfolio-holder"].entries] == ["Cllr A"]
    assert e.not_consulted == ("Director of Finance & E-Government", "Corporate Procurement / Legal Services",
                               "Insurance Section & Risk Manager", "Corporate Personnel",
                               "Corporate Performance Team: strategic fit",
                               "Corporate Performance Team: measurement of outcomes")
    assert [(s.field, s.done) for s in e.sign_off] == [("legal_approval", True), ("finance_approval", False),
                                                       ("director_approval", False)]
    assert not e.signed_off
    officer = [q for q in e.questions if q.answer.source == "officer"]
    assert len(e.questions) == 32 and len(officer) == 16
    assert [(q.answer.question.field, q.note) for q in officer if q.value == "yes"] == [
        ("consultation", "Workshop held"), ("trust", "Long-standing")]
    assert {g.rule.id for g in e.missing} == {g.rule.id for g in ra.open_gaps}
    entry_first = [g.rule.id in ENTRY_RULES for g in e.missing]
    assert entry_first == sorted(entry_first, reverse=True)
    assert register[1].tools["alpha"].entry is None  # live, and no entry recorded


# --- the annual governance statement ------------------------------------------------------------------------

def test_the_statement_period_is_the_twelve_months_to_the_assessment_date(register):
    p = register[1].statement_period
    assert (p.start, p.end) == (D(2025, 11, 24), D(2026, 11, 23))
    assert D(2025, 11, 23) not in p and D(2025, 11, 24) in p and D(2026, 11, 23) in p and None not in p


def test_the_statements_lists(register):
    a = register[1]
    assert [(x.ra.id, x.date, x.outcome) for x in a.reviewed_in_period] == [
        ("beta", D(2026, 1, 15), "withdraw"), ("alpha", D(2026, 6, 1), "reform"),
        ("reviewed", D(2026, 8, 1), "continue"), ("epsilon", D(2026, 11, 23), "continue")]
    assert [ra.id for ra in a.not_reviewed_in_period] == ["checked", "gamma"]
    assert [(x.ra.id, x.audit.date) for x in a.audits_in_period] == [
        ("alpha", D(2026, 3, 1)), ("checked", D(2026, 10, 1)), ("reviewed", D(2026, 10, 1))]
    assert [(x.ra.id, x.date, x.detail) for x in a.entered_in_period] == [
        ("epsilon", D(2025, 12, 15), "no approval recorded"),
        ("alpha", D(2026, 1, 10), "approved by Cabinet on 1 December 2025")]
    assert [(x.ra.id, x.date, x.detail) for x in a.closed_in_period] == [("beta", D(2026, 2, 28), "Funding ceased")]
    assert [(x.ra.id, x.date) for x in a.withdraw_in_period] == [("beta", D(2026, 1, 15))]
    assert [(x.ra.id, x.date, x.detail) for x in a.reform_in_period] == [("alpha", D(2026, 6, 1),
                                                                         "review by Board: reform")]
    assert [(x.ra.id, x.date, x.detail) for x in a.new_high_risks_in_period] == [("alpha", D(2026, 2, 1),
                                                                                "R1 (score 9)")]
    assert [x.finding["finding"] for x in a.findings_done_in_period] == ["F1"]
    assert [x.finding["finding"] for x in a.findings_outstanding] == ["F2"]
    assert [x.finding["finding"] for x in a.findings_overdue] == ["F2"]
    high = a.significant_with_high_gaps
    assert [x.ra.id for x in high] == ["alpha"]
    assert list(high[0].open) == [g for g in a.by_id["alpha"].gaps if g.severity == "high" and g.is_open]


def test_the_statements_headline_figures(register):
    a = register[1]
    figures = {fg.key: fg.value for fg in a.statement_headline}
    assert figures == {
        "live_now": 5, "proposed_now": 2, "significant_now": len(a.significant),
        "reviewed_in_period": 4, "not_reviewed_in_period": 2, "audits_in_period": 3,
        "audits_overdue_now": 1, "audits_due_soon_now": 1, "never_audited_now": 2,
        "significant_with_open_high_gaps_now": 1 if a.significant_with_high_gaps[0].open else 0,
        "open_high_gaps_now": sum(1 for _, g in a.gaps(False) if g.severity == "high"),
        "open_gaps_now": a.open_gap_count, "acknowledged_gaps_now": 0,
        "entered_in_period": 2, "closed_in_period": 1, "findings_done_in_period": 1, "findings_outstanding_now": 1}
    assert "alpha" in {ra.id for ra in a.significant}  # stated significant
    assert all(fg.definition for fg in a.statement_headline)


def test_the_statement_downloads_hold_the_same_figures(register):
    settings, a = register
    produced = artefacts(a, settings)
    doc = json.loads(produced[AGS_JSON_PATH])
    assert doc["period"] == {"start": "2025-11-24", "end": "2026-11-23"} and doc["internal"] is False
    assert {h["key"]: h["value"] for h in doc["headline"]} == {fg.key: fg.value for fg in a.statement_headline}
    assert [r["id"] for r in doc["reviewed"]] == ["beta", "alpha", "reviewed", "epsilon"]
    assert doc["changes"]["closed"] == [{"id": "beta", "name": "Beta", "url": "partnerships/beta/",
                                         "date": "2026-02-28", "detail": "Funding ceased"}]
    assert [f["finding"] for f in doc["findings"]["outstanding"]] == ["F2"]
    settings_ = {x["name"]: x for x in doc["settings"]}
    assert settings_["audit_interval_months"] == {"name": "audit_interval_months", "value": 12, "default": 12,
                                                  "source": "default set by the product, not the protocol"}
    assert settings_["review_interval_months"]["source"] == "from the protocol (000 §2.6)"
    rows = list(csv.DictReader(io.StringIO(produced[AGS_CSV_PATH].decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["section", "partnership_id", "partnership", "date", "value", "detail"]
    sections = [r["section"] for r in rows]
    assert sections.count("Headline figures") == len(a.statement_headline)
    assert sections.count("Reviewed in the period") == 4 and sections.count("Audits due now") == 2
    assert [r["partnership_id"] for r in rows if r["section"] == "Entered in the period"] == ["epsilon", "alpha"]
    assert next(r for r in rows if r["section"] == "Closed in the period")["date"] == "2026-02-28"
    assert artefacts(a, settings) == produced  # reproducible


def test_the_calendar_has_one_event_per_audit_due(register):
    settings, a = register
    cal = Calendar.from_ical(artefacts(a, settings)[ICS_PATH])
    audits = {str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), [str(c) for c in e["categories"].cats])
              for e in cal.walk("VEVENT") if str(e["uid"]).startswith("audit-")}
    domain = "partnership-register.invalid"
    assert audits == {
        f"audit-gamma@{domain}": ("OVERDUE — Audit due: Gamma", D(2020, 5, 1), ["Partnership audit"]),
        f"audit-epsilon@{domain}": ("Audit due: Epsilon", D(2026, 12, 15), ["Partnership audit"]),
        f"audit-alpha@{domain}": ("Audit due: Alpha", D(2027, 3, 1), ["Partnership audit"]),
        f"audit-checked@{domain}": ("Audit due: Checked", D(2027, 10, 1), ["Partnership audit"]),
        f"audit-reviewed@{domain}": ("Audit due: Reviewed", D(2027, 10, 1), ["Partnership audit"]),
    }


# --- the pages -----------------------------------------------------------------------------------------------

def test_the_pages_show_the_tools(register):
    settings, _ = register
    site = pages.build_site(settings)
    renderer = Renderer()
    html = {s.src_uri: renderer.render(s, site, site.url_of(s.src_uri))[0] for s in site.pages}
    ags = html["governance-statement/index.md"]
    assert "24 November 2025" in ags and 'id="ags-headline"' in ags and "style=" not in ags
    assert 'href="../data/annual-governance-statement.csv"' in ags
    proposed = html["proposed/index.md"]
    assert 'id="proposed-one"' in proposed and 'id="delta"' in proposed and "Head of Legal" in proposed
    reviews = html["reviews/index.md"]
    assert 'id="audits-overdue"' in reviews and "partnerships/gamma/#audits" in reviews
    record = html["partnerships/checked.md"]
    for anchor in ('id="checklist"', 'id="audits"', 'id="annex-1"', 'id="improvement"'):
        assert anchor in record
    assert "None: an action is needed" in record and "officer (Ann Officer), 1 September 2026" in record
    assert 'id="entry"' in html["partnerships/proposed-one.md"] and 'id="entry"' not in record
    assert 'id="improvement-table"' in html["partnerships/reviewed.md"]
    nav = [s.nav.title for s in site.pages if s.nav]
    assert nav.index("Proposed partnerships") == nav.index("Register") + 1
    assert nav.index("Annual governance statement") == nav.index("Summary report") + 1
