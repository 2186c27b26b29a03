"""The pipeline, once, for the site, every command and the tests: load → public view → assess.

`Settings` is everything the core needs to know about a register; the MkDocs adapter
makes it from mkdocs.yml (`mkdocs_plugin/settings.py`), for the plugin and the CLI alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .assess import publication
from .assess.policy import Policy
from .assess.register import AssessedRegister, assess_register
from .assess.rules import RULE_IDS
from .load.loader import Record, Register, load_register


@dataclass(frozen=True)
class Settings:
    """A register's settings as the core reads them (defined, with defaults, in mkdocs_plugin/config.py)."""

    root: Path                       # the folder holding mkdocs.yml; record paths are shown relative to it
    records_dir: Path
    schema_path: str
    as_of: dt.date
    policy: Policy
    mode: str = publication.PUBLIC   # public or internal
    repository: str = "private"      # is the records repository itself public?
    site_name: str = "Partnership Register"
    council_name: str = "the council"
    site_url: str | None = None      # mkdocs.yml site_url, for absolute links in downloads and feeds
    use_directory_urls: bool = True
    licence_name: str = "Open Government Licence v3.0"
    licence_url: str = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    calendar_domain: str | None = None
    accessibility_contact: str | None = None
    accessibility_phone: str | None = None
    accessibility_status: str = "partial"
    accessibility_prepared_on: dt.date | None = None
    source_url: str | None = None    # base for "view the source" links, ending in /
    edit_url: str | None = None      # base for "edit this record" links, ending in /
    read_history: bool = True
    serve: bool = False

    @property
    def internal(self) -> bool:
        return self.mode == publication.INTERNAL

    @property
    def public_repository(self) -> bool:
        """Anyone can read the records repository: no record may hold withheld data (load/repository.py)."""
        return self.repository == "public"


@dataclass
class Run:
    """One pass over a register: what was read, what may be shown, and its assessment."""

    settings: Settings
    register: Register            # every file read, valid or not, with its problems
    view: list[Record]            # what this build may show
    assessed: AssessedRegister

    @property
    def problems(self):
        return self.register.problems


def run(settings: Settings, records=None) -> Run:
    """Read, view and assess the register `settings` describes (or just the files `records`)."""
    paths = list(records) if records else [settings.records_dir]
    register = load_register(paths, root=settings.root, schema_path=settings.schema_path,
                             known_rules=set(RULE_IDS), boundary=settings.root,
                             public_repository=settings.public_repository)
    view = publication.view(register.valid_records(), settings.mode)
    return Run(settings, register, view, assess_register(view, settings.as_of, settings.policy))
