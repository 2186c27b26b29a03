"""The gap rule catalogue: one rule per governance requirement in the council protocols.

Each rule is plain data (id, title, default severity, who it applies to, what it means for
residents, what the officer should do, the protocol clauses in their own words, its basis and
the settings it reads) declared right above its check, a small function that receives the
record's `Facts` (see `facts.py`) and returns None when the requirement is met, or a `Finding`
with the specific detail. Policy (mkdocs.yml) can switch a rule off, change its severity or
change a setting it reads; it never changes the code here. REFUSALS lists what the register
declines to check, and why.
"""

from .base import ALL, CLOSED, ENDING, LIVE, NOT_CLOSED, PROPOSED, Finding, Refusal, Rule
from .catalogue import RULE_IDS, RULES, RULES_BY_ID
from .refusals import REFUSALS

__all__ = ["ALL", "CLOSED", "ENDING", "LIVE", "NOT_CLOSED", "PROPOSED", "Finding", "REFUSALS", "RULES", "RULE_IDS",
           "RULES_BY_ID", "Refusal", "Rule"]
