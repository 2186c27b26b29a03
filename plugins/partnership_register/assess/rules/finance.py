"""Partnership finances (004 §9): who holds and spends the money, how it is monitored, procured, audited and kept.

Most of these apply wherever partnership finances are involved (`Facts.finance_involved`:
council money, the council as accountable body, or a pooled or aligned budget), not only
where the council puts money in: 004 §9.1 dispenses with them only "if no finance is
directly involved".
"""

from __future__ import annotations

from .base import LIVE, NOT_CLOSED, C, Finding, group, missing_doc, registry, words_or

RULES: list = []
rule = registry(RULES)

FINANCE_SCOPE = C("004 §9.1", "004:237", "if no finance is directly involved then, in most circumstances, this section "
                  "of the Guidance could be dispensed with")
MONEY_INVOLVED = "partnerships where money is involved (council money, accountable body, or a pooled budget)"


@rule("money-no-budget-holder", "Partnership finances with no budget holder, or no duties", "medium", NOT_CLOSED,
      MONEY_INVOLVED,
      "Where partnership money is involved, a budget holder must be appointed with clearly defined duties and "
      "responsibilities.",
      "Name the budget holder under budget_holder and record their duties (budget_holder.duties).",
      (C("004 §9.22", "004:315", "it is essential that a Budget Holder is appointed to the “partnership” with clearly "
         "defined duties and responsibilities."), FINANCE_SCOPE))
def money_no_budget_holder(f):
    if not f.finance_involved:
        return None
    holder = group(f, "budget_holder")
    if not holder.get("name"):
        extra = f" (only a job title is recorded: {holder['job_title']})" if holder.get("job_title") else ""
        return Finding(f"Partnership money is involved but no budget holder is named{extra}.")
    if not holder.get("duties"):
        return Finding(f"{holder['name']} is named as budget holder but their duties and responsibilities are not "
                       "recorded.")
    return None


@rule("no-spending-authority", "No delegated authority to spend", "medium", NOT_CLOSED, MONEY_INVOLVED,
      "Where money is to be exchanged, someone must hold delegated authority to spend it from the outset.",
      "Record finance.spending_authority (who holds it, and under what).",
      (C("004 §9.1", "004:240", "Where any finance is to be exchanged then it is essential, from the outset, that there "
         "is delegated authority to spend."), FINANCE_SCOPE))
def no_spending_authority(f):
    if not f.finance_involved:
        return None
    authority = group(f, "finance", "spending_authority")
    if authority.get("holder") and authority.get("reference"):
        return None
    return Finding("Money is exchanged but the record does not say who has delegated authority to spend it, and "
                   "under what.")


@rule("no-procurement-route", "Procurement route not recorded or not agreed", "medium", NOT_CLOSED, MONEY_INVOLVED,
      "Partners must be selected through the council's procurement process unless an exception applies, and the "
      "arrangements must be agreed with the Corporate Procurement Manager whatever the route.",
      "Record finance.procurement (the route, and who at Corporate Procurement agreed it, when).",
      (C("004 §3.1", "004:102", "the selection of partners must be underpinned by a procurement process as set out in "
         "the Council's Contract Procedure Rules except for the following circumstances:"),
       C("004 §9.11", "004:276", "The proposed arrangements must be agreed with the Council's Corporate Procurement "
         "Manager."),
       C("004 Appendix 2", "004:446", "If no procurement exercise is proposed to select the partner(s) have you agreed "
         "this with Corporate Procurement?")))
def no_procurement_route(f):
    if not f.finance_involved:
        return None
    procurement = group(f, "finance", "procurement")
    missing = [w for key, w in (("route", "how the partners were selected (procurement route)"),
                                ("agreed_by", "who at Corporate Procurement agreed the arrangements"))
               if not procurement.get(key)]
    return Finding(f"Partnership money is involved but the record does not say {words_or(missing)}.") \
        if missing else None


@rule("pooled-budget-undefined", "Pooled budget without agreed contributions or administrator", "medium", NOT_CLOSED,
      "partnerships with a pooled or aligned budget",
      "From the outset, the partners must agree each partner's contribution to a pooled budget and who administers it.",
      "Record each partner's contribution under partners[].contribution (amount 0 if none) and "
      "finance.pooled_budget_administrator.",
      (C("004 §9.9", "004:268", "From the outset, agreement must be reached on each partner’s contribution to the "
         "partnership as well as deciding who will administer the pooled budget."),
       C("000 Appendix 1 §4", "000:446", "Resource commitment for each partner.")))
def pooled_budget_undefined(f):
    if not f.pooled_budget:
        return None
    parts = []
    if not group(f, "finance").get("pooled_budget_administrator"):
        parts.append("no one is named to administer it")
    missing = [str(p.get("name")) for p in f.data.get("partners") or [] if isinstance(p, dict)
               and not p.get("contribution")]
    if missing:
        parts.append(f"these partners' contributions are not recorded: {'; '.join(missing)}")
    return Finding(f"There is a pooled budget but {' and '.join(parts)}.") if parts else None


@rule("no-financial-monitoring", "No financial monitoring reports", "medium", LIVE,
      "live partnerships where money is involved",
      "Regular financial monitoring reports must be produced, particularly where the council is the accountable body.",
      "Record finance.monitoring (how often, and to whom); agree the frequency with the council's Finance Manager.",
      (C("004 §9.10", "004:272", "It is essential that regular monitoring reports are produced as an aid to good "
         "financial management"),
       C("004 §9.10", "004:272", "This is particularly important where the Council is the Accountable Body.")))
def no_financial_monitoring(f):
    if not f.finance_involved:
        return None
    monitoring = group(f, "finance", "monitoring")
    missing = [w for key, w in (("frequency", "how often financial monitoring reports are produced"),
                                ("reported_to", "to whom they go")) if not monitoring.get(key)]
    return Finding(f"Partnership money is involved but the record does not say {words_or(missing)}.") \
        if missing else None


@rule("no-overspend-arrangement", "Not agreed what happens to over- and underspends", "medium", NOT_CLOSED,
      MONEY_INVOLVED,
      "The partners must establish what happens to overspends and underspends.",
      "Record finance.over_underspends.",
      (C("004 §9.1", "004:241", "The partnership will also need to establish what happens to overspends and "
         "underspends."), FINANCE_SCOPE))
def no_overspend_arrangement(f):
    if not f.finance_involved or group(f, "finance").get("over_underspends"):
        return None
    return Finding("Partnership money is involved but the record does not say what happens to overspends and "
                   "underspends.")


@rule("liabilities-not-addressed", "Liabilities and indemnity not addressed", "medium", NOT_CLOSED, MONEY_INVOLVED,
      "The council's liabilities need thorough attention: legal advice must be sought, and the council should be "
      "indemnified against the actions of partners.",
      "Record finance.liabilities (legal_advice by whom and when; indemnity state, or not-applicable with the reason).",
      (C("004 §9.18", "004:302", "Throughout the planning and implementation stages of the partnership, there must be "
         "thorough and comprehensive attention to the liability issues for the Council."),
       C("004 §9.19", "004:303", "In the first instance legal advice must be sought."),
       C("004 §9.19", "004:306", "The Council need to be indemnified against any actions that a partner (or "
         "partnership) may make."),
       C("001 Appendix 1", "001:266", "Have the potential liabilities of the partnership and the Council (if any) been "
         "identified?")))
def liabilities_not_addressed(f):
    if not f.finance_involved:
        return None
    liabilities = group(f, "finance", "liabilities")
    parts = []
    if not liabilities.get("legal_advice"):
        parts.append("no legal advice on the council's liabilities is recorded")
    state = (liabilities.get("indemnity") or {}).get("state")
    if state == "not-in-place":
        parts.append("the council is not indemnified against partners' actions")
    elif state is None:
        parts.append("the record does not say whether the council is indemnified")
    return Finding(f"Partnership money is involved but {' and '.join(parts)}.") if parts else None


@rule("money-no-audit-access", "Partnership finances without audit access rights", "medium", LIVE,
      "live partnerships where money is involved",
      "Wherever partnership money is involved, the agreement must give the council's internal and external auditors "
      "access to documents, from the outset.",
      "Add audit access wording (from Internal Audit) to the agreement and record documents.audit_access_rights.",
      (C("004 §9.13", "004:284", "From the outset, the … agreement must provide both Internal and External Auditors "
         "with rights of access to documents."),
       C("004 §9.1", "004:237", "if there is the possibility of the … committing either Council funds or Services then "
         "the implications of this must be considered"),
       C("004 Appendix 4 E", "004:576", "Access rights for the Council's Internal Audit Service must be included within "
         "the Agreement."),
       C("000 Appendix 1 §6", "000:474", "Right of access for appropriate audit bodies")))
def money_no_audit_access(f):
    if not f.finance_involved:
        return None
    return missing_doc(f, "audit_access_rights", "right of access for auditors", allow_not_applicable=False,
                       prefix="Partnership money is involved. ")


@rule("no-audit-responsibility", "Not recorded who audits the partnership", "medium", LIVE,
      "live partnerships where money is involved",
      "The council must know where responsibility for auditing the partnership lies, particularly where it manages "
      "a pooled or aligned budget.",
      "Record finance.audited_by.",
      (C("001 Auditing and Scrutiny Arrangements", "001:170", "The Council must ascertain where responsibility for these "
         "functions lies. This is particularly important if a partnership manages or allocates resources of its "
         "partners through any pooled or"),
       C("001 Auditing and Scrutiny Arrangements", "001:172", "alignment arrangements.")))
def no_audit_responsibility(f):
    if not f.finance_involved or group(f, "finance").get("audited_by"):
        return None
    pooled = ", including a pooled or aligned budget," if f.pooled_budget else ""
    return Finding(f"Partnership money is involved{pooled} but the record does not say who is responsible for "
                   "auditing it.")


@rule("no-records-holder", "Not recorded who holds the partnership's documents", "low", LIVE,
      "live partnerships where money is involved",
      "Someone must be responsible for holding the partnership's documents and keeping them for the statutory and "
      "grant periods.",
      "Record finance.records_held_by.",
      (C("004 §9.14", "004:288", "It will need to be established who is going to be responsible for holding "
         "documents"),))
def no_records_holder(f):
    if not f.finance_involved or group(f, "finance").get("records_held_by"):
        return None
    return Finding("The record does not say who is responsible for holding the partnership's documents.")


@rule("partner-procedures-not-approved", "Partner's financial rules followed without Cabinet approval", "high",
      NOT_CLOSED, "partnerships that follow a partner's financial procedures",
      "If the partnership follows a partner's financial procedures or standing orders that are not consistent with "
      "the council's, Cabinet must approve it.",
      "Take it to Cabinet and record finance.partner_procedures.cabinet_approval (date, decision reference).",
      (C("001 Significant Partnerships", "001:73", "If financial procedures or standing orders of a partner are being "
         "followed which are not consistent with the Council's regulations Cabinet approval must be obtained."),))
def partner_procedures_not_approved(f):
    procedures = group(f, "finance", "partner_procedures")
    if procedures.get("consistent_with_council") is not False or (procedures.get("cabinet_approval") or {}).get("date"):
        return None
    return Finding(f"{procedures.get('organisation')}'s financial procedures are followed and are not consistent with "
                   "the council's, but no Cabinet approval is recorded.")


@rule("money-incomplete", "Council money recorded without amount, frequency or form", "low", NOT_CLOSED,
      "partnerships the council puts money into",
      "The register must say how much money the council puts in and in what form. An entry without an amount, or "
      "without a frequency or a period it covers, is left out of every yearly and one-off total.",
      "Give each money entry its amount, frequency (annual or one-off) and form.",
      (C("001 Appendix 2 §2", "001:305", "how much and in what form e.g., grant, diversion of existing budgets etc"),))
def money_incomplete(f):
    parts = []
    for i, m in enumerate(f.data.get("money") or []):
        if not isinstance(m, dict):
            continue
        missing = [w for key, w in (("amount", "amount"), ("frequency", "frequency"), ("form", "form"))
                   if m.get(key) is None and not (key == "frequency" and m.get("period"))]  # 'over 3 years' says it
        if missing:
            what = m.get("description") or f"entry {i + 1}"
            parts.append(f"{str(what).rstrip('.')} (no {', no '.join(missing)})")
    return Finding(f"Money recorded without an amount, frequency or form: {'; '.join(parts)}.") if parts else None
