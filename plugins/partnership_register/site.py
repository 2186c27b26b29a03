"""The register site as data: which pages exist, which template draws each, and what it is given.

Nothing here imports MkDocs. `build_site` runs the core pipeline once (load → view →
assess), reads the records' change history once, prepares one `RecordView` per
partnership, and asks each page builder in `PAGE_BUILDERS` for its `PageSpec`s and each
builder in `FILE_BUILDERS` for extra files (styles, scripts, downloads). To add a page
or a download, write a builder `(site) -> list[PageSpec]` or `(site) -> list[ExtraFile]`
and append it to the list: the MkDocs plugin adds whatever the lists return.

Every value here is plain text; escaping happens once, in the templates (autoescape).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import yaml

from . import pipeline, publication
from . import schema as schema_mod
from .assess import HEALTH_ORDER, SEVERITY_ORDER, Gap, RecordAssessment, health_rating
from .loader import Record
from .policy import SIGNIFICANCE_CRITERIA, Policy
from .problems import Problem
from .rules import RULES

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = ("register.css", "register.js")
ASSET_DIR = "assets/partnership-register"

# Words for values whose plain "replace hyphens, capitalise" reading would be wrong.
LABELS = {
    "it": "IT",
    "sub-regional": "Sub-regional",
    "one-off": "One-off",
    "police-fire": "Police and fire",
    "voluntary-community": "Voluntary and community",
    "health-and-safety": "Health and safety",
    "local-strategic-partnership": "Local Strategic Partnership",
    "joint-venture-company": "Joint venture company",
    "not-in-place": "Not in place",
    "not-applicable": "Not applicable",
}
HEALTH_WORDS = {
    "red": "Red: at least one serious governance gap is open",
    "amber": "Amber: governance gaps need attention",
    "green": "Green: no significant governance gaps",
}
REVIEW_WORDS = {
    "overdue": "Overdue",
    "due-soon": "Due soon",
    "scheduled": "Scheduled",
    "not-scheduled": "No review date",
    "closed": "Closed: no further reviews",
}
LIKELIHOOD_WORDS = {1: "Unlikely", 2: "Possible", 3: "Probable", 4: "Almost certain"}
IMPACT_WORDS = {1: "Low", 2: "Medium", 3: "Significant", 4: "High"}
NOT_RECORDED = "Not recorded"
WIDE = {"hide": ["toc"]}  # pages whose wide tables need the room the table of contents would take


def label(value) -> str:
    """A schema value (`joint-committee`) in words (`Joint committee`)."""
    if value is None:
        return ""
    text = str(value)
    if text in LABELS:
        return LABELS[text]
    words = text.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def slug(text: str) -> str:
    """An anchor or file name from free text: lower-case ASCII letters and digits joined by hyphens."""
    out, dash = [], False
    for ch in str(text).lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "x"


# --- settings and page structures -----------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """Everything the core needs to build the site; the plugin fills it from mkdocs.yml."""

    root: Path                       # the folder holding mkdocs.yml; record paths are shown relative to it
    records_dir: Path
    schema_path: str | None
    as_of: dt.date
    policy: Policy
    mode: str = publication.PUBLIC
    site_name: str = "Partnership Register"
    council_name: str = "the council"
    accessibility_contact: str | None = None
    accessibility_phone: str | None = None
    accessibility_status: str = "partial"
    accessibility_prepared_on: dt.date | None = None
    source_url: str | None = None    # base for "view the source" links, ending in /
    edit_url: str | None = None      # base for "edit this record" links, ending in /
    read_history: bool = True
    use_directory_urls: bool = True
    serve: bool = False
    site_url: str | None = None      # mkdocs.yml site_url, for absolute links in downloads and feeds
    options: dict = field(default_factory=dict)  # the plugin's options as given, for builders that need more


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, its title (plain text), its template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    in_nav: bool = False
    edit_url: str | None = None
    meta: dict = field(default_factory=dict)   # page meta for the theme, e.g. {"hide": ["toc"]}


@dataclass(frozen=True)
class ExtraFile:
    """One generated file that is not a page (a stylesheet, a script, a download)."""

    dest_uri: str
    content: bytes | str


@dataclass(frozen=True)
class History:
    """When each record file last changed, from git; `available` is False without git history."""

    available: bool
    changed: dict  # record path (as shown) -> date

    def last_changed(self, path: str) -> dt.date | None:
        return self.changed.get(path)


@dataclass
class GapView:
    """A gap as the pages show it."""

    gap: Gap
    record: "RecordView"

    @property
    def rule(self):
        return self.gap.rule

    @property
    def severity(self) -> str:
        return self.gap.severity

    @property
    def status(self) -> str:
        """open, acknowledged, or expired (an acknowledgement that has lapsed: the gap counts again)."""
        if self.gap.acknowledged:
            return "acknowledged"
        return "expired" if self.gap.acknowledgement_expired else "open"

    @property
    def acknowledgement(self) -> dict:
        return self.gap.acknowledgement or {}


@dataclass
class RecordView:
    """One partnership prepared for its page and for every table it appears in."""

    ra: RecordAssessment
    url: str
    path: str
    source_url: str | None
    edit_url: str | None
    last_changed: dt.date | None
    gaps: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    children: list = field(default_factory=list)     # records naming this one as parent
    replaces: list = field(default_factory=list)     # records naming this one in replaced_by
    body_markdown: str = ""

    @property
    def id(self) -> str:
        return self.ra.id

    @property
    def data(self) -> dict:
        return self.ra.record.data

    @property
    def facts(self):
        return self.ra.facts

    @property
    def name(self) -> str:
        return str(self.data.get("name") or self.id)

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "")

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def directorate(self) -> str:
        return str(self.data.get("directorate") or NOT_RECORDED)

    @property
    def health(self) -> str:
        return self.ra.health

    @property
    def open_gaps(self) -> list:
        return [g for g in self.gaps if g.status != "acknowledged"]

    @property
    def acknowledged_gaps(self) -> list:
        return [g for g in self.gaps if g.status == "acknowledged"]

    @property
    def money_withheld(self) -> bool:
        return bool(self.data.get("money_withheld"))

    @property
    def open_risks(self) -> list:
        return [r for r in self.facts.risks if not r.closed]


@dataclass
class InvalidRecord:
    """A record that failed validation: under `mkdocs serve` its page lists the problems."""

    path: str
    url: str
    src_uri: str
    problems: list


@dataclass
class Site:
    """The whole site as data, built once per build."""

    settings: Settings
    run: pipeline.Run
    history: History
    records: list            # RecordView, sorted by name
    invalid: list            # InvalidRecord
    schema: dict
    pages: list = field(default_factory=list)
    files: list = field(default_factory=list)

    @property
    def assessment(self):
        return self.run.assessment

    @property
    def problems(self) -> list[Problem]:
        return self.run.register.problems

    @cached_property
    def by_id(self) -> dict:
        return {r.id: r for r in self.records}

    @cached_property
    def live(self) -> list:
        return [r for r in self.records if not r.closed]

    @cached_property
    def closed(self) -> list:
        return [r for r in self.records if r.closed]

    @cached_property
    def export_settings(self):
        """Who publishes the downloads, where, under what licence (export.ExportSettings)."""
        from .export import ExportSettings

        s = self.settings
        return ExportSettings.from_config(s.options, s.site_url, s.root, s.use_directory_urls)

    @cached_property
    def downloads(self) -> dict:
        """Every open-data file as {site path: bytes}, made once per build: the Data page lists their sizes."""
        from .export import artefacts

        return artefacts(self.assessment, self.export_settings, self.settings.mode)

    def url_of(self, src_uri: str) -> str:
        return page_url(src_uri, self.settings.use_directory_urls)

    def common(self) -> dict:
        """What every template gets."""
        s = self.settings
        return {"site": self, "settings": s, "as_of": s.as_of, "policy": s.policy, "internal": s.mode == "internal",
                "council_name": s.council_name, "serve": s.serve}


# --- URLs ----------------------------------------------------------------------------

def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a page at `src_uri` (`partnerships/x.md` → `partnerships/x/`)."""
    stem, _ = posixpath.splitext(src_uri)
    if not src_uri.endswith(".md"):
        return src_uri
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ("" if use_directory_urls else "index.html")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_url(target: str, from_url: str) -> str:
    """`target` (a site URL, may carry a #fragment) as a relative link from the page at `from_url`."""
    path, sep, fragment = target.partition("#")
    base = from_url if (from_url == "" or from_url.endswith("/")) else posixpath.dirname(from_url)
    rel = posixpath.relpath(path.rstrip("/") or ".", base.rstrip("/") or ".")
    if path == "" or path.endswith("/"):
        rel += "/"
    return rel + sep + fragment


# --- history -------------------------------------------------------------------------

def record_history(root: Path, paths: list[str], enabled: bool = True) -> History:
    """Last change date of each record file, from one `git log` (see history.py); unavailable without git
    history, or in a shallow clone, whose dates would be those of the clone."""
    if not enabled or not paths:
        return History(False, {})
    from . import history as history_mod

    if not history_mod.history_available(root) or history_mod.is_shallow(root):
        return History(False, {})
    found = history_mod.record_history(root, paths)
    return History(True, {path: change.date.date() for path, change in found.items()})


# --- building ------------------------------------------------------------------------

def _documents(record: Record, schema: dict) -> list[dict]:
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


def _body_markdown(record: Record) -> str:
    """The narrative body, without a first heading that only repeats the name (the page has its own)."""
    body = record.body or ""
    lines = body.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].startswith("# ") and lines[i][2:].strip() == str(record.get("name", "")).strip():
        lines = lines[i + 1:]
    return "\n".join(_without_empty_sections(lines)).strip()


def _heading_level(line: str) -> int:
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 1 <= hashes <= 6 and line[hashes:hashes + 1] == " " else 0


def _without_empty_sections(lines: list[str]) -> list[str]:
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


def _record_src_uri(record_id: str) -> str:
    return f"partnerships/{record_id}.md"


def build_site(settings: Settings, *, page_builders=None, file_builders=None) -> Site:
    """Load, assess and lay out the register; never raises for bad records (they carry problems)."""
    run = pipeline.run([settings.records_dir], policy=settings.policy, as_of=settings.as_of, mode=settings.mode,
                       schema_path=settings.schema_path, root=settings.root)
    schema = schema_mod.load_schema(settings.schema_path)
    paths = sorted(r.record.path for r in run.assessment.records)
    history = record_history(settings.root, paths, settings.read_history)
    records = []
    for ra in run.assessment.records:
        path = ra.record.path
        rv = RecordView(ra, page_url(_record_src_uri(ra.id), settings.use_directory_urls), path,
                        settings.source_url + path if settings.source_url else None,
                        settings.edit_url + path if settings.edit_url else None,
                        history.last_changed(path))
        rv.gaps = [GapView(g, rv) for g in ra.gaps]
        rv.documents = _documents(ra.record, schema)
        rv.body_markdown = _body_markdown(ra.record)
        records.append(rv)
    by_id = {r.id: r for r in records}
    for r in records:
        parent = by_id.get(r.data.get("parent"))
        if parent is not None:
            parent.children.append(r)
        successor = by_id.get(r.data.get("replaced_by"))
        if successor is not None:
            successor.replaces.append(r)
    invalid = _invalid_records(run, settings, set(by_id))
    site = Site(settings, run, history, records, invalid, schema)
    for builder in (PAGE_BUILDERS if page_builders is None else page_builders):
        site.pages.extend(builder(site))
    for builder in (FILE_BUILDERS if file_builders is None else file_builders):
        site.files.extend(builder(site))
    return site


def _invalid_records(run: pipeline.Run, settings: Settings, taken: set) -> list:
    out = []
    for record in run.register.records:
        if record.valid:
            continue
        base = slug(Path(record.path).stem)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        src = _record_src_uri(name)
        out.append(InvalidRecord(record.path, page_url(src, settings.use_directory_urls), src,
                                 sorted(set(record.problems), key=lambda p: (p.line, p.column, p.field, p.message))))
    return out


# --- page builders -------------------------------------------------------------------

def register_pages(site: Site) -> list[PageSpec]:
    return [PageSpec("register/index.md", "Register of partnerships", "register.html",
                     {"live": site.live, "closed_records": site.closed}, in_nav=True, meta=WIDE)]


def record_pages(site: Site) -> list[PageSpec]:
    pages = [PageSpec(_record_src_uri(r.id), r.name, "record.html", {"r": r}, edit_url=r.edit_url)
             for r in site.records]
    if site.settings.serve:
        pages += [PageSpec(i.src_uri, f"Problems in {i.path}", "record_problems.html", {"invalid": i})
                  for i in site.invalid]
    return pages


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
        anchor = slug(text)
        while anchor in anchors:
            anchor += "-x"
        anchors.add(anchor)
        out.append({"value": value, "label": text, "anchor": anchor, "records": groups[value]})
    return out


def browse_pages(site: Site) -> list[PageSpec]:
    dims = [(d, group_records(site.records, d)) for d in dimensions(site.schema)]
    pages = [PageSpec("browse/index.md", "Browse the register", "browse_index.html",
                      {"dimensions": [{"dim": d, "groups": g, "url": site.url_of(f"browse/{d.key}.md")}
                                      for d, g in dims]}, in_nav=True)]
    for d, groups in dims:
        pages.append(PageSpec(f"browse/{d.key}.md", f"Partnerships {d.title.lower()}", "browse.html",
                              {"dim": d, "groups": groups}, meta=WIDE))
    return pages


def gap_rows(site: Site) -> list[GapView]:
    """Every gap on the register, in the assessment's order (most severe first, then name, then rule)."""
    views = {(g.record.id, g.rule.id): g for r in site.records for g in r.gaps}
    return [views[(ra.id, gap.rule.id)] for ra, gap in site.assessment.gaps()]


def gap_summary(site: Site) -> dict:
    rows = gap_rows(site)
    sev = ("high", "medium", "low")
    by_severity = [{"severity": s, "open": sum(1 for g in rows if g.severity == s and g.status != "acknowledged"),
                    "acknowledged": sum(1 for g in rows if g.severity == s and g.status == "acknowledged")}
                   for s in sev]
    per_rule: dict = defaultdict(list)
    for g in rows:
        per_rule[g.rule.id].append(g)
    by_rule = []
    for rule in RULES:
        found = per_rule.get(rule.id)
        if found:
            by_rule.append({"rule": rule, "severity": found[0].severity,
                            "records": len({g.record.id for g in found}),
                            "open": sum(1 for g in found if g.status != "acknowledged"),
                            "acknowledged": sum(1 for g in found if g.status == "acknowledged")})
    by_rule.sort(key=lambda x: (SEVERITY_ORDER[x["severity"]], -x["records"], x["rule"].title.casefold()))
    per_dir: dict = defaultdict(list)
    for r in site.records:
        per_dir[r.directorate].append(r)
    by_directorate = [{"directorate": d, "records": len(rs),
                       "with_open": sum(1 for r in rs if r.open_gaps),
                       "open": sum(len(r.open_gaps) for r in rs),
                       "high": sum(1 for r in rs for g in r.open_gaps if g.severity == "high")}
                      for d, rs in sorted(per_dir.items(), key=lambda kv: (kv[0] == NOT_RECORDED, kv[0].casefold()))]
    health = Counter(r.health for r in site.records)
    return {"rows": rows, "by_severity": by_severity, "by_rule": by_rule, "by_directorate": by_directorate,
            "open": sum(1 for g in rows if g.status != "acknowledged"),
            "acknowledged": sum(1 for g in rows if g.status == "acknowledged"),
            "records_with_open": sum(1 for r in site.records if r.open_gaps),
            "health": [{"rating": h, "count": health.get(h, 0)} for h in sorted(HEALTH_ORDER, key=HEALTH_ORDER.get)]}


def gap_pages(site: Site) -> list[PageSpec]:
    return [
        PageSpec("gaps/index.md", "Governance gaps", "gaps.html", {"summary": gap_summary(site)}, in_nav=True),
        PageSpec("gaps/rules.md", "Gap rules", "rules.html", {"rules": rule_catalogue(site)},
                 in_nav=True),
    ]


def rule_catalogue(site: Site) -> dict:
    p = site.settings.policy
    counts = Counter(g.rule.id for g in gap_rows(site))
    rules = []
    for rule in RULES:
        o = p.override(rule.id)
        rules.append({"rule": rule, "enabled": o.enabled, "severity": o.severity or rule.severity,
                      "default_severity": rule.severity, "changed": bool(o.severity and o.severity != rule.severity),
                      "found": counts.get(rule.id, 0)})
    return {
        "rules": rules,
        "health_doc": " ".join((health_rating.__doc__ or "").split()),
        "bands": [{"band": "high", "low": p.risk_high_from, "high": 16},
                  {"band": "medium", "low": p.risk_medium_from, "high": p.risk_high_from - 1},
                  {"band": "low", "low": 1, "high": p.risk_medium_from - 1}],
        "criteria": [{"id": c, "text": SIGNIFICANCE_CRITERIA[c]} for c in p.significance_criteria],
    }


def review_rows(site: Site) -> dict:
    live = [r for r in site.records if r.facts.review_state != "closed"]
    overdue = sorted((r for r in live if r.facts.review_state == "overdue"),
                     key=lambda r: (r.facts.next_review, r.name.casefold()))
    soon = sorted((r for r in live if r.facts.review_state == "due-soon"),
                  key=lambda r: (r.facts.next_review, r.name.casefold()))
    later = sorted((r for r in live if r.facts.review_state == "scheduled"),
                   key=lambda r: (r.facts.next_review, r.name.casefold()))
    none = [r for r in live if r.facts.review_state == "not-scheduled"]
    return {"overdue": overdue, "soon": soon, "later": later, "none": none}


def review_pages(site: Site) -> list[PageSpec]:
    return [PageSpec("reviews/index.md", "Reviews due", "reviews.html", {"reviews": review_rows(site)}, in_nav=True)]


def risk_summary(site: Site) -> dict:
    cells = Counter()
    bands = Counter()
    high = []
    for r in site.records:
        if r.closed:
            continue
        for risk in r.open_risks:
            cells[(risk.likelihood, risk.impact)] += 1
            bands[risk.band] += 1
            if risk.band == "high":
                high.append({"record": r, "risk": risk})
    high.sort(key=lambda x: (-x["risk"].score, x["record"].name.casefold(), x["risk"].title.casefold()))
    policy = site.settings.policy
    grid = [{"likelihood": li, "label": LIKELIHOOD_WORDS[li],
             "cells": [{"impact": im, "count": cells.get((li, im), 0), "score": li * im,
                        "band": policy.band(li * im)} for im in (1, 2, 3, 4)]}
            for li in (4, 3, 2, 1)]
    return {"grid": grid, "impacts": [{"impact": i, "label": IMPACT_WORDS[i]} for i in (1, 2, 3, 4)],
            "bands": [{"band": b, "count": bands.get(b, 0)} for b in ("high", "medium", "low")],
            "total": sum(bands.values()), "high": high}


def risk_pages(site: Site) -> list[PageSpec]:
    return [PageSpec("risks/index.md", "Risks across the register", "risks.html", {"risks": risk_summary(site)},
                     in_nav=True)]


def field_reference(schema: dict) -> list[dict]:
    """Top-level fields with their nested fields, each with its example as YAML."""
    sections: list[dict] = []
    for info in schema_mod.iter_fields(schema):
        example = None
        if info.example is not None:
            example = yaml.safe_dump({info.key: info.example}, sort_keys=False, allow_unicode=True,
                                     default_flow_style=False, width=88).rstrip("\n")
        item = {"info": info, "anchor": slug(info.path.replace("[]", "")), "example": example}
        if info.depth == 0:
            sections.append({**item, "children": []})
        else:
            sections[-1]["children"].append(item)
    return sections


def field_pages(site: Site) -> list[PageSpec]:
    return [PageSpec("fields/index.md", "Field reference", "fields.html",
                     {"sections": field_reference(site.schema), "schema": site.schema}, in_nav=True)]


def accessibility_pages(site: Site) -> list[PageSpec]:
    return [PageSpec("accessibility/index.md", "Accessibility statement", "accessibility.html", {}, in_nav=True)]


def asset_files(site: Site) -> list[ExtraFile]:
    return [ExtraFile(f"{ASSET_DIR}/{name}", (TEMPLATES / "assets" / name).read_bytes()) for name in ASSETS]


def data_pages(site: Site) -> list[PageSpec]:
    from .export.datapage import data_page_specs

    return data_page_specs(site.downloads, site.assessment, site.export_settings, site.settings.mode)


def summary_pages(site: Site) -> list[PageSpec]:
    from .report import summary_page_spec

    return [summary_page_spec(site.assessment, site.export_settings.record_url, site.schema,
                              site.settings.council_name, site.settings.mode == publication.INTERNAL)]


def download_files(site: Site) -> list[ExtraFile]:
    return [ExtraFile(path, content) for path, content in site.downloads.items()]


def officer_pages(site: Site) -> list[PageSpec]:
    from .officer_pages import changes_pages, howto_pages

    return howto_pages(site) + changes_pages(site)


def changes_feed(site: Site) -> list[ExtraFile]:
    from .officer_pages import changes_feed as feed

    return feed(site)


PAGE_BUILDERS: list = [register_pages, record_pages, browse_pages, gap_pages, review_pages, risk_pages,
                       field_pages, accessibility_pages, summary_pages, data_pages, officer_pages]
FILE_BUILDERS: list = [asset_files, download_files, changes_feed]
