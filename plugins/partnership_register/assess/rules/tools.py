"""The protocols' own tools on the register: 002's Partnership checklist and Improvement Template."""

from __future__ import annotations

from ...text import long_date
from ..checklists import checklist_answers, improvement_answers, latest_improvement_review
from .base import LIVE, NOT_CLOSED, C, Finding, registry

RULES: list = []
rule = registry(RULES)


def _listed(answers) -> str:
    return "; ".join(f"{a.question.item} {a.question.label}" for a in answers)


@rule("checklist-no-without-action", "Partnership checklist: No with no action", "low", NOT_CLOSED,
      "partnerships with a completed checklist",
      "An answer of No on 002's Partnership checklist needs an action saying what will be done. (An unanswered "
      "question is not a gap: the checklist is guidance.)",
      "Add action (what, owner, due) to each No in checklist.answers.",
      (C("002 Tools for improvement", "002:89", "Partnership checklist – this is intended as a tool when a new "
         "partnership is about to be established."),
       C("002 Tools for improvement", "002:87", "They are intended for guidance only and should provide useful "
         "checklists")))
def checklist_no_without_action(f):
    bad = [a for a in checklist_answers(f) if a.no_without_action]
    return Finding(f"Partnership checklist answers of No with no action: {_listed(bad)}.") if bad else None


@rule("improvement-no-without-action", "Improvement Template: No with no action", "low", LIVE,
      "live partnerships whose latest review completed the Improvement Template",
      "An answer of No on 002's Partnership Improvement Template needs an action saying what will be done. Only the "
      "latest review that completed the template counts.",
      "Add action (what, owner, due) to each No in that review's improvement.answers.",
      (C("002 Tools for improvement", "002:90", "Partnership Improvement Tool – this is intended as a tool to assist "
         "in a review of a partnership."),
       C("002 Partnership Improvement Template", "002:134", "Area of Practice\tYes\tNo\tAction")))
def improvement_no_without_action(f):
    review = latest_improvement_review(f)
    if review is None:
        return None
    bad = [a for a in improvement_answers(f, review) if a.no_without_action]
    if not bad:
        return None
    return Finding(f"The Improvement Template completed at the review on {long_date(review['date'])} has answers of "
                   f"No with no action: {_listed(bad)}.")
