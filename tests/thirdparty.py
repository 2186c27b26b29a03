"""Every request a built site would have a visitor's browser make to another host, read from its files.

A request is what a browser fetches by itself: `src`/`srcset`/`poster`/`data` of any element,
`<link rel=stylesheet|preload|preconnect|icon …>`, CSS `url()` and `@import` (in files, `<style>`
and `style=`), and absolute URLs written as strings in scripts (what `fetch`, XHR or a script
loader would be given). A plain `<a href>` to another site is a link, not a request.

Material's script holds four such URLs, each used only when a page asks for it; `CONDITIONAL`
names what on a page would set each off, and `requests()` reports the URL if any page has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

REQUEST_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                "apple-touch-icon", "mask-icon", "manifest", "prerender"}
SRC_ATTRIBUTES = {"src", "srcset", "poster", "data", "imagesrcset"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
JS_URL = re.compile(r"""["'`](https?://[^"'`\s]+|//[A-Za-z0-9-]+\.[A-Za-z0-9.-]+[^"'`\s]*)""")
DATA_SCRIPTS = {"application/ld+json", "application/json", "importmap"}  # read, never fetched from
# URL prefix in material's bundle -> (what on a page makes the script fetch it, why); None: never on these pages
CONDITIONAL = {
    "https://api.github.com/": ('data-md-component="source"', "the repository facts widget (repo_url on GitHub)"),
    "https://${e}/api/v4/projects/": ('data-md-component="source"', "the repository facts widget (GitLab)"),
    "https://unpkg.com/mermaid@": ('class="mermaid"', "a Mermaid diagram (pre.mermaid)"),
    "https://unpkg.com/resize-observer-polyfill": (None, "only in browsers without ResizeObserver (before 2020)"),
}


@dataclass(frozen=True)
class Request:
    file: str   # site-relative path of the file that would make it
    kind: str   # what makes it: "<img src>", "css url()", "script string" …
    url: str


def _other_host(url: str, own_host: str | None) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.hostname != own_host


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.css: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for name in SRC_ATTRIBUTES & a.keys():
            if tag == "object" or name != "data":
                for part in a[name].split(","):
                    if part.strip():
                        self.found.append((f"<{tag} {name}>", part.strip().split()[0]))
        if tag == "link" and REQUEST_RELS & set(a.get("rel", "").lower().split()):
            self.found.append((f"<link rel={a.get('rel')}>", a.get("href", "")))
        if a.get("style"):
            self.css.append(a["style"])
        if tag == "style" or (tag == "script" and a.get("type", "").lower() not in DATA_SCRIPTS):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.css.append(data)
        elif self._in == "script":
            self.scripts[-1] += data


def _css(text: str) -> list[tuple[str, str]]:
    return [("css url()" if m.group(2) else "css @import", m.group(2) or m.group(4)) for m in CSS_URL.finditer(text)]


def _js(text: str) -> list[tuple[str, str]]:
    return [("script string", m.group(1)) for m in JS_URL.finditer(text)]


def requests(site: Path, own_url: str | None = None) -> list[Request]:
    """Every request to a host other than `own_url`'s the files of `site` would make.

    A URL of material's script in CONDITIONAL counts only if some page has what sets it off.
    """
    own = urlsplit(own_url).hostname if own_url else None
    out: list[Request] = []
    pages = sorted(site.rglob("*.html"))
    html = {p: p.read_text(encoding="utf-8") for p in pages}
    for path, text in html.items():
        page = _Page()
        page.feed(text)
        found = page.found + [f for css in page.css for f in _css(css)] + [f for js in page.scripts for f in _js(js)]
        out += [Request(path.relative_to(site).as_posix(), kind, url) for kind, url in found]
    for path in sorted(site.rglob("*.css")):
        out += [Request(path.relative_to(site).as_posix(), k, u) for k, u in _css(path.read_text(encoding="utf-8"))]
    for path in sorted(site.rglob("*.js")):
        out += [Request(path.relative_to(site).as_posix(), k, u) for k, u in _js(path.read_text(encoding="utf-8"))]
    everything = "\n".join(html.values())
    kept = []
    for r in out:
        if not _other_host(r.url, own):
            continue
        conditional = next((c for prefix, c in CONDITIONAL.items() if r.url.startswith(prefix)), False)
        if conditional is not False and r.kind == "script string":
            trigger, _ = conditional
            if trigger is None or trigger not in everything:
                continue
        kept.append(r)
    return kept
