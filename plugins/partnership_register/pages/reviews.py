"""Reviews due: overdue, due soon, scheduled, and partnerships with no review date; then the 003 Annex 1 audits due."""

from __future__ import annotations

from .site import NavEntry, PageSpec, Site


def pages(site: Site) -> list[PageSpec]:
    a = site.assessed
    reviews = {"overdue": site.views(a.reviews_overdue), "soon": site.views(a.reviews_due_soon),
               "later": site.views(a.reviews_scheduled), "none": site.views(a.reviews_not_scheduled)}
    audits = {"overdue": site.views(a.audits_overdue), "soon": site.views(a.audits_due_soon),
              "later": site.views(a.audits_scheduled), "none": site.views(a.audits_not_scheduled)}
    return [PageSpec("reviews/index.md", "Reviews due", "reviews.html", {"reviews": reviews, "audits": audits},
                     nav=NavEntry("Reviews due"))]
