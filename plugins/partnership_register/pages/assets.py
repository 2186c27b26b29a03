"""The register's stylesheet and script, served with the site."""

from __future__ import annotations

from .site import ASSET_DIR, TEMPLATES, ExtraFile, Site

ASSETS = ("register.css", "register.js")


def files(site: Site) -> list[ExtraFile]:
    return [ExtraFile(f"{ASSET_DIR}/{name}", (TEMPLATES / "assets" / name).read_bytes()) for name in ASSETS]
