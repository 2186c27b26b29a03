"""The people: the council's officers and representatives, and how the partnership makes decisions."""

from __future__ import annotations

from ...text import label, long_date, months, to_date
from .base import LIVE, NOT_CLOSED, C, Finding, group, registry, representatives, words_or

RULES: list = []
rule = registry(RULES)


def _missing_person(key, what):
    def check(f):
        person = f.data.get(key)
        if isinstance(person, dict) and person.get("name"):
            return None
        if isinstance(person, dict) and person.get("job_title"):
            return Finding(f"No {what} is named: only a job title is recorded ({person['job_title']}).")
        return Finding(f"No {what} is named.")
    return check


rule("no-sponsoring-officer", "No sponsoring officer", "medium", NOT_CLOSED, "all partnerships not closed",
     "Each partnership needs a senior council officer who makes sure the council's protocol is followed. None is named.",
     "Name the sponsoring officer (usually a Head of Service) under sponsoring_officer.",
     (C("000 §2.16", "000:263", "Each partnership on which the Council is represented will be allocated a sponsoring"),
      C("001 Roles of Councillors and Officers", "001:208", "Each partnership that the Council is represented on will "
        "be allocated a sponsoring officer"),
      C("002 Partnership Improvement Template", "002:135", "Whether there is a 'Lead Officer' or 'Project Sponsor' who "
        "has responsibility for the Council's involvement in the partnership"),
      C("003 §4 Roles", "003:145", "Each partnership that the Council is represented on will be allocated a "
        "sponsoring officer")))(_missing_person("sponsoring_officer", "sponsoring officer"))

rule("no-accountable-officer", "No officer accountable for performance", "medium", LIVE, "live partnerships",
     "Someone at the council must be accountable for monitoring how well the partnership performs. Nobody is named.",
     "Name the officer under accountable_officer.",
     (C("000 §2.6", "000:129", "The partnership has an officer accountable for monitoring its performance."),
      C("001 Putting arrangements in place", "001:85", "The partnership has an officer accountable for monitoring its "
        "performance;"),
      C("003 Performance Management", "003:173", "The partnership has an officer accountable for monitoring its "
        "performance (usually a head of service or above);")))(
    _missing_person("accountable_officer", "officer accountable for performance"))


@rule("no-representative", "No council representative recorded", "medium", LIVE, "live partnerships",
      "The register must say which councillors or officers represent the council on the partnership.",
      "List them under representatives, with their substitutes.",
      (C("000 §2.16", "000:262", "The council will be represented on any agreed partnership by specified councillors "
         "or"),
       C("001 Roles of Councillors and Officers", "001:208", "The Council will be represented on any agreed "
         "partnership by specified Councillors or officers."),
       C("001 Register", "001:114", "details of the Council's representatives in the partnership")))
def no_representative(f):
    return None if representatives(f) else Finding(
        "No councillor or officer is recorded as the council's representative.")


def _names(reps) -> str:
    return "; ".join(str(r.get("name")) for r in reps)


@rule("no-substitute", "Representative with no substitute", "low", LIVE, "live partnerships with representatives",
      "Substitute representatives should be identified, so the council is represented when its representative "
      "cannot attend. Where a substitute is genuinely not needed, acknowledge the gap with the reason.",
      "Record a substitute for each representative.",
      (C("003 §4 Legal Status", "003:124", "Substitute representatives should be identified as required."),
       C("001 Appendix 1", "001:249", "Identification of substitute representatives?")))
def no_substitute(f):
    missing = [r for r in representatives(f) if not r.get("substitute")]
    return Finding(f"No substitute is identified for: {_names(missing)}.") if missing else None


@rule("representative-no-terms", "Representative with no terms of reference", "low", LIVE,
      "live partnerships with representatives",
      "Each council representative needs terms of reference: to act for the council within set limits, coordinate "
      "across the council, and seek agreement before committing new resources.",
      "Record where each representative's terms of reference are set out (representatives[].terms_of_reference).",
      (C("001 Roles of Councillors and Officers", "001:212", "The terms of reference for any Council representative "
         "will include requirements for them to:"),
       C("001 Roles of Councillors and Officers", "001:214", "Act on behalf of the Council within specific "
         "parameters;"),
       C("003 §4 Roles", "003:147", "Council representatives will be required to:")))
def representative_no_terms(f):
    missing = [r for r in representatives(f) if not r.get("terms_of_reference")]
    return Finding(f"No terms of reference are recorded for: {_names(missing)}.") if missing else None


@rule("representative-not-council-only", "Representative also represents another organisation without agreement",
      "medium", LIVE, "live partnerships with representatives",
      "Council representatives represent only the council, unless the Chief Executive (for officers) or the Leader "
      "with the Chief Executive (for councillors) has specifically agreed otherwise.",
      "Record who agreed it and when (representatives[].also_represents.agreed_by and .date), or stop the dual role.",
      (C("001 Roles of Councillors and Officers", "001:210", "will represent only the Council and no other "
         "organisation, unless by specific agreement of the Chief Executive (for officers) or the Leader in "
         "consultation with the Chief Executive (for Members)."),
       C("000 §2.16", "000:267-268", "(as representatives rather than holding a duty such as directorship) will "
         "represent only the council and no other")))
def representative_not_council_only(f):
    bad = [r for r in representatives(f) if (r.get("also_represents") or {}).get("organisation")
           and not ((r.get("also_represents") or {}).get("agreed_by") and (r.get("also_represents") or {}).get("date"))]
    if not bad:
        return None
    return Finding(" ".join(f"{r.get('name')} also represents {r['also_represents']['organisation']}, but no agreement "
                            "by the Chief Executive (officers) or the Leader with the Chief Executive (members) is "
                            "recorded." for r in bad))


@rule("representative-authority-unclear", "Representative's authority to decide not clear", "medium", LIVE,
      "live partnerships with representatives",
      "The council's representatives must have the authority they need to take decisions on its behalf, and the "
      "record must say whether they need it and under what they hold it.",
      "Record representatives[].delegated_authority (needed, and the delegation they hold).",
      (C("001 Appendix 1 Delegated Powers", "001:276", "Will the persons representing the Council need delegated "
         "authority to take decisions on behalf of the Council? Do such people have the necessary delegated powers?"),
       C("000 §2.8", "000:204-205", "it is important that agents representing the partner organisations have the "
         "necessary authority to take decisions on its behalf"),
       C("000 Appendix 1", "000:341-346", "Ensure that agents representing the Council have authority relevant to the "
         "partnership’s purpose.")))
def representative_authority_unclear(f):
    unsaid, unheld = [], []
    for r in representatives(f):
        authority = r.get("delegated_authority") or {}
        if authority.get("needed") is None:
            unsaid.append(r)
        elif authority.get("needed") is True and not authority.get("reference"):
            unheld.append(r)
    parts = []
    if unsaid:
        parts.append(f"The record does not say whether {words_or(str(r.get('name')) for r in unsaid)} "
                     f"{'needs' if len(unsaid) == 1 else 'need'} delegated authority to take decisions for the "
                     "council.")
    for r in unheld:
        parts.append(f"{r.get('name')} needs delegated authority to take decisions for the council, but none is "
                     "recorded.")
    return Finding(" ".join(parts)) if parts else None


@rule("interests-not-declared", "Representative's interests not declared", "medium", LIVE,
      "live partnerships with representatives",
      "Council representatives must consider and declare any personal or prejudicial interest, and those holding a "
      "fiduciary role (a company director, a trustee) must say how a conflict with the council's interest is handled.",
      "Record representatives[].interests (declared_on, summary, and conflict_handling where there is a fiduciary "
      "role).",
      (C("000 §2.4 h", "000:109", "A lack of formal systems for recording conflicts of interest"),
       C("000 §2.13", "000:245-246", "will need to consider any personal or prejudicial interest they may have either "
         "as an officer or Member of the council."),
       C("000 §2.13", "000:247-249", "Where appointed in a position with a fiduciary duty (such as an officer of a "
         "company or trustee), any council officer or Member will need to consider any duties they have that may "
         "conflict with that associated with the council."),
       C("000 Appendix 1 §4", "000:457-458", "Member involvement (roles and responsibilities, democratic "
         "accountability, declaration of interests etc)."),
       C("004 Appendix 4 I", "004:606", "Conflicts of Interest"),
       C("002 checklist 6c", "002:122", "How do we resolve conflicts of interest")),
      settings=("interests_redeclare_months",))
def interests_not_declared(f):
    n = f.policy.interests_redeclare_months
    undeclared, unhandled, stale = [], [], []
    for r in representatives(f):
        interests = r.get("interests") or {}
        declared = to_date(interests.get("declared_on"))
        if declared is None:
            undeclared.append(str(r.get("name")))
            continue
        role = r.get("fiduciary_role") or {}
        if role.get("role") and not interests.get("conflict_handling"):
            unhandled.append(f"{r.get('name')} ({label(role['role']).lower()} of {role.get('organisation')})")
        if n and f.add_months(declared, n) < f.as_of:
            stale.append(f"{r.get('name')} ({long_date(declared)})")
    parts = []
    if undeclared:
        parts.append(f"Interests not declared: {'; '.join(undeclared)}.")
    if unhandled:
        parts.append(f"Fiduciary role with no note of how conflicts are handled: {'; '.join(unhandled)}.")
    if stale:
        parts.append(f"Declaration older than {months(n)}: {'; '.join(stale)}.")
    return Finding(" ".join(parts)) if parts else None


@rule("no-decision-rules", "No decision-making rules or quorum", "medium", LIVE, "live partnerships",
      "It is vital to agree and record how the partnership makes decisions and how many members must be present.",
      "Record meetings.decision_making and meetings.quorum.",
      (C("000 §2.8", "000:211", "It is vital for the partnership to agree and record how decisions are made."),
       C("000 §2.8", "000:213", "a) How the partnership makes decisions, e.g. simple majority vote, casting vote by"),
       C("000 §2.8", "000:215", "b) The quorum (minimum number of voting members required to be present at any")))
def no_decision_rules(f):
    meetings = group(f, "meetings")
    missing = [w for key, w in (("decision_making", "how decisions are made"), ("quorum", "the quorum"))
               if not meetings.get(key)]
    return Finding(f"The record does not say {' or '.join(missing)}.") if missing else None
