"""A live record, and register hygiene: inferences that keep records consistent (no clause requires them)."""

from __future__ import annotations

from ...text import long_date, money, months
from .base import CLOSED, NOT_CLOSED, RUNNING, C, Finding, registry, words_and

RULES: list = []
rule = registry(RULES)


@rule("record-not-verified", "Record not verified recently", "medium", NOT_CLOSED, "all partnerships not closed",
      "The register must be a live record. Nobody has confirmed this record is accurate within the council's interval.",
      "Check every field with the sponsoring officer and update record.last_verified.",
      (C("004 §8.9", "004:221", "maintained as a comprehensive live record of the Council’s involvement in "
         "partnerships"),
       C("004 Appendix 5", "004:612", "Ensure that partnership details are up to date and accurate on the Council's "
         "Partnership Register")),
      settings=("verification_interval_months",))
def record_not_verified(f):
    last = f.date("record", "last_verified")
    n = f.policy.verification_interval_months
    if last is None:
        return Finding("Nobody has recorded checking that this record is accurate.")
    due = f.add_months(last, n)
    if due < f.as_of:
        return Finding(f"The record was last verified on {long_date(last)}; records should be checked every "
                       f"{months(n)}.", due)
    return None


@rule("end-date-passed", "Proposed end date passed while still running", "medium", RUNNING,
      "active partnerships with a proposed end date",
      "The partnership was due to end but is still recorded as running.",
      "Decide whether to extend (and set a new proposed_end_date) or close it.",
      (C("000 §2.7 d", "000:167", "d) Timescales including how long the partnership is expected to last."),),
      basis="hygiene")
def end_date_passed(f):
    end = f.date("proposed_end_date")
    if end and end < f.as_of:
        return Finding(f"The proposed end date {long_date(end)} has passed but the partnership is still {f.status}.",
                       end)
    return None


@rule("closed-no-reason", "Closed with no reason recorded", "low", CLOSED, "closed partnerships",
      "The register should say why a partnership ended.",
      "Record end_reason (and end_reason_detail).",
      (C("003 §3", "003:103", "Partnerships may end for a number of reasons, such as:"),), basis="hygiene")
def closed_no_reason(f):
    return None if f.data.get("end_reason") else Finding("The record does not say why the partnership ended.")


@rule("closed-no-date", "Closed with no closing date", "low", CLOSED, "closed partnerships",
      "The register should say when a partnership ended, so it is counted in the right year.",
      "Record closed_date.",
      (C("003 §3", "003:113", "When a partnership ends the council will:"),), basis="hygiene")
def closed_no_date(f):
    return None if f.date("closed_date") else Finding("The record is closed but does not say when the partnership "
                                                      "ended.")


@rule("significance-mismatch", "Record says not significant, but the money is over the council's threshold", "low",
      NOT_CLOSED, "records that say they are not significant",
      "The record says the partnership is not significant, but by 001 the money involved alone makes it significant. "
      "The gap rules already treat it as significant; this asks for the record to be corrected.",
      "Correct significance (significant: true, with the reason).",
      (C("001 Significant Partnerships", "001:59", "A significant partnership is one that is material in terms of "
         "the amount of money involved and/or the level or nature of service delivery concerned"),),
      basis="hygiene",
      settings=("significance.annual_contribution_over", "significance.one_off_contribution_over",
                "significance.money_counted"))
def significance_mismatch(f):
    sig = f.significance
    if sig.stated is not False or not sig.money_material:
        return None
    p = f.policy.significance
    over = []
    if sig.money_annual > p.annual_contribution_over:
        over.append((f"{money(sig.money_annual)} a year", f"{money(p.annual_contribution_over)} a year"))
    if sig.money_one_off > p.one_off_contribution_over:
        over.append((f"{money(sig.money_one_off)} one-off", f"{money(p.one_off_contribution_over)} one-off"))
    return Finding(f"The record says the partnership is not significant, but the money involved "
                   f"({words_and(m for m, _ in over)}) is over the council's threshold ({words_and(t for _, t in over)}); "
                   "by 001 money alone makes a partnership significant.")
