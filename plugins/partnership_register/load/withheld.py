"""What a public register withholds from a record, in one place.

A public site leaves out every field the schema marks `x-internal` (and everything under
one), the publication block, every money entry marked commercially confidential, and every
record marked `publication: {publish: false}`. Three parts of the register read this rule:
the public view removes what it names (`assess/publication.py`), the loader never quotes it
in a message (`loader.py`, through `Problem.show_detail`), and a public repository refuses
it outright (`repository.py`). When a record is too broken to tell, the answer is the safe
one: withheld.
"""

from __future__ import annotations

import re

PUBLISHED, UNPUBLISHED, UNKNOWN = "published", "unpublished", "unknown"
PUBLICATION = "publication"
_MISSING = object()


def is_published(data) -> bool:
    """False only for a record marked `publication: {publish: false}` (for valid records)."""
    pub = data.get(PUBLICATION) if isinstance(data, dict) else None
    return not (isinstance(pub, dict) and pub.get("publish") is False)


def publication_state(data, problem_fields=()) -> str:
    """published, unpublished, or unknown when the record cannot say clearly.

    Unknown when the front-matter could not be read (`data` None), when the publication
    block is not a group with publish true or false, or when any problem concerns it (a
    duplicated `publication:` may have hidden a `publish: false`).
    """
    if not isinstance(data, dict):
        return UNKNOWN
    if any(f == PUBLICATION or f.startswith((PUBLICATION + ".", PUBLICATION + "[")) for f in problem_fields):
        return UNKNOWN
    pub = data.get(PUBLICATION, _MISSING)
    if pub is _MISSING:
        return PUBLISHED
    if not isinstance(pub, dict):
        return UNKNOWN
    publish = pub.get("publish")
    return PUBLISHED if publish is True else UNPUBLISHED if publish is False else UNKNOWN


def _related(path: tuple, pattern: tuple) -> bool:
    """`path` is the internal field, under it, or above it (a value typed there may hold it)."""
    n = min(len(path), len(pattern))
    return all(p == "*" and isinstance(v, int) or p == v for v, p in zip(path[:n], pattern[:n]))


def _confidential(entry) -> bool:
    """A money entry marked commercially confidential, or one that cannot say it is not."""
    if not isinstance(entry, dict):
        return True
    flag = entry.get("commercially_confidential", False)
    return flag is not False


def is_withheld(data, path: tuple, internal_paths, state: str = PUBLISHED) -> bool:
    """May the value at `path` be one the public site withholds? When unsure, yes."""
    if state != PUBLISHED or not path:
        return True
    if path[0] == PUBLICATION:
        return True
    if any(_related(path, tuple(p)) for p in internal_paths):
        return True
    if path[0] == "money":
        money = data.get("money") if isinstance(data, dict) else None
        if not isinstance(money, list):
            return True
        if len(path) == 1:
            return any(_confidential(m) for m in money)
        index = path[1]
        return not isinstance(index, int) or index >= len(money) or _confidential(money[index])
    return False


def places(data: dict, internal_paths) -> list[tuple[tuple, str]]:
    """Where a record holds what a public site withholds: (path, what) for each place, in file order.

    An unpublished record is one place (its `publication.publish`): all of it is withheld.
    """
    if not isinstance(data, dict):
        return []
    pub = data.get(PUBLICATION)
    if isinstance(pub, dict) and pub.get("publish") is False:
        return [((PUBLICATION, "publish"), "unpublished")]
    out = []
    for pattern in internal_paths:
        out += [(path, "internal") for path in _expand(data, tuple(pattern), ())]
    money = data.get("money")
    for i, entry in enumerate(money if isinstance(money, list) else []):
        if isinstance(entry, dict) and entry.get("commercially_confidential") is True:
            out.append((("money", i, "commercially_confidential"), "confidential"))
    if isinstance(pub, dict) and "reason" in pub:
        out.append(((PUBLICATION, "reason"), "internal"))
    return out


def _expand(data, pattern: tuple, at: tuple) -> list[tuple]:
    """The real paths (indices filled in) where `pattern` has a value in `data`."""
    if not pattern:
        return [at]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = data if isinstance(data, list) else []
        return [p for i, item in enumerate(items) for p in _expand(item, rest, at + (i,))]
    if isinstance(data, dict) and head in data:
        return _expand(data[head], rest, at + (head,))
    return []


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def split_field(name: str) -> tuple:
    """('risks', 0, 'likelihood') from 'risks[0].likelihood' (the inverse of `yamlsource.field_name`)."""
    return tuple(int(index) if index else key for index, key in _PART.findall(name))
