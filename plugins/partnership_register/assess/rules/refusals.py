"""What the register does not check, and why: the parts of the protocols' requirements that data cannot show.

No requirement of REQUIREMENTS.md Table 2 is refused outright; these parts of rows are. The Gap
rules page lists them with the clause and the reason, so a reader knows the silence is deliberate.
"""

from __future__ import annotations

from .base import C, Refusal

REFUSALS: tuple[Refusal, ...] = (
    Refusal("55", C("000 Appendix 1 §1", "000:411-413", "ensure there is no law or other provision that prevents the "
                    "council from entering into the partnership arrangement"),
            "That no law prevents it is a legal judgement for Legal Services; the register records the power relied on "
            "(legal_power, checked by no-legal-power)."),
    Refusal("34", C("004 Appendix 5", "004:618", "Make sure that substitutes are fully briefed prior to attending any "
                    "meetings"),
            "Briefing happens before each meeting; the register keeps no meeting-by-meeting record, and a standing "
            "yes/no would not show it was done. Substitutes are checked (no-substitute)."),
    Refusal("45", C("000 §2.8 c–d", "000:218-219", "How decisions are communicated to people not present. … How "
                    "required actions are put into operation."),
            "These are the wording of the governance framework; the register records that decision rules exist "
            "(no-decision-rules) and the officer's answer (002 checklist 3d), not the framework's text."),
    Refusal("42", C("004 Appendix 4 D", "004:545", "Equality Policy and objectives must be included"),
            "Content of the agreement, which the register links to but does not read; the equality impact assessment "
            "is checked (no-equality-impact-assessment)."),
    Refusal("29", C("000 §2.14", "000:251-252", "provisions for both the planned and unplanned end"),
            "Whether one exit strategy covers both kinds of end is its content; the register checks that an exit "
            "strategy is in place (no-exit-strategy)."),
    Refusal("26", C("004 §9.10", "004:272", "your Finance Manager will determine the frequency and style of reports"),
            "The frequency is the Finance Manager's decision, so the register checks that reports are produced and to "
            "whom (no-financial-monitoring), not whether the frequency is right."),
    Refusal("17", C("004 §9.7", "004:261", "and Executive where deemed appropriate"),
            "Whether Executive approval was appropriate is a judgement; the two written approvals always required are "
            "checked (accountable-body-no-approval)."),
    Refusal("65", C("004 §9.15", "004:292", "the terms and conditions of those grants, including document retention "
                    "must be clear"),
            "The register cannot tell from its data which external grants fund a partnership (funding_sources is free "
            "text) or whether their terms are clear; who holds documents is checked (no-records-holder)."),
    Refusal("42", C("001 Equalities", "001:166", "as is appropriate and proportionate"),
            "Proportionality is a judgement, recorded by the officer as equality_impact_expected (false excuses the "
            "assessment)."),
    Refusal("33, 35", C("000 §2.16", "000:269", "They shall abide by the council’s Codes of Conduct at all times."),
            "Conduct, not data."),
    Refusal("tool (003)", C("003 §3", "003:101", "The template will be completed by the council's lead officer "
                            "representative on the partnership."),
            "The register records who completed each audit (audits[].by) but cannot tell from a name whether that "
            "person is the lead officer representative; the page shows both for the reader."),
    Refusal("28", C("004 §9.1", "004:240", "essential, from the outset, that there is delegated authority to spend"),
            "Delegated spending authority usually comes from Financial Regulations or a scheme of delegation that "
            "predates the partnership, so a date comparison would mislead; the authority itself is checked "
            "(no-spending-authority)."),
    Refusal("36", C("000 §2.13", "000:248-249", "consider any duties they have that may conflict with that associated "
                    "with the council"),
            "Whether a duty actually conflicts is a judgement; the register checks that the fiduciary role is declared "
            "and that how conflicts are handled is stated (interests-not-declared)."),
)
