"""The `partnerships` command: one group, a sub-command per job, all over the same core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .loader import load_register
from .pipeline import run_from_config
from .policy import PolicyError, settings_from_mkdocs_yml
from .rules import RULE_IDS
from .problems import summary, to_json

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="partnerships")
def main() -> None:
    """Partnership Register: check, assess and export a council's register of partnerships.

    Records are Markdown files with YAML front-matter in records/ (see the field
    reference page on the site, or schema/partnership.schema.json).
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for tools, github for pull-request annotations.")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="The JSON Schema to validate against (default: schema/partnership.schema.json).")
def check(paths: tuple[Path, ...], fmt: str, schema_path: Path | None) -> None:
    """Validate records and print every problem with its file, line and field.

    PATHS are record files or folders (default: the records folder mkdocs.yml names, or
    records/). References to other records are checked against that whole folder, so a
    pre-commit hook can pass just the changed files.

    Exits 0 if all are valid, 1 on any problem, 2 on a usage error.
    """
    try:
        settings = settings_from_mkdocs_yml("mkdocs.yml")
    except PolicyError as exc:
        raise click.UsageError(str(exc)) from exc
    folder = Path(settings.records_dir)
    if not paths:
        if not folder.is_dir():
            raise click.UsageError(f"no {folder}/ folder here; give the record files or folders to check")
        paths = (folder,)
    if schema_path is None and settings.schema and Path(settings.schema).is_file():
        schema_path = Path(settings.schema)
    register = load_register(paths, schema_path=str(schema_path) if schema_path else None,
                             known_rules=set(RULE_IDS), context=(folder,) if folder.is_dir() else ())
    problems = register.problems
    if fmt == "json":
        click.echo(to_json(problems, register.files_checked))
    elif fmt == "github":
        for p in problems:
            click.echo(p.github())
        click.echo(summary(problems, register.files_checked))
    else:
        for p in problems:
            click.echo(p.text())
        if problems:
            click.echo("")
        click.echo(summary(problems, register.files_checked))
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text",
              show_default=True, help="text for people, json/csv for tools, markdown for a CI job summary.")
@click.option("--fail-on", type=click.Choice(["high", "medium", "low"]), default=None,
              help="Exit 1 if any open (unacknowledged) gap at or above this severity exists.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
              show_default=True, help="mkdocs.yml holding the council policy (plugin partnership-register).")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Assess as of this date (default: as_of in mkdocs.yml, else SOURCE_DATE_EPOCH, else today).")
@click.option("--internal", is_flag=True, help="Assess the internal view (unpublished records included).")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def gaps(fmt: str, fail_on: str | None, config_file: Path, as_of, internal: bool, paths: tuple[Path, ...]) -> None:
    """List governance gaps: where partnerships fall short of the council's protocol.

    Gaps never fail the command by default (publishing them is the point); use
    --fail-on to make a pull-request check as strict as the council wants. Records
    that are invalid cannot be assessed: they are reported and the exit code is 1.
    """
    from . import gapreport

    try:
        result = run_from_config(config_file, records=paths or None, as_of=as_of.date() if as_of else None,
                                 mode="internal" if internal else None)
    except (PolicyError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(gapreport.render(result.assessment, fmt), nl=False)
    problems = result.register.problems
    if problems:
        click.echo(f"{len({p.path for p in problems})} invalid record(s) were not assessed; "
                   "run `partnerships check` to see why.", err=True)
    failing = result.assessment.open_gaps_at_or_above(fail_on) if fail_on else []
    if failing:
        click.echo(f"{len(failing)} open gap(s) at or above {fail_on} severity.", err=True)
    sys.exit(1 if problems or failing else 0)


from .commands_officers import import_records, new  # noqa: E402  (officers' commands)
main.add_command(new)
main.add_command(import_records)
from .export.command import export_command  # noqa: E402  (open-data downloads)
main.add_command(export_command)

if __name__ == "__main__":  # pragma: no cover
    main()
