"""A clause of the council's protocols, in the protocol's own words, with where to find it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Clause:
    """One clause: how the site names it, its file:line in the protocols, and its words verbatim."""

    ref: str     # "004 §9.13"
    at: str      # "004:284" or "000:132-133": line(s) of the protocol file
    words: str   # the clause's own words, short ("…" marks an elision)
