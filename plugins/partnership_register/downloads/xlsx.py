"""register.xlsx: the register table as a real spreadsheet, with sheets of gaps and risks.

Same columns, same order and the same formula neutralisation as register.csv; dates are
date cells and numbers are numbers. The bytes are reproducible: the document properties
carry the assessment date, and every zip entry is stamped with it too. openpyxl writes the
package, styles, properties and each sheet's settings; the rows of the three table sheets,
nearly all the cells, are written here (see `_rows_xml`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import zipfile
from xml.sax.saxutils import escape as xml_escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.writer.excel import ExcelWriter

from ..assess.register import AssessedRegister
from . import XLSX_PATH, Export, table
from .csvfile import ENCODING_NOTE
from .table import Column, LIST_SEPARATOR, neutralise

DATE_FORMAT = "yyyy-mm-dd"
INTERNAL_TAB = "C00000"

GAP_COLUMNS = ("id", "name", "rule", "title", "severity", "detail", "since", "acknowledged",
               "acknowledgement_expires", "health")
RISK_COLUMNS = ("id", "name", "risk_number", "title", "owner", "likelihood", "impact", "score", "band", "strategy",
                "last_reviewed", "closed")


def _text(value: str) -> str:
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))


def xlsx_cell(col: Column | None, value):
    """A typed value as a cell value (text neutralised, lists joined, JSON as text)."""
    if value is None:
        return None
    if col is not None and col.kind == "json":
        return ILLEGAL_CHARACTERS_RE.sub("", json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        if not value:
            return None
        return _text(LIST_SEPARATOR.join(v if isinstance(v, str) else str(v) for v in value))
    if isinstance(value, str):
        return _text(value)
    return value


def _bold(ws, value, **font):
    """A header cell for openpyxl to write (write-only sheets take styled cells, not cell styles)."""
    cell = WriteOnlyCell(ws, value)
    cell.font = Font(bold=True, **font)
    return cell


def _escape(text: str) -> str:
    """Text as XML character data, as openpyxl writes it (a carriage return kept as a reference)."""
    return xml_escape(text, {"\r": "&#13;"})


def _number(value) -> str:
    return "%.16g" % value if math.isfinite(value) else ""


def _rows_xml(body, widths: list[int], date_style: int, widths_cap: int) -> bytes:
    """The rows after the header as SpreadsheetML, widening `widths` to fit the values.

    Written here rather than by openpyxl, whose Cell objects cost several microseconds a
    value: the same cells openpyxl writes (inline strings with illegal characters removed
    and at most 32,767 characters, booleans, numbers, dates as serial numbers in the date
    style), and never a formula.
    """
    letters = [get_column_letter(i) for i in range(1, len(widths) + 1)]
    out = []
    for r, values in enumerate(body, start=2):
        cells = []
        for i, v in enumerate(values):
            if v is None:
                continue
            ref = f"{letters[i]}{r}"
            if isinstance(v, str):
                v = ILLEGAL_CHARACTERS_RE.sub("", v)[:32767]
                space = ' xml:space="preserve"' if v != v.strip() else ""
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{_escape(v)}</t></is></c>')
                shown = len(v)
            elif isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
                shown = len(str(v))
            elif isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="{date_style}" t="n"><v>{_number(to_excel(v))}</v></c>')
                shown = len(v.isoformat())
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}" t="n"><v>{_number(v)}</v></c>')
                shown = len(str(v))
            else:
                raise ValueError(f"cannot write {v!r} to a spreadsheet cell")
            widths[i] = max(widths[i], min(widths_cap, shown))
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out).encode("utf-8")


def _sheet(wb: Workbook, title: str, header, body_rows, internal_notice: str | None, widths_cap=60):
    """One table sheet: bold header, widths fitted to the values, frozen header (and id and
    name columns), an auto filter over the whole table.

    Returns (sheet, rows XML); `_package` puts the rows in after openpyxl has written the header.
    """
    ws = _new_sheet(wb, title, internal_notice)
    date_cell = WriteOnlyCell(ws)
    date_cell.number_format = DATE_FORMAT
    body = list(body_rows)
    widths = [len(h) for h in header]
    rows = _rows_xml(body, widths, date_cell.style_id, widths_cap)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(widths_cap, w + 2)
    ws.freeze_panes = "C2" if len(header) > 2 else "A2"
    if body:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(body) + 1}"
    ws.append([_bold(ws, h) for h in header])
    return ws, rows


def _new_sheet(wb: Workbook, title: str, internal_notice: str | None):
    """A streamed sheet; an internal one has a red tab and the notice as print header and footer."""
    ws = wb.create_sheet(title)
    if internal_notice:
        ws.sheet_properties.tabColor = INTERNAL_TAB
        ws.oddHeader.center.text = internal_notice
        ws.oddFooter.center.text = internal_notice
    return ws


def _gap_rows(assessment: AssessedRegister):
    for ra in assessment.records:
        for g in ra.gaps:
            ack = g.acknowledgement or {}
            yield [ra.id, xlsx_cell(None, ra.record.get("name")), g.rule.id, _text(g.rule.title), g.severity,
                   _text(g.detail), g.since, g.acknowledged, _date(ack.get("expires")), ra.health]


def _risk_rows(assessment: AssessedRegister):
    for ra in assessment.records:
        for r in ra.facts.risks:
            yield [ra.id, xlsx_cell(None, ra.record.get("name")), r.index + 1, xlsx_cell(None, r.title),
                   xlsx_cell(None, r.owner), r.likelihood, r.impact, r.score, r.band, r.strategy, r.last_reviewed,
                   r.closed]


def _date(value):
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return _text(value)
    return value


def xlsx_bytes(cols: list[Column], rows: list[dict], assessment: AssessedRegister, *, title: str, publisher: str,
               about: list[tuple[str, str]], internal_notice: str | None = None) -> bytes:
    """The workbook: Register, Gaps, Risks and About sheets; byte-identical for the same input.

    Write-only (streamed) sheets: openpyxl's normal mode keeps a Cell object per value.
    """
    wb = Workbook(write_only=True)
    tables = dict([
        _sheet(wb, "Register", [c.name for c in cols], ([xlsx_cell(c, row[c.name]) for c in cols] for row in rows),
               internal_notice),
        _sheet(wb, "Gaps", GAP_COLUMNS, _gap_rows(assessment), internal_notice),
        _sheet(wb, "Risks", RISK_COLUMNS, _risk_rows(assessment), internal_notice),
    ])
    info = _new_sheet(wb, "About", internal_notice)
    info.column_dimensions["A"].width = 40
    info.column_dimensions["B"].width = 60
    info.column_dimensions["D"].width = 100
    if internal_notice:
        info.append([_bold(info, internal_notice, size=14, color=INTERNAL_TAB)])
    info.append([_bold(info, "About this workbook", size=14), ""])
    for key, value in about:
        info.append([_text(key), _text(value)])
    info.append([])
    info.append([_bold(info, h) for h in ("Column", "Title", "Type", "Description")])
    for c in cols:
        info.append([c.name, _text(c.title), c.datatype + (" list" if c.separator else ""), _text(c.description)])

    stamp = dt.datetime.combine(assessment.as_of, dt.time())
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "Partnership Register"
    props.title = f"{title} — {internal_notice}" if internal_notice else title
    props.subject = f"Register of partnerships: {publisher}"
    if internal_notice:
        props.keywords = props.category = internal_notice
    return _package(wb, tables, stamp)


def _package(wb: Workbook, tables: dict, stamp: dt.datetime) -> bytes:
    """Save `wb`, put each table sheet's rows after its header, and stamp every zip entry with
    `stamp` (openpyxl would use the clock). Saved uncompressed first, so it is compressed once."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        ExcelWriter(wb, archive).save()  # unlike save_workbook, leaves properties.modified alone
    rows = {ws.path.lstrip("/"): body for ws, body in tables.items()}
    out = io.BytesIO()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in rows:  # all text is escaped, so the first </sheetData> is the real one
                data = data.replace(b"</sheetData>", rows[info.filename] + b"</sheetData>", 1)
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            dst.writestr(entry, data)
    return out.getvalue()


def files(ex: Export):
    """(path, bytes) of register.xlsx."""
    cols = ex.columns
    rows = table.rows(ex.assessed.records, cols, ex.record_data)
    from . import SCHEMA_PATH

    about = [("Title", ex.title), ("Publisher", ex.council), ("Assessed as of", ex.as_of),
             ("Licence", ex.settings.licence_name), ("Licence URL", ex.settings.licence_url),
             ("Record schema", ex.site_link(SCHEMA_PATH)), ("Column encoding", ENCODING_NOTE)]
    yield XLSX_PATH, xlsx_bytes(cols, rows, ex.assessed, title=ex.title, publisher=ex.council, about=about,
                                internal_notice=ex.notice)
