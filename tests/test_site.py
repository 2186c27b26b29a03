"""The built site: a real `mkdocs build` of the sample register in tmp_path, asserted on its HTML.

The project (mkdocs.yml, docs/, records/, schema/) is copied into tmp_path and built with
the venv's mkdocs, exactly as `make site` does; expectations come from the same core
(`pipeline.run` over `load_settings`) and the `partnerships gaps` CLI, never from hard-coded lists.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from partnership_register import pipeline
from partnership_register.mkdocs_plugin.settings import load_settings
from partnership_register.load.loader import load_register
from partnership_register.text import money as format_money

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "site"
AS_OF = dt.date(2026, 11, 23)
EPOCH = str(int(dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12, tzinfo=dt.timezone.utc).timestamp()))
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads: mkdocs.yml, docs/, records/ and schema/."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "records", "schema"):
        shutil.copytree(REPO / folder, dest / folder)
    return dest


def build(project: Path, *extra: str, strict: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    cmd = [*MKDOCS, "build", "-q", *(["--strict"] if strict else []), *extra]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)


class Page(HTMLParser):
    """The parts of a page the tests look at: links, ids, attributes, scripts, table rows, title."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []   # (tag, name, value)
        self.scripts: list[str] = []
        self.gap_rows: set[tuple[str, str]] = set()
        self.title = ""
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "tr" and "data-record" in a:
            self.gap_rows.add((a["data-record"], a["data-rule"]))
        if tag in ("script", "title"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "script":
            self.scripts[-1] += data
        elif self._in and self._in[-1] == "title":
            self.title += data


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("register"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    run = pipeline.run(load_settings(project / "mkdocs.yml", as_of=AS_OF))
    return project, project / "site", run


def test_every_record_has_a_page_and_a_row_in_the_register(built):
    _, site, run = built
    register = Page(read(site, "register"))
    assert run.assessed.records, "the sample register should not be empty"
    for ra in run.assessed.records:
        page = site / "partnerships" / ra.id / "index.html"
        assert page.is_file(), f"no page for {ra.id}"
        assert f"../partnerships/{ra.id}/" in register.links, f"{ra.id} is not linked from the register"
        text = page.read_text(encoding="utf-8")
        assert html.escape(ra.record.get("name"), quote=False) in text


def test_closed_partnerships_are_in_their_own_table(built):
    _, site, run = built
    text = read(site, "register")
    closed_at = text.index('id="register-closed"') if 'id="register-closed"' in text else len(text)
    for ra in run.assessed.records:
        link = f'href="../partnerships/{ra.id}/"'
        assert (text.index(link) > closed_at) == (ra.record.get("status") == "closed"), ra.id


def test_record_page_shows_its_fields(built):
    _, site, run = built
    for ra in run.assessed.records:
        text = html.unescape(read(site, f"partnerships/{ra.id}"))
        for partner in ra.record.get("partners") or []:
            assert partner["name"] in text
            if partner.get("org_id"):
                assert partner["org_id"] in text
        for rep in ra.record.get("representatives") or []:
            assert rep["name"] in text
            if rep.get("substitute"):
                assert rep["substitute"] in text
        assert format_money(ra.facts.annual_contribution) in text
        for risk in ra.facts.risks:
            assert risk.title in text
        if ra.record.get("money_withheld"):
            assert "An amount is withheld as commercially confidential" in text


def test_internal_fields_never_reach_the_public_site(built):
    project, site, _ = built
    secrets = []
    for record in load_register([project / "records"]).records:
        for key in ("sponsoring_officer", "accountable_officer", "budget_holder"):
            person = record.data.get(key) or {}
            secrets += [person[k] for k in ("email", "phone") if person.get(k)]
        if record.data.get("internal_notes"):
            secrets.append(record.data["internal_notes"])
    everything = "\n".join(html.unescape(p.read_text(encoding="utf-8", errors="replace"))
                           for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml"))
    leaked = [s for s in secrets if s in everything]
    assert not leaked, f"internal values published: {leaked}"


def test_gaps_on_record_pages_and_gaps_page_match_the_assessment(built):
    _, site, run = built
    expected = {(ra.id, gap.rule.id) for ra, gap in run.assessed.gaps()}
    assert expected, "the sample register should have at least one gap"
    gaps_page = Page(read(site, "gaps"))
    assert gaps_page.gap_rows == expected
    for record_id, rule_id in expected:
        page = Page(read(site, f"partnerships/{record_id}"))
        assert f"gap-{rule_id}" in page.ids, f"{rule_id} missing on {record_id}'s page"


def test_gaps_page_matches_the_gaps_command(built):
    project, site, _ = built
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    cli = Path(sys.executable).with_name("partnerships")
    result = subprocess.run([str(cli), "gaps", "--format", "json", "--as-of", AS_OF.isoformat()],
                            cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["assessed_as_of"] == AS_OF.isoformat()
    assert {(g["record"], g["rule"]) for g in report["gaps"]} == Page(read(site, "gaps")).gap_rows
    _, _, run = built  # the same words, severities and basis as the site's assessment
    assessed = {(ra.id, g.rule.id): (g.detail, g.severity, g.rule.basis) for ra, g in run.assessed.gaps()}
    assert {(g["record"], g["rule"]): (g["detail"], g["severity"], g["basis"]) for g in report["gaps"]} == assessed


def test_records_with_no_gaps_say_so(built):
    _, site, run = built
    for ra in run.assessed.records:
        if not ra.gaps:
            assert ('No governance gaps found as of <time datetime="2026-11-23">23 November 2026</time>.'
                    in read(site, f"partnerships/{ra.id}"))


def test_every_page_shows_the_assessment_date(built):
    _, site, _ = built
    for page in site.rglob("*.html"):
        assert '<time datetime="2026-11-23">23 November 2026</time>' in page.read_text(encoding="utf-8"), page


def test_navigation_lists_only_the_main_pages(built):
    _, site, run = built
    text = read(site, "register")
    nav = text[text.index('<nav class="md-nav md-nav--primary"'):text.index("</nav>", text.index('md-nav--primary'))]
    for ra in run.assessed.records:
        assert f"partnerships/{ra.id}/" not in nav


def test_browse_pages_count_every_group(built):
    _, site, run = built
    for dim in ("type", "directorate", "status", "council-role"):
        assert (site / "browse" / dim / "index.html").is_file()
    text = html.unescape(read(site, "browse/type"))
    types = {}
    for ra in run.assessed.records:
        types[ra.record.get("type")] = types.get(ra.record.get("type"), 0) + 1
    from partnership_register.text import label
    for value, count in types.items():
        assert f"{label(value)} ({count})" in text


def test_field_reference_lists_every_schema_field(built):
    _, site, _ = built
    from partnership_register.load.schema import iter_fields
    text = read(site, "fields")
    for info in iter_fields():
        assert f"<code>{info.path}</code>" in text, info.path


def test_accessibility_statement_has_what_the_regulations_require(built):
    _, site, _ = built
    text = html.unescape(read(site, "accessibility"))
    for phrase in ("Northshire District Council", "accessibility@northshire.gov.uk", "Enforcement procedure",
                   "Equality and Human Rights Commission", "Equality Advisory and Support Service",
                   "Compliance status", "axe-core", "Public Sector Bodies (Websites and Mobile Applications)"):
        assert phrase in text, phrase


def test_sitemap_and_search_index_cover_record_pages(built):
    _, site, run = built
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for ra in run.assessed.records:
        assert f"partnerships/{ra.id}/" in sitemap
        assert f"partnerships/{ra.id}/" in locations


def test_invalid_record_fails_the_build_with_its_location(tmp_path):
    project = copy_project(tmp_path / "p")
    bad = REPO / "tests" / "records" / "invalid" / "enum-typo.md"
    shutil.copy2(bad, project / "records" / "enum-typo.md")
    expected = load_register([project / "records" / "enum-typo.md"], root=project).problems
    assert expected
    result = build(project)
    assert result.returncode != 0
    for problem in expected:
        assert problem.text() in result.stderr
        assert f"records/enum-typo.md:{problem.line}:" in result.stderr
    assert "1 problem in 1 record" in result.stderr


def test_serve_shows_problems_on_the_page_instead_of_failing(tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "p")
    shutil.copy2(REPO / "tests" / "records" / "invalid" / "enum-typo.md", project / "records" / "enum-typo.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    page = (tmp_path / "out" / "partnerships" / "enum-typo" / "index.html").read_text(encoding="utf-8")
    problem = load_register([project / "records" / "enum-typo.md"], root=project).problems[0]
    assert "records/enum-typo.md" in page
    assert problem.text() in html.unescape(page)
    assert f"<td>{problem.line}</td>" in page
    register = (tmp_path / "out" / "register" / "index.html").read_text(encoding="utf-8")
    assert "../partnerships/enum-typo/" in register  # the notice links to the problem page


def test_injection_attempts_do_not_survive_in_any_output(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copy2(FIXTURES / "injection-test.md", project / "records" / "injection-test.md")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page_text = read(site, "partnerships/injection-test")
    assert "Partnership &amp; Co" in page_text and "safe link" in page_text  # it rendered
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            page = Page(path.read_text(encoding="utf-8"))
            assert not [s for s in page.scripts if "alert" in s], f"script with alert in {path}"
            ons = [(t, n, v) for t, n, v in page.attributes if n.lower().startswith("on")]
            assert not ons, f"event handler attributes in {path}: {ons}"
            bad = [(t, n, v) for t, n, v in page.attributes
                   if n in ("href", "src", "action", "formaction", "xlink:href")
                   and v.strip().lower().replace("\t", "").replace("\n", "").startswith(("javascript:", "data:"))]
            assert not bad, f"script URLs in {path}: {bad}"
            assert not [a for a in page.attributes if a[0] in ("svg", "iframe", "style", "img") and "alert" in a[2]]
        elif path.suffix in (".json", ".xml"):
            raw = path.read_text(encoding="utf-8")
            for needle in ("<script", "<svg", "<img", "<iframe", "<style"):
                assert needle not in raw.lower(), f"{needle} in {path}"
            if path.name == "search_index.json":  # the theme's search shows results as HTML
                assert "\\u003cscript" not in raw.lower(), f"escaped script in {path}"
    title = Page(page_text).title
    assert title.startswith('<script>alert(1)</script> "><svg onload=alert(1)>'), title  # shown as text
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("partnerships/injection-test/")]
    assert docs and any("&lt;script&gt;" in d["title"] for d in docs)
    for doc in index["docs"]:  # the search box renders titles and text as HTML
        for fragment in (doc["title"], doc["text"]):
            parsed = Page(fragment)
            assert not parsed.scripts
            assert not [a for a in parsed.attributes if a[1].lower().startswith("on")]
            assert not [a for a in parsed.attributes if a[1] == "href" and "javascript:" in a[2].lower()]


def test_same_records_and_date_give_a_byte_identical_site(tmp_path):
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    for project in (first, second):
        result = build(project)
        assert result.returncode == 0, result.stderr

    def files(root: Path) -> dict:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    a, b = files(first / "site"), files(second / "site")
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"files differ between two builds: {different[:10]}"


def test_home_page_carries_the_register_at_a_glance(built):
    _, site, run = built
    totals, a = run.assessed.totals, run.assessed
    text = html.unescape(read(site, ""))
    assert "partnership-register: at a glance" not in text  # the marker is replaced
    glance = text[text.index('id="at-a-glance"'):text.index("</section>", text.index('id="at-a-glance"'))]
    for figure in (f"{totals.current:,}", format_money(totals.annual_contribution), f"{a.open_gap_count:,}",
                   f"{len(a.reviews_overdue):,}", f"{len(a.high_risks):,}"):
        assert f'<span class="pr-figure__value">{figure}</span>' in glance, figure
    assert f"and {format_money(totals.one_off_contribution)} one-off" in glance
    for s in a.gaps_by_severity:
        assert f"{s.open} {s.severity}" in glance
    for target in ("register/", "summary/#money", "gaps/", "reviews/#overdue", "risks/#high-risks"):
        assert f'href="{target}"' in glance, target
    assert '<svg' in glance and 'role="img"' in glance


def test_a_register_without_a_home_page_gets_one(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs" / "index.md").unlink()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  - Home: index.md\n", "")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    home = read(project / "site", "")
    assert 'id="at-a-glance"' in home and "pr-figure__value" in home


def test_search_index_holds_what_residents_search_for_not_every_table_cell(built):
    _, site, run = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for ra in run.assessed.records:
        url = f"partnerships/{ra.id}/"
        entries = [d for d in index["docs"] if d["location"].split("#")[0] == url]
        text = html.unescape(" ".join(d["title"] + " " + d["text"] for d in entries))
        anchors = {d["location"].partition("#")[2] for d in entries}
        data = ra.record.data
        for wanted in [ra.name, data.get("summary"), data.get("purpose"), data.get("directorate"),
                       data.get("area_of_work"), *ra.facts.partner_names, *(g.rule.title for g in ra.gaps)]:
            if wanted:
                assert html.unescape(str(wanted)) in text, (ra.id, wanted)
        for left_out in ("documents", "risks", "reviews", "meetings", "performance", "people", "record",
                         "significance", "contribution"):
            assert left_out not in anchors, (ra.id, left_out)
        for risk in ra.facts.risks:  # risk detail is on the page, not in the index
            for detail in (risk.cause, risk.consequence):
                if detail and detail not in (data.get("summary") or "") + (data.get("purpose") or ""):
                    assert detail not in text, (ra.id, detail)
        assert "Why it matters:" not in text  # the rule's explanation is the same on every record
        assert not [d for d in entries if not d["title"].strip() and not d["text"].strip()]
        # a heading inside a section left out of the index starts no (empty) entry of its own
        assert not [a for a in anchors if a.startswith(("entry-", "audit-"))], (ra.id, anchors)


def test_search_finds_a_partnership_by_its_own_page_not_every_table_listing_it(built):
    _, site, run = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    listings = [d for d in index["docs"] if d["location"].startswith(("register/", "browse/", "gaps/#every-gap"))]
    assert [d for d in listings if d["location"].startswith("browse/type/#")]  # each group's heading still is
    for ra in run.assessed.records:
        assert not [d["location"] for d in listings if html.escape(ra.name) in d["text"]], ra.id
    for name in ("register", "browse/type", "gaps"):
        assert "data-pr-sortable" in read(site, name)  # the tables are on the pages


def test_record_pages_show_in_full_what_the_search_index_leaves_out(built):
    _, site, run = built
    for ra in run.assessed.records:
        page = read(site, f"partnerships/{ra.id}")
        assert "data-search-" not in page  # material's markers are gone from what readers get
        for section in ("gaps", "documents", "reviews", "record"):
            assert f'id="{section}"' in page, (ra.id, section)
        assert "Why it matters:" in page or not ra.gaps
