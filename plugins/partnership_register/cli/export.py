"""`partnerships export`: write the site's downloads to disk, byte for byte as the site has them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import pipeline
from ..downloads import FORMATS, MAIN_PATH, artefacts, paths_for


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
                   "schemas), ics, governance-statement (the annual governance statement as CSV and JSON), or all.")
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
    from . import _settings

    settings = _settings(config_file, as_of=as_of.date() if as_of else None, mode="internal" if internal else None)
    run = pipeline.run(settings)
    problems = run.problems
    if problems:
        files = len({p.path for p in problems})
        click.echo(f"{files} record file(s) have {len(problems)} problem(s); nothing was exported. "
                   "Run `partnerships check` to see them.", err=True)
        sys.exit(1)
    if output is not None and str(output) == "-":
        if fmt == "all":
            raise click.UsageError("--format all writes many files; give a folder with -o")
        click.echo(artefacts(run.assessed, settings)[MAIN_PATH[fmt]], nl=False)
        return
    produced = artefacts(run.assessed, settings)
    for path in write(produced, fmt, output):
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)", err=True)
    if internal:
        click.echo("INTERNAL — DO NOT PUBLISH: these files hold internal and unpublished information.", err=True)
