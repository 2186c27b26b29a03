"""register.schema.json: the shape of register.json and of each partnership's JSON file.

Made from the same definitions the files are made from (the computed values in
`assess/computed.py`, the header in `jsondata.py`), so the schema and the data cannot
drift apart. It has no `$id`: its base is wherever it is read from (a file, or the site), so
its relative reference to the record schema finds the copy beside it, and ordinary tools
(check-jsonschema, jsonschema) validate offline or against the site alike. (A relative `$id`
sends check-jsonschema to the current folder instead.) One schema serves both kinds of file:
register.json (it has `records`) and each partnership's file.
"""

from __future__ import annotations

import json

from ..assess.computed import COMPUTED
from . import SCHEMA_PATH

ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
RECORD_SCHEMA = SCHEMA_PATH.rsplit("/", 1)[1]

HEADER = {
    "title": {"type": "string", "description": "What the file is."},
    "publisher": {"type": "string", "description": "The council publishing the register."},
    "schema_version": {"type": ["string", "null"], "description": "x-schema-version of the record schema."},
    "schema": {"type": "string", "description": "Where the record schema is published."},
    "register_schema": {"type": "string", "description": "Where this schema is published."},
    "assessed_as_of": {"type": "string", "format": "date", "description": "The date every computed value was worked out on."},
    "licence": {"$ref": "#/$defs/licence"},
    "internal": {"type": "boolean", "description": "True for an internal build: the file then holds internal fields, "
                 "confidential amounts and unpublished records, and must not be published."},
    "notice": {"type": "string", "description": "Present in internal builds: INTERNAL — DO NOT PUBLISH."},
}
ENTRY = {
    "id": {"type": "string", "pattern": ID_PATTERN},
    "url": {"type": "string", "description": "The partnership's page on the register site."},
    "record": {"$ref": RECORD_SCHEMA, "description": "The record's own fields, as typed in (public fields only in "
               "the public register)."},
    "computed": {"$ref": "#/$defs/computed"},
}
INTERNAL_NEEDS_NOTICE = [{"if": {"properties": {"internal": {"const": True}}, "required": ["internal"]},
                          "then": {"required": ["notice"]}}]


def _object(properties: dict, description: str, optional=("notice",)) -> dict:
    return {"type": "object", "description": description, "additionalProperties": False,
            "required": [k for k in properties if k not in optional], "properties": properties}


def register_schema(version: str | None) -> dict:
    computed = {c.name: c.json_schema() for c in COMPUTED}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Partnership register download",
        "description": "The register as published in data/register.json (and, one partnership per file, "
                       "data/partnerships/<id>.json). Each entry holds the record's own fields under `record`, valid "
                       "against partnership.schema.json, and the values the register works out on the assessment "
                       "date under `computed`. A file with `records` is a whole register; any other is one "
                       "partnership's file.",
        "x-schema-version": version,
        "type": "object",
        "if": {"required": ["records"]},
        "then": {"$ref": "#/$defs/register"},
        "else": {"$ref": "#/$defs/record_file"},
        "$defs": {
            "register": {**_object({**HEADER, "policy": {"$ref": "#/$defs/policy"},
                                    "record_count": {"type": "integer", "minimum": 0},
                                    "records": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
                                   "A whole register."), "allOf": INTERNAL_NEEDS_NOTICE},
            "licence": _object({"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
                               "The licence of the data."),
            "policy": {"type": "object", "description": "The council's policy settings the computed values depend "
                       "on, as in mkdocs.yml."},
            "entry": _object(ENTRY, "One partnership."),
            "record_file": {**_object({**HEADER, **ENTRY}, "One partnership's file: the header of register.json and "
                                      "one entry."), "allOf": INTERNAL_NEEDS_NOTICE},
            "computed": {**_object(computed, "Values the register works out on the assessment date; never typed in.",
                                   optional=()), "required": list(computed)},
        },
    }


def dumps(version: str | None) -> bytes:
    return (json.dumps(register_schema(version), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
