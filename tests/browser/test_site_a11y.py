"""The built register in headless Chromium: axe-core finds no WCAG 2.2 A/AA violations,
the tables sort and filter with JavaScript, and are complete without it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import axe
from site_build import build_sample

RECORD = "partnerships/northshire-economic-prosperity-board/"  # a record with gaps, risks and reviews
PAGES = ["", "register/", RECORD, "browse/type/", "gaps/", "gaps/rules/", "reviews/", "risks/", "fields/",
         "accessibility/", "summary/", "data/", "how-to/", "changes/", "proposed/", "governance-statement/",
         "partnerships/northshire-cctv-partnership/", "partnerships/hartwell-town-centre-bid/"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def site(project) -> Iterator[str]:
    with axe.serve_directory(project / "site") as base_url:
        yield base_url


def _page(chromium, **options):
    context = chromium.new_context(**options)
    return context, context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("url", PAGES)
def test_no_axe_violations(chromium, site, url):
    context, page = _page(chromium)
    try:
        page.goto(site + url)
        page.wait_for_load_state("load")
        violations = axe.run_axe(page)
        assert violations == [], axe.format_violations(violations, url=page.url)
    finally:
        context.close()


PHONE_PAGES = ["", "register/", RECORD, "partnerships/hartwell-neighbourhood-renewal-partnership/", "summary/",
               "risks/", "gaps/", "data/", "governance-statement/", "proposed/",
               "partnerships/northshire-cctv-partnership/"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("url", PHONE_PAGES)
def test_no_axe_violations_on_a_phone(chromium, site, url, width):
    """The phone layout (tables as cards, the heat map's hidden axis words) is as accessible as the wide one,
    and a table that scrolls sideways can be scrolled from the keyboard."""
    context, page = _page(chromium, viewport={"width": width, "height": 667})
    try:
        page.goto(site + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # the register's script marks scrolling tables after material wraps them
        violations = axe.run_axe(page)
        assert violations == [], axe.format_violations(violations, url=page.url)
    finally:
        context.close()


@pytest.mark.browser
def test_register_table_sorts_and_filters_with_javascript(chromium, site):
    context, page = _page(chromium)
    try:
        page.goto(site + "register/")
        table = page.locator("#register-current")
        header = table.locator("thead th").nth(4)  # council's annual contribution
        button = header.get_by_role("button")
        button.wait_for()
        assert table.locator("thead th button").count() == table.locator("thead th").count()
        assert header.get_attribute("aria-sort") is None
        button.click()
        assert header.get_attribute("aria-sort") == "ascending"
        keys = [float(k) for k in table.locator("tbody tr td:nth-child(5)").evaluate_all(
            "cells => cells.map(c => c.dataset.sort)")]
        assert keys == sorted(keys)
        button.click()
        assert header.get_attribute("aria-sort") == "descending"
        keys = [float(k) for k in table.locator("tbody tr td:nth-child(5)").evaluate_all(
            "cells => cells.map(c => c.dataset.sort)")]
        assert keys == sorted(keys, reverse=True)

        rows = table.locator("tbody tr")
        total = rows.count()
        first_name = rows.first.locator("td").first.inner_text()
        box = page.get_by_label("Filter partnerships").first
        box.fill(first_name)
        visible = table.locator("tbody tr:not([hidden])")
        assert 1 <= visible.count() < total
        assert "Showing" in page.locator("#register-current-status").inner_text()
        box.fill("")
        assert table.locator("tbody tr:not([hidden])").count() == total
        violations = axe.run_axe(page)  # the added controls are accessible too
        assert violations == [], axe.format_violations(violations, url=page.url)
    finally:
        context.close()


@pytest.mark.browser
def test_gaps_table_filters_by_directorate(chromium, site):
    context, page = _page(chromium)
    try:
        page.goto(site + "gaps/")
        select = page.get_by_label("Directorate", exact=True)
        options = [o for o in select.locator("option").all_inner_texts() if o != "All"]
        assert options
        rows = page.locator("#gap-table tbody tr")
        total = rows.count()
        select.select_option(options[0])
        shown = page.locator("#gap-table tbody tr:not([hidden])")
        assert 0 < shown.count() <= total
        for text in shown.locator("td:nth-child(2)").all_inner_texts():
            assert text.strip() == options[0]
    finally:
        context.close()


@pytest.mark.browser
def test_tables_are_complete_without_javascript(chromium, site, project):
    from partnership_register import pipeline
    from partnership_register.mkdocs_plugin.settings import load_settings

    run = pipeline.run(load_settings(project / "mkdocs.yml", as_of=dt.date(2026, 11, 23)))
    live = run.assessed.current
    context, page = _page(chromium, java_script_enabled=False)
    try:
        page.goto(site + "register/")
        html = page.content()
        assert "<button" not in html.split('id="register-current"')[1].split("</table>")[0]
        rows = page.locator("#register-current tbody tr")
        links = page.locator("#register-current tbody tr td:first-child a")
        assert rows.count() == len(live) and links.count() == rows.count()
        assert page.locator(".pr-table-tools input, .pr-table-tools select").count() == 0
        page.goto(site + "gaps/")
        assert page.locator("#gap-table tbody tr").count() == len(run.assessed.gaps())
        assert page.locator("#gap-table tbody tr[hidden]").count() == 0
    finally:
        context.close()
