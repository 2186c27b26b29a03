"""register.xlsx: the register table as a real spreadsheet, with sheets of gaps and risks.

Same columns, same order and the same formula neutralisation as register.csv; dates are
date cells and numbers are numbers. The bytes are reproducible: the document properties
carry the assessment date, and every zip entry is stamped with it too.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..assess import Assessment
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
    """A typed value as an openpyxl cell value (text neutralised, lists joined, JSON as text)."""
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


def _sheet(ws, header, body_rows, widths_cap=60):
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in header]
    for values in body_rows:
        ws.append(values)
        for i, v in enumerate(values):
            if v is not None:
                widths[i] = max(widths[i], min(widths_cap, len(v.isoformat() if isinstance(v, dt.date) else str(v))))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMAT
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(widths_cap, w + 2)
    ws.freeze_panes = "C2" if len(header) > 2 else "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def _gap_rows(assessment: Assessment):
    for ra in assessment.records:
        for g in ra.gaps:
            ack = g.acknowledgement or {}
            yield [ra.id, xlsx_cell(None, ra.record.get("name")), g.rule.id, _text(g.rule.title), g.severity,
                   _text(g.detail), g.since, g.acknowledged, _date(ack.get("expires")), ra.health]


def _risk_rows(assessment: Assessment):
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


def xlsx_bytes(cols: list[Column], rows: list[dict], assessment: Assessment, *, title: str, publisher: str,
               about: list[tuple[str, str]], internal_notice: str | None = None) -> bytes:
    """The workbook: Register, Gaps, Risks and About sheets; byte-identical for the same input."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    _sheet(ws, [c.name for c in cols], ([xlsx_cell(c, row[c.name]) for c in cols] for row in rows))
    _sheet(wb.create_sheet("Gaps"), GAP_COLUMNS, _gap_rows(assessment))
    _sheet(wb.create_sheet("Risks"), RISK_COLUMNS, _risk_rows(assessment))
    info = wb.create_sheet("About")
    info.append(["About this workbook", ""])
    info["A1"].font = Font(bold=True, size=14)
    for key, value in about:
        info.append([_text(key), _text(value)])
    info.append([])
    info.append(["Column", "Title", "Type", "Description"])
    for cell in info[info.max_row]:
        cell.font = Font(bold=True)
    for c in cols:
        info.append([c.name, _text(c.title), c.datatype + (" list" if c.separator else ""), _text(c.description)])
    info.column_dimensions["A"].width = 40
    info.column_dimensions["B"].width = 60
    info.column_dimensions["D"].width = 100

    stamp = dt.datetime.combine(assessment.as_of, dt.time())
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "Partnership Register"
    props.title = title
    props.subject = f"Register of partnerships: {publisher}"
    if internal_notice:
        props.title = f"{title} — {internal_notice}"
        props.keywords = props.category = internal_notice
        info.insert_rows(1)
        info["A1"] = internal_notice
        info["A1"].font = Font(bold=True, size=14, color=INTERNAL_TAB)
        for sheet in wb.worksheets:
            sheet.sheet_properties.tabColor = INTERNAL_TAB
            sheet.oddHeader.center.text = internal_notice
            sheet.oddFooter.center.text = internal_notice
    return _fixed_zip(wb, stamp)


def _fixed_zip(wb: Workbook, stamp: dt.datetime) -> bytes:
    """Save `wb`, then rewrite the zip with every entry stamped `stamp` (openpyxl uses the clock)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # unlike save_workbook, leaves properties.modified alone
    out = io.BytesIO()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
