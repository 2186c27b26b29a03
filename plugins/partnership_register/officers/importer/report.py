"""What an import says: issues by row and column, what happened to each row, and the summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """Something the import could not use (error) or wants checked (note), by row and column."""

    row: int  # the spreadsheet's own row number; 0 for the file as a whole
    column: str  # the heading as written in the file; '' for the row as a whole
    message: str
    severity: str = "error"

    def text(self) -> str:
        where = f"row {self.row}: " if self.row else ""
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
    action: str  # written | updated | unchanged | draft | skipped
    path: str | None = None
    reason: str = ""
    issues: list[Issue] = field(default_factory=list)

    def skip(self, reason: str, detail: str = "") -> RowResult:
        self.action = "skipped"
        self.reason = reason + (f" ({detail})" if detail else "")
        return self


VERBS = {"written": "written", "updated": "updated", "unchanged": "unchanged, already up to date",
         "draft": "written as a draft"}


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

    def lines(self) -> list[str]:
        out = [i.text() for i in self.issues]
        for r in self.rows:
            out.extend(i.text() for i in r.issues)
            if r.action == "skipped":
                out.append(f"row {r.row}: not written: {r.reason}")
            else:
                verb = VERBS[r.action]
                if self.dry_run and r.action != "unchanged":
                    verb = "would be " + verb
                out.append(f"row {r.row}: {verb}: {r.path}")
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
        head = "Dry run, so nothing was written. It would be: " if self.dry_run else ""
        return f"{head}{', '.join(parts)}."
