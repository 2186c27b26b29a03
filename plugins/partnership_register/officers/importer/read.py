"""Reading a spreadsheet file into tables: a heading row and data rows, each with its spreadsheet row number.

The heading row is the one, among the first rows, whose cells the mapping knows best, so title
rows, dates and section headers above it are passed over. A sheet that is one filled-in form
(the template's questions down column A, the answers in column B) is read as a table of one
row; a workbook whose sheets are such forms gives one table per sheet.

The bytes decide how a file is read, not its name: a zip is an Excel workbook (an .xlsx
renamed .csv is still read as one); text is UTF-8 (with or without a byte-order mark),
UTF-16 with one (Excel's 'Unicode Text', TAB-separated), or, when the bytes are not UTF-8,
Windows-1252, which the report says. Anything else is refused with a message naming the
file. The csv module reads the whole text (never split into lines first), so a line break
of any kind inside a quoted cell stays in the cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .report import Issue

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
_ZIP = b"PK\x03\x04"
_SIGNATURES = (  # files officers save by mistake, and what to do instead
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an Excel 97-2003 workbook (.xls) or another old Office file; "
                                          "open it in Excel and save it as .xlsx or as CSV UTF-8"),
    (b"%PDF", "is a PDF document, not a spreadsheet"),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SAVE_AS = "save it from the spreadsheet as CSV UTF-8 or as an Excel workbook (.xlsx)"


class UnreadableFile(ValueError):
    """A spreadsheet that cannot be read at all; the message names the file."""


HEADER_SEARCH = 20  # rows looked at for the heading row
FORM_LABELS = 4  # known questions down the first column that make a sheet a filled-in form


@dataclass
class Table:
    headings: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (spreadsheet row number, cell values); 0 for a form's answers
    notes: list[Issue] = field(default_factory=list)  # about how the file was read
    sheet: str = ""  # the sheet's name, for a workbook read one form per sheet
    form: bool = False  # questions down a column, answers beside them


def read_table(path, sheet: str | None = None, is_heading=lambda text: False) -> Table:
    """The first table of a CSV or XLSX file (see `read_tables`)."""
    return read_tables(path, sheet, is_heading)[0]


def read_tables(path, sheet: str | None = None, is_heading=lambda text: False,
                is_name=lambda text: False) -> list[Table]:
    """The tables of a CSV or XLSX file: usually one; one per sheet for a workbook of filled-in forms
    or of registers (one sheet per directorate, say).

    The heading row is the row of the first twenty with most cells `is_heading` knows (at
    least two; else one), else the first row with anything in it. Of a workbook, the active
    sheet is read, and every other sheet of the same kind: filled-in forms, or registers with a
    heading for the partnership's name (`is_name`); a sheet of lookups or guidance is not.
    """
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(f"{name}: only .csv and .xlsx files can be imported")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{name}: cannot be read: {exc.strerror or exc}") from exc
    notes: list[Issue] = []
    if data.startswith(_ZIP):
        if not suffix.startswith(".xls"):
            notes.append(Issue(0, "", f"the file is an Excel workbook, though its name ends {suffix}; "
                                      "it is read as a workbook", "note"))
        sheets = _xlsx_sheets(data, name, sheet)
    else:
        text, encoding = _decode(data, name)
        if encoding:
            notes.append(Issue(0, "", encoding, "note"))
        if suffix.startswith(".xls"):
            notes.append(Issue(0, "", f"the file is text, not an Excel workbook, though its name ends {suffix}; "
                                      "it is read as CSV", "note"))
        sheets = [("", _csv_rows(text, name))]
    if not _anything(sheets[0][1]):
        raise UnreadableFile(f"{name}: the file is empty")
    known, named = _known(is_heading), _known(is_name)
    kinds = [(t, r, _kind(r, known, named)) for t, r in sheets]
    first = kinds[0][2]
    if first == "other" and len(kinds) > 1:  # a cover or guidance sheet in front
        first = "form" if any(k == "form" for _, _, k in kinds) else "table" if any(
            k == "table" for _, _, k in kinds) else "other"
    chosen = [(t, r) for t, r, k in kinds if k == first] if first in ("form", "table") else [kinds[0][:2]]
    if not chosen:
        chosen = [kinds[0][:2]]
    if first == "table":  # more sheets of the same register (one per directorate): the same headings
        headings = _headings_of(chosen[0][1], known)
        chosen = [chosen[0]] + [(t, r) for t, r in chosen[1:] if _same(headings, _headings_of(r, known))]
    several = len(chosen) > 1 or chosen[0][0] != kinds[0][0]
    left = [t for t, r, k in kinds if t and (t, r) not in chosen and _anything(r)]
    if left:
        notes.append(Issue(0, "", f"the sheet{'s' if len(left) > 1 else ''} {', '.join(map(repr, left))} "
                                  f"{'hold' if len(left) > 1 else 'holds'} no "
                                  f"{'filled-in form' if first == 'form' else 'register'} and "
                                  f"{'are' if len(left) > 1 else 'is'} not read (choose one with --sheet)", "note"))
    tables: list[Table] = []
    for t, r in chosen:
        if first == "form":
            tables.extend(_form_table(t if len(sheets) > 1 else "", r))
        else:
            table = _row_table(r, known, [])
            table.sheet = t if several else ""
            tables.append(table)
    tables[0].notes[:0] = notes
    return tables


def _headings_of(raw: list[tuple[int, list]], known) -> list[str]:
    best, _ = _best_row(raw, known)
    return [" ".join(_heading(c).lower().split()) for c in raw[best][1]] if best is not None else []


def _same(a: list[str], b: list[str]) -> bool:
    """Two heading rows that are (nearly) the same: most of their headings are shared."""
    a, b = {h for h in a if h}, {h for h in b if h}
    return bool(a and b) and len(a & b) >= 0.7 * max(len(a), len(b))


def _kind(raw: list[tuple[int, list]], known, named) -> str | None:
    """'form' (questions down a column), 'table' (a heading row with the partnership's name), or 'other'."""
    if not _anything(raw):
        return None
    best, count = _best_row(raw, known)
    if _form_labels(raw, known) >= max(FORM_LABELS, count + 1):
        return "form"
    if best is not None and count >= 3 and any(named(c) for c in raw[best][1]):
        return "table"
    return "other"


def _known(is_heading):
    """How well a cell is known as a heading: 1 written as the mapping writes it, 0.5 by its words, 0 not."""
    def known(cell) -> float:
        if cell is None or isinstance(cell, (int, float)) or str(cell).strip() == "":
            return 0.0
        return float(is_heading(str(cell)))
    return known


def _best_row(raw: list[tuple[int, list]], known) -> tuple[int | None, float]:
    """The heading row among the first few, and how well its cells are known as headings.

    The first row known at least half as well as the best, so a data row whose words look like
    headings ('Forum', 'Active') does not win over the headings above it.
    """
    scores = [sum(known(c) for c in cells) for _, cells in raw[:HEADER_SEARCH]]
    most = max(scores, default=0)
    if most >= 2:
        best = next(i for i, score in enumerate(scores) if score >= max(2, most / 2))
        return best, scores[best]
    if most > 0:
        best = scores.index(most)
        if sum(1 for c in raw[best][1] if _present(c)) >= 2:  # one known word alone on a row is a title
            return best, most
    return None, most


def _form_labels(raw: list[tuple[int, list]], known) -> float:
    """How well the questions down the first column are known, each with an answer beside it."""
    return sum(known(cells[0]) for _, cells in raw[:80] if cells and any(_present(c) for c in cells[1:]))


def _row_table(raw: list[tuple[int, list]], known, notes: list[Issue]) -> Table:
    header_index, _ = _best_row(raw, known)
    if header_index is None:
        header_index = next(i for i, (_, cells) in enumerate(raw) if any(_present(c) for c in cells))
    header_row, header_cells = raw[header_index]
    headings = [_heading(c) for c in header_cells]
    start = header_index + 1
    below = raw[start][1] if start < len(raw) else []
    filled = [i for i, c in enumerate(below) if _present(c)]
    grouped = [i for i in filled if (i >= len(headings) or not headings[i]) and any(headings[:i])]
    if filled and sum(1 for i in filled if known(below[i]) == 1) >= 0.6 * len(filled) and any(
            known(below[i]) for i in grouped):  # sub-headings under a heading merged across columns
        headings = _join_header_rows(headings, [_heading(c) for c in below], known)  # 'Resources' over 'Financial'
        notes.append(Issue(0, "", f"the headings take two rows ({header_row} and {raw[start][0]})", "note"))
        start += 1
    elif header_index > 0:
        over = [_heading(c) for c in raw[header_index - 1][1]]
        filled = sum(1 for c in over if c)
        first_only = filled == 1 and bool(over) and bool(over[0])  # a title, not a heading over some columns
        if 0 < filled <= max(1, sum(1 for h in headings if h) // 2) and not first_only:  # headers over groups
            group = ""
            for i, h in enumerate(headings):
                group = over[i] if i < len(over) and over[i] else group
                if h and group and not known(h) and known(f"{group} {h}"):
                    headings[i] = f"{group} {h}"
    rows = [(n, list(cells) + [None] * (len(headings) - len(cells)))
            for n, cells in raw[start:] if any(_present(c) for c in cells)]
    above = [n for n, cells in raw[:header_index] if any(_present(c) for c in cells)]
    if above:
        notes.append(Issue(0, "", f"the headings are on row {header_row}; the title rows above them "
                                  f"({', '.join(map(str, above))}) are not read", "note"))
    if not rows:
        notes.append(Issue(header_row, "", "holds the headings, but no row below it holds anything to import",
                           "note"))
    return Table(headings, header_row, rows, notes)


def _heading(cell) -> str:
    return ("" if cell is None else str(cell)).strip().strip("\ufeff\u200b").strip()


def _join_header_rows(top: list[str], sub: list[str], known) -> list[str]:
    """One heading per column from a heading row and the row of sub-headings under it (a merged
    'Resources committed' over 'Financial', 'Officer time', 'Other')."""
    width = max(len(top), len(sub))
    top, sub = top + [""] * (width - len(top)), sub + [""] * (width - len(sub))
    out, group = [], ""
    for h, s in zip(top, sub):
        group = h or group
        combined = f"{group} {s}" if group else s
        if not s:
            out.append(h)
        elif group and known(combined):
            out.append(combined)
        else:
            out.append(s if known(s) or not h else combined)
    return out


def _form_table(title: str, raw: list[tuple[int, list]]) -> list[Table]:
    """A filled-in form: questions down the first column, one partnership's answers in each column beside it."""
    width = max((len(cells) for _, cells in raw), default=0)
    labelled = [(n, cells) for n, cells in raw if cells and _present(cells[0])]
    answers = [j for j in range(1, width) if any(j < len(cells) and _present(cells[j]) for _, cells in labelled)]
    headings = [str(cells[0]).strip().strip("\ufeff\u200b").strip() for _, cells in labelled]
    rows = [(0, [cells[j] if j < len(cells) else None for _, cells in labelled]) for j in answers]
    if len(answers) > 1:  # several forms side by side: one table per column of answers
        return [Table(headings, 0, [row], [], f"{title + ', ' if title else ''}column {_letter(j)}", form=True)
                for j, row in zip(answers, rows)]
    return [Table(headings, 0, rows, [], title, form=True)]


def _letter(index: int) -> str:
    """'B' for the second column (from 0: 1)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _present(value) -> bool:
    return value is not None and str(value).strip() != ""


def _anything(rows: list[tuple[int, list]]) -> bool:
    return any(_present(c) for _, cells in rows for c in cells)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file's bytes, and a note when it was read as Windows-1252 ('' otherwise)."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(f"{name}: {what}")
    note = ""
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"{name}: starts as {'UTF-8' if codec == 'utf-8-sig' else 'UTF-16'} text, but "
                                 f"the bytes at line {_line_of(data, exc.start)} are not; {SAVE_AS}") from exc
    elif b"\x00" in data:
        odd = data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4
        hint = " (it may be UTF-16 text without a byte-order mark)" if odd else ""
        raise UnreadableFile(f"{name}: is not a text file: it holds NUL bytes{hint}; {SAVE_AS}")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    f"{name}: line {_line_of(data, utf8.start)}: byte 0x{data[utf8.start]:02X} is not UTF-8 text, "
                    f"and byte 0x{data[exc.start]:02X} on line {_line_of(data, exc.start)} is not Windows-1252 "
                    f"either; {SAVE_AS}") from exc
            note = (f"read as Windows-1252: the file is not UTF-8 (byte 0x{data[utf8.start]:02X} on line "
                    f"{_line_of(data, utf8.start)}), so check that £ and accented letters came through; "
                    "saving as CSV UTF-8 avoids the guess")
    controls = _CONTROL.findall(text)
    if "\x00" in controls or len(controls) > len(text) // 100:
        raise UnreadableFile(f"{name}: is not a text file: it holds control characters "
                             f"(U+{ord(controls[0]):04X} first); {SAVE_AS}")
    return text, note


def _records(text: str, delimiter: str, strict: bool):
    """(row number, cells) for each record; a line break inside a quoted cell stays in it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    return enumerate(reader, 1)


def _delimiter(text: str) -> str:
    """The delimiter giving the first non-empty row the most cells ('; ' lists in cells rule out sniffing)."""
    def cells(delimiter: str) -> int:
        try:
            return next((len(row) for _, row in _records(text, delimiter, False)
                         if any(c.strip(" ,;\t") for c in row)), 0)
        except csv.Error:
            return 0
    return max(DELIMITERS, key=cells)


def _csv_rows(text: str, name: str) -> list[tuple[int, list]]:
    """The records of CSV text. csv's cell size limit is lifted to the text's own size for the read
    (so no cell is cut or refused here: convert reports one over MAX_CELL by row and column)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        delimiter = _delimiter(text)
        rows: list[tuple[int, list]] = []
        try:
            rows.extend(_records(text, delimiter, True))  # strict: to find a quoted cell never closed
        except csv.Error as exc:
            row = len(rows) + 1
            if "unexpected end of data" in str(exc):
                raise UnreadableFile(f"{name}: row {row}: a quoted cell is never closed, so every row after it "
                                     "would be read into that cell; put the missing \" at the end of the cell")
            rows = list(_records(text, delimiter, False))  # quotes used loosely ('"a"b'): read as Excel does
        return rows
    except csv.Error as exc:  # nothing above should raise; if csv does, say so without a traceback
        raise UnreadableFile(f"{name}: cannot be read as CSV: {exc}") from exc
    finally:
        csv.field_size_limit(limit)


def _xlsx_sheets(data: bytes, name: str, sheet: str | None) -> list[tuple[str, list[tuple[int, list]]]]:
    """(title, rows) of the sheet asked for, or of every sheet, the active one first."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(f"{name}: cannot be read as an Excel workbook ({exc})") from exc
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise UnreadableFile(f"{name}: no sheet named {sheet!r}; it has {', '.join(book.sheetnames)}")
            order = [book[sheet]]
        else:
            active = book.active
            order = [active] + [book[s] for s in book.sheetnames if s != active.title]
        sheets = [(ws.title, [(n, list(row)) for n, row in enumerate(ws.iter_rows(values_only=True), 1)])
                  for ws in order]
        others = [t for t, _ in sheets[1:]]
        if not _anything(sheets[0][1]) and others and not sheet:
            raise UnreadableFile(f"{name}: the sheet {sheets[0][0]!r} is empty; choose one of {', '.join(others)} "
                                 "with --sheet")
        return sheets
    finally:
        book.close()
