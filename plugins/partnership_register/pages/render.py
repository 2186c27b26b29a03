"""The one renderer: Jinja templates (autoescaped) plus Markdown bodies sanitised with nh3.

Templates live in `templates/` as files and can be overridden by putting a file of the
same name in `<theme custom_dir>/partnership_register/`. Every value from a record is
escaped by Jinja's autoescape; the only HTML not escaped is a record's narrative body,
which is rendered from Markdown and then cleaned with an allow-list (nh3), and the
output of other templates.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import markdown
import nh3
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup
from markdown.extensions.toc import slugify as _toc_slugify

from .. import text
from ..assess.policy import APPROVAL_MODES
from . import site as site_mod
from .risks import IMPACT_WORDS, LIKELIHOOD_WORDS

# The narrative body may use headings, lists, links, tables, emphasis and code; nothing else survives.
ALLOWED_TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
                "a", "strong", "em", "b", "i", "code", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td",
                "abbr", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "scope"}, "td": {"align"},
                      **{h: {"id"} for h in ("h2", "h3", "h4", "h5", "h6")}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
HEALTH_WORDS = {
    "red": "Red: a serious governance gap is open",
    "amber": "Amber: governance gaps are open, none of them serious",
    "green": "Green: no governance gap is open",
}
REVIEW_WORDS = {
    "overdue": "Overdue",
    "due-soon": "Due soon",
    "scheduled": "Scheduled",
    "not-scheduled": "No review date",
    "closed": "Closed: no further reviews",
}


def safe_url(value) -> str | None:
    """The address when it is a web or mail link; None for anything else (javascript:, data:, …)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in LINK_SCHEMES else None


def days_between(later, earlier) -> int:
    return (text.to_date(later) - text.to_date(earlier)).days


class BodyRenderer:
    """Markdown → HTML → allow-listed HTML. One Markdown instance, reset per record."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", "toc"],
            extension_configs={"toc": {"baselevel": 2, "permalink": False,
                                       "slugify": lambda value, sep: "about-" + _toc_slugify(value, sep)},
                               "tables": {"use_align_attribute": True}},
            output_format="html")

    def __call__(self, text: str) -> Markup:
        if not text:
            return Markup("")
        html = self._md.reset().convert(text)
        clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(LINK_SCHEMES),
                          link_rel="noopener noreferrer nofollow", strip_comments=True)
        return Markup(clean)


class Renderer:
    """Renders a `PageSpec` into the HTML of the page's content area, and lists its headings for the TOC."""

    def __init__(self, override_dirs=()) -> None:
        loaders = [FileSystemLoader(str(d)) for d in override_dirs if Path(d).is_dir()]
        loaders.append(FileSystemLoader(str(site_mod.TEMPLATES)))
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                               undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=False, auto_reload=False)  # made afresh for each build
        self.body = BodyRenderer()
        self.env.filters.update(money=text.money, date=text.long_date, iso=text.iso_date, label=text.label,
                                safe_url=safe_url, number=text.number, slug=text.anchor, sentence=text.sentence)
        self.env.globals.update(plural=text.plural, days_between=days_between, markdown=self.body, url=_url,
                                HEALTH_WORDS=HEALTH_WORDS, REVIEW_WORDS=REVIEW_WORDS,
                                LIKELIHOOD_WORDS=LIKELIHOOD_WORDS, IMPACT_WORDS=IMPACT_WORDS,
                                APPROVAL_MODES=APPROVAL_MODES)

    def render(self, spec: site_mod.PageSpec, site: site_mod.Site, page_url: str) -> tuple[str, list[dict]]:
        """The page's HTML and its table of contents as MkDocs toc tokens (level-2 headings)."""
        toc: list = []
        context = {**site.common(), **spec.context, "page_url": page_url, "title": spec.title, "toc": toc}
        html = self.env.get_template(spec.template).render(context)
        return html, toc

    def render_template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(context)


@pass_context
def _url(context, target: str) -> str:
    """A link from the page being rendered to another page of the site (a site URL, e.g. `register/`)."""
    return site_mod.relative_url(target, context.get("page_url", ""))
