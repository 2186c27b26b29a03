"""The built register as residents, auditors and councillors read it, in Debian's chromium: no page
wider than a phone, a partnership's key facts in the first screen, no text under 14 px, and A4 paper
with the council's name, the page's title and the assessment date on it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import axe
from site_build import AS_OF, build_sample, page_urls
from partnership_register import pipeline
from partnership_register.mkdocs_plugin.settings import load_settings
from partnership_register.text import long_date

A4_POINTS = (595.28, 841.89)
KEY_FACTS = ("#fact-type", "#fact-role", "#fact-lead", "#fact-money", "#fact-status", "#fact-review", "#fact-health")
SUMMARY_PAGES_AT_MOST = 5  # "a committee-ready document of a few pages"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("layout"))


@pytest.fixture(scope="module")
def assessed(project):
    return pipeline.run(load_settings(project / "mkdocs.yml", as_of=AS_OF)).assessed


@pytest.fixture(scope="module")
def site(project) -> Iterator[str]:
    with axe.serve_directory(project / "site") as base_url:
        yield base_url


@pytest.fixture(scope="module")
def urls(project) -> list[str]:
    found = page_urls(project / "site")
    assert len(found) > 30, found
    return found


def _context(chromium, width, height):
    return chromium.new_context(viewport={"width": width, "height": height})


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375])
def test_no_page_is_wider_than_a_phone(chromium, site, urls, width):
    context = _context(chromium, width, 640)
    try:
        page = context.new_page()
        too_wide = {}
        for url in urls:
            page.goto(site + url)
            page.wait_for_load_state("load")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide[url] = scroll_width
        assert not too_wide, f"pages wider than {width} px: {too_wide}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_a_partnership_s_key_facts_are_in_the_first_screen(chromium, site, assessed, width, height):
    most_gaps = max(assessed.current, key=lambda ra: (len(ra.open_gaps), ra.id))
    context = _context(chromium, width, height)
    try:
        page = context.new_page()
        page.goto(site + f"partnerships/{most_gaps.id}/")
        for selector in (".pr-lead", *KEY_FACTS):
            box = page.locator(selector).bounding_box()
            assert box is not None, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box, height)
        health = page.locator("#fact-health").inner_text()
        assert most_gaps.health.capitalize() in health and f"{len(most_gaps.open_gaps)} open gaps" in health
        gaps_top = page.locator("#gaps").bounding_box()["y"]
        assert gaps_top > page.locator("#fact-health").bounding_box()["y"]  # then the gaps
    finally:
        context.close()


@pytest.mark.browser
def test_a_closed_partnership_says_so_at_the_top_with_no_health_rating(chromium, site, assessed):
    context = _context(chromium, 375, 667)
    try:
        page = context.new_page()
        for ra in assessed.closed:
            page.goto(site + f"partnerships/{ra.id}/")
            banner = page.locator(".pr-banner--closed")
            assert banner.bounding_box()["y"] < 300
            if ra.record.get("closed_date"):
                assert f"Closed on {long_date(ra.record.get('closed_date'))}" in banner.inner_text()
            assert page.locator(".pr-health").count() == 0
            money = page.locator("#fact-money").inner_text()
            assert "put in" in money and "puts in" not in money
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_no_text_is_smaller_than_14px(chromium, site, urls, assessed, width):
    wanted = [u for u in urls if not u.startswith("partnerships/")]
    wanted += [f"partnerships/{ra.id}/" for ra in (max(assessed.records, key=lambda ra: len(ra.gaps)), *assessed.closed)]
    context = _context(chromium, width, 800)
    try:
        page = context.new_page()
        small = {}
        for url in wanted:
            page.goto(site + url)
            found = page.evaluate("""() => {
              const out = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement;
                if (!node.textContent.trim() || !el || el.closest('svg, [hidden], .md-search, .md-tooltip, .md-tooltip2')) continue;
                const box = el.getBoundingClientRect();
                if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < 14) out.push(`${el.tagName}.${el.className}: ${size}px "${node.textContent.trim().slice(0, 40)}"`);
              }
              return out.slice(0, 5);
            }""")
            if found:
                small[url] = found
        assert not small, small
    finally:
        context.close()


def _pdf(chromium, site, url) -> PdfReader:
    page = chromium.new_page()
    try:
        page.goto(site + url)
        page.wait_for_load_state("load")
        return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    finally:
        page.close()


@pytest.mark.browser
def test_pages_print_on_a4_with_the_council_title_and_date(chromium, site, assessed):
    most_gaps = max(assessed.records, key=lambda ra: len(ra.gaps))
    for url, title in (("summary/", "Summary report"), (f"partnerships/{most_gaps.id}/", most_gaps.name),
                       ("register/", "Register of partnerships"),
                       ("governance-statement/", "Annual governance statement: partnerships")):
        pdf = _pdf(chromium, site, url)
        for number, sheet in enumerate(pdf.pages, 1):
            size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
            assert size == pytest.approx(A4_POINTS, abs=1), (url, number, size)
        first = " ".join(pdf.pages[0].extract_text().split())
        for wanted in ("Northshire District Council", title, f"Assessed as of {long_date(AS_OF)}"):
            assert wanted in first, (url, wanted)
        assert f"Page 1 of {len(pdf.pages)}" in first


@pytest.mark.browser
def test_the_summary_report_is_a_few_pages_with_no_heading_left_at_a_page_foot(chromium, site):
    pdf = _pdf(chromium, site, "summary/")
    assert len(pdf.pages) <= SUMMARY_PAGES_AT_MOST, len(pdf.pages)
    page = chromium.new_page()
    try:
        page.goto(site + "summary/")
        page.emulate_media(media="print")
        loose = page.evaluate("""() => [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, caption')]
            .filter(h => getComputedStyle(h).breakAfter !== 'avoid').map(h => h.textContent.trim())""")
        assert not loose, loose
        assert page.locator(".md-header, .md-sidebar, .md-footer, .md-search").evaluate_all(
            "els => els.every(e => getComputedStyle(e).display === 'none')")
    finally:
        page.close()
    for number, sheet in enumerate(pdf.pages, 1):  # no page ends with a heading: its last line is not one
        lines = [line.strip() for line in sheet.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Page ")]
        assert body and body[-1] not in {"Governance gaps by severity", "Reviews overdue", "Risk heat map",
                                         "The register's shape", "The council's financial contribution"}, (number, body[-1:])


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_headline_figure_fits_its_tile(chromium, site, width):
    """The at-a-glance figures (money totals are the longest) stay inside their tiles on a phone and a desk."""
    context = _context(chromium, width, 800)
    try:
        page = context.new_page()
        for url in ("", "summary/"):
            page.goto(site + url)
            spilled = page.evaluate("""() => Array.from(document.querySelectorAll('.pr-figure__value')).filter(v => {
                const tile = v.closest('li').getBoundingClientRect(), r = v.getBoundingClientRect();
                return v.scrollWidth > v.clientWidth + 1 || r.right > tile.right + 0.5;
              }).map(v => v.textContent.trim())""")
            assert spilled == [], f"{url or 'home'} at {width}px: {spilled}"
    finally:
        context.close()
