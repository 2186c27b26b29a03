"""How to add or update a partnership: a sample record, and the messages `check` really gives.

The examples come from the schema and the error messages from the real loader, run on
small sample mistakes at build time, so the page cannot go stale.
"""

from __future__ import annotations

import datetime as dt

from ..load.loader import parse_record
from ..load.schema import iter_fields
from ..officers.yamlwrite import dump, front_matter
from .site import NavEntry, PageSpec, Site

# (what the officer did, the line of the sample record it replaces, what they wrote instead)
MISTAKES = [
    ("A field name with a typo", "next_review:", "nxt_review: 2027-06-30"),
    ("A date that does not exist", "next_review:", "next_review: 2027-02-30"),
    ("A date written the British way", "next_review:", "next_review: 30/06/2027"),
    ("A value that is not on the list", "status:", "status: Active"),
    ("yes instead of true", "personal_data_shared:", "personal_data_shared: yes"),
    ("A score outside 1 to 4", "    likelihood:", "    likelihood: 5"),
    ("A required field left out", "type:", None),
    ("Indentation that breaks the YAML", "  job_title:", "   job_title: Head of Service"),
]


def sample_record(schema: dict) -> str:
    """A small valid record built from the schema's own examples."""
    wanted = ["id", "name", "status", "type", "council_role", "summary", "start_date", "sponsoring_officer",
              "personal_data_shared", "risks", "next_review"]
    examples = {info.key: info.example for info in iter_fields(schema) if info.depth == 0 and info.key in wanted}
    data = {key: examples[key] for key in wanted if examples.get(key) is not None}
    data["sponsoring_officer"] = {"name": "Priya Shah", "job_title": "Head of Community Safety"}
    data["risks"] = [{"title": "Partner withdraws", "likelihood": 2, "impact": 3}]
    for key in ("start_date", "next_review"):
        data[key] = dt.date.fromisoformat(data[key])
    return front_matter(dump(data, schema), "\n## Background\n\nWhy the partnership exists, in plain words.\n")


def mistakes(sample: str, shown: str, schema_path: str | None) -> list[dict]:
    """Each sample mistake with the messages `partnerships check` really gives for it."""
    out = []
    lines = sample.splitlines()
    for what, starts, replacement in MISTAKES:
        index = next(i for i, line in enumerate(lines) if line.startswith(starts))
        changed = lines[:index] + ([replacement] if replacement else []) + lines[index + 1:]
        record = parse_record(("\n".join(changed) + "\n").encode(), shown, schema_path)
        out.append({"what": what, "wrote": replacement or f"(no {starts.strip()} line)",
                    "messages": [p.text() for p in record.problems]})
    return out


def pages(site: Site) -> list[PageSpec]:
    sample = sample_record(site.schema)
    shown = "records/" + sample.split("id: ", 1)[1].split("\n", 1)[0] + ".md"
    context = {"sample": sample, "sample_path": shown,
               "mistakes": mistakes(sample, shown, site.settings.schema_path),
               "required": [info for info in iter_fields(site.schema) if info.depth == 0 and info.required]}
    return [PageSpec("how-to/index.md", "How to add or update a partnership", "howto.html", context,
                     nav=NavEntry("How to add or update a partnership", "About"))]


