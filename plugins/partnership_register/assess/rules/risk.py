"""Risk: the register, its sections, high risks (improvements, escalation, the board), sign-off and review."""

from __future__ import annotations

from ...text import long_date, months
from ..policy import RISK_SECTIONS
from .base import LIVE, NOT_CLOSED, C, Finding, doc, in_place, missing_doc, registry

RULES: list = []
rule = registry(RULES)


@rule("no-risk-register", "No risk register", "high", LIVE, "live partnerships",
      "Partnership action plans must be supported by a risk register, and the register of partnerships must record it.",
      "Set up a risk register with the partners and record documents.risk_register with state: in-place.",
      (C("000 §2.6", "000:141", "Action plans are supported by a risk register which is reviewed in agreed time "
         "frames"),
       C("001 Putting arrangements in place", "001:92", "Action plans are supported by a Risk Register which is "
         "reviewed in agreed time frames and maintained by partners;"),
       C("001 Register", "001:114", "risk register"),
       C("001 Appendix 2 §3", "001:310", "Does the Partnership have a risk register? If not, please state why")))
def no_risk_register(f):
    return missing_doc(f, "risk_register", "risk register", allow_not_applicable=False)


def _missing_sections(f, r) -> list[str]:
    tests = {
        "cause": bool(r.cause), "event": bool(r.event), "consequence": bool(r.consequence), "owner": bool(r.owner),
        "inherent_score": r.inherent is not None, "target_score": r.target is not None,
        "controls": bool(r.controls_in_place or r.controls_planned),
        "action_owner": all(isinstance(c, dict) and c.get("owner") for c in r.controls_planned),
        "action_due": all(isinstance(c, dict) and c.get("due") for c in r.controls_planned),
    }
    return [RISK_SECTIONS[s] for s in f.policy.risk_register_sections if not tests[s]]


@rule("risk-incomplete", "Risk register entries incomplete", "low", NOT_CLOSED, "partnerships with open risks",
      "For each risk, every section of the risk register should be completed: cause, event and impact; the risk owner; "
      "the scores before controls, now and as targeted; the controls; and who does each planned action by when.",
      "Fill in the missing sections of each open risk (cause, event, consequence, owner, inherent, target, controls, "
      "and an owner and due date for each planned control).",
      (C("001 Risk Management 2", "001:155", "For each risk identified, complete all sections of the register:"),
       C("001 Risk Management 2", "001:156", "Cause, event and impact."),
       C("001 Risk Management 2", "001:157", "Risk Owner."),
       C("001 Risk Management 2", "001:158", "Inherent, actual and residual risk scores."),
       C("001 Risk Management 2", "001:159", "Mitigating actions and controls."),
       C("001 Risk Management 2", "001:160", "Action owners and estimated completion dates.")),
      settings=("risk_register_sections",))
def risk_incomplete(f):
    parts = []
    for r in f.open_risks:
        missing = _missing_sections(f, r)
        if missing:
            parts.append(f"{r.title} (no {', no '.join(missing)})")
    return Finding(f"Risks with sections of the register not completed: {'; '.join(parts)}.") if parts else None


def _high(f):
    return [r for r in f.open_risks if r.band == "high"]


@rule("high-risk-uncontrolled", "High risk with no improvement planned", "high", NOT_CLOSED,
      "partnerships with open high risks",
      "A risk scored high needs control improvements made straight away, not only the controls already in place.",
      "Add at least one planned control (action, owner, due date) for each high risk.",
      (C("004 Appendix 10", "004:826", "Immediate control improvements to be made to enable partnership objectives to "
         "be met"),
       C("001 Risk Management 2.iv–v", "001:159", "Mitigating actions and controls."),
       C("001 Risk Management 2.iv–v", "001:160", "Action owners and estimated completion dates.")),
      settings=("risk_bands.high_from",))
def high_risk_uncontrolled(f):
    bad = [r for r in _high(f) if not r.controls_planned]
    if not bad:
        return None
    return Finding(f"High risks with no control improvement planned: "
                   f"{'; '.join(f'{r.title} (score {r.score})' for r in bad)}.")


@rule("high-risk-not-escalated", "High risk not referred to the council's risk registers", "medium", NOT_CLOSED,
      "partnerships with open high risks",
      "High risks must be referred through the Departmental Management Team to the departmental risk register, or "
      "recorded with the service plan or on the corporate risk register.",
      "Refer each high risk and record risks[].escalation (to, date), or escalation.to: not-needed with the reason.",
      (C("004 Appendix 10", "004:783", "where necessary, high level risks must be referred through Departmental "
         "Management Teams for possible inclusion onto Departmental Strategic Risk Assessment Action Plan Registers"),
       C("003 §4 Risk Management", "003:139", "the Council will ensure that the risks associated with the partnership "
         "working are recorded with service change plans and where appropriate the corporate risk register")),
      settings=("risk_bands.high_from",))
def high_risk_not_escalated(f):
    bad = [r for r in _high(f) if not (r.escalation or {}).get("to")]
    if not bad:
        return None
    return Finding("High risks not referred to a departmental or corporate risk register: "
                   f"{'; '.join(f'{r.title} (score {r.score})' for r in bad)}.")


@rule("risk-not-reported-to-board", "High risks not reported to the partnership board", "low", LIVE,
      "live partnerships",
      "High risks, or risks causing concern, should be reported to the partnership board, and risk should be a "
      "standing item on the agenda of its meetings.",
      "Report each high risk to the board (risks[].reported_to_board) and make risk a standing agenda item "
      "(meetings.risk_standing_item: true).",
      (C("001 Risk Management 4", "001:162", "high risks or risks causing concern should be reported to the "
         "Partnership Board. Risk should be a standing agenda item at Partnership Board and Team Meetings."),),
      settings=("risk_bands.high_from",))
def risk_not_reported_to_board(f):
    unreported = [r for r in _high(f) if r.reported_to_board is None]
    parts = []
    if unreported:
        parts.append(f"High risks not reported to the partnership board: {'; '.join(r.title for r in unreported)}.")
    if (f.data.get("meetings") or {}).get("risk_standing_item") is not True:
        parts.append("Risk is not recorded as a standing item on the board's agenda.")
    return Finding(" ".join(parts)) if parts else None


@rule("risk-assessment-not-signed-off", "Risk assessment not signed off", "low", LIVE,
      "live partnerships with a risk assessment",
      "The partnership's risk assessment must be signed off by an appropriate Chief or Senior Officer.",
      "Record who signed off the risk assessment and when (documents.risk_register.signed_off).",
      (C("004 Appendix 10", "004:783", "The risk assessment will need to be signed off by appropriate Chief/Senior "
         "Officer(s)"),))
def risk_assessment_not_signed_off(f):
    if not (in_place(f, "risk_register") or f.open_risks):
        return None
    signed = doc(f, "risk_register").get("signed_off") or {}
    if signed.get("by") and signed.get("date"):
        return None
    return Finding("The partnership's risk assessment has not been signed off by a Chief or Senior Officer.")


@rule("risks-not-reviewed", "Risks not reviewed within the review interval", "medium", LIVE,
      "live partnerships with open risks",
      "Risks must be reviewed regularly by their owners, more often the higher the exposure. Some have not been "
      "reviewed within the council's interval.",
      "Ask each risk owner to review the risk and update last_reviewed.",
      (C("001 Risk Management 3", "001:161", "Routinely (depending on the partnership governance cycle and level of "
         "risk exposure) each Risk Owner should review and update their risks."),
       C("000 §2.6", "000:141", "Action plans are supported by a risk register which is reviewed in agreed time "
         "frames")),
      settings=("risk_review_interval_months",))
def risks_not_reviewed(f):
    intervals = f.policy.risk_review_interval_months
    stale, since = [], None
    for r in f.open_risks:
        n = intervals.of(r.band)
        band = "" if intervals.uniform else f"{r.band}; "
        if r.last_reviewed is None:
            stale.append(f"{r.title} ({band}never reviewed)")
            continue
        due = f.add_months(r.last_reviewed, n)
        if due < f.as_of:
            stale.append(f"{r.title} ({band}last reviewed {long_date(r.last_reviewed)}"
                         + ("" if intervals.uniform else f", interval {months(n)}") + ")")
            since = min(since, due) if since else due
    if stale:
        within = f" within {months(intervals.high)}" if intervals.uniform else " within the council's interval"
        return Finding(f"Risks not reviewed{within}: {'; '.join(stale)}.", since)
    if not f.open_risks:
        last = f.date("documents", "risk_register", "last_reviewed")
        n = intervals.medium
        if last and f.add_months(last, n) < f.as_of:
            return Finding(f"The risk register was last reviewed on {long_date(last)}; risks should be reviewed every "
                           f"{months(n)}.", f.add_months(last, n))
    return None


