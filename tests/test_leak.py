"""Nothing internal may leak into a public output.

The fixture register (tests/fixtures/leak/records) has a published record whose every
internal field (every `x-internal` path in the schema, the publication block, and a
commercially confidential amount, 987654.32) carries a unique marker LEAKMARK-0NN, and an
unpublished record whose every field and body carry markers (its id contains "leakmark").
Public mode: no marker may appear in any byte of any output (zip and gzip members opened,
iCalendar lines unfolded). Internal mode: every marker in a field must appear.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest

from partnership_register import pipeline
from partnership_register import pages as pages_mod
from partnership_register.assess import publication
from partnership_register.pages.render import Renderer
from partnership_register.load import schema as schema_mod
from partnership_register.downloads import artefacts
from partnership_register.load.loader import load_register

from helpers import make_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "leak" / "records"
AS_OF = dt.date(2025, 12, 1)
CONFIDENTIAL_AMOUNT = b"987654"
MARKER = re.compile(rb"LEAKMARK-\d{3}")


def markers() -> tuple[set[bytes], set[bytes]]:
    """(markers in front-matter fields, markers only in bodies), read from the fixture files."""
    fields, bodies = set(), set()
    for path in FIXTURE.glob("*.md"):
        text = path.read_bytes()
        _, front, body = text.split(b"---\n", 2)
        front = b"\n".join(line for line in front.split(b"\n") if not line.lstrip().startswith(b"#"))
        fields |= set(MARKER.findall(front))
        bodies |= set(MARKER.findall(body))
    return fields, bodies - fields


def expand(name: str, data: bytes, depth: int = 0) -> list[tuple[str, bytes]]:
    """The file itself, its members if it is a zip (xlsx) or gzip, and its unfolded form."""
    out = [(name, data), (name + " (unfolded)", data.replace(b"\r\n ", b"").replace(b"\r\n\t", b""))]
    if depth > 3:
        return out
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for member in z.namelist():
                out += expand(f"{name}!{member}", z.read(member), depth + 1)
    elif data[:2] == b"\x1f\x8b":
        out += expand(f"{name}!gunzip", gzip.decompress(data), depth + 1)
    return out


def leaks(files: dict[str, bytes]) -> list[str]:
    found = []
    for name, data in files.items():
        if b"leakmark" in name.lower().encode():
            found.append(f"{name}: the path names an unpublished record")
        for part, blob in expand(name, data):
            low = blob.lower()
            if b"leakmark" in low:
                at = low.index(b"leakmark")
                found.append(f"{part}: ...{blob[max(0, at - 60):at + 40]!r}...")
            if CONFIDENTIAL_AMOUNT in blob:
                found.append(f"{part}: the confidential amount")
    return found


def settings(mode):
    return make_settings(FIXTURE, as_of=AS_OF, council_name="Leak Test Council", mode=mode,
                         site={"site_url": "https://leak.example.org/"})


def run(mode):
    return pipeline.run(settings(mode))


def rendered_pages(mode) -> dict[str, bytes]:
    """Every generated page as the plugin renders it, from the core alone."""
    site = pages_mod.build_site(settings(mode))
    renderer = Renderer()
    return {spec.src_uri: renderer.render(spec, site, site.url_of(spec.src_uri))[0].encode("utf-8")
            for spec in site.pages}


# --- the fixture is complete --------------------------------------------------------------

def test_fixture_marks_every_internal_field():
    """When the schema gains an internal field, this fails until the fixture marks it too."""
    register = load_register([FIXTURE])
    assert register.problems == []
    record = register.by_id["leak-public"].data
    for path in schema_mod.internal_paths():
        values = _values(record, path)
        assert values, f"leak-public.md has no value for internal field {'.'.join(path)}"
        assert all(isinstance(v, str) and "LEAKMARK-" in v for v in values), path
    assert any(m.get("commercially_confidential") and m.get("amount") == 987654.32 for m in record["money"])
    assert "LEAKMARK-" in record["publication"]["reason"]
    secret = register.by_id["leakmark-secret-partnership"]
    assert secret.data["publication"]["publish"] is False
    assert "LEAKMARK-" in secret.body
    assert record["parent"] == secret.id  # a published record refers to the unpublished one


def test_public_view_leaves_out_every_internal_field_and_the_record_read_untouched():
    """The view copies only the groups it drops something from; the rest is shared, never changed."""
    import copy

    register = load_register([FIXTURE])
    before = copy.deepcopy({r.id: r.data for r in register.records})
    shown = {r.id: r for r in publication.view(register.valid_records(), publication.PUBLIC)}
    assert {r.id: r.data for r in register.records} == before
    public = shown["leak-public"].data
    for path in schema_mod.internal_paths():
        assert not _values(public, path), path
    assert "publication" not in public and "parent" not in public  # the parent is the unpublished record
    assert not [m for m in public["money"] if m.get("commercially_confidential")] and public["money_withheld"]
    read = register.by_id["leak-public"].data
    assert public["partners"] is read["partners"] and public["sponsoring_officer"] is not read["sponsoring_officer"]


def _values(data, path):
    if not path:
        return [data]
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for item in (data if isinstance(data, list) else []) for v in _values(item, rest)]
    return _values(data[head], rest) if isinstance(data, dict) and head in data else []


# --- downloads and pages --------------------------------------------------------------------

def test_public_downloads_leak_nothing():
    r = run(publication.PUBLIC)
    produced = artefacts(r.assessed, r.settings)
    assert len(produced) >= 10
    assert leaks(produced) == []


def test_public_pages_leak_nothing():
    assert leaks(rendered_pages(publication.PUBLIC)) == []


def test_internal_downloads_hold_every_marker():
    fields, _ = markers()
    assert len(fields) >= 30
    r = run(publication.INTERNAL)
    produced = artefacts(r.assessed, r.settings)
    everything = b"".join(blob for name, data in produced.items() for _, blob in expand(name, data))
    missing = sorted(m.decode() for m in fields if m not in everything)
    assert missing == []
    assert b"987654.32" in everything
    # each table-shaped download carries every field on its own
    for path in ("data/register.csv", "data/register.json", "data/register.xlsx"):
        blob = b"".join(b for _, b in expand(path, produced[path]))
        assert sorted(m.decode() for m in fields if m not in blob) == [], path
    assert b"LEAKMARK-022" in produced["data/reviews.ics"].replace(b"\r\n ", b"")


def test_internal_pages_show_the_unpublished_record():
    pages = rendered_pages(publication.INTERNAL)
    assert b"LEAKMARK-026 Directorate" in pages["summary/index.md"]
    assert b"INTERNAL" in pages["summary/index.md"] and b"INTERNAL" in pages["data/index.md"]


# --- the whole public site ------------------------------------------------------------------



def build_fixture_site(tmp_path_factory, mode: str) -> Path:
    """A full `mkdocs build` of the fixture register in the given mode."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp(f"leak-site-{mode}")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Leak test register\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"""site_name: Leak test register
site_url: https://leak.example.org/
docs_dir: docs
site_dir: site
theme:
  name: material
plugins:
  - search
  - partnership-register:
      records_dir: {FIXTURE.as_posix()}
      council_name: Leak Test Council
      as_of: 2025-12-01
""", encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv(publication.BUILD_ENV, mode)
    try:
        build(load_config(str(root / "mkdocs.yml")))
    finally:
        mp.undo()
    return root / "site"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, publication.PUBLIC)


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, publication.INTERNAL)


def test_internal_site_holds_every_marker_and_says_so_on_every_page(internal_site, public_site):
    fields, _ = markers()
    files = {p.relative_to(internal_site).as_posix(): p.read_bytes() for p in internal_site.rglob("*") if p.is_file()}
    everything = b"".join(blob for name, data in files.items() for _, blob in expand(name, data))
    assert sorted(m.decode() for m in fields if m not in everything) == []
    pages = [name for name in files if name.endswith(".html")]
    assert pages and [n for n in pages if b"INTERNAL \xe2\x80\x94 DO NOT PUBLISH" not in files[n]] == []
    public_pages = [p for p in public_site.rglob("*.html")]
    assert public_pages and not [p for p in public_pages if b"DO NOT PUBLISH" in p.read_bytes()]


def test_public_site_leaks_nothing(public_site):
    files = {p.relative_to(public_site).as_posix(): p.read_bytes() for p in public_site.rglob("*") if p.is_file()}
    for expected in ("index.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert expected in files
    assert b"Leak Test Published Partnership" in files["search/search_index.json"]  # the scan sees real content
    assert leaks(files) == []


def test_public_site_publishes_the_downloads(public_site):
    from partnership_register.mkdocs_plugin.settings import load_settings

    r = pipeline.run(load_settings(public_site.parent / "mkdocs.yml"))
    produced = artefacts(r.assessed, r.settings)  # what `partnerships export` writes
    for rel, data in produced.items():
        assert (public_site / rel).read_bytes() == data, rel
