"""The accessibility statement every public sector website must publish."""

from __future__ import annotations

from .site import NavEntry, PageSpec, Site


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("accessibility/index.md", "Accessibility statement", "accessibility.html", {},
                     nav=NavEntry("Accessibility statement", "About"))]
