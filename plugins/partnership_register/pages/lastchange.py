"""When each partnership's published record last changed: the date of the latest commit that changed
what this build shows of it.

A commit that changed only withheld data (an internal note, a confidential amount, a comment in the
text) changes nothing shown, so its date is not the record's "last changed" date: taking the file's
last commit would tell the public that something withheld changed that day. Each record's last
commit is checked against the version before it, through the same view the build uses; when they
show the same, the commit before is tried, a few times at most, and with no change found the date
is left out rather than guessed. One `git log` and one `git cat-file` per step do the work.
"""

from __future__ import annotations

import datetime as dt
import re

from ..assess import publication
from ..load import schema as schema_mod
from ..load.loader import Record, Register
from ..load.yamlsource import parse as parse_yaml
from ..officers import history

STEPS = 3  # older commits tried for a record whose latest commit changed nothing shown
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)(.*)\Z", re.DOTALL)


class _View:
    """What this build shows of any version of a record: (data, body without comments), or None."""

    def __init__(self, register: Register, shown_ids: set, mode: str, schema: dict) -> None:
        self.internal = mode == publication.INTERNAL
        self.hidden = {r.id for r in register.records if r.id not in shown_ids}
        self.paths = schema_mod.internal_paths(schema)

    def of(self, data, body: str, path: str) -> tuple | None:
        if not isinstance(data, dict):
            return None
        record = Record(path, data, body, None)
        if not self.internal:
            if not publication.is_published(record):
                return None
            record = publication.redact(record, self.paths, self.hidden)
        return record.data, " ".join(_COMMENT.sub("", record.body or "").split())

    def of_bytes(self, raw: bytes | None, path: str) -> tuple | None:
        """The same for a version as git holds it; None for a file that did not exist or does not read."""
        if raw is None:
            return None
        match = _FRONT.match(raw.decode("utf-8", errors="replace").replace("\r\n", "\n"))
        if not match:
            return None
        data, _, issues = parse_yaml(match.group(1))
        return None if issues else self.of(data, match.group(2).lstrip("\n"), path)


def last_changes(root, register: Register, view: list[Record], mode: str, schema: dict) -> dict[str, dt.date]:
    """{record path: the date what this build shows of it last changed}, for the records in `view` git knows."""
    shown_ids = {r.id for r in view}
    current = {r.path: r for r in register.records if r.valid and r.id in shown_ids}
    found = history.record_history(root, list(current))
    rel = history.repository_paths(root, list(found))
    see = _View(register, shown_ids, mode, schema)
    pending = {path: change for path, change in found.items() if path in rel}
    now = {path: see.of(current[path].data, current[path].body, path) for path in pending}
    out: dict[str, dt.date] = {}
    for step in range(STEPS + 1):
        names = {path: f"{change.commit}^:{rel[path]}" for path, change in pending.items()}
        before = history.file_versions(root, list(names.values())) if names else {}
        older = {}
        for path, change in pending.items():
            if see.of_bytes(before.get(names[path]), path) != now[path]:
                out[path] = change.date.date()
            elif step < STEPS and (earlier := history.change_before(root, rel[path], change.commit)):
                older[path] = earlier  # that commit's result shows what is shown now: look further back
        pending = older
        if not pending:
            break
    return out
