"""The register: every current partnership in one table, and the closed ones in a table of their own."""

from __future__ import annotations

from .site import WIDE, NavEntry, PageSpec, Site


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("register/index.md", "Register of partnerships", "register.html",
                     {"current": site.current, "closed_records": site.closed}, nav=NavEntry("Register"), meta=WIDE)]
