"""Recent changes: what changed in the register this build shows, commit by commit, and its Atom feed.

Each version of a record in the git history (officers/history.py) goes through the build's
own view (assess/publication.py), and a row says what differs between two views
(pages/whatchanged.py). Commit messages and authors are never read, so nothing anyone wrote
about a change can reach the page, the feed or the search index; a commit that changed only
what the build withholds differs in nothing shown, so it has no row. Rows are only ever about
partnerships this build shows. A version that did not pass the checks is skipped: the row
compares the versions either side of it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..assess import publication
from ..load.loader import parse_record
from ..officers.history import RecordLog
from .site import ExtraFile, NavEntry, PageSpec, RecordView, Site
from .whatchanged import HIDDEN, Change, Describer, summary

PAGE = "changes/index.md"
FEED = "changes.xml"
ROWS = 30             # rows on the page and entries in the feed
LINES = 10            # changes listed in a row before "and N more"
MAX_VERSIONS = 400    # record versions read at most per build: a long run of withheld-only commits stays cheap
INVALID = "invalid"
ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


@dataclass(frozen=True)
class Row:
    """What one commit changed in one partnership, as this build shows it."""

    date: dt.datetime   # the commit's date, timezone-aware
    commit: str
    record: RecordView
    changes: tuple[Change, ...]

    @property
    def shown(self) -> tuple[Change, ...]:
        return self.changes[:LINES]

    @property
    def more(self) -> int:
        return max(0, len(self.changes) - LINES)

    @property
    def summary(self) -> str:
        return summary(list(self.changes))


def _sides(files) -> dict:
    """{record id: (old blob, new blob)} for one commit; a side with two files (a clash) counts as invalid."""
    out: dict = {}
    for f in files:
        olds, news = out.setdefault(f.stem, ([], []))
        if f.old:
            olds.append((f.old, f.path))
        if f.new:
            news.append((f.new, f.path))
    return out


def recent(site: Site, limit: int = ROWS) -> list[Row]:
    """The latest `limit` rows, newest first, reading history only until they are found."""
    if not site.history.available or limit <= 0:
        return []
    s = site.settings
    describer = Describer(site.schema, {r.id: r.name for r in site.records}, s.as_of, s.policy)
    read = {r.id: r for r in site.run.register.records if r.valid}
    unshown = [v for r in site.run.register.records if r.id not in site.by_id for v in (r.id, r.get("name"))
               if isinstance(v, str)]
    versions: dict = {}
    hides: dict = {}
    found: list[tuple[int, Row]] = []
    pending: dict = {}  # record id -> (order, commit, version): its older side did not pass the checks

    def version(log: RecordLog, side: list):
        """None (no file), INVALID, HIDDEN (not shown by this build) or the version as this build shows it."""
        if not side:
            return None
        if len(side) > 1:
            return INVALID
        blob, path = side[0]
        key = (blob, path.rsplit("/", 1)[-1])
        if key not in versions:
            data = log.blob(blob)
            rec = parse_record(data, path, s.schema_path) if data is not None else None
            if rec is None or not rec.valid:
                versions[key] = INVALID
            else:
                shown = publication.view([rec], s.mode, site.schema)
                versions[key] = shown[0] if shown else HIDDEN
        return versions[key]

    def add(order: int, commit, rid: str, old, new) -> None:
        if rid not in hides:
            hides[rid] = describer.withheld(read[rid], site.by_id[rid].ra.record, unshown)
        changes = describer.describe(old, new, hides[rid])
        if changes:
            found.append((order, Row(commit.date, commit.commit, site.by_id[rid], tuple(changes))))

    def done() -> bool:
        if len(found) < limit:
            return False
        cut = sorted(order for order, _ in found)[limit - 1]
        return all(order > cut for order, _, _ in pending.values())

    order = 0
    with RecordLog(s.root, s.records_dir) as log:
        for commit in log.commits():
            sides = {rid: pair for rid, pair in _sides(commit.files).items() if rid in site.by_id}
            for rid in sorted(sides, key=lambda rid: (site.by_id[rid].name.casefold(), rid)):  # the rest: not shown now
                olds, news = sides[rid]
                order += 1
                old = version(log, olds)
                if rid in pending:  # this commit made the version the pending row skipped
                    if old is not INVALID:
                        p_order, p_commit, p_new = pending.pop(rid)
                        add(p_order, p_commit, rid, old, p_new)
                    continue
                new = version(log, news)
                if new is INVALID:
                    continue
                if old is INVALID:
                    pending[rid] = (order, commit, new)
                else:
                    add(order, commit, rid, old, new)
            if done() or len(versions) >= MAX_VERSIONS:
                break
    return [row for _, row in sorted(found, key=lambda item: item[0])][:limit]


def pages(site: Site) -> list[PageSpec]:
    context = {"rows": recent(site), "available": site.history.available, "feed": FEED}
    return [PageSpec(PAGE, "Recent changes", "changes.html", context, nav=NavEntry("Recent changes"))]


def files(site: Site) -> list[ExtraFile]:
    """The feed, from the rows the page was given (history is read once per build)."""
    if not site.history.available:
        return []
    page = next((p for p in site.pages if p.src_uri == PAGE), None)
    rows = page.context["rows"] if page else recent(site)
    base = site.settings.site_url or "https://example.invalid/"
    feed = atom_feed(rows, base, f"{site.settings.site_name}: recent changes",
                     licence=(site.settings.licence_name, site.settings.licence_url))
    return [ExtraFile(FEED, feed.encode("utf-8"))]


def _rfc3339(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(rows: list[Row], site_url: str, title: str, licence: tuple[str, str] | None = None) -> str:
    """An Atom 1.0 feed of `rows` (newest first): the same bytes for the same rows.

    Dated by the latest row (1970-01-01 when there are none, so an empty feed is reproducible too).
    `licence` (name, url) is stated as the feed's rights and its license link (RFC 4946).
    """
    ET.register_namespace("", ATOM)
    base = site_url.rstrip("/") + "/"
    updated = max((r.date for r in rows), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
        if text is not None:
            el.text = _NOT_XML.sub("", text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", base)
    sub(feed, "link", href=base, rel="alternate", type="text/html")
    sub(feed, "link", href=base + FEED, rel="self", type="application/atom+xml")
    sub(feed, "updated", _rfc3339(updated))
    if licence:
        sub(feed, "rights", f"{licence[0]}: {licence[1]}")
        sub(feed, "link", href=licence[1], rel="license", title=licence[0])
    sub(sub(feed, "author"), "name", title)
    for row in rows:
        page = base + row.record.url
        entry = sub(feed, "entry")
        sub(entry, "title", f"{row.record.name}: {row.summary}")
        sub(entry, "id", f"{page}#{row.commit}")
        sub(entry, "link", href=page, rel="alternate", type="text/html")
        sub(entry, "updated", _rfc3339(row.date))
        sub(entry, "summary", "; ".join(c.text for c in row.changes))
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
