"""Recent changes to the register and their Atom feed, from git history (officers/history.py).

Limited to records the build may show.
"""

from __future__ import annotations

from ..officers import history as history_mod
from .site import ExtraFile, NavEntry, PageSpec, Site

FEED = "changes.xml"
CHANGES_SHOWN = 30


def _changes(site: Site) -> list:
    """Recent changes to records this build may show (never an unpublished record's id or message)."""
    if not site.history.available:
        return []
    root = site.settings.root
    found = history_mod.recent_changes(root, site.settings.records_dir, limit=CHANGES_SHOWN * 3)
    return [c for c in found if c.record_id in site.by_id][:CHANGES_SHOWN]


def pages(site: Site) -> list[PageSpec]:
    context = {"changes": _changes(site), "available": site.history.available, "feed": FEED}
    return [PageSpec("changes/index.md", "Recent changes", "changes.html", context, nav=NavEntry("Recent changes"))]


def files(site: Site) -> list[ExtraFile]:
    if not site.history.available:
        return []
    changes = _changes(site)
    names = {r.id: r.name for r in site.records}
    base = site.settings.site_url or "https://example.invalid/"
    feed = history_mod.atom_feed(changes, base, f"{site.settings.site_name}: recent changes",
                                 link_pattern="partnerships/{record_id}/", feed_path=FEED, names=names,
                                 licence=(site.settings.licence_name, site.settings.licence_url))
    return [ExtraFile(FEED, feed.encode("utf-8"))]
