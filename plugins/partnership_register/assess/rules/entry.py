"""Entering a partnership: the case for it, what it is for, its legal basis, who is in it."""

from __future__ import annotations

from ..checklists import UNANSWERED, entry_answers
from .base import NOT_CLOSED, PROPOSED, C, Finding, group, in_place, missing_doc, registry, words_or

RULES: list = []
rule = registry(RULES)


@rule("entry-case-not-made", "Case for entering not recorded", "medium", PROPOSED, "proposed partnerships",
      "Before the council enters a partnership it must test the need for it: which of its reasons for entering "
      "apply, what other options it considered, and whether the benefits justify the costs.",
      "Record entry.criteria, entry.alternatives_considered and entry.benefits_justify_costs.",
      (C("003 §3 Working in partnership", "003:83", "Wiltshire Council will enter into partnership arrangements when:"),
       C("003 §3 Working in partnership", "003:93", "the Council will consider other options before taking the "
         "decision to enter into a new partnership."),
       C("004 §6.3", "004:165", "it is important to thoroughly test the need for a partnership arrangement"),
       C("001 Evaluation", "001:118", "whether the benefits from the partnership are likely to justify the costs "
         "involved in membership")))
def entry_case_not_made(f):
    entry = group(f, "entry")
    missing = [words for key, words in (
        ("criteria", "which of the council's criteria for entering it meets"),
        ("alternatives_considered", "which alternatives were considered"),
        ("benefits_justify_costs", "whether the benefits justify the costs")) if not entry.get(key)]
    return Finding(f"The record does not show {words_or(missing)}.") if missing else None


@rule("entry-checklist-incomplete", "Entry checklist or consultation incomplete", "low", PROPOSED,
      "proposed partnerships",
      "004 Appendix 2 asks the officer setting up a partnership to show how each of its questions was considered, "
      "and Appendix 3 to record who was consulted. Some are not yet shown.",
      "Add a comment for each question under entry.considered, and each department consulted under entry.consulted.",
      (C("004 Appendix 2", "004:440", "It is important to ensure that all steps shown on the checklists have been "
         "considered and acted upon, where appropriate."),
       C("004 Appendix 2", "004:444", "Comments (sufficient in each case to show how each question has been "
         "considered)"),
       C("004 Appendix 3", "004:494", "This checklist should document who has been consulted during the process of "
         "setting up or reviewing a partnership.")))
def entry_checklist_incomplete(f):
    entry = group(f, "entry")
    open_questions = [a.question.label for a in entry_answers(f) if a.answer == UNANSWERED]
    parts = []
    if open_questions:
        parts.append(f"Not yet shown as considered: {'; '.join(open_questions)} (004 Appendix 2).")
    if not entry.get("consulted"):
        parts.append("No consultation is recorded (004 Appendix 3).")
    return Finding(" ".join(parts)) if parts else None


@rule("entry-risks-not-assessed", "Risks not assessed before entering", "medium", PROPOSED, "proposed partnerships",
      "Before the council enters a partnership, the risks to the council must be assessed so it knows the level of "
      "exposure is acceptable.",
      "Assess the risks to the council and record them under risks (and the risk register under "
      "documents.risk_register).",
      (C("001 Risk Management", "001:148", "Prior to entering into a Partnership, the risks associated to the Council "
         "should be assessed to ensure the level of exposure is acceptable."),
       C("001 Significant Partnerships", "001:69", "He/she must ensure that the risks have been fully appraised before "
         "agreements are entered into with external bodies."),
       C("003 §4 Risk Management", "003:138", "At the point of deciding whether to enter into a partnership, the risks "
         "to the Council should be considered"),
       C("004 Appendix 2", "004:454", "Have you undertaken a risk assessment for the partnership plan?")))
def entry_risks_not_assessed(f):
    if f.open_risks or in_place(f, "risk_register"):
        return None
    return Finding("The partnership is proposed but no risk to the council has been assessed: no risks are recorded "
                   "and there is no risk register.")


@rule("no-purpose-or-outcomes", "Purpose, aims or outcomes not recorded", "medium", NOT_CLOSED,
      "all partnerships not closed",
      "Every partnership must be clear what it is for and what outcomes it will deliver.",
      "Record purpose, aims and success_measures.",
      (C("000 §2.6", "000:124-125", "Any partnership that the council enters into must be clear on its purpose and "
         "the expected outcomes."),
       C("001 Putting arrangements in place", "001:81", "must be clear on its purpose and the outcomes it is to "
         "deliver"),
       C("003 Performance Management", "003:169", "must be clear on its purpose and the outcomes it is to deliver"),
       C("004 §6.2", "004:163", "essential that the partnership has agreed clear aims and desired outcomes")))
def no_purpose_or_outcomes(f):
    missing = [words for key, words in (("purpose", "the purpose"), ("aims", "its aims"),
                                        ("success_measures", "the outcomes it is to deliver (success measures)"))
               if not f.data.get(key)]
    return Finding(f"The record does not state {words_or(missing)}.") if missing else None


@rule("no-business-case", "No business case", "medium", NOT_CLOSED, "all partnerships not closed",
      "Every partnership should rest on a sound evidence base, written down in a formal business case.",
      "Record documents.business_case (a statutory partnership can point to the needs assessment or strategic "
      "assessment it works from).",
      (C("000 §2.6", "000:127-128", "When entering into partnership arrangements, the council will ensure the "
         "following arrangements are in place:"),
       C("000 §2.6", "000:132-133", "The partnership has a sound evidence base to inform its objectives, planning and "
         "target setting in a formal business case."),
       C("001 Putting arrangements in place", "001:87", "The partnership has a sound evidence base to inform its "
         "objective, planning and target setting")))
def no_business_case(f):
    return missing_doc(f, "business_case", "business case", allow_not_applicable=False)


@rule("no-legal-power", "Legal power not recorded", "medium", NOT_CLOSED, "all partnerships not closed",
      "The council must know which legal power lets it enter the partnership.",
      "Record legal_power (the Act and section relied on), with Legal Services' advice.",
      (C("000 Appendix 1 §1", "000:411", "The council should determine whether it has legal power to enter into the "
         "partnership"),
       C("003 §4 Legal Status", "003:124", "It is also important to ensure that the Council has the legal power to "
         "enter into the partnership"),
       C("001 Appendix 1", "001:230", "Does the Council have the legal power to enter into the partnership "
         "arrangement?"),
       C("004 Appendix 2", "004:448", "What legal powers will be used to create the partnership?")))
def no_legal_power(f):
    return None if f.data.get("legal_power") else Finding(
        "The record does not say which legal power the council relies on to take part.")


@rule("no-legal-status", "Legal status not recorded", "low", NOT_CLOSED, "all partnerships not closed",
      "The partnership's legal status (a company, a joint committee, an unincorporated group …) should be clear.",
      "Record legal_form.",
      (C("003 §4 Legal Status", "003:124", "The status of any partnership should be clear."),
       C("001 Appendix 1", "001:239", "Make the status of the partnership clear;"),
       C("000 Appendix 1 §2", "000:415", "The Council should decide the legal status of the partnership.")))
def no_legal_status(f):
    return None if f.data.get("legal_form") else Finding("The record does not say what the partnership's legal "
                                                         "status is.")


@rule("type-not-classified", "Form of partnership not classified", "medium", NOT_CLOSED,
      "all partnerships not closed",
      "The register must say what form each partnership takes; this record has not been classified yet (usually "
      "because it was brought in from a register that did not say).",
      "Set type to the form the partnership takes.",
      (C("000 Appendix 1 §2", "000:415-416", "The Council should decide the legal status of the partnership. Specific "
         "advice should be taken to determine most appropriate form of partnership"),
       C("001 Appendix 1", "001:239", "Make the status of the partnership clear;")))
def type_not_classified(f):
    return Finding("The record does not say what form the partnership takes (type: not-classified).") \
        if f.data.get("type") == "not-classified" else None


@rule("council-role-not-classified", "Council's role not classified", "medium", NOT_CLOSED,
      "all partnerships not closed",
      "The register must say what the council's role in each partnership is (lead, member, accountable body …); "
      "this record has not been classified yet.",
      "Replace not-classified in council_role with the council's roles (council_role_detail can add words).",
      (C("001 Appendix 2 §2", "001:300", "Role of the Council:\tLead Member: Yes/No Representative: Yes/No Other "
         "(please describe):"),
       C("002 Partnership Improvement Template", "002:139", "Clarity on council involvement in the partnership (eg "
         "leading or supporting).")))
def council_role_not_classified(f):
    if "not-classified" not in f.council_roles:
        return None
    detail = f.data.get("council_role_detail")
    return Finding("The record does not say what the council's role is (council_role: not-classified)"
                   + (f"; it says: {str(detail).rstrip('.')}." if detail else "."))


@rule("no-corporate-priorities", "No contribution to council priorities stated", "medium", NOT_CLOSED,
      "all partnerships not closed",
      "The council should only take part in partnerships that help deliver its agreed priorities, and say which.",
      "List the corporate plan priorities it supports under corporate_priorities.",
      (C("000 §2.5", "000:116-117", "The council will ensure that the objectives of the partnership are in line with "
         "its corporate priorities"),
       C("001 How to enter into a Partnership", "001:77", "The Council should ensure that the objectives of the "
         "partnership are in line with their corporate priorities"),
       C("001 Appendix 2 §2", "001:302", "Contribution of the Partnership towards the Council's Corporate Plan"),
       C("003 Annex 1", "003:194", "Contribution of partnership to Council's Business Plan 2017-27")))
def no_corporate_priorities(f):
    return None if f.data.get("corporate_priorities") else Finding(
        "The record does not say which council priorities it supports.")


@rule("no-partners", "No partner organisation besides the council", "medium", NOT_CLOSED,
      "all partnerships not closed",
      "A partnership involves the council and at least one other organisation. No other organisation is listed.",
      "List the partner organisations under partners, or check whether this is a partnership at all.",
      (C("000 Section 1", "000:36", "An arrangement involving the Council and one or more other organisations"),
       C("004 §8.5", "004:190", "who the partners are;")))
def no_partners(f):
    return None if f.data.get("partners") else Finding("No partner organisation other than the council is listed.")


@rule("no-lead-organisation", "No lead organisation named", "medium", NOT_CLOSED, "all partnerships not closed",
      "The register must name the organisation that leads the partnership.",
      "Add lead to council_role, or mark the leading partner with lead: true.",
      (C("001 Register", "001:114", "name of lead organisation"),
       C("001 Features of Partnerships", "001:39", "A lead agency"),
       C("001 Appendix 2 §2", "001:303", "List other partners and Name of Organisation Leading the Partnership")))
def no_lead_organisation(f):
    return None if f.lead_organisation else Finding("Neither the council nor any partner is marked as the lead.")
