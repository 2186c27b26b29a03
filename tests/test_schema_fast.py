"""The quick check (fastjsonschema) never accepts a record the full check (jsonschema) rejects."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_register.load import schema as schema_mod
from partnership_register.load.loader import load_register

REPO = Path(__file__).resolve().parents[1]
FULL = schema_mod._validator(None)  # jsonschema, with the register's own date format (years 1900-2199)
FAST = schema_mod._fast_check(None)
SAMPLES = [r.data for r in load_register([REPO / "records"]).records]


def agree(data) -> None:
    full_ok = FULL.is_valid(data)
    try:
        FAST(data)
        fast_ok = True
    except Exception:  # noqa: BLE001
        fast_ok = False
    assert not (fast_ok and not full_ok), data  # never more lenient
    assert fast_ok == full_ok, data              # and, for these values, never stricter either


def test_quick_check_is_compiled():
    assert FAST is not None


def test_agree_on_the_sample_register_and_the_invalid_fixtures():
    for data in SAMPLES:
        agree(data)
    for path in sorted((REPO / "tests" / "records" / "invalid").glob("*.md")):
        record = load_register([path]).records[0]
        if record.data:
            agree(record.data)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10), st.floats(allow_nan=False, width=32),
                   st.sampled_from(["", "x", "2025-02-30", "2025-02-28", "31/03/2025", "active", "lead", "yes",
                                    "GB-COH-01234567", "https://x.example", "not a url", "a@b", "ab"]),
                   st.lists(st.sampled_from(["lead", "member", "x", ""]), max_size=3))


@st.composite
def mutated(draw):
    data = copy.deepcopy(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 4))):
        node, keys = data, []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
            keys.append(key)
            if not isinstance(node[key], (dict, list)):
                break
            node = node[key]
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            if draw(st.booleans()):
                node[key] = draw(VALUES)
            else:
                del node[key]
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(VALUES)
    return data


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_agree_on_mutated_records(data):
    agree(data)
