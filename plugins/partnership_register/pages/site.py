"""The site as data: the page and file types every page family returns, and the site they are built from.

Below every page module (they import this; it imports none of them). Nothing here imports
MkDocs. Every value is plain text; escaping happens once, in the templates (autoescape).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import downloads, pipeline
from ..assess.facts import Gap, RecordAssessment
from ..assess.register import AssessedRegister
from ..text import NOT_RECORDED

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSET_DIR = "assets/partnership-register"
WIDE = {"hide": ["toc"]}  # pages whose wide tables need the room the table of contents would take


@dataclass(frozen=True)
class NavEntry:
    """Where a page sits in the site's navigation: its title, and the section it is in (None: the top)."""

    title: str
    section: str | None = None


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, its title (plain text), its template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    nav: NavEntry | None = None                # None: reached from other pages and search, not the navigation
    edit_url: str | None = None
    meta: dict = field(default_factory=dict)   # page meta for the theme, e.g. {"hide": ["toc"]}


@dataclass(frozen=True)
class Written:
    """A download already written to its place in the site folder (`Site.download_dir`)."""

    path: Path
    size: int

    def __len__(self) -> int:  # the Data page lists sizes with len(), as it does for bytes
        return self.size


READ_BACK = frozenset({downloads.CSVW_PATH, downloads.SCHEMA_PATH})  # downloads the Data page reads


@dataclass(frozen=True)
class ExtraFile:
    """One generated file that is not a page (a stylesheet, a script, a download)."""

    dest_uri: str
    content: bytes | str | Written


@dataclass(frozen=True)
class History:
    """When each record file last changed, from git; `available` is False without git history."""

    available: bool
    changed: dict  # record path (as shown) -> date

    def last_changed(self, path: str) -> dt.date | None:
        return self.changed.get(path)


@dataclass
class GapView:
    """A gap as the pages show it: the gap and the record page it belongs to."""

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
        return self.gap.status

    @property
    def acknowledgement(self) -> dict:
        return self.gap.acknowledgement or {}


@dataclass
class RecordView:
    """One partnership prepared for its page and for every table it appears in."""

    ra: RecordAssessment
    url: str
    source_url: str | None
    edit_url: str | None
    last_changed: dt.date | None
    gaps: list = field(default_factory=list)
    children: list = field(default_factory=list)     # records naming this one as parent
    replaces: list = field(default_factory=list)     # records naming this one in replaced_by

    @property
    def id(self) -> str:
        return self.ra.id

    @property
    def path(self) -> str:
        return self.ra.record.path

    @property
    def data(self) -> dict:
        return self.ra.record.data

    @property
    def facts(self):
        return self.ra.facts

    @property
    def name(self) -> str:
        return self.ra.name

    @property
    def status(self) -> str:
        return self.ra.facts.status

    @property
    def closed(self) -> bool:
        return not self.ra.current

    @property
    def directorate(self) -> str:
        return str(self.data.get("directorate") or NOT_RECORDED)

    @property
    def health(self) -> str | None:
        return self.ra.health

    @property
    def open_gaps(self) -> list:
        return [g for g in self.gaps if g.gap.is_open]

    @property
    def acknowledged_gaps(self) -> list:
        return [g for g in self.gaps if g.gap.acknowledged]

    @property
    def money_withheld(self) -> bool:
        return bool(self.data.get("money_withheld"))

    @property
    def open_risks(self) -> list:
        return self.facts.open_risks


@dataclass
class InvalidRecord:
    """A record that failed validation: under `mkdocs serve` its page lists the problems."""

    path: str
    url: str
    src_uri: str
    problems: list
    hidden: bool = False  # a public build that cannot tell whether the record is published: no details


@dataclass
class Site:
    """The whole site as data, built once per build."""

    settings: pipeline.Settings
    run: pipeline.Run
    history: History
    records: list            # RecordView, in the assessed register's order (by name)
    invalid: list            # InvalidRecord
    schema: dict
    pages: list = field(default_factory=list)
    files: list = field(default_factory=list)
    download_dir: Path | None = None  # write each download here (the site folder) as it is made

    @property
    def assessed(self) -> AssessedRegister:
        return self.run.assessed

    @property
    def problems(self):
        return self.run.problems

    @cached_property
    def by_id(self) -> dict:
        return {r.id: r for r in self.records}

    def views(self, assessments) -> list:
        """The RecordViews of assessed records, in the order given."""
        return [self.by_id[ra.id] for ra in assessments]

    @cached_property
    def current(self) -> list:
        return self.views(self.assessed.current)

    @cached_property
    def closed(self) -> list:
        return self.views(self.assessed.closed)

    @cached_property
    def downloads(self) -> dict:
        """Every open-data file as {site path: bytes}, made once per build: the Data page lists their sizes.

        With `download_dir`, each file is written there as it is made and kept only as `Written`
        (its path and size), but for the few the Data page reads back.
        """
        if self.download_dir is None:
            return downloads.artefacts(self.assessed, self.settings)
        return downloads.artefacts(self.assessed, self.settings, sink=self._write)

    def _write(self, path: str, data: bytes):
        target = self.download_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return data if path in READ_BACK else Written(target, len(data))

    def url_of(self, src_uri: str) -> str:
        return page_url(src_uri, self.settings.use_directory_urls)

    def record_url(self, record_id: str) -> str:
        return self.url_of(record_src_uri(record_id))

    def common(self) -> dict:
        """What every template gets."""
        s = self.settings
        return {"site": self, "settings": s, "as_of": s.as_of, "policy": s.policy, "internal": s.internal,
                "council_name": s.council_name, "serve": s.serve, "assessed": self.assessed}


# --- URLs ----------------------------------------------------------------------------

def record_src_uri(record_id: str) -> str:
    return f"partnerships/{record_id}.md"


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
