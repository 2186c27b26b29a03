"""What the search plugin reads of a generated page: the page without the elements marked
data-search-exclude (the templates' one definition of "not searchable"). The built site's
index is checked in test_site.py; these are the edges of the cut itself."""

from __future__ import annotations

from partnership_register.mkdocs_plugin.search import searchable, shown

X = ' data-search-exclude="detail"'


def test_a_marked_element_goes_with_everything_in_it_nested_tags_included():
    page = (f'<p>keep one</p><section{X}><h2 id="a"{X}>A</h2><section><p>inner</p></section>'
            f'<details{X}><summary>s</summary></details></section><p>keep two</p>'
            f'<details class="x"{X}><details><summary>deep</summary></details></details><p>keep three</p>')
    assert searchable(page) == "<p>keep one keep two keep three</p>"


def test_what_search_reads_is_each_heading_and_the_words_under_it():
    page = ('<h1>Name</h1><p class="lead">A <strong>summary</strong> &amp; more.</p><dl><dt>Lead</dt>'
            '<dd><a href="x" title="a > b">Police</a></dd></dl><h2 id="gaps">Gaps <a class="headerlink" '
            'href="#gaps">¶</a></h2><ol><li><h3 id="g1">Gap one</h3><p>Why.</p></li></ol>')
    assert searchable(page) == ('<h1>Name</h1>\n<p>A summary &amp; more. Lead Police</p>\n'
                                '<h2 id="gaps">Gaps <a class="headerlink" href="#gaps">¶</a></h2>\n'
                                '<h3 id="g1">Gap one</h3>\n<p>Why.</p>')


def test_a_page_with_a_marked_heading_is_left_to_material():
    # material drops a marked heading's whole section (up to the next heading): not an element's bounds
    assert searchable(f'<h2 id="a"{X}>A</h2><p>text</p><h2 id="b">B</h2>') is None


def test_markup_that_does_not_close_is_left_to_material():
    assert searchable(f"<p>keep</p><section{X}><p>never closed</p>") is None


def test_the_page_shown_loses_the_attributes_as_material_would_strip_them():
    import re

    page = f'<section class="a"{X}><h2 id="b"{X}>B</h2></section><p data-search-boost="2">x</p>'
    assert shown(page) == re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", page)
    assert "data-search" not in shown(page)


def test_inline_tags_leave_no_space_before_punctuation():
    page = '<p>As of <time datetime="2026-05-01">1 May</time>: 3 gaps. <a href="r/">How gaps are found</a>.</p>'
    assert searchable(page) == "<p>As of 1 May: 3 gaps. How gaps are found.</p>"
