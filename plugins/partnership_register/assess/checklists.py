"""The protocols' own checklists, answered from the record where it can, else by the officer.

* 002's Partnership checklist (002:92-130, 29 questions) for a partnership about to be set up;
* 002's Partnership Improvement Template (002:132-150, 14 rows) completed at a review;
* 004 Appendix 2's questions (004:445-488, 32) for the "should we enter?" test.

Each question says where its answer comes from: `data` (a test of the record), `officer` (the
officer's answer in the record: checklist.answers, reviews[].improvement.answers,
entry.considered), `data-else-officer` (Yes from the record when its test passes, else the
officer's answer) or, for one Improvement Template row, `data-and-officer` (the record can
say No; otherwise the officer answers). The record page, the downloads and the gap rules
read the answers from here, so they agree. An unanswered question is not a gap (002:87 "They
are intended for guidance only"); a data No is a gap only through the rule named with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

YES, NO, NA, UNANSWERED = "yes", "no", "not-applicable", "not-answered"


@dataclass(frozen=True)
class Question:
    item: str                    # "1c", "row 4", "12"
    words: str                   # the question as the protocol asks it
    at: str                      # "002:97"
    source: str                  # data | officer | data-else-officer | data-and-officer
    field: str | None = None     # the officer's answer id (officer sources)
    test: Callable | None = None  # Facts -> yes | no | not-applicable (data sources)
    data_field: str = ""         # the record fields the data answer reads, for the page
    rule: str | None = None      # the gap rule behind a data No
    applies: Callable | None = None  # Facts -> False when the question is not applicable (officer questions)
    label: str = ""              # a short name, for lists


@dataclass(frozen=True)
class Answer:
    question: Question
    answer: str                  # yes | no | not-applicable | not-answered
    source: str                  # "data" or "officer"
    note: str | None = None
    action: dict | None = None

    @property
    def no_without_action(self) -> bool:
        """An officer's No with no action: the one thing about these tools that is a gap."""
        return self.source == "officer" and self.answer == NO and not (self.action or {}).get("what")


def _yn(ok) -> str:
    return YES if ok else NO


def _get(f, *path):
    node = f.data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _in_place(f, key) -> bool:
    return _get(f, "documents", key, "state") == "in-place"


def _finance(test):
    return lambda f: test(f) if f.finance_involved else NA


def _finance_applies(f) -> bool:
    return f.finance_involved


def _money_sources(f) -> str:
    if f.data.get("money") or f.data.get("funding_sources") or any(
            isinstance(p, dict) and p.get("contribution") for p in f.data.get("partners") or []):
        return YES
    return NA if not f.finance_involved else NO


def _complaints(f) -> str:
    if f.data.get("service_delivery") is not True:
        return NA
    return _yn(_get(f, "documents", "complaints_procedure", "state") in ("in-place", "not-applicable"))


def _reps_declared(f) -> str:
    reps = [r for r in f.data.get("representatives") or [] if isinstance(r, dict)]
    return _yn(reps and all((r.get("interests") or {}).get("declared_on") for r in reps))


Q = Question
CHECKLIST: tuple[Question, ...] = (
    Q("1a", "Why does the partnership exist?", "002:95", "data", test=lambda f: _yn(f.data.get("purpose")),
      data_field="purpose", rule="no-purpose-or-outcomes"),
    Q("1b", "What are its agreed aims?", "002:96", "data", test=lambda f: _yn(f.data.get("aims")), data_field="aims",
      rule="no-purpose-or-outcomes"),
    Q("1c", "Where have these been published?", "002:97", "officer", "published_where"),
    Q("1d", "Can we identify a better way of serving the public", "002:98", "data-else-officer", "better_way",
      lambda f: _yn(_get(f, "entry", "alternatives_considered")), "entry.alternatives_considered"),
    Q("2a", "How does the partnership add value", "002:100", "data-else-officer", "adds_value",
      lambda f: _yn("added-value" in (_get(f, "entry", "criteria") or [])), "entry.criteria"),
    Q("2b", "How do we demonstrate this added value to the public", "002:101", "officer", "value_shown_to_public"),
    Q("2c", "How do we know whether funds are being well spent", "002:102", "officer", "funds_well_spent",
      applies=_finance_applies),
    Q("2d", "How does the public know that partnership funds are being well spent", "002:103", "officer",
      "public_sees_funds_well_spent", applies=_finance_applies),
    Q("3a", "How do our partnership's corporate governance arrangements link to those of individual partners",
      "002:105", "officer", "linked_to_partners_governance"),
    Q("3b", "How are decisions made", "002:106", "data",
      test=lambda f: _yn(_get(f, "meetings", "decision_making") and _get(f, "meetings", "quorum")),
      data_field="meetings.decision_making, meetings.quorum", rule="no-decision-rules"),
    Q("3c", "How are they recorded", "002:107", "data-else-officer", "decisions_recorded",
      lambda f: _yn(_get(f, "meetings", "minutes_published")), "meetings.minutes_published"),
    Q("3d", "Who makes sure they are acted on", "002:108", "officer", "decisions_acted_on"),
    Q("3e", "Who scrutinises them", "002:109", "data", test=lambda f: _yn(_get(f, "performance", "scrutiny")),
      data_field="performance.scrutiny", rule="no-scrutiny"),
    Q("3f", "Who are they reported to", "002:110", "data",
      test=lambda f: _yn(_get(f, "performance", "reported_to") and _get(f, "performance", "frequency")),
      data_field="performance.reported_to, performance.frequency", rule="no-performance-reporting"),
    Q("4a", "How do we know which partnership targets we are meeting and which we are failing to meet", "002:112",
      "officer", "targets_known"),
    Q("4b", "Who manages and reports progress", "002:113", "data",
      test=lambda f: _yn(_get(f, "accountable_officer", "name")), data_field="accountable_officer",
      rule="no-accountable-officer"),
    Q("5a", "Who provides the money", "002:115", "data", test=_money_sources,
      data_field="money, funding_sources, partners[].contribution"),
    Q("5b", "Who decides how to spend it", "002:116", "data",
      test=_finance(lambda f: _yn(_get(f, "budget_holder", "name") and _get(f, "budget_holder", "duties")
                                  and _get(f, "finance", "spending_authority"))),
      data_field="budget_holder, finance.spending_authority", rule="money-no-budget-holder"),
    Q("5c", "Can the money be reallocated", "002:117", "officer", "money_can_be_reallocated",
      applies=_finance_applies),
    Q("5d", "What are the financial reporting arrangements", "002:118", "data",
      test=_finance(lambda f: _yn(_get(f, "finance", "monitoring"))), data_field="finance.monitoring",
      rule="no-financial-monitoring"),
    Q("6a", "How do we know when things are going wrong", "002:120", "data-else-officer", "knows_when_going_wrong",
      lambda f: _yn(f.open_risks and _get(f, "performance", "mechanism")), "risks, performance.mechanism"),
    Q("6b", "Who can take action when things go wrong", "002:121", "data-else-officer", "who_acts",
      lambda f: _yn(f.open_risks and all(r.owner for r in f.open_risks)), "risks[].owner"),
    Q("6c", "How do we resolve conflicts of interest", "002:122", "data-else-officer",
      "conflicts_of_interest_resolved", _reps_declared, "representatives[].interests"),
    Q("7a", "What are the arrangements if this partnership comes to an end", "002:124", "data",
      test=lambda f: _yn(_in_place(f, "exit_strategy")), data_field="documents.exit_strategy",
      rule="no-exit-strategy"),
    Q("7b", "Or if we decide not to be involved any longer", "002:125", "officer", "council_can_leave"),
    Q("7c", "How will resources be reallocated back to partners", "002:126", "officer", "resources_returned"),
    Q("8a", "How effectively does this partnership communicate with the public", "002:128", "officer",
      "communicates_effectively"),
    Q("8b", "How can the public and service users obtain redress when things go wrong", "002:129", "data",
      test=_complaints, data_field="documents.complaints_procedure", rule="no-complaints-procedure"),
    Q("8c", "Is there a complaints and suggestions process the public can use", "002:130", "data-else-officer",
      "complaints_and_suggestions", lambda f: _yn(_in_place(f, "complaints_procedure")),
      "documents.complaints_procedure"),
)


def _involvement(f) -> str:
    roles = set(f.council_roles)
    return YES if roles else NO


IMPROVEMENT: tuple[Question, ...] = (
    Q("1", "Whether there is a 'Lead Officer' or 'Project Sponsor' who has responsibility for the Council's "
      "involvement in the partnership", "002:135", "data", test=lambda f: _yn(_get(f, "sponsoring_officer", "name")),
      data_field="sponsoring_officer", rule="no-sponsoring-officer"),
    Q("2", "The clarity of the purpose of the partnership.", "002:136", "data",
      test=lambda f: _yn(f.data.get("purpose")), data_field="purpose", rule="no-purpose-or-outcomes"),
    Q("3", "The legal status of the partnership and whether it is appropriate for the objectives to be achieved "
      "through partnership working.", "002:137", "data-and-officer", "legal_status_appropriate",
      lambda f: _yn(f.data.get("legal_form")), "legal_form", rule="no-legal-status"),
    Q("4", "Whether the Council has defined its 'bottom line' in terms of what it wants to obtain from the partnership "
      "for itself and for local people.", "002:138", "officer", "bottom_line"),
    Q("5", "Clarity on council involvement in the partnership (eg leading or supporting).", "002:139", "data",
      test=lambda f: _yn(f.council_roles and "not-classified" not in f.council_roles), data_field="council_role",
      rule="council-role-not-classified"),
    Q("6", "Whether there is a plan for how the Council's involvement is supported and managed (eg reporting "
      "arrangements and lines of accountability).", "002:140", "data-else-officer", "involvement_managed",
      lambda f: _yn(_get(f, "sponsoring_officer") and _get(f, "performance", "reported_to")
                    and _get(f, "accountable_to", "organisation")),
      "sponsoring_officer, performance.reported_to, accountable_to"),
    Q("7", "'Rules of engagement' (eg whether the Council is simply funding a partnership and has minimal involvement, "
      "or whether it is a full and active partner and is carrying out practical activities on behalf of the "
      "partnership).", "002:141", "data", test=_involvement, data_field="council_role"),
    Q("8", "Whether the rights and responsibilities of members of the partnership have been defined and are "
      "understood.", "002:142", "officer", "rights_and_responsibilities"),
    Q("9", "Are decision making arrangements effective?", "002:143", "officer", "decision_making_effective"),
    Q("10", "Whether the partnership is appropriately resourced and whether consideration has been given to resources "
      "that might be made available from sources other than the Council.", "002:144", "officer", "resourced"),
    Q("11", "The effectiveness of performance management arrangements including scrutiny and evaluation.", "002:147",
      "officer", "performance_management_effective"),
    Q("12", "How the partnership is held to account", "002:148", "officer", "held_to_account"),
    Q("13", "Whether there is a plan for the development of the partnership.", "002:149", "officer",
      "development_plan"),
    Q("14", "The effectiveness of governance arrangements.", "002:150", "officer", "governance_effective"),
)

IMPROVEMENT = tuple(replace(q, label=label) for q, label in zip(IMPROVEMENT, (
    "Lead officer or project sponsor", "Clarity of purpose", "Legal status appropriate", "The council's bottom line",
    "Clarity on council involvement", "Involvement supported and managed", "Rules of engagement",
    "Rights and responsibilities", "Decision making effective", "Appropriately resourced",
    "Performance management effective", "Held to account", "Development plan", "Governance effective")))
CHECKLIST = tuple(replace(q, label=q.words.rstrip("?.")) for q in CHECKLIST)


def rules_of_engagement(f) -> str:
    """Improvement Template row 7 in words: minimal involvement (funder or observer only) or a full partner."""
    roles = set(f.council_roles)
    if not roles or roles <= {"not-classified"}:
        return "Not recorded"
    return "Funding only: minimal involvement" if roles <= {"funder", "observer"} else "A full and active partner"


def _considered(field, label, line, words):
    return Q(str(line), words, f"004:{line}", "officer", field, label=label)


ENTRY_QUESTIONS: tuple[Question, ...] = (
    Q("1", "Have you agreed what the shared vision and objectives are?", "004:445", "data",
      test=lambda f: _yn(f.data.get("purpose") and f.data.get("aims")), data_field="purpose, aims",
      rule="no-purpose-or-outcomes", label="Shared vision and objectives"),
    Q("2", "If no procurement exercise is proposed to select the partner(s) have you agreed this with Corporate "
      "Procurement?", "004:446", "data",
      test=_finance(lambda f: _yn(_get(f, "finance", "procurement", "route")
                                  and _get(f, "finance", "procurement", "agreed_by"))),
      data_field="finance.procurement", rule="no-procurement-route", label="Procurement agreed"),
    Q("3", "How would the proposed partnership contribute towards the Council's ambitions and priorities?", "004:447",
      "data", test=lambda f: _yn(f.data.get("corporate_priorities")), data_field="corporate_priorities",
      rule="no-corporate-priorities", label="Contribution to the council's priorities"),
    Q("4", "What legal powers will be used to create the partnership?", "004:448", "data",
      test=lambda f: _yn(f.data.get("legal_power")), data_field="legal_power", rule="no-legal-power",
      label="Legal powers"),
    _considered("consultation", "Consultation", 449, "What consultation has been undertaken with other relevant "
                "departments and key stakeholders about the outcomes and high-level objectives that you want the "
                "partnership to deliver?"),
    Q("6", "Have the necessary INRAs been completed (refer to Equality Standard and Policies)?", "004:451", "data",
      test=lambda f: _yn(_get(f, "documents", "equality_impact_assessment", "state") in ("in-place", "not-applicable")),
      data_field="documents.equality_impact_assessment", rule="no-equality-impact-assessment",
      label="Equality impact assessment"),
    Q("7", "Is there a clear, measurable plan, including appropriate timescales for delivering the partnership "
      "implementation plan?", "004:452", "data", test=lambda f: _yn(_in_place(f, "action_plan")),
      data_field="documents.action_plan", rule="no-action-plan", label="Implementation plan"),
    _considered("implementation_plan_agreed", "Implementation plan agreed", 453,
                "Have all partners agreed the implementation plan?"),
    Q("9", "Have you undertaken a risk assessment for the partnership plan?", "004:454", "data",
      test=lambda f: _yn(f.open_risks or _in_place(f, "risk_register")), data_field="risks, documents.risk_register",
      rule="entry-risks-not-assessed", label="Risk assessment"),
    _considered("delivery_responsibility", "Who delivers the plan", 455,
                "Are the proposed partners clear who is responsible for delivering the plan?"),
    Q("11", "Have you considered how the partnership will be sustainable into the longer term? (if not fixed term)",
      "004:456", "officer", "long_term_sustainability", applies=lambda f: not f.data.get("proposed_end_date"),
      label="Sustainable in the longer term"),
    Q("12", "Has authority been sought to implement the partnership, i.e. Executive approval?", "004:457", "data",
      test=lambda f: _yn(f.data.get("approval")), data_field="approval", rule="significant-not-approved",
      label="Authority sought"),
    _considered("impact_on_clients", "Impact on clients", 464,
                "What will be the impact of this partnership on the clients?"),
    _considered("impact_on_stakeholders", "Impact on stakeholders", 465,
                "What will the impact of this partnership be on stakeholders and other services?"),
    _considered("resistance", "Resistance", 466,
                "Will there be resistance to this partnership. If so, what action will be taken to resolve issues?"),
    _considered("involving_partners", "Involving all the partners needed", 467,
                "How can you actively involve all the partners you need to reflect different perspectives in the "
                "local community?"),
    _considered("best_practice_examples", "Best practice examples", 468,
                "How will you ensure you are aware of best practice examples relating to the proposed partnership?"),
    _considered("good_practice_guides", "Good practice guides", 469,
                "Have you obtained and considered specific good practice guides (national or professional bodies)?"),
    Q("19", "What form / model of governance best meets the needs of the partnership? (e.g. Joint Ctte)", "004:474",
      "data", test=lambda f: _yn(f.data.get("type") not in (None, "not-classified") and f.data.get("legal_form")),
      data_field="type, legal_form", rule="no-legal-status", label="Form of governance"),
    Q("20", "How will the partnership account to the Council for its activity?", "004:475", "data",
      test=lambda f: _yn(_get(f, "accountable_to", "organisation") or _get(f, "performance", "reported_to")),
      data_field="accountable_to, performance.reported_to", rule="no-accountability-statement",
      label="Accounting to the council"),
    _considered("best_value", "Best value", 476, "Will the proposal meet \"best value\" requirements?"),
    _considered("openness", "Openness and transparency", 477,
                "How will openness / transparency in governance be achieved?"),
    Q("23", "When and how will reviews be undertaken out on partnership activities?", "004:478", "data",
      test=lambda f: _yn(f.data.get("next_review") or _get(f, "performance", "mechanism")),
      data_field="next_review, performance.mechanism", label="Reviews"),
    Q("24", "Is the partnership clear what it will do if poor performance is reported?", "004:479", "data",
      test=lambda f: _yn(_get(f, "performance", "poor_performance")), data_field="performance.poor_performance",
      rule="no-poor-performance-arrangement", label="Poor performance"),
    _considered("user_representation", "Users and stakeholders represented", 480,
                "How will users and other stakeholders be represented on the partnership?"),
    Q("26", "What will be the risk management arrangements? (including business continuity)", "004:481", "data",
      test=lambda f: _yn(_in_place(f, "risk_register")), data_field="documents.risk_register",
      rule="no-risk-register", label="Risk management arrangements"),
    _considered("milestones", "Milestones and delivery dates", 482,
                "Does the performance management process include clear milestones, outcomes and delivery dates?"),
    _considered("reporting_to_clients", "Reporting performance to clients", 483,
                "How will you account / report performance to your clients?"),
    Q("29", "What process will be set up to resolve disputes?", "004:484", "data",
      test=lambda f: _yn(_get(f, "documents", "dispute_resolution", "state") in ("in-place", "not-applicable")),
      data_field="documents.dispute_resolution", rule="no-dispute-resolution", label="Resolving disputes"),
    Q("30", "Are partners clear on the length of agreement and have an agreed exit strategy for the partnership?",
      "004:486", "data", test=lambda f: _yn(f.data.get("proposed_end_date") or _in_place(f, "exit_strategy")),
      data_field="proposed_end_date, documents.exit_strategy", rule="no-exit-strategy",
      label="Length and exit strategy"),
    Q("31", "What formal monitoring and appraisal systems will be put in place?", "004:487", "data",
      test=lambda f: _yn(_get(f, "performance", "mechanism")), data_field="performance.mechanism",
      label="Monitoring and appraisal"),
    _considered("trust", "Relationship of trust", 488, "Is there a relationship of trust between the partners?"),
)
ENTRY_OFFICER_QUESTIONS = tuple(q for q in ENTRY_QUESTIONS if q.source == "officer")


def _answer(q: Question, f, given: dict) -> Answer:
    """One question answered: from the record, or from the officer's answer `given` (answer, note, action)."""
    given = given if isinstance(given, dict) else {}
    officer = Answer(q, given["answer"], "officer", given.get("note"), given.get("action")) if given.get("answer") \
        else None
    if q.source == "data":
        return Answer(q, q.test(f), "data")
    if q.source == "officer":
        if q.applies and not q.applies(f):
            return Answer(q, NA, "data")
        return officer or Answer(q, UNANSWERED, "officer")
    passed = q.test(f)
    if q.source == "data-else-officer" and passed == YES:
        return Answer(q, YES, "data", given.get("note"))  # an officer's answer is shown as a note, never the answer
    if q.source == "data-and-officer" and passed == NO:
        return Answer(q, NO, "data")
    return officer or Answer(q, UNANSWERED, "officer")


def checklist_answers(f) -> list[Answer]:
    """002's Partnership checklist for this record (checklist.answers for the officer's answers)."""
    answers = _get(f, "checklist", "answers") or {}
    return [_answer(q, f, answers.get(q.field) if q.field else None) for q in CHECKLIST]


def latest_improvement_review(f) -> dict | None:
    """The latest review (by date) that completed the Improvement Template."""
    with_template = [r for r in f.reviews if r.get("improvement")]
    return with_template[-1] if with_template else None


def improvement_answers(f, review: dict | None = None) -> list[Answer]:
    """002's Improvement Template as completed at `review` (default: the latest review that completed it)."""
    review = review if review is not None else latest_improvement_review(f)
    answers = ((review or {}).get("improvement") or {}).get("answers") or {}
    return [_answer(q, f, answers.get(q.field) if q.field else None) for q in IMPROVEMENT]


def entry_answers(f) -> list[Answer]:
    """004 Appendix 2's questions for this record (entry.considered holds the officer's comments)."""
    considered = _get(f, "entry", "considered") or {}
    out = []
    for q in ENTRY_QUESTIONS:
        if q.source == "officer":
            comment = considered.get(q.field)
            if q.applies and not q.applies(f):
                out.append(Answer(q, NA, "data"))
            else:
                out.append(Answer(q, YES if comment else UNANSWERED, "officer", comment))
        else:
            out.append(Answer(q, q.test(f), "data"))
    return out
