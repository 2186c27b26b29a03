"""What an import says: issues by row and column, what happened to each row, and the summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """Something the import could not use (error) or wants checked (note), by row and column."""

    row: int  # the spreadsheet's own row number; 0 for the file as a whole
    column: str  # the heading as written in the file; '' for the row as a whole
    message: str
    severity: str = "error"  # error: a value that could not be used; note: something assumed, to check
    sheet: str = ""  # the worksheet, when a workbook is read one sheet per partnership

    def text(self) -> str:
        where = (f"sheet '{self.sheet}': " if self.sheet else "") + (f"row {self.row}: " if self.row else "")
        note = "note: " if self.severity == "note" else ""
        col = f"column '{self.column}': " if self.column else ""
        return f"{where}{note}{col}{self.message}"

    def bare(self) -> str:
        """The issue without its row number or severity, for the comment at the top of a record."""
        return Issue(0, self.column, self.message).text()


@dataclass
class RowResult:
    """What happened to one row."""

    row: int
    record_id: str | None
    action: str  # written | updated | unchanged | draft | skipped | ignored (not a partnership)
    path: str | None = None
    reason: str = ""
    issues: list[Issue] = field(default_factory=list)
    sheet: str = ""

    @property
    def where(self) -> str:
        """'row 5', "sheet 'Parks Forum'", or 'the form' for a file that is one filled-in form."""
        return (f"sheet '{self.sheet}'" if self.sheet else "") + (", " if self.sheet and self.row else "") + \
            (f"row {self.row}" if self.row else "") or "the form"

    def skip(self, reason: str, detail: str = "") -> RowResult:
        self.action = "skipped"
        self.reason = reason + (f" ({detail})" if detail else "")
        return self


VERBS = {"written": "written", "updated": "updated", "unchanged": "unchanged, already up to date",
         "draft": "written as a draft"}
NOTED = ("written", "draft")  # records whose rows may carry notes and values not used


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # heading -> where it goes
    unused_columns: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # about the file or its columns
    rows: list[RowResult] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "skipped"]

    @property
    def records(self) -> list[RowResult]:
        """The rows that are partnerships (not headings, notes or the template's hints)."""
        return [r for r in self.rows if r.action != "ignored"]

    def lines(self) -> list[str]:
        out = [i.text() for i in self.issues]
        for r in self.rows:
            out.extend(i.text() for i in r.issues)
            if r.action == "ignored":
                out.append(f"{r.where}: not a partnership: {r.reason}")
            elif r.action == "skipped":
                out.append(f"{r.where}: not written: {r.reason}")
            else:
                verb = VERBS[r.action]
                if self.dry_run and r.action != "unchanged":
                    verb = "would be " + verb
                out.append(f"{r.where}: {verb}: {r.path}")
        out.append(self.summary())
        return out

    def summary(self) -> str:
        parts = [f"{self.count('written')} written", f"{self.count('updated')} updated"]
        if self.count("draft"):
            parts.append(f"{self.count('draft')} written as drafts")
        if self.count("unchanged"):
            parts.append(f"{self.count('unchanged')} unchanged")
        reasons: dict[str, int] = {}
        for r in self.skipped:
            key = r.reason.split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1
        skipped = f"{len(self.skipped)} skipped"
        if reasons:
            skipped += " (" + "; ".join(f"{n}: {why}" for why, n in reasons.items()) + ")"
        parts.append(skipped)
        if self.count("ignored"):
            parts.append(f"{self.count('ignored')} not partnerships (headings, notes or hints)")
        unused = sum(1 for r in self.rows if r.action in NOTED for i in r.issues if i.severity == "error")
        if unused:
            parts.append(f"{unused} value{'s' if unused != 1 else ''} not used (listed above, and at the top of "
                         "each record)")
        head = "Dry run, so nothing was written. It would be: " if self.dry_run else ""
        return f"{head}{', '.join(parts)}."
