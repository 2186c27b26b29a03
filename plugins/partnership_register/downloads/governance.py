"""The annual governance statement as downloads for the Audit Committee's clerk.

* `annual-governance-statement.csv`: one row per headline figure, then one per entry of each list
  (reviewed, not reviewed, audits done and due, never audited, significant partnerships with high
  gaps, the changes, audit findings), with the columns section, partnership_id, partnership, date,
  value, detail. It opens in any spreadsheet, so the clerk filters a section and pastes it into the
  committee report; text cells are neutralised as in register.csv.
* `annual-governance-statement.json`: the same figures and lists, structured, for re-use.

Both read the assessed register's figures (`AssessedRegister.statement_*` and the lists beside it),
the same the page shows, so the page and the files cannot disagree.
"""

from __future__ import annotations

from ..assess.register import AssessedRegister
from ..text import label, long_date
from . import AGS_CSV_PATH, AGS_JSON_PATH, Export
from .csvfile import utf8_sig_csv
from .jsondata import dumps
from .table import neutralise

CSV_COLUMNS = ("section", "partnership_id", "partnership", "date", "value", "detail")


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _who(ex: Export, ra) -> dict:
    return {"id": ra.id, "name": ra.name, "url": ex.record_link(ra.id)}


def statement(ex: Export) -> dict:
    """The statement as plain data (dates YYYY-MM-DD)."""
    a: AssessedRegister = ex.assessed
    p = a.statement_period

    def change(rows):
        return [{**_who(ex, x.ra), "date": _iso(x.date), "detail": x.detail} for x in rows]

    def finding(x):
        f = x.finding
        return {**_who(ex, x.ra), "audit_date": _iso(x.audit_date), "finding": f.get("finding"),
                "action": f.get("action"), "owner": f.get("owner"), "due": _iso(f.get("due")),
                "done_on": _iso(f.get("done_on"))}

    out = {
        "title": f"Annual governance statement (partnerships): {ex.council}",
        "council": ex.council,
        "internal": ex.internal,
        "period": {"start": _iso(p.start), "end": _iso(p.end)},
        "assessed_as_of": ex.as_of,
        "method": ("Figures in the period are worked out from the dates in the records (started, closed, reviewed, "
                   "audited, finding done, risk identified); figures now are the records on the assessment date. "
                   "Nothing is compared with an earlier statement."),
        "licence": {"name": ex.settings.licence_name, "url": ex.settings.licence_url},
        "headline": [{"key": fg.key, "title": fg.title, "value": fg.value, "definition": fg.definition}
                     for fg in a.statement_headline],
        "reviewed": [{**_who(ex, x.ra), "date": _iso(x.date), "by": x.by, "outcome": x.outcome}
                     for x in a.reviewed_in_period],
        "not_reviewed": [{**_who(ex, ra), "last_review": _iso(ra.facts.reviews[-1]["date"]) if ra.facts.reviews
                          else None} for ra in a.not_reviewed_in_period],
        "audits_done": [{**_who(ex, x.ra), "date": _iso(x.audit.date), "by": x.audit.by,
                         "findings": len(x.audit.findings), "findings_open": len(x.audit.open_findings),
                         "reform_plans": x.audit.reform_plans} for x in a.audits_in_period],
        "audits_due": [{**_who(ex, ra), "due": _iso(ra.facts.audit_due), "state": ra.facts.audit_state,
                        "last_audit": _iso(ra.facts.last_audit["date"]) if ra.facts.last_audit else None}
                       for ra in a.audits_overdue + a.audits_due_soon],
        "never_audited": [_who(ex, ra) for ra in a.never_audited],
        "significant_high_gaps": [
            {**_who(ex, x.ra), "directorate": x.ra.record.get("directorate"),
             "because": x.ra.facts.significance.explanation,
             "open": [{"rule": g.rule.id, "title": g.rule.title, "since": _iso(g.since)} for g in x.open],
             "acknowledged": [{"rule": g.rule.id, "title": g.rule.title,
                               "accepted_by": (g.acknowledgement or {}).get("accepted_by"),
                               "expires": (g.acknowledgement or {}).get("expires")} for g in x.acknowledged]}
            for x in a.significant_with_high_gaps],
        "changes": {"entered": change(a.entered_in_period), "closed": change(a.closed_in_period),
                    "withdraw": change(a.withdraw_in_period), "reform": change(a.reform_in_period),
                    "new_high_risks": change(a.new_high_risks_in_period)},
        "findings": {"done_in_period": [finding(x) for x in a.findings_done_in_period],
                     "outstanding": [finding(x) for x in a.findings_outstanding]},
        "settings": [{"name": s.name, "value": s.value, "default": s.default, "source": s.source_words}
                     for s in a.statement_settings],
    }
    if ex.notice:
        out["notice"] = ex.notice
    return out


def csv_rows(ex: Export) -> list[tuple]:
    """(section, partnership_id, partnership, date, value, detail) for every figure and list entry."""
    a = ex.assessed
    rows = [("Notice", "", "", a.as_of, "", f"{ex.notice}: this file includes internal and unpublished records.")
            ] if ex.notice else []
    rows += [("Headline figures", "", "", a.as_of, fg.value, f"{fg.title}. {fg.definition}")
             for fg in a.statement_headline]
    rows += [("Reviewed in the period", x.ra.id, x.ra.name, x.date, "",
              "; ".join(filter(None, [f"by {x.by}" if x.by else "", f"outcome: {label(x.outcome)}" if x.outcome
                                      else ""])))
             for x in a.reviewed_in_period]
    rows += [("Live, not reviewed in the period", ra.id, ra.name, ra.facts.reviews[-1]["date"] if ra.facts.reviews
              else None, "", "last review" if ra.facts.reviews else "no review recorded")
             for ra in a.not_reviewed_in_period]
    rows += [("Audits done in the period", x.ra.id, x.ra.name, x.audit.date, len(x.audit.findings),
              f"by {x.audit.by}; {len(x.audit.findings)} findings, {len(x.audit.open_findings)} not yet done; "
              f"plans for reform: {x.audit.reform_plans or 'not recorded'}") for x in a.audits_in_period]
    rows += [("Audits due now", ra.id, ra.name, ra.facts.audit_due, "",
              ("overdue" if ra.facts.audit_state == "overdue" else "due soon")
              + (f"; last audit {long_date(ra.facts.last_audit['date'])}" if ra.facts.last_audit
                 else "; never audited")) for ra in a.audits_overdue + a.audits_due_soon]
    rows += [("Live, never audited", ra.id, ra.name, None, "", "") for ra in a.never_audited]
    rows += [("Significant with high gaps", x.ra.id, x.ra.name, None, len(x.open),
              "; ".join([f"why significant: {x.ra.facts.significance.explanation}"]
                        + [f"open: {g.rule.title}" for g in x.open]
                        + [f"acknowledged: {g.rule.title}" for g in x.acknowledged]))
             for x in a.significant_with_high_gaps]
    for section, found in (("Entered in the period", a.entered_in_period), ("Closed in the period", a.closed_in_period),
                           ("Decided to withdraw", a.withdraw_in_period), ("Reform", a.reform_in_period),
                           ("New high risks", a.new_high_risks_in_period)):
        rows += [(section, x.ra.id, x.ra.name, x.date, "", x.detail) for x in found]
    for section, found in (("Audit findings done in the period", a.findings_done_in_period),
                           ("Audit findings outstanding", a.findings_outstanding)):
        rows += [(section, x.ra.id, x.ra.name, x.finding.get("done_on") or x.finding.get("due"), "",
                  "; ".join(filter(None, [str(x.finding.get("finding") or ""),
                                          f"owner: {x.finding['owner']}" if x.finding.get("owner") else "",
                                          f"due {long_date(x.finding['due'])}" if x.finding.get("due") else "",
                                          f"audit of {long_date(x.audit_date)}"])))
                 for x in found]
    return rows


def csv_bytes(rows: list[tuple]) -> bytes:
    """As register.csv: UTF-8 with a byte-order mark (for Excel), CRLF, a header row, formulas neutralised."""
    with utf8_sig_csv() as (writer, done):
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else (
                v.isoformat() if hasattr(v, "isoformat") else str(v))) for v in row])
    return done()


def files(ex: Export):
    """(path, bytes) of the statement as CSV, then as JSON."""
    yield AGS_CSV_PATH, csv_bytes(csv_rows(ex))
    yield AGS_JSON_PATH, dumps(statement(ex))
