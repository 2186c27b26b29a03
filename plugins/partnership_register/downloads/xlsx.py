"""register.xlsx: the register table as a real spreadsheet, with sheets of gaps and risks.

Same columns, same order and the same formula neutralisation as register.csv; dates are
date cells and numbers are numbers. Written by XlsxWriter in its constant-memory mode (each
row goes to a temporary file as it is written, so the workbook never sits in memory), with
text never read as a formula, a number or a link. The bytes are reproducible: XlsxWriter
stamps every zip entry with one fixed date, and the document properties carry the
assessment date.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import xlsxwriter

from ..assess.register import AssessedRegister
from . import XLSX_PATH, Export, table
from .csvfile import ENCODING_NOTE
from .table import Column, LIST_SEPARATOR, neutralise

DATE_FORMAT = "yyyy-mm-dd"
INTERNAL_TAB = "#C00000"
WIDTH_CAP = 60
MAX_TEXT = 32767  # the most characters a cell holds
# What no XML (so no XLSX) can carry: the control characters but tab, line feed and carriage return.
ILLEGAL_CHARACTERS = {c: None for c in (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20))}

GAP_COLUMNS = ("id", "name", "rule", "title", "severity", "detail", "since", "acknowledged",
               "acknowledgement_expires", "health")
RISK_COLUMNS = ("id", "name", "risk_number", "title", "owner", "likelihood", "impact", "score", "band", "strategy",
                "last_reviewed", "closed")
OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
           "strings_to_urls": False, "nan_inf_to_errors": False}


def _clean(value: str) -> str:
    return value.translate(ILLEGAL_CHARACTERS)


def _text(value: str) -> str:
    return neutralise(_clean(value))


def xlsx_cell(col: Column | None, value):
    """A typed value as a cell value (text neutralised, lists joined, JSON as text)."""
    if value is None:
        return None
    if col is not None and col.kind == "json":
        return _clean(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        if not value:
            return None
        return _text(LIST_SEPARATOR.join(v if isinstance(v, str) else str(v) for v in value))
    if isinstance(value, str):
        return _text(value)
    return value


def _new_sheet(wb, title: str, internal_notice: str | None):
    """A sheet; an internal one has a red tab and the notice as print header and footer."""
    ws = wb.add_worksheet(title)
    if internal_notice:
        ws.set_tab_color(INTERNAL_TAB)
        ws.set_header("&C" + internal_notice.replace("&", "&&"))
        ws.set_footer("&C" + internal_notice.replace("&", "&&"))
    return ws


def _sheet(wb, title: str, header, body_rows, internal_notice: str | None, bold, date_format) -> None:
    """One table sheet: bold header, widths fitted to the values, frozen header (and id and
    name columns), an auto filter over the whole table. Rows are written as they come."""
    ws = _new_sheet(wb, title, internal_notice)
    widths = [len(h) for h in header]
    ws.write_row(0, 0, header, bold)
    write_string, write_number, write_boolean, write_datetime = (
        ws.write_string, ws.write_number, ws.write_boolean, ws.write_datetime)
    n = 0
    for n, values in enumerate(body_rows, start=1):
        for i, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, str):
                v = _clean(v)[:MAX_TEXT]
                write_string(n, i, v)
                shown = len(v)
            elif isinstance(v, bool):
                write_boolean(n, i, v)
                shown = len(str(v))
            elif isinstance(v, dt.date):
                write_datetime(n, i, v, date_format)
                shown = 10
            elif isinstance(v, (int, float)):
                write_number(n, i, v)
                shown = len(str(v))
            else:
                raise ValueError(f"cannot write {v!r} to a spreadsheet cell")
            if shown > widths[i] < WIDTH_CAP:
                widths[i] = min(WIDTH_CAP, shown)
    for i, w in enumerate(widths):
        ws.set_column(i, i, min(WIDTH_CAP, w + 2))
    ws.freeze_panes(1, 2 if len(header) > 2 else 0)
    if n:
        ws.autofilter(0, 0, n, len(header) - 1)


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


def xlsx_bytes(cols: list[Column], rows, assessment: AssessedRegister, *, title: str, publisher: str,
               about: list[tuple[str, str]], internal_notice: str | None = None) -> bytes:
    """The workbook: Register, Gaps, Risks and About sheets; byte-identical for the same input."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, OPTIONS)
    bold = wb.add_format({"bold": True})
    dates = wb.add_format({"num_format": DATE_FORMAT})
    _sheet(wb, "Register", [c.name for c in cols], ([xlsx_cell(c, row[c.name]) for c in cols] for row in rows),
           internal_notice, bold, dates)
    _sheet(wb, "Gaps", GAP_COLUMNS, _gap_rows(assessment), internal_notice, bold, dates)
    _sheet(wb, "Risks", RISK_COLUMNS, _risk_rows(assessment), internal_notice, bold, dates)

    info = _new_sheet(wb, "About", internal_notice)
    info.set_column(0, 0, 40)
    info.set_column(1, 1, 60)
    info.set_column(3, 3, 100)
    lines = []
    if internal_notice:
        lines.append([(internal_notice, wb.add_format({"bold": True, "font_size": 14, "font_color": INTERNAL_TAB}))])
    lines.append([("About this workbook", wb.add_format({"bold": True, "font_size": 14}))])
    lines += [[(_text(key), None), (_text(value), None)] for key, value in about]
    lines.append([])
    lines.append([(h, bold) for h in ("Column", "Title", "Type", "Description")])
    lines += [[(c.name, None), (_text(c.title), None), (c.datatype + (" list" if c.separator else ""), None),
               (_text(c.description), None)] for c in cols]
    for r, line in enumerate(lines):
        for i, (value, style) in enumerate(line):
            if value:
                info.write_string(r, i, value, style)

    stamp = dt.datetime.combine(assessment.as_of, dt.time())
    props = {"title": f"{title} — {internal_notice}" if internal_notice else title,
             "subject": f"Register of partnerships: {publisher}", "author": "Partnership Register", "created": stamp}
    if internal_notice:
        props["keywords"] = props["category"] = internal_notice
    wb.set_properties(props)
    wb.close()
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
