"""The open-data downloads: CSV (+ CSVW), XLSX, JSON (+ its schema), iCalendar.

Every test exports the fixture register in tests/fixtures/leak/records (valid records,
one unpublished, one with formula-injection text) and reads the files back with the
tools a reuser would use: the csv module, csvw, openpyxl, jsonschema and icalendar.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
import warnings
import zipfile
from pathlib import Path

import csvw
import icalendar
import jsonschema
import openpyxl
import pytest
import referencing
from referencing.jsonschema import DRAFT202012

from partnership_register import pipeline
from partnership_register.assess import publication
from partnership_register.load import schema as schema_mod
from partnership_register.downloads import (AGS_CSV_PATH, AGS_JSON_PATH, CSV_PATH, CSVW_PATH, ICS_PATH,
                                         INTERNAL_NOTICE, JSON_PATH, REGISTER_SCHEMA_PATH, SCHEMA_PATH, XLSX_PATH,
                                         artefacts, check_public, record_json_path, table)

from helpers import make_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "leak" / "records"
AS_OF = dt.date(2025, 12, 1)
SITE = {"site_url": "https://register.example.gov.uk/"}
INJECTIONS = {  # field: value in the record → neutralised text in every spreadsheet cell
    "name": ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    "summary": ("+cmd", "'+cmd"),
    "purpose": ("-2+3", "'-2+3"),
    "area_of_work": ("@SUM(A1)", "'@SUM(A1)"),
    "service": ("\tfoo", "'\tfoo"),
    "legal_form": ("'=already quoted", "''=already quoted"),
    "aims": (["=1+1", "A plain aim"], "'=1+1; A plain aim"),
}


def run(mode=publication.PUBLIC, records=FIXTURE, **options):
    return pipeline.run(make_settings(records, as_of=AS_OF, mode=mode, site=SITE, **options))


def export(r):
    return artefacts(r.assessed, r.settings)


@pytest.fixture(scope="module")
def public():
    r = run()
    return r, export(r)


@pytest.fixture(scope="module")
def internal():
    r = run(publication.INTERNAL)
    return r, export(r)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_id(rows, key="id"):
    return {row[key]: row for row in rows}


def write_all(produced: dict[str, bytes], folder: Path) -> Path:
    for rel, data in produced.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


# --- the set of files -----------------------------------------------------------------

def test_fixture_register_is_valid():
    r = run()
    assert r.register.problems == []
    assert {ra.id for ra in r.assessed.records} == {"leak-public", "formula-injection", "ordinary-partnership",
                                                      "closed-partnership"}


def test_every_download_is_produced(public):
    r, produced = public
    expected = {CSV_PATH, CSVW_PATH, XLSX_PATH, JSON_PATH, ICS_PATH, AGS_CSV_PATH, AGS_JSON_PATH, SCHEMA_PATH,
                REGISTER_SCHEMA_PATH}
    expected |= {record_json_path(ra.id) for ra in r.assessed.records}
    assert set(produced) == expected
    assert all(isinstance(v, bytes) and v for v in produced.values())


def test_two_exports_are_byte_identical():
    assert export(run()) == export(run())
    assert export(run(publication.INTERNAL)) == export(run(publication.INTERNAL))


def test_published_schema_is_the_schema_file_byte_for_byte(public):
    _, produced = public
    assert produced[SCHEMA_PATH] == schema_mod.default_schema_path().read_bytes()


def test_public_export_refuses_an_internal_view():
    with pytest.raises(ValueError, match="public export refused"):
        artefacts(run(publication.INTERNAL).assessed, run().settings)
    with pytest.raises(ValueError, match="public export refused"):
        check_public(run(publication.INTERNAL).assessed)


# --- CSV ---------------------------------------------------------------------------------

def test_csv_is_rfc4180_utf8_with_crlf(public):
    _, produced = public
    data = produced[CSV_PATH]
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)  # one BOM, for Excel
    text = data.decode("utf-8-sig")
    assert text.startswith("id,")
    assert text.endswith("\r\n")
    assert text.count("\n") == text.count("\r\n") == 5  # header + 4 records, every line ends CRLF
    assert '"\'=HYPERLINK(""http://evil"",""x"")"' in text  # RFC 4180 quoting: quotes doubled inside quotes
    assert "ünïcödé £" in text


def test_csv_columns_follow_the_schema_order_then_computed(public):
    _, produced = public
    header = next(csv.reader(io.StringIO(produced[CSV_PATH].decode("utf-8-sig"), newline="")))
    schema_order = [f.path for f in schema_mod.iter_fields()]
    fields = [h for h in header if not h.startswith("computed.")]
    computed = [h for h in header if h.startswith("computed.")]
    assert header == fields + computed, "computed columns come last"
    assert [schema_order.index(h) for h in fields] == sorted(schema_order.index(h) for h in fields)
    for name in ("id", "name", "sponsoring_officer.name", "documents.exit_strategy.state", "partners", "money",
                 "risks", "reviews", "representatives", "council_role", "approval.finance_approval.date"):
        assert name in header
    for name in ("computed.annual_contribution", "computed.open_gap_count", "computed.health", "computed.next_review",
                 "computed.significant"):
        assert name in computed
    for hidden in ("sponsoring_officer.email", "sponsoring_officer.phone", "internal_notes", "publication.publish",
                   "publication.reason"):
        assert hidden not in header


def test_csv_values_match_the_records(public):
    r, produced = public
    rows = by_id(csv_rows(produced[CSV_PATH]))
    assert set(rows) == {ra.id for ra in r.assessed.records}
    ordinary = rows["ordinary-partnership"]
    assert ordinary["status"] == "under-review"
    assert ordinary["start_date"] == "2018-04-01"
    assert ordinary["council_role"] == "member; funder"
    assert ordinary["in_kind"] == "accommodation; administration"
    assert ordinary["sponsoring_officer.name"] == "Sam Sponsor"
    assert ordinary["documents.agreement.state"] == "in-place"
    assert ordinary["documents.agreement.link"] == "https://www.example.gov.uk/agreement.pdf"
    assert ordinary["documents.exit_strategy.state"] == "not-in-place"
    # lists of groups of fields are JSON and come back exactly, even with "; " inside a value
    assert json.loads(ordinary["partners"]) == r.assessed.by_id["ordinary-partnership"].record.data["partners"]
    assert json.loads(ordinary["partners"])[1]["name"] == "Hope; Help & Co"
    assert json.loads(ordinary["money"])[0]["amount"] == 40000.5
    assert ordinary["computed.annual_contribution"] == "40000.5"
    assert ordinary["computed.officer_days_per_month"] == "2.5"
    assert ordinary["computed.next_review"] == "2026-06-30"
    assert ordinary["computed.review_state"] == "scheduled"
    assert ordinary["computed.highest_risk_score"] == "6"  # the closed 4×4 risk does not count
    assert ordinary["computed.acknowledged_gap_count"] == "1"
    ra = r.assessed.by_id["ordinary-partnership"]
    assert ordinary["computed.open_gap_count"] == str(len(ra.open_gaps))
    assert ordinary["computed.health"] == ra.health
    assert rows["closed-partnership"]["closed_date"] == "2024-03-31"
    assert rows["closed-partnership"]["computed.next_review"] == ""
    leak = rows["leak-public"]
    assert leak["computed.money_withheld"] == "true"
    assert leak["computed.annual_contribution"] == "1500"  # the confidential amount is not counted
    assert leak["parent"] == ""  # the parent is unpublished
    assert leak["representatives"] and "phone" not in leak["representatives"]


def test_csv_neutralises_formula_text_but_not_numbers(public):
    _, produced = public
    row = by_id(csv_rows(produced[CSV_PATH]))["formula-injection"]
    for key, (_, cell) in INJECTIONS.items():
        assert row[key] == cell, key
        assert table.restore(row[key]) == (INJECTIONS[key][0] if key != "aims" else "=1+1; A plain aim")
    assert row["computed.partner_names"] == "'=cmd|' /C calc'!A0"
    assert json.loads(row["partners"])[0]["name"] == "=cmd|' /C calc'!A0"  # JSON cells start with [
    assert row["computed.annual_contribution"] == "2500"
    for cells in csv_rows(produced[CSV_PATH]):
        for value in cells.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''+x", "plain", "'plain", ""])
def test_neutralise_is_reversible(text):
    cell = table.neutralise(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert table.restore(cell) == text


def test_numbers_are_plain_decimals():
    assert table.format_number(2140000.0) == "2140000"
    assert table.format_number(12500.5) == "12500.5"
    assert table.format_number(0.00001) == "0.00001"
    assert table.format_number(987654.32) == "987654.32"
    assert table.format_number(7) == "7"


# --- CSVW --------------------------------------------------------------------------------

def test_csvw_and_csv_validate_together(public, tmp_path):
    _, produced = public
    folder = write_all(produced, tmp_path)
    meta = folder / CSVW_PATH
    checked = csvw.CSVW(str(meta), validate=True)
    assert checked.is_valid, [str(w.message) for w in checked.warnings]
    table_ = csvw.Table.from_file(meta)
    rows = {row["id"]: row for row in table_.iterdicts()}  # strict: raises on any invalid value
    ordinary = rows["ordinary-partnership"]
    assert ordinary["start_date"].date() == dt.date(2018, 4, 1)
    assert ordinary["council_role"] == ["member", "funder"]
    assert ordinary["partners"][1]["name"] == "Hope; Help & Co"
    assert ordinary["computed.significant"] is True
    assert float(ordinary["computed.annual_contribution"]) == 40000.5


def test_csvw_catches_a_bad_value(public, tmp_path):
    _, produced = public
    folder = write_all(produced, tmp_path)
    csv_file = folder / CSV_PATH
    csv_file.write_bytes(csv_file.read_bytes().replace(b"under-review", b"under-reveiw"))
    checked = csvw.CSVW(str(folder / CSVW_PATH), validate=True)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert not checked.is_valid
    with pytest.raises(ValueError):
        list(csvw.Table.from_file(folder / CSVW_PATH).iterdicts())


def test_csvw_describes_every_column(public):
    _, produced = public
    meta = json.loads(produced[CSVW_PATH])
    header = next(csv.reader(io.StringIO(produced[CSV_PATH].decode("utf-8-sig"), newline="")))
    columns = meta["tableSchema"]["columns"]
    assert [c["name"] for c in columns] == header
    assert meta["url"] == "register.csv"
    assert meta["dc:license"]["@id"].startswith("https://www.nationalarchives.gov.uk/doc/open-government-licence")
    assert all(c["titles"] and c["dc:description"] for c in columns)
    types = {c["name"]: c["datatype"] for c in columns}
    assert types["start_date"] == "date"
    assert types["partners"] == "json"
    assert types["computed.annual_contribution"] == "decimal"
    assert types["computed.open_gap_count"] == "integer"
    assert types["computed.significant"] == "boolean"
    assert types["approval.link"] == "anyURI"
    assert types["status"]["base"] == "string" and "under\\-review" in types["status"]["format"]
    assert {c["name"]: c.get("separator") for c in columns}["council_role"] == "; "
    assert "INTERNAL" not in produced[CSVW_PATH].decode()


# --- XLSX --------------------------------------------------------------------------------

def sheet_rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_xlsx_has_the_same_table_and_sheets_of_gaps_and_risks(public):
    r, produced = public
    wb = openpyxl.load_workbook(io.BytesIO(produced[XLSX_PATH]))
    assert wb.sheetnames == ["Register", "Gaps", "Risks", "About"]
    header = next(csv.reader(io.StringIO(produced[CSV_PATH].decode("utf-8-sig"), newline="")))
    assert [c.value for c in wb["Register"][1]] == header
    rows = by_id(sheet_rows(wb["Register"]))
    csv_by_id = by_id(csv_rows(produced[CSV_PATH]))
    for rid, row in rows.items():
        for key, value in row.items():
            expected = csv_by_id[rid][key]
            if value is None:
                assert expected == "", (rid, key)
            elif isinstance(value, bool):
                assert expected == ("true" if value else "false")
            elif isinstance(value, dt.datetime):
                assert expected == value.date().isoformat()
            elif isinstance(value, (int, float)):
                assert float(expected) == value
            else:
                assert expected == value, (rid, key)
    ordinary = rows["ordinary-partnership"]
    assert ordinary["start_date"] == dt.datetime(2018, 4, 1)
    assert ordinary["computed.annual_contribution"] == 40000.5
    assert ordinary["computed.significant"] is True
    gaps = sheet_rows(wb["Gaps"])
    assert len(gaps) == sum(len(ra.gaps) for ra in r.assessed.records)
    assert {g["rule"] for g in gaps if g["id"] == "ordinary-partnership"} == \
        {g.rule.id for g in r.assessed.by_id["ordinary-partnership"].gaps}
    risks = sheet_rows(wb["Risks"])
    assert {(x["id"], x["title"], x["score"], x["band"]) for x in risks} >= {
        ("leak-public", "Contractor failure", 12, "high"), ("ordinary-partnership", "Funding ends", 6, "medium")}


def test_xlsx_neutralises_formula_text(public):
    _, produced = public
    wb = openpyxl.load_workbook(io.BytesIO(produced[XLSX_PATH]))
    row = by_id(sheet_rows(wb["Register"]))["formula-injection"]
    for key, (_, cell) in INJECTIONS.items():
        assert row[key] == cell, key
    for ws in wb.worksheets:
        for cells in ws.iter_rows():
            for c in cells:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    with zipfile.ZipFile(io.BytesIO(produced[XLSX_PATH])) as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist())


def test_xlsx_bytes_are_reproducible(public):
    r, produced = public
    with zipfile.ZipFile(io.BytesIO(produced[XLSX_PATH])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 31, 0, 0, 0)}  # XlsxWriter's fixed stamp, not the clock
        core = z.read("docProps/core.xml").decode()
    assert "2025-12-01T00:00:00Z" in core
    wb = openpyxl.load_workbook(io.BytesIO(produced[XLSX_PATH]))
    assert wb.properties.created == wb.properties.modified == dt.datetime(2025, 12, 1)
    assert export(r)[XLSX_PATH] == produced[XLSX_PATH]


# --- JSON --------------------------------------------------------------------------------

def validator_from_published(produced: dict[str, bytes], ref: str | None = None):
    """A validator built only from the schema files as published on the site, each known by its file name
    (as a file beside the other, or at its address on the site, would be)."""
    schemas = {posixpath.basename(path): json.loads(produced[path]) for path in (SCHEMA_PATH, REGISTER_SCHEMA_PATH)}
    register_schema = schemas["register.schema.json"]
    registry = referencing.Registry().with_resources(
        [(name, DRAFT202012.create_resource(s)) for name, s in schemas.items()])
    root = {"$ref": "register.schema.json" + ref} if ref else {"$ref": "register.schema.json"}
    cls = jsonschema.Draft202012Validator
    cls.check_schema(register_schema)
    return cls(root, registry=registry, format_checker=cls.FORMAT_CHECKER)


def test_register_json_validates_against_the_published_schema(public, internal):
    for _, produced in (public, internal):
        doc = json.loads(produced[JSON_PATH])
        errors = list(validator_from_published(produced).iter_errors(doc))
        assert errors == [], [e.message for e in errors]


def test_register_json_schema_catches_mistakes(public):
    _, produced = public
    validator = validator_from_published(produced)
    doc = json.loads(produced[JSON_PATH])
    doc["records"][0]["record"]["status"] = "dormant"
    assert not validator.is_valid(doc)
    doc = json.loads(produced[JSON_PATH])
    doc["records"][0]["computed"]["health"] = "purple"
    assert not validator.is_valid(doc)
    doc = json.loads(produced[JSON_PATH])
    doc["internal"] = True  # an internal file must carry its notice
    assert not validator.is_valid(doc)


def test_each_record_file_validates_and_matches_register_json(public):
    r, produced = public
    validator = validator_from_published(produced)  # the schema's root takes either kind of file
    assert not validator_from_published(produced, "#/$defs/register").is_valid(
        json.loads(produced[record_json_path(r.assessed.records[0].id)]))
    register = json.loads(produced[JSON_PATH])
    entries = {e["id"]: e for e in register["records"]}
    for ra in r.assessed.records:
        doc = json.loads(produced[record_json_path(ra.id)])
        assert list(validator.iter_errors(doc)) == []
        assert {k: doc[k] for k in ("id", "url", "record", "computed")} == entries[ra.id]


def test_register_json_header_and_computed_values(public):
    r, produced = public
    doc = json.loads(produced[JSON_PATH])
    schema = schema_mod.load_schema()
    assert doc["schema_version"] == schema["x-schema-version"]
    assert doc["schema"] == "https://register.example.gov.uk/schema/partnership.schema.json"
    assert doc["register_schema"] == "https://register.example.gov.uk/schema/register.schema.json"
    assert doc["assessed_as_of"] == "2025-12-01"
    assert doc["licence"] == {"name": "Open Government Licence v3.0",
                              "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
    assert doc["internal"] is False and "notice" not in doc
    assert doc["publisher"] == "Northshire District Council"
    assert doc["record_count"] == len(doc["records"]) == 4
    entries = {e["id"]: e for e in doc["records"]}
    assert entries["leak-public"]["url"] == "https://register.example.gov.uk/partnerships/leak-public/"
    assert entries["leak-public"]["computed"]["money_withheld"] is True
    assert "money_withheld" not in entries["leak-public"]["record"]
    ra = r.assessed.by_id["ordinary-partnership"]
    c = entries["ordinary-partnership"]["computed"]
    assert c["health"] == ra.health
    assert c["next_review"] == "2026-06-30"
    assert [g["rule"] for g in c["gaps"]] == [g.rule.id for g in ra.gaps]
    ack = next(g for g in c["gaps"] if g["rule"] == "no-exit-strategy")
    assert ack["status"] == "acknowledged" and ack["acknowledgement_expires"] == "2026-03-31"
    assert [(x["title"], x["score"], x["band"], x["closed"]) for x in c["risks"]] == [
        ("Funding ends", 6, "medium", False), ("Old risk", 16, "high", True)]
    assert entries["ordinary-partnership"]["record"]["partners"][1]["name"] == "Hope; Help & Co"


def test_licence_is_configurable():
    r = pipeline.run(make_settings(FIXTURE, as_of=AS_OF, data_licence={
        "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}))
    produced = export(r)
    assert json.loads(produced[JSON_PATH])["licence"]["name"] == "CC BY 4.0"
    assert json.loads(produced[CSVW_PATH])["dc:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    # without site_url links are relative to the site root
    assert json.loads(produced[JSON_PATH])["schema"] == "schema/partnership.schema.json"


# --- iCalendar ---------------------------------------------------------------------------

def events_of(data: bytes) -> list:
    cal = icalendar.Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def test_calendar_has_one_event_per_review_and_future_end(public):
    r, produced = public
    events = events_of(produced[ICS_PATH])
    reviews = {str(e["UID"]): e for e in events if str(e["UID"]).startswith("review-")}
    expected = {ra.id: ra.facts.next_review for ra in r.assessed.records if ra.facts.next_review}
    assert set(reviews) == {f"review-{rid}@register.example.gov.uk" for rid in expected}
    for rid, due in expected.items():
        event = reviews[f"review-{rid}@register.example.gov.uk"]
        assert event.decoded("DTSTART") == due
        assert event.decoded("DTEND") == due + dt.timedelta(days=1)
        name = r.assessed.by_id[rid].record.get("name")
        prefix = "OVERDUE — " if due < AS_OF else ""
        assert str(event["SUMMARY"]) == f"{prefix}Review due: {name}"
        assert str(event["URL"]) == f"https://register.example.gov.uk/partnerships/{rid}/"
        assert event.decoded("DTSTAMP") == dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc)
    assert "closed-partnership" not in " ".join(reviews)
    ends = sorted(str(e["UID"]) for e in events if str(e["UID"]).startswith("end-"))
    assert ends == ["end-leak-public@register.example.gov.uk"]  # ordinary's end date has passed; closed has none


def test_calendar_is_rfc5545(public):
    _, produced = public
    data = produced[ICS_PATH]
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]


# --- internal builds ---------------------------------------------------------------------

def test_internal_artefacts_say_so(internal):
    r, produced = internal
    doc = json.loads(produced[JSON_PATH])
    assert doc["internal"] is True and doc["notice"].startswith(INTERNAL_NOTICE)
    assert json.loads(produced[record_json_path("leak-public")])["internal"] is True
    meta = json.loads(produced[CSVW_PATH])
    assert INTERNAL_NOTICE in meta["dc:title"] and meta["dc:description"].startswith(INTERNAL_NOTICE)
    wb = openpyxl.load_workbook(io.BytesIO(produced[XLSX_PATH]))
    assert INTERNAL_NOTICE in wb.properties.title
    assert wb["About"]["A1"].value == INTERNAL_NOTICE
    assert all(ws.oddHeader.center.text == INTERNAL_NOTICE for ws in wb.worksheets)
    cal = icalendar.Calendar.from_ical(produced[ICS_PATH])
    assert INTERNAL_NOTICE in str(cal["X-WR-CALNAME"])
    assert all(INTERNAL_NOTICE in str(e["DESCRIPTION"]) for e in cal.walk("VEVENT"))
    header = next(csv.reader(io.StringIO(produced[CSV_PATH].decode("utf-8-sig"), newline="")))
    assert "sponsoring_officer.email" in header and "internal_notes" in header and "publication.publish" in header
    assert "leakmark-secret-partnership" in by_id(csv_rows(produced[CSV_PATH]))


def test_internal_csv_validates_with_csvw(internal, tmp_path):
    _, produced = internal
    folder = write_all(produced, tmp_path)
    checked = csvw.CSVW(str(folder / CSVW_PATH), validate=True)
    assert checked.is_valid, [str(w.message) for w in checked.warnings]


def excel_text(value: str) -> str:
    """A cell's text as Excel reads it: `_xHHHH_` is that character (ECMA-376 ST_Xstring), which openpyxl leaves."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_xlsx_keeps_markup_and_odd_text_as_plain_text(tmp_path):
    """Markup, control characters and Excel's own escapes in text must come back as typed."""
    hostile = '<b>Bold</b> & "quotes" \'single\' ]]> <![CDATA[x]]> café — 日本 _x0041_ \u00a0end '
    records = tmp_path / "records"
    records.mkdir()
    (records / "odd-text.md").write_text(
        "---\nid: odd-text\nname: 'PLACEHOLDER'\nstatus: active\ntype: informal\ncouncil_role: [member]\n"
        "summary: \"line one\\r\\nline two\"\n---\n".replace("PLACEHOLDER", hostile.replace("'", "''")),
        encoding="utf-8")
    r = run(records=records)
    assert r.register.problems == []
    book = openpyxl.load_workbook(io.BytesIO(export(r)["data/register.xlsx"]))
    sheet = book["Register"]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2])}
    assert excel_text(row["name"]) == hostile
    assert excel_text(row["summary"]) == "line one\r\nline two"  # a carriage return is written as Excel writes it
