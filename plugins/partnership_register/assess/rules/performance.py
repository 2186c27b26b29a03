"""Performance: reporting and scrutiny, action plans, the annual review, and the periodic audit (003 Annex 1)."""

from __future__ import annotations

from ...text import long_date, months, to_date
from .base import LIVE, NOT_CLOSED, RUNNING, C, Finding, group, in_place, missing_doc, registry

RULES: list = []
rule = registry(RULES)


@rule("no-performance-reporting", "No performance reporting arrangement", "medium", LIVE, "live partnerships",
      "Performance must be reported in agreed time frames to an agreed body. The record does not say how.",
      "Record performance.reported_to and performance.frequency.",
      (C("000 §2.6", "000:130", "Performance reporting takes place in agreed time frames and to an agreed body and/or"),
       C("001 Putting arrangements in place", "001:86", "Performance reporting takes place in agreed time frames and "
         "to an agreed body and/or partners;"),
       C("002 checklist 3f", "002:110", "Who are they reported to")))
def no_performance_reporting(f):
    perf = group(f, "performance")
    if perf.get("reported_to") and perf.get("frequency"):
        return None
    return Finding("The record does not say to whom and how often performance is reported.")


@rule("no-scrutiny", "No scrutiny arrangement", "low", LIVE, "live partnerships",
      "The council's overview and scrutiny function should be able to examine the partnership. No arrangement is "
      "recorded.",
      "Record how scrutiny oversees it under performance.scrutiny.",
      (C("000 §2.17", "000:271", "The scrutiny arrangement for a partnership should be clear and referenced in the"),
       C("001 Auditing and Scrutiny Arrangements", "001:170", "The auditing and scrutiny arrangement for a "
         "partnership should be clear."),
       C("002 checklist 3e", "002:109", "Who scrutinises them")))
def no_scrutiny(f):
    return None if group(f, "performance").get("scrutiny") else Finding("No scrutiny arrangement is recorded.")


@rule("no-poor-performance-arrangement", "No arrangement for poor performance", "low", LIVE, "live partnerships",
      "There must be arrangements to tackle non-delivery or poor performance, agreed by the partners.",
      "Record what happens when performance is poor (performance.poor_performance).",
      (C("000 §2.6", "000:151", "Arrangements are in place to tackle issues of non and/or poor performance."),
       C("001 Putting arrangements in place", "001:101", "Arrangements are in place to tackle issues of non and/or "
         "poor performance"),
       C("004 Appendix 2", "004:479", "Is the partnership clear what it will do if poor performance is reported?")))
def no_poor_performance_arrangement(f):
    return None if group(f, "performance").get("poor_performance") else Finding(
        "The record does not say what happens when the partnership performs poorly.")


@rule("no-action-plan", "No action plan", "medium", LIVE, "live partnerships",
      "A partnership needs an agreed action plan showing who will do what by when.",
      "Agree an action plan with the partners and record documents.action_plan.",
      (C("001 Effective delivery planning", "001:142", "To deliver shared objectives and targets, effective delivery "
         "plans must be in place."),
       C("003 Performance Management", "003:175", "There are action plans in place;"),
       C("000 §2.6", "000:140", "Agreed action plans are reviewed and refreshed annually by all partners.")))
def no_action_plan(f):
    return missing_doc(f, "action_plan", "action plan", allow_not_applicable=False)


@rule("action-plan-not-refreshed", "Action plan not refreshed in the last year", "medium", LIVE,
      "live partnerships with an action plan",
      "The partners should review and refresh the action plan every year.",
      "Refresh the action plan with the partners and record documents.action_plan.last_reviewed.",
      (C("000 §2.6", "000:140", "Agreed action plans are reviewed and refreshed annually by all partners."),
       C("001 Putting arrangements in place", "001:91", "Agreed action plans are reviewed and refreshed annually by "
         "all partners;")),
      settings=("action_plan_interval_months",))
def action_plan_not_refreshed(f):
    if not in_place(f, "action_plan"):
        return None
    last = f.date("documents", "action_plan", "last_reviewed") or f.date("documents", "action_plan", "date_agreed")
    if last is None:
        return Finding("The action plan has no date agreed or last refreshed.")
    n = f.policy.action_plan_interval_months
    due = f.add_months(last, n)
    if due < f.as_of:
        return Finding(f"The action plan was last agreed or refreshed on {long_date(last)}; it should be refreshed "
                       f"every {months(n)}.", due)
    return None


@rule("review-overdue", "Review overdue", "high", NOT_CLOSED,
      "current partnerships (a proposed one only by the next review date it states)",
      "Each partnership must be reviewed at least once a year to decide whether the council should continue. "
      "This review is overdue.",
      "Carry out the review, add it under reviews (date, by, outcome) and set next_review.",
      (C("000 §2.6", "000:134", "Objectives and outcomes to be delivered are formally reviewed and evaluated "
         "annually"),
       C("001 Putting arrangements in place", "001:88", "Objectives and outcomes to be delivered are formally "
         "reviewed and evaluated annually through an agreed process;"),
       C("001 Reviewing Partnerships", "001:204", "Annual reviews should be undertaken")),
      settings=("review_interval_months",))
def review_overdue(f):
    if f.review_state != "overdue":
        return None
    days = (f.as_of - f.next_review).days
    basis = "the next review date" if f.next_review_stated else "the review interval since the last review or start"
    return Finding(f"A review was due on {long_date(f.next_review)} ({days} days ago, by {basis}).", f.next_review)


@rule("review-not-scheduled", "No date to review it by", "medium", LIVE, "live partnerships",
      "Each partnership must be reviewed at least once a year, but the record gives no start date, no review and "
      "no next review date, so when its review is due cannot be worked out and it can never show as overdue.",
      "Add the start date, the last review (under reviews) or the next review date (next_review).",
      (C("000 §2.6", "000:134", "Objectives and outcomes to be delivered are formally reviewed and evaluated "
         "annually"),
       C("001 Reviewing Partnerships", "001:204", "Annual reviews should be undertaken")))
def review_not_scheduled(f):
    if f.review_state != "not-scheduled":
        return None
    return Finding("The record gives no start date, no review and no next review date: no review can be scheduled.")


@rule("withdraw-not-acted", "Review decided to withdraw, still running", "medium", RUNNING,
      "partnerships whose last review decided to withdraw",
      "The last review decided the council should withdraw, but the register still shows the partnership running.",
      "Set status to exiting and put the exit strategy into effect, or record a new review.",
      (C("001 Reviewing Partnerships", "001:196", "The review process will either approve the continuation of the "
         "Council's involvement in the partnership, or propose that the Council withdraws."),
       C("001 Reviewing Partnerships", "001:198", "If the proposal is to withdraw or end, the partnership "
         "Exit/Succession Strategy will then be referred to.")))
def withdraw_not_acted(f):
    reviews = f.reviews
    if not reviews or reviews[-1]["outcome"] != "withdraw":
        return None
    return Finding(f"The review on {long_date(reviews[-1]['date'])} decided the council should withdraw, "
                   f"but the partnership is still {f.status}.", reviews[-1]["date"])


AUDIT_CLAUSE = C("003 §3", "003:101", "The council will undertake an audit of the partnership arrangements on a "
                 "periodic basis, using the template at … Annex 1 … The template will be completed by the council's "
                 "lead officer representative on the partnership. The results of this will inform the production of "
                 "the annual governance statement")


@rule("audit-overdue", "Partnership audit (003 Annex 1) overdue", "medium", LIVE, "live partnerships",
      "The council audits its partnership arrangements periodically, using 003's Annex 1 template, and the results "
      "inform the annual governance statement. This partnership's audit is overdue.",
      "Complete the 003 Annex 1 audit (the record page's audit view), then add it under audits (date, by, findings, "
      "reform_plans).",
      (AUDIT_CLAUSE,), settings=("audit_interval_months",))
def audit_overdue(f):
    if f.audit_state != "overdue":
        return None
    days = (f.as_of - f.audit_due).days
    after = (f"the last audit on {long_date(f.last_audit['date'])}" if f.last_audit
             else f"the start on {long_date(f.date('start_date'))}")
    return Finding(f"An audit of the partnership arrangements was due on {long_date(f.audit_due)} ({days} days ago: "
                   f"{months(f.policy.audit_interval_months)} after {after}).", f.audit_due)


@rule("audit-findings-not-actioned", "Audit findings with no owner or action, or overdue", "medium", LIVE,
      "live partnerships with audit findings",
      "Each finding of an audit must be owned by someone and acted upon by its due date.",
      "Give each finding an action, an owner and a due date (audits[].findings), and record done_on when it is done.",
      (C("001 Putting arrangements in place", "001:99", "Findings are owned and acted upon;"),
       C("003 Performance Management", "003:178", "Findings are owned and acted upon.")))
def audit_findings_not_actioned(f):
    problems, since = [], None
    for audit in f.audits:
        for finding in audit.get("findings") or []:
            wrong = [w for key, w in (("action", "no action"), ("owner", "no owner")) if not finding.get(key)]
            due = to_date(finding.get("due"))
            if due and due < f.as_of and not finding.get("done_on"):
                wrong.append(f"due {long_date(due)}, not done")
                since = min(since, due) if since else due
            if wrong:
                problems.append(f"{str(finding.get('finding')).rstrip('.')} (audit {long_date(audit['date'])}: "
                                f"{', '.join(wrong)})")
    if not problems:
        return None
    return Finding(f"Audit findings not owned or acted upon: {'; '.join(problems)}.", since)


