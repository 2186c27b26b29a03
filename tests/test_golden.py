"""Golden files: every page and download of the golden fixture register, as reviewed text.

The fixture (tests/fixtures/golden/records) has current, proposed, under-review, exiting and
closed partnerships, an unpublished record, confidential money and risks on a closed record.
Regenerate after an intended change with `make golden` and review the diff.
"""

from __future__ import annotations

import difflib

import pytest

from golden import AS_OF, FIXTURE, GOLDEN, outputs
from helpers import make_settings

MODES = ("public", "internal")


def settings(mode: str):
    return make_settings(FIXTURE, as_of=AS_OF, council_name="Riverside Borough Council", mode=mode,
                         site={"site_url": "https://register.riverside.example/", "site_name": "Riverside register"})


@pytest.fixture(scope="module", params=MODES)
def produced(request):
    return request.param, outputs(settings(request.param))


def test_golden_files(produced, request):
    mode, texts = produced
    folder = GOLDEN / mode
    if request.config.getoption("--update-golden"):
        for old in folder.rglob("*.txt") if folder.exists() else []:
            old.unlink()
        for name, text in texts.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    expected = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.txt")}
    assert sorted(expected) == sorted(texts), "pages or downloads added or removed: run `make golden` and review"
    changed = []
    for name, text in texts.items():
        if expected[name] != text:
            diff = difflib.unified_diff(expected[name].splitlines(), text.splitlines(), name, name, lineterm="", n=1)
            changed.append("\n".join(list(diff)[:40]))
    assert not changed, "\n\n".join(changed) + "\n\nrun `make golden` and review the diff if this change is intended"


def test_public_golden_files_hold_no_canary():
    """The fixture puts GOLDEN-CANARY in every withheld place; the public texts never show one."""
    texts = outputs(settings("public"))
    assert [name for name, text in texts.items() if "GOLDEN-CANARY" in text] == []
    internal = outputs(settings("internal"))
    assert any("GOLDEN-CANARY" in text for text in internal.values())
