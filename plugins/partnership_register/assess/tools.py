"""The protocols' own tools for one record, as the record page, the Proposed partnerships page and the
governance statement show them:

* 002's Partnership checklist and Improvement Template, answered as `checklists.py` answers them,
  with where each answer comes from in words and the counts;
* the 003 Annex 1 periodic audit: every audit recorded (findings, what is still open), the next one due
  (the facts' `audit_due`, `audit_state`) and the template's 19 rows filled from the record;
* the "should we enter?" test of a proposed partnership (003 §3, 004 Appendices 2 and 3): what was
  considered, who was consulted, who signed off, and what is missing.

Worked out once per record (`AssessedRegister.tools`); nothing here decides a gap: the gap rules do,
and "what is missing" lists the record's open gaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..text import label, long_date, money, number, to_date
from .checklists import NA, NO, UNANSWERED, YES, Answer, checklist_answers, entry_answers, improvement_answers
from .facts import CURRENT_STATUSES, Gap, RecordAssessment
from .rules import LIVE

ANSWER_WORDS = {YES: "Yes", NO: "No", NA: "Not applicable", UNANSWERED: "Not answered"}
ANSWER_ORDER = (YES, NO, NA, UNANSWERED)
NO_REFORM = {"none", "no", "n/a", "not applicable", "none planned"}


def has_reform_plans(text) -> bool:
    """True when an audit's plans for reform (003 Annex 1) say there are some: not empty, not "None"."""
    return bool(text) and " ".join(str(text).casefold().split()).rstrip(".") not in NO_REFORM


# --- 002: the checklist and the Improvement Template ------------------------------------------------


@dataclass(frozen=True)
class ToolRow:
    """One question of a tool, answered, with where the answer comes from in words."""

    answer: Answer
    source_words: str      # the record's fields ("purpose"; "" when the status decides), or the officer and date

    @property
    def item(self) -> str:
        return self.answer.question.item

    @property
    def question(self) -> str:
        return self.answer.question.words

    @property
    def at(self) -> str:
        return self.answer.question.at

    @property
    def value(self) -> str:
        return self.answer.answer

    @property
    def words(self) -> str:
        return ANSWER_WORDS[self.answer.answer]

    @property
    def note(self) -> str | None:
        return self.answer.note

    @property
    def action(self) -> dict | None:
        return self.answer.action if isinstance(self.answer.action, dict) and self.answer.action else None

    @property
    def no_without_action(self) -> bool:
        return self.answer.no_without_action


@dataclass(frozen=True)
class Completed:
    """One tool as completed for a record: its rows, who answered the officer's part and when, the counts."""

    rows: tuple[ToolRow, ...]
    by: str | None
    on: dt.date | None
    counts: tuple[tuple[str, int], ...]   # (answer, how many) in ANSWER_ORDER, zeros included

    @property
    def officer_answered(self) -> int:
        """Answers the officer gave (not the ones the record gives)."""
        return sum(1 for r in self.rows if r.answer.source == "officer" and r.value != UNANSWERED)

    @property
    def no_without_action(self) -> list[ToolRow]:
        return [r for r in self.rows if r.no_without_action]

    def count(self, answer: str) -> int:
        return dict(self.counts).get(answer, 0)


def _source_words(a: Answer, by: str | None, on: dt.date | None) -> str:
    if a.source == "data":
        return a.question.data_field
    if a.answer == UNANSWERED:
        return "officer"
    who = f"officer ({by})" if by else "officer"
    return f"{who}, {long_date(on)}" if on else who


def _completed(answers: list[Answer], by, on) -> Completed:
    by = str(by) if by else None
    rows = tuple(ToolRow(a, _source_words(a, by, on)) for a in answers)
    return Completed(rows, by, on, tuple((k, sum(1 for a in answers if a.answer == k)) for k in ANSWER_ORDER))


@dataclass(frozen=True)
class EarlierTemplate:
    """An Improvement Template completed at an earlier review (the record page lists them)."""

    date: dt.date
    by: str | None
    counts: tuple[tuple[str, int], ...]

    def count(self, answer: str) -> int:
        return dict(self.counts).get(answer, 0)


# --- 003 Annex 1: the periodic audit --------------------------------------------------------------


@dataclass(frozen=True)
class Audit:
    """One audit recorded: when, by whom, what it found, and what is still to do."""

    date: dt.date
    by: str
    findings: tuple[dict, ...]           # finding, action, owner, due, done_on (dates as dates)
    reform_plans: str | None
    link: str | None
    detail_withheld: str | None          # internal builds only (the public view removes it)

    @property
    def has_reform_plans(self) -> bool:
        return has_reform_plans(self.reform_plans)

    @property
    def open_findings(self) -> list[dict]:
        return [x for x in self.findings if not x.get("done_on")]


@dataclass(frozen=True)
class AnnexRow:
    """One row of the 003 Annex 1 template, filled from the record."""

    number: int
    label: str
    at: str
    values: tuple[tuple[str, str | None], ...]   # (text, link or None); empty: not recorded


@dataclass(frozen=True)
class AuditView:
    """The record's audits (newest first), the next one due, and the Annex 1 template filled from the record."""

    state: str                # overdue | due-soon | scheduled | not-scheduled | proposed | closed
    due: dt.date | None
    due_from: str | None      # "the last audit on 20 May 2026" / "the start on 1 April 2020"
    audits: tuple[Audit, ...]
    annex: tuple[AnnexRow, ...]

    @property
    def last(self) -> Audit | None:
        return self.audits[0] if self.audits else None


# --- the "should we enter?" test (003 §3; 004 Appendices 2 and 3) ------------------------------------

CRITERIA = {  # 003:83-89, the council's reasons for entering a partnership (schema entry.criteria)
    "added-value": "Outcomes are delivered more effectively and it adds value: something unlikely to be achieved "
                   "another way",
    "required-by-government": "It is required by Government",
    "access-to-funding": "It strengthens the council's ability to access external funding",
    "good-governance": "It demonstrates good governance: consistent and well managed",
}
ALTERNATIVES = {  # 003:95-97
    "existing-partnership": "Using an existing partnership",
    "consultation-only": "Consulting others while one agency keeps responsibility",
    "contract": "A contractual arrangement",
    "other": "Another option",
}
APPENDIX_3 = (  # (entry.consulted who, department as 004 Appendix 3 names it, line, written approval field)
    ("portfolio-holder", "Portfolio Holder", "004:499", None),
    ("legal", "Director of Legal & Democratic Services", "004:500", "legal_approval"),
    ("finance", "Director of Finance & E-Government", "004:501", "finance_approval"),
    ("procurement", "Corporate Procurement / Legal Services", "004:502", None),
    ("insurance-and-risk", "Insurance Section & Risk Manager", "004:503", None),
    ("ict", "Corporate ICT", "004:504", None),
    ("personnel", "Corporate Personnel", "004:505", None),
    ("performance-strategic-fit", "Corporate Performance Team: strategic fit", "004:506", None),
    ("performance-outcomes", "Corporate Performance Team: measurement of outcomes", "004:507", None),
    ("other", "Other", "004:508", None),
)
SIGN_OFF = (  # (approval field, who, line)
    ("legal_approval", "Written approval of the Director of Legal & Democratic Services", "004:500"),
    ("finance_approval", "Written approval of the Director of Finance & E-Government", "004:501"),
    ("director_approval", "Director / Chief Officer sign-off", "004:509"),
)
ENTRY_RULES = ("entry-case-not-made", "entry-checklist-incomplete", "entry-risks-not-assessed",
               "agreement-not-signed-off")


@dataclass(frozen=True)
class Consultation:
    """One 004 Appendix 3 row: who was consulted (entry.consulted) and, for Legal and Finance, the approval."""

    who: str
    department: str
    at: str
    written_approval_required: bool
    entries: tuple[dict, ...]      # name, date (a date), followed, advice (internal builds only)
    approval: dict | None          # legal_approval / finance_approval: by, date

    @property
    def consulted(self) -> bool:
        return bool(self.entries) or bool(self.approval)


@dataclass(frozen=True)
class SignOff:
    field: str
    who: str
    at: str
    by: str | None
    date: dt.date | None
    reference: str | None

    @property
    def done(self) -> bool:
        return bool(self.by and self.date)


@dataclass(frozen=True)
class EntryTest:
    """The "should we enter?" test of one partnership, as recorded."""

    recorded: bool                              # the record has an `entry`
    criteria: tuple[tuple[str, str], ...]       # (id, words)
    criteria_note: str | None
    alternatives: tuple[tuple[str, str], ...]   # (option in words, why not)
    benefits_justify_costs: str | None
    questions: tuple[ToolRow, ...]              # 004 Appendix 2's 32
    consultations: tuple[Consultation, ...]     # 004 Appendix 3's rows
    sign_off: tuple[SignOff, ...]
    missing: tuple[Gap, ...]                    # open gaps: the entry rules first, then the rest
    not_consulted: tuple[str, ...]              # Appendix 3 departments with nothing recorded (information)

    @property
    def questions_considered(self) -> int:
        return sum(1 for q in self.questions if q.value == YES)

    @property
    def signed_off(self) -> bool:
        return all(s.done for s in self.sign_off)


@dataclass(frozen=True)
class RecordTools:
    """Every tool for one record; None where the tool does not apply to the record's status."""

    checklist: Completed | None          # records not closed
    improvement: Completed | None        # live records whose reviews completed the template
    improvement_review: dict | None      # the review it was completed at
    earlier_improvements: tuple[EarlierTemplate, ...]
    audit: AuditView
    entry: EntryTest | None              # proposed records, and any record with an `entry`


# --- building them ---------------------------------------------------------------------------------


def _group(data: dict, key: str) -> dict:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _person(value) -> str:
    if not isinstance(value, dict):
        return ""
    return ", ".join(str(value[k]) for k in ("name", "job_title") if value.get(k))


def _doc_state(data: dict, key: str) -> dict:
    return _group(_group(data, "documents"), key)


def _annex(ra: RecordAssessment, audits: tuple[Audit, ...], names: dict[str, str]) -> tuple[AnnexRow, ...]:
    """003 Annex 1's 19 rows (003:184-202) filled from the record, so the lead officer audits by checking them."""
    d, f = ra.record.data, ra.facts
    kind = [label(d.get("type"))] + [label(d[k]) for k in ("statutory", "decision_role") if d.get(k)]
    if d.get("legal_form"):
        kind.append(f"Legal form: {d['legal_form']}")
    agreement = _doc_state(d, "agreement")
    tor = []
    if agreement.get("state"):
        tor.append((label(agreement["state"]) + (f", agreed {long_date(agreement['date_agreed'])}"
                                                 if agreement.get("date_agreed") else ""), agreement.get("link")))
    members = [f"{p['name']}" + (f" ({label(p['sector'])})" if p.get("sector") else "")
               for p in d.get("partners") or [] if isinstance(p, dict) and p.get("name")]
    councillors = [f"{r['name']}" + (f", {r['role']}" if r.get("role") else "")
                   for r in d.get("representatives") or [] if isinstance(r, dict) and r.get("kind") == "councillor"]
    start, end = to_date(d.get("start_date")), to_date(d.get("proposed_end_date"))
    dates = [f"Started {long_date(start)}" if start else "Start not recorded",
             f"proposed end {long_date(end)}" if end else "no proposed end date"]
    resources = []
    if f.annual_contribution:
        resources.append(f"{money(f.annual_contribution)} a year")
    if f.one_off_contribution:
        resources.append(f"{money(f.one_off_contribution)} one-off")
    resources += [f"Officer time: {o['role']}" + (f", {number(o['days_per_month'])} days a month"
                                                  if o.get("days_per_month") is not None else "")
                  + (f", {o['description']}" if o.get("description") else "")
                  for o in d.get("officer_time") or [] if isinstance(o, dict) and o.get("role")]
    if d.get("in_kind"):
        resources.append("In kind: " + ", ".join(label(k) for k in d["in_kind"]))
    risks = [f"{r.title} (score {r.score}, {r.band})" for r in f.open_risks]
    plans = [(label(key), entry.get("link")) for key, entry in _group(d, "documents").items()
             if isinstance(entry, dict) and entry.get("state") == "in-place"]
    subs = [names.get(s, s) for s in d.get("sub_groups") or []]
    reform = [audits[0].reform_plans] if audits and audits[0].reform_plans else []
    isa = _doc_state(d, "information_sharing_agreement")
    sharing = []
    if d.get("personal_data_shared") is True:
        sharing.append("Personal data is shared")
    elif d.get("information_shared") is True:
        sharing.append("Information is shared")
    elif d.get("information_shared") is False:
        sharing.append("No information is shared")
    if isa.get("state"):
        sharing.append(f"Information sharing agreement: {label(isa['state']).lower()}"
                       + (f" ({isa['reason']})" if isa.get("reason") else ""))
    rows = (
        ("Name of Partnership", [ra.name]),
        ("Type of Partnership including statutory/ legal status", kind),
        ("Partnership area of work", [d.get("area_of_work")]),
        ("Does the partnership have terms of reference agreed by all partners?", tor),
        ("Membership of the partnership", members),
        ("Elected member contribution to partnership", councillors),
        ("Organisation that the partnership is accountable to", [_group(d, "accountable_to").get("organisation")]),
        ("Service Manager accountable for the Partnership", [_person(d.get("accountable_officer"))]),
        ("Name of responsible officer identified for the Partnership", [_person(d.get("sponsoring_officer"))]),
        ("Start and proposed end date of partnership", ["; ".join(dates)]),
        ("Contribution of partnership to Council's Business Plan", list(d.get("corporate_priorities") or [])),
        ("Funding sources available to the partnership", list(d.get("funding_sources") or [])),
        ("Council resources made available to the partnership", resources),
        ("Risks to the council associated with partnership", risks),
        ("Key partnership plans or strategies", plans),
        ("Mechanisms in place to review performance", [_group(d, "performance").get("mechanism")]),
        ("Key sub groups", subs),
        ("Are there any plans for reforming the partnership in the pipeline?", reform),
        ("Information sharing arrangements", sharing),
    )
    return tuple(AnnexRow(i + 1, text, f"003:{184 + i}",
                          tuple((str(v[0]), v[1]) if isinstance(v, tuple) else (str(v), None) for v in values
                                if v and (v[0] if isinstance(v, tuple) else v)))
                 for i, (text, values) in enumerate(rows))


def _audits(ra: RecordAssessment) -> tuple[Audit, ...]:
    out = []
    for a in reversed(ra.facts.audits):  # the facts hold them by date; newest first here
        findings = tuple({**x, "due": to_date(x.get("due")), "done_on": to_date(x.get("done_on"))}
                         for x in a.get("findings") or [] if isinstance(x, dict))
        out.append(Audit(a["date"], str(a.get("by") or ""), findings, a.get("reform_plans"), a.get("link"),
                         a.get("detail_withheld")))
    return tuple(out)


def _audit_view(ra: RecordAssessment, names: dict[str, str]) -> AuditView:
    f = ra.facts
    audits = _audits(ra)
    due_from = None
    if f.audit_due is not None:
        due_from = (f"the last audit on {long_date(audits[0].date)}" if audits
                    else f"the start on {long_date(f.date('start_date'))}")
    return AuditView(f.audit_state, f.audit_due, due_from, audits, _annex(ra, audits, names))


def _entry(ra: RecordAssessment) -> EntryTest:
    f, d = ra.facts, ra.record.data
    entry = _group(d, "entry")
    approval = _group(d, "approval")
    consulted = [c for c in entry.get("consulted") or [] if isinstance(c, dict)]
    consultations = []
    for who, department, at, approval_field in APPENDIX_3:
        entries = tuple({**c, "date": to_date(c.get("date"))} for c in consulted if c.get("who") == who)
        given = _group(approval, approval_field) if approval_field else {}
        consultations.append(Consultation(who, department, at, approval_field is not None, entries,
                                          given if given.get("by") else None))
    sign_off = tuple(SignOff(key, who, at, _group(approval, key).get("by"), to_date(_group(approval, key).get("date")),
                             _group(approval, key).get("reference")) for key, who, at in SIGN_OFF)
    order = {rule: i for i, rule in enumerate(ENTRY_RULES)}
    missing = tuple(sorted(ra.open_gaps, key=lambda g: (order.get(g.rule.id, len(order)),)))
    return EntryTest(
        bool(entry), tuple((c, CRITERIA.get(c, label(c))) for c in entry.get("criteria") or []),
        entry.get("criteria_note"),
        tuple((ALTERNATIVES.get(a.get("option"), label(a.get("option"))), str(a.get("why_not") or ""))
              for a in entry.get("alternatives_considered") or [] if isinstance(a, dict)),
        entry.get("benefits_justify_costs"),
        tuple(ToolRow(a, _source_words(a, None, None) if a.source == "data" else f"entry.considered.{a.question.field}")
              for a in entry_answers(f)),
        tuple(consultations), sign_off, missing,
        tuple(c.department for c in consultations if not c.consulted and c.who != "other"))


def record_tools(ra: RecordAssessment, names: dict[str, str]) -> RecordTools:
    """Every tool of one record; `names` maps record ids to names (sub-groups in the audit template)."""
    f, d = ra.facts, ra.record.data
    checklist = None
    if f.status in CURRENT_STATUSES:
        given = _group(d, "checklist")
        checklist = _completed(checklist_answers(f), given.get("by"), to_date(given.get("answered_on")))
    with_template = [r for r in f.reviews if r.get("improvement")]
    improvement = review = None
    earlier = ()
    if f.status in LIVE and with_template:
        review = with_template[-1]
        improvement = _completed(improvement_answers(f, review), review["improvement"].get("by") or review.get("by"),
                                 review["date"])
        earlier = tuple(EarlierTemplate(r["date"], r["improvement"].get("by") or r.get("by"),
                                        _completed(improvement_answers(f, r), None, None).counts)
                        for r in reversed(with_template[:-1]))
    entry = _entry(ra) if f.status == "proposed" or d.get("entry") else None
    return RecordTools(checklist, improvement, review, earlier, _audit_view(ra, names), entry)
