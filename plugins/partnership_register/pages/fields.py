"""The field reference: every field a record may hold, from the schema itself, and the computed values."""

from __future__ import annotations

import yaml

from ..assess.computed import COMPUTED
from ..load import schema as schema_mod
from ..text import anchor
from .site import NavEntry, PageSpec, Site


def field_reference(schema: dict) -> list[dict]:
    """Top-level fields with their nested fields, each with its example as YAML."""
    sections: list[dict] = []
    for info in schema_mod.iter_fields(schema):
        example = None
        if info.example is not None:
            example = yaml.safe_dump({info.key: info.example}, sort_keys=False, allow_unicode=True,
                                     default_flow_style=False, width=88).rstrip("\n")
        item = {"info": info, "anchor": anchor(info.path.replace("[]", "")), "example": example}
        if info.depth == 0:
            sections.append({**item, "children": []})
        else:
            sections[-1]["children"].append(item)
    return sections


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("fields/index.md", "Field reference", "fields.html",
                     {"sections": field_reference(site.schema), "schema": site.schema, "computed": COMPUTED},
                     nav=NavEntry("Field reference", "About"))]
