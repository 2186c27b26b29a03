"""Config option types MkDocs does not have: bounded numbers, strict groups, rule overrides, origins."""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import inspect
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..assess.clauses import Clause
from ..assess.policy import BANDS, SEVERITIES


@dataclass(frozen=True)
class Origin:
    """Where a setting's default comes from: a number or choice a protocol states, or the product's choice."""

    source: str                 # "protocol" or "product"
    clause: Clause | None       # protocol: the clause that states it; product: what the protocol does say
    note: str = ""


def protocol(option, ref: str, at: str, words: str, note: str = ""):
    """`option`, marked as taking its default from the protocol clause quoted."""
    option.origin = Origin("protocol", Clause(ref, at, words), note)
    return option


def product(option, ref: str | None = None, at: str | None = None, words: str | None = None, note: str = ""):
    """`option`, marked as a default set by the product (quoting what the protocol says, if anything)."""
    option.origin = Origin("product", Clause(ref, at, words) if ref else None, note)
    return option


@lru_cache(maxsize=None)
def option_docs(config_class: type) -> dict[str, str]:
    """{option name: the docstring written under it} from the class's source: the one place they are written."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(config_class)))
    body = tree.body[0].body
    out = {}
    for stmt, nxt in zip(body, body[1:]):
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)):
            out[stmt.targets[0].id] = " ".join(nxt.value.value.split())
    return out


def unknown_name(key: str, allowed) -> str:
    """'unknown setting 'x' (did you mean 'y'?)', or the list of allowed names."""
    close = difflib.get_close_matches(str(key), list(allowed), n=1)
    return (f"unknown setting {key!r}" + (f" (did you mean {close[0]!r}?)" if close else
                                          f"; allowed: {', '.join(sorted(allowed))}"))


class Number(c.Type):
    """A number (or a whole number) within a range; true/false is not a number."""

    def __init__(self, kind: type, low, high, default):
        super().__init__((int, float) if kind is float else int, default=default)
        self.kind, self.low, self.high = kind, low, high

    def run_validation(self, value):
        if isinstance(value, bool):
            raise ValidationError(f"must be {'a whole number' if self.kind is int else 'a number'}, got {value!r}")
        value = super().run_validation(value)
        if not self.low <= value <= self.high:
            raise ValidationError(f"must be from {self.low:,} to {self.high:,}, got {value!r}")
        return self.kind(value)


class Group(c.SubConfig):
    """A group of settings in which a name that is not a setting is an error, not a warning.

    `removed` maps names that were settings once to the message that says what replaced them.
    """

    def __init__(self, config_class: type[base.Config], removed: dict[str, str] | None = None):
        super().__init__(config_class)
        self.config_class = config_class  # SubConfig sets it only for its own exact class
        self.removed = dict(removed or {})

    def run_validation(self, value):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(f"must be a group of settings (name: value lines), got {value!r}")
        allowed = {k for k, _ in self.config_class._schema}
        for key in value:
            if key in self.removed:
                raise ValidationError(self.removed[key])
            if key not in allowed:
                raise ValidationError(unknown_name(key, allowed))
        return super().run_validation(value)


class BandMonths(c.BaseConfigOption):
    """Months for every risk band: one whole number, or {high: n, medium: n, low: n} (a band left out keeps the default)."""

    def __init__(self, low: int, high: int, default: int):
        super().__init__()
        self.low, self.high, self.band_default = low, high, default
        self.default = default

    def run_validation(self, value):
        if isinstance(value, dict):
            unknown = [k for k in value if k not in BANDS]
            if unknown:
                raise ValidationError(unknown_name(unknown[0], BANDS))
            out = {b: self._months(value.get(b, self.band_default), b) for b in BANDS}
            return out if len(set(out.values())) > 1 else out["high"]
        return self._months(value, None)

    def _months(self, value, band):
        where = f"{band}: " if band else ""
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{where}must be a whole number of months, or one per band "
                                  f"({{high: 3, medium: 6, low: 12}}), got {value!r}")
        if not self.low <= value <= self.high:
            raise ValidationError(f"{where}must be from {self.low} to {self.high}, got {value!r}")
        return value


class Date(c.BaseConfigOption):
    """A date written YYYY-MM-DD (YAML may already have made it a date)."""

    def run_validation(self, value):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationError(f"must be a date written YYYY-MM-DD, got {value!r}") from exc


class RuleConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """False switches the rule off for this council."""

    severity = c.Optional(c.Choice(SEVERITIES))
    """high, medium or low instead of the rule's default severity."""


class RuleOverrides(c.BaseConfigOption):
    """{rule id: {enabled: …, severity: …}} (or {rule id: false}); every id must be a rule in the catalogue."""

    def __init__(self, rule_ids):
        super().__init__()
        self.default = {}
        self.rule_ids = tuple(rule_ids)

    def run_validation(self, value):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValidationError("must map rule ids to settings, e.g. {no-exit-strategy: {severity: high}}")
        out = {}
        for rule_id, setting in value.items():
            if rule_id not in self.rule_ids:
                close = difflib.get_close_matches(str(rule_id), self.rule_ids, n=1)
                raise ValidationError(f"unknown rule id {rule_id!r}"
                                      + (f" (did you mean {close[0]!r}?)" if close else
                                         "; see the Gap rules page for rule ids"))
            if isinstance(setting, bool):
                setting = {"enabled": setting}
            try:
                out[rule_id] = Group(RuleConfig).run_validation(setting)
            except ValidationError as exc:
                raise ValidationError(f"{rule_id}: {exc}") from exc
        return out


class Bodies(c.ListOfItems):
    """A list of names (one name alone is taken as a list of one)."""

    def __init__(self, default):
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value):
        if isinstance(value, str):
            value = [value]
        out = super().run_validation(value)
        if not out or not all(item.strip() for item in out):
            raise ValidationError("must be a list of body names, e.g. [Cabinet]")
        return out
