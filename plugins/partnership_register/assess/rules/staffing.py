"""The partnership's staff and volunteers (004 §10): employer, secondments, volunteers, security checks."""

from __future__ import annotations

from .base import NOT_CLOSED, C, Finding, group, missing_doc, registry

RULES: list = []
rule = registry(RULES)


@rule("no-employer", "Staff employed with no employer named", "medium", NOT_CLOSED,
      "partnerships that employ staff",
      "When a partnership that is not a legal entity has staff, one partner must act as the employer, as set out in "
      "the agreement.",
      "Record staffing.employer.",
      (C("004 §10.2", "004:321", "one partner should act as the employer. This should be detailed in the Partnership "
         "Agreement."),))
def no_employer(f):
    staffing = group(f, "staffing")
    if staffing.get("employs_staff") is not True or staffing.get("employer"):
        return None
    return Finding("The partnership employs staff but the record does not say which partner is the employer.")


@rule("secondment-no-agreement", "Staff seconded without a secondment agreement", "medium", NOT_CLOSED,
      "partnerships with seconded staff",
      "When partners second staff to a partnership, a clear agreement must be drawn up between them.",
      "Agree a secondment agreement (with advice from Personnel) and record documents.secondment_agreement.",
      (C("004 §10.6", "004:331", "In the case of seconding staff to the partnership, a clear agreement must be drawn up "
         "between partner organisations."),))
def secondment_no_agreement(f):
    if group(f, "staffing").get("secondments") is not True:
        return None
    return missing_doc(f, "secondment_agreement", "secondment agreement", allow_not_applicable=False,
                       prefix="Staff are seconded to the partnership; ")


@rule("no-safeguarding-checks", "No security checks for work with children or vulnerable adults", "high", NOT_CLOSED,
      "partnerships whose staff or volunteers work with children or vulnerable adults",
      "Staff and volunteers who work with children or vulnerable adults must have security checks (today, Disclosure "
      "and Barring Service checks).",
      "Carry out the checks and record staffing.security_checks: done.",
      (C("004 §10.5", "004:327", "For employed staff and volunteer staff – security checks with the Criminal Records "
         "Bureau must be carried out if working with children and vulnerable adults."),))
def no_safeguarding_checks(f):
    staffing = group(f, "staffing")
    if staffing.get("works_with_children_or_vulnerable_adults") is not True or not any(
            staffing.get(k) is True for k in ("employs_staff", "volunteers", "secondments")):
        return None
    state = staffing.get("security_checks")
    if state == "done":
        return None
    said = {"in-progress": "recorded as in progress, not complete", "not-done": "recorded as not done"}.get(
        state, "not recorded as done")
    return Finding(f"Staff or volunteers work with children or vulnerable adults but security checks are {said}.")


@rule("volunteers-no-support", "Volunteers without training and support arrangements", "low", NOT_CLOSED,
      "partnerships with volunteers",
      "Where volunteers work for a partnership, their training and support needs must be considered.",
      "Record how volunteers are trained and supported (staffing.volunteer_support).",
      (C("004 §10.4", "004:325", "In the case of volunteers – consideration must be given regarding training and "
         "support needs."),))
def volunteers_no_support(f):
    staffing = group(f, "staffing")
    if staffing.get("volunteers") is not True or staffing.get("volunteer_support"):
        return None
    return Finding("Volunteers work for the partnership but their training and support needs are not recorded.")
