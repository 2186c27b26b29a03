"""Approval of the council's participation, its timing, the sign-offs, and the accountable body role.

One missing approval is one gap: the three approval rules are tested in the order
significant-not-approved → money-no-approval → no-approval, and a later one is quiet when an
earlier one applies to the record, is switched on, and fires (acknowledged or not: the gap
exists). A rule switched off passes the report down the chain (`approval_gap_owner`).
"""

from __future__ import annotations

from ...text import long_date, money
from .base import LIVE, NOT_CLOSED, C, Finding, group, in_place, missing_doc, registry, words_and, words_or

RULES: list = []
rule = registry(RULES)

APPROVAL_CHAIN = ("significant-not-approved", "money-no-approval", "no-approval")


def approval_gap_owner(f) -> str | None:
    """The one approval rule that reports this record's missing approval, or None."""
    by_id = {r.id: r for r in RULES}
    for rule_id in APPROVAL_CHAIN:
        r = by_id[rule_id]
        if f.status in r.statuses and f.policy.override(rule_id).enabled and _TRIGGERS[rule_id](f):
            return rule_id
    return None


def _owned(rule_id, f):
    finding = _TRIGGERS[rule_id](f)
    return finding if finding and approval_gap_owner(f) == rule_id else None


def _body(f) -> str:
    return str(group(f, "approval").get("body") or "").strip()


def _not_executive(f) -> str:
    return ("not recorded as a Director or Chief Officer sign-off (approval.director_approval) and is not the "
            f"Executive ({f.policy.approving_bodies_words}, directly or under delegation)")


def _significant_trigger(f):
    if not f.significance.effective or f.approvals.executive:
        return None
    because = f.significance.because
    if not f.approvals.decision:
        return Finding(f"The partnership is significant ({because}) but no approval is recorded; it needs approval by "
                       f"{f.policy.approving_bodies_words}, or by someone acting under their delegation.")
    return Finding(f"The partnership is significant ({because}) but was approved by {_body(f)}, which is not "
                   f"{f.policy.approving_bodies_words}, and no delegation from them is recorded.")


def _money_trigger(f):
    if not f.money_committed or f.approvals.participation:
        return None
    amounts = [w for w, v in ((f"{money(f.annual_contribution)} a year", f.annual_contribution),
                              (f"{money(f.one_off_contribution)} one-off", f.one_off_contribution)) if v]
    what = f" ({words_and(amounts)})" if amounts else ""
    if not f.approvals.any:
        return Finding(f"Council money is committed{what} but no approval of the council's participation is recorded.")
    reason = _participation_trigger(f).detail
    return Finding(f"Council money is committed{what} but the council's participation is not approved: "
                   f"{reason[:1].lower()}{reason[1:]}")


def _participation_trigger(f):
    a = f.approvals
    if a.participation:
        return None
    if not a.any:
        return Finding("No approval of the council's participation is recorded.")
    if f.policy.every_partnership_approval == "head-of-service-and-director":
        missing = [w for w, ok in (("the head of service's", a.head_of_service), ("the director's", a.director))
                   if not ok]
        return Finding(f"Participation must be approved by the head of service and the director; "
                       f"{words_and(missing)} approval is not recorded.")
    return Finding(f"Approval is recorded by {_body(f) or 'a head of service'}, which is {_not_executive(f)}.")


_TRIGGERS = {"significant-not-approved": _significant_trigger, "money-no-approval": _money_trigger,
             "no-approval": _participation_trigger}

APPROVAL_ACTION = ("Record the approval: approval (body, date, reference) for an Executive decision, with "
                   "approval.delegation if it was taken under the Scheme of Delegation, or approval.director_approval "
                   "for the Director's sign-off.")


@rule("significant-not-approved", "Significant partnership not approved by Cabinet or the Chief Executive", "high",
      NOT_CLOSED, "significant partnerships",
      "A partnership is significant when the money involved is material (over the council's thresholds) or the "
      "level or nature of the services it delivers is. Significant partnerships must be approved by the Cabinet or "
      "the Chief Executive (the bodies this council names), or by someone acting under their delegation.",
      "Take the partnership to an approving body and record approval (body, date, decision reference), with "
      "approval.delegation if the decision was taken under the Scheme of Delegation.",
      (C("001 Significant Partnerships", "001:59", "A significant partnership is one that is material in terms of "
         "the amount of money involved and/or the level or nature of service delivery concerned, in line with the "
         "Financial Regulations contained in the Council's Constitution."),
       C("001 Significant Partnerships", "001:61", "The Cabinet and/or the Chief Executive, in accordance with "
         "standing orders, are responsible for approving the Council's participation in all significant "
         "partnerships"),
       C("001 Significant Partnerships", "001:63", "The Cabinet can delegate functions - including those relating to "
         "partnerships - to specific Members or Officers. These are set out in the Scheme of Delegation")),
      settings=("significance.annual_contribution_over", "significance.one_off_contribution_over",
                "significance.money_counted", "approving_bodies"))
def significant_not_approved(f):
    return _owned("significant-not-approved", f)


@rule("money-no-approval", "Council money with no approval of participation", "high", NOT_CLOSED,
      "partnerships the council puts money into",
      "The council must not commit money to a partnership without formal approval first. No approval of its "
      "participation (by a Director or Chief Officer, or the Executive) is recorded.", APPROVAL_ACTION,
      (C("000 §2.5", "000:118-119", "The council should not enter into any partnership, which requires an "
         "unbudgeted financial commitment, without seeking appropriate approval first."),
       C("001 How to enter into a Partnership", "001:77", "without seeking appropriate approval first"),
       C("004 §9.1", "004:239", "Budget implications and formal approval to incur expenditure against the "
         "commitment.")),
      settings=("every_partnership_approval", "approving_bodies"))
def money_no_approval(f):
    return _owned("money-no-approval", f)


@rule("no-approval", "Participation not approved", "high", LIVE, "live partnerships",
      "Every partnership the council takes part in must be approved: agreed in principle by the appropriate Director "
      "or Chief Officer, or by the Executive. No such approval is recorded.", APPROVAL_ACTION,
      (C("003 §3", "003:99", "Any participation by Wiltshire Council in partnerships must be approved by the relevant "
         "head of service and director."),
       C("004 §6.4", "004:167", "Approval for entering into a partnership relationship should be agreed in principle "
         "with the appropriate Director(s) / Chief Officer(s) or by the Executive"),
       C("004 §7.2", "004:177", "The Council's procedure for approving involvement in partnerships requires the "
         "relevant Member or Director / Chief Officer(s) to approve the partnership agreement"),
       C("001 Significant Partnerships", "001:71", "Chief Officers and Service Heads are responsible for ensuring "
         "that appropriate approvals are obtained before any negotiations are concluded")),
      settings=("every_partnership_approval", "approving_bodies"))
def no_approval(f):
    return _owned("no-approval", f)


@rule("approval-after-commitment", "Approved only after the council had committed", "high", NOT_CLOSED,
      "partnerships with an approval and a start or commitment date",
      "The council's participation should be approved before it commits to the partnership: before it starts, and "
      "before any money is committed.",
      "If the record holds a later re-approval, record the original decision under approval and the later one under "
      "reviews; if the original cannot be found, acknowledge the gap with the reason.",
      (C("004 §6.4", "004:167", "This should be done before any commitments or changes in service delivery or "
         "operational arrangements (e.g. staffing moves etc.) are made."),
       C("000 §2.5", "000:119", "without seeking appropriate approval first."),
       C("001 Significant Partnerships", "001:71", "appropriate approvals are obtained before any negotiations are "
         "concluded")),
      settings=("every_partnership_approval",))
def approval_after_commitment(f):
    a, first = f.approvals, f.first_commitment
    if not a.participation or a.participation_on is None or first is None or a.participation_on <= first.date:
        return None
    return Finding(f"The council's participation was approved on {long_date(a.participation_on)}, after it had "
                   f"committed ({first.words}).", a.participation_on)


@rule("agreement-not-signed-off", "Agreement or proposal not signed off by Legal, Finance and the Director",
      "medium", NOT_CLOSED, "proposed partnerships, and live ones with an agreement",
      "Every partnership agreement, and every proposal to enter a partnership, needs the written approval of the "
      "Director of Legal and Democratic Services, the Director of Finance and the relevant Director.",
      "Record approval.legal_approval, approval.finance_approval and approval.director_approval (by whom, when).",
      (C("004 §7.6", "004:181", "All Partnership Agreements must be approved by the Director of Legal and Democratic "
         "Services, the Director of Finance and E-Government, and relevant Director/Chief Officer(s)."),
       C("004 Appendix 3", "004:500", "Director of Legal & Democratic Services (Written Approval is required)"),
       C("004 Appendix 3", "004:501", "Director of Finance & E-Government (Written Approval is required)"),
       C("004 Appendix 3", "004:509", "am satisfied that the Partnership, as proposed, should proceed")))
def agreement_not_signed_off(f):
    if f.status != "proposed" and not in_place(f, "agreement"):
        return None  # a live partnership with no agreement: no-agreement reports it
    approval = group(f, "approval")
    missing = [w for key, w in (("legal_approval", "legal"), ("finance_approval", "finance"),
                                ("director_approval", "director")) if not _signed(approval.get(key))]
    if not missing:
        return None
    what = "The proposal" if f.status == "proposed" else "The partnership agreement"
    return Finding(f"{what} has no recorded {words_or(missing)} approval.")


def _signed(value) -> bool:
    return isinstance(value, dict) and bool(value.get("by")) and bool(value.get("date"))


@rule("accountable-body-no-approval", "Council is accountable body without prior finance and legal approval", "high",
      NOT_CLOSED, "partnerships where the council is the accountable body",
      "Being the accountable body puts council money at risk, so the finance and legal directors must approve it "
      "before the council takes the role on.",
      "Record approval.finance_approval and approval.legal_approval (by whom, when), and finance.accountable_body_from "
      "if the council took the role on after the start.",
      (C("004 §9.7", "004:261", "Before taking on the role of Accountable Body there must have been prior approval of "
         "the Director of Finance and E-Government and the Director of Legal and Democratic Services"),
       C("004 Appendix 3", "004:500", "Director of Legal & Democratic Services (Written Approval is required)"),
       C("004 Appendix 3", "004:501", "Director of Finance & E-Government (Written Approval is required)")))
def accountable_body_no_approval(f):
    if "accountable-body" not in f.council_roles:
        return None
    approval = group(f, "approval")
    missing = [w for key, w in (("finance_approval", "finance"), ("legal_approval", "legal"))
               if not approval.get(key)]
    if missing:
        return Finding(f"The council is the accountable body but there is no recorded {' or '.join(missing)} approval.")
    took_on = f.date("finance", "accountable_body_from") or f.date("start_date")
    if took_on is None:
        return None
    late = [(w, day) for key, w in (("finance_approval", "finance"), ("legal_approval", "legal"))
            if (day := f.date("approval", key, "date")) and day > took_on]
    if not late:
        return None
    dated = words_and(f"the {w} approval is dated {long_date(day)}" for w, day in late)
    return Finding(f"The council is the accountable body from {long_date(took_on)}, but {dated}, after it took on "
                   "the role.", took_on)


@rule("accountable-body-no-risk-assessment", "Accountable body role taken on without a risk assessment", "medium",
      NOT_CLOSED, "partnerships where the council is the accountable body",
      "The council will only be the accountable body after a risk assessment of the responsibilities that come with "
      "it: costs not reclaimable from a funder fall on the council.",
      "Assess the risks of the accountable body role and record documents.accountable_body_risk_assessment.",
      (C("004 §9.6", "004:260", "In principle, the Council will consider being the Accountable Body subject to a risk "
         "assessment of the responsibilities applying to being Accountable Body."),
       C("004 §9.3", "004:247", "it represents a risk to the Council in the event of the project incurring costs "
         "which are not reclaimable from the grant funding body.")))
def accountable_body_no_risk_assessment(f):
    if "accountable-body" not in f.council_roles:
        return None
    return missing_doc(f, "accountable_body_risk_assessment", "risk assessment of the accountable body role",
                       allow_not_applicable=False)
