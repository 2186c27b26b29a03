"""The annual governance statement for the Audit Committee: partnerships reviewed, audits done and due
(003 Annex 1), significant partnerships with high gaps, and what changed in the 12 months to the
assessment date. Every figure is the assessed register's (`AssessedRegister.statement_*` and the lists
beside it); the download has the same rows (`downloads/governance.py`)."""

from __future__ import annotations

from ..downloads import AGS_CSV_PATH, AGS_JSON_PATH
from .site import NavEntry, PageSpec, Site

PAGE = "governance-statement/index.md"
TITLE = "Annual governance statement: partnerships"


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec(PAGE, TITLE, "governance_statement.html",
                     {"downloads": {"csv": AGS_CSV_PATH, "json": AGS_JSON_PATH}},
                     nav=NavEntry("Annual governance statement"))]
