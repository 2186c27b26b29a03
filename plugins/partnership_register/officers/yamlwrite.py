"""Write record front-matter the way an officer would: schema order, plain where safe, quoted where not.

Records are read with YAML 1.2 core scalars (see `yamlsource`), but officers open them in
editors and tools that still speak YAML 1.1, where `no`, `on` and `2025-03-31` are not text.
So a text value is quoted whenever either reading would take it for something else; a
date (a `datetime.date`) is written plain, `2025-03-31`, the way the records keep dates.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from ..load.yamlsource import _CoreResolver

# YAML 1.1 words PyYAML's resolver does not know but other 1.1 readers do (y/n booleans).
_EXTRA_NOT_TEXT = re.compile(r"^(?:y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|=|<<)$")
# Looks like a date or time to a human or a 1.1 reader, even where PyYAML would not resolve it.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$|^\d{1,2}:\d{2}(?::\d{2})?$")


def _core_tag(value: str) -> str:
    return _CoreResolver().resolve(yaml.ScalarNode, value, (True, False))


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, no line folding, unicode as is."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)

    def represent_str(self, data):
        style = None
        if "\n" in data:
            style = "|"
        elif (_EXTRA_NOT_TEXT.match(data) or _DATE_LIKE.match(data)
              or _core_tag(data) != "tag:yaml.org,2002:str"):
            style = "'" if data.isprintable() else '"'
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def represent_date(self, data):
        return self.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _Dumper.represent_str)
_Dumper.add_representer(dt.date, _Dumper.represent_date)


def in_schema_order(data, node: dict | None):
    """A copy of `data` with every mapping's keys in the schema's property order (unknown keys last).

    Text in a date field that is a real ISO date becomes a `datetime.date`, so it is written plain.
    """
    node = node or {}
    if isinstance(data, str) and node.get("format") == "date":
        try:
            return dt.date.fromisoformat(data) if len(data) == 10 else data
        except ValueError:
            return data
    if isinstance(data, dict):
        props = node.get("properties", {})
        order = {key: i for i, key in enumerate(props)}
        keys = sorted(data, key=lambda k: (order.get(k, len(order)), str(k)))
        return {k: in_schema_order(data[k], props.get(k)) for k in keys}
    if isinstance(data, list):
        return [in_schema_order(item, node.get("items")) for item in data]
    return data


def dump(data: dict, schema: dict | None = None) -> str:
    """YAML text for a mapping, in schema order when a schema is given; ends with a newline."""
    if schema is not None:
        data = in_schema_order(data, schema)
    if not data:
        return ""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100_000, indent=2)


def comment(text: str, prefix: str = "# ") -> str:
    """Lines of text as YAML comments (any line breaks inside kept as separate comment lines)."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "".join(f"{prefix}{line}".rstrip() + "\n" for line in lines)


def front_matter(yaml_text: str, body: str = "", header: str = "") -> str:
    """A record file: `---`, optional comment header, the YAML, `---`, then the Markdown body."""
    out = "---\n" + header + yaml_text + "---\n"
    body = body.strip("\n")
    return out + ("\n" + body + "\n" if body else "")
