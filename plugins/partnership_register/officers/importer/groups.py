"""Readers of cells that make groups of fields: people, representatives, partners, money, officer time,
in-kind resources, meetings and the partnership's budget.

A cell keeps what it can say: '£150,000 over 3 years (capital) plus officer time' is an amount
with its period and no frequency, and the note says what was left out. Mixed into RowConverter,
whose state (data, notes, sources) these readers fill.
"""

from __future__ import annotations

import math
import re

from ...text import money
from .. import new as nr
from .values import AMOUNT, Unusable, cell_text, find_values, norm, parse_amount, split_list, tidy, words

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\b(?:tel|phone|t|ext)\b[.:]?\s*)?(?:\+44\s?|0)\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b",
                    re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
_DAYS = re.compile(r"(\d+(?:\.\d+)?|half(?: a)?|one|two|three|four|five)\s*(days?|d|hours?|hrs?|h)\s*"
                   r"(?:(?:per|a|an|each|every|/)\s*)?(month|mth|week|wk|year|yr|annum|fortnight)", re.IGNORECASE)
_FTE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(?:fte|full[- ]time equivalents?)\b", re.IGNORECASE)
_STAFF = re.compile(r"\b(\d+)\s+(?:staff|officers|posts|people|employees)\b", re.IGNORECASE)
_APPROX = re.compile(r"\b(c\.|c(?=\s*£)|circa|approx\.?|approximately|about|around|roughly|est\.?|estimated)\s*",
                     re.IGNORECASE)
_OVER_YEARS = re.compile(r"\bover\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years?\b", re.IGNORECASE)
_YEARS = re.compile(r"\b((?:19|20)\d{2}\s*[/\-–]\s*(?:19|20)?\d{2})\b")
_HEADING_YEAR = re.compile(r"\b((?:19|20)\d{2}\s*/\s*\d{2}|(?:19|20)\d{2}-(?:19|20)?\d{2})\b")
_A_YEAR = re.compile(r"(\ba year\b|\bper year\b|\bpa\b|\bp\.a\.|\bper annum\b|\bannual\b|\bannually\b|\byearly\b)",
                     re.IGNORECASE)
_SLASH_YEAR = re.compile(r"/\s*(?:yr|year|annum|pa|p\.a\.)(?![\w])", re.IGNORECASE)
_PER_PERIOD = re.compile(r"(?:\b(?:per|a|an|each|every)\s+|/\s*)(month|mth|calendar month|quarter|qtr|week|wk)\b",
                         re.IGNORECASE)
_TIMES_A_YEAR = {"month": 12, "mth": 12, "calendar month": 12, "quarter": 4, "qtr": 4, "week": 52, "wk": 52}
_ZERO = re.compile(r"^(nil|none|zero|nothing|no (?:council |financial |direct )?(?:contribution|money|funding|cost|"
                   r"budget)s?|£?\s*0+(?:\.0+)?)(?![\w.])", re.IGNORECASE)
_IN_KIND_ONLY = re.compile(r"^(in[\s-]kind|officer time|officer support|staff time|support in kind)(\s+only)?\b",
                           re.IGNORECASE)
_VAGUE_TIME = {"minimal", "as required", "as needed", "ad hoc", "various", "varies", "limited", "small", "some",
               "little", "none", "nil", "n a", "occasional", "when required"}
_MONEY_LABELS = {"finance", "financial", "money", "funding", "budget", "grant", "cash", "contribution",
                 "financial contribution", "revenue", "capital"}
_STAFF_LABELS = {"staff", "staffing", "officer time", "officers", "officer", "officer resource", "people", "staff time",
                 "officer support"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_TITLE_WORDS = frozenset(
    "head director manager officer lead chief executive assistant deputy coordinator co ordinator services service "
    "team board monitoring democratic clerk secretary leader administrator adviser advisor analyst specialist "
    "consultant engineer planner commissioner commissioning principal senior strategic ad ceo cfo partnerships "
    "development policy portfolio holder member cabinet mayor treasurer surveyor inspector worker supervisor controller "
    "accountant solicitor architect programme project client contracts champion chair chairman chairperson vice "
    "panel group committee forum unit department directorate council".split())
_NAME_PREFIX = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "cllr", "councillor", "sir", "dame", "rev",
                "revd", "lord", "lady", "cllr.", "dr."}
_COUNCILLOR = re.compile(r"^(cllr|councillor|cllr\.)\b", re.IGNORECASE)
_SURNAME_FIRST = re.compile(r"[A-Z][a-zA-Z'’-]+,\s*[A-Z][a-zA-Z'’-]+")
_VACANT = {"vacant", "vacancy", "vacancies", "to be appointed", "tba", "tbc", "awaiting appointment"}


def choices_in(token: str, choices, synonyms: dict[str, str], filler=frozenset()) -> tuple[list[str], list[str]]:
    """The allowed values a phrase names (the whole phrase as one value, else the values among its
    words), and the words it has besides them and the `filler`."""
    value = nr.match_choice(token, choices, synonyms)
    if value:
        return [value], []
    taken: set[int] = set()
    found = find_values(token, choices, synonyms, taken)
    return found, [w for i, w in enumerate(words(token).split()) if i not in taken and w not in filler]


def _name_key(name: str) -> str:
    """Names that are the same organisation: case, accents and punctuation aside (in any script)."""
    return norm(name) or " ".join(str(name).casefold().split())


def is_title(text: str) -> bool:
    """True for a job title or an office ('Head of Housing', 'Monitoring Officer'), not a person's name."""
    return any(w in _TITLE_WORDS for w in words(text).split())


def looks_like_name(text: str) -> bool:
    """True for a person's name: 'Jane Smith', 'Dr Helen Marsh', 'Cllr P Howitt-Cowan', 'O’Brien'."""
    tokens = text.replace(".", ". ").split()
    if not tokens or len(tokens) > 6 or any(ch.isdigit() for ch in text) or "@" in text:
        return False
    prefixed = tokens[0].lower().rstrip(".") in _NAME_PREFIX
    rest = [t for t in tokens if t.lower().rstrip(".") not in _NAME_PREFIX]
    if not rest or (len(rest) < 2 and not prefixed) or is_title(" ".join(rest)):
        return False
    return all(t[0].isupper() or t.lower() in ("van", "de", "der", "von", "da", "le", "la") for t in rest)


def _amount_match(text: str):
    """The first amount in pounds in a phrase (the one with £ before any other number)."""
    matches = [m for m in AMOUNT.finditer(text) if not _inside_years(text, m)]
    pounds = [m for m in matches if "£" in m.group(0) or text[max(0, m.start() - 1):m.start()] == "£"]
    return (pounds or matches or [None])[0], pounds or matches


def _balanced(text: str) -> str:
    """Text without a bracket left open or closed at either end: '(hosted' -> 'hosted'."""
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()
    while text.endswith("(") or text.startswith(")"):
        text = text.strip("()").strip()
    return text


def _inside_years(text: str, m) -> bool:
    return any(y.start() <= m.start() < y.end() for y in _YEARS.finditer(text))


class GroupReaders:
    """The readers of groups of fields, mixed into RowConverter."""

    # people ------------------------------------------------------------------------------------------------
    def read_person(self, col, heading, raw, text):
        person = self.parse_person(text, heading)
        if person:
            self.put((col.to[0],), person, heading)

    def parse_person(self, text: str, heading: str) -> dict | None:
        """A person from 'Jane Smith, Head of Housing', 'Jane Smith (Head of Housing)' or a job title alone."""
        if words(text) in _VACANT:
            self.note(heading, f"says {text!r}: no one is named")
            return None
        people = [p for p in re.split(r"\s*[;\n]\s*", text) if p.strip()]
        if len(people) == 1:
            parts = re.split(r"\s+/\s+|\s+&\s+|\s+and\s+", people[0])
            if len(parts) > 1 and all(looks_like_name(p) for p in parts):
                people = parts
        if len(people) > 1:
            self.note(heading, f"names more than one person; only {people[0]!r} is used")
        person = people[0].strip()
        found: dict = {}
        email = _EMAIL.search(person)
        if email:
            found["email"] = email.group(0)
            person = (person[: email.start()] + person[email.end():]).strip(" ,;()<>-–")
        phone = _PHONE.search(person) or re.search(r"\b(?:ext|extn|x)\.?\s*(\d{3,6})\b", person, re.IGNORECASE)
        if phone:
            found["phone"] = " ".join(phone.group(0).split())
            person = (person[: phone.start()] + person[phone.end():]).strip(" ,;()<>-–")
        name, title = "", ""
        m = _PAREN.search(person)
        if m:
            outside = " ".join((person[: m.start()] + person[m.end():]).split()).strip(" ,-–")
            inside = m.group(1).strip()
            if looks_like_name(inside) and not looks_like_name(outside) and is_title(outside):
                name, title = inside, outside
            elif is_title(outside) and not looks_like_name(outside) and not looks_like_name(inside):
                title = " ".join(person.split())  # 'Director of Public Health (county)', 'Head of Finance (s151)'
            else:
                name, title = outside, inside
        else:
            parts = re.split(r"\s+[-–—]\s+", person, maxsplit=1)
            if len(parts) == 1:
                parts = re.split(r",\s*", person, maxsplit=1)
            a, b = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
            if b and "," in person and _SURNAME_FIRST.fullmatch(person.strip()) and not is_title(person):
                name = f"{b} {a}"  # 'Doe, Jane', as SharePoint and HR systems write people
                self.note(heading, f"{text!r} is read as surname, first name: {name!r}")
            elif b and is_title(a) and looks_like_name(b):
                name, title = b, a
            elif b and not looks_like_name(a) and is_title(a):
                title = person  # 'Head of Waste, Recycling and Street Cleansing'
            elif b:
                name, title = a, b
            elif looks_like_name(a) or not is_title(a):
                name = a
            else:
                title = a
        if name and not looks_like_name(name) and is_title(name) and not title:
            name, title = "", name
        if not name and not title and "email" in found:  # 'jane.doe@westmoor.gov.uk' alone
            local = found["email"].split("@")[0]
            if re.fullmatch(r"[a-z]{2,}[._][a-z]{2,}", local, re.IGNORECASE):
                name = " ".join(part.capitalize() for part in re.split(r"[._]", local))
                self.note(heading, f"{text!r} gives only an email address; the name {name!r} is taken from it: "
                                   "check it")
            else:
                title = "Contact"
                self.note(heading, f"{text!r} gives only an email address; it is recorded with the job title "
                                   "'Contact': give the name")
        out = {**({"name": name} if name else {}), **({"job_title": title} if title else {}), **found}
        if not name and title and title != "Contact":
            self.note(heading, f"{text!r} gives a job title but no name")
        if not out:
            raise Unusable(f"{text!r} gives neither a name nor a job title")
        return out

    # representatives --------------------------------------------------------------------------------------
    def read_representatives(self, col, heading, raw, text):
        kinds = nr.enum_values(self.schema, "representatives[].kind")
        kind_words = self.mapping.synonyms("representatives[].kind")
        appointments = nr.enum_values(self.schema, "representatives[].appointment")
        appointment_words = self.mapping.synonyms("representatives[].appointment")
        out: list[dict] = []
        label = r"(?:councillors?|elected members?|members?|officers?|staff)"
        for segment in re.split(rf"[;\n]|\.\s+(?={label}\b)", text, flags=re.IGNORECASE):
            if not segment or not segment.strip():
                continue
            kind = col.kind or None
            if re.match(rf"(?i)^\s*{label}\s*[-–:]*\s*(?:none|nil|n/?a|0)\s*\.?\s*$", segment):
                continue
            m = re.match(rf"(?i)^\s*({label})\s*(?:[-–(]\s*)?(?:\d+|how many and who)?\s*\)?\s*[:\-–]\s*(.*)$", segment)
            if m:
                kind = "councillor" if not m.group(1).lower().startswith(("officer", "staff")) else "officer"
                segment = m.group(2)
            for item in re.split(r",(?![^()]*\))|\s+and\s+(?![^()]*\))", segment):
                item = item.strip(" .")
                if not item or re.fullmatch(r"\d+|how many and who|none|nil|n/?a|-+", item, re.IGNORECASE):
                    continue
                if words(item) in _VACANT:
                    self.note(heading, f"says {item!r}: a place is vacant, so no representative is recorded for it")
                    continue
                role = ""
                trailing = re.match(r"^(.*?\S)\s+[–—-]\s+(.+)$", item)
                extra = ""
                if trailing and "(" not in trailing.group(2):
                    item, extra = trailing.group(1), trailing.group(2).strip()
                p = _PAREN.search(item)
                if p:
                    role = p.group(1).strip()
                    item = (item[: p.start()] + item[p.end():]).strip()
                name = " ".join(item.split()).strip(" ,.-")
                role = role or extra
                who = kind
                if _COUNCILLOR.match(name):
                    who = "councillor"
                if role and nr.match_choice(role, kinds, kind_words):
                    who, role = nr.match_choice(role, kinds, kind_words), ""
                if words(role) in ("substitute", "sub", "deputy", "reserve", "substitute member"):
                    if out:
                        out[-1]["substitute"] = name
                    else:
                        self.substitutes.append((name, "", heading))
                    continue
                if not (_COUNCILLOR.match(name) or looks_like_name(name)):
                    self.note(heading, f"{name!r} names an office or a group, not a person, so no representative is "
                                       "recorded for it; add the person's name")
                    continue
                rep = {"name": name, "kind": who or "officer"}
                if role:
                    appointment = nr.match_choice(role, appointments, appointment_words)
                    if appointment:
                        rep["appointment"] = appointment
                    rep["role"] = role
                if who is None:
                    self.note(heading, f"{name!r} is taken to be an officer; write Cllr in front of councillors")
                out.append(rep)
        if out:
            self.data.setdefault("representatives", []).extend(out)
            self.sources.setdefault(("representatives",), heading)

    def read_substitutes(self, col, heading, raw, text):
        for item in re.split(r"[;\n]|,(?![^()]*\))", text):
            item = item.strip(" .")
            if not item or self.mapping.is_empty(item):
                continue
            m = re.search(r"\(\s*(?:for|sub(?:stitute)? for|deputy for)\s+(.+?)\s*\)", item, re.IGNORECASE)
            name = " ".join((item[: m.start()] + item[m.end():]).split()) if m else item
            self.substitutes.append((name, m.group(1) if m else "", heading))

    def read_each(self, col, heading, raw, text):
        array, _, sub = col.to[0].partition("[].")
        self.each.setdefault(array, {})[sub] = (raw, heading)

    # partners ---------------------------------------------------------------------------------------------
    def read_partners(self, col, heading, raw, text):
        sectors = nr.enum_values(self.schema, "partners[].sector")
        sector_words = self.mapping.synonyms("partners[].sector")
        partners = []
        for item in split_list(text, commas=True):
            lead = col.lead
            accountable = False
            m = re.match(r"(?i)^\s*(lead(?: organisation| partner| body| agency)?|led by)\s*[:\-–]\s*(.+)$", item)
            if m:
                lead, item = True, m.group(2)
            sector = None
            p = re.search(r"\(([^()]*)\)\s*$", item)
            if p:
                for part in re.split(r"[,;/]", p.group(1)):
                    w = words(part)
                    if w.startswith("lead") or w in ("leads", "led by"):
                        lead = True
                    elif w in ("accountable body", "accountable"):
                        accountable = True
                    elif nr.match_choice(part, sectors, sector_words):
                        sector = nr.match_choice(part, sectors, sector_words)
                item = item[: p.start()].strip()
            name = " ".join(item.split()).strip(" ,.-")
            if not name:
                continue
            if norm(name) in self.mapping.council:
                if lead:
                    self.put(("council_role",), ["lead"], heading)
                continue
            if not sector:
                sector = self.mapping.guess_sector(name)
                if not sector:
                    sector = self.mapping.fallbacks.get("partners[].sector", "other")
                    self.note(heading, f"the sector of {name!r} is not known; it is set to {sector}, so check it")
            partner = {"name": name, "sector": sector}
            if lead:
                partner["lead"] = True
            if accountable:
                partner["accountable_body"] = True
            partners.append(partner)
        self._add_partners(partners)
        self.sources.setdefault(("partners",), heading)

    def _add_partners(self, partners: list[dict]) -> None:
        if not partners:  # e.g. only the council itself was named
            return
        current = self.data.setdefault("partners", [])
        for partner in partners:
            same = next((p for p in current if _name_key(p["name"]) == _name_key(partner["name"])), None)
            if same:
                for flag in ("lead", "accountable_body"):
                    if partner.get(flag):
                        same[flag] = True
            else:
                current.append(partner)

    # money ------------------------------------------------------------------------------------------------
    def read_money(self, col, heading, raw, text):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.money_item(cell_text(raw), heading, number=True)
            return
        for item in split_list(text):
            self.money_item(item, heading)

    def money_item(self, item: str, heading: str, number: bool = False) -> None:
        """One money entry from a phrase: amount, frequency, period and form as far as it says them."""
        key = words(item)
        a_year = "annual" if _A_YEAR.search(heading) else None
        heading_year = _HEADING_YEAR.search(heading)
        if not key or self.mapping.is_empty(item):
            return
        if _ZERO.match(item.strip()):
            self.note(heading, f"says {item!r}: no council money, so no money entry is recorded")
            return
        if _IN_KIND_ONLY.match(item.strip()) and not AMOUNT.search(item.replace("in kind", "")):
            self._add_in_kind_detail(item, heading)
            return
        if re.search(r"\bconfidential\b", item, re.IGNORECASE):
            self._add_money({"description": item, "commercially_confidential": True}, heading)
            self.note(heading, f"{item!r}: the amount is not given, and the entry is marked commercially confidential")
            return
        if key in ("varies", "variable", "as required", "as needed", "various"):
            self._add_money({"description": item}, heading)
            self.note(heading, f"{item!r} gives no amount; only the words are recorded")
            return
        first, others = _amount_match(item)
        if first is None:
            self._add_money({"description": item}, heading)
            self.note(heading, f"{item!r} gives no amount in pounds; only the words are recorded")
            return
        if re.search(r"\d\s*[km]?\s*(?:-|–|—|to)\s*£\s*\d", item[first.start():], re.IGNORECASE):
            self._add_money({"description": item}, heading)
            self.note(heading, f"{item!r} is a range, so no single amount is recorded; the words are kept")
            return
        try:
            amount = parse_amount(first.group(0))
        except Unusable:
            raise Unusable(f"{item!r} gives no amount in pounds") from None
        if amount == 0:
            self.note(heading, f"says {item!r}: no council money, so no money entry is recorded")
            return
        entry: dict = {"amount": amount}
        if _APPROX.search(item[: first.start() + 1]):
            self.note(heading, f"{item!r} is approximate; {amount:,} is recorded")
        second = next((m for m in others if m.start() > first.start()), None)
        scope = item[: second.start()] if second else item  # a later amount's year is not this one's
        if second:
            self.note(heading, f"{item!r} gives a second amount ({second.group(0).strip()}); only the first is "
                               "recorded as the amount, and the words are kept in the description")
        over = _OVER_YEARS.search(scope)
        years = _YEARS.search(scope)
        freq_choices = nr.enum_values(self.schema, "money[].frequency")
        form_choices = nr.enum_values(self.schema, "money[].form")
        taken: set[int] = set()
        frequency = find_values(scope, freq_choices, self.mapping.synonyms("money[].frequency"), taken)
        form = find_values(scope, form_choices, self.mapping.synonyms("money[].form"), taken)
        if over:
            entry["period"] = over.group(0).lower()
            frequency = []
            self.note(heading, f"{item!r} is a total {over.group(0).lower()}, not a yearly or one-off sum, so no "
                               "frequency is recorded")
        elif years:
            entry["period"] = re.sub(r"\s+", "", years.group(1))
            if re.search(r"\bonly\b", scope, re.IGNORECASE):
                self.note(heading, f"{item!r} is for {entry['period']} only")
        per = _PER_PERIOD.search(scope)
        if per and not over and not frequency:
            times = _TIMES_A_YEAR[per.group(1).lower()]
            entry["amount"] = amount * times
            frequency = ["annual"]
            self.note(heading, f"{item!r} is recorded as {money(entry['amount'])} a year ({times} × {money(amount)})")
        elif not frequency and not over and _SLASH_YEAR.search(scope):
            frequency = ["annual"]
        if frequency and not over:
            entry["frequency"] = frequency[0]
        elif a_year and not over and not number:
            entry["frequency"] = a_year
        elif a_year and number:
            entry["frequency"] = a_year
        if form:
            entry["form"] = form[0]
        if heading_year and "period" not in entry and not over:
            entry["period"] = re.sub(r"\s+", "", heading_year.group(1))
        if not number:
            entry["description"] = item
        self._add_money(entry, heading)

    def _add_money(self, entry: dict, heading: str) -> None:
        self.data.setdefault("money", []).append(entry)
        self.sources.setdefault(("money",), heading)

    def _add_in_kind_detail(self, text: str, heading: str) -> None:
        current = self.data.get("in_kind_detail")
        self.data["in_kind_detail"] = f"{current}; {text}" if current and text not in current else (current or text)
        self.sources.setdefault(("in_kind_detail",), heading)
        self.note(heading, f"{text!r} does not say which resources; the words are kept as in-kind resources in words")

    # officer time -----------------------------------------------------------------------------------------
    def read_officer_time(self, col, heading, raw, text):
        for item in split_list(text):
            self.officer_item(item, heading)

    def officer_item(self, item: str, heading: str) -> None:
        item = re.sub(r"(?i)^\s*(staff|staffing|officers?|officer time|officer resource)\s*:\s*", "", item).strip()
        key = words(item)
        if not key or self.mapping.is_empty(item):
            return
        if key in _VAGUE_TIME:
            self.note(heading, f"{item!r} gives no officer or time estimate, so no officer time is recorded")
            return
        approx = _APPROX.search(item)
        entry: dict = {}
        fte, days, staff = _FTE.search(item), _DAYS.search(item), _STAFF.search(item)
        if fte:
            share = float(fte.group(1))
            entry["days_per_month"] = tidy(round(share * 21.7, 1))
            self.note(heading, f"{fte.group(0)} is taken as {entry['days_per_month']} days a month "
                               "(1 FTE = 21.7 working days a month)")
            rest = item[: fte.start()] + " " + item[fte.end():]
        elif days:
            n = days.group(1).lower()
            amount = 0.5 if n.startswith("half") else float(_NUMBER_WORDS.get(n, n))
            if days.group(2).lower().startswith("h"):
                amount /= 7.5
            per = days.group(3).lower()
            factor = {"week": 52 / 12, "wk": 52 / 12, "fortnight": 26 / 12, "year": 1 / 12, "yr": 1 / 12,
                      "annum": 1 / 12}.get(per, 1)
            entry["days_per_month"] = tidy(round(amount * factor, 1))
            if factor != 1 or days.group(2).lower().startswith("h"):
                self.note(heading, f"{days.group(0)!r} is taken as {entry['days_per_month']} days a month")
            rest = item[: days.start()] + " " + item[days.end():]
        elif staff:
            entry["description"] = staff.group(0)
            rest = item[: staff.start()] + " " + item[staff.end():]
            self.note(heading, f"{item!r} gives no time in days a month; {staff.group(0)!r} is kept as the description")
        else:
            rest = item
            self.note(heading, f"{item!r} gives no time estimate; only who is recorded")
        if approx:
            rest = _APPROX.sub(" ", rest)
            if "days_per_month" in entry:
                self.note(heading, f"{item!r} is approximate")
        role = re.sub(r"(?i)\b(only|per|a|each)\s*$", "", " ".join(rest.split())).strip(" ,;:-–")
        role = _balanced(re.sub(r"(?i)\s+only$", "", role).strip(" ,;:-–"))
        if not role:
            role = "Officer time"
            self.note(heading, f"{item!r} does not say whose time it is; it is recorded as {role!r}")
        days_a_month = entry.get("days_per_month")
        if fte and isinstance(days_a_month, (int, float)) and days_a_month > 31:  # one entry is one person's time
            shares = [1.0] * int(share) + ([share - int(share)] if share - int(share) > 1e-9 else [])
            entries = [{"role": role, **entry, "days_per_month": tidy(round(part * 21.7, 1))} for part in shares]
            self.note(heading, f"{fte.group(0)} is more than one person's time; it is recorded as {len(entries)} "
                               f"entries for {role!r}, {tidy(round(share * 21.7, 1))} days a month in all")
        else:
            entries = [{"role": role, **entry}]
        self.data.setdefault("officer_time", []).extend(entries)
        self.sources.setdefault(("officer_time",), heading)

    # in kind and mixed resources ----------------------------------------------------------------------------
    def read_in_kind(self, col, heading, raw, text):
        self.in_kind(text, heading)

    def in_kind(self, text: str, heading: str) -> None:
        """In-kind resources from their words; words that name none are the in-kind resources in words."""
        path = "in_kind"
        choices = nr.enum_values(self.schema, path)
        synonyms = self.mapping.synonyms(path)
        found_all: list[str] = []
        unknown: list[str] = []
        filler = {"and", "or", "the", "of", "a", "an", "for", "in", "with", "plus", "by", "to", "some", "also", "etc",
                  "only", "provided", "support", "kind", "resources", "resource", "use", "council", "general",
                  "including", "such", "as", "other"}
        for token in re.split(r"[;,/\n()+]", text):  # 'admin support and photocopying': find_values splits it
            token = token.strip(" .:-–")
            if not token or self.mapping.is_empty(token):
                continue
            found, left = choices_in(token, choices, synonyms, filler)
            found_all.extend(found)
            if not found and left:
                unknown.append(token)
        if found_all:
            self.put((path,), list(dict.fromkeys(found_all)), heading)
        if unknown or not found_all:
            detail = "; ".join(unknown) if found_all else " ".join(text.split())
            current = self.data.get("in_kind_detail")
            self.data["in_kind_detail"] = f"{current}; {detail}" if current else detail
            self.sources.setdefault(("in_kind_detail",), heading)
            self.note(heading, f"{detail!r} names none of the in-kind categories ({', '.join(choices)}); the words "
                               "are kept as in-kind resources in words")

    def read_resources(self, col, heading, raw, text):
        """'Finance: £45,000 pa; Staff: 0.2 FTE coordinator; Accommodation': money, officer time and in kind."""
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.money_item(cell_text(raw), heading, number=True)
            return
        for part in re.split(r"[;\n]", text):
            part = part.strip(" .")
            if not part or self.mapping.is_empty(part):
                continue
            label = re.match(r"^\s*([A-Za-z][A-Za-z &/\-]*?)\s*:\s*(.*)$", part)
            if label:
                what = words(label.group(1))
                if what in _MONEY_LABELS:
                    self.money_item(label.group(2), heading)
                    continue
                if what in _STAFF_LABELS:
                    self.officer_item(label.group(2), heading)
                    continue
            if "£" in part or _ZERO.match(part) or re.search(r"\d\s*(?:k|m|bn)\b|\bpa\b|per annum|per year", part,
                                                             re.IGNORECASE):
                self.money_item(part, heading)
            elif (_FTE.search(part) or _DAYS.search(part) or _STAFF.search(part)
                  or re.search(r"\b(officer|staff) (support|time)\b", part, re.IGNORECASE)):
                self.officer_item(part, heading)
            else:
                self.in_kind(part, heading)

    # meetings ----------------------------------------------------------------------------------------------
    def read_meetings(self, col, heading, raw, text):
        """How often it meets: a frequency where one fits, and the number a year where one is said or implied."""
        per_year = None
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if not (math.isfinite(raw) and raw == int(raw) and 0 <= raw <= 366):
                raise Unusable(f"{text!r} is not a number of meetings a year")
            per_year = int(raw)
        else:
            m = re.match(r"^\s*(\d+)\s*(?:(?:times|meetings)\s*)?(?:(?:per|a|each|every|/)\s*)?"
                         r"(?:year|yr|annum|annually|pa)?\b(.*)$", text, re.IGNORECASE)
            if m and (not m.group(2).strip() or m.group(2).strip().startswith("(")):
                per_year = int(m.group(1))
                if m.group(2).strip():
                    self.note(heading, f"{text!r}: {per_year} a year is recorded; the rest only here")
        choices = nr.enum_values(self.schema, "meetings.frequency")
        by_number = {12: "monthly", 6: "every-two-months", 4: "quarterly", 2: "twice-a-year", 1: "annually"}
        implied = {v: k for k, v in by_number.items()}
        frequency = by_number.get(per_year) if per_year is not None else None
        if per_year is None:
            key = words(text)
            if re.search(r"\btermly\b|\bonce a term\b|\beach term\b|\bthree times a year\b", key):
                per_year = 3
            elif re.search(r"\bfortnightly\b", key):
                per_year = 26
            elif re.search(r"\bweekly\b", key) and "six weekly" not in key:
                per_year = 52
            else:
                synonyms = self.mapping.synonyms("meetings.frequency")
                value = nr.match_choice(text, choices, synonyms)
                found = [value] if value else find_values(text, choices, synonyms)
                if len(found) > 1:
                    self.note(heading, f"{text!r} names more than one frequency ({', '.join(found)}); the first, "
                                       f"{found[0]}, is used")
                if found:
                    frequency = found[0]
                    if "six weekly" not in key:
                        per_year = implied.get(frequency)
                else:
                    raise Unusable(f"{text!r} does not say how often it meets ({', '.join(choices)}, or a number a "
                                   "year)")
        if frequency in choices:
            self.put(("meetings", "frequency"), frequency, heading)
        if per_year is not None and "per_year" in nr.subschema(self.schema, "meetings").get("properties", {}):
            self.put(("meetings", "per_year"), per_year, heading)
            if frequency is None:
                self.note(heading, f"{per_year} meetings a year fits none of the frequencies; the number is recorded")

    # the partnership's own budget ---------------------------------------------------------------------------
    def read_budget(self, col, heading, raw, text):
        path = col.to[0]
        budget: dict = {}
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            budget["amount"] = tidy(raw)
        else:
            first, _ = _amount_match(text)
            if first is not None:
                budget["amount"] = parse_amount(first.group(0))
                if _APPROX.search(text[: first.start() + 1]):
                    self.note(heading, f"{text!r} is approximate; {budget['amount']:,} is recorded")
            years = _YEARS.search(text)
            if years:
                budget["period"] = re.sub(r"\s+", "", years.group(1))
                self.note(heading, f"{text!r} covers {budget['period']}, not necessarily one year")
            budget["description"] = " ".join(text.split())[:2000]
            if first is None:
                self.note(heading, f"{text!r} gives no amount; only the words are recorded")
        self.put((path,), budget, heading)

    # after the last column ----------------------------------------------------------------------------------
    def finish_groups(self) -> None:
        reps = self.data.get("representatives")
        reps = reps if isinstance(reps, list) else []
        for array, subs in self.each.items():
            for sub, (raw, heading) in subs.items():
                path = f"{array}[].{sub}"
                items = self.data.get(array)
                if not isinstance(items, list) or not items:
                    self.note(heading, f"gives {cell_text(raw)!r}, but no {array} are named, so it is not recorded")
                    continue
                how = {"enum": "enum", "date": "date"}.get(
                    "enum" if nr.enum_values(self.schema, path) else
                    "date" if nr.subschema(self.schema, path).get("format") == "date" else "text", "text")
                try:
                    value = self.leaf(how, raw, path, heading)
                except Unusable as exc:
                    left_out = type(exc).__name__ == "LeftOut"
                    self.note(heading, str(exc) if left_out else f"{exc}; {self.title(path).lower()} is left out")
                    continue
                for item in items:
                    if isinstance(item, dict):
                        item.setdefault(sub, value)
                if sub == "appointment" and re.search(r"\bstatutory\b", cell_text(raw), re.IGNORECASE) \
                        and not self.has(("statutory",)) and "statutory" in nr.enum_values(self.schema, "statutory"):
                    self.put(("statutory",), "statutory", heading)
        loose = [s for s in self.substitutes if not s[1]]
        for n, (name, _, heading) in enumerate(loose):
            if n < len(reps):
                reps[n].setdefault("substitute", name)
            else:
                self.note(heading, f"{name!r} is a substitute for no representative named, so is not recorded")
        for name, whom, heading in (s for s in self.substitutes if s[1]):
            surname = words(whom).split()[-1] if words(whom) else ""
            rep = next((r for r in reps if surname and words(r.get("name", "")).split()[-1:] == [surname]), None)
            if rep is not None:
                rep["substitute"] = name
            else:
                self.note(heading, f"{name!r} is the substitute for {whom!r}, who is not among the representatives")
        self._money_notes()
        self._one_lead()

    def _money_notes(self) -> None:
        heading = self.sources.get(("money",), "")
        for entry in self.data.get("money", []) if isinstance(self.data.get("money"), list) else []:
            if not isinstance(entry, dict) or "amount" not in entry:
                continue
            said = entry.get("description", f"£{entry['amount']:,}")
            missing = []
            if "frequency" not in entry and "period" not in entry:
                missing.append("whether it is per year or one-off")
            if "form" not in entry:
                missing.append("its form (grant, subscription, pooled budget ...)")
            if missing:
                self.note(heading, f"{said!r} does not say {' or '.join(missing)}")

    def _one_lead(self) -> None:
        """A record has one lead and one accountable body: the council's own role wins over a partner's flag."""
        roles = self.data.get("council_role")
        partners = self.data.get("partners")
        if isinstance(roles, list) and len(roles) > 1 and "not-classified" in roles:
            roles.remove("not-classified")
        if not isinstance(roles, list) or not isinstance(partners, list):
            return
        for role, flag in (("lead", "lead"), ("accountable-body", "accountable_body")):
            marked = [p for p in partners if isinstance(p, dict) and p.get(flag)]
            if role in roles and marked:
                for p in marked:
                    del p[flag]
                self.note(self.sources.get(("partners",), ""),
                          f"both the council and {', '.join(p['name'] for p in marked)} are given as the "
                          f"{role.replace('-', ' ')}; a record has one, so the council is kept: check it")
            elif len(marked) > 1:
                for p in marked[1:]:
                    del p[flag]
                self.note(self.sources.get(("partners",), ""),
                          f"more than one partner is marked {flag.replace('_', ' ')}; only {marked[0]['name']} is kept")
