"""The sample register in records/ is valid and shows off the whole schema.

The records are the demo a council sees first, so every one must pass
`partnerships check`, and together they should use every type and every status.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_register.assess.rules import RULE_IDS
from partnership_register.load.loader import load_register
from partnership_register.load.schema import load_schema

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "records"
MIN_RECORDS = 15


@pytest.fixture(scope="module")
def register():
    assert RECORDS.is_dir(), f"{RECORDS} is missing: the sample register has not been written yet"
    return load_register([RECORDS], root=REPO, known_rules=set(RULE_IDS))


def _enum(name: str) -> list[str]:
    return list(load_schema()["properties"][name]["enum"])


def test_every_sample_record_is_valid(register):
    assert register.problems == [], "\n" + "\n".join(p.text() for p in register.problems)


def test_sample_register_is_big_enough(register):
    assert register.files_checked >= MIN_RECORDS, (
        f"only {register.files_checked} records in records/; the sample needs at least {MIN_RECORDS}")


def test_sample_ids_are_unique_and_match_file_names(register):
    ids = [r.get("id") for r in register.records]
    assert len(ids) == len(set(ids))
    for r in register.records:
        assert r.get("id") == Path(r.path).stem, r.path


@pytest.mark.parametrize("field", ["type", "status"])
def test_every_enum_value_appears_in_the_sample(register, field):
    used = {r.get(field) for r in register.records}
    missing = [v for v in _enum(field) if v not in used]
    assert not missing, f"no sample record has {field}: {', '.join(missing)}"
