"""What every rule module shares: the rule's data, its finding, the statuses it applies to, and small helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ...text import article, long_date
from ..clauses import Clause

LIVE = ("active", "under-review", "exiting")
NOT_CLOSED = ("proposed",) + LIVE
PROPOSED = ("proposed",)
ENDING = ("exiting", "closed")
CLOSED = ("closed",)
ALL = NOT_CLOSED + CLOSED
RUNNING = ("active", "under-review")  # live, and not acting on a decision to leave


@dataclass(frozen=True)
class Finding:
    detail: str
    since: dt.date | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str            # default: high | medium | low
    statuses: tuple
    applies_to: str          # in words, for the site
    explanation: str         # what it means, for a resident
    action: str              # what the officer should do
    clauses: tuple           # Clause, in the protocol's own words
    check: Callable          # Facts -> Finding | None
    basis: str = "protocol"  # "protocol", or "hygiene": an inference to keep records consistent, no clause requires it
    settings: tuple = ()     # dotted policy names the check reads

    @property
    def sources(self) -> tuple[str, ...]:
        """The clauses' names, each once, in order ("004 §7.6", "004 Appendix 3")."""
        return tuple(dict.fromkeys(c.ref for c in self.clauses))


@dataclass(frozen=True)
class Refusal:
    """A requirement (part of a Table 2 row) the register declines to check, and why."""

    row: str                 # REQUIREMENTS.md Table 2 row(s), or "tool (003)"
    clause: Clause
    reason: str


def registry(rules: list):
    """A decorator that declares a rule right above its check: `@rule("id", "Title", ...)`."""
    def rule(id, title, severity, statuses, applies_to, explanation, action, clauses, basis="protocol", settings=()):
        def declare(check):
            rules.append(Rule(id, title, severity, statuses, applies_to, explanation, action, tuple(clauses), check,
                              basis, tuple(settings)))
            return check
        return declare
    return rule


def C(ref: str, at: str, words: str) -> Clause:
    return Clause(ref, at, words)


# --- helpers the checks share ---------------------------------------------------------------------

def doc(f, key) -> dict:
    value = (f.data.get("documents") or {}).get(key)
    return value if isinstance(value, dict) else {}


def doc_state(f, key) -> str | None:
    return doc(f, key).get("state")


def in_place(f, key) -> bool:
    return doc_state(f, key) == "in-place"


def missing_doc(f, key, label, allow_not_applicable=True, prefix="") -> Finding | None:
    """None when the document is in place (or not applicable, if that is allowed), else what is wrong."""
    state = doc_state(f, key)
    if state == "in-place" or (allow_not_applicable and state == "not-applicable"):
        return None
    if state == "not-in-place":
        return Finding(f"{prefix}The record says the {label} is not in place.")
    if state == "not-applicable":
        reason = str(doc(f, key).get("reason", ""))
        return Finding(f"{prefix}The record marks the {label} as not applicable ({reason.rstrip('.')}), but the "
                       "protocol expects every partnership in this position to have one.")
    return Finding(f"{prefix}The record does not say whether there is {article(label)} {label}.")


def group(f, *path) -> dict:
    """The group of fields at `path` ({} when missing)."""
    node = f.data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def given(value) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def words_or(items) -> str:
    """'a', 'a or b', 'a, b or c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def words_and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def on(day) -> str:
    return long_date(day)


def representatives(f) -> list[dict]:
    return [r for r in f.data.get("representatives") or [] if isinstance(r, dict)]


def norm(text) -> str:
    """A name as compared with a name in the policy: case and spacing ignored, a leading 'the' dropped."""
    words = " ".join(str(text or "").casefold().split())
    return words[4:] if words.startswith("the ") else words
