"""load → view → assess, once, for the CLI and the MkDocs plugin alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import publication
from .assess import Assessment, assess_register
from .loader import Record, Register, load_register
from .policy import Policy, SiteSettings, assessment_date, policy_from_dict, settings_from_mkdocs_yml
from .rules import RULE_IDS


@dataclass
class Run:
    """One pass over a register: what was read, what may be shown, and its assessment."""

    register: Register
    view: list[Record]
    assessment: Assessment
    policy: Policy
    as_of: dt.date
    mode: str


def run(records_paths, *, policy: Policy, as_of: dt.date, mode: str = publication.PUBLIC,
        schema_path: str | None = None, root: Path | None = None) -> Run:
    register = load_register(records_paths, root=root, schema_path=schema_path, known_rules=set(RULE_IDS))
    view = publication.view(register.valid_records(), mode)
    return Run(register, view, assess_register(view, as_of, policy), policy, as_of, mode)


def run_from_config(config_file: str | Path = "mkdocs.yml", *, records=None, as_of=None,
                    mode: str | None = None) -> Run:
    """The CLI's entry: the same settings the plugin reads from mkdocs.yml."""
    settings: SiteSettings = settings_from_mkdocs_yml(config_file)
    base = Path(config_file).resolve().parent if Path(config_file).exists() else Path.cwd()
    policy = policy_from_dict(settings.policy, settings.council_name)
    paths = list(records) if records else [base / settings.records_dir]
    schema_path = str(base / settings.schema) if settings.schema else None
    return run(paths, policy=policy, as_of=assessment_date(as_of or settings.as_of),
               mode=publication.build_mode(mode or settings.raw.get("build")), schema_path=schema_path)
