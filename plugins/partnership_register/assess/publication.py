"""Public and internal views of a register.

The public build leaves out every field the schema marks `x-internal`, every money
entry marked commercially confidential, and every record marked not for publication
(and any reference to one), before anything is assessed, rendered or exported: what
is not in the view cannot leak into a page, the search index or a download.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ..load import schema as schema_mod
from ..load import withheld
from ..load.loader import Record

PUBLIC, INTERNAL = "public", "internal"
BUILD_ENV = "PARTNERSHIP_REGISTER_BUILD"


def build_mode(configured: str | None = None, environ=None) -> str:
    """`internal` only when asked for (config or PARTNERSHIP_REGISTER_BUILD); public by default."""
    environ = os.environ if environ is None else environ
    value = (environ.get(BUILD_ENV) or configured or PUBLIC).strip().lower()
    if value not in (PUBLIC, INTERNAL):
        raise ValueError(f"build must be 'public' or 'internal', got {value!r}")
    return value


def is_published(record: Record) -> bool:
    return withheld.is_published(record.data)


def _without(data, path: tuple):
    """`data` without the value at `path` ('*' for every item of a list), copying only the
    containers on the way to what is dropped: everything else is shared with the record read."""
    if not path or not _holds(data, path):
        return data
    head, rest = path[0], path[1:]
    if head == "*":
        return [_without(item, rest) for item in data]
    out = dict(data)
    if rest:
        out[head] = _without(data[head], rest)
    else:
        del out[head]
    return out


def _holds(data, path: tuple) -> bool:
    if not path:
        return True
    head, rest = path[0], path[1:]
    if head == "*":
        return isinstance(data, list) and any(_holds(item, rest) for item in data)
    return isinstance(data, dict) and head in data and _holds(data[head], rest)


def redact(record: Record, internal_paths: list[tuple], unpublished_ids: set[str]) -> Record:
    """The record with nothing internal left in it. Nothing is changed in place: what the view
    keeps is shared with `record`, and what it drops is left out of new copies of its containers."""
    data = dict(record.data)
    for path in internal_paths:
        data = _without(data, path)
    money = data.get("money")
    if isinstance(money, list):
        kept = [m for m in money if not (isinstance(m, dict) and m.get("commercially_confidential"))]
        if len(kept) != len(money):
            data["money_withheld"] = True
        data["money"] = kept
        if not kept:
            del data["money"]
    for key in ("parent", "replaced_by"):
        if data.get(key) in unpublished_ids:
            del data[key]
    if isinstance(data.get("sub_groups"), list):
        data["sub_groups"] = [s for s in data["sub_groups"] if s not in unpublished_ids]
        if not data["sub_groups"]:
            del data["sub_groups"]
    data.pop("publication", None)
    return replace(record, data=data)


def view(records: list[Record], mode: str, schema: dict | None = None) -> list[Record]:
    """The records a build of this mode may show: all of them internally, the redacted published ones publicly."""
    if mode == INTERNAL:
        return list(records)
    paths = schema_mod.internal_paths(schema)
    unpublished = {r.id for r in records if not is_published(r)}
    return [redact(r, paths, unpublished) for r in records if is_published(r)]
