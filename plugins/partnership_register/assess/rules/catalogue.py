"""The catalogue: every rule, in the order of a partnership's life (the order of the Gap rules page).

Entering → approval → the agreement and documents → people → performance → risk → finance →
staff → information → ending → is it a partnership? → a live record and register hygiene →
the protocols' tools. Each rule is declared, next to its check, in the module of its area.
"""

from __future__ import annotations

from . import (approval, documents, ending, entry, finance, hygiene, information, people, performance, risk, scope,
               staffing, tools)
from .base import Rule

AREAS = (entry, approval, documents, people, performance, risk, finance, staffing, information, ending, scope, hygiene,
         tools)
RULES: tuple[Rule, ...] = tuple(r for area in AREAS for r in area.RULES)
RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)
RULES_BY_ID = {r.id: r for r in RULES}
assert len(RULE_IDS) == len(RULES_BY_ID), "rule ids must be unique"
