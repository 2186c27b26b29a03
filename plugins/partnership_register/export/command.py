"""`partnerships export`: write the site's downloads to disk, byte for byte as the site has them."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from .. import pipeline, publication
from ..policy import PolicyError, _LenientLoader, assessment_date, policy_from_dict, settings_from_mkdocs_yml
from . import FORMATS, MAIN_PATH, ExportSettings, artefacts, paths_for, resolve_schema


def site_options(config_file: Path) -> tuple[str | None, bool]:
    """site_url and use_directory_urls from mkdocs.yml (they shape the links in the downloads)."""
    if not config_file.exists():
        return None, True
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise PolicyError(f"{config_file}: cannot be read as YAML: {exc}") from exc
    return config.get("site_url") or None, config.get("use_directory_urls", True) is not False


def build(config_file: Path, *, as_of=None, internal: bool = False, records=None):
    """(artefacts, run) for the register mkdocs.yml describes, exactly as the site build makes them."""
    settings = settings_from_mkdocs_yml(config_file)
    base = config_file.resolve().parent if config_file.exists() else Path.cwd()
    policy = policy_from_dict(settings.policy, settings.council_name)
    paths = list(records) if records else [base / settings.records_dir]
    schema_path = resolve_schema(settings.raw, base)
    if settings.schema and schema_path is None:
        raise PolicyError(f"schema {settings.schema!r} not found (looked in {base})")
    mode = publication.INTERNAL if internal else publication.PUBLIC
    run = pipeline.run(paths, policy=policy, as_of=assessment_date(as_of or settings.as_of), mode=mode,
                       schema_path=schema_path, root=base)
    site_url, directory_urls = site_options(config_file)
    export_settings = ExportSettings.from_config(settings.raw, site_url, base, directory_urls)
    return artefacts(run.assessment, export_settings, mode), run


def write(produced: dict[str, bytes], fmt: str, output: Path | None) -> list[Path]:
    """Write one format's files. A folder gets the site's layout (data/…, schema/…); a file gets the main one."""
    wanted = paths_for(fmt, produced)
    if output is None:
        output = Path("export") if fmt == "all" else Path(Path(MAIN_PATH[fmt]).name)
    to_folder = fmt == "all" or output.is_dir() or str(output).endswith(("/", "\\"))
    written = []
    if to_folder:
        for rel in wanted:
            target = output / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(produced[rel])
            written.append(target)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(produced[MAIN_PATH[fmt]])
        written.append(output)
    return written


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="all", show_default=True,
              help="csv, csvw (the CSV and its description), xlsx, json (with one file per partnership and the "
                   "schemas), ics, or all.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="A file for one format's main file, '-' for standard output, or a folder (which gets the "
                   "site's layout: data/…, schema/…). Default: register.<ext> here, or the folder export/ for all.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
              show_default=True, help="mkdocs.yml with the partnership-register plugin settings.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Assess as of this date (default: as_of in mkdocs.yml, else SOURCE_DATE_EPOCH, else today).")
@click.option("--internal", is_flag=True,
              help="Export the internal view: internal fields, confidential money and unpublished records. "
                   "Every file says INTERNAL — DO NOT PUBLISH.")
def export_command(fmt: str, output: Path | None, config_file: Path, as_of, internal: bool) -> None:
    """Write the open-data downloads: the same bytes the site publishes for the same assessment date.

    Public by default. Records with problems cannot be exported: the command lists how
    many and exits 1 (run `partnerships check`).
    """
    try:
        produced, run = build(config_file, as_of=as_of.date() if as_of else None, internal=internal)
    except (PolicyError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    problems = run.register.problems
    if problems:
        files = len({p.path for p in problems})
        click.echo(f"{files} record file(s) have {len(problems)} problem(s); nothing was exported. "
                   "Run `partnerships check` to see them.", err=True)
        sys.exit(1)
    if output is not None and str(output) == "-":
        if fmt == "all":
            raise click.UsageError("--format all writes many files; give a folder with -o")
        click.echo(produced[MAIN_PATH[fmt]], nl=False)
        return
    for path in write(produced, fmt, output):
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)", err=True)
    if internal:
        click.echo("INTERNAL — DO NOT PUBLISH: these files hold internal and unpublished information.", err=True)
