"""The `partnerships` command: one group, a sub-command per job, all over the same core."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .loader import load_register
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

    PATHS are record files or folders (default: records/). Exits 0 when every record
    is valid, 1 when any record has a problem, 2 on a usage error.
    """
    if not paths:
        if not Path("records").is_dir():
            raise click.UsageError("no records/ folder here; give the record files or folders to check")
        paths = (Path("records"),)
    register = load_register(paths, schema_path=str(schema_path) if schema_path else None,
                             known_rules=_known_rules())
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


def _known_rules() -> set[str] | None:
    """Rule ids acknowledgements may name (None until the rule catalogue is loaded)."""
    try:
        from .rules import RULE_IDS
    except ImportError:
        return None
    return set(RULE_IDS)


if __name__ == "__main__":  # pragma: no cover
    main()
