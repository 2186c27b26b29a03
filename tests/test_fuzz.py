"""Property: no input, however mangled, escapes `load_register` or the CLI as an exception,
and whatever is accepted can be exported.

Inputs are random text, random bytes, and mutations of the valid full record
(characters deleted, duplicated or inserted, lines swapped, random unicode and
YAML fragments spliced in). Every problem must be located inside the file and
say something. (tests/test_check_implies_build.py generates schema-valid registers
and checks every page and download of those `check` accepts.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_register import pipeline
from partnership_register.cli import main
from partnership_register.assess.rules import RULE_IDS
from partnership_register.downloads import artefacts
from partnership_register.load.loader import load_register

from helpers import make_settings

VALID = Path(__file__).resolve().parent / "records" / "valid"
FULL = (VALID / "full.md").read_text(encoding="utf-8")

YAML_FRAGMENTS = [
    ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "&b [*a, *a, *a]", "!!python/object/apply:os.system",
    "!!python/name:os.system", "!custom ", "!!str ", "!!binary ", "!!set ", "!!timestamp ", "---", "...", "\t",
    '"', "'", "? ", "|", ">", "%YAML 1.2\n", "%TAG ! tag:x:\n", "<<: *a", "#", " #", "\ufeff", "\x00", "\r", "\r\n",
    '"\\ud800"', '"\\x07"', "\x07", "\x1b", "\x85", "\u2028", "\ufffe", "~", "null", "yes", "no", "on", "0x1F",
    "0o17", ".inf", ".nan", "1e400", "-.5", "2025-02-30", "31/03/2025", "9" * 400, "[" * 200, "{a: " * 60,
    "  " * 40, "\n  - ", "\n    ", "id: full\n", "status: closed\n", "parent: full\n", "sub_groups: [full]\n",
    "risks:\n  - likelihood: 9\n", "é", "😀", "\u202e", "\U0010ffff",
    # values every later stage must be spared: check refuses them
    "1.7e308", "-.inf", ".NaN", "1e16", "9999-12-31", "2199-12-31", "1899-12-31", "0001-01-01", '"\\ufffe"',
    '"\\0"', '"\\x9f"', "\ufdd0", "\U0001fffe", "amount: .nan", "next_review: 9999-12-31\n",
]

text_piece = st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(max_size=20),
                       st.characters().map(str))


@st.composite
def mutated_record(draw) -> bytes:
    text = FULL
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "replace-line", "truncate"]))
        n = len(text)
        if op == "delete" and n:
            i = draw(st.integers(0, n - 1))
            text = text[:i] + text[i + draw(st.integers(1, 40)):]
        elif op == "duplicate" and n:
            i = draw(st.integers(0, n - 1))
            j = min(n, i + draw(st.integers(1, 200)))
            text = text[:j] + text[i:j] + text[j:]
        elif op == "insert":
            i = draw(st.integers(0, n))
            text = text[:i] + draw(text_piece) + text[i:]
        elif op == "swap":
            lines = text.split("\n")
            a = draw(st.integers(0, len(lines) - 1))
            b = draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif op == "replace-line":
            lines = text.split("\n")
            a = draw(st.integers(0, len(lines) - 1))
            lines[a] = draw(st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(max_size=40)))
            text = "\n".join(lines)
        elif op == "truncate" and n:
            text = text[: draw(st.integers(0, n))]
    encoded = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        encoded = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xa3", b""])) + encoded
    return encoded


inputs = st.one_of(
    mutated_record(),
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(text_piece, max_size=30).map(lambda parts: ("---\n" + "".join(parts) + "\n---\n").encode("utf-8", "surrogatepass")),
)


def _max_line(raw: bytes) -> int:
    """An upper bound on the lines an editor or YAML could count in the file."""
    text = raw.decode("utf-8", "replace")
    return 1 + sum(text.count(c) for c in ("\n", "\r", "\x85", "\u2028", "\u2029"))


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=inputs, fmt=st.sampled_from(["text", "json", "github"]))
def test_mangled_records_never_raise(raw, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        records.mkdir()
        (records / "full.md").write_bytes(raw)
        (records / "minimal.md").write_bytes((VALID / "minimal.md").read_bytes())

        # the same rule catalogue the CLI checks acknowledgements against
        register = load_register([records], root=Path(tmp), known_rules=set(RULE_IDS))
        assert register.files_checked == 2
        for p in register.problems:
            assert p.path in ("records/full.md", "records/minimal.md")
            assert 1 <= p.line <= _max_line(raw if p.path.endswith("full.md") else b""), p.text()
            assert p.column >= 1, p.text()
            assert p.message.strip(), p
            p.text().encode("utf-8")  # printable: no lone surrogates
            p.github().encode("utf-8")
        # the untouched record never picks up problems from its broken neighbour
        assert [p for p in register.problems if p.path == "records/minimal.md"] == []

        result = CliRunner().invoke(main, ["check", str(records), "--format", fmt])
        assert result.exception is None or (
            isinstance(result.exception, SystemExit) and result.exception.code in (0, 1)), result.exception
        assert result.exit_code == (1 if register.problems else 0)
        if fmt == "json":
            assert len(json.loads(result.output)["problems"]) == len(register.problems)
        if not register.problems:  # accepted: it must export, as strict JSON
            run = pipeline.run(make_settings(records, root=Path(tmp)))
            produced = artefacts(run.assessed, run.settings)
            json.loads(produced["data/register.json"], parse_constant=lambda name: 1 / 0)
