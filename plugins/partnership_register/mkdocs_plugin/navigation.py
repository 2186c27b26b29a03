"""The register's own pages in the site's navigation, so a council's `nav:` lists only its own pages.

The pages each family declares (`PageSpec.nav`) go after the home page, in the order the
families are declared; a section of the same title as one in the council's `nav:` (About)
is merged into it. A page of ours the council still lists (an older mkdocs.yml) is taken
from its list, so it appears once. An upgrade that adds a page needs no edit to mkdocs.yml.
"""

from __future__ import annotations

HOME = "index.md"


def _path_of(item):
    """The page path of a nav item (`path` or {title: path}), or None for a section or a link."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _without(items: list, ours: set) -> list:
    out = []
    for item in items:
        if _path_of(item) in ours:
            continue
        if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list):
            title, children = next(iter(item.items()))
            children = _without(children, ours)
            if children:
                out.append({title: children})
            continue
        out.append(item)
    return out


def with_register_pages(nav, specs, files) -> list:
    """The council's nav (or, without one, its own pages) with the register's pages added."""
    ours = {s.src_uri for s in specs}
    listed = [s for s in specs if s.nav is not None]
    if nav is None:
        own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in ours]
        nav = sorted(own, key=lambda p: (p != HOME, p.count("/"), p))
    council = _without(list(nav), ours)
    top, sections = [], {}
    for spec in listed:
        entry = {spec.nav.title: spec.src_uri}
        if spec.nav.section is None:
            top.append(entry)
        else:
            sections.setdefault(spec.nav.section, []).append(entry)
    top += [{title: children} for title, children in sections.items()]
    merged = set()
    for item in council:  # merge our sections into the council's of the same title
        if isinstance(item, dict) and len(item) == 1:
            title, children = next(iter(item.items()))
            if isinstance(children, list) and title in sections and title not in merged:
                children.extend(sections[title])
                merged.add(title)
    top = [e for e in top if next(iter(e)) not in merged]
    home = next((i for i, item in enumerate(council) if _path_of(item) == HOME), None)
    at = 0 if home is None else home + 1
    return council[:at] + top + council[at:]
