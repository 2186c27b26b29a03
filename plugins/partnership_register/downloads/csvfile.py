"""register.csv and its W3C CSVW description, register.csv-metadata.json."""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager

from .jsondata import dumps
from . import CSV_PATH, CSVW_PATH, Export, table
from .table import LIST_SEPARATOR, Column, cell_text

CSVW_DATATYPES = {"string", "date", "decimal", "integer", "boolean", "anyURI", "json"}

ENCODING_NOTE = (
    "Columns are named by the field's path in the record schema, nested fields joined with dots "
    "(sponsoring_officer.name, documents.exit_strategy.state). A list of plain values is one cell, items "
    f"joined with '{LIST_SEPARATOR}'. A list of groups of fields (partners, money, risks, reviews, "
    "representatives, officer time, acknowledged gaps) is one cell holding the list as JSON. Columns named "
    "computed.* are worked out by the register on the assessment date, not typed in. Dates are YYYY-MM-DD; "
    "amounts are pounds. A text cell that would start with =, +, -, @, a tab or a carriage return has a single "
    "quote (') put in front so that no spreadsheet runs it as a formula; remove one leading quote to get the "
    "original text."
)


def csv_bytes(cols: list[Column], rows) -> bytes:
    """RFC 4180: UTF-8 with a byte-order mark, CRLF line ends, minimal quoting, a header row of column names.

    The mark is what makes Excel, opening the file by double-click, read it as UTF-8 (else £
    turns into Â£); CSVW (dialect encoding utf-8) and the csv module with utf-8-sig skip it.
    """
    with utf8_sig_csv() as (writer, done):
        writer.writerow([c.name for c in cols])
        for row in rows:
            writer.writerow([cell_text(c, row[c.name]) for c in cols])
    return done()


@contextmanager
def utf8_sig_csv():
    """A csv writer (excel dialect: "," and "\r\n", quotes only where needed) whose rows are encoded
    as they are written, and a function giving the bytes: the table is never held as one string too."""
    buf = io.BytesIO()
    text = io.TextIOWrapper(buf, encoding="utf-8-sig", newline="", write_through=True)
    try:
        yield csv.writer(text), buf.getvalue
    finally:
        text.detach()


def _datatype(col: Column):
    assert col.datatype in CSVW_DATATYPES, col.datatype
    if col.values:
        return {"base": "string", "format": "|".join(re.escape(v) for v in col.values)}
    if col.pattern:
        return {"base": "string", "format": col.pattern}
    return col.datatype


def column_description(col: Column) -> dict:
    out = {"name": col.name, "titles": col.title, "dc:description": col.description, "datatype": _datatype(col)}
    if col.separator:
        out["separator"] = col.separator
    if col.required:
        out["required"] = True
    return out


def csvw_bytes(cols: list[Column], *, title: str, description: str, publisher: str, licence_url: str,
               modified: str, about_url: str | None = None, csv_name: str = "register.csv") -> bytes:
    """The CSVW table description, so the CSV explains itself and can be validated."""
    table_schema = {"columns": [column_description(c) for c in cols], "primaryKey": "id"}
    if about_url:
        table_schema["aboutUrl"] = about_url
    meta = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_name,
        "dc:title": title,
        "dc:description": f"{description} {ENCODING_NOTE}",
        "dc:publisher": publisher,
        "dc:license": {"@id": licence_url},
        "dc:modified": {"@value": modified, "@type": "xsd:date"},
        "dialect": {"encoding": "utf-8", "header": True, "delimiter": ",", "quoteChar": "\"", "doubleQuote": True,
                    "trim": False},
        "tableSchema": table_schema,
    }
    return dumps(meta)


def files(ex: Export):
    """(path, bytes) of register.csv, then of its CSVW description."""
    cols = ex.columns
    rows = table.rows(ex.assessed.records, cols, ex.record_data)
    lead = f"{ex.notice}: this file includes internal and unpublished information. " if ex.notice else ""
    description = (f"{lead}The register of partnerships of {ex.council}: one row per partnership, with the values "
                   f"the register computes as of {ex.as_of}. Licence: {ex.settings.licence_name}.")
    about_url = ex.site_link(ex.record_url) if ex.settings.site_url else None
    yield CSV_PATH, csv_bytes(cols, rows)
    yield CSVW_PATH, csvw_bytes(cols, title=f"{ex.title} ({ex.notice})" if ex.notice else ex.title,
                                description=description, publisher=ex.council,
                                licence_url=ex.settings.licence_url, modified=ex.as_of, about_url=about_url)
