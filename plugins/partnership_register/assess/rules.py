"""The gap rule catalogue: one rule per governance requirement in the council protocols.

Each rule is plain data (id, title, default severity, who it applies to, what it
means for residents, what the officer should do, the protocol clauses) plus one small
function. A check receives the record's `Facts` (see `facts.py`) and returns None when
the requirement is met, or a `Finding` with the specific detail. Policy (mkdocs.yml)
can switch a rule off or change its severity; it never changes the code here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..text import article, long_date, months as _months

LIVE = ("active", "under-review", "exiting")
NOT_CLOSED = ("proposed",) + LIVE
ALL = NOT_CLOSED + ("closed",)


@dataclass(frozen=True)
class Finding:
    detail: str
    since: dt.date | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    statuses: tuple
    applies_to: str          # in words, for the site
    explanation: str         # what it means, for a resident
    action: str              # what the officer should do
    sources: tuple           # protocol clauses: "001 Significant Partnerships"
    check: Callable          # Facts -> Finding | None


def _doc_state(f, key) -> str | None:
    doc = (f.data.get("documents") or {}).get(key)
    return doc.get("state") if isinstance(doc, dict) else None


def _missing_doc(f, key, label, allow_not_applicable=True):
    state = _doc_state(f, key)
    if state == "in-place" or (allow_not_applicable and state == "not-applicable"):
        return None
    if state == "not-in-place":
        return Finding(f"The record says the {label} is not in place.")
    if state == "not-applicable":
        reason = ((f.data.get("documents") or {}).get(key) or {}).get("reason", "")
        return Finding(f"The record marks the {label} as not applicable ({reason.rstrip('.')}), but the "
                       "protocol expects every partnership in this position to have one.")
    return Finding(f"The record does not say whether there is {article(label)} {label}.")


# --- checks ---------------------------------------------------------------------------

def no_agreement(f):
    return _missing_doc(f, "agreement", "written agreement or terms of reference", allow_not_applicable=False)


def agreement_not_reviewed(f):
    if _doc_state(f, "agreement") != "in-place":
        return None
    last = f.date("documents", "agreement", "last_reviewed") or f.date("documents", "agreement", "date_agreed")
    due = f.add_months(last, f.policy.review_interval_months) if last else None
    if last is None:
        return Finding("The agreement has no date agreed or last reviewed.")
    if due < f.as_of:
        return Finding(f"The agreement was last reviewed or agreed on {long_date(last)}; it should be reviewed "
                       f"every {_months(f.policy.review_interval_months)}.", due)
    return None


def _missing_person(key, label):
    def check(f):
        person = f.data.get(key)
        if isinstance(person, dict) and person.get("name"):
            return None
        return Finding(f"No {label} is named.")
    return check


def no_representative(f):
    return None if f.data.get("representatives") else Finding("No councillor or officer is recorded as the council's representative.")


def no_lead(f):
    return None if f.lead_organisation else Finding("Neither the council nor any partner is marked as the lead.")


def no_partners(f):
    return None if f.data.get("partners") else Finding("No partner organisation other than the council is listed.")


def no_priorities(f):
    return None if f.data.get("corporate_priorities") else Finding("The record does not say which council priorities it supports.")


def no_risk_register(f):
    return _missing_doc(f, "risk_register", "risk register", allow_not_applicable=False)


def high_risk_uncontrolled(f):
    bad = [r for r in f.risks if not r.closed and r.band == "high" and not r.controls_in_place and not r.controls_planned]
    if not bad:
        return None
    names = "; ".join(f"{r.title} (score {r.score})" for r in bad)
    return Finding(f"High risks with no controls in place or planned: {names}.")


def risks_not_reviewed(f):
    months = f.policy.risk_review_interval_months
    stale, since = [], None
    for r in f.risks:
        if r.closed:
            continue
        if r.last_reviewed is None:
            stale.append(f"{r.title} (never reviewed)")
            continue
        due = f.add_months(r.last_reviewed, months)
        if due < f.as_of:
            stale.append(f"{r.title} (last reviewed {long_date(r.last_reviewed)})")
            since = min(since, due) if since else due
    if not stale:
        return None
    return Finding(f"Risks not reviewed within {_months(months)}: {'; '.join(stale)}.", since)


def review_overdue(f):
    if f.review_state != "overdue":
        return None
    days = (f.as_of - f.next_review).days
    basis = "the next review date" if f.next_review_stated else "the review interval since the last review or start"
    return Finding(f"A review was due on {long_date(f.next_review)} ({days} days ago, by {basis}).", f.next_review)


def no_exit_strategy(f):
    return _missing_doc(f, "exit_strategy", "exit strategy", allow_not_applicable=False)


def significant_not_approved(f):
    if not f.significance.effective:
        return None
    approval = f.data.get("approval") or {}
    body = str(approval.get("body") or "").strip()
    bodies = [b.lower() for b in f.policy.approving_bodies]
    if not body:
        return Finding(f"The partnership is significant ({f.significance.because}) but no approval is recorded; "
                       f"it needs approval by {' or '.join(f.policy.approving_bodies)}.")
    if body.lower() not in bodies:
        return Finding(f"The partnership is significant but was approved by {body}, not by "
                       f"{' or '.join(f.policy.approving_bodies)}.")
    return None


def money_no_budget_holder(f):
    if not f.money_committed:
        return None
    return None if (f.data.get("budget_holder") or {}).get("name") else Finding("Council money is committed but no budget holder is named.")


def money_no_approval(f):
    if not f.money_committed:
        return None
    approval = f.data.get("approval") or {}
    return None if approval.get("body") and approval.get("date") else Finding("Council money is committed but no approval decision is recorded.")


def accountable_body_no_approval(f):
    if "accountable-body" not in f.council_roles:
        return None
    approval = f.data.get("approval") or {}
    missing = [label for key, label in (("finance_approval", "finance"), ("legal_approval", "legal"))
               if not approval.get(key)]
    if not missing:
        return None
    return Finding(f"The council is the accountable body but there is no recorded {' or '.join(missing)} approval.")


def money_no_audit_access(f):
    if not f.money_committed:
        return None
    return _missing_doc(f, "audit_access_rights", "right of access for auditors", allow_not_applicable=False)


def personal_data_no_isa(f):
    if f.data.get("personal_data_shared") is not True:
        return None
    return _missing_doc(f, "information_sharing_agreement", "information sharing agreement", allow_not_applicable=False)


def no_eia(f):
    expected = f.data.get("equality_impact_expected")
    if expected is False or (expected is None and f.data.get("service_delivery") is not True):
        return None
    return _missing_doc(f, "equality_impact_assessment", "equality impact assessment")


def no_performance_reporting(f):
    perf = f.data.get("performance") or {}
    if perf.get("reported_to") and perf.get("frequency"):
        return None
    return Finding("The record does not say to whom and how often performance is reported.")


def no_scrutiny(f):
    return None if (f.data.get("performance") or {}).get("scrutiny") else Finding("No scrutiny arrangement is recorded.")


def no_dispute_resolution(f):
    return _missing_doc(f, "dispute_resolution", "dispute resolution procedure")


def no_decision_rules(f):
    meetings = f.data.get("meetings") or {}
    missing = [label for key, label in (("decision_making", "how decisions are made"), ("quorum", "the quorum"))
               if not meetings.get(key)]
    return Finding(f"The record does not say {' or '.join(missing)}.") if missing else None


def end_date_passed(f):
    end = f.date("proposed_end_date")
    if end and end < f.as_of:
        return Finding(f"The proposed end date {long_date(end)} has passed but the partnership is still "
                       f"{f.data.get('status')}.", end)
    return None


def closed_no_reason(f):
    return None if f.data.get("end_reason") else Finding("The record does not say why the partnership ended.")


def closed_no_final_report(f):
    return _missing_doc(f, "final_report", "final report")


def looks_like_contract(f):
    if f.data.get("council_commissions_provider") is True:
        return Finding("The record says the council pays the other party to deliver services on its behalf.")
    if f.data.get("type") == "contractual":
        return Finding("The partnership is recorded as a contractual arrangement.")
    return None


def looks_like_forum(f):
    if f.data.get("discussion_only") is True:
        return Finding("The record says the group only meets to discuss issues, policy and strategy.")
    return None


def not_verified(f):
    last = f.date("record", "last_verified")
    months = f.policy.verification_interval_months
    if last is None:
        return Finding("Nobody has recorded checking that this record is accurate.")
    due = f.add_months(last, months)
    if due < f.as_of:
        return Finding(f"The record was last verified on {long_date(last)}; records should be checked every "
                       f"{_months(months)}.", due)
    return None


def significance_mismatch(f):
    stated = f.significance.stated
    if stated is None or stated == f.significance.computed:
        return None
    if f.significance.computed:
        return Finding(f"The record says it is not significant, but by the council's criteria it is "
                       f"({f.significance.because}).")
    return Finding("The record says it is significant, but it meets fewer of the council's criteria than needed "
                   f"({f.significance.because or 'none met'}).")


def no_business_case(f):
    if not f.significance.effective:
        return None
    return _missing_doc(f, "business_case", "business case")


def no_communications_strategy(f):
    return _missing_doc(f, "communications_strategy", "communications strategy")


def no_complaints_procedure(f):
    if f.data.get("service_delivery") is not True:
        return None
    return _missing_doc(f, "complaints_procedure", "complaints procedure")


def withdraw_not_acted(f):
    reviews = f.reviews
    if not reviews or reviews[-1]["outcome"] != "withdraw" or f.data.get("status") not in ("active", "under-review"):
        return None
    return Finding(f"The review on {long_date(reviews[-1]['date'])} decided the council should withdraw, "
                   f"but the partnership is still {f.data.get('status')}.", reviews[-1]["date"])


RULES: tuple[Rule, ...] = (
    Rule("no-agreement", "No written agreement or terms of reference", "high", LIVE, "live partnerships",
         "Every partnership must have a written agreement or terms of reference signed by all partners, so everyone "
         "knows its purpose, who is responsible for what and how it is held to account. This one does not.",
         "Agree terms of reference or a partnership agreement with all partners, then record it under "
         "documents.agreement with state: in-place, the date agreed and a link.",
         ("001 Appendix 1 Written Agreement", "003 §4 Legal Status", "004 §7"), no_agreement),
    Rule("agreement-not-reviewed", "Agreement not reviewed in the last year", "medium", LIVE,
         "live partnerships with an agreement",
         "The partnership agreement should be reviewed at least once a year so it still matches what the partnership does.",
         "Review the agreement with the partners and record documents.agreement.last_reviewed.",
         ("004 §7.5", "000 §2.6"), agreement_not_reviewed),
    Rule("no-sponsoring-officer", "No sponsoring officer", "medium", NOT_CLOSED, "all partnerships not closed",
         "Each partnership needs a senior council officer who makes sure the council's protocol is followed. None is named.",
         "Name the sponsoring officer (usually a Head of Service) under sponsoring_officer.",
         ("000 §2.16", "001 Roles of Councillors and Officers", "002 Partnership Improvement Template", "003 §4 Roles"),
         _missing_person("sponsoring_officer", "sponsoring officer")),
    Rule("no-accountable-officer", "No officer accountable for performance", "medium", LIVE, "live partnerships",
         "Someone at the council must be accountable for monitoring how well the partnership performs. Nobody is named.",
         "Name the officer under accountable_officer.",
         ("000 §2.6", "001 Putting arrangements in place", "003 Performance Management"),
         _missing_person("accountable_officer", "officer accountable for performance")),
    Rule("no-representative", "No council representative recorded", "medium", LIVE, "live partnerships",
         "The register must say which councillors or officers represent the council on the partnership.",
         "List them under representatives, with their substitutes.",
         ("000 §2.16", "001 Register", "001 Appendix 2 §2"), no_representative),
    Rule("no-lead-organisation", "No lead organisation named", "medium", NOT_CLOSED, "all partnerships not closed",
         "The register must name the organisation that leads the partnership.",
         "Add lead to council_role, or mark the leading partner with lead: true.",
         ("001 Register", "001 Features of Partnerships", "001 Appendix 2 §2"), no_lead),
    Rule("no-partners", "No partner organisation besides the council", "medium", NOT_CLOSED,
         "all partnerships not closed",
         "A partnership involves the council and at least one other organisation. No other organisation is listed.",
         "List the partner organisations under partners, or check whether this is a partnership at all.",
         ("000 Section 1", "001 Definition of a Partnership", "004 §8.5"), no_partners),
    Rule("no-corporate-priorities", "No contribution to council priorities stated", "medium", NOT_CLOSED,
         "all partnerships not closed",
         "The council should only take part in partnerships that help deliver its agreed priorities, and say which.",
         "List the corporate plan priorities it supports under corporate_priorities.",
         ("000 §2.5", "001 How to enter into a Partnership", "001 Appendix 2 §2", "003 Annex 1"), no_priorities),
    Rule("no-risk-register", "No risk register", "high", LIVE, "live partnerships",
         "Partnership action plans must be supported by a risk register, and the register of partnerships must record it.",
         "Set up a risk register with the partners and record documents.risk_register with state: in-place.",
         ("001 Register", "001 Risk Management", "001 Appendix 2 §3", "000 §2.6"), no_risk_register),
    Rule("high-risk-uncontrolled", "High risk with no controls", "high", NOT_CLOSED, "partnerships with open risks",
         "A risk scored high needs immediate control improvements. At least one high risk has no controls in place or planned.",
         "Record the controls in place or planned (with owner and date) for each high risk.",
         ("004 Appendix 10", "001 Risk Management 2.iv–v"), high_risk_uncontrolled),
    Rule("risks-not-reviewed", "Risks not reviewed within the review interval", "medium", LIVE,
         "live partnerships with open risks",
         "Risks must be reviewed regularly by their owners. Some have not been reviewed within the council's interval.",
         "Ask each risk owner to review the risk and update last_reviewed.",
         ("001 Risk Management 3", "000 §2.6"), risks_not_reviewed),
    Rule("review-overdue", "Review overdue", "high", LIVE, "live partnerships",
         "Each partnership must be reviewed at least once a year to decide whether the council should continue. "
         "This review is overdue.",
         "Carry out the review, add it under reviews (date, by, outcome) and set next_review.",
         ("000 §2.6", "001 Reviewing Partnerships", "001 Exit/Succession Strategy"), review_overdue),
    Rule("no-exit-strategy", "No exit strategy", "medium", LIVE, "live partnerships",
         "There must be a plan for how the partnership ends, planned or unplanned, including money, staff and assets.",
         "Agree an exit strategy and record documents.exit_strategy with state: in-place.",
         ("000 §2.14", "001 Exit/Succession Strategy", "004 §9.21"), no_exit_strategy),
    Rule("significant-not-approved", "Significant partnership not approved by the named body", "high", NOT_CLOSED,
         "significant partnerships",
         "Significant partnerships (material in money or in the services that rely on them) must be approved by the "
         "body the council's protocol names.",
         "Take the partnership to the approving body and record approval (body, date, decision reference).",
         ("001 Significant Partnerships", "004 §6.4", "004 §7.2"), significant_not_approved),
    Rule("money-no-budget-holder", "Council money with no budget holder", "medium", NOT_CLOSED,
         "partnerships the council puts money into",
         "Where council money goes in, a budget holder must be appointed with clear duties.",
         "Name the budget holder under budget_holder.", ("004 §9.22",), money_no_budget_holder),
    Rule("money-no-approval", "Council money with no recorded approval", "high", NOT_CLOSED,
         "partnerships the council puts money into",
         "The council must not commit money to a partnership without formal approval. No approval is recorded.",
         "Record the approval decision under approval (body, date, decision reference).",
         ("000 §2.5", "001 How to enter into a Partnership", "004 §9.1"), money_no_approval),
    Rule("accountable-body-no-approval", "Council is accountable body without finance and legal approval", "high",
         NOT_CLOSED, "partnerships where the council is the accountable body",
         "Being the accountable body puts council money at risk, so the finance and legal directors must approve it first.",
         "Record approval.finance_approval and approval.legal_approval (by whom, when).",
         ("004 §9.7", "004 §7.6", "004 Appendix 3"), accountable_body_no_approval),
    Rule("money-no-audit-access", "Council money without audit access rights", "medium", NOT_CLOSED,
         "partnerships the council puts money into",
         "Where public money is involved, the agreement must give internal and external auditors access to documents.",
         "Add audit access wording (from Internal Audit) to the agreement and record documents.audit_access_rights.",
         ("004 §9.13", "000 Appendix 1 §6", "004 Appendix 4 E"), money_no_audit_access),
    Rule("personal-data-no-isa", "Personal data shared without an information sharing agreement", "high", NOT_CLOSED,
         "partnerships that share personal data",
         "Partners share personal data about residents but there is no information sharing agreement in place.",
         "Agree an information sharing agreement and record documents.information_sharing_agreement.",
         ("000 §2.11", "001 Information Sharing", "003 §4 Information Sharing", "004 §11"), personal_data_no_isa),
    Rule("no-equality-impact-assessment", "No equality impact assessment where one is expected", "medium", NOT_CLOSED,
         "partnerships whose work affects residents",
         "The council must assess the equality impact of the partnership's functions. No assessment is recorded.",
         "Complete an equality impact assessment and record documents.equality_impact_assessment.",
         ("001 Equalities", "004 Appendix 2", "004 Appendix 4 D"), no_eia),
    Rule("no-performance-reporting", "No performance reporting arrangement", "medium", LIVE, "live partnerships",
         "Performance must be reported in agreed time frames to an agreed body. The record does not say how.",
         "Record performance.reported_to and performance.frequency.",
         ("000 §2.6", "001 Putting arrangements in place", "002 checklist 4"), no_performance_reporting),
    Rule("no-scrutiny", "No scrutiny arrangement", "low", LIVE, "live partnerships",
         "The council's overview and scrutiny function should be able to examine the partnership. No arrangement is recorded.",
         "Record how scrutiny oversees it under performance.scrutiny.",
         ("000 §2.17", "001 Auditing and Scrutiny Arrangements", "002 checklist 3e"), no_scrutiny),
    Rule("no-dispute-resolution", "No dispute resolution procedure", "low", LIVE, "live partnerships",
         "Partners need an agreed way to resolve disagreements.",
         "Agree a dispute resolution procedure and record documents.dispute_resolution.",
         ("000 §2.7 l", "001 Features of Partnerships", "004 Appendix 4 F"), no_dispute_resolution),
    Rule("no-decision-rules", "No decision-making rules or quorum", "medium", LIVE, "live partnerships",
         "It is vital to agree and record how the partnership makes decisions and how many members must be present.",
         "Record meetings.decision_making and meetings.quorum.", ("000 §2.8", "001 Appendix 1"), no_decision_rules),
    Rule("end-date-passed", "Proposed end date passed while still running", "medium", ("active", "under-review"),
         "active partnerships with a proposed end date",
         "The partnership was due to end but is still recorded as running.",
         "Decide whether to extend (and set a new proposed_end_date) or close it.",
         ("000 §2.7 d", "003 Annex 1"), end_date_passed),
    Rule("closed-no-reason", "Closed with no reason recorded", "low", ("closed",), "closed partnerships",
         "The register should say why a partnership ended.",
         "Record end_reason (and end_reason_detail).", ("003 §3",), closed_no_reason),
    Rule("closed-no-final-report", "Closed with no final report", "low", ("closed",), "closed partnerships",
         "When a partnership ends, partners should produce a final report.",
         "Record documents.final_report with a link, or not-applicable with a reason.",
         ("000 Appendix 1 §7", "004 Appendix 4 G"), closed_no_final_report),
    Rule("looks-like-contract", "May be a contract, not a partnership", "low", NOT_CLOSED, "all partnerships not closed",
         "By the protocols' own definitions, an arrangement where the council pays another party to deliver services "
         "is a contract, not a partnership. It is flagged for review, not silently included.",
         "Check whether this belongs on the register; if it is a contract, manage it under contract rules and close it here.",
         ("000 §2.2 a", "001 What is a partnership", "002 What is not partnership", "003 §2"), looks_like_contract),
    Rule("looks-like-forum", "May be a discussion forum, not a partnership", "low", NOT_CLOSED,
         "all partnerships not closed",
         "By the protocols' own definitions, a group that only meets to discuss issues is not a partnership. It is "
         "flagged for review, not silently included.",
         "Check whether this belongs on the register.", ("000 §2.2 b", "001 What is a partnership", "003 §2"),
         looks_like_forum),
    Rule("record-not-verified", "Record not verified recently", "medium", NOT_CLOSED, "all partnerships not closed",
         "The register must be a live record. Nobody has confirmed this record is accurate within the council's interval.",
         "Check every field with the sponsoring officer and update record.last_verified.",
         ("004 §8.9", "004 Appendix 5"), not_verified),
    Rule("significance-mismatch", "Stated significance disagrees with the council's criteria", "medium", ALL,
         "records that state their significance",
         "The record states whether the partnership is significant, but the council's own criteria say otherwise.",
         "Correct significance, or explain in its reason and acknowledge this gap.",
         ("001 Significant Partnerships",), significance_mismatch),
    Rule("no-business-case", "Significant partnership with no business case", "medium", NOT_CLOSED,
         "significant partnerships",
         "A partnership should rest on a sound evidence base in a formal business case.",
         "Record documents.business_case.", ("000 §2.6", "004 Appendix 2"), no_business_case),
    Rule("no-communications-strategy", "No communications strategy", "low", LIVE, "live partnerships",
         "Each partnership should agree how it communicates with residents and partners.",
         "Record documents.communications_strategy.", ("000 §2.10", "001 Communications Strategy"),
         no_communications_strategy),
    Rule("no-complaints-procedure", "No complaints procedure for a service", "low", LIVE,
         "live partnerships that deliver services",
         "Residents who use the partnership's services need a way to complain and get redress.",
         "Record documents.complaints_procedure.", ("000 Appendix 1 §4", "002 checklist 8"), no_complaints_procedure),
    Rule("withdraw-not-acted", "Review decided to withdraw, still running", "medium", ("active", "under-review"),
         "partnerships whose last review decided to withdraw",
         "The last review decided the council should withdraw, but the register still shows the partnership running.",
         "Set status to exiting and put the exit strategy into effect, or record a new review.",
         ("001 Reviewing Partnerships", "001 Exit/Succession Strategy"), withdraw_not_acted),
)

RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)
RULES_BY_ID = {r.id: r for r in RULES}
assert len(RULE_IDS) == len(RULES_BY_ID), "rule ids must be unique"
