"""What the search plugin reads of a generated page: the page without its detail.

The templates mark what residents would not search for (tables of detail, a rule's
explanation repeated on every record) with `data-search-exclude`, material's own attribute:
that marking is the one definition of what is searchable. Material's search plugin skips a
marked element but still parses all of it, which costs more than the rest of the build on a
register's record pages. So the plugin hands the search plugin the page with every marked
element cut out and the rest compacted to headings and their text (`searchable`), and puts the
whole page back afterwards, without the attributes, as material would have left it (`shown`).
"""

from __future__ import annotations

import re

MARK = ' data-search-exclude="'
_OURS = ' data-search-exclude="detail"'  # what templates/partials/macros.html and record/gaps.html write
_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # what material removes after indexing a page
_TAG = re.compile(r"<([a-z][a-z0-9]*)")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_BOUNDS: dict = {}


def _bounds(name: str) -> re.Pattern:
    if name not in _BOUNDS:
        _BOUNDS[name] = re.compile(rf"<(/?){name}[\s>/]")
    return _BOUNDS[name]


def searchable(html: str) -> str | None:
    """What the search plugin is given of a page: `html` without each element carrying
    data-search-exclude (start tag to matching end tag), compacted (`compact`); or None when
    the cut is not plain to see and the search plugin should read the whole page.

    A marked heading is left to material, whose rule for it (the section up to the next heading
    is dropped) is not an element's bounds; so is markup this cannot match up.
    """
    cut = _without_marked(html)
    return None if cut is None else compact(cut)


_HEADING = re.compile(r"(<h[1-6][\s>].*?</h[1-6]>)", re.DOTALL)
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|"
                         r"sup|time|u|var|wbr)(?![\w-])" + _ATTRS + ">", re.IGNORECASE)
_ANY_TAG = re.compile("<" + _ATTRS + ">")  # an inline tag is nothing ('<time>1 May</time>.'), a block one a space


def compact(html: str) -> str:
    """The same sections and words, in as few tags as material's search needs: each heading as it
    is (its id is the result's link), and the text under it as one paragraph. The search plugin
    parses a record page's tables and lists tag by tag; this makes it an eighth of the work."""
    out = []
    for i, piece in enumerate(_HEADING.split(html)):
        if i % 2:
            out.append(piece)
        else:
            text = " ".join(_ANY_TAG.sub(" ", _INLINE_TAG.sub("", piece)).split())
            if text:
                out.append(f"<p>{text}</p>")
    return "\n".join(out)


def _without_marked(html: str) -> str | None:
    found = html.find(MARK)
    if found == -1:
        return html
    out, kept = [], 0
    while found != -1:
        start = html.rfind("<", kept, found)
        tag = _TAG.match(html, start) if start != -1 else None
        if tag is None or tag.group(1) in _HEADINGS:
            return None
        name = tag.group(1)
        if name in _VOID:
            end = html.index(">", found) + 1
        else:
            depth, end = 0, -1
            for bound in _bounds(name).finditer(html, start):
                depth += -1 if bound.group(1) else 1
                if depth == 0:
                    end = html.find(">", bound.end() - 1) + 1
                    break
            if end <= 0:
                return None
        out.append(html[kept:start])
        kept = end
        found = html.find(MARK, kept)
    out.append(html[kept:])
    return "".join(out)


def shown(html: str) -> str:
    """The page as material leaves it after indexing: without its data-search-* attributes."""
    html = html.replace(_OURS, "")
    return _ATTRIBUTE.sub("", html) if "data-search-" in html else html
