"""The `partnerships` command: one group, a sub-command per job, all over the same core.

Every command reads the register's settings from mkdocs.yml through MkDocs' own config
loading (`mkdocs_plugin/settings.py`), exactly as the site build does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..assess.rules import RULE_IDS
from ..load.loader import load_register
from ..load.problems import summary, to_json
from ..mkdocs_plugin.settings import SettingsError, load_settings

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
@click.option("--public-repository", is_flag=True,
              help="The records repository is public: refuse every internal field, confidential amount and "
                   "unpublished record (as `repository: public` in mkdocs.yml does).")
def check(paths: tuple[Path, ...], fmt: str, schema_path: Path | None, public_repository: bool) -> None:
    """Validate records and print every problem with its file, line and field.

    PATHS are record files or folders (default: the records folder mkdocs.yml names, or
    records/). References to other records are checked against that whole folder, so a
    pre-commit hook can pass just the changed files. A problem never quotes the value of a
    field the public site withholds.

    Exits 0 if all are valid, 1 on any problem, 2 on a usage error.
    """
    config = Path("mkdocs.yml")
    settings = _settings(config)
    folder = settings.records_dir
    if not paths:
        if not folder.is_dir():
            shown = folder.relative_to(Path.cwd()) if folder.is_relative_to(Path.cwd()) else folder
            raise click.UsageError(f"no {shown.as_posix()}/ folder here; give the record files or folders to check")
        paths = (folder,)
    schema = str(schema_path) if schema_path else settings.schema_path
    register = load_register(paths, root=Path.cwd(), schema_path=schema, known_rules=set(RULE_IDS),
                             context=(folder,) if folder.is_dir() else (),
                             boundary=settings.root if config.exists() else None,
                             public_repository=public_repository or settings.public_repository)
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
    from .. import pipeline
    from ..downloads import gapreport

    settings = _settings(config_file, as_of=as_of.date() if as_of else None, mode="internal" if internal else None)
    result = pipeline.run(settings, records=paths or None)
    click.echo(gapreport.render(result.assessed, fmt), nl=False)
    problems = result.problems
    if problems:
        click.echo(f"{len({p.path for p in problems})} invalid record(s) were not assessed; "
                   "run `partnerships check` to see why.", err=True)
    failing = result.assessed.open_gaps_at_or_above(fail_on) if fail_on else []
    if failing:
        click.echo(f"{len(failing)} open gap(s) at or above {fail_on} severity.", err=True)
    sys.exit(1 if problems or failing else 0)


def _settings(config_file: Path, **changes):
    """The register's settings, or a usage error naming the setting that cannot be used."""
    try:
        return load_settings(config_file, **changes)
    except (SettingsError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc


from .export import export_command  # noqa: E402  (each command in its module; they use _settings)
from .officers import import_records, init, new  # noqa: E402

main.add_command(init)
main.add_command(new)
main.add_command(import_records)
main.add_command(export_command)

if __name__ == "__main__":  # pragma: no cover
    main()
