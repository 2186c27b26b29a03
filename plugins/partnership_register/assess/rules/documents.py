"""The written agreement and the partnership's standing documents: in place, signed in time, reviewed, binding."""

from __future__ import annotations

from ...text import label, long_date, months
from .base import LIVE, C, Finding, doc, group, in_place, missing_doc, registry, words_or

RULES: list = []
rule = registry(RULES)


@rule("no-agreement", "No written agreement or terms of reference", "high", LIVE, "live partnerships",
      "Every partnership must have a written agreement or terms of reference signed by all partners, so everyone "
      "knows its purpose, who is responsible for what and how it is held to account. This one does not.",
      "Agree terms of reference or a partnership agreement with all partners, then record it under "
      "documents.agreement with state: in-place, the date agreed and a link.",
      (C("001 Appendix 1 Written Agreement", "001:235", "All partnerships that the Council participates in must have "
         "a written agreement or governing document in place."),
       C("003 §4 Legal Status", "003:124", "A partnership “agreement” or “Terms of Reference” are required to define "
         "how Partners will work together."),
       C("004 §7", "004:173", "ALL PARTNERSHIPS NEED A WRITTEN SIGNED AGREEMENT")))
def no_agreement(f):
    return missing_doc(f, "agreement", "written agreement or terms of reference", allow_not_applicable=False)


@rule("agreement-after-start", "Agreement signed only after the partnership started", "medium", LIVE,
      "live partnerships with an agreement",
      "The written agreement should be in place from the outset: before the partnership starts and before money is "
      "committed, since it sets out each partner's contribution and the auditors' rights of access.",
      "If an earlier agreement was replaced, record when the first one was signed as documents.agreement.first_signed; "
      "otherwise acknowledge the gap with the reason.",
      (C("004 §9.13", "004:284", "From the outset, the … agreement must provide both Internal and External Auditors "
         "with rights of access to documents."),
       C("004 §7", "004:173", "ALL PARTNERSHIPS NEED A WRITTEN SIGNED AGREEMENT"),
       C("004 §9.9", "004:268", "From the outset, agreement must be reached on each partner’s contribution")))
def agreement_after_start(f):
    first = f.first_commitment
    signed = f.date("documents", "agreement", "first_signed") or f.date("documents", "agreement", "date_agreed")
    if not in_place(f, "agreement") or signed is None or first is None or signed <= first.date:
        return None
    return Finding(f"The written agreement was first signed on {long_date(signed)}, after the partnership "
                   f"{first.words}.", signed)


@rule("agreement-not-reviewed", "Agreement not reviewed in the last year", "medium", LIVE,
      "live partnerships with an agreement",
      "The partnership agreement should be reviewed at least once a year so it still matches what the partnership does.",
      "Review the agreement with the partners and record documents.agreement.last_reviewed.",
      (C("004 §7.5", "004:180", "The Partnership Agreement should be reviewed at least annually and amended where "
         "agreed and appropriate."),),
      settings=("agreement_review_interval_months",))
def agreement_not_reviewed(f):
    if not in_place(f, "agreement"):
        return None
    last = f.date("documents", "agreement", "last_reviewed") or f.date("documents", "agreement", "date_agreed")
    if last is None:
        return Finding("The agreement has no date agreed or last reviewed.")
    n = f.policy.agreement_review_interval_months
    due = f.add_months(last, n)
    if due < f.as_of:
        return Finding(f"The agreement was last reviewed or agreed on {long_date(last)}; it should be reviewed "
                       f"every {months(n)}.", due)
    return None


@rule("financial-agreement-not-binding", "Financial relationship without a legally binding agreement", "medium",
      LIVE, "live partnerships with money involved and an agreement",
      "Where money is involved, the relationship with the partners must be fully documented in a legally binding "
      "agreement, not only a memorandum of understanding or terms of reference.",
      "Record documents.agreement.binding; if the agreement is not legally binding, agree one that is.",
      (C("004 §7.1", "004:176", "Any financial relationship with a partner must be fully documented and legally "
         "binding."),
       C("001 Appendix 1", "001:237", "Will the agreement take the form of a legally binding document or have the "
         "status of a statement of intent, memorandum of understanding or protocol?")))
def financial_agreement_not_binding(f):
    if not f.finance_involved or not in_place(f, "agreement"):
        return None
    binding = doc(f, "agreement").get("binding")
    if binding == "legally-binding":
        return None
    if binding is None:
        return Finding("Money is involved but the record does not say whether the agreement is legally binding.")
    kind = {"terms-of-reference": "terms of reference only"}.get(binding, f"a {label(binding).lower()}")
    return Finding(f"Money is involved but the agreement is {kind}, not a legally binding document.")


@rule("no-accountability-statement", "Not recorded to whom the partnership is accountable", "medium", LIVE,
      "live partnerships",
      "There should be a clear statement of how and to whom the partnership is accountable, and whose constitution it "
      "answers to.",
      "Record accountable_to (organisation, constitution, and how).",
      (C("003 §4 Accountability", "003:128", "There should be a clear statement about how and to whom the partnership "
         "is accountable and what this accountability includes. The partnership should identify which organisation/ "
         "authority’s constitution the partnership is answerable to"),
       C("003 Annex 1", "003:190", "Organisation that the partnership is accountable to")))
def no_accountability_statement(f):
    acc = group(f, "accountable_to")
    missing = [w for key, w in (("organisation", "to whom the partnership is accountable"),
                                ("constitution", "whose constitution it is answerable to")) if not acc.get(key)]
    return Finding(f"The record does not say {words_or(missing)}.") if missing else None


@rule("no-standards-of-conduct", "No agreed standards of conduct", "low", LIVE, "live partnerships",
      "Partners should agree high standards of conduct for how they work together, including what they expect of "
      "each other's behaviour.",
      "Agree standards of conduct (often a section of the terms of reference) and record documents.code_of_conduct.",
      (C("000 §2.12", "000:241-242", "Partnerships should agree high standards of conduct that govern the way in which "
         "they work."),
       C("003 §4 Accountability", "003:128", "A statement should also be made on the constituent member’s "
         "accountability to each other, including any expectations of behaviour.")))
def no_standards_of_conduct(f):
    return missing_doc(f, "code_of_conduct", "code of conduct (agreed standards of conduct)")
