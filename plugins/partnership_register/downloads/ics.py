"""reviews.ics: an iCalendar feed (RFC 5545) of review dates, audit dates and proposed end dates.

One all-day event per partnership with a next review date, including overdue ones: an
overdue review stays on its due date, summarised "OVERDUE — Review due: <name>", so a
calendar shows it in the past instead of silently dropping it. Likewise one all-day event
per live partnership with a 003 Annex 1 audit due ("Audit due: <name>", overdue ones marked
the same way). One all-day event per proposed end date on or after the assessment date
(partnerships not closed). UIDs are stable (`review-<id>@<domain>`, `audit-<id>@<domain>`,
`end-<id>@<domain>`) and DTSTAMP is the assessment date, so the same register gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..assess.register import AssessedRegister
from ..assess.rules import LIVE
from ..text import to_date
from . import ICS_PATH, Export

PRODID = "-//Partnership Register//Register of partnerships//EN"


def review_events(assessment: AssessedRegister) -> list[dict]:
    """The events as plain data (also used by the tests and the Data page)."""
    out = []
    for ra in assessment.records:
        f = ra.facts
        name = str(ra.record.get("name") or ra.id)
        if f.next_review is not None:
            overdue = f.next_review < assessment.as_of
            summary = f"{'OVERDUE — ' if overdue else ''}Review due: {name}"
            out.append({"uid": f"review-{ra.id}", "id": ra.id, "date": f.next_review, "summary": summary,
                        "kind": "review", "overdue": overdue})
        if f.audit_due is not None and f.status in LIVE:
            overdue = f.audit_state == "overdue"
            out.append({"uid": f"audit-{ra.id}", "id": ra.id, "date": f.audit_due,
                        "summary": f"{'OVERDUE — ' if overdue else ''}Audit due: {name}", "kind": "audit",
                        "overdue": overdue})
        end = to_date(ra.record.get("proposed_end_date"))
        if end is not None and end >= assessment.as_of and ra.record.get("status") != "closed":
            out.append({"uid": f"end-{ra.id}", "id": ra.id, "date": end, "summary": f"Proposed end: {name}",
                        "kind": "end", "overdue": False})
    return sorted(out, key=lambda e: (e["date"], e["uid"]))


def ics_bytes(assessment: AssessedRegister, *, domain: str, calendar_name: str, record_urls: dict[str, str | None],
              internal_notice: str | None = None, licence: tuple[str, str] | None = None) -> bytes:
    """The calendar; `licence` (name, url) is stated in its description, which calendar apps show."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"{calendar_name} ({internal_notice})" if internal_notice else calendar_name
    cal.add("x-wr-calname", name)
    description = ((f"{internal_notice}. " if internal_notice else "")
                   + "Partnership review dates, audit dates and proposed end dates, as assessed on "
                   + f"{assessment.as_of.isoformat()}."
                   + (f" Published under the {licence[0]}: {licence[1]}" if licence else ""))
    cal.add("x-wr-caldesc", description)  # what Apple Calendar, Outlook and Google Calendar show
    cal.add("description", description)   # the same, as RFC 7986 names it
    stamp = dt.datetime.combine(assessment.as_of, dt.time(), tzinfo=dt.timezone.utc)
    shared = {}  # what every event of a kind says, encoded once: encoding is much of an event's cost
    for kind, category in (("review", "Partnership review"), ("audit", "Partnership audit"),
                           ("end", "Partnership end")):
        props = shared[kind] = Event()
        props.add("dtstamp", stamp)
        props.add("categories", [category])
        props.add("transp", "TRANSPARENT")
        props.add("class", "CONFIDENTIAL" if internal_notice else "PUBLIC")
    for e in review_events(assessment):
        ev = Event(shared[e["kind"]])
        ev.add("uid", f"{e['uid']}@{domain}")
        ev.add("dtstart", e["date"])
        ev.add("dtend", e["date"] + dt.timedelta(days=1))
        ev.add("summary", e["summary"])
        url = record_urls.get(e["id"])
        lines = []
        if internal_notice:
            lines.append(internal_notice)
        if e["kind"] == "review":
            lines.append(("This review was due on " if e["overdue"] else "Review due on ") + e["date"].isoformat()
                         + ("; it is overdue." if e["overdue"] else "."))
        elif e["kind"] == "audit":
            lines.append(("This audit of the partnership arrangements (003 Annex 1) was due on " if e["overdue"]
                          else "Audit of the partnership arrangements (003 Annex 1) due on ") + e["date"].isoformat()
                         + ("; it is overdue." if e["overdue"] else "."))
        else:
            lines.append(f"The partnership's proposed end date is {e['date'].isoformat()}.")
        if url:
            lines.append(f"Record: {url}")
            ev.add("url", url)
        ev.add("description", "\n".join(lines))
        cal.add_component(ev)
    return cal.to_ical()


def files(ex: Export):
    """(path, bytes) of reviews.ics."""
    urls = {ra.id: ex.record_link(ra.id) if ex.settings.site_url else None for ra in ex.assessed.records}
    yield ICS_PATH, ics_bytes(ex.assessed, domain=ex.domain, calendar_name=f"Partnership reviews: {ex.council}",
                              record_urls=urls, internal_notice=ex.notice,
                              licence=(ex.settings.licence_name, ex.settings.licence_url))
