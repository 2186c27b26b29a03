"""The site core without MkDocs: URLs, formatting, the body sanitiser and the page list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnership_register import pages as site_mod
from partnership_register.pages import site as site_types
from partnership_register.pages.render import BodyRenderer, Renderer, safe_url
from partnership_register.text import anchor, label, long_date as format_date, money as format_money

from helpers import make_settings

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("amount, text", [(0, "£0"), (1234567, "£1,234,567"), (12500.5, "£12,500.50"),
                                          (250000.0, "£250,000"), (12.004, "£12"), (12.006, "£12.01"),
                                          (0.5, "£0.50")])
def test_money(amount, text):
    assert format_money(amount) == text


@pytest.mark.parametrize("value, text", [("2026-03-31", "31 March 2026"), (dt.date(2025, 1, 1), "1 January 2025"),
                                         (None, ""), ("2026-02-30", "2026-02-30")])
def test_dates(value, text):
    assert format_date(value) == text


@pytest.mark.parametrize("target, page, link", [
    ("register/", "partnerships/x/", "../../register/"),
    ("", "partnerships/x/", "../../"),
    ("partnerships/y/#gaps", "partnerships/x/", "../y/#gaps"),
    ("gaps/rules/", "", "gaps/rules/"),
    ("register/index.html", "partnerships/x.html", "../register/index.html"),
])
def test_relative_url(target, page, link):
    assert site_types.relative_url(target, page) == link


@pytest.mark.parametrize("src, directory, url", [("index.md", True, ""), ("register/index.md", True, "register/"),
                                                 ("partnerships/a.md", True, "partnerships/a/"),
                                                 ("partnerships/a.md", False, "partnerships/a.html")])
def test_page_url(src, directory, url):
    assert site_types.page_url(src, directory) == url


def test_labels_and_slugs():
    assert label("joint-committee") == "Joint committee"
    assert label("it") == "IT"
    assert anchor("Chief Executive's <b>") == "chief-executives-b"
    assert anchor("") == "x"


@pytest.mark.parametrize("url, ok", [("https://a.example/", True), ("mailto:x@example.org", True),
                                     ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
                                     ("data:text/html,x", False), ("", False), (None, False)])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_body_keeps_structure_and_drops_scripts():
    body = BodyRenderer()
    html = str(body("## Background\n\nSome *text* and [a link](https://example.org/).\n\n"
                    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                    "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n"
                    '<a href="JaVaScRiPt:alert(1)">y</a> <div onclick="alert(1)">z</div> <iframe src="x"></iframe>'))
    assert '<h3 id="about-background">Background</h3>' in html
    assert "<em>text</em>" in html and 'href="https://example.org/"' in html and "<table>" in html
    for bad in ("<script", "alert(1)</", "onerror", "onclick", "javascript:", "<iframe", "<img", "<div"):
        assert bad not in html.lower()


def test_page_specs_cover_every_record_and_the_main_pages():
    site = site_mod.build_site(make_settings(REPO / "records"))
    uris = [p.src_uri for p in site.pages]
    assert len(uris) == len(set(uris))
    for r in site.records:
        assert f"partnerships/{r.id}.md" in uris
    for main in ("register/index.md", "browse/index.md", "gaps/index.md", "gaps/rules.md", "reviews/index.md",
                 "risks/index.md", "fields/index.md", "accessibility/index.md", "summary/index.md", "data/index.md",
                 "how-to/index.md", "changes/index.md"):
        assert main in uris
    files = [f.dest_uri for f in site.files]
    assert sorted(site.downloads) == sorted(f for f in files if f.startswith(("data/", "schema/")))
    assert {"assets/partnership-register/register.css", "assets/partnership-register/register.js"} <= set(files)
    assert "changes.xml" not in files  # no changes feed without history
    assert {f"data/partnerships/{r.id}.json" for r in site.records} <= set(files)
    renderer = Renderer()
    for spec in site.pages:  # every template renders, and its TOC entries are headings in the page
        html, toc = renderer.render(spec, site, site.url_of(spec.src_uri))
        assert "<h1>" in html
        for entry in toc:
            assert f'<h2 id="{entry["id"]}"' in html


def test_a_new_page_family_is_picked_up():
    """Adding a page is a module with pages(site) and an entry in the list: nothing else to edit."""
    class Extra:
        @staticmethod
        def pages(site):
            return [site_types.PageSpec("extra/index.md", "Extra", "register.html",
                                        {"current": site.current, "closed_records": site.closed},
                                        nav=site_types.NavEntry("Extra"))]

    without = site_mod.build_site(make_settings(REPO / "records"))
    assert "extra/index.md" not in [p.src_uri for p in without.pages]
    site = site_mod.build_site(make_settings(REPO / "records"), families=(*site_mod.FAMILIES, Extra))
    (spec,) = [p for p in site.pages if p.src_uri == "extra/index.md"]
    assert spec.nav.title == "Extra"
    html, _ = Renderer().render(spec, site, site.url_of(spec.src_uri))
    assert "<h1>Extra</h1>" in html


def test_empty_skeleton_sections_are_not_shown():
    """`partnerships new` writes headings with only comments under them; the page leaves them out."""
    from partnership_register.pages.record import without_empty_sections as _without_empty_sections

    body = ["## Background", "", "<!-- Why the council is in it.", "Second line of the comment. -->", "",
            "## History", "", "Set up in 2020.", "", "## Notes", "<!-- x -->", "### Decisions", "Agreed.",
            "## Empty at the end", ""]
    kept = _without_empty_sections(body)
    headings = [line for line in kept if line.startswith("#")]
    assert headings == ["## History", "## Notes", "### Decisions"]
    assert "Set up in 2020." in kept and "Agreed." in kept
    assert _without_empty_sections(["## Background", "<!-- Why. -->", "## Notes", ""]) == []


def test_key_facts_show_money_that_does_not_say_how_often(tmp_path, write_record, minimal_record):
    """An amount with no frequency (an imported '£1.2m', '£250,000 over 3 years') is money, not 'No money'."""
    import re

    write_record(tmp_path, "records/a", minimal_record("a", "money:\n  - amount: 1200000\n    description: £1.2m\n"))
    write_record(tmp_path, "records/b", minimal_record(
        "b", "money:\n  - amount: 5000\n    frequency: annual\n  - amount: 250000\n    period: over 3 years\n"))
    write_record(tmp_path, "records/c", minimal_record("c"))
    site = site_mod.build_site(make_settings(tmp_path / "records"))
    renderer = Renderer()

    def money_fact(rid):
        spec = next(p for p in site.pages if p.src_uri == f"partnerships/{rid}.md")
        html, _ = renderer.render(spec, site, site.url_of(spec.src_uri))
        fact = re.search(r'id="fact-money">.*?<dd>(.*?)<a ', html, re.DOTALL).group(1)
        return " ".join(re.sub(r"<[^>]+>", "", fact).split())

    assert money_fact("a") == "£1,200,000 not said to be yearly or one-off."
    assert money_fact("b") == "£5,000 a year and £250,000 not said to be yearly or one-off."
    assert money_fact("c") == "No money."


def test_source_and_edit_links_work_for_any_folder_name(tmp_path, write_record, minimal_record):
    write_record(tmp_path, "records/Place & Growth #2/a", minimal_record("a"))
    site = site_mod.build_site(make_settings(tmp_path / "records", root=tmp_path,
                                            source_url="https://git.example/r/blob/main/",
                                            edit_url="https://git.example/r/edit/main/"))
    (record,) = site.records
    assert record.source_url == "https://git.example/r/blob/main/records/Place%20%26%20Growth%20%232/a.md"
    assert record.edit_url == "https://git.example/r/edit/main/records/Place%20%26%20Growth%20%232/a.md"
