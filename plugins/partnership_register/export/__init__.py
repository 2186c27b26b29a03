"""Open-data downloads built from the same loaded, viewed and assessed register as the site.

`artefacts()` returns every download as {path relative to the site root: bytes}; the
MkDocs plugin adds each with `File.generated(config, path, content=data)` and
`partnerships export` writes the same bytes to disk. Nothing here imports MkDocs.

Public builds pass the public view (`publication.view(records, "public")`) and its
assessment; as a second line of defence `artefacts(..., mode="public")` refuses an
assessment that still holds an internal field, confidential money or an unpublished
record. Internal builds say so in every artefact: `"internal": true` and a notice in the
JSON, the notice in the CSVW title and description, in the XLSX document properties, About
sheet, print header and footer and red sheet tabs, and in the calendar's name and every
event. register.csv itself stays a clean table (same name, same columns as ever) — its
CSVW description carries the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import schema as schema_mod
from ..assess import Assessment
from ..publication import INTERNAL, PUBLIC
from . import csvfile, ics, jsondata, table, xlsx

INTERNAL_NOTICE = "INTERNAL — DO NOT PUBLISH"
OGL_NAME = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

CSV_PATH = "data/register.csv"
CSVW_PATH = "data/register.csv-metadata.json"
XLSX_PATH = "data/register.xlsx"
JSON_PATH = "data/register.json"
RECORD_JSON_DIR = "data/partnerships"
ICS_PATH = "data/reviews.ics"
SCHEMA_PATH = "schema/partnership.schema.json"
REGISTER_SCHEMA_PATH = "schema/register.schema.json"

REGISTER_SCHEMA_FILE = schema_mod.DEFAULT_SCHEMA.with_name("register.schema.json")
PACKAGED_REGISTER_SCHEMA = schema_mod.PACKAGED_SCHEMA.with_name("register.schema.json")

FORMATS = ("csv", "csvw", "xlsx", "json", "ics", "all")
MAIN_PATH = {"csv": CSV_PATH, "csvw": CSVW_PATH, "xlsx": XLSX_PATH, "json": JSON_PATH, "ics": ICS_PATH}


@dataclass(frozen=True)
class ExportSettings:
    """What the downloads need besides the records: who publishes them, where, under what licence."""

    council_name: str | None = None            # default: the policy's council name
    site_url: str | None = None                # mkdocs.yml site_url; makes links and the calendar's URLs absolute
    licence_name: str = OGL_NAME
    licence_url: str = OGL_URL
    record_url: str = "partnerships/{id}/"     # a record's page, relative to the site root
    calendar_domain: str | None = None         # for event UIDs; default: the site_url host
    schema_path: str | None = None             # the partnership schema to publish (default: schema.default_schema_path())

    @classmethod
    def from_config(cls, block: dict | None, site_url: str | None = None, base: Path | None = None,
                    use_directory_urls: bool = True) -> "ExportSettings":
        """From the plugin block of mkdocs.yml (council_name, schema, data_licence: {name, url}) and site_url.

        `base` is the folder holding mkdocs.yml. Record pages are `partnerships/<id>.md` on
        the site, so their URL is `partnerships/<id>/`, or `partnerships/<id>.html` without
        directory URLs.
        """
        block = block or {}
        licence = block.get("data_licence") or {}
        if isinstance(licence, str):
            licence = {"name": licence}
        return cls(council_name=block.get("council_name"), site_url=site_url or None,
                   licence_name=licence.get("name", OGL_NAME), licence_url=licence.get("url", OGL_URL),
                   record_url="partnerships/{id}/" if use_directory_urls else "partnerships/{id}.html",
                   calendar_domain=block.get("calendar_domain"), schema_path=resolve_schema(block, base))

    def site_link(self, path: str) -> str:
        """A site path as a link: absolute under site_url when known, else relative to the site root."""
        return urljoin(self.site_url.rstrip("/") + "/", path) if self.site_url else path

    def record_link(self, record_id: str) -> str:
        return self.site_link(self.record_url.format(id=record_id))

    @property
    def domain(self) -> str:
        if self.calendar_domain:
            return self.calendar_domain
        host = urlsplit(self.site_url).hostname if self.site_url else None
        return host or "partnership-register.invalid"


def resolve_schema(block: dict | None, base: Path | None) -> str | None:
    """The schema file the plugin uses: `schema` (default schema/partnership.schema.json) under `base`
    when that file exists, else None (the packaged default), exactly as the plugin resolves it."""
    rel = (block or {}).get("schema") or "schema/partnership.schema.json"
    if base is None:
        return None
    path = Path(base) / rel
    return str(path) if path.is_file() else None


def record_json_path(record_id: str) -> str:
    return f"{RECORD_JSON_DIR}/{record_id}.json"


def register_schema_file() -> Path:
    return REGISTER_SCHEMA_FILE if REGISTER_SCHEMA_FILE.exists() else PACKAGED_REGISTER_SCHEMA


def _present(data, path: tuple) -> bool:
    if not path:
        return True
    head, rest = path[0], path[1:]
    if head == "*":
        return any(_present(item, rest) for item in data) if isinstance(data, list) else False
    return isinstance(data, dict) and head in data and _present(data[head], rest)


def check_public(assessment: Assessment, schema: dict | None = None) -> None:
    """Refuse to publish anything a public view would have removed (a second line of defence)."""
    paths = schema_mod.internal_paths(schema)
    for ra in assessment.records:
        data = ra.record.data
        found = [".".join(p) for p in paths if _present(data, p)]
        if "publication" in data:
            found.append("publication")
        if any(isinstance(m, dict) and m.get("commercially_confidential") for m in data.get("money") or []):
            found.append("money (commercially confidential)")
        if found:
            raise ValueError(f"public export refused: {ra.record.path} still holds {', '.join(found)}; "
                             "export the public view (publication.view(records, 'public'))")


def artefacts(assessment: Assessment, settings: ExportSettings | None = None, mode: str = PUBLIC) -> dict[str, bytes]:
    """Every download as {site-relative path: bytes}. Same input, same bytes."""
    if mode not in (PUBLIC, INTERNAL):
        raise ValueError(f"mode must be {PUBLIC!r} or {INTERNAL!r}, got {mode!r}")
    settings = settings or ExportSettings()
    schema_file = Path(settings.schema_path) if settings.schema_path else schema_mod.default_schema_path()
    schema_bytes = schema_file.read_bytes()
    schema = schema_mod.load_schema(str(schema_file))
    internal = mode == INTERNAL
    if not internal:
        check_public(assessment, schema)
    notice = INTERNAL_NOTICE if internal else None
    council = settings.council_name or assessment.policy.council_name
    as_of = assessment.as_of.isoformat()
    title = f"Register of partnerships: {council}"

    cols = table.columns(schema, internal=internal)
    data = table.record_data(assessment, schema)
    rows = table.rows(assessment, cols, data)
    out: dict[str, bytes] = {}
    out[CSV_PATH] = csvfile.csv_bytes(cols, rows)
    lead = f"{notice}: this file includes internal and unpublished information. " if notice else ""
    description = (f"{lead}The register of partnerships of {council}: one row per partnership, with the values "
                   f"the register computes as of {as_of}. Licence: {settings.licence_name}.")
    about_url = settings.site_link(settings.record_url) if settings.site_url else None
    out[CSVW_PATH] = csvfile.csvw_bytes(cols, title=f"{title} ({notice})" if notice else title,
                                        description=description, publisher=council,
                                        licence_url=settings.licence_url, modified=as_of, about_url=about_url)
    about = [("Title", title), ("Publisher", council), ("Assessed as of", as_of),
             ("Licence", settings.licence_name), ("Licence URL", settings.licence_url),
             ("Record schema", settings.site_link(SCHEMA_PATH)), ("Column encoding", csvfile.ENCODING_NOTE)]
    out[XLSX_PATH] = xlsx.xlsx_bytes(cols, rows, assessment, title=title, publisher=council, about=about,
                                     internal_notice=notice)

    header = {
        "title": title,
        "publisher": council,
        "schema_version": schema.get("x-schema-version"),
        "schema": settings.site_link(SCHEMA_PATH),
        "register_schema": settings.site_link(REGISTER_SCHEMA_PATH),
        "assessed_as_of": as_of,
        "licence": {"name": settings.licence_name, "url": settings.licence_url},
        "internal": internal,
    }
    if notice:
        header["notice"] = f"{notice}: includes internal fields, confidential amounts and unpublished records."
    urls = {ra.id: settings.record_link(ra.id) for ra in assessment.records}
    entries = [jsondata.entry(ra, urls[ra.id], d) for ra, d in zip(assessment.records, data)]
    out[JSON_PATH] = jsondata.dumps(jsondata.register_document(assessment, header, entries))
    for ra, item in zip(assessment.records, entries):
        out[record_json_path(ra.id)] = jsondata.dumps(jsondata.record_document(header, item))

    ics_urls = {ra.id: settings.record_link(ra.id) if settings.site_url else None for ra in assessment.records}
    out[ICS_PATH] = ics.ics_bytes(assessment, domain=settings.domain, calendar_name=f"Partnership reviews: {council}",
                                  record_urls=ics_urls, internal_notice=notice)
    out[SCHEMA_PATH] = schema_bytes
    out[REGISTER_SCHEMA_PATH] = register_schema_file().read_bytes()
    return dict(sorted(out.items()))


def paths_for(fmt: str, produced: dict[str, bytes]) -> list[str]:
    """The artefacts one `--format` writes."""
    if fmt == "all":
        return list(produced)
    if fmt == "csvw":
        return [CSV_PATH, CSVW_PATH]
    if fmt == "json":
        return [p for p in produced if p == JSON_PATH or p.startswith(RECORD_JSON_DIR + "/")
                or p in (SCHEMA_PATH, REGISTER_SCHEMA_PATH)]
    return [MAIN_PATH[fmt]]


__all__ = ["ExportSettings", "artefacts", "check_public", "paths_for", "FORMATS", "MAIN_PATH", "INTERNAL_NOTICE",
           "CSV_PATH", "CSVW_PATH", "XLSX_PATH", "JSON_PATH", "ICS_PATH", "SCHEMA_PATH", "REGISTER_SCHEMA_PATH",
           "RECORD_JSON_DIR", "record_json_path"]
