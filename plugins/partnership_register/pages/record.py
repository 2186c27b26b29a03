"""A page per partnership; under `mkdocs serve`, a page listing the problems of each invalid record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import pipeline
from ..load import withheld
from ..load.loader import Record
from ..load.problems import KIND_LABELS
from ..text import anchor, label
from .site import InvalidRecord, PageSpec, Site, page_url, record_src_uri


def documents(record: Record, schema: dict) -> list[dict]:
    """The governance documents checklist, in the schema's order, with the schema's titles."""
    props = schema.get("properties", {}).get("documents", {}).get("properties", {})
    docs = record.data.get("documents") or {}
    out = []
    for key, sub in props.items():
        entry = docs.get(key) if isinstance(docs.get(key), dict) else {}
        out.append({"key": key, "title": sub.get("title") or label(key), "description": sub.get("description", ""),
                    "state": entry.get("state"), "link": entry.get("link"), "date_agreed": entry.get("date_agreed"),
                    "last_reviewed": entry.get("last_reviewed"), "reason": entry.get("reason"),
                    "note": entry.get("note")})
    return out


def body_markdown(record: Record) -> str:
    """The narrative body, without a first heading that only repeats the name (the page has its own)."""
    lines = (record.body or "").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].startswith("# ") and lines[i][2:].strip() == str(record.get("name", "")).strip():
        lines = lines[i + 1:]
    return "\n".join(without_empty_sections(lines)).strip()


def _heading_level(line: str) -> int:
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 1 <= hashes <= 6 and line[hashes:hashes + 1] == " " else 0


def without_empty_sections(lines: list[str]) -> list[str]:
    """Drop headings with nothing under them but blank lines and HTML comments, such as the
    skeleton `partnerships new` writes: an empty "History" heading tells a resident nothing."""
    has_text, in_comment = [], False
    for line in lines:  # does each line carry text a reader would see?
        text = line
        if in_comment:
            text = line.split("-->", 1)[1] if "-->" in line else ""
            in_comment = "-->" not in line
        while "<!--" in text:
            before, _, after = text.partition("<!--")
            if "-->" in after:
                text = before + after.split("-->", 1)[1]
            else:
                text, in_comment = before, True
        has_text.append(bool(text.strip()))
    if not any(has and not _heading_level(line) for has, line in zip(has_text, lines)):
        return []  # only comments and empty headings: no narrative at all
    keep = []
    for i, line in enumerate(lines):
        level = _heading_level(line)
        if level:
            j = i + 1
            while j < len(lines) and not (_heading_level(lines[j]) and _heading_level(lines[j]) <= level):
                if has_text[j]:
                    break
                j += 1
            else:
                continue  # reached the next heading of this level, or the end, with nothing to show
        keep.append(line)
    return keep


def invalid_records(run: pipeline.Run, settings: pipeline.Settings, taken: set) -> list[InvalidRecord]:
    """The invalid records a `mkdocs serve` preview lists, each with its problems.

    A public preview shows nothing of an unpublished record, and of a record too broken to
    tell (its YAML unreadable, its publication block in doubt) only where each problem is
    and of what kind: the safe answer to "might this be unpublished?" is yes.
    """
    out = []
    for rec in run.register.records:
        if rec.valid or (not settings.internal and rec.publication == withheld.UNPUBLISHED):
            continue
        hidden = not settings.internal and rec.publication != withheld.PUBLISHED
        problems = rec.problems
        if hidden:
            problems = [replace(p, field="", message=KIND_LABELS.get(p.kind, p.kind), hint="", detail="")
                        for p in problems]
        base = anchor(Path(rec.path).stem)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        src = record_src_uri(name)
        out.append(InvalidRecord(rec.path, page_url(src, settings.use_directory_urls), src,
                                 sorted(set(problems), key=lambda p: (p.line, p.column, p.field, p.message)), hidden))
    return out


def pages(site: Site) -> list[PageSpec]:
    out = [PageSpec(record_src_uri(r.id), r.name, "record.html",
                    {"r": r, "documents": documents(r.ra.record, site.schema), "body": body_markdown(r.ra.record)},
                    edit_url=r.edit_url)
           for r in site.records]
    if site.settings.serve:
        out += [PageSpec(i.src_uri, f"Problems in {i.path}", "record_problems.html", {"invalid": i})
                for i in site.invalid]
    return out
