"""Property: what `partnerships check` accepts, the site publishes: every page, every download, well formed.

Registers of one to three records are generated from the real schema (hypothesis-jsonschema), with the
edges that broke the build before (money .nan, .inf, 1e400, two amounts of 1.7e308, 9999-12-31, any
year 9999, U+FFFE, control characters, NUL) and the values just inside the bounds (1e15, 1900-01-01,
2199-12-31). Each register is written as files the way an officer's editor or `partnerships import`
would (officers/yamlwrite), and read by the real loader. Then:

- refused: every problem names one of the files, a line inside it and a column, and prints;
- accepted: the public site is laid out and every page rendered (pages.build_site, pages.render), every
  download made in both builds, and each one parses strictly: JSON with no NaN or Infinity, an XLSX
  openpyxl opens, an ICS icalendar reads, CSV the csv module reads, and every SVG chart as XML;
  no page or download carries a character the loader refuses.

Half the registers are tidied first (references pointed at each other, rule ids made real, unusable
characters taken out), so that a good share is accepted; the test fails unless both outcomes are common.
A few registers at the very edges also go through a real `mkdocs build --strict`, with git history so
the Atom feed is written and parsed too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from icalendar import Calendar

from partnership_register import pages as pages_mod
from partnership_register import pipeline
from partnership_register.assess.rules import RULE_IDS
from partnership_register.downloads import artefacts
from partnership_register.load import schema as schema_mod
from partnership_register.load.yamlsource import FORBIDDEN_CHARACTERS
from partnership_register.officers.yamlwrite import dump, front_matter
from partnership_register.pages.render import Renderer
from partnership_register import text as text_mod

from helpers import make_settings

SCHEMA = schema_mod.load_schema()
AS_OF = "2026-11-23"

# Values just inside the bounds (which must publish) and just outside (which must be refused, located).
INSIDE_DATES = ["1900-01-01", "1900-02-28", "1900-03-01", "2199-12-31", "2199-11-30", "2199-02-28", "2024-02-29"]
OUTSIDE_DATES = ["9999-12-31", "9999-01-01", "9999-06-15", "2200-01-01", "1899-12-31", "0001-01-01"]
INSIDE_NUMBERS = [1e15, 10**15, 999_999_999_999_999.9, -1e15, 0, 0.0, -0.0, 5e-324, 1e-300, 0.005, 2**53 + 1]
OUTSIDE_NUMBERS = [float("nan"), float("inf"), float("-inf"), 1.7e308, 1e300, 1e16, 10**16, 2**63, 1e15 + 2]
INSIDE_TEXT = ["\u2028", "\u2029", "\t", "\r", "\r\n", "\n", "\u202e", "\ufeff", "\u00a0", "\U0010fffd", "😀",
               "<script>alert(1)</script>", "]]>", "=HYPERLINK(\"x\")", "&amp;", "'", '"', "{{ x }}", "{% x %}",
               "*", "# heading", "---", "\\", "%s", " ", "Ω≈ç√", "日本語"]
OUTSIDE_TEXT = ["\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\ufdd0", "\x00", "\x07", "\x1b", "\x7f", "\x85",
                "\x9f", "\x0c", "\ud800"]
EDGE_DATES, EDGE_NUMBERS, EDGE_TEXT = (INSIDE_DATES + OUTSIDE_DATES, INSIDE_NUMBERS + OUTSIDE_NUMBERS,
                                       INSIDE_TEXT + OUTSIDE_TEXT)
TEXT_PATHS = ("name", "summary", "purpose", "directorate", "internal_notes")


def _dates_renamed(node):
    """The schema with `format: date` named `register-date`, so its dates come from our strategy."""
    if isinstance(node, dict):
        return {k: ("register-date" if k == "format" and v == "date" else _dates_renamed(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates_renamed(v) for v in node]
    return node


register_dates = st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(dt.date.isoformat),
                           st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat))
records = from_schema(_dates_renamed(SCHEMA), custom_formats={"register-date": register_dates})


def _field_schema(path: tuple) -> dict:
    node = SCHEMA
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node


def _free_text(path: tuple) -> bool:
    sub = _field_schema(path)
    return sub.get("type") == "string" and not ({"enum", "pattern", "format", "const"} & set(sub))


def _leaves(data, at=()):
    """(path, value) of every scalar in a record."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, at + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, at + (i,))
    else:
        yield at, data


def _put(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _tidy(record: dict, ids: list[str]) -> None:
    """What a careful officer would have: references to records that exist, real rule ids, clean text,
    dates in order, one lead and one accountable body."""
    others = [i for i in ids if i != record["id"]]
    if record.get("status") != "closed":
        record.pop("closed_date", None)
    for key in ("proposed_end_date", "closed_date"):
        if key in record and "start_date" in record and record[key] < record["start_date"]:
            record[key] = record["start_date"]
    roles = record.get("council_role", [])
    for i, partner in enumerate(record.get("partners", [])):
        for flag, role in (("lead", "lead"), ("accountable_body", "accountable-body")):
            if flag in partner and (i or role in roles):
                partner[flag] = False
    for key in ("parent", "replaced_by"):
        if key in record:
            if others:
                record[key] = others[0]
            else:
                del record[key]
    if "sub_groups" in record:
        if others:
            record["sub_groups"] = others[:1]
        else:
            del record["sub_groups"]
    for i, ack in enumerate(record.get("acknowledged_gaps", [])):
        ack["rule"] = RULE_IDS[i % len(RULE_IDS)]
    for path, value in list(_leaves(record)):
        if isinstance(value, str):
            _put(record, path, FORBIDDEN_CHARACTERS.sub("", value) or "x")


@st.composite
def _edges(draw, record: dict, inside: bool) -> None:
    """Put edge values in place of a few of the record's own, and edge text into its text fields;
    only values inside the bounds when `inside`."""
    dates, numbers, texts = ((INSIDE_DATES, INSIDE_NUMBERS, INSIDE_TEXT) if inside else
                             (EDGE_DATES, EDGE_NUMBERS, EDGE_TEXT))
    leaves = list(_leaves(record))
    for _ in range(draw(st.integers(1, 4))):
        path, value = draw(st.sampled_from(leaves))
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            sub = _field_schema(path)
            fits = [n for n in numbers if not inside or (sub.get("minimum", -1e300) <= n <= sub.get("maximum", 1e300)
                                                        and (sub.get("type") != "integer" or isinstance(n, int)))]
            if fits:
                _put(record, path, draw(st.sampled_from(fits)))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _put(record, path, draw(st.sampled_from(dates)))
        elif isinstance(value, str) and _free_text(path):
            _put(record, path, value + draw(st.sampled_from(texts)))
    if draw(st.booleans()):
        key = draw(st.sampled_from(TEXT_PATHS))
        record[key] = "".join(draw(st.lists(st.sampled_from(texts), min_size=1, max_size=4))) + "text"


bodies = st.one_of(st.just(""), st.text(max_size=60),
                   st.lists(st.sampled_from(EDGE_TEXT + ["## History", "<b>bold</b>", "[link](javascript:x)",
                                                         "plain words", "\n"]), max_size=8).map("".join))


@st.composite
def registers(draw):
    """[(record, body)]: one to three records with distinct ids; tidied, edged, both, or as generated."""
    out = []
    for i in range(draw(st.integers(1, 3))):
        record = draw(records)
        record["id"] = f"{record['id'][:70]}-{i}"
        out.append(record)
    ids = [r["id"] for r in out]
    how = draw(st.sampled_from(["as-generated", "tidy", "tidy+edges", "edges"]))
    texts = []
    for record in out:
        body = draw(bodies)
        if how.endswith("edges"):
            draw(_edges(record, inside=how == "tidy+edges"))
        if how.startswith("tidy"):
            _tidy(record, ids)
            body = FORBIDDEN_CHARACTERS.sub("", body)
        texts.append(body)
    return list(zip(out, texts)), how


def write_register(folder: Path, register) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for record, body in register:
        text = front_matter(dump(record, SCHEMA), body)
        (folder / f"{record['id']}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        written[f"records/{record['id']}.md"] = text
    return written


# --- what "well formed" means for each output ------------------------------------------------------

def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def check_download(path: str, data: bytes) -> None:
    if path.endswith(".json"):
        json.loads(data, parse_constant=_no_constant)
    elif path.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows and "\x00" not in data.decode("utf-8-sig")
    elif path.endswith(".xlsx"):
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for cell in row:
                    assert not (isinstance(cell, float) and cell != cell), path
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for member in z.namelist():
                if member.endswith(".xml") or member.endswith(".rels"):
                    ET.fromstring(z.read(member))
    elif path.endswith(".ics"):
        calendar = Calendar.from_ical(data)
        for event in calendar.walk("VEVENT"):
            assert event.decoded("dtend") > event.decoded("dtstart")
    elif path.endswith(".xml"):
        ET.fromstring(data)
    if not path.endswith(".xlsx"):
        text = data.decode("utf-8")
        assert FORBIDDEN_CHARACTERS.search(text) is None, (path, FORBIDDEN_CHARACTERS.search(text))


SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def check_site(records_dir: Path, root: Path) -> int:
    """Lay out and render the public site; check every page and file. Returns the number of outputs checked."""
    settings = make_settings(records_dir, as_of=AS_OF, root=root)
    site = pages_mod.build_site(settings)
    assert site.problems == []
    renderer = Renderer()
    count = 0
    for spec in site.pages:
        html, _ = renderer.render(spec, site, site.url_of(spec.src_uri))
        assert FORBIDDEN_CHARACTERS.search(html) is None, spec.src_uri
        for svg in SVG.findall(html):
            ET.fromstring(svg)
        count += 1
    for extra in site.files:
        check_download(extra.dest_uri, extra.content)
        count += 1
    internal = pipeline.run(make_settings(records_dir, as_of=AS_OF, root=root, mode="internal"))
    for path, data in artefacts(internal.assessed, internal.settings).items():
        check_download(path, data)
    return count


def check_refusal(written: dict[str, str], problems) -> None:
    for p in problems:
        assert p.path in written, p.text()
        lines = written[p.path].count("\n") + sum(written[p.path].count(c) for c in "\r\x85\u2028\u2029") + 1
        assert 1 <= p.line <= lines and p.column >= 1, p.text()
        assert p.message.strip(), p
        p.text().encode("utf-8")


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl's words about workbooks it reads
def test_what_check_accepts_publishes_and_every_download_is_well_formed():
    seen = Counter()

    @settings(max_examples=90, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(registers())
    def publishes(generated):
        register, how = generated
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            written = write_register(root / "records", register)
            run = pipeline.run(make_settings(root / "records", as_of=AS_OF, root=root))
            if run.problems:
                check_refusal(written, run.problems)
                seen["refused"] += 1
                seen.update(p.kind for p in run.problems)
            else:
                assert check_site(root / "records", root) > 20
                seen["accepted"] += 1
                seen[f"accepted {how}"] += 1

    publishes()
    # not a vacuous property: both outcomes are common (about half each), edges included
    assert seen["accepted"] >= 10 and seen["refused"] >= 10, seen
    assert seen["accepted tidy+edges"] >= 1, seen


# --- the edges, each on its own, through the same checks ---------------------------------------------

def _minimal(rid: str, **fields) -> dict:
    return {"id": rid, "name": f"Edge {rid}", "status": "active", "type": "informal", "council_role": ["member"],
            **fields}


MAX_AMOUNT = schema_mod.load_schema()["properties"]["money"]["items"]["properties"]["amount"]["maximum"]

ACCEPTED_EDGES = {
    "largest-amounts": {"money": [{"amount": MAX_AMOUNT, "frequency": "annual", "form": "grant"}] * 3,
                        "officer_time": [{"role": "All hands", "days_per_month": 31}]},
    "last-dates": {"start_date": "2199-01-31", "proposed_end_date": "2199-12-31", "next_review": "2199-12-31",
                   "record": {"last_verified": "2199-12-31"},
                   "reviews": [{"date": "2199-12-31", "by": "Cabinet", "outcome": "continue"}]},
    "first-dates": {"start_date": "1900-01-01", "proposed_end_date": "1900-03-01", "next_review": "1900-02-28",
                    "approval": {"body": "Cabinet", "date": "1900-01-01"}},
    "odd-text": {"summary": "Tabs\tline\nbreaks\u2028separators \u202e RTL 😀 \U0010fffd ]]> <b>&amp;</b> =1+1",
                 "aims": ["\u00a0", "=HYPERLINK(\"https://x.example\")"]},
}
REFUSED_EDGES = {
    "nan": ({"money": [{"amount": float("nan"), "frequency": "annual", "form": "grant"}]}, "out-of-range"),
    "inf": ({"money": [{"amount": float("inf"), "frequency": "annual", "form": "grant"}]}, "out-of-range"),
    "two-maxima": ({"money": [{"amount": 1.7e308, "frequency": "annual", "form": "grant"}] * 2}, "out-of-range"),
    "days-nan": ({"officer_time": [{"role": "x", "days_per_month": float("nan")}]}, "out-of-range"),
    "open-ended": ({"next_review": "9999-12-31"}, "bad-date"),
    "year-9999": ({"start_date": "9999-06-15"}, "bad-date"),
    "fffe": ({"summary": "a\ufffeb"}, "bad-character"),
    "nul": ({"name": "a\x00b"}, "bad-character"),
    "bell": ({"aims": ["a\x07b"]}, "bad-character"),
}


@pytest.mark.parametrize("name", sorted(REFUSED_EDGES))
def test_each_edge_that_broke_the_build_is_refused_where_it_is(tmp_path, name):
    fields, kind = REFUSED_EDGES[name]
    written = write_register(tmp_path / "records", [(_minimal(name, **fields), "")])
    problems = pipeline.run(make_settings(tmp_path / "records", as_of=AS_OF, root=tmp_path)).problems
    assert problems and {p.kind for p in problems} == {kind}, [p.text() for p in problems]
    check_refusal(written, problems)
    lines = written[f"records/{name}.md"].split("\n")
    for p in problems:  # on the field's own line: its name, or the list item
        line = lines[p.line - 1].strip()
        assert line.startswith((re.split(r"[.\[]", p.field)[-1].rstrip("]") + ":", "- ")), (p.text(), line)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_edges_inside_the_bounds_publish(tmp_path):
    register = [(_minimal(name, **fields), "Body with a \t tab.") for name, fields in ACCEPTED_EDGES.items()]
    write_register(tmp_path / "records", register)
    assert check_site(tmp_path / "records", tmp_path) > 20


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory):
    """A real `mkdocs build --strict` of the edge register, in a git repository so the Atom feed is made."""
    root = tmp_path_factory.mktemp("edge-site")
    register = [(_minimal(name, **fields), "A body.") for name, fields in ACCEPTED_EDGES.items()]
    write_register(root / "records", register)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Edge register\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Edge register\nsite_url: https://edge.example.org/\n"
                                     "theme:\n  name: material\nplugins:\n  - search\n  - partnership-register:\n"
                                     f"      as_of: {AS_OF}\n      accessibility_contact: a11y@example.org\n",
                                     encoding="utf-8")
    git = ["git", "-c", "user.name=Officer", "-c", "user.email=officer@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(git + ["add", "."], cwd=root, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "Edge records ]]> <b>&amp;</b>"], cwd=root, check=True)
    mkdocs = shutil.which("mkdocs", path=str(Path(__import__("sys").executable).parent))
    result = subprocess.run([mkdocs, "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_real_build_of_the_edges_publishes_every_file_well_formed(edge_site):
    files = {p.relative_to(edge_site).as_posix(): p.read_bytes() for p in edge_site.rglob("*") if p.is_file()}
    assert "changes.xml" in files and "data/register.xlsx" in files and "data/reviews.ics" in files
    for path, data in files.items():
        if path.endswith((".json", ".csv", ".xlsx", ".ics", ".xml")):
            check_download(path, data)
        elif path.endswith(".html"):
            for svg in SVG.findall(data.decode("utf-8")):
                ET.fromstring(svg)
    feed = ET.fromstring(files["changes.xml"])
    assert feed.tag.endswith("feed") and feed.find("{http://www.w3.org/2005/Atom}entry") is not None
    assert text_mod.money(MAX_AMOUNT) in files["partnerships/largest-amounts/index.html"].decode("utf-8")
