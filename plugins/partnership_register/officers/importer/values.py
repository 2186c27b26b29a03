"""Reading values as councils type them: dates, amounts, yes/no, lists and allowed words in free text.

Each parser takes a cell (text, a number, a date) and gives a value or raises `Unusable`
with a message that says why, for the report's row and column.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from ...downloads.table import restore
from ...text import to_date

MAX_CELL = 1_000_000  # characters a cell may hold: far more than any field needs (Excel's cells hold 32,767)
MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for m in names}
EXCEL_EPOCH = dt.date(1899, 12, 30)


class Unusable(ValueError):
    """A value that is there but cannot be used; the message says why."""


def norm(text) -> str:
    """'role of the council' from 'Role of the Council:' — case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9*]+", " ", text).split())


def words(text) -> str:
    """`norm` without wildcards: the words of a phrase, for matching allowed values."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", norm(text)).split())


def parse_date(value) -> dt.date:
    """A date from a council spreadsheet: ISO, 31/03/2025, 31 March 2025, 31-Mar-25, Excel dates."""
    if isinstance(value, dt.date):  # a date or date-and-time cell
        return to_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise Unusable(f"{value!r} is not a date")
    text = " ".join(str(value).split())
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):  # an Excel serial date that arrived as text
        return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    day = month = year = None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    m = m or re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})", text)
    if m and day is None:
        day, month, year = (int(g) for g in m.groups())
    if not m:
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]+)\.?,?[\s\-/]+(\d{4}|\d{2})", text)
        if m:
            day, month, year = int(m.group(1)), MONTHS.get(m.group(2).lower()), int(m.group(3))
        else:
            m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
            if m:
                day, month, year = int(m.group(2)), MONTHS.get(m.group(1).lower()), int(m.group(3))
        if m and month is None:
            raise Unusable(f"{text!r} is not a date: {m.group(2) if m.group(2).isalpha() else m.group(1)!r} "
                           "is not a month")
    if not m:
        raise Unusable(f"{text!r} is not a date the import understands; write it as 31/03/2025 or 2025-03-31")
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unusable(f"{text!r} is not a real date") from None


AMOUNT = re.compile(r"(?<![\w.])£?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(k|m|bn|million|thousand|billion)?(?![a-z])",
                    re.IGNORECASE)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def parse_amount(value) -> int | float:
    """A number from '£25,000', '25k', '£1.2m', '2 million' or a numeric cell."""
    if isinstance(value, bool):
        raise Unusable(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        return tidy(value)
    text = str(value).strip()
    m = AMOUNT.search(text)
    if not m or re.sub(r"[£\s]", "", text[: m.start()]) not in ("", "-"):
        raise Unusable(f"{text!r} is not a number")
    digits = m.group(1).replace(",", "")
    number = float(digits) * _SCALE.get((m.group(2) or "").lower(), 1)
    return tidy(-number if text.lstrip().startswith("-") else number)


def tidy(number):
    """A number to the penny, whole numbers as int (25000, not 25000.0)."""
    number = round(float(number), 2)
    return int(number) if number == int(number) else number


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = norm(value)
    if key in ("yes", "y", "true", "t", "1", "x", "ticked"):
        return True
    if key in ("no", "n", "false", "f", "0"):
        return False
    raise Unusable(f"{str(value).strip()!r} is not yes or no")


def cell_text(value, exact: bool = False) -> str:
    """A cell as text: whole numbers without '.0', dates as YYYY-MM-DD, line breaks as '\\n'.

    No-break spaces become spaces, unless `exact` (a column of the register's own downloads).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(tidy(value))
    text = restore(str(value))  # the register's downloads put a ' before text a spreadsheet would run
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")  # U+2028, U+2029 stay
    if not exact:
        text = text.replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def json_items(text: str) -> list[dict] | None:
    """A list of groups written as JSON (as the register's downloads hold them), or None."""
    if not text.lstrip().startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else None


def split_list(text: str, commas: bool = False) -> list[str]:
    """Items separated by ';' or new lines (and by commas when nothing else separates them)."""
    parts = re.split(r"[;\n]", text)
    if commas and len([p for p in parts if p.strip()]) == 1:
        parts = parts[0].split(",")
    out = []
    for part in parts:
        part = re.sub(r"^\s*(?:[-•*·–]|\d+[.)])\s+", "", part).strip().strip(",").strip()
        if part:
            out.append(part)
    return out


def find_values(text: str, choices, synonyms: dict[str, str], taken: set[int] | None = None) -> list[str]:
    """The allowed values named in free text, longest phrase first ('non-statutory' before 'statutory')."""
    tokens = words(text).split()
    phrases: dict[tuple, str] = {}
    for choice in choices:
        phrases[tuple(words(choice).split())] = choice
    for word, value in synonyms.items():
        if value in choices:
            phrases.setdefault(tuple(word.split()), value)
    longest = max((len(p) for p in phrases), default=0)
    taken = taken if taken is not None else set()
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            span = set(range(i, i + size))
            if span & taken:
                continue
            value = phrases.get(tuple(tokens[i:i + size]))
            if value:
                found.append(value)
                taken |= span
                i += size - 1
                break
        i += 1
    return list(dict.fromkeys(found))
