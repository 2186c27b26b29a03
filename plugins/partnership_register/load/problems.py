"""One error type for everything an officer can get wrong, and its three printed forms.

Validators speak in field paths; the line and column are looked up from the parsed
YAML afterwards (see `load.yamlsource.Positions`), so every message is located the same way.

A message never quotes a value from the record: what it would quote (`got '…'`) is its
`detail`, printed only when `show_detail` is set, and the loader sets that only where the
field is one a public site may show (see `load.withheld`). So a check log, a build log or
a problem page can never echo an internal field, a confidential amount or anything of an
unpublished record, whatever a new message says about it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A located problem in one record file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    kind: str = "invalid"
    hint: str = ""
    severity: str = "error"
    detail: str = ""          # what the message would quote from the record, e.g. "got 'activ'"
    show_detail: bool = False  # set by the loader only where the field may be shown

    @property
    def full_message(self) -> str:
        """The message as printed: with its detail where the field may be shown."""
        return f"{self.message} ({self.detail})" if self.detail and self.show_detail else self.message

    def text(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        subject = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {subject}{self.full_message}{hint}"

    def github(self) -> str:
        """A GitHub Actions workflow command, escaped as the runner requires."""
        def esc_data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc_data(value).replace(":", "%3A").replace(",", "%2C")

        title = esc_prop(f"{self.kind}: {self.field}" if self.field else self.kind)
        hint = f" ({self.hint})" if self.hint else ""
        body = esc_data((f"{self.field}: " if self.field else "") + self.full_message + hint)
        return (f"::{self.severity} file={esc_prop(self.path)},line={self.line},"
                f"col={self.column},title={title}::{body}")

    def as_dict(self) -> dict:
        out = asdict(self)
        out["message"] = self.full_message
        del out["detail"], out["show_detail"]
        return out


def to_json(problems: list[Problem], records_checked: int) -> str:
    files = {p.path for p in problems if p.kind != NOT_READ}
    return json.dumps({
        "valid": not problems,
        "records_checked": records_checked,
        "invalid_records": len(files),
        "problems": [p.as_dict() for p in problems],
    }, indent=2, ensure_ascii=False)


def summary(problems: list[Problem], records_checked: int, examples: int = 3) -> str:
    """The closing summary an officer can act on: files read, counts by kind with first examples."""
    if not problems:
        noun = "record is" if records_checked == 1 else "records are"
        return f"All {records_checked} {noun} valid."
    files = {p.path for p in problems if p.kind != NOT_READ}
    skipped = {p.path for p in problems if p.kind == NOT_READ}
    first = (f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
             f"{len(files)} of {records_checked} record{'s' if records_checked != 1 else ''}")
    if skipped:
        first += "; 1 file was not read" if len(skipped) == 1 else f"; {len(skipped)} files were not read"
    lines = [first + ".", ""]
    by_kind: dict[str, list[Problem]] = {}
    for p in problems:
        by_kind.setdefault(p.kind, []).append(p)
    for kind, items in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"  {KIND_LABELS.get(kind, kind)}: {len(items)}")
        for p in items[:examples]:
            lines.append(f"    e.g. {p.path}:{p.line} {p.field or ''}".rstrip())
    return "\n".join(lines)


NOT_READ = "not-read"

KIND_LABELS = {
    "unreadable": "Files that could not be read",
    NOT_READ: "Files not read (names not ending .md, links out of the repository, pipes, devices)",
    "bad-character": "Characters that cannot be published",
    "withheld-in-public-repository": "Withheld data in a public repository",
    "no-front-matter": "Files without front-matter",
    "yaml-syntax": "YAML syntax errors",
    "duplicate-key": "Fields given twice",
    "unknown-field": "Unknown field names (typos?)",
    "missing-field": "Required fields missing",
    "wrong-type": "Values of the wrong type",
    "not-allowed-value": "Values not in the allowed list",
    "bad-date": "Dates that are not real calendar dates",
    "bad-format": "Values in the wrong format",
    "out-of-range": "Numbers out of range",
    "duplicate-id": "Ids used by more than one record",
    "id-mismatch": "Ids that do not match the file name",
    "broken-reference": "References to records that do not exist",
    "inconsistent": "Values that contradict each other",
    "unknown-rule": "Acknowledgements of rules that do not exist",
    "invalid": "Other problems",
}
