"""From mkdocs.yml to the core's `Settings`: one conversion, used by the plugin and the CLI.

The CLI loads mkdocs.yml with `mkdocs.config.load_config`, exactly as `mkdocs build`
does, then takes the plugin's validated config from it; so `!ENV`, `INHERIT`, defaults
and errors are the same for `partnerships check` and for the site.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import posixpath
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, MkDocsException

from ..assess import publication
from ..assess.policy import (BANDS, GovernanceStatementPolicy, Policy, PolicyError, RiskBands, RiskReviewIntervals,
                              RuleOverride, SettingInfo, SignificancePolicy, assessment_date)
from ..load import repository
from ..load.schema import default_schema_path
from ..pipeline import Settings
from .config import PartnershipRegisterConfig, PolicyConfig
from .options import Group, RuleOverrides, option_docs, unknown_name

PLUGIN = "partnership-register"


class SettingsError(ValueError):
    """mkdocs.yml cannot be used: the message says which setting and why."""


def policy_from_config(policy_config, council_name: str) -> Policy:
    """The core's Policy from the validated `policy:` group (same names, no defaults of its own)."""
    sig, bands, gs = policy_config.significance, policy_config.risk_bands, policy_config.governance_statement
    if bands.medium_from > bands.high_from:
        raise PolicyError(f"policy.risk_bands: medium_from ({bands.medium_from}) must not be above high_from "
                          f"({bands.high_from})")
    months = policy_config.risk_review_interval_months
    by_band = months if isinstance(months, dict) else dict.fromkeys(BANDS, months)
    plain = {f.name: policy_config[f.name] for f in dataclasses.fields(Policy) if f.name in policy_config}
    plain.update(
        council_name=council_name,
        risk_review_interval_months=RiskReviewIntervals(**by_band),
        risk_register_sections=tuple(policy_config.risk_register_sections),
        approving_bodies=tuple(policy_config.approving_bodies),
        significance=SignificancePolicy(**{f.name: sig[f.name] for f in dataclasses.fields(SignificancePolicy)}),
        risk_bands=RiskBands(bands.high_from, bands.medium_from),
        governance_statement=GovernanceStatementPolicy(gs.period_end),
        rules={rule: RuleOverride(o.enabled, o.severity) for rule, o in policy_config.rules.items()},
        settings=tuple(policy_settings(policy_config)),
    )
    return Policy(**plain)


def policy_settings(policy_config, config_class=PolicyConfig, prefix: str = ""):
    """Every setting of the `policy:` group as plain data: name, value, default, origin and meaning."""
    docs = option_docs(config_class)
    for name, option in config_class._schema:
        if isinstance(option, RuleOverrides):
            continue  # per-rule settings are shown with each rule
        if isinstance(option, Group):
            yield from policy_settings(policy_config[name], option.config_class, f"{prefix}{name}.")
            continue
        origin = option.origin  # every setting declares one in config.py
        yield SettingInfo(f"{prefix}{name}", _plain(policy_config[name]), _plain(option.default), origin.source,
                          docs.get(name, ""), origin.clause, origin.note)


def _plain(value):
    """Settings as JSON-ready data: dates as YYYY-MM-DD, lists as lists."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def settings_from_config(plugin_config, config, *, serve: bool = False, root: Path | None = None) -> Settings:
    """The core's Settings from the plugin's validated config and MkDocs' own (site_url, repo_url …)."""
    root = Path(root or (Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()))
    records_dir = (root / plugin_config.records_dir).resolve()
    if plugin_config.schema:
        schema_path = root / plugin_config.schema
        if not schema_path.is_file():
            raise SettingsError(f"schema {plugin_config.schema!r} not found (looked for {schema_path})")
    else:
        schema_path = default_schema_path()
    contact = plugin_config.accessibility_contact
    if contact is not None and ("@" not in contact or " " in contact.strip() or contact.startswith("@")):
        raise SettingsError(f"accessibility_contact must be an email address, got {contact!r}")
    try:
        policy = policy_from_config(plugin_config.policy, plugin_config.council_name)
        as_of = assessment_date(plugin_config.as_of)
        prepared = (assessment_date(plugin_config.accessibility_prepared_on)
                    if plugin_config.accessibility_prepared_on else None)
        mode = publication.build_mode(plugin_config.build)
        visibility = repository.visibility(plugin_config.repository)
    except (PolicyError, ValueError) as exc:
        raise SettingsError(str(exc)) from exc
    source_url, edit_url = repository_links(config, root)
    return Settings(
        root=root, records_dir=records_dir, schema_path=str(schema_path), as_of=as_of, policy=policy, mode=mode,
        repository=visibility, site_name=config.site_name, council_name=plugin_config.council_name,
        site_url=config.site_url or None, use_directory_urls=config.use_directory_urls,
        licence_name=plugin_config.data_licence.name, licence_url=plugin_config.data_licence.url,
        calendar_domain=plugin_config.calendar_domain, accessibility_contact=contact,
        accessibility_phone=plugin_config.accessibility_phone, accessibility_status=plugin_config.accessibility_status,
        accessibility_prepared_on=prepared, source_url=_with_slash(plugin_config.source_url) or source_url,
        edit_url=_with_slash(plugin_config.edit_url) or edit_url, read_history=plugin_config.history, serve=serve)


def load_settings(config_file: str | Path = "mkdocs.yml", **changes) -> Settings:
    """The Settings of the register mkdocs.yml describes, as the site build would make them.

    Without mkdocs.yml (e.g. `partnerships check` in a folder of records), every setting
    takes its default. `changes` replace core settings given on the command line (as_of,
    mode, repository); None leaves a setting as configured. A setting that cannot be used
    is a SettingsError naming it.
    """
    path = Path(config_file)
    if path.exists():
        config = _load_mkdocs_yml(path)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise SettingsError(f"{path}: the {PLUGIN} plugin is not in its plugins list")
        settings = settings_from_config(plugin.config, config)
    else:
        settings = settings_from_options({}, root=Path.cwd())
    return dataclasses.replace(settings, **{k: v for k, v in changes.items() if v is not None})


def settings_from_options(options: dict | None = None, *, root: Path | str = ".", **site) -> Settings:
    """Settings from plugin options as they would stand in mkdocs.yml, validated the same way.

    For tools and tests with no mkdocs.yml: `site` gives MkDocs' own settings (site_url,
    site_name, use_directory_urls …). A bad option is a SettingsError naming it.
    """
    plugin_config = PartnershipRegisterConfig()
    plugin_config.load_dict(dict(options or {}))
    errors, warnings = plugin_config.validate()
    allowed = {key for key, _ in plugin_config._schema}
    errors += [(key, unknown_name(key, allowed)) for key, message in warnings
               if message.startswith("Unrecognised configuration name")]
    if errors:
        raise SettingsError("; ".join(f"{key}: {error}" for key, error in errors))
    bare = _Bare()
    for key, value in site.items():
        setattr(bare, key, value)
    return settings_from_config(plugin_config, bare, root=Path(root).resolve())


class _Bare:
    """MkDocs' settings a register reads, when there is no mkdocs.yml."""

    config_file_path = None
    site_name = "Partnership Register"
    site_url = None
    use_directory_urls = True
    repo_url = None
    edit_uri = None
    docs_dir = "docs"


def _load_mkdocs_yml(path: Path):
    """mkdocs.yml loaded and validated by MkDocs; its errors (logged by MkDocs) gathered into one SettingsError."""
    logger = logging.getLogger("mkdocs")
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        return load_config(config_file=str(path))
    except (ConfigurationError, MkDocsException) as exc:  # MkDocs logs each error, then aborts
        said = [line.strip() for line in buffer.getvalue().splitlines() if line.strip()]
        raise SettingsError("\n".join(said or [f"{path}: {exc}"])) from exc
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc}") from exc
    finally:
        logger.removeHandler(handler)


def repository_links(config, root: Path) -> tuple[str | None, str | None]:
    """(source base, edit base) for record files, from repo_url and edit_uri with the docs folder taken off."""
    repo_url, edit_uri = config.repo_url, config.edit_uri
    if not repo_url or not edit_uri:
        return None, None
    base = edit_uri if "://" in edit_uri else posixpath.join(repo_url.rstrip("/") + "/", edit_uri.lstrip("/"))
    base = _with_slash(base)
    try:
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    except ValueError:
        docs = ""
    if docs and base.endswith(f"/{docs}/"):
        base = base[: -len(docs) - 1]
    source = base.replace("/edit/", "/blob/", 1)
    return source, base


def _with_slash(url: str | None) -> str | None:
    return (url if url.endswith("/") else url + "/") if url else None
