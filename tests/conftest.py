"""Shared fixtures: the repository root, fixture folders, and writing records to disk.

Tests build real files in `tmp_path` and load them with the same `load_register`
the CLI and the MkDocs plugin use; nothing is mocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "records"
VALID_DIR = FIXTURES / "valid"
INVALID_DIR = FIXTURES / "invalid"


def write_record(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """Write `text` (str as UTF-8, or raw bytes) to `tmp_path/name` and return the path.

    `name` may contain sub-folders (`records/a/x.md`); `.md` is added when missing.
    Strings are written byte for byte (no newline translation), so CRLF stays CRLF.
    """
    path = tmp_path / name
    if path.suffix != ".md":
        path = path.with_name(path.name + ".md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def minimal_record(record_id: str, extra: str = "", *, status: str = "active",
                   record_type: str = "informal") -> str:
    """A valid record with the five required fields, then `extra` YAML lines (lines 8 onwards)."""
    return (f"---\nid: {record_id}\nname: Test Partnership {record_id}\nstatus: {status}\n"
            f"type: {record_type}\ncouncil_role:\n  - member\n{extra}---\n\nBody.\n")


@pytest.fixture
def repo() -> Path:
    """The repository root (where schema/ and records/ live)."""
    return REPO


@pytest.fixture(name="write_record")
def _write_record_fixture():
    """`write_record(tmp_path, name, text)`: see the module-level helper."""
    return write_record


@pytest.fixture(name="minimal_record")
def _minimal_record_fixture():
    """`minimal_record(id, extra="")`: text of a valid record, extra fields from line 8."""
    return minimal_record



def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files in tests/golden/ from what the code produces now (then review)")
