"""Config option types MkDocs does not have: bounded numbers, strict groups, rule overrides."""

from __future__ import annotations

import difflib

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..assess.policy import SEVERITIES


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
    """A group of settings in which a name that is not a setting is an error, not a warning."""

    def __init__(self, config_class: type[base.Config]):
        super().__init__(config_class)
        self.config_class = config_class  # SubConfig sets it only for its own exact class

    def run_validation(self, value):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(f"must be a group of settings (name: value lines), got {value!r}")
        allowed = {k for k, _ in self.config_class._schema}
        for key in value:
            if key not in allowed:
                raise ValidationError(unknown_name(key, allowed))
        return super().run_validation(value)


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
