"""A register whose records repository is public may hold nothing the public site withholds.

The public/internal split protects the website only: in a public repository every internal
field, confidential amount and unpublished record is readable by anyone, in its files and
its history. So a register says whether its repository is public (`repository:` in
mkdocs.yml, or PARTNERSHIP_REGISTER_REPOSITORY, which the shipped workflows set from the
GitHub repository's own visibility), and when it is, every place a record holds withheld
data is a located error saying what to do instead.
"""

from __future__ import annotations

import os

from . import withheld
from .problems import Problem
from .yamlsource import field_name

PUBLIC, PRIVATE = "public", "private"
REPOSITORY_ENV = "PARTNERSHIP_REGISTER_REPOSITORY"
KIND = "withheld-in-public-repository"
_HINT = ("make the repository private and publish only the built site, as the README says, or {instead}; "
         "deleting it now still leaves it in the repository's history")
_INSTEAD = {"internal": "keep the value out of the record", "confidential": "keep the amount out of the record",
            "unpublished": "keep the record out of this repository"}
_MESSAGES = {
    "internal": "is an internal field, withheld from the public site, but this repository is public: "
                "anyone can read it here",
    "confidential": "marks this amount commercially confidential, but this repository is public: "
                    "anyone can read the amount here",
    "unpublished": "keeps the whole record off the public site, but this repository is public: "
                   "anyone can read the record here",
}


def visibility(configured: str | None = None, environ=None) -> str:
    """public if mkdocs.yml or PARTNERSHIP_REGISTER_REPOSITORY says so; either can only make it stricter.

    The environment takes GitHub's visibility words too: `public`, or `private`/`internal`.
    """
    environ = os.environ if environ is None else environ
    said = (environ.get(REPOSITORY_ENV) or "").strip().lower()
    if said not in ("", PUBLIC, PRIVATE, "internal"):
        raise ValueError(f"{REPOSITORY_ENV} must be 'public' or 'private', got {said!r}")
    return PUBLIC if PUBLIC in (said, (configured or PRIVATE).strip().lower()) else PRIVATE


def withheld_problems(record, internal_paths) -> list[Problem]:
    """One located error for each place `record` holds data the public site withholds."""
    out = []
    for path, what in withheld.places(record.data, internal_paths):
        line, col = record.positions.of(path)
        out.append(Problem(record.path, line, col, field_name(path), _MESSAGES[what], KIND,
                           _HINT.format(instead=_INSTEAD[what])))
    return out
