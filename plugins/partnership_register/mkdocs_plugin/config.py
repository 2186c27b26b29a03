"""Every setting of a register, in mkdocs.yml under `plugins: - partnership-register:`.

The only definition of a setting: its name, default, type, range and meaning. The site
build and the `partnerships` command both read mkdocs.yml through MkDocs' own config
loading, so `!ENV`, `INHERIT` and validation behave the same everywhere, and a name that
is not a setting is an error in both.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..assess.policy import SIGNIFICANCE_CRITERIA
from ..assess.rules import RULE_IDS
from .options import Bodies, Group, Number, RuleOverrides


class SignificanceConfig(base.Config):
    annual_contribution_over = Number(float, 0, 1e12, default=100_000)
    """The council's money a year above which criterion annual-contribution is met (£)."""

    one_off_contribution_over = Number(float, 0, 1e12, default=500_000)
    """A one-off sum above which criterion one-off-contribution is met (£)."""

    term_over_years = Number(float, 0, 100, default=3)
    """A term (start to proposed end) longer than which criterion long-term is met (years)."""

    criteria = c.ListOfItems(c.Choice(tuple(SIGNIFICANCE_CRITERIA)), default=list(SIGNIFICANCE_CRITERIA))
    """The criteria the council uses."""

    at_least = Number(int, 1, len(SIGNIFICANCE_CRITERIA), default=2)
    """How many criteria make a partnership significant."""


class RiskBandsConfig(base.Config):
    high_from = Number(int, 1, 16, default=8)
    """Risk scores (likelihood × impact) from this are high (004 Appendix 10: 8–16)."""

    medium_from = Number(int, 1, 16, default=4)
    """Scores from this (below high_from) are medium (004 Appendix 10: 4–6; 4 is also listed as low)."""


class PolicyConfig(base.Config):
    review_interval_months = Number(int, 1, 120, default=12)
    """How often each partnership is reviewed (000 §2.6, 001: annually)."""

    audit_interval_months = Number(int, 1, 120, default=12)
    """How often the 003 Annex 1 audit of the partnership arrangements is done (003 §3: "on a periodic basis";
    12 is the product's default, because the audit informs a statement made every year)."""

    due_soon_days = Number(int, 0, 366, default=60)
    """A review or audit due within this many days is shown as due soon."""

    verification_interval_months = Number(int, 1, 120, default=12)
    """How often each record is checked for accuracy (004 §8.9 asks for a live record)."""

    risk_review_interval_months = Number(int, 1, 120, default=12)
    """How often each open risk is reviewed (000 §2.6: in agreed time frames)."""

    approving_bodies = Bodies(default=["Cabinet", "Chief Executive", "Full Council"])
    """Bodies that may approve a significant partnership (001 Significant Partnerships)."""

    significance = Group(SignificanceConfig)
    """When a partnership counts as significant."""

    risk_bands = Group(RiskBandsConfig)
    """Where the risk bands start."""

    rules = RuleOverrides(RULE_IDS)
    """Per gap rule: {enabled: false} or {severity: high|medium|low}."""


class LicenceConfig(base.Config):
    name = c.Type(str, default="Open Government Licence v3.0")
    """The licence of the open data, as residents will read it."""

    url = c.Type(str, default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
    """Where the licence is published."""


class PartnershipRegisterConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Build the register pages; false leaves the site as plain MkDocs."""

    records_dir = c.Type(str, default="records")
    """Folder of record files (`*.md`, sub-folders too), relative to the folder holding mkdocs.yml."""

    schema = c.Optional(c.Type(str))
    """A record JSON Schema of the council's own, relative to mkdocs.yml; default the one this package ships."""

    as_of = c.Optional(c.Type((str, dt.date)))
    """Assess the register as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH if set, else today (UTC)."""

    council_name = c.Type(str, default="the council")
    """The council's name as residents know it, used in sentences on every page."""

    build = c.Choice(("public", "internal"), default="public")
    """public leaves out internal fields and unpublished records; PARTNERSHIP_REGISTER_BUILD overrides it."""

    repository = c.Choice(("private", "public"), default="private")
    """Whether the records repository itself is public; if so, no record may hold withheld data."""

    policy = Group(PolicyConfig)
    """The council's policy: intervals, significance, risk bands, rule overrides."""

    accessibility_contact = c.Optional(c.Type(str))
    """Email address for reporting accessibility problems; shown in the accessibility statement (warned if unset)."""

    accessibility_phone = c.Optional(c.Type(str))
    """Telephone number for accessibility requests, shown in the accessibility statement."""

    accessibility_status = c.Choice(("full", "partial", "not"), default="partial")
    """WCAG 2.2 AA compliance status the accessibility statement declares."""

    accessibility_prepared_on = c.Optional(c.Type((str, dt.date)))
    """Date the accessibility statement was prepared (YYYY-MM-DD)."""

    data_licence = Group(LicenceConfig)
    """Licence of the open data; default the Open Government Licence v3.0."""

    calendar_domain = c.Optional(c.Type(str))
    """Domain for the calendar's event ids; default the host of site_url."""

    source_url = c.Optional(c.Type(str))
    """Base address of the repository's files for "View the source" links; default from repo_url and edit_uri."""

    edit_url = c.Optional(c.Type(str))
    """Base address for "Edit this record" links; default from repo_url and edit_uri (docs folder removed)."""

    repository_facts = c.Type(bool, default=False)
    """Show the repository's stars, forks and release beside repo_url's link: each visitor's browser asks GitHub."""

    history = c.Type(bool, default=True)
    """Read each record's last change date and the recent changes from git; false skips it."""
