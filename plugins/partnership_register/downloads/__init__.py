"""Open-data downloads built from the same assessed register as the site, one module per format.

`artefacts()` returns every download as {path relative to the site root: bytes} (or hands
each to a sink as it is made); the MkDocs plugin writes each into the site folder and
`partnerships export` writes the same bytes to disk. Nothing here imports MkDocs.

Public builds pass the public view's assessment; as a second line of defence a public
export refuses a register that still holds an internal field, confidential money or an
unpublished record. Internal builds say so in every file: `"internal": true` and a notice in
the JSON, the notice in the CSVW title and description, in the XLSX document properties,
About sheet, print header and footer and red sheet tabs, and in the calendar's name and every
event. register.csv itself stays a clean table; its CSVW description carries the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..assess.register import AssessedRegister
from ..load import schema as schema_mod
from ..pipeline import Settings

INTERNAL_NOTICE = "INTERNAL — DO NOT PUBLISH"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

CSV_PATH = "data/register.csv"
CSVW_PATH = "data/register.csv-metadata.json"
XLSX_PATH = "data/register.xlsx"
JSON_PATH = "data/register.json"
RECORD_JSON_DIR = "data/partnerships"
ICS_PATH = "data/reviews.ics"
AGS_CSV_PATH = "data/annual-governance-statement.csv"
AGS_JSON_PATH = "data/annual-governance-statement.json"
SCHEMA_PATH = "schema/partnership.schema.json"
REGISTER_SCHEMA_PATH = "schema/register.schema.json"

FORMATS = ("csv", "csvw", "xlsx", "json", "ics", "governance-statement", "all")
MAIN_PATH = {"csv": CSV_PATH, "csvw": CSVW_PATH, "xlsx": XLSX_PATH, "json": JSON_PATH, "ics": ICS_PATH,
             "governance-statement": AGS_CSV_PATH}


def record_json_path(record_id: str) -> str:
    return f"{RECORD_JSON_DIR}/{record_id}.json"


@dataclass
class Export:
    """What every format needs: the assessed register, the settings, and what they share, worked out once."""

    assessed: AssessedRegister
    settings: Settings

    @property
    def internal(self) -> bool:
        return self.settings.internal

    @property
    def notice(self) -> str | None:
        return INTERNAL_NOTICE if self.internal else None

    @property
    def council(self) -> str:
        return self.settings.council_name

    @property
    def title(self) -> str:
        return f"Register of partnerships: {self.council}"

    @property
    def as_of(self) -> str:
        return self.assessed.as_of.isoformat()

    @cached_property
    def schema(self) -> dict:
        return schema_mod.load_schema(self.settings.schema_path)

    def site_link(self, path: str) -> str:
        """A site path as a link: absolute under site_url when known, else relative to the site root."""
        url = self.settings.site_url
        return urljoin(url.rstrip("/") + "/", path) if url else path

    @property
    def record_url(self) -> str:
        return "partnerships/{id}/" if self.settings.use_directory_urls else "partnerships/{id}.html"

    def record_link(self, record_id: str) -> str:
        return self.site_link(self.record_url.format(id=record_id))

    @property
    def domain(self) -> str:
        if self.settings.calendar_domain:
            return self.settings.calendar_domain
        host = urlsplit(self.settings.site_url).hostname if self.settings.site_url else None
        return host or "partnership-register.invalid"

    @cached_property
    def columns(self):
        from . import table

        return table.columns(self.schema, internal=self.internal)

    @cached_property
    def record_data(self) -> list[dict]:
        """Every record's data in schema order, shared by the table rows and the JSON (ordering is costly)."""
        from . import table

        return [table.ordered(ra.record.data, self.schema) for ra in self.assessed.records]


def _present(data, path: tuple) -> bool:
    if not path:
        return True
    head, rest = path[0], path[1:]
    if head == "*":
        return any(_present(item, rest) for item in data) if isinstance(data, list) else False
    return isinstance(data, dict) and head in data and _present(data[head], rest)


def check_public(assessed: AssessedRegister, schema: dict | None = None) -> None:
    """Refuse to publish anything a public view would have removed (a second line of defence)."""
    paths = schema_mod.internal_paths(schema)
    for ra in assessed.records:
        data = ra.record.data
        found = [".".join(p) for p in paths if _present(data, p)]
        if "publication" in data:
            found.append("publication")
        if any(isinstance(m, dict) and m.get("commercially_confidential") for m in data.get("money") or []):
            found.append("money (commercially confidential)")
        if found:
            raise ValueError(f"public export refused: {ra.record.path} still holds {', '.join(found)}; "
                             "export the public view")


def artefacts(assessed: AssessedRegister, settings: Settings, sink=None) -> dict:
    """Every download as {site-relative path: bytes}. Same input, same bytes.

    With `sink(path, data)`, each file is handed over as soon as it is made, and the result
    holds what the sink returned for it instead of its bytes: a build that writes each
    download where it goes never holds them all (each format's `files` makes one at a time).
    """
    from . import csvfile, governance, ics, jsondata, registerschema, xlsx

    ex = Export(assessed, settings)
    if not ex.internal:
        check_public(assessed, ex.schema)
    out: dict = {}

    def made(path: str, data: bytes) -> None:
        out[path] = data if sink is None else sink(path, data)

    for fmt in (csvfile, xlsx, jsondata, ics, governance):
        for path, data in fmt.files(ex):
            made(path, data)
    made(SCHEMA_PATH, Path(settings.schema_path).read_bytes())
    made(REGISTER_SCHEMA_PATH, registerschema.dumps(ex.schema.get("x-schema-version")))
    return dict(sorted(out.items()))


def paths_for(fmt: str, produced: dict[str, bytes]) -> list[str]:
    """The artefacts one `--format` writes."""
    if fmt == "all":
        return list(produced)
    if fmt == "csvw":
        return [CSV_PATH, CSVW_PATH]
    if fmt == "governance-statement":
        return [AGS_CSV_PATH, AGS_JSON_PATH]
    if fmt == "json":
        return [p for p in produced if p == JSON_PATH or p.startswith(RECORD_JSON_DIR + "/")
                or p in (SCHEMA_PATH, REGISTER_SCHEMA_PATH)]
    return [MAIN_PATH[fmt]]
