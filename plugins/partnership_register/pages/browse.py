"""Browse the register by type, directorate, status and council role: an index page and one page per way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from ..text import NOT_RECORDED, anchor, label
from .site import WIDE, NavEntry, PageSpec, Site


@dataclass(frozen=True)
class Dimension:
    """A way to browse the register: each record falls in one or more groups."""

    key: str
    title: str
    noun: str
    groups: Callable                 # RecordView -> list of group values
    order: Callable                  # group value -> sort key


def _enum_order(schema: dict, field_name: str):
    sub = schema["properties"][field_name]
    values = list((sub.get("items") or sub).get("enum", []))
    return lambda v: (values.index(v) if v in values else len(values), str(v))


def dimensions(schema: dict) -> list[Dimension]:
    return [
        Dimension("type", "By type", "type of partnership", lambda r: [r.data.get("type")],
                  _enum_order(schema, "type")),
        Dimension("directorate", "By directorate", "directorate", lambda r: [r.directorate],
                  lambda v: (v == NOT_RECORDED, str(v).casefold())),
        Dimension("status", "By status", "status", lambda r: [r.status], _enum_order(schema, "status")),
        Dimension("council-role", "By council role", "council role",
                  lambda r: list(r.data.get("council_role") or []), _enum_order(schema, "council_role")),
    ]


def group_records(records: list, dim: Dimension) -> list[dict]:
    """[{value, label, anchor, records}] in the dimension's order; records keep their order (by name)."""
    groups: dict = defaultdict(list)
    for r in records:
        for value in dict.fromkeys(dim.groups(r)):
            groups[value].append(r)
    out, anchors = [], set()
    for value in sorted(groups, key=dim.order):
        text = label(value) if dim.key != "directorate" else str(value)
        mark = anchor(text)
        while mark in anchors:
            mark += "-x"
        anchors.add(mark)
        out.append({"value": value, "label": text, "anchor": mark, "records": groups[value]})
    return out


def pages(site: Site) -> list[PageSpec]:
    dims = [(d, group_records(site.records, d)) for d in dimensions(site.schema)]
    out = [PageSpec("browse/index.md", "Browse the register", "browse_index.html",
                    {"dimensions": [{"dim": d, "groups": g, "url": site.url_of(f"browse/{d.key}.md")}
                                    for d, g in dims]}, nav=NavEntry("Browse"))]
    for d, groups in dims:
        out.append(PageSpec(f"browse/{d.key}.md", f"Partnerships {d.title.lower()}", "browse.html",
                            {"dim": d, "groups": groups}, meta=WIDE))
    return out
