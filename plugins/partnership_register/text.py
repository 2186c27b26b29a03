"""How the register writes values for people: money, dates, numbers, labels and slugs.

One home for each, read by the rules' details, every page and every download, so the same
amount or date never reads two ways. Nothing here knows about records or MkDocs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

NOT_RECORDED = "Not recorded"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Words for values whose plain "replace hyphens, capitalise" reading would be wrong.
LABELS = {
    "it": "IT",
    "sub-regional": "Sub-regional",
    "one-off": "One-off",
    "police-fire": "Police and fire",
    "voluntary-community": "Voluntary and community",
    "health-and-safety": "Health and safety",
    "local-strategic-partnership": "Local Strategic Partnership",
    "joint-venture-company": "Joint venture company",
    "not-in-place": "Not in place",
    "not-applicable": "Not applicable",
    "not-classified": "Not yet classified",
}


def to_date(value) -> dt.date | None:
    """A date from a record value (YYYY-MM-DD text), a date or a datetime; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def long_date(value) -> str:
    """31 March 2026, whatever the machine's locale: how residents read dates."""
    day = to_date(value)
    if day is None:
        return "" if value is None else str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def iso_date(value) -> str:
    day = to_date(value)
    return day.isoformat() if day else ""


def money(amount) -> str:
    """£1,234,567, with pence only when the amount rounds to some: £12,500.50; £12.004 is £12."""
    if amount is None:
        return ""
    value = float(amount)
    if not math.isfinite(value):
        return ""
    pence = round(value * 100)
    if pence % 100 == 0:
        return f"£{pence // 100:,}"
    return f"£{pence / 100:,.2f}"


def number(value) -> str:
    """1,234 or 2.5: whole numbers without a decimal point, others to one place."""
    if value is None:
        return ""
    value = float(value)
    tenths = round(value * 10)
    return f"{tenths // 10:,}" if tenths % 10 == 0 else f"{tenths / 10:,.1f}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def months(n: int) -> str:
    return plural(n, "month")


def sentence(value) -> str:
    """First letter upper-case, the rest untouched (Jinja's `capitalize` lower-cases the rest)."""
    text = "" if value is None else str(value)
    return text[:1].upper() + text[1:]


def label(value) -> str:
    """A schema value (`joint-committee`) in words (`Joint committee`)."""
    if value is None:
        return ""
    text = str(value)
    if text in LABELS:
        return LABELS[text]
    words = text.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def slug(text: str, max_length: int = 1000) -> str:
    """`northshire-waste-joint-committee` from 'Northshire Waste Joint Committee'.

    Lowercase ASCII letters and digits joined by single hyphens: accents are stripped
    (é → e), '&' becomes 'and', apostrophes vanish (Children's → childrens). Longer
    results are cut at a hyphen to fit `max_length`. Used for record ids, anchors and
    file names alike; empty text gives ''.
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['’‘`]", "", text)
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(out) > max_length:
        cut = out[: max_length + 1]
        out = cut[: cut.rfind("-")] if "-" in cut else out[:max_length]
    return out.strip("-")


def anchor(text: str) -> str:
    """An HTML id from free text: a slug, never empty."""
    return slug(text) or "x"
