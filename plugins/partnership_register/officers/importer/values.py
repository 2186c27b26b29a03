"""Reading values as councils type them: dates, periods, amounts, yes/no, lists and allowed words in free text.

Each parser takes a cell (text, a number, a date) and gives a value or raises `Unusable`
with a message that says why, for the report's row and column. `content_words` is how
headings are compared word by word (case, punctuation, plurals and filler words ignored).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9*]+", " ", text).split())


def norm(text) -> str:
    """'role of the council' from 'Role of the Council:' — case, accents, punctuation and spacing ignored."""
    return _norm(str(text))


def words(text) -> str:
    """`norm` without wildcards: the words of a phrase, for matching allowed values."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", norm(text)).split())


_STOP = frozenset("a an and are as at be by do does e eg etc for from g has have how i if in including into is it "
                  "its of on or our per please such that the their there these this to what when where which who "
                  "whom why with within your any".split())
_NUMBER_WORDS = {"no": "number", "num": "number", "nr": "number", "qty": "number"}


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A word's stem, so endings do not matter: 'manages', 'manager' -> 'manag'; 'risks' -> 'risk'."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def content_words(text) -> tuple[str, ...]:
    """The words of a heading that say what it is: no filler words, years or numbers, plurals as singular."""
    out = []
    for word in words(text).split():
        if word in _STOP or word.isdigit():
            continue
        out.append(stem(_NUMBER_WORDS.get(word, word)))
    return tuple(out)


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


_MONTH_WORD = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
               r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_PERIODS = (
    ("month", re.compile(rf"{_MONTH_WORD}[\s\-/,']*(\d{{4}}|\d{{2}})", re.IGNORECASE)),       # April 2019, Mar-24
    ("month", re.compile(r"(\d{1,2})[/.\-](\d{4})")),                                   # 01/2025
    ("financial year", re.compile(r"(?:fy\s*)?(\d{4})\s*[/\-]\s*(\d{2}|\d{4})", re.IGNORECASE)),  # 2019/20
    ("year", re.compile(r"(\d{4})")),                                                    # 2018
)


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 70 else 1900) if year < 100 else year


def parse_period(value, end: bool = False) -> tuple[dt.date, str]:
    """A date standing for a month, a financial year or a year: its first day, or its last when `end`.

    'April 2019', 'Sept 2025', '01/2025', '2019/20' (1 April 2019 to 31 March 2020), '2018'.
    The second value says what was assumed, for the report. Raises `Unusable` for anything else.
    """
    text = " ".join(str(value).split()).strip(" .,")
    for kind, pattern in _PERIODS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        try:
            if kind == "month":
                month = MONTHS.get(m.group(1).lower().rstrip(".")) if not m.group(1).isdigit() else int(m.group(1))
                year = _year(m.group(2))
                if not month or not 1 <= month <= 12:
                    break
                first = dt.date(year, month, 1)
                last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
                what = f"only the month is given ({text})"
            elif kind == "financial year":
                start, stop = int(m.group(1)), m.group(2)
                stop = int(stop) if len(stop) == 4 else (start // 100) * 100 + int(stop)
                if stop != start + 1:
                    break
                first, last = dt.date(start, 4, 1), dt.date(stop, 3, 31)
                what = f"only the financial year is given ({text})"
            else:
                first, last = dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(1)), 12, 31)
                what = f"only the year is given ({text})"
        except ValueError:
            break
        day = last if end else first
        return day, f"{what}: {'the last' if end else 'the first'} day, {day.isoformat()}, is used"
    raise Unusable(f"{text!r} is not a date the import understands; write it as 31/03/2025 or 2025-03-31")


def parse_when(value, end: bool = False) -> tuple[dt.date, str]:
    """A date (as `parse_date`), or a month, financial year or year (as `parse_period`), and what was assumed."""
    try:
        return parse_date(value), ""
    except Unusable as exc:
        if isinstance(value, (dt.date, int, float)) or "not a real date" in str(exc):
            raise
        try:
            return parse_period(value, end)
        except Unusable:
            raise exc from None


def find_date(text: str, end: bool = False) -> tuple[dt.date, str] | None:
    """A whole date or a month and year written somewhere in a phrase ('4 years (to May 2028)'), or None."""
    for pattern in (r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}", r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?\s+\d{4}",
                    rf"\b{_MONTH_WORD}\s+\d{{4}}"):
        for m in re.finditer(pattern, text, re.IGNORECASE):
            try:
                return parse_when(m.group(0), end)
            except Unusable:
                continue
    return None


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
    if not math.isfinite(float(number)):
        raise Unusable(f"{number!r} is not a number that can be recorded")
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
        return str(tidy(value)) if math.isfinite(value) else str(value)
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
    """Items separated by ';' or new lines (and by commas when nothing else separates them); SharePoint's
    ';#' is a ';' too."""
    parts = re.split(r";#|[;\n]", text)
    if commas and len([p for p in parts if p.strip()]) == 1:
        parts = parts[0].split(",")
    out = []
    for part in parts:
        part = re.sub(r"^\s*(?:[-•*·–]|\d+[.)])\s+", "", part).strip().strip(",").strip()
        if part:
            out.append(part)
    return out


def find_values(text: str, choices, synonyms: dict[str, str], taken: set[int] | None = None,
                stems: bool = True) -> list[str]:
    """The allowed values named in free text, longest phrase first ('non-statutory' before 'statutory');
    when the words as written name none, their stems are tried ('hosts the analyst' names host)."""
    found = _find_values(text, choices, synonyms, taken, lambda w: w)
    if found or not stems:
        return found
    return _find_values(text, choices, synonyms, taken, stem)


def _find_values(text, choices, synonyms, taken, form) -> list[str]:
    tokens = [form(w) for w in words(text).split()]
    phrases: dict[tuple, str] = {}
    for choice in choices:
        phrases[tuple(form(w) for w in words(choice).split())] = choice
    for word, value in synonyms.items():
        if value in choices:
            phrases.setdefault(tuple(form(w) for w in word.split()), value)
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
