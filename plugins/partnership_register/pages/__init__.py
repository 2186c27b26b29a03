"""Pages and files of the register site, one module per page family, declared in one list.

`build_site` runs the core pipeline once, prepares one `RecordView` per partnership, then
asks each family in `FAMILIES` for its pages and files. To add a page, write a module with
`pages(site) -> list[PageSpec]` (and, if it makes files, `files(site) -> list[ExtraFile]`)
and add it to `FAMILIES`: the MkDocs plugin adds its pages to the site and the navigation.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import pipeline
from ..load import schema as schema_mod
from . import (accessibility, assets, browse, changes, data, fields, gaps, governance, howto, proposed, record,
               register, reviews, risks, summary)
from .site import ExtraFile, History, InvalidRecord, PageSpec, RecordView, GapView, Site, page_url, record_src_uri

FAMILIES = (register, proposed, browse, gaps, reviews, risks, summary, governance, data, changes, fields, howto,
            accessibility, record, assets)


def record_history(settings: pipeline.Settings, run: pipeline.Run, schema: dict) -> History:
    """When what the build shows of each record last changed (pages/lastchange.py); unavailable
    without git history, or in a shallow clone, whose dates would be those of the clone."""
    from ..officers import history as history_mod
    from .lastchange import last_changes

    if not settings.read_history or not run.view:
        return History(False, {})
    if not history_mod.history_available(settings.root) or history_mod.is_shallow(settings.root):
        return History(False, {})
    return History(True, last_changes(settings.root, run.register, run.view, settings.mode, schema))


def build_site(settings: pipeline.Settings, families=FAMILIES, download_dir: Path | None = None) -> Site:
    """Load, assess and lay out the register; never raises for bad records (they carry problems).

    With `download_dir` (the site folder) each download is written there as it is made (see `Site.downloads`).
    """
    run = pipeline.run(settings)
    schema = schema_mod.load_schema(settings.schema_path)
    assessed = run.assessed
    history = record_history(settings, run, schema)
    records = []
    for ra in assessed.records:
        path = ra.record.path
        quoted = quote(path)  # a folder named 'Place & Growth' or 'a#b' still makes a working link
        rv = RecordView(ra, page_url(record_src_uri(ra.id), settings.use_directory_urls),
                        settings.source_url + quoted if settings.source_url else None,
                        settings.edit_url + quoted if settings.edit_url else None, history.last_changed(path))
        rv.gaps = [GapView(g, rv) for g in ra.gaps]
        records.append(rv)
    by_id = {r.id: r for r in records}
    for r in records:
        if (parent := by_id.get(r.data.get("parent"))) is not None:
            parent.children.append(r)
        if (successor := by_id.get(r.data.get("replaced_by"))) is not None:
            successor.replaces.append(r)
    site = Site(settings, run, history, records, record.invalid_records(run, settings, set(by_id)), schema,
                download_dir=download_dir)
    for family in families:
        site.pages.extend(family.pages(site) if hasattr(family, "pages") else [])
        site.files.extend(family.files(site) if hasattr(family, "files") else [])
    return site


__all__ = ["FAMILIES", "build_site", "ExtraFile", "InvalidRecord", "PageSpec", "RecordView", "Site"]
