"""The published sample site as a reuser and a visitor meet it: its open data validates with
ordinary tools (check-jsonschema, csvw, the importer), its downloads are described as a
schema.org Dataset and carry their licence, and no page has the browser ask another host
for anything."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import csvw
import icalendar
import pytest
import yaml

import thirdparty
from partnership_register.downloads import (CSV_PATH, CSVW_PATH, ICS_PATH, JSON_PATH, OGL_URL, REGISTER_SCHEMA_PATH,
                                            SCHEMA_PATH)
from partnership_register.pages import changes
from partnership_register.pages.data import DOWNLOADS

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 23)
EPOCH = str(int(dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc).timestamp()))
BIN = Path(sys.executable).parent
OGL = "Open Government Licence v3.0"


def build_copy(dest: Path, edit=None) -> tuple[Path, dict]:
    """The sample register copied to `dest` (mkdocs.yml changed by `edit`, if given) and built strictly."""
    dest.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if edit:
        edit(config)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for folder in ("docs", "records"):
        shutil.copytree(REPO / folder, dest / folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=dest, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return dest / "site", config


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_copy(tmp_path_factory.mktemp("open") / "register")


# --- no third parties ---------------------------------------------------------------------

def test_no_page_asks_another_host_for_anything(built):
    site, config = built
    assert list(site.rglob("*.html")) and list(site.rglob("*.js")) and list(site.rglob("*.css"))
    assert thirdparty.requests(site, config["site_url"]) == []


def test_the_repository_is_still_linked_as_a_plain_link(built):
    site, config = built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{config["repo_url"]}" title="Go to repository" class="md-source">' in home
    assert 'data-md-component="source"' not in home


def test_the_scan_finds_google_fonts_and_the_repository_widget_when_turned_back_on(tmp_path):
    """The same build with material's default font and repository_facts: true: both requests are found."""
    def default_font_and_facts(config):
        del config["theme"]["font"]
        next(p for p in config["plugins"] if isinstance(p, dict))["partnership-register"]["repository_facts"] = True

    site, config = build_copy(tmp_path / "register", default_font_and_facts)
    found = {urlsplit(r.url).hostname for r in thirdparty.requests(site, config["site_url"])}
    assert {"fonts.googleapis.com", "fonts.gstatic.com", "api.github.com"} <= found


def test_the_scan_reads_every_kind_of_request(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="https://links.example/">a link is fine</a><link rel="canonical" href="https://canon.example/">'
        '<img srcset="https://img.example/a.png 1x, /local.png 2x"><script src="//cdn.example/x.js"></script>'
        '<div style="background:url(\'https://bg.example/b.png\')"></div><style>@import "https://css.example/c";'
        '</style><script>fetch("https://api.example/d")</script><link rel="preconnect" href="https://pre.example">',
        encoding="utf-8")
    (tmp_path / "b.css").write_text('a{background:url(data:image/png;base64,AA)}b{background:url(/x.png)}',
                                    encoding="utf-8")
    found = {(r.kind, urlsplit(r.url if "//" != r.url[:2] else "https:" + r.url).hostname)
             for r in thirdparty.requests(tmp_path)}
    assert found == {("<img srcset>", "img.example"), ("<script src>", "cdn.example"),
                     ("css url()", "bg.example"), ("css @import", "css.example"),
                     ("script string", "api.example"), ("<link rel=preconnect>", "pre.example")}


# --- JSON ---------------------------------------------------------------------------------

def test_the_json_validates_with_check_jsonschema_from_any_folder(built, tmp_path):
    """The reuser's tool, run from a folder of its own: the schemas' references resolve beside them."""
    site, _ = built
    files = [site / JSON_PATH, *sorted((site / "data" / "partnerships").glob("*.json"))]
    assert len(files) > 10
    for args in (["--check-metaschema", *(str(p) for p in sorted((site / "schema").glob("*.json")))],
                 ["--schemafile", str(site / REGISTER_SCHEMA_PATH), *(str(p) for p in files)]):
        result = subprocess.run([str(BIN / "check-jsonschema"), *args], cwd=tmp_path, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout


def test_the_data_pages_own_instructions_work(built, tmp_path):
    """The command the Data page gives, run as it says: the two schemas and the JSON in one folder."""
    site, _ = built
    text = html.unescape((site / "data" / "index.html").read_text(encoding="utf-8"))
    [command] = re.findall(r"^(check-jsonschema [^<]*)", text, re.M)
    for path in (JSON_PATH, REGISTER_SCHEMA_PATH, SCHEMA_PATH):
        shutil.copy2(site / path, tmp_path / Path(path).name)
    shutil.copytree(site / "data" / "partnerships", tmp_path / "partnerships")
    result = subprocess.run(command.replace("check-jsonschema", str(BIN / "check-jsonschema"), 1), shell=True,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_catches_a_bad_value(built, tmp_path):
    site, _ = built
    doc = json.loads((site / JSON_PATH).read_text(encoding="utf-8"))
    doc["records"][0]["record"]["status"] = "dormant"
    bad = tmp_path / "register.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = subprocess.run([str(BIN / "check-jsonschema"), "--schemafile", str(site / REGISTER_SCHEMA_PATH),
                             str(bad)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "dormant" in result.stdout


# --- CSV ----------------------------------------------------------------------------------

def test_the_csv_has_one_byte_order_mark_for_excel_and_keeps_the_pound_sign(built):
    site, _ = built
    data = (site / CSV_PATH).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.startswith("id,") and "£" in text


def test_csvw_and_the_importer_read_the_published_csv(built, tmp_path):
    site, _ = built
    checked = csvw.CSVW(str(site / CSVW_PATH), validate=True)
    assert checked.is_valid, [str(w.message) for w in checked.warnings]
    rows = list(csvw.Table.from_file(site / CSVW_PATH).iterdicts())
    assert rows and all(re.fullmatch(r"[a-z0-9-]+", row["id"]) for row in rows)
    result = subprocess.run([str(BIN / "partnerships"), "import", str(site / CSV_PATH), "--dry-run",
                             "--folder", str(tmp_path / "records")], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "records").exists()


def test_the_data_page_tells_libreoffice_users_which_character_set(built):
    text = (site_page := built[0] / "data" / "index.html").read_text(encoding="utf-8")
    assert site_page.is_file() and "Character set: Unicode (UTF-8)" in text


# --- JSON-LD, calendar and feed -----------------------------------------------------------

class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._on = [], False

    def handle_starttag(self, tag, attrs):
        self._on = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._on:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._on = False

    def handle_data(self, data):
        if self._on:
            self.blocks[-1] += data


def test_the_data_page_describes_the_downloads_as_a_schema_org_dataset(built):
    site, config = built
    parser = _JsonLd()
    parser.feed((site / "data" / "index.html").read_text(encoding="utf-8"))
    [block] = parser.blocks
    dataset = json.loads(block)
    assert dataset["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
    assert "Northshire District Council" in dataset["name"] and len(dataset["description"]) >= 50
    assert dataset["publisher"] == {"@type": "GovernmentOrganization", "name": "Northshire District Council"}
    assert dataset["license"] == {"@type": "CreativeWork", "name": OGL, "url": OGL_URL}
    assert dataset["dateModified"] == AS_OF.isoformat()
    assert dataset["url"] == config["site_url"] + "data/"
    assert [d["name"] for d in dataset["distribution"]] == [p.rsplit("/", 1)[1] for p, *_ in DOWNLOADS]
    for d in dataset["distribution"]:
        assert d["@type"] == "DataDownload" and d["encodingFormat"] and d["contentSize"]
        assert d["contentUrl"].startswith(config["site_url"])
        assert (site / d["contentUrl"][len(config["site_url"]):]).is_file(), d["contentUrl"]


def test_the_calendar_states_its_licence(built):
    site, _ = built
    cal = icalendar.Calendar.from_ical((site / ICS_PATH).read_bytes())
    for prop in ("X-WR-CALDESC", "DESCRIPTION"):
        assert f"{OGL}: {OGL_URL}" in str(cal[prop]), prop


def test_the_feed_states_its_licence():
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(changes.atom_feed([], "https://x.example/", "R", licence=(OGL, OGL_URL)))
    assert feed.findtext(f"{atom}rights") == f"{OGL}: {OGL_URL}"
    [link] = [el for el in feed.findall(f"{atom}link") if el.get("rel") == "license"]
    assert link.get("href") == OGL_URL and link.get("title") == OGL
