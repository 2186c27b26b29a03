"""Information sharing, equality, communications, disputes and complaints."""

from __future__ import annotations

from .base import LIVE, NOT_CLOSED, C, Finding, doc_state, missing_doc, registry

RULES: list = []
rule = registry(RULES)

ISA_CLAUSES = (
    C("000 §2.11", "000:237-238", "The council will secure an information sharing protocol within a partnership and "
      "between partnership organisations."),
    C("001 Information Sharing", "001:182", "The Council will seek to secure an Information Sharing Protocol within a "
      "partnership and between partnership organisations."),
    C("003 §4 Information Sharing", "003:165", "The Council will seek to secure an Information Sharing Agreement within "
      "a partnership and between partnership organisations where appropriate."),
    C("004 §11.1", "004:349", "This section only applies to partnership arrangements which involve the sharing, storing "
      "or collecting of information."),
)


@rule("personal-data-no-isa", "Personal data shared without an information sharing agreement", "high", NOT_CLOSED,
      "partnerships that share personal data",
      "Partners share personal data about residents but there is no information sharing agreement in place.",
      "Agree an information sharing agreement and record documents.information_sharing_agreement.", ISA_CLAUSES)
def personal_data_no_isa(f):
    if f.data.get("personal_data_shared") is not True:
        return None
    return missing_doc(f, "information_sharing_agreement", "information sharing agreement",
                       allow_not_applicable=False)


@rule("information-shared-no-isa", "Information shared without an information sharing protocol", "medium",
      NOT_CLOSED, "partnerships that share, store or collect information (not personal data)",
      "Where partners share, store or collect information through the partnership, the council secures an "
      "information sharing protocol. (Personal data has its own rule.)",
      "Agree an information sharing protocol and record documents.information_sharing_agreement, or record "
      "information_shared: false if nothing is shared.",
      ISA_CLAUSES[:1] + ISA_CLAUSES[3:] + (
          C("000 §2.6", "000:143", "Partners share information to enable effective performance monitoring and option"),
          ISA_CLAUSES[1]))
def information_shared_no_isa(f):
    if f.data.get("personal_data_shared") is True:
        return None  # personal-data-no-isa reports it
    shared, state = f.data.get("information_shared"), doc_state(f, "information_sharing_agreement")
    if shared is True and state != "in-place":
        return Finding("Partners share, store or collect information but there is no information sharing protocol.")
    if shared is None and state not in ("in-place", "not-applicable"):
        return Finding("The record does not say whether partners share information, and no information sharing "
                       "protocol is recorded.")
    return None


@rule("no-equality-impact-assessment", "No equality impact assessment where one is expected", "medium", NOT_CLOSED,
      "partnerships whose work affects residents",
      "The council must assess the equality impact of the partnership's functions, as is appropriate and "
      "proportionate. No assessment is recorded.",
      "Complete an equality impact assessment and record documents.equality_impact_assessment.",
      (C("001 Equalities", "001:166", "The Council must ensure that Equality Impact Assessments are undertaken in "
         "relation to the functions and activities of the partnership as is appropriate and proportionate."),
       C("004 Appendix 2", "004:451", "Have the necessary INRAs been completed (refer to Equality Standard and "
         "Policies)?")))
def no_equality_impact_assessment(f):
    expected = f.data.get("equality_impact_expected")
    if expected is False or (expected is None and f.data.get("service_delivery") is not True):
        return None
    return missing_doc(f, "equality_impact_assessment", "equality impact assessment")


@rule("no-communications-strategy", "No communications strategy", "low", LIVE, "live partnerships",
      "Each partnership should agree how it communicates with residents and partners.",
      "Record documents.communications_strategy.",
      (C("000 §2.10", "000:230", "Each individual partnership should adopt a communications strategy specific to the "
         "work of"),
       C("001 Communications Strategy", "001:186", "Each individual partnership should adopt a communications strategy "
         "specific to the work of the partnership and in agreement with partners.")))
def no_communications_strategy(f):
    return missing_doc(f, "communications_strategy", "communications strategy")


@rule("no-dispute-resolution", "No dispute resolution procedure", "low", LIVE, "live partnerships",
      "Partners need an agreed way to resolve disagreements.",
      "Agree a dispute resolution procedure and record documents.dispute_resolution.",
      (C("000 §2.7 l", "000:176", "l) Conflict avoidance / dispute resolution."),
       C("001 Features of Partnerships", "001:44", "A protocol for dispute resolution"),
       C("004 Appendix 4 F", "004:582", "Resolving disputes (what complaints procedure should be applied in the case "
         "of dispute between partners or from service users)")))
def no_dispute_resolution(f):
    return missing_doc(f, "dispute_resolution", "dispute resolution procedure")


@rule("no-complaints-procedure", "No complaints procedure for a service", "low", LIVE,
      "live partnerships that deliver services",
      "Residents who use the partnership's services need a way to complain and get redress.",
      "Record documents.complaints_procedure.",
      (C("000 Appendix 1 §4", "000:456", "How complaints will be handled."),
       C("001 Appendix 1", "001:267", "Is a mechanism to deal with complaints necessary?"),
       C("002 checklist 8c", "002:130", "Is there a complaints and suggestions process the public can use")))
def no_complaints_procedure(f):
    if f.data.get("service_delivery") is not True:
        return None
    return missing_doc(f, "complaints_procedure", "complaints procedure")
