"""Every setting of a register, in mkdocs.yml under `plugins: - partnership-register:`.

The only definition of a setting: its name, default, type, range, meaning and origin. The site
build and the `partnerships` command both read mkdocs.yml through MkDocs' own config
loading, so `!ENV`, `INHERIT` and validation behave the same everywhere, and a name that
is not a setting is an error in both.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..assess.policy import APPROVAL_MODES, MONEY_COUNTED, REMOVED_SIGNIFICANCE, RISK_SECTIONS
from ..assess.rules import RULE_IDS
from .options import BandMonths, Bodies, Date, Group, Number, RuleOverrides, product, protocol

# Each policy setting says where its default comes from: protocol(...) quotes the clause that states
# the number or choice; product(...) marks a default the product chose where the protocols are silent
# or vague (quoting what they do say). The Gap rules page and register.json show both.


class SignificanceConfig(base.Config):
    annual_contribution_over = product(Number(float, 0, 1e12, default=100_000), "001 Significant Partnerships",
                                       "001:59", "material in terms of the amount of money involved … in line with "
                                       "the Financial Regulations", note="set yours from your Financial Regulations")
    """Money involved a year (£) above which a partnership is significant by 001's money test."""

    one_off_contribution_over = product(Number(float, 0, 1e12, default=500_000), "001 Significant Partnerships",
                                        "001:59", "material in terms of the amount of money involved … in line "
                                        "with the Financial Regulations", note="set yours from your Financial "
                                        "Regulations")
    """A one-off sum (£) above which a partnership is significant by 001's money test."""

    money_counted = product(c.Choice(tuple(MONEY_COUNTED), default="council"), "001 Significant Partnerships",
                            "001:59", "the amount of money involved")
    """Whose money the test counts: council (money) or partnership (money and partners' contributions)."""


REMOVED = {name: (f"policy.significance.{name} is no longer used: 001 makes money or service delivery enough on its "
                  "own (001:59); set annual_contribution_over / one_off_contribution_over")
           for name in REMOVED_SIGNIFICANCE}


class RiskBandsConfig(base.Config):
    high_from = protocol(Number(int, 1, 16, default=8), "004 Appendix 10", "004:826", "8 – 16 High Risk")
    """Risk scores (likelihood × impact) from this are high."""

    medium_from = protocol(Number(int, 1, 16, default=4), "004 Appendix 10", "004:827-828",
                           "4 – 6 Medium Risk … 1 – 4 Low Risk", note="004 lists 4 in both bands; the product takes "
                           "4 as medium, the more cautious reading")
    """Scores from this (below high_from) are medium; lower scores are low."""


class GovernanceStatementConfig(base.Config):
    period_end = product(c.Optional(Date()))
    """The last day of the 12 months the annual governance statement covers (e.g. the financial year end,
    2026-03-31); default the assessment date."""


class PolicyConfig(base.Config):
    review_interval_months = protocol(Number(int, 1, 120, default=12), "000 §2.6", "000:134",
                                      "formally reviewed and evaluated annually")
    """How often each partnership is reviewed."""

    agreement_review_interval_months = protocol(Number(int, 1, 120, default=12), "004 §7.5", "004:180",
                                                "The Partnership Agreement should be reviewed at least annually")
    """How often the partnership agreement is reviewed."""

    action_plan_interval_months = protocol(Number(int, 1, 120, default=12), "000 §2.6", "000:140",
                                           "Agreed action plans are reviewed and refreshed annually by all partners.")
    """How often the action plan is refreshed."""

    audit_interval_months = product(Number(int, 1, 120, default=12), "003 §3", "003:101",
                                    "The council will undertake an audit of the partnership arrangements on a "
                                    "periodic basis", note="12 because the audit informs a statement made every year")
    """How often the 003 Annex 1 audit of the partnership arrangements is done."""

    due_soon_days = product(Number(int, 0, 366, default=60))
    """A review or audit due within this many days is shown as due soon."""

    verification_interval_months = product(Number(int, 1, 120, default=12), "004 §8.9", "004:221",
                                           "comprehensive live record")
    """How often each record is checked for accuracy."""

    risk_review_interval_months = product(BandMonths(1, 120, default=12), "001 Risk Management 3", "001:161",
                                          "Routinely (depending on the partnership governance cycle and level of "
                                          "risk exposure) each Risk Owner should review and update their risks.")
    """How often each open risk is reviewed: months, or one per band ({high: 3, medium: 6, low: 12})."""

    interests_redeclare_months = product(c.Optional(Number(int, 1, 120, default=None)), "000 §2.13", "000:245-246",
                                         "will need to consider any personal or prejudicial interest")
    """How old a representative's declaration of interests may be before it is due again; empty for no limit."""

    risk_register_sections = protocol(c.ListOfItems(c.Choice(tuple(RISK_SECTIONS)), default=list(RISK_SECTIONS)),
                                      "001 Risk Management 2", "001:155",
                                      "For each risk identified, complete all sections of the register:")
    """The sections of the risk register every open risk must have."""

    approving_bodies = protocol(Bodies(default=["Cabinet", "Chief Executive"]), "001 Significant Partnerships",
                                "001:61", "The Cabinet and/or the Chief Executive, in accordance with standing "
                                "orders, are responsible for approving the Council's participation in all "
                                "significant partnerships")
    """Bodies that may approve a significant partnership (directly or under their delegation)."""

    every_partnership_approval = protocol(c.Choice(tuple(APPROVAL_MODES), default="director-or-executive"),
                                          "004 §6.4", "004:167", "agreed in principle with the appropriate "
                                          "Director(s) / Chief Officer(s) or by the Executive",
                                          note="head-of-service-and-director follows 003:99")
    """Whose approval every partnership needs: director-or-executive, head-of-service-and-director, or any."""

    significance = Group(SignificanceConfig, removed=REMOVED)
    """When a partnership counts as significant (001 Significant Partnerships)."""

    risk_bands = Group(RiskBandsConfig)
    """Where the risk bands start."""

    governance_statement = Group(GovernanceStatementConfig)
    """The period of the annual governance statement."""

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
    """Whether the records repository itself is public; if so, no record may hold withheld data.
    PARTNERSHIP_REGISTER_REPOSITORY=public (the shipped workflows set it from GitHub) makes it public too."""

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
