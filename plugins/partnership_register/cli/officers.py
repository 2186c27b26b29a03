"""Officers' commands: `partnerships init` (a new council's register), `partnerships new` (one
record, by flags or prompts) and `partnerships import`.

Thin click wrappers over `officers/init.py`, `officers/new.py` and `importer`; every choice
offered comes from the schema.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..mkdocs_plugin.settings import SettingsError, load_settings
from ..officers import importer
from ..officers import init as init_mod
from ..officers import new as nr

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SchemaChoice(click.Choice):
    """A click.Choice over a schema enum that also takes 'Joint Committee' or the number in the list."""

    def __init__(self, choices, synonyms: dict | None = None):
        super().__init__(list(choices), case_sensitive=False)
        self.synonyms = synonyms or {}

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip().isdigit() and 0 < int(value) <= len(self.choices):
            return self.choices[int(value) - 1]
        matched = nr.match_choice(value, self.choices, self.synonyms)
        return matched if matched is not None else super().convert(value, param, ctx)


class ChoiceList(click.ParamType):
    """Several values of a SchemaChoice, separated by commas (for prompts)."""

    name = "values"

    def __init__(self, choice: SchemaChoice):
        self.choice = choice

    def convert(self, value, param, ctx):
        if isinstance(value, (list, tuple)):
            return list(value)
        parts = [p for p in re.split(r"[,;]|\s+and\s+", str(value)) if p.strip()]
        if not parts:
            self.fail("give at least one value", param, ctx)
        return list(dict.fromkeys(self.choice.convert(p.strip(), param, ctx) for p in parts))


def _schema_choice(path: str, schema_path=None) -> SchemaChoice:
    return SchemaChoice(nr.enum_values(nr.load_schema(schema_path), path))


def _show_choices(title: str, path: str, schema: dict) -> None:
    click.echo(f"\n{title}:")
    meanings = nr.enum_descriptions(schema, path)
    for i, value in enumerate(nr.enum_values(schema, path), 1):
        meaning = meanings.get(value, "")
        click.echo(f"  {i:>2}. {value}" + (f" - {meaning}" if meaning else ""))


def _optional(text: str) -> str:
    return click.prompt(text, default="", show_default=False).strip()


class _LazyChoice(click.ParamType):
    """Resolves the schema's enum only when the command runs (so `--schema` and help stay cheap)."""

    def __init__(self, path: str):
        self.path = path
        self.name = path

    def convert(self, value, param, ctx):
        schema_path = ctx.params.get("schema_path") if ctx else None
        return _schema_choice(self.path, schema_path).convert(value, param, ctx)

    def get_metavar(self, param, ctx=None):
        return "[" + "|".join(nr.enum_values(nr.load_schema(), self.path)) + "]"


@click.command("new")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, is_eager=True, help="The JSON Schema records follow (default: the register's).")
@click.option("--name", help="The partnership's full name, as residents would know it.")
@click.option("--type", "ptype", type=_LazyChoice("type"), help="The type of partnership.")
@click.option("--council-role", "roles", type=_LazyChoice("council_role"), multiple=True,
              help="What the council does in it; repeat for each role.")
@click.option("--directorate", help="The council directorate responsible.")
@click.option("--sponsoring-officer", help="Name of the sponsoring officer (usually a Head of Service).")
@click.option("--lead-organisation", help="The partner organisation that leads, if not the council.")
@click.option("--lead-sector", type=_LazyChoice("partners[].sector"),
              help="The lead organisation's sector (guessed from its name when left out).")
@click.option("--registered-by", help="Your name, as the officer registering the partnership.")
@click.option("--status", type=_LazyChoice("status"), default="proposed", show_default=True,
              help="Where the partnership is in its life.")
@click.option("--id", "record_id", help="The record id (default: made from the name).")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=Path("records"),
              show_default=True, help="The records folder (a directorate sub-folder is used if there is one).")
@click.option("--no-input", is_flag=True, help="Never prompt, even in a terminal.")
def new(schema_path, name, ptype, roles, directorate, sponsoring_officer, lead_organisation, lead_sector,
        registered_by, status, record_id, folder, no_input):
    """Create a new partnership record file, ready to fill in.

    Give the details as options, or run it in a terminal and answer the questions.
    The file holds only what you gave, plus commented guidance for every other section;
    what is still missing is listed on the register as governance gaps.
    """
    schema = nr.load_schema(schema_path)
    interactive = not no_input and sys.stdin.isatty()
    if not interactive:
        missing = [flag for flag, value in (("--name", name), ("--type", ptype), ("--council-role", roles))
                   if not value]
        if missing:
            raise click.UsageError(f"{', '.join(missing)} needed (or run it in a terminal to be asked)")
    else:
        if not name:
            name = click.prompt("Name of the partnership").strip()
        if not ptype:
            _show_choices("Types of partnership", "type", schema)
            ptype = click.prompt("Type (name or number)", type=_schema_choice("type", schema_path),
                                 show_choices=False)
        if not roles:
            _show_choices("The council's role", "council_role", schema)
            roles = click.prompt("Council's role (one or more, separated by commas)",
                                 type=ChoiceList(_schema_choice("council_role", schema_path)))
        if directorate is None:
            directorate = _optional("Directorate (Enter to skip)")
        if sponsoring_officer is None:
            sponsoring_officer = _optional("Sponsoring officer's name (Enter to skip)")
        if lead_organisation is None and "lead" not in roles:
            lead_organisation = _optional("Organisation leading the partnership (Enter to skip)")
        if lead_organisation and not lead_sector:
            _show_choices("Sectors", "partners[].sector", schema)
            lead_sector = click.prompt(f"Sector of {lead_organisation}", type=_schema_choice("partners[].sector", schema_path),
                                       default=importer.default_mapping().guess_sector(lead_organisation), show_choices=False)
        if registered_by is None:
            registered_by = _optional("Your name, as the officer registering it (Enter to skip)")
    roles = list(roles)
    if not name or not name.strip():
        raise click.UsageError("the partnership needs a name")
    if lead_organisation and "lead" in roles:
        raise click.UsageError(f"the council's role includes lead, so {lead_organisation!r} cannot also lead; "
                               "drop --lead-organisation or the lead role")
    if lead_organisation and not lead_sector:
        lead_sector = importer.default_mapping().guess_sector(lead_organisation)
    if lead_organisation and not lead_sector:
        raise click.UsageError(f"give --lead-sector for {lead_organisation!r}: one of "
                               + ", ".join(nr.enum_values(schema, "partners[].sector")))
    rid = record_id or nr.slugify(name)
    if not ID_PATTERN.match(rid or ""):
        raise click.UsageError(f"{rid!r} cannot be a record id: use lowercase letters, digits and single hyphens"
                               if rid else "the name has no letters or digits to make an id from; give --id")
    taken = nr.existing_ids(folder)
    if rid in taken:
        click.echo(f"error: the id {rid!r} is already used by {taken[rid].as_posix()}; "
                   "choose another with --id, or edit that record", err=True)
        sys.exit(1)
    data = nr.new_record_data(name=name, type=ptype, council_role=roles, status=status, record_id=rid,
                              directorate=directorate, sponsoring_officer=sponsoring_officer,
                              lead_organisation=lead_organisation, lead_sector=lead_sector,
                              registered_by=registered_by)
    text = nr.render_new_record(data, schema)
    target = nr.record_folder(folder, directorate) / f"{rid}.md"
    shown = target.as_posix()
    problems = nr.check_record_text(text, shown, str(schema_path) if schema_path else None)
    if problems:  # e.g. --status closed without a closed date: say why, and write nothing
        for p in problems:
            click.echo(p.text(), err=True)
        click.echo("error: the new record would not be valid, so nothing was written", err=True)
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        click.echo(f"error: {shown} already exists", err=True)
        sys.exit(1)
    click.echo(f"Created {shown}")
    click.echo("It is a valid record. Open it to fill in the commented sections; until they are filled in,\n"
               "the register lists them as governance gaps (see `partnerships gaps`).")


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE.csv|FILE.xlsx")
@click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A YAML file of your own column headings and words (added to the built-in mapping).")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=Path("records"),
              show_default=True, help="The records folder (a directorate sub-folder is used if there is one).")
@click.option("--sheet", help="The worksheet to read from an .xlsx file (default: the active one).")
@click.option("--update", is_flag=True, help="Update records already on the register instead of skipping them.")
@click.option("--drafts", is_flag=True,
              help="Write records with values that could not be used as drafts (status proposed) until they are fixed.")
@click.option("--dry-run", is_flag=True, help="Report what would happen, and write nothing.")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="The JSON Schema records follow (default: the register's).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
              show_default=True, help="mkdocs.yml naming the council (council_name): that name is the council itself.")
def import_records(source, mapping_path, folder, sheet, update, drafts, dry_run, schema_path, config_file):
    """Turn a spreadsheet register (CSV or Excel) into records, one per partnership.

    A council's own register, the registration form and audit template (as columns, or filled
    in down a sheet, one sheet per partnership) and the register's own downloads are understood
    without a mapping: headings are matched by their words. Every row that names a partnership
    becomes a valid record; what the sheet does not say is recorded as not yet known (type and
    council's role not classified) and shows as a governance gap, and what could not be used is
    listed by row and column, and at the top of the record. Title, section and footnote rows
    are reported, not imported. A CSV may be UTF-8, UTF-16 (Excel's Unicode Text) or
    Windows-1252, separated by commas, semicolons or tabs. Exits 0 when every partnership was
    written, 1 when any row was skipped (no name, already on the register), 2 on a usage error
    or a file that cannot be read.
    """
    try:
        report = importer.import_register(source, folder, mapping_path, update=update, drafts=drafts,
                                          dry_run=dry_run, sheet=sheet, schema_path=schema_path,
                                          council_names=_council_names(config_file))
    except (importer.MappingError, importer.UnreadableFile) as exc:
        raise click.UsageError(str(exc)) from exc
    for line in report.lines():
        click.echo(line)
    example = init_mod.example_left(folder)
    if example is not None and not dry_run:
        click.echo(f"note: {example.as_posix()} is the example record `partnerships init` wrote; delete it, "
                   "or it is published and counted with the council's own partnerships")
    sys.exit(1 if report.skipped else 0)


def _council_names(config_file: Path) -> list[str]:
    """The council's own name from mkdocs.yml, if it can be read: the import does not need the rest."""
    if not config_file.exists():
        return []
    try:
        return [load_settings(config_file).council_name]
    except (SettingsError, ValueError) as exc:
        click.echo(f"note: {config_file} cannot be read ({exc}); a partner named as the council "
                   "will be kept as a partner", err=True)
        return []


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--council-name", help="The council's name as residents know it, e.g. 'Northshire District Council'.")
@click.option("--accessibility-contact", help="Email address for reporting accessibility problems with the site.")
@click.option("--site-url", help="Where the site will be published, e.g. https://register.example.gov.uk/ (optional).")
@click.option("--repository-url", help="The records repository's web address, for 'Edit this record' links (optional).")
@click.option("--no-input", is_flag=True, help="Never prompt, even in a terminal.")
def init(directory, council_name, accessibility_contact, site_url, repository_url, no_input):
    """Start a new council register in DIRECTORY (created if missing).

    Writes mkdocs.yml with the council's settings, docs/ with a home and an about page,
    records/ with one example record, requirements.txt pinning this version of the package,
    the pull-request check and publish workflows, a pre-commit hook, .gitignore and a README
    for the council's officers. Give the details as options, or run it in a terminal and
    answer the questions. Never overwrites a file: if any is there already, writes nothing.
    """
    interactive = not no_input and sys.stdin.isatty()
    if interactive:
        if not council_name:
            council_name = click.prompt("The council's name, as residents know it").strip()
        if not accessibility_contact:
            accessibility_contact = click.prompt("Email address for reporting accessibility problems").strip()
        if site_url is None:
            site_url = _optional("Web address the site will be published at (Enter to skip)")
        if repository_url is None:
            repository_url = _optional("Web address of the records repository, for edit links (Enter to skip)")
    missing = [flag for flag, value in (("--council-name", council_name),
                                        ("--accessibility-contact", accessibility_contact)) if not value]
    if missing:
        raise click.UsageError(f"{', '.join(missing)} needed (or run it in a terminal to be asked)")
    try:
        planned = init_mod.files(init_mod.Council(council_name, accessibility_contact, site_url, repository_url))
        written = init_mod.write(directory, planned)
    except init_mod.InitError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Created a register for {council_name.strip()} in {directory.as_posix()}:")
    for rel in sorted(written):
        click.echo(f"  {rel}")
    click.echo("\nNext: read README.md there. In short: cd into it, make a virtual environment,\n"
               "`pip install -r requirements.txt`, then `partnerships check` and `mkdocs serve`.")
