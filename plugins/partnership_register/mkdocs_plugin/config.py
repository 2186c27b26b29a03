"""The plugin's settings in mkdocs.yml (`plugins: - partnership-register: {...}`)."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c


class PartnershipRegisterConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Build the register pages; false leaves the site as plain MkDocs."""

    records_dir = c.Type(str, default="records")
    """Folder of record files (`*.md`, sub-folders too), relative to the folder holding mkdocs.yml."""

    schema = c.Type(str, default="schema/partnership.schema.json")
    """The record JSON Schema, relative to the folder holding mkdocs.yml (the packaged copy if it is absent)."""

    as_of = c.Optional(c.Type((str, dt.date)))
    """Assess the register as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH if set, else today (UTC)."""

    council_name = c.Type(str, default="the council")
    """The council's name as residents know it, used in sentences on every page."""

    accessibility_contact = c.Optional(c.Type(str))
    """Email address for reporting accessibility problems; shown in the accessibility statement (warned if unset)."""

    accessibility_phone = c.Optional(c.Type(str))
    """Telephone number for accessibility requests, shown in the accessibility statement."""

    accessibility_status = c.Choice(("full", "partial", "not"), default="partial")
    """WCAG 2.2 AA compliance status the accessibility statement declares."""

    accessibility_prepared_on = c.Optional(c.Type((str, dt.date)))
    """Date the accessibility statement was prepared (YYYY-MM-DD)."""

    build = c.Choice(("public", "internal"), default="public")
    """public leaves out internal fields and unpublished records; PARTNERSHIP_REGISTER_BUILD overrides it."""

    policy = c.Type(dict, default={})
    """The council's policy: intervals, significance, risk bands, rule overrides (see policy.py)."""

    source_url = c.Optional(c.Type(str))
    """Base address of the repository's files for "View the source" links; default from repo_url and edit_uri."""

    edit_url = c.Optional(c.Type(str))
    """Base address for "Edit this record" links; default from repo_url and edit_uri (docs folder removed)."""

    data_licence = c.Type(dict, default={})
    """Licence of the open data, as {name: ..., url: ...}; default the Open Government Licence v3.0."""

    history = c.Type(bool, default=True)
    """Read each record's last change date from git (one `git log` call); false skips it."""
