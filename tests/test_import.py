"""`partnerships import`: spreadsheets in the protocols' own layouts and in the register's own
columns become valid records; every value that cannot be used is reported by row and column.

The spreadsheets are written by the tests themselves (csv, openpyxl) into tmp_path, and every
record written is read back with `load_register`, the loader `partnerships check` uses.
"""

from __future__ import annotations

import codecs
import json
import csv
import datetime as dt
import functools
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import import_cli as run, make_settings
from partnership_register import downloads, pipeline
from partnership_register.assess import publication
from partnership_register.officers import importer as im
from partnership_register.officers import new as nr
from partnership_register.cli import main
from partnership_register.load.loader import load_register
from partnership_register.load.schema import load_schema
from partnership_register.load.yamlsource import parse

REPO = Path(__file__).resolve().parents[1]


def write_csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def records(folder: Path) -> dict[str, dict]:
    register = load_register([folder], root=folder.parent)
    assert register.valid, [p.text() for p in register.problems]
    return {r.id: r.data for r in register.records}


# --- 001 Appendix 2: the Partnership Registration Form as spreadsheet columns ------------------------

FORM_001 = [
    "Name of Partnership:", "Role of the Council:",
    "Representatives- Councillors- how many and who: Officers- how many and who:",
    "Contribution of the Partnership towards the Council's Corporate Plan",
    "List other partners and Name of Organisation Leading the Partnership",
    "Resources committed to the partnership - Financial", "Officer resource", "Other",
    "Does the Partnership have a risk register? If not, please state why",
    "Who is responsible for managing risk for the partnership?", "Type of partnership", "Start date",
    "Directorate", "Favourite colour",
]


def form_001_rows():
    return [
        FORM_001,
        ["Northshire Community Safety Partnership", "Lead Member: No  Representative: Yes",
         "Councillors - 2: Cllr Sam Okafor (Chair), Cllr Jo Reed; Officers - 1: Jane Doe (Community Safety Manager)",
         "Safer communities; A cleaner, greener Northshire",
         "Northshire Police (lead); NHS Northshire ICB; Age UK Northshire; Acme Widgets",
         "£25,000 per year grant", "Community Safety Manager, 4 days per month",
         "Office accommodation and admin support",
         "Yes, https://democracy.example.gov.uk/csp/risks.pdf", "Jane Doe, Community Safety Manager",
         "Strategic Partnership", "31/03/2025", "People", "https://csp.example.org"],
        ["Hartwell BID", "Lead authority", "", "", "Hartwell Business Ltd", "", "", "", "", "",
         "BID", "31/02/2025", "", ""],
        ["", "member", "", "", "", "", "", "", "", "", "informal", "", "", ""],
        ["Northshire Widget Club", "member", "", "", "", "", "", "", "", "", "Widget club", "", "", ""],
        ["Northshire Waste Joint Committee", "Accountable body; lead", "", "", "Northshire County Council", "£1.2m per annum pooled budget",
         "", "", "No - the joint committee relies on each council's own register", "", "Joint Committee",
         "31-Mar-2025", "Place", ""],
    ]


def test_import_001_form_columns(tmp_path):
    (tmp_path / "records" / "place").mkdir(parents=True)
    source = write_csv(tmp_path / "register.csv", form_001_rows())
    code, output = run(tmp_path, source)
    assert code == 1, output  # the row with no name was skipped
    lines = output.splitlines()
    # what could not be used, row by row, with the column as the officer wrote it; the record is still written
    assert "row 3: column 'Start date': '31/02/2025' is not a real date" in lines
    assert "row 3: written: records/hartwell-bid.md" in lines
    assert "row 4: no name: every record needs the partnership's name" in lines
    assert any(line.startswith("row 5: note: column 'Type of partnership': 'Widget club' does not say which type of "
                               "partnership it is") for line in lines), output
    assert "note: column 'Favourite colour': is not used: no record field matches this column's heading" in output
    assert output.rstrip().endswith("4 written, 0 updated, 1 skipped (1: no name to make an id from), 1 value not "
                                    "used (listed above, and at the top of each record).")

    found = records(tmp_path / "records")
    assert set(found) == {"northshire-community-safety-partnership", "northshire-waste-joint-committee",
                          "hartwell-bid", "northshire-widget-club"}
    assert "start_date" not in found["hartwell-bid"] and found["hartwell-bid"]["type"] == "business-improvement-district"
    assert found["northshire-widget-club"]["type"] == "not-classified"  # a governance gap, not a refusal
    bid = (tmp_path / "records" / "hartwell-bid.md").read_text(encoding="utf-8")
    assert "# - could not be used: column 'Start date': '31/02/2025' is not a real date\n" in bid
    csp = found["northshire-community-safety-partnership"]
    assert csp["status"] == "active"  # the mapping's default
    assert csp["council_role"] == ["member"]
    assert csp["type"] == "strategic-partnership"
    assert csp["start_date"] == "2025-03-31"
    assert csp["representatives"] == [
        {"name": "Cllr Sam Okafor", "kind": "councillor", "role": "Chair"},
        {"name": "Cllr Jo Reed", "kind": "councillor"},
        {"name": "Jane Doe", "kind": "officer", "role": "Community Safety Manager"},
    ]
    assert csp["corporate_priorities"] == ["Safer communities", "A cleaner, greener Northshire"]
    assert csp["partners"] == [
        {"name": "Northshire Police", "sector": "police-fire", "lead": True},
        {"name": "NHS Northshire ICB", "sector": "health"},
        {"name": "Age UK Northshire", "sector": "voluntary-community"},
        {"name": "Acme Widgets", "sector": "other"},
    ]
    assert csp["money"] == [{"amount": 25000, "frequency": "annual", "form": "grant",
                             "description": "£25,000 per year grant"}]
    assert csp["officer_time"] == [{"role": "Community Safety Manager", "days_per_month": 4}]
    assert csp["in_kind"] == ["accommodation", "administration"]
    assert csp["documents"] == {"risk_register": {"state": "in-place",
                                                  "link": "https://democracy.example.gov.uk/csp/risks.pdf"}}
    assert csp["risk_manager"] == {"name": "Jane Doe", "job_title": "Community Safety Manager"}
    text = (tmp_path / "records" / "northshire-community-safety-partnership.md").read_text(encoding="utf-8")
    assert "# - column 'List other partners and Name of Organisation Leading the Partnership': the sector " \
           "of 'Acme Widgets' is not known; it is set to other, so check it" in text

    waste = found["northshire-waste-joint-committee"]
    assert (tmp_path / "records" / "place" / "northshire-waste-joint-committee.md").is_file()  # directorate folder
    assert waste["type"] == "joint-committee" and waste["start_date"] == "2025-03-31"
    assert waste["council_role"] == ["accountable-body", "lead"]
    assert waste["money"][0]["amount"] == 1_200_000 and waste["money"][0]["form"] == "pooled-budget"
    assert waste["documents"]["risk_register"] == {
        "state": "not-in-place", "reason": "the joint committee relies on each council's own register"}


def test_import_never_overwrites_without_update(tmp_path):
    source = write_csv(tmp_path / "r.csv", [
        ["name", "type", "council_role", "sponsoring_officer.name"],
        ["Hartwell Youth Forum", "formal-forum", "host", "Priya Shah"],
    ])
    assert run(tmp_path, source)[0] == 0
    path = tmp_path / "records" / "hartwell-youth-forum.md"
    # an officer edits the record by hand: a field the spreadsheet does not have, and the text
    text = path.read_text(encoding="utf-8").replace("---\n", "---\nsummary: Young people advise the council.\n", 1)
    path.write_text(text.rstrip("\n").rsplit("---", 1)[0] + "---\n\n## Background\n\nSet up in 2020.\n",
                    encoding="utf-8")
    before = path.read_bytes()
    write_csv(source, [["name", "type", "council_role", "sponsoring_officer.name"],
                       ["Hartwell Youth Forum", "formal-forum", "host; funder", "Sam Lee"]])

    code, output = run(tmp_path, source)
    assert code == 1
    assert "row 2: not written: already on the register (records/hartwell-youth-forum.md; use --update to " \
           "update it)" in output
    assert path.read_bytes() == before

    code, output = run(tmp_path, source, "--update", "--dry-run")
    assert code == 0 and "would be updated: records/hartwell-youth-forum.md" in output
    assert path.read_bytes() == before

    code, output = run(tmp_path, source, "--update")
    assert code == 0, output
    assert "row 2: updated: records/hartwell-youth-forum.md" in output
    data = records(tmp_path / "records")["hartwell-youth-forum"]
    assert data["sponsoring_officer"] == {"name": "Sam Lee"}
    assert data["council_role"] == ["host", "funder"]
    assert data["summary"] == "Young people advise the council."  # kept: not in the spreadsheet
    assert "## Background\n\nSet up in 2020." in path.read_text(encoding="utf-8")

    code, output = run(tmp_path, source, "--update")
    assert code == 0 and "row 2: unchanged, already up to date: records/hartwell-youth-forum.md" in output


def test_import_drafts(tmp_path):
    """A row with values that cannot be used is written with what can be, and says what could not;
    with --drafts it is written as a draft (status proposed) until that is fixed."""
    rows = [
        ["Name of Partnership", "Type", "Council role", "Status", "Start date", "Other resources", "Summary"],
        ["Castleford Community Centre Committee", "management committee", "member", "Live", "31/02/2025",
         "accommodation, helicopters", "A committee runs the centre."],
        ["No Type Partnership", "", "member", "active", "", "", ""],
    ]
    source = write_csv(tmp_path / "r.csv", rows)
    code, output = run(tmp_path, source)
    assert code == 0, output
    assert "row 2: column 'Start date': '31/02/2025' is not a real date" in output
    found = records(tmp_path / "records")
    assert found["castleford-community-centre-committee"]["status"] == "active"  # 'Live'
    assert found["castleford-community-centre-committee"]["in_kind"] == ["accommodation"]
    assert found["castleford-community-centre-committee"]["in_kind_detail"] == "helicopters"
    assert found["no-type-partnership"]["type"] == "not-classified"

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    source = write_csv(drafts / "r.csv", rows)
    code, output = run(drafts, source, "--drafts")
    assert code == 0, output
    assert "row 2: written as a draft: records/castleford-community-centre-committee.md" in output
    assert "row 3: written: records/no-type-partnership.md" in output  # nothing to fix: not a draft
    draft = records(drafts / "records")["castleford-community-centre-committee"]
    assert draft["status"] == "proposed"
    assert "start_date" not in draft
    assert draft["summary"] == "A committee runs the centre."
    text = (drafts / "records" / "castleford-community-centre-committee.md").read_text(encoding="utf-8")
    header = text.split("id:")[0]
    assert header.startswith("---\n# DRAFT imported from r.csv, row 2")
    assert "# - column 'Start date': '31/02/2025' is not a real date\n" in header
    assert "# - the spreadsheet gives the status as 'active'" in header
    assert all(line.startswith("#") for line in header.strip().splitlines()[1:])


def test_import_dry_run_writes_nothing(tmp_path):
    source = write_csv(tmp_path / "r.csv", [["name", "type", "council_role"], ["A Forum", "informal", "member"]])
    code, output = run(tmp_path, source, "--dry-run")
    assert code == 0
    assert "row 2: would be written: records/a-forum.md" in output
    assert "Dry run, so nothing was written. It would be: 1 written, 0 updated, 0 skipped." in output
    assert not (tmp_path / "records").exists()


# --- 003 Annex 1: the audit template, as an Excel workbook ---------------------------------------------

ANNEX_1 = [
    "Name of Partnership", "Type of Partnership including statutory/ legal status", "Partnership area of work",
    "Does the partnership have terms of reference agreed by all partners?", "Membership of the partnership",
    "Elected member contribution to partnership", "Organisation that the partnership is accountable to",
    "Service Manager accountable for the Partnership", "Name of responsible officer identified for the Partnership",
    "Start and proposed end date of partnership", "Contribution of partnership to Council's Business Plan 2017-27",
    "Funding sources available to the partnership",
    "Council resources made available to the partnership including; Finance; Staff; Accommodation; Legal; IT; "
    "Administration; Training; Insurance; Recruitment; Payroll; Health and safety; Advice; Communications",
    "Risks to the council associated with partnership", "Key partnership plans or strategies",
    "Mechanisms in place to review performance", "Key sub groups",
    "Are there any plans for reforming the partnership in the pipeline?", "Information sharing arrangements",
    "Date registered", "Next review",
]


def test_import_003_audit_template_xlsx(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Audit 2024"
    sheet.append(["Partnership audit template, completed March 2024"])  # a title above the headings
    sheet.append([])
    sheet.append(ANNEX_1)
    sheet.append([
        "Northshire Waste Partnership", "Joint Committee - statutory - executive", "Waste and recycling",
        "Yes https://democracy.example.gov.uk/waste/tor.pdf",
        "Northshire County Council (lead); Eastmoor Borough Council; Northshire District Council",
        "Cllr Sam Okafor, Cllr Jo Reed", "Northshire County Council Cabinet",
        "Priya Shah, Head of Waste Services", "Lee Grant (Waste Strategy Manager)",
        "01/04/2019 - 31/03/2029", "A cleaner, greener Northshire", "Partner contributions; Defra grant",
        "Finance; Staff; Health and safety", "Contractor failure would leave waste uncollected.",
        "Joint waste strategy https://example.gov.uk/strategy.pdf", "Quarterly performance report",
        "Recycling officers group", "None at present",
        "N/A - no personal data is shared", dt.datetime(2024, 3, 5, 0, 0), 46387,
    ])
    sheet.append([
        "Hartwell Town Centre Forum", "Strategic partnership, non-statutory, advisory", "Town centre",
        "Being drafted", "Hartwell Traders Association", None, None, None, None,
        dt.datetime(2021, 6, 1), "Thriving town centre", None, None, None, None, None, None, None,
        "Data shared under the county protocol", 45748.0, "31 March 2026",
    ])
    path = tmp_path / "audit.xlsx"
    book.save(path)
    mapping = tmp_path / "ours.yml"
    mapping.write_text("defaults:\n  council_role: [member]\ncouncil: [Northshire District Council]\n",
                       encoding="utf-8")

    code, output = run(tmp_path, path, "--mapping", mapping)
    assert code == 0, output
    assert "2 written, 0 updated, 0 skipped." in output
    found = records(tmp_path / "records")
    waste = found["northshire-waste-partnership"]
    assert (waste["type"], waste["statutory"], waste["decision_role"]) == ("joint-committee", "statutory", "executive")
    assert waste["council_role"] == ["member"]  # the mapping's default
    assert waste["start_date"] == "2019-04-01" and waste["proposed_end_date"] == "2029-03-31"
    assert waste["documents"] == {
        "agreement": {"state": "in-place", "link": "https://democracy.example.gov.uk/waste/tor.pdf"},
        "information_sharing_agreement": {"state": "not-applicable", "reason": "no personal data is shared"},
    }
    assert waste["partners"] == [  # the council itself is not a partner
        {"name": "Northshire County Council", "sector": "public", "lead": True},
        {"name": "Eastmoor Borough Council", "sector": "public"},
    ]
    assert waste["representatives"] == [{"name": "Cllr Sam Okafor", "kind": "councillor"},
                                        {"name": "Cllr Jo Reed", "kind": "councillor"}]
    assert waste["performance"] == {"mechanism": "Quarterly performance report", "frequency": "quarterly"}
    assert waste["accountable_to"] == {"organisation": "Northshire County Council Cabinet"}  # not reported_to
    assert waste["risks_to_council"] == "Contractor failure would leave waste uncollected."  # not risks[]
    assert waste["key_plans"] == [{"title": "Joint waste strategy", "link": "https://example.gov.uk/strategy.pdf"}]
    assert waste["accountable_officer"] == {"name": "Priya Shah", "job_title": "Head of Waste Services"}
    assert waste["sponsoring_officer"] == {"name": "Lee Grant", "job_title": "Waste Strategy Manager"}
    assert waste["corporate_priorities"] == ["A cleaner, greener Northshire"]
    assert waste["funding_sources"] == ["Partner contributions", "Defra grant"]
    assert waste["in_kind"] == ["finance", "staff", "health-and-safety"]
    assert waste["record"] == {"registered_on": "2024-03-05"}  # a real datetime cell
    assert waste["next_review"] == "2026-12-31"  # an Excel serial date
    text = (tmp_path / "records" / "northshire-waste-partnership.md").read_text(encoding="utf-8")
    for section in ("## Key sub-groups\n\nRecycling officers group", "## Plans for reform\n\nNone at present"):
        assert section in text  # no audit date or auditor in the sheet, so the plans stay in the text
    forum = found["hartwell-town-centre-forum"]
    assert (forum["type"], forum["statutory"], forum["decision_role"]) == \
        ("strategic-partnership", "voluntary", "advisory")
    assert forum["start_date"] == "2021-06-01" and "proposed_end_date" not in forum
    assert forum["documents"]["agreement"] == {"state": "not-in-place"}  # 'Being drafted'
    assert forum["partners"] == [{"name": "Hartwell Traders Association", "sector": "private"}]
    assert forum["record"] == {"registered_on": "2025-04-01"} and forum["next_review"] == "2026-03-31"
    forum_text = (tmp_path / "records" / "hartwell-town-centre-forum.md").read_text(encoding="utf-8")
    assert "## Information sharing agreement\n\nData shared under the county protocol" in forum_text
    assert "row 5: note: column 'Information sharing arrangements': does not say whether the information " \
           "sharing agreement is in place" in output


def test_import_003_without_a_council_role_records_it_as_not_yet_classified(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Name of Partnership", "Type of Partnership including statutory/ legal status"])
    book.active.append(["Hartwell Forum", "Formal forum"])
    book.save(tmp_path / "audit.xlsx")
    code, output = run(tmp_path, tmp_path / "audit.xlsx")
    assert code == 0, output
    assert "note: no column gives council_role; every new record gets council_role: ['not-classified']" in output
    assert "row 2: note: the sheet does not say what the council's role is, so it is recorded as not yet " \
           "classified" in output
    data = records(tmp_path / "records")["hartwell-forum"]
    assert data["council_role"] == ["not-classified"] and data["type"] == "formal-forum"


# --- The register's own columns --------------------------------------------------------------------

def _flatten(data: dict) -> dict[str, str]:
    """The register's CSV columns for one record: dotted paths, lists joined with '; ', one set
    of columns per item of a list of groups (`reviews[0].summary`)."""
    out: dict[str, str] = {}

    def text(value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return "; ".join(text(v) for v in value)
        return str(value)

    def walk(value, path):
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, f"{path}.{key}" if path else key)
        elif isinstance(value, list) and value and isinstance(value[0], dict) and "." in path:
            out[path] = json.dumps(value)  # a list of groups inside a group is one JSON cell, as in the CSV
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                for key, sub in item.items():
                    if isinstance(sub, (dict, list)) and sub and (isinstance(sub, dict) or isinstance(sub[0], dict)):
                        continue  # a group, or a list of groups, inside a list of groups has no column
                    out[f"{path}[{i}].{key}"] = text(sub)
        else:
            out[path] = text(value)

    walk(data, "")
    return out


def test_the_registers_own_columns_import_back_unchanged(tmp_path):
    sample = load_register([REPO / "records"], root=REPO)
    assert sample.valid and len(sample.records) >= 10
    flat = [_flatten(r.data) for r in sample.records]
    headings = sorted({h for row in flat for h in row})
    write_csv(tmp_path / "register.csv", [headings] + [[row.get(h, "") for h in headings] for row in flat])

    code, output = run(tmp_path, tmp_path / "register.csv")
    assert code == 0, output
    assert "is not used" not in output  # every column of the register's own is understood
    imported = records(tmp_path / "records")
    for original in sample.records:
        expected = {k: v for k, v in original.data.items()}
        # groups inside the items of a list have no column of their own (the CSV download holds them as JSON)
        for key, nested in (("risks", ("controls_planned", "inherent", "target", "escalation")),
                            ("reviews", ("improvement",)),
                            ("audits", ("findings", "reform_plans")),  # 'None' in a cell of its own reads as empty
                            ("partners", ("contribution",)),
                            ("representatives", ("delegated_authority", "also_represents", "fiduciary_role",
                                                 "interests"))):
            for item in expected.get(key, []):
                for sub in nested:
                    item.pop(sub, None)
        assert imported[original.id] == expected, original.id


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_registers_downloads_import_back_unchanged(tmp_path, fmt):
    """`partnerships export --internal` then `partnerships import`: every record comes back as it was."""
    exported = tmp_path / f"register.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--internal", "-o", str(exported),
                                       "--config", str(REPO / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    code, output = run(tmp_path, exported)
    assert code == 0, output
    assert "is not used" not in output and "computed.* columns are not read" in output
    imported = records(tmp_path / "records")
    sample = load_register([REPO / "records"], root=REPO)
    assert imported == {r.id: r.data for r in sample.records}


def test_the_public_download_imports_back_as_the_public_view(tmp_path):
    exported = tmp_path / "register.csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(exported),
                                       "--config", str(REPO / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    code, output = run(tmp_path, exported)
    assert code == 0, output
    public = publication.view(load_register([REPO / "records"], root=REPO).records, publication.PUBLIC)
    expected = {r.id: {k: v for k, v in r.data.items() if k != "money_withheld"} for r in public}
    assert records(tmp_path / "records") == expected


def test_dotted_columns_with_lists_joined_by_semicolons(tmp_path):
    source = write_csv(tmp_path / "export.csv", [
        ["id", "name", "status", "type", "council_role", "partners.name", "partners.sector", "partners.lead",
         "documents.exit_strategy.state", "documents.agreement.state", "documents.agreement.link",
         "money.amount", "money.frequency", "money.form", "start_date", "in_kind", "personal_data_shared",
         "risks.title", "risks.likelihood", "risks.impact"],
        ["waste-jc", "Waste JC", "active", "joint-committee", "member; funder",
         "Northshire County Council; Eastmoor Borough Council", "public; public", "true; ",
         "not-in-place", "in-place", "https://example.gov.uk/agreement.pdf",
         "250000; 1500", "annual; one-off", "pooled-budget; other", "2019-04-01", "health-and-safety; it",
         "no", "Contractor failure; Budget overrun", "2; 3", "4; 2"],
    ])
    code, output = run(tmp_path, source)
    assert code == 0, output
    data = records(tmp_path / "records")["waste-jc"]
    assert data["partners"] == [{"name": "Northshire County Council", "sector": "public", "lead": True},
                                {"name": "Eastmoor Borough Council", "sector": "public"}]
    assert data["money"] == [{"amount": 250000, "frequency": "annual", "form": "pooled-budget"},
                             {"amount": 1500, "frequency": "one-off", "form": "other"}]
    assert data["documents"] == {"agreement": {"state": "in-place", "link": "https://example.gov.uk/agreement.pdf"},
                                 "exit_strategy": {"state": "not-in-place"}}
    assert data["in_kind"] == ["health-and-safety", "it"] and data["personal_data_shared"] is False
    assert data["risks"] == [{"title": "Contractor failure", "likelihood": 2, "impact": 4},
                             {"title": "Budget overrun", "likelihood": 3, "impact": 2}]


def test_text_that_yaml_would_misread_is_quoted(tmp_path):
    source = write_csv(tmp_path / "r.csv", [
        ["name", "type", "council_role", "legal_form", "service", "area_of_work", "directorate"],
        ["Yes", "informal", "member", "2025-03-31", "on", "0o17", "No"],
    ])
    assert run(tmp_path, source)[0] == 0
    text = (tmp_path / "records" / "yes.md").read_text(encoding="utf-8")
    for line in ("name: 'Yes'", "legal_form: '2025-03-31'", "service: 'on'", "area_of_work: '0o17'",
                 "directorate: 'No'"):
        assert f"\n{line}\n" in text, line
    data = records(tmp_path / "records")["yes"]
    assert (data["name"], data["legal_form"], data["service"], data["area_of_work"], data["directorate"]) == \
        ("Yes", "2025-03-31", "on", "0o17", "No")


def test_fields_are_written_in_the_schemas_order(tmp_path):
    source = write_csv(tmp_path / "r.csv", [
        ["next_review", "council_role", "type", "name", "start_date", "status"],
        ["2026-01-31", "member", "informal", "Order Test", "1 April 2020", "active"],
    ])
    assert run(tmp_path, source)[0] == 0
    text = (tmp_path / "records" / "order-test.md").read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines() if line and line[0].isalpha()]
    order = list(load_schema()["properties"])
    assert keys == sorted(keys, key=order.index)
    assert "\nstart_date: 2020-04-01\n" in text and "\nnext_review: 2026-01-31\n" in text  # plain ISO dates


def test_two_rows_making_the_same_id(tmp_path):
    source = write_csv(tmp_path / "r.csv", [["name", "type", "council_role"],
                                            ["Waste Forum", "informal", "member"],
                                            ["Waste  forum!", "informal", "member"]])
    code, output = run(tmp_path, source)
    assert code == 0, output  # both are written: the second with its own id, and a note to check
    assert "row 3: note: row 2 has the same name, so this record's id is 'waste-forum-2'" in output
    assert set(records(tmp_path / "records")) == {"waste-forum", "waste-forum-2"}
    ids = write_csv(tmp_path / "ids.csv", [["id", "name", "type", "council_role"],
                                           ["jc", "Waste Forum", "informal", "member"],
                                           ["jc", "Other Forum", "informal", "member"]])
    code, output = run(tmp_path / "records", ids, "--folder", "ids")
    assert code == 1
    assert "row 3: not written: id made twice (row 2 also has the id 'jc'; give the rows different ids)" in output


def test_a_broken_mapping_file_is_a_usage_error(tmp_path):
    source = write_csv(tmp_path / "r.csv", [["name"], ["x"]])
    bad = tmp_path / "bad.yml"
    bad.write_text("columns:\n  - to: nonsense.field\n    headings: [X]\n", encoding="utf-8")
    code, output = run(tmp_path, source, "--mapping", bad)
    assert code == 2 and "bad.yml: columns entry 1: cannot read values into nonsense.field" in output
    bad.write_text("columns: [\n", encoding="utf-8")
    code, output = run(tmp_path, source, "--mapping", bad)
    assert code == 2 and "bad.yml:" in output and "YAML syntax error" in output


def test_an_own_mapping_is_tried_first(tmp_path):
    source = write_csv(tmp_path / "r.csv", [["Scheme", "Kind", "Role", "Name"],
                                            ["Hartwell Lights", "JV", "shareholder", "Priya Shah"]])
    mapping = tmp_path / "m.yml"
    mapping.write_text("columns:\n"
                       "  - {to: name, headings: [Scheme]}\n"
                       "  - {to: type, headings: [Kind]}\n"
                       "  - {to: council_role, headings: [Role]}\n"
                       "  - {to: sponsoring_officer, headings: [Name]}\n", encoding="utf-8")
    code, output = run(tmp_path, source, "--mapping", mapping)
    assert code == 0, output
    data = records(tmp_path / "records")["hartwell-lights"]
    assert data["type"] == "joint-venture-company" and data["sponsoring_officer"] == {"name": "Priya Shah"}


# --- Reading values --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("31/03/2025", dt.date(2025, 3, 31)),
    ("1/4/25", dt.date(2025, 4, 1)),
    ("31.03.2025", dt.date(2025, 3, 31)),
    ("31 March 2025", dt.date(2025, 3, 31)),
    ("31st March 2025", dt.date(2025, 3, 31)),
    ("31-Mar-2025", dt.date(2025, 3, 31)),
    ("31-Mar-25", dt.date(2025, 3, 31)),
    ("1 Sept 2025", dt.date(2025, 9, 1)),
    ("March 31, 2025", dt.date(2025, 3, 31)),
    ("2025-03-31", dt.date(2025, 3, 31)),
    ("2025-03-31 00:00:00", dt.date(2025, 3, 31)),
    (45748, dt.date(2025, 4, 1)),
    (45748.0, dt.date(2025, 4, 1)),
    ("45748", dt.date(2025, 4, 1)),
    (dt.datetime(2025, 3, 31, 9, 30), dt.date(2025, 3, 31)),
    (dt.date(2025, 3, 31), dt.date(2025, 3, 31)),
])
def test_parse_date(value, expected):
    assert im.parse_date(value) == expected


@pytest.mark.parametrize("value, message", [
    ("31/02/2025", "'31/02/2025' is not a real date"),
    ("2025-02-30", "'2025-02-30' is not a real date"),
    ("31 Marchh 2025", "'Marchh' is not a month"),
    ("next spring", "is not a date the import understands"),
    ("03/31/2025", "is not a real date"),  # UK councils write the day first
])
def test_parse_date_refuses(value, message):
    with pytest.raises(im.Unusable, match=message):
        im.parse_date(value)


@pytest.mark.parametrize("value, expected", [
    ("£25,000", 25000), ("25k", 25000), ("£1.2m", 1_200_000), ("2 million", 2_000_000),
    ("£1,234.50", 1234.5), (3, 3), (2.0, 2), ("0.5", 0.5),
])
def test_parse_amount(value, expected):
    assert im.parse_amount(value) == expected


@pytest.mark.parametrize("value, expected", [("Yes", True), ("y", True), ("TRUE", True), ("No", False),
                                             ("N", False), ("false", False), (True, True), (0, False)])
def test_parse_bool(value, expected):
    assert im.parse_bool(value) is expected


def test_find_values_prefers_the_longest_phrase():
    statutory = load_schema()["properties"]["statutory"]["enum"]
    synonyms = im.default_mapping().synonyms("statutory")
    assert im.find_values("Non-statutory, advisory", statutory, synonyms) == ["voluntary"]
    assert im.find_values("Statutory partnership", statutory, synonyms) == ["statutory"]


@pytest.mark.parametrize("heading, field", [
    ("Name of Partnership:", "name"),
    ("  NAME OF PARTNERSHIP ", "name"),
    ("Role of the council", "council_role"),
    ("sponsoring_officer.name", "sponsoring_officer.name"),
    ("Sponsoring officer name", "sponsoring_officer.name"),
    ("documents.exit_strategy.state", "documents.exit_strategy.state"),
    ("partners.sector", "partners[].sector"),
    ("reviews[1].summary", "reviews[].summary"),
    ("Contribution of partnership to Council's Business Plan 2020-30", "corporate_priorities"),
])
def test_headings_are_matched_tolerantly(heading, field):
    col = im.match_heading(heading, im.default_mapping(), load_schema())
    assert col is not None and col.to[0] == field


def test_every_enum_synonym_in_the_default_mapping_names_an_allowed_value():
    schema = load_schema()
    mapping = im.default_mapping()
    for pattern, words in mapping.values.items():
        fields = [pattern.replace("*", doc) for doc in schema["properties"]["documents"]["properties"]] \
            if "*" in pattern else [pattern]
        for field in fields:
            allowed = nr.enum_values(schema, field)
            assert allowed, f"{pattern} is not an enumerated field"
            bad = {w: v for w, v in words.items() if v not in allowed}
            assert not bad, f"{pattern}: {bad}"


def test_a_csv_with_semicolons_and_a_bom(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffName of Partnership;Type;Role of the Council\r\nÉcole Forum;informal;member\r\n"
                     .encode("utf-8"))
    code, output = run(tmp_path, path)
    assert code == 0, output
    assert records(tmp_path / "records")["ecole-forum"]["name"] == "École Forum"


def test_report_lines_are_what_the_command_prints(tmp_path):
    source = write_csv(tmp_path / "register.csv", form_001_rows())
    report = im.import_register(source, tmp_path / "records", dry_run=True)
    assert report.count("written") == 4 and len(report.skipped) == 1
    assert [r.row for r in report.rows] == [2, 3, 4, 5, 6]
    assert report.columns["Name of Partnership:"] == "name"
    assert report.unused_columns == ["Favourite colour"]
    assert not (tmp_path / "records").exists()
    front = parse((REPO / "plugins" / "partnership_register" / "data" / "import-mapping.yml")
                  .read_text(encoding="utf-8"))
    assert not front[2], front[2]  # the shipped mapping is strict YAML


# --- The site's own downloads import back ----------------------------------------------------------

@functools.cache
def site_downloads(records_dir: Path, mode: str):
    """The pipeline's view of a register and its downloads, as a build of `mode` makes them."""
    result = pipeline.run(make_settings(records_dir, mode=mode))
    assert not result.problems, [p.text() for p in result.problems]
    return result.view, downloads.artefacts(result.assessed, result.settings)


def assert_same_records(imported: dict[str, dict], view) -> None:
    """Field by field: the records written hold exactly the front-matter data the download was made from."""
    expected = {r.id: {k: v for k, v in r.data.items() if k != "money_withheld"} for r in view}  # computed.*
    assert sorted(imported) == sorted(expected)
    for rid, data in expected.items():
        for key in sorted(set(data) | set(imported[rid])):
            assert imported[rid].get(key) == data.get(key), f"{rid}: {key}"


@pytest.mark.parametrize("mode", ["public", "internal"])
@pytest.mark.parametrize("download, bom", [(downloads.CSV_PATH, False), (downloads.CSV_PATH, True),
                                           (downloads.XLSX_PATH, False)])
def test_the_sites_own_downloads_import_back_to_the_same_records(tmp_path, mode, download, bom):
    view, files = site_downloads(REPO / "records", mode)
    source = tmp_path / Path(download).name
    source.write_bytes((codecs.BOM_UTF8 if bom else b"") + files[download])
    code, output = run(tmp_path, source)
    assert code == 0, output
    assert "is not used" not in output and "computed.* columns are not read" in output
    assert_same_records(records(tmp_path / "records"), view)
    if mode == "internal":  # internal fields and unpublished records came back too
        assert any("internal_notes" in r.data or "publication" in r.data for r in view)


TRICKY = """\
---
id: tricky-forum
name: "=SUM(A1) Forum"
status: active
summary: "-5% of the budget; see the notes"
purpose: "First paragraph.\\n\\nSecond\\u2028line, with a line separator\\u2029and a paragraph one."
aims: ["+44 calls answered", "@home visits", "None"]
area_of_work: None
type: informal
legal_form: N/A
legal_power: "Local Government Act 1972\\u00a0s101"
council_role: [member]
directorate: "007"
service: tbc
sponsoring_officer: {name: "Zoë O’Brien", job_title: "Head of Café & £ Services"}
end_reason_detail: "-"
internal_notes: "Line one\\nline two"
meetings: {quorum: "3", chair: "true"}
funding_sources: ["2025-03-31", "1.50"]
---
"""


@pytest.mark.parametrize("download", [downloads.CSV_PATH, downloads.XLSX_PATH])
def test_text_a_spreadsheet_would_misread_comes_back_as_it_was(tmp_path, download):
    """Formula-like text, words that mean 'nothing' in other spreadsheets, no-break spaces, line separators."""
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "tricky-forum.md").write_text(TRICKY, encoding="utf-8")
    view, files = site_downloads(folder, "internal")
    source = tmp_path / Path(download).name
    source.write_bytes(files[download])
    code, output = run(tmp_path, source)
    assert code == 0, output
    assert_same_records(records(tmp_path / "records"), view)


# --- Files that are hard to read -------------------------------------------------------------------

HEAD = ["name", "type", "council_role", "purpose"]


def _text(rows, delimiter=",") -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue()


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


CAFE = ["Café Forum", "informal", "member", "Costs £5 a year"]
# name, file name, its bytes, exit code, a line of the report, the purpose of the record written (if one is)
HARD_FILES = [
    ("utf-16 tab", "register.txt", _text([HEAD, CAFE], "\t").encode("utf-16"), 0, "row 2: written", CAFE[3]),
    ("utf-16 be", "register.csv", codecs.BOM_UTF16_BE + _text([HEAD, CAFE]).encode("utf-16-be"), 0,
     "row 2: written", CAFE[3]),
    ("windows-1252", "register.csv", _text([HEAD, CAFE]).encode("cp1252"), 0,
     "note: read as Windows-1252: the file is not UTF-8 (byte 0xE9 on line 2)", CAFE[3]),
    ("bom", "register.csv", _text([HEAD, CAFE]).encode("utf-8-sig"), 0, "row 2: written", CAFE[3]),
    ("200 KB cell", "register.csv", _text([HEAD, ["Big Forum", "informal", "member", "x" * 200_000]]).encode(), 0,
     "row 2: written", "x" * 200_000),
    ("cell over the limit", "register.csv",
     _text([HEAD, ["Big Forum", "informal", "member", "x" * (im.values.MAX_CELL + 1)]]).encode(), 0,
     f"row 2: column 'purpose': the cell holds {im.values.MAX_CELL + 1:,} characters, more than the "
     f"{im.values.MAX_CELL:,} a cell may hold", None),
    ("line separators", "register.csv",
     _text([HEAD, ["Lines Forum", "informal", "member", "a\u2028b\u2029c\u0085d\r\ne\rf"],
            ["Second Forum", "informal", "member", "g"]]).encode(), 0, "row 3: written",
     "a\u2028b\u2029c\nd\ne\nf"),
    ("line separators unquoted", "register.csv",
     ",".join(HEAD).encode() + "\r\nLines Forum,informal,member,a\u2028b\u0085c\r\n".encode(), 0,
     "row 2: written", "a\u2028b\nc"),
    ("xlsx named .csv", "register.csv", _xlsx([HEAD, CAFE]), 0,
     "note: the file is an Excel workbook, though its name ends .csv; it is read as a workbook", CAFE[3]),
    ("csv named .xlsx", "register.xlsx", _text([HEAD, CAFE]).encode(), 0,
     "note: the file is text, not an Excel workbook, though its name ends .xlsx; it is read as CSV", CAFE[3]),
    ("empty", "register.csv", b"", 2, "Error: register.csv: the file is empty", None),
    ("blank lines", "register.csv", b"\r\n ,, \r\n\r\n", 2, "Error: register.csv: the file is empty", None),
    ("header only", "register.csv", _text([HEAD]).encode(), 0,
     "row 1: note: holds the headings, but no row below it holds anything to import", None),
    ("binary junk", "register.csv", bytes(range(256)) * 8, 2,
     "Error: register.csv: is not a text file: it holds NUL bytes", None),
    ("control characters", "register.csv", bytes(range(1, 32)) * 8, 2,
     "Error: register.csv: is not a text file: it holds control characters (U+0001 first)", None),
    ("utf-16 without a bom", "register.csv", _text([HEAD, CAFE]).encode("utf-16-le"), 2,
     "it holds NUL bytes (it may be UTF-16 text without a byte-order mark)", None),
    ("neither utf-8 nor windows-1252", "register.csv", b"name,type\r\nCaf\xe9 \x81,informal\r\n", 2,
     "Error: register.csv: line 2: byte 0xE9 is not UTF-8 text, and byte 0x81 on line 2 is not Windows-1252",
     None),
    ("an old .xls", "register.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), 2,
     "Error: register.csv: is an Excel 97-2003 workbook (.xls)", None),
    ("a zip that is no workbook", "register.csv", b"PK\x03\x04" + bytes(100), 2,
     "Error: register.csv: cannot be read as an Excel workbook", None),
    ("a quote never closed", "register.csv",
     _text([HEAD, CAFE]).encode() + b'Open Forum,informal,member,"never closed\r\nA,informal,member,x\r\n', 2,
     "Error: register.csv: row 3: a quoted cell is never closed", None),
    ("quotes used loosely", "register.csv", b'name,type,council_role\r\n"Loose" Forum,informal,member\r\n', 0,
     "row 2: written: records/loose-forum.md", None),
]


@pytest.mark.parametrize("name, filename, data, code, line, purpose", HARD_FILES, ids=[f[0] for f in HARD_FILES])
def test_a_hard_file_is_read_or_refused_with_its_place(tmp_path, name, filename, data, code, line, purpose):
    source = tmp_path / filename
    source.write_bytes(data)
    got, output = run(tmp_path, source)  # never a traceback (run asserts that)
    assert got == code, output
    assert line in output, output
    if purpose is not None:
        written = list(records(tmp_path / "records").values())
        assert purpose in [r["purpose"] for r in written]
    elif code == 0 and (tmp_path / "records").exists():
        assert all("purpose" not in r for r in records(tmp_path / "records").values())  # left out, and said


def test_every_reader_has_a_name_in_the_mapping_language():
    assert set(im.convert.READERS) == im.mapping.READER_NAMES


def test_a_broken_json_cell_in_the_registers_own_column_is_located(tmp_path):
    """register.xlsx cuts a cell at Excel's 32,767 characters; a list cut short is said, not misread."""
    source = write_csv(tmp_path / "r.csv", [["name", "type", "council_role", "partners"],
                                            ["Cut Forum", "informal", "member", '[{"name": "Northshire Pol']])
    code, output = run(tmp_path, source)
    assert code == 0, output  # the record is written without its partners, and the report says why
    assert "row 2: column 'partners': '[{\"name\": \"Northshire Pol' is not a list written as JSON" in output
    assert "partners" not in records(tmp_path / "records")["cut-forum"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400),
                      st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=200).map(lambda t: t.encode("utf-16"))))
def test_any_bytes_are_read_or_refused_never_a_traceback(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / "register.csv"
    source.write_bytes(b"name,type,council_role,purpose\r\n" + data)
    try:
        report = im.import_register(source, folder / "records", dry_run=True)
    except im.UnreadableFile as exc:
        assert str(exc).startswith("register.csv: ")
    else:
        assert report.lines()[-1].startswith("Dry run")


# --- The council's own name, from mkdocs.yml ------------------------------------------------------------

def test_import_knows_the_council_by_the_name_in_mkdocs_yml(tmp_path):
    """A partner or lead given by the register's council_name is the council itself: no partner of
    that name, the council's role is lead, and no note about two leads. An 'Annual funding (£)'
    column is the council's money a year."""
    (tmp_path / "records").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Register\nplugins:\n  - partnership-register:\n      council_name: Barsetshire County Council\n",
        encoding="utf-8")
    write_csv(tmp_path / "old.csv", [
        ["Partnership Title", "Partner Bodies", "Lead Body", "Annual Funding (£)", "Status"],
        ["Barset Safer Streets", "Barset Police; BARSETSHIRE COUNTY COUNCIL; NHS Barset ICB",
         "Barsetshire County Council", "£45,000", "Active"],
        ["Barset Rivers Trust Forum", "Barset Rivers Trust", "Barset Rivers Trust", "12,500 per year", "Active"],
    ])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    assert "are given as the lead" not in out
    got = records(tmp_path / "records")
    streets, rivers = got["barset-safer-streets"], got["barset-rivers-trust-forum"]
    assert [p["name"] for p in streets["partners"]] == ["Barset Police", "NHS Barset ICB"]
    assert "lead" in streets["council_role"]
    assert [(m["amount"], m["frequency"]) for m in streets["money"]] == [(45000, "annual")]
    assert "lead" not in rivers["council_role"] and [p.get("lead") for p in rivers["partners"]] == [True]
    assert [(m["amount"], m["frequency"]) for m in rivers["money"]] == [(12500, "annual")]


def test_import_without_mkdocs_yml_keeps_a_partner_named_as_a_council(tmp_path):
    """Without the council's name a council partner is a partner (another council may be meant)."""
    (tmp_path / "records").mkdir()
    write_csv(tmp_path / "old.csv", [["Partnership Title", "Partner Bodies", "Status"],
                                     ["Barset Safer Streets", "Barset Police; Barsetshire County Council", "Active"]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    partners = records(tmp_path / "records")["barset-safer-streets"]["partners"]
    assert [p["name"] for p in partners] == ["Barset Police", "Barsetshire County Council"]


def test_import_with_an_unreadable_mkdocs_yml_says_so_and_imports(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Register\nplugins:\n  - partnership-register:\n      council_nam: X\n",
                                         encoding="utf-8")
    write_csv(tmp_path / "old.csv", [["Partnership Title", "Status"], ["Barset Safer Streets", "Active"]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    assert "mkdocs.yml cannot be read" in out and "council_nam" in out
    assert set(records(tmp_path / "records")) == {"barset-safer-streets"}


def _council_register(tmp_path: Path, council: str = "Westmoor District Council") -> Path:
    (tmp_path / "records").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Register\nplugins:\n  - partnership-register:\n      council_name: {council}\n", encoding="utf-8")
    return tmp_path


def test_import_reads_what_registers_write_in_their_own_ways(tmp_path, monkeypatch):
    """Found by trying real-shaped registers: each of these went into the wrong field or was lost."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795435200")  # 2026-11-23
    root = _council_register(tmp_path)
    write_csv(root / "old.csv", [
        ["Partnership", "Type", "Annual Contribution (£)", "Agreement signed?", "Date of agreement", "Review",
         "Risk register", "Partners"],
        ["Alpha Forum", "Joint Committee", "£250 per month", "TRUE", "2021-09-01", "March 2028", "Not known",
         "Westmoor DC (lead); Highfield BC"],
        ["Beta Board", "Informal", "£1,000 a quarter", "FALSE", "", "2020-05-01", "No", "Westmoor District Council"],
        ["PLACE DIRECTORATE", "", "", "", "", "", "", ""],
        ["Partnership", "Type", "Annual Contribution (£)", "Agreement signed?", "", "", "", ""],
        ["Sub-total Place", "", "£4,250", "", "", "", "", ""],
    ])
    code, out = run(root, "old.csv")
    assert code == 0, out
    got = records(root / "records")
    assert set(got) == {"alpha-forum", "beta-board"}, out
    assert "it repeats the column headings" in out and "'Sub-total Place' is a total row" in out
    assert "looks like a section heading" in out
    alpha, beta = got["alpha-forum"], got["beta-board"]
    assert alpha["type"] == "joint-committee" and beta["type"] == "informal"  # 'Type' is the partnership's type
    assert all("form" not in m for m in alpha["money"] + beta["money"])
    assert [(m["amount"], m["frequency"]) for m in alpha["money"]] == [(3000, "annual")]
    assert [(m["amount"], m["frequency"]) for m in beta["money"]] == [(4000, "annual")]
    assert alpha["documents"]["agreement"] == {"state": "in-place", "date_agreed": "2021-09-01"}
    assert beta["documents"]["agreement"]["state"] == "not-in-place"
    assert "risk_register" not in alpha["documents"] and "'Not known'" in out  # unknown is not 'not in place'
    assert alpha["next_review"] == "2028-03-31" and "reviews" not in alpha  # a future date is when it is due
    assert alpha["council_role"] == ["lead"] and [p["name"] for p in alpha["partners"]] == ["Highfield BC"]
    assert "partners" not in beta  # the council itself is no partner, and no empty list is written
    assert "record" not in alpha or "registered_by" not in alpha.get("record", {})


def test_import_a_review_date_after_today_is_the_next_review(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795435200")  # 2026-11-23
    (tmp_path / "records").mkdir()
    write_csv(tmp_path / "old.csv", [["Partnership", "Last reviewed", "Status"],
                                     ["Alpha Forum", "2027-06-30", "Active"], ["Beta Board", "2026-06-30", "Active"]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    got = records(tmp_path / "records")
    assert got["alpha-forum"]["next_review"] == "2027-06-30" and "reviews" not in got["alpha-forum"]
    assert "2027-06-30 is after today" in out
    assert got["beta-board"]["reviews"] == [{"date": "2026-06-30"}] and "next_review" not in got["beta-board"]


def test_import_reminds_that_the_init_example_is_still_there(tmp_path):
    from partnership_register.officers import init as init_mod
    planned = init_mod.files(init_mod.Council("Westmoor District Council", "web@westmoor.gov.uk"))
    init_mod.write(tmp_path, planned)
    write_csv(tmp_path / "old.csv", [["Partnership", "Status"], ["Alpha Forum", "Active"]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    assert "example-partnership.md is the example record" in out
    (tmp_path / "records" / "example-partnership.md").unlink()
    write_csv(tmp_path / "old2.csv", [["Partnership", "Status"], ["Beta Board", "Active"]])
    code, out = run(tmp_path, "old2.csv")
    assert code == 0 and "example record" not in out, out


def test_a_value_not_used_is_said_in_words_not_python():
    from partnership_register.officers.importer.convert import _said
    assert _said({"state": "in-place", "note": "2021"}) == "state in-place, note 2021"
    assert _said(["a", {"date_agreed": "2021-01-01"}]) == "a; date agreed 2021-01-01"


def test_import_more_of_the_headings_and_statuses_registers_use(tmp_path):
    (tmp_path / "records").mkdir()
    write_csv(tmp_path / "old.csv", [
        ["Name", "Who we work with", "Lead", "Annual value", "Status", "Date left", "Finish"],
        ["Alpha Forum", "Highfield BC; Barset Police", "Highfield BC", "£125,000", "Being wound up", "", "2027-03-31"],
        ["Beta Board", "Barset Police", "", "£3,400,000", "Wound up", "31/03/2024", ""],
        ["Gamma Group", "Barset NHS", "", "", "Pipeline", "", ""]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    got = records(tmp_path / "records")
    alpha, beta, gamma = got["alpha-forum"], got["beta-board"], got["gamma-group"]
    assert (alpha["status"], beta["status"], gamma["status"]) == ("exiting", "closed", "proposed")
    assert [(p["name"], p.get("lead", False)) for p in alpha["partners"]] == [("Highfield BC", True),
                                                                              ("Barset Police", False)]
    assert alpha["proposed_end_date"] == "2027-03-31" and beta["closed_date"] == "2024-03-31"
    assert [(m["amount"], m["frequency"]) for m in alpha["money"]] == [(125000, "annual")]


def test_import_more_than_one_fte_is_kept_as_one_entry_a_person(tmp_path):
    (tmp_path / "records").mkdir()
    write_csv(tmp_path / "old.csv", [["Name", "Officer time"], ["Alpha Forum", "2.5 FTE Community safety team"]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    time = records(tmp_path / "records")["alpha-forum"]["officer_time"]
    assert [(t["role"], t["days_per_month"]) for t in time] == [("Community safety team", 21.7)] * 2 + [
        ("Community safety team", 10.8)]
    assert "54.2 days a month in all" in out


def test_import_names_in_any_script_people_as_systems_write_them_and_sharepoint_lists(tmp_path):
    (tmp_path / "records").mkdir()
    write_csv(tmp_path / "old.csv", [
        ["Name", "Status", "Contact officer", "Partners"],
        ["Партнерство здоровья", "Active", "jane.doe@westmoor.gov.uk", "Barset Police;#Barset NHS;#Дом"],
        ["Beta Board", "Active", "Doe, Jane", "Σύμπραξη Ltd; Дом"],
        ["Gamma Group", "Active", "Director of Public Health (county)", ""],
        ["Delta Forum", "Active", "info@westmoor.gov.uk", ""]])
    code, out = run(tmp_path, "old.csv")
    assert code == 0, out
    got = records(tmp_path / "records")
    first = got["partnership-row-2"]
    assert first["name"] == "Партнерство здоровья" and "the id is 'partnership-row-2'" in out
    assert first["sponsoring_officer"] == {"name": "Jane Doe", "email": "jane.doe@westmoor.gov.uk"}
    assert [p["name"] for p in first["partners"]] == ["Barset Police", "Barset NHS", "Дом"]
    assert [p["name"] for p in got["beta-board"]["partners"]] == ["Σύμπραξη Ltd", "Дом"]  # not one 'same' name
    assert got["beta-board"]["sponsoring_officer"] == {"name": "Jane Doe"}
    assert got["gamma-group"]["sponsoring_officer"] == {"job_title": "Director of Public Health (county)"}
    assert got["delta-forum"]["sponsoring_officer"] == {"job_title": "Contact", "email": "info@westmoor.gov.uk"}
