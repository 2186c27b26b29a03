"""A problem never quotes a withheld value: not in `check` (text, JSON, GitHub), not in the build log, not on
a `mkdocs serve` page; and a public preview shows nothing of an unpublished record.

The register below puts a canary in every field the schema marks internal (iterated from the schema, so
a new internal field is covered the day it is added), each written so that it is refused, and so quoted
in the problem's detail: a number where text belongs, and text that breaks the field's format where there
is one. Then in a confidential amount, in every field of an unpublished record, in a publication block
too broken to read, and in a record whose YAML cannot be read at all. The same kind of canary in public
fields must appear, so the scan can see a quoted value when one is printed.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_register import pages as pages_mod
from partnership_register.cli import main
from partnership_register.load import schema as schema_mod
from partnership_register.load.loader import load_register
from partnership_register.load.yamlsource import field_name
from partnership_register.officers.yamlwrite import dump, front_matter
from partnership_register.pages.render import Renderer

from helpers import make_settings, mkdocs_build

CANARY = re.compile(r"LEAKCANARY-\d+|91827\d{4}")
SECRET_FILE = "hush-hush-partnership"  # the unpublished record's file name: never on a public page


def _subschema(schema: dict, path: tuple) -> dict:
    node = schema
    for part in path:
        node = node["items"] if part == "*" else node["properties"][part]
    return node


def _set(data: dict, path: tuple, value) -> tuple:
    """Put `value` at `path` ('*' as a one-item list); return the real path."""
    node, real = data, []
    for part, nxt in zip(path, path[1:] + (None,)):
        key = 0 if part == "*" else part
        real.append(key)
        if nxt is None:
            node[key] = value
        else:
            if part == "*":
                if not node:
                    node.append({})
                node = node[0]
            else:
                node = node.setdefault(key, [] if nxt == "*" else {})
    return tuple(real)


def _record(rid: str, **fields) -> dict:
    return {"id": rid, "name": f"Partnership {rid}", "status": "active", "type": "informal",
            "council_role": ["member"], **fields}


def _write(folder: Path, data: dict, body: str = "") -> None:
    (folder / f"{data['id']}.md").write_text(front_matter(dump(data, schema_mod.load_schema()), body),
                                             encoding="utf-8")


def hostile_register(folder: Path) -> dict:
    """Write the register; return {real path of each withheld canary: record id} for the published records."""
    schema = schema_mod.load_schema()
    folder.mkdir(parents=True)
    planted = {}
    number = 918270000
    for i, path in enumerate(schema_mod.internal_paths()):
        sub = _subschema(schema, path)
        wrong = [number + i]  # a number where text belongs: "must be text (got 9182700NN)"
        if sub.get("format") or sub.get("pattern") or sub.get("enum"):
            wrong.append(f"LEAKCANARY-{i}")  # text that breaks the field's format
        for j, value in enumerate(wrong):
            data = _record(f"internal-{i}-{j}")
            planted[(data["id"], _set(data, path, value))] = value
            _write(folder, data)
    # above an internal field: what an officer typed in place of the group may be the phone number
    _write(folder, _record("whole-group", sponsoring_officer=f"LEAKCANARY-{900}"))
    planted[("whole-group", ("sponsoring_officer",))] = "LEAKCANARY-900"
    # a confidential amount, wrongly typed
    _write(folder, _record("confidential", money=[{"amount": "LEAKCANARY-901", "frequency": "annual", "form": "grant",
                                                   "commercially_confidential": True}]))
    planted[("confidential", ("money", 0, "amount"))] = "LEAKCANARY-901"
    # an unpublished record, wrong everywhere
    _write(folder, _record(SECRET_FILE, status="LEAKCANARY-902", name=918279902, directorate=918279903,
                           publication={"publish": False, "reason": "LEAKCANARY-903"},
                           **{"LEAKCANARY-909": "a field name is record text too"}),
           body="LEAKCANARY-904 in the body.")
    # a publication block nobody can read: is it published? the safe answer is no
    _write(folder, _record("unsure", status="LEAKCANARY-905", publication="LEAKCANARY-906"))
    # YAML that cannot be read at all
    (folder / "broken.md").write_text("---\nid: broken\nname: [LEAKCANARY-907, {\nstatus: LEAKCANARY-908\n---\n",
                                      encoding="utf-8")
    # a phone number that YAML reads as an alias, which YAML's own words would quote back
    (folder / "alias.md").write_text("---\nid: alias\nname: Alias\nstatus: active\ntype: informal\n"
                                     "council_role: [member]\nsponsoring_officer:\n  phone: *LEAKCANARY-911\n---\n",
                                     encoding="utf-8")
    # the control: the same kinds of value in public fields are quoted
    _write(folder, _record("public-control", directorate=918279999, status="LEAKCANARY-999"))
    return planted


@pytest.fixture(scope="module")
def register_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("withheld-messages")
    planted = hostile_register(root / "records")
    return root, planted


def _canaries(text: str) -> set[str]:
    return set(CANARY.findall(text)) - {"LEAKCANARY-999", "918279999"}


def test_every_canary_is_refused_and_held_back(register_dir):
    """Each planted value gives a problem at its field that carries it, and it is not printed."""
    root, planted = register_dir
    register = load_register([root / "records"], root=root)
    problems = {(Path(p.path).stem, p.field): p for p in register.problems}
    for (rid, path), value in planted.items():
        p = problems.get((rid, field_name(path)))
        assert p is not None, f"{rid}: no problem at {field_name(path)}"
        assert str(value) in p.detail, p  # the problem knows the value...
        assert not p.show_detail and str(value) not in p.text(), p.text()  # ...and keeps it to itself
    control = problems[("public-control", "directorate")]
    assert control.show_detail and "918279999" in control.text()


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_never_prints_a_withheld_value(register_dir, fmt, monkeypatch):
    root, planted = register_dir
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--format", fmt])
    assert result.exit_code == 1
    assert _canaries(result.output) == set()
    assert "918279999" in result.output and "LEAKCANARY-999" in result.output  # public values are quoted
    if fmt == "json":
        assert len(json.loads(result.output)["problems"]) > len(planted)


def test_build_log_never_prints_a_withheld_value(register_dir, tmp_path):
    from mkdocs.exceptions import MkDocsException

    root, _ = register_dir
    project = tmp_path / "site-project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Register\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"site_name: Test\ntheme:\n  name: material\nplugins:\n  - partnership-register:\n"
                                        f"      records_dir: {(root / 'records').as_posix()}\n      history: false\n",
                                        encoding="utf-8")
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with pytest.raises(MkDocsException) as failed:
            mkdocs_build(str(project / "mkdocs.yml"))
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    said = log.getvalue() + str(failed.value)
    assert "error: " in said and "918279999" in said
    assert _canaries(said) == set()


def test_serve_preview_shows_nothing_withheld_and_nothing_of_an_unpublished_record(register_dir):
    root, _ = register_dir
    settings = dataclasses.replace(make_settings(root / "records", root=root), serve=True)
    site = pages_mod.build_site(settings)
    renderer = Renderer()
    html = "".join(renderer.render(spec, site, site.url_of(spec.src_uri))[0] for spec in site.pages)
    listed = {Path(i.path).stem: i for i in site.invalid}
    assert SECRET_FILE not in listed and SECRET_FILE not in html
    assert listed["unsure"].hidden and listed["broken"].hidden and not listed["public-control"].hidden
    assert "918279999" in html  # a public record's problem page quotes its value
    assert _canaries(html) == set()


def test_internal_preview_lists_every_invalid_record(register_dir):
    root, _ = register_dir
    settings = dataclasses.replace(make_settings(root / "records", root=root, mode="internal"), serve=True)
    site = pages_mod.build_site(settings)
    assert {Path(i.path).stem for i in site.invalid} >= {SECRET_FILE, "unsure", "broken"}
    assert not any(i.hidden for i in site.invalid)


def test_a_did_you_mean_never_names_an_unpublished_record(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    _write(records, _record("merger-talks-with-northshire", publication={"publish": False, "reason": "s43"}))
    _write(records, _record("waste", parent="merger-talks-with-northshir"))
    _write(records, _record("recycling", parent="wast"))
    problems = {Path(p.path).stem: p for p in load_register([records], root=tmp_path).problems}
    assert problems["waste"].kind == "broken-reference" and problems["waste"].hint == ""  # no suggestion
    assert problems["recycling"].hint == "did you mean `waste`?"

