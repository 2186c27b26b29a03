"""Static SVG charts for the summary report, drawn at build time with ElementTree.

No JavaScript, no external service, no string concatenation of record text: every label
goes through ElementTree, which escapes it. Each chart is `role="img"` with a <title> and
<desc> named by `aria-labelledby`; the page puts the same figures in a data table next to
it. Text uses the reader's system fonts and is black, so the charts print well.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Iterable

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#0b0c0c"
BAR = "#1d70b8"
BAND_FILL = {"high": "#f4c7c1", "medium": "#fde1c4", "low": "#e6ebef"}   # low is slate: green means "nothing open"
BAND_EDGE = {"high": "#942514", "medium": "#a64b00", "low": "#2f3f4c"}
MAX_LABEL = 38
WIDTH = 300  # px: fits a 320 px phone with its margins, so chart text is never scaled below the page's


def _svg(chart_id: str, title: str, description: str, width: int, height: int) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "id": chart_id, "class": "pr-chart-svg", "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "focusable": "false",
        "width": str(width), "height": str(height), "viewBox": f"0 0 {width} {height}",
        "font-family": FONT, "font-size": "14",
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _tostring(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def describe(rows: Iterable, value_text: Callable[[float], str]) -> str:
    return "; ".join(f"{r.label}: {value_text(r.value)}" for r in rows) or "No data."


def bar_chart(chart_id: str, title: str, rows: list, value_text: Callable[[float], str] = lambda v: f"{v:g}",
              description: str | None = None, width: int = WIDTH) -> str:
    """A horizontal bar chart of `rows` (objects with .label and .value) as an SVG string.

    Each label sits above its bar, so the chart is narrow (it fits a 320 px phone unscaled, its
    text as large as the page's) and long labels need no column of their own.
    """
    label_h, bar_h, gap, pad, value_w = 18, 18, 12, 4, 96
    step = label_h + bar_h + gap
    height = max(1, len(rows)) * step - gap + 2 * pad
    desc = description or f"Horizontal bar chart. {describe(rows, value_text)}"
    svg = _svg(chart_id, title, desc, width, height)
    top = max((r.value for r in rows), default=0) or 1
    span = width - value_w - 2
    if not rows:
        ET.SubElement(svg, "text", {"x": "0", "y": str(pad + 14), "fill": TEXT}).text = "None"
    for i, row in enumerate(rows):
        y = pad + i * step
        g = ET.SubElement(svg, "g", {"class": "pr-bar"})
        ET.SubElement(g, "title").text = f"{row.label}: {value_text(row.value)}"
        ET.SubElement(g, "text", {"x": "0", "y": str(y + 14), "fill": TEXT}).text = _short(str(row.label))
        w = round(span * (row.value / top), 1) if row.value > 0 else 0
        ET.SubElement(g, "rect", {"x": "1", "y": str(y + label_h), "width": f"{w:g}", "height": str(bar_h),
                                  "fill": BAR})
        ET.SubElement(g, "text", {"x": f"{w + 8:g}", "y": str(y + label_h + 14), "font-weight": "bold",
                                  "fill": TEXT}).text = value_text(row.value)
    return _tostring(svg)


def heat_map(chart_id: str, title: str, cells: list[list], description: str | None = None) -> str:
    """The 4×4 risk matrix: likelihood up the side (4 at the top), impact along the bottom.

    `cells` is AssessedRegister.heat_map: rows of objects with likelihood, impact,
    score, band and count. Each cell shows its count and band in words, not colour alone.
    """
    size, left, bottom, top_pad = 60, 52, 52, 8
    n = len(cells)
    width = left + size * (len(cells[0]) if cells else 4) + 8
    height = top_pad + size * n + bottom
    flat = [c for row in cells for c in row]
    desc = description or ("Risk heat map of open risks by likelihood (rows) and impact (columns). " + "; ".join(
        f"likelihood {c.likelihood}, impact {c.impact} ({c.band}): {c.count}" for c in flat if c.count)
        if any(c.count for c in flat) else "Risk heat map: there are no open risks.")
    svg = _svg(chart_id, title, desc, width, height)
    for r, row in enumerate(cells):
        y = top_pad + r * size
        ET.SubElement(svg, "text", {"x": str(left - 10), "y": str(y + size // 2 + 5), "text-anchor": "end",
                                    "fill": TEXT}).text = str(row[0].likelihood) if row else ""
        for c, cell in enumerate(row):
            x = left + c * size
            g = ET.SubElement(svg, "g", {"class": f"pr-heat pr-heat-{cell.band}"})
            plural = "risk" if cell.count == 1 else "risks"
            ET.SubElement(g, "title").text = (f"Likelihood {cell.likelihood}, impact {cell.impact}: score "
                                              f"{cell.score}, {cell.band} band, {cell.count} open {plural}")
            ET.SubElement(g, "rect", {"x": str(x), "y": str(y), "width": str(size), "height": str(size),
                                      "fill": BAND_FILL.get(cell.band, "#ffffff"),
                                      "stroke": BAND_EDGE.get(cell.band, TEXT), "stroke-width": "1"})
            ET.SubElement(g, "text", {"x": str(x + size // 2), "y": str(y + size // 2 + 2), "text-anchor": "middle",
                                      "font-size": "20", "font-weight": "bold",
                                      "fill": TEXT}).text = str(cell.count)
            ET.SubElement(g, "text", {"x": str(x + size // 2), "y": str(y + size - 10), "text-anchor": "middle",
                                      "font-size": "14", "fill": TEXT}).text = cell.band
    base = top_pad + n * size
    for c, cell in enumerate(cells[0] if cells else []):
        ET.SubElement(svg, "text", {"x": str(left + c * size + size // 2), "y": str(base + 18),
                                    "text-anchor": "middle", "fill": TEXT}).text = str(cell.impact)
    ET.SubElement(svg, "text", {"x": str(left + size * 2), "y": str(base + 44), "text-anchor": "middle",
                                "fill": TEXT, "font-weight": "bold"}).text = "Impact"
    ET.SubElement(svg, "text", {"x": "16", "y": str(top_pad + n * size // 2), "text-anchor": "middle",
                                "fill": TEXT, "font-weight": "bold",
                                "transform": f"rotate(-90 16 {top_pad + n * size // 2})"}).text = "Likelihood"
    return _tostring(svg)
