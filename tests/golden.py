"""What the golden fixture register's pages and downloads say, as reviewable text.

`tests/test_golden.py` compares these texts with the files under tests/golden/; after a
change that is meant to alter them, regenerate with `make golden` (pytest --update-golden)
and review the diff like any other change.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import openpyxl

from partnership_register import pages
from partnership_register.downloads import RECORD_JSON_DIR, SCHEMA_PATH
from partnership_register.pages.render import Renderer

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "golden" / "records"
GOLDEN = HERE / "golden"
AS_OF = "2026-11-23"
BLOCKS = {"p", "div", "section", "h1", "h2", "h3", "h4", "li", "dt", "dd", "tr", "caption", "table", "ul", "ol",
          "dl", "details", "summary", "figure", "blockquote", "br", "title", "desc", "svg"}


class PageText(HTMLParser):
    """Visible text of a page, a line per block, table cells joined by ' | '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.cells: list[str] | None = None
        self.skip = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):  # charts: their data tables carry the same figures
            self.skip += 1
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.current = []
        elif tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.skip -= 1
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(" ".join("".join(self.current).split()))
            self.current = []
        elif tag == "tr" and self.cells is not None:
            self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def page_text(html: str) -> str:
    parser = PageText()
    parser.feed(html)
    parser.flush()
    return "\n".join(parser.lines) + "\n"


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    out = []
    for sheet in book.worksheets:
        out.append(f"== {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            row = list(row)
            while row and row[-1] in (None, ""):  # read-only mode pads rows to the sheet's stated dimension
                row.pop()
            out.append("\t".join("" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v))
                                 for v in row))
    return "\n".join(out) + "\n"


def download_text(path: str, data: bytes) -> str:
    if path.endswith(".xlsx"):
        return xlsx_text(data)
    if path.endswith(".json"):
        return json.dumps(json.loads(data), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if path.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header = rows[0]
        return "\n\n".join("\n".join(f"{h}: {v}" for h, v in zip(header, row) if v) for row in rows[1:]) + "\n"
    return data.decode("utf-8").replace("\r\n", "\n")


def outputs(settings) -> dict[str, str]:
    """{golden file name: text} for every generated page and every download of one build."""
    site = pages.build_site(settings)
    renderer = Renderer()
    out = {}
    for spec in site.pages:
        html, _ = renderer.render(spec, site, site.url_of(spec.src_uri))
        out["pages/" + spec.src_uri.removesuffix(".md") + ".txt"] = page_text(html)
    for path, data in site.downloads.items():
        if path == SCHEMA_PATH or path.startswith(RECORD_JSON_DIR):
            continue  # the schema is a source file; each record's file is its register.json entry (test_export)
        out["downloads/" + path + ".txt"] = download_text(path, data)
    return out
