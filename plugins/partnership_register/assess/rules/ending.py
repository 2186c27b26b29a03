"""How a partnership ends: the exit strategy, succession, what to sustain, final report, telling people."""

from __future__ import annotations

from .base import CLOSED, ENDING, LIVE, C, Finding, group, missing_doc, registry, words_or

RULES: list = []
rule = registry(RULES)


@rule("no-exit-strategy", "No exit strategy", "medium", LIVE, "live partnerships",
      "There must be a plan for how the partnership ends, planned or unplanned, including money, staff and assets.",
      "Agree an exit strategy and record documents.exit_strategy with state: in-place.",
      (C("000 §2.14", "000:251-252", "The governance framework should include provisions for both the planned and "
         "unplanned end of the partnership, regardless of the intended length of the partnership"),
       C("004 §9.21", "004:311", "a clear exit strategy needs to be in place for both the planned and unplanned "
         "cessation of a partnership arrangement."),
       C("001 Appendix 1", "001:265", "What provision is there to enable the Council to exit the partnership (in "
         "relation to both a planned and unplanned exit)?")))
def no_exit_strategy(f):
    return missing_doc(f, "exit_strategy", "exit strategy", allow_not_applicable=False)


WHEN_IT_ENDS = C("003 §3", "003:113", "When a partnership ends the council will:")


@rule("no-succession-strategy", "Ending without a succession strategy", "medium", ENDING,
      "exiting and closed partnerships the council led or was accountable body for",
      "When a partnership the council leads, or is the accountable body for, comes to an end, the council must make "
      "sure suitable succession strategies are in place.",
      "Record documents.succession_strategy (or not-applicable with the reason, e.g. nothing continues).",
      (WHEN_IT_ENDS,
       C("003 §3", "003:116", "Ensure that if it is the lead partner or accountable body that suitable succession "
         "strategies are in place")))
def no_succession_strategy(f):
    roles = [w for role, w in (("lead", "lead partner"), ("accountable-body", "accountable body"))
             if role in f.council_roles]
    if not roles:
        return None
    return missing_doc(f, "succession_strategy", "succession strategy",
                       prefix=f"The council is the {' and '.join(roles)}; ")


@rule("sustain-not-evaluated", "Ending without deciding what to sustain", "low", ENDING,
      "exiting and closed partnerships",
      "When a partnership ends, the council must evaluate which schemes or initiatives need to be sustained and how, "
      "and be aware of any funding shortfalls or loss of assets.",
      "Record the evaluation under ending.sustain (evaluated_on, summary).",
      (WHEN_IT_ENDS,
       C("003 §3", "003:115", "Evaluate which schemes or initiatives need to be sustained and how this might take "
         "place"),
       C("004 §9.20", "004:310", "The Council must be fully aware, therefore, of any potential funding shortfalls, "
         "loss of assets etc.")))
def sustain_not_evaluated(f):
    if group(f, "ending", "sustain").get("evaluated_on"):
        return None
    return Finding("The record does not show that the council evaluated which schemes or initiatives need to be "
                   "sustained, and how.")


@rule("closed-no-final-report", "Closed with no final report", "low", CLOSED, "closed partnerships",
      "When a partnership ends, partners should produce a final report.",
      "Record documents.final_report with a link, or not-applicable with a reason.",
      (C("000 Appendix 1 §7", "000:479", "Final reporting arrangements."),
       C("004 Appendix 4 G", "004:594", "Provide appropriate final reports")))
def closed_no_final_report(f):
    return missing_doc(f, "final_report", "final report")


@rule("dissolution-incomplete", "Closed without telling funders, stakeholders or service users", "low", CLOSED,
      "closed partnerships",
      "At dissolution the partners should tell any funders, all stakeholders and service users, and share the "
      "knowledge learned from the partnership.",
      "Record who was told and when under ending.informed, and how lessons were shared under ending.lessons_shared.",
      (C("004 Appendix 4 G", "004:592", "At dissolution the partners should:"),
       C("004 Appendix 4 G", "004:593", "Inform any funders"),
       C("004 Appendix 4 G", "004:595", "Share knowledge learned from the Partnership"),
       C("004 Appendix 4 G", "004:596", "Inform all stakeholders, clients etc as appropriate"),
       C("000 Appendix 1 §7", "000:480", "Arrangements for informing funders and all stakeholders/service users at "
         "dissolution.")))
def dissolution_incomplete(f):
    told = {i.get("who") for i in group(f, "ending").get("informed") or [] if isinstance(i, dict)}
    funded = bool(f.data.get("funding_sources")) or any(
        ((p.get("contribution") or {}).get("amount") or 0) > 0 for p in f.data.get("partners") or []
        if isinstance(p, dict))
    needed = [(who, w) for who, w, applies in (("funders", "funders", funded), ("stakeholders", "stakeholders", True),
                                              ("service-users", "service users",
                                               f.data.get("service_delivery") is True)) if applies]
    untold = [w for who, w in needed if who not in told]
    unshared = not group(f, "ending", "lessons_shared").get("date")
    if not untold and not unshared:
        return None
    if untold:
        return Finding(f"At dissolution the record does not show that {words_or(untold)} were told"
                       + (", or that the knowledge learned was shared." if unshared else "."))
    return Finding("At dissolution the record does not show that the knowledge learned was shared.")
