"""Is it a partnership at all? The protocols' exclusions: contracts, discussion forums, outside bodies, PFI …"""

from __future__ import annotations

from .base import NOT_CLOSED, C, Finding, registry, words_and

RULES: list = []
rule = registry(RULES)


@rule("looks-like-contract", "May be a contract, not a partnership", "low", NOT_CLOSED, "all partnerships not closed",
      "By the protocols' own definitions, an arrangement where the council pays another party to deliver services "
      "on its behalf, without sharing strategic direction, is a contract, not a partnership. It is flagged for review, "
      "not silently included. A contractual arrangement can be a partnership (000 Appendix 1 §2, 000:420 "
      "'Contractual arrangements – with one party providing goods or services under'); only buying services without "
      "sharing strategic direction is excluded.",
      "Check whether this belongs on the register; if it is a contract, manage it under contract rules and close it "
      "here.",
      (C("000 §2.2 a", "000:71-73", "Groups where the council pays a third party to deliver one or more services on its "
         "behalf, unless the council also has control over strategic direction and significant decision making of "
         "the third party in relation to delivery of the services."),
       C("001 What is a partnership", "001:48", "An arrangement made by the Council with a third party to deliver one "
         "or more services on its behalf. This is a contract for services."),
       C("003 §2", "003:77", "An arrangement made by the Council with a third party to deliver one or more services on "
         "its behalf. This is a contract for services."),
       C("002 What is not partnership", "002:53", "Contracts for delivery of service.")))
def looks_like_contract(f):
    if f.data.get("council_commissions_provider") is True:
        return Finding("The record says the council pays the other party to deliver services on its behalf.")
    return None


@rule("looks-like-forum", "May be a discussion forum, not a partnership", "low", NOT_CLOSED,
      "all partnerships not closed",
      "By the protocols' own definitions, a group that only meets to discuss issues is not a partnership. It is "
      "flagged for review, not silently included.",
      "Check whether this belongs on the register.",
      (C("000 §2.2 b", "000:74", "Informal groups set up to discuss and consider specific topics (consultation "
         "groups)."),
       C("001 What is a partnership", "001:50", "Networks, forums or groups of elected Councillors and/or officers "
         "from local authorities and others who come together to discuss forthcoming issues, policy and strategy."),
       C("003 §2", "003:78", "Forums or groups of elected Councillors and/or officers from local authorities and "
         "others who come together to discuss forthcoming issues, policy and strategy."),
       C("002 What is not partnership", "002:50", "Informal groups set up to discuss and consider specific topics")))
def looks_like_forum(f):
    if f.data.get("discussion_only") is True:
        return Finding("The record says the group only meets to discuss issues, policy and strategy.")
    return None


SCOPE_WORDS = {
    "outside-body-appointment": "the council only appoints to an outside body with no strategic or policy function",
    "outside-body-funding": "the council only funds an outside body with no strategic or policy function",
    "pfi": "it is a Private Finance Initiative (excluded by 000 §2.2 d, though 004 §3.4 counts PFI projects as "
           "partnerships: check which your council follows)",
    "council-direct-control": "the council has direct control over the budget or decisions",
    "commercial-partnership": "it is a commercial partnership with a view to profit",
}


@rule("looks-out-of-scope", "May be outside the protocols' definition of a partnership", "low", NOT_CLOSED,
      "all partnerships not closed",
      "The protocols exclude some arrangements from their definition of a partnership: appointments and funding of "
      "outside bodies with no strategic or policy function, PFI, arrangements the council controls directly, and "
      "commercial partnerships. The record says one of them may apply, so it is flagged for review.",
      "Check whether this belongs on the register; if it does, remove scope_concerns.",
      (C("000 §2.2 c", "000:75-76", "Appointments and / or financial commitments to outside bodies where the council "
         "has no strategic or policy function."),
       C("000 §2.2 d", "000:77", "Private Finance Initiatives (PFI)."),
       C("002 What is not partnership", "002:49", "Groups where the Council has direct control over budgets or "
         "decision making"),
       C("002 What is not partnership", "002:52", "Commercial agreements"),
       C("004 §3.3", "004:118", "with a view to making a profit (which are subject to the Partnership Act 1890)."),
       C("001 What is a partnership", "001:53", "nominations to governing bodies")))
def looks_out_of_scope(f):
    concerns = [SCOPE_WORDS[c] for c in f.data.get("scope_concerns") or [] if c in SCOPE_WORDS]
    if not concerns:
        return None
    return Finding(f"The record says {words_and(concerns)}; by the protocols' definitions this may not be a "
                   "partnership.")
