"""The Data page: every download with its format, size and description, the licence, the
column dictionary (read back from the CSVW metadata, so the page and the file never
disagree), how to validate the files, and the downloads described as a schema.org Dataset
(JSON-LD) for search engines and data catalogues."""

from __future__ import annotations

import json
import posixpath
import re

from ..downloads import (AGS_CSV_PATH, AGS_JSON_PATH, CSV_PATH, CSVW_PATH, ICS_PATH, INTERNAL_NOTICE, JSON_PATH,
                         OGL_URL, RECORD_JSON_DIR, REGISTER_SCHEMA_PATH, SCHEMA_PATH, XLSX_PATH, Export,
                         record_json_path)
from ..downloads.ics import review_events
from ..downloads.jsondata import dumps
from .site import ExtraFile, NavEntry, PageSpec, Site, relative_url

PAGE = "data/index.md"

DOWNLOADS = (
    (CSV_PATH, "CSV", "text/csv",
     "The register as a table: one row per partnership, one column per field, then the computed columns. "
     "UTF-8 (with the byte-order mark Excel needs to show £ correctly), comma-separated, with a header row. "
     "LibreOffice asks how to read it: choose Character set: Unicode (UTF-8)."),
    (CSVW_PATH, "CSVW metadata (JSON)", "application/csvm+json",
     "Describes every column of register.csv (name, title, meaning, type) in the W3C CSV on the Web format, "
     "so the CSV explains itself and can be validated."),
    (XLSX_PATH, "Excel workbook (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "The same table as a spreadsheet, with sheets listing every governance gap and every risk, and an About "
     "sheet with the column dictionary."),
    (JSON_PATH, "JSON", "application/json",
     "Every published field of every partnership, with the computed values: governance gaps, risk scores and "
     "bands, health rating, next review."),
    (ICS_PATH, "iCalendar", "text/calendar",
     "Review dates, audit dates (003 Annex 1) and proposed end dates as a calendar you can subscribe to. "
     "Overdue reviews and audits stay on their due date, marked OVERDUE."),
    (AGS_CSV_PATH, "CSV", "text/csv",
     "The annual governance statement for the Audit Committee: one row per headline figure and per entry of "
     "each list (reviews, audits done and due, significant partnerships with high gaps, changes in the 12 "
     "months to the assessment date). UTF-8 with the byte-order mark, like register.csv."),
    (AGS_JSON_PATH, "JSON", "application/json",
     "The annual governance statement's figures and lists as structured data."),
)
SCHEMAS = (
    (SCHEMA_PATH, "JSON Schema", "application/schema+json",
     "What a partnership record may hold: every field, its meaning and allowed values. The record part of the "
     "JSON downloads is valid against it."),
    (REGISTER_SCHEMA_PATH, "JSON Schema", "application/schema+json",
     "The shape of register.json and of each partnership's JSON file."),
)


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _item(path: str, fmt: str, media: str, description: str, produced: dict[str, bytes]) -> dict:
    return {"url": path, "name": posixpath.basename(path), "format": fmt, "media_type": media,
            "size": len(produced[path]), "size_text": size_text(len(produced[path])), "description": description}


def _alternatives(regex: str) -> list[str]:
    """The allowed values when a format is a plain list of alternatives (a|b|c), else []."""
    parts = regex.split("|")
    if not regex or not all(re.fullmatch(r"(?:[A-Za-z0-9_ ]|\\.)+", p) for p in parts):
        return []
    return [re.sub(r"\\(.)", r"\1", p) for p in parts]


def column_dictionary(csvw_metadata: bytes) -> list[dict]:
    """The columns as the CSVW file states them."""
    meta = json.loads(csvw_metadata)
    out = []
    for col in meta["tableSchema"]["columns"]:
        datatype = col.get("datatype")
        base = datatype.get("base", "string") if isinstance(datatype, dict) else datatype
        allowed = _alternatives(datatype.get("format", "")) if isinstance(datatype, dict) else []
        out.append({"name": col["name"], "title": col.get("titles"), "description": col.get("dc:description", ""),
                    "datatype": base, "separator": col.get("separator"), "required": bool(col.get("required")),
                    "computed": col["name"].startswith("computed."), "allowed": allowed})
    return out


def dataset(site: Site) -> dict:
    """The downloads as a schema.org Dataset: name, description, publisher, licence, date and each file.

    Links are absolute under site_url when it is set, else relative to the Data page.
    """
    s, ex = site.settings, Export(site.assessed, site.settings)
    page_url = site.url_of(PAGE)

    def link(path: str) -> str:
        return ex.site_link(path) if s.site_url else relative_url(path, page_url)

    out = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{ex.title} ({ex.notice})" if ex.notice else ex.title,
        "description": (f"Every partnership {s.council_name} is in: its partners, the council's role, money and "
                        "officer time, risks, reviews and the governance gaps against the council's partnership "
                        f"protocols, as assessed on {ex.as_of}."),
        "publisher": {"@type": "GovernmentOrganization", "name": s.council_name},
        "license": {"@type": "CreativeWork", "name": s.licence_name, "url": s.licence_url},
        "isAccessibleForFree": True,
        "inLanguage": "en-GB",
        "dateModified": ex.as_of,
        "distribution": [{"@type": "DataDownload", "name": posixpath.basename(path), "description": description,
                          "encodingFormat": media, "contentUrl": link(path),
                          "contentSize": size_text(len(site.downloads[path]))}
                         for path, _, media, description in DOWNLOADS],
    }
    if s.site_url:
        out["url"] = link(page_url)
    return out


def context(site: Site) -> dict:
    produced, a, s = site.downloads, site.assessed, site.settings
    records = [{"id": ra.id, "name": ra.name, "url": record_json_path(ra.id),
                "size_text": size_text(len(produced[record_json_path(ra.id)]))} for ra in a.records]
    events = review_events(a)
    return {
        "notice": INTERNAL_NOTICE if s.internal else None,
        "record_count": len(a.records),
        "schema_version": json.loads(produced[SCHEMA_PATH]).get("x-schema-version", ""),
        "licence": {"name": s.licence_name, "url": s.licence_url, "ogl": s.licence_url == OGL_URL},
        "downloads": [_item(p, f, m, d, produced) for p, f, m, d in DOWNLOADS],
        "schemas": [_item(p, f, m, d, produced) for p, f, m, d in SCHEMAS],
        "record_files": {"dir": RECORD_JSON_DIR, "records": records},
        "calendar": {"reviews": sum(1 for e in events if e["kind"] == "review"),
                     "overdue": sum(1 for e in events if e["kind"] == "review" and e["overdue"]),
                     "audits": sum(1 for e in events if e["kind"] == "audit"),
                     "audits_overdue": sum(1 for e in events if e["kind"] == "audit" and e["overdue"]),
                     "ends": sum(1 for e in events if e["kind"] == "end")},
        "columns": column_dictionary(produced[CSVW_PATH]),
        "dataset_jsonld": dumps(dataset(site)).decode("utf-8").strip(),
        "paths": {"csv": CSV_PATH, "csvw": CSVW_PATH, "json": JSON_PATH, "schema": SCHEMA_PATH,
                  "register_schema": REGISTER_SCHEMA_PATH, "xlsx": XLSX_PATH, "ics": ICS_PATH},
    }


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec(PAGE, "Data and downloads", "data.html", {"data_page": context(site)},
                     nav=NavEntry("Data and downloads"))]


def files(site: Site) -> list[ExtraFile]:
    return [ExtraFile(path, content) for path, content in site.downloads.items()]
