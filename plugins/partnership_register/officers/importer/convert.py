"""One row's cells into record data, Markdown body sections and issues, by the mapping's readers.

Every reader takes a cell and puts values into the record's data, or raises `Unusable`;
the row's issues say, by column, what could not be used and what to check.
"""

from __future__ import annotations

import difflib
import json
import re

from ...downloads.table import LIST_SEPARATOR
from ...load.problems import Problem
from ...text import slug
from .. import new as nr
from .mapping import GROUP_LISTS, LEAF_READERS, Column, Mapping, node_reader
from .report import Issue
from .values import (AMOUNT, MAX_CELL, Unusable, cell_text, find_values, json_items, norm, parse_amount, parse_bool,
                     parse_date, split_list, tidy, words)

_FILLER = {"and", "or", "the", "of", "a", "an", "for", "in", "with", "plus", "by", "to", "some", "also", "etc"}
_LABELLED_YES_NO = re.compile(r"([A-Za-z][A-Za-z '\-/]*?)\s*[:=-]\s*(yes|no|y|n)\b", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PAREN = re.compile(r"\(([^()]*)\)\s*$")
_DAYS = re.compile(r"(\d+(?:\.\d+)?|half(?: a)?)\s*(days?|d|hours?|hrs?|h)\s*(?:(?:per|a|an|each|every|/)\s*)?"
                   r"(month|mth|week|wk|year|yr|annum|fortnight)", re.IGNORECASE)


class RowConverter:
    """Reads one row's cells into record data, body sections and issues."""

    def __init__(self, row: int, mapping: Mapping, schema: dict):
        self.row = row
        self.mapping = mapping
        self.schema = schema
        self.data: dict = {}
        self.body: dict[str, list[str]] = {}
        self.positional: dict[str, dict[int, dict]] = {}
        self.sources: dict[tuple, str] = {}
        self.issues: list[Issue] = []
        self.unusable: set[str] = set()  # top-level fields a column gave but could not be read

    # reporting
    def error(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "error"))

    def note(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "note"))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def issue_for(self, problem: Problem) -> Issue:
        """A loader's problem with the record as an issue on the column that gave the field."""
        parts = tuple(p for p in re.split(r"\.|\[\d+\]", problem.field) if p)
        heading = ""
        while parts and not heading:
            heading = self.sources.get(parts, "")
            parts = parts[:-1]
        subject = f"{problem.field}: " if problem.field else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        return Issue(self.row, heading, f"{subject}{problem.message}{hint}")

    # putting values
    def put(self, path: tuple, value, heading: str) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        key = path[-1]
        if key in node and node[key] != value:
            if isinstance(node[key], list) and isinstance(value, list):
                node[key] = list(dict.fromkeys([*node[key], *value])) if all(
                    isinstance(v, str) for v in [*node[key], *value]) else [*node[key], *value]
                return
            self.note(heading, f"{'.'.join(path)} was already given by column '{self.sources.get(path, '?')}'; "
                               f"that value is kept and {cell_text(value)!r} is not used")
            return
        node[key] = value
        self.sources.setdefault(path, heading)

    def title(self, field_path: str) -> str:
        return nr.subschema(self.schema, field_path).get("title", field_path)

    # leaf values ------------------------------------------------------------------------------
    def enum(self, text: str, field_path: str, heading: str):
        choices = nr.enum_values(self.schema, field_path)
        synonyms = self.mapping.synonyms(field_path)
        value = nr.match_choice(text, choices, synonyms)
        if value is None:
            found = find_values(text, choices, synonyms)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise Unusable(f"{text!r} names more than one {self.title(field_path).lower()}: {', '.join(found)}")
            close = difflib.get_close_matches(slug(text), choices, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise Unusable(f"{text!r} is not a known {self.title(field_path).lower()}{hint}; "
                           f"use one of: {', '.join(choices)}")
        return value

    def leaf(self, how: str, raw, field_path: str, heading: str):
        """One value for a simple field, or raises Unusable."""
        text = cell_text(raw)
        if how == "date":
            return parse_date(raw if not isinstance(raw, str) else text)
        if how == "enum":
            return self.enum(text, field_path, heading)
        if how == "boolean":
            return parse_bool(raw)
        if how in ("number", "integer"):
            number = parse_amount(raw)
            if how == "integer" and not isinstance(number, int):
                raise Unusable(f"{text!r} is not a whole number")
            return number
        if how == "url":
            url = text.strip()
            if re.match(r"(?i)^www\.", url):
                self.note(heading, f"{url!r} has no https:// in front; it was added")
                url = "https://" + url
            if not re.match(r"(?i)^https?://\S+$", url):
                raise Unusable(f"{text!r} is not a web address (it must start https://)")
            return url
        if how == "text-list":
            return split_list(text)
        if how == "enum-list":
            return self.enum_list(raw, field_path, heading)
        node = nr.subschema(self.schema, field_path)
        return " ".join(text.split()) if node.get("maxLength", 10_000) <= 400 or node.get("pattern") else text

    def enum_list(self, raw, field_path: str, heading: str) -> list[str]:
        text = cell_text(raw)
        choices = nr.enum_values(self.schema, field_path)
        synonyms = self.mapping.synonyms(field_path)
        wanted: list[str] = []
        for m in _LABELLED_YES_NO.finditer(text):  # "Lead Member: Yes  Representative: No"
            if m.group(2).lower().startswith("y"):
                wanted.append(m.group(1))
        rest = _LABELLED_YES_NO.sub(" ", text)
        tokens = wanted + re.split(r"[;,/\n()]", rest)
        out, unknown = [], []
        for token in tokens:
            token = re.sub(r"^\s*(?:other|please describe)\b[^:]*:?", "", token.strip(), flags=re.IGNORECASE).strip()
            if not token or self.mapping.is_empty(token):
                continue
            value = nr.match_choice(token, choices, synonyms)
            if value is not None:
                out.append(value)
                continue
            taken: set[int] = set()  # 'office accommodation and admin support': two values in one phrase
            found = find_values(token, choices, synonyms, taken)
            token_words = words(token).split()
            left = [w for i, w in enumerate(token_words) if i not in taken and w not in _FILLER]
            out.extend(found)
            if not found or left:
                unknown.append(" ".join(left) if found else token)
        if unknown:
            raise Unusable(f"{', '.join(repr(u) for u in unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                           f"a known {self.title(field_path).lower()}; use: {', '.join(choices)}")
        return list(dict.fromkeys(out))

    def blank(self, text: str, field_path: str) -> bool:
        """True for cell text meaning 'nothing here' ('-', 'n/a', 'tbc'), unless it is an allowed value."""
        if not self.mapping.is_empty(text):
            return False
        choices = nr.enum_values(self.schema, field_path) if "." in field_path or field_path in \
            self.schema.get("properties", {}) else []
        return nr.match_choice(text, choices) is None

    # reading a cell --------------------------------------------------------------------------------
    def read(self, col: Column, heading: str, raw) -> None:
        try:
            self._read(col, heading, raw)
        except Unusable as exc:
            self.error(heading, str(exc))
            self.unusable.update(t.split(".")[0].split("[")[0] for t in col.to)

    def _read(self, col: Column, heading: str, raw) -> None:
        if isinstance(raw, str) and len(raw) > MAX_CELL:
            raise Unusable(f"the cell holds {len(raw):,} characters, more than the {MAX_CELL:,} a cell may hold")
        text = cell_text(raw, exact=col.exact)
        if not text:
            return
        if col.how not in ("document", "boolean") and not _is_literal(col) and self.blank(text, col.to[0]):
            return
        if col.how in GROUP_LISTS:
            items = json_items(text)
            if items is None and col.exact and text.startswith("["):
                self.read_json_list(col, heading, raw, text)  # the downloads' JSON, broken: say so
            if items is not None:
                if col.to[0] == "partners":
                    self._add_partners(items)
                elif items and "." in col.to[0]:  # a list of groups inside a group (ending.informed)
                    self.put(tuple(col.to[0].split(".")), items, heading)
                elif items:
                    self.data.setdefault(col.to[0], []).extend(items)
                self.sources.setdefault((col.to[0],), heading)
                return
        READERS[col.how](self, col, heading, raw, text)

    def read_leaf(self, col, heading, raw, text):
        path = col.to[0]
        value = _literal(col.how, text) if _is_literal(col) else self.leaf(col.how, raw, path, heading)
        self.put(tuple(path.split(".")), value, heading)

    def read_positional(self, col, heading, raw, text):
        path = col.to[0]
        array, _, sub = path.partition("[].")
        items = [raw] if not isinstance(raw, str) else [p.strip() for p in text.split(";")]
        how = node_reader(nr.subschema(self.schema, path), path)
        for index, item in enumerate(items):
            if item in ("", None) or (isinstance(item, str) and self.blank(item, path)):
                continue
            try:
                value = self.leaf(how, item, path, heading)
            except Unusable as exc:
                self.error(heading, f"item {index + 1}: {exc}")
                continue
            self.positional.setdefault(array, {}).setdefault(index, {})[sub] = value
            self.sources.setdefault((array,), heading)

    def read_indexed(self, col, heading, raw, text):
        path = col.to[0]
        array, _, sub = path.partition("[].")
        how = node_reader(nr.subschema(self.schema, path), path)
        self.positional.setdefault(array, {}).setdefault(col.index, {})[sub] = self.leaf(how, raw, path, heading)
        self.sources.setdefault((array,), heading)

    def read_person(self, col, heading, raw, text):
        people = split_list(text)
        if len(people) > 1:
            self.note(heading, f"names more than one person; only {people[0]!r} is used")
        person = people[0]
        found = {}
        email = _EMAIL.search(person)
        if email:
            found["email"] = email.group(0)
            person = (person[: email.start()] + person[email.end():]).strip(" ,;()<>-")
        m = _PAREN.search(person)
        if m:
            name, title = person[: m.start()].strip(), m.group(1).strip()
        else:
            parts = re.split(r",|\s[-–]\s", person, maxsplit=1)
            name, title = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
        if not name:
            raise Unusable(f"{text!r} does not give a name")
        found = {"name": name, **({"job_title": title} if title else {}), **found}
        self.put((col.to[0],), found, heading)

    def read_document(self, col, heading, raw, text):
        key = col.to[0]
        states = nr.enum_values(self.schema, f"{key}.state")
        synonyms = self.mapping.synonyms(f"{key}.state")
        url = _URL.search(text)
        rest = (text[: url.start()] + text[url.end():]).strip() if url else text
        state = None
        m = re.match(r"^\s*([A-Za-z/ .\-]+?)\s*(?:[,.;:\-–(]|$)(.*)$", rest, re.DOTALL)
        detail = rest
        if m:
            lead_words = words(m.group(1)).split()
            for size in range(len(lead_words), 0, -1):
                value = nr.match_choice(" ".join(lead_words[:size]), states, synonyms)
                if value:
                    state = value
                    detail = (" ".join(m.group(1).split()[size:]) + " " + m.group(2)).strip(" ,.;:-–()")
                    break
        if state is None and url:  # a link alone says the document exists
            state, detail = "in-place", rest.strip(" ,.;:-–()")
        if state is None:
            section = nr.subschema(self.schema, key).get("title", heading)
            self.body.setdefault(section, []).append(text)
            self.note(heading, f"does not say whether the {section.lower()} is in place (yes, no or n/a); "
                               f"the text is kept in the record under '## {section}'")
            return
        doc = {"state": state}
        if url:
            link = url.group(0).rstrip(".,;")
            doc["link"] = link if link.lower().startswith("http") else "https://" + link
        if detail:
            doc["reason" if state != "in-place" else "note"] = detail
        elif state == "not-applicable":
            doc["reason"] = f"Marked {text.strip()!r} in the imported register"
        self.put(tuple(key.split(".")), doc, heading)

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
            p = _PAREN.search(item)
            if p:
                for part in re.split(r"[,;/]", p.group(1)):
                    w = words(part)
                    if w in ("lead", "lead partner", "lead organisation", "lead body", "leads", "lead agency"):
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
                    sector = "other"
                    self.note(heading, f"the sector of {name!r} is not known; it is set to other, so check it")
            partner = {"name": name, "sector": sector}
            if lead:
                partner["lead"] = True
            if accountable:
                partner["accountable_body"] = True
            partners.append(partner)
        self._add_partners(partners)
        self.sources.setdefault(("partners",), heading)

    def _add_partners(self, partners: list[dict]) -> None:
        current = self.data.setdefault("partners", [])
        for partner in partners:
            same = next((p for p in current if norm(p["name"]) == norm(partner["name"])), None)
            if same:
                for flag in ("lead", "accountable_body"):
                    if partner.get(flag):
                        same[flag] = True
            else:
                current.append(partner)

    def read_representatives(self, col, heading, raw, text):
        kinds = nr.enum_values(self.schema, "representatives[].kind")
        kind_words = self.mapping.synonyms("representatives[].kind")
        out = []
        for segment in re.split(r"[;\n]", text):
            kind = col.kind or None
            m = re.match(r"(?i)^\s*(councillors?|elected members?|members?|officers?|staff)\s*(?:[-–(]\s*)?"
                         r"(?:\d+|how many and who)?\s*\)?\s*:\s*(.*)$", segment)
            if m:
                kind = "councillor" if not m.group(1).lower().startswith(("officer", "staff")) else "officer"
                segment = m.group(2)
            for item in re.split(r",|\s+and\s+", segment):
                item = item.strip(" .")
                if not item or re.fullmatch(r"\d+|how many and who|none", item, re.IGNORECASE):
                    continue
                p = _PAREN.search(item)
                role = ""
                if p:
                    item, role = item[: p.start()].strip(), p.group(1).strip()
                who = kind
                if re.match(r"(?i)^(cllr|councillor)\b", item):
                    who = "councillor"
                if role and nr.match_choice(role, kinds, kind_words):
                    who, role = nr.match_choice(role, kinds, kind_words), ""
                rep = {"name": item, "kind": who or "officer"}
                sub = re.match(r"(?i)^(?:sub(?:stitute)?\.?|deputy)\s*[:\-]?\s*(.+)$", role)
                if sub:
                    rep["substitute"] = sub.group(1).strip()
                elif role:
                    rep["role"] = role
                if who is None:
                    self.note(heading, f"{item!r} is taken to be an officer; write Cllr in front of councillors")
                out.append(rep)
        if out:
            self.data.setdefault("representatives", []).extend(out)
            self.sources.setdefault(("representatives",), heading)

    def read_money(self, col, heading, raw, text):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raise Unusable(f"{text!r} gives no frequency or form; write e.g. '£{text} per year grant'")
        freq_choices = nr.enum_values(self.schema, "money[].frequency")
        form_choices = nr.enum_values(self.schema, "money[].form")
        out = []
        for item in split_list(text):
            if self.mapping.is_empty(item):
                continue
            pound = item.find("£")
            m = AMOUNT.search(item, pound if pound >= 0 else 0)
            try:
                amount = parse_amount(m.group(0)) if m else None
            except Unusable:
                amount = None
            if amount is None:
                raise Unusable(f"{item!r} gives no amount in pounds")
            taken: set[int] = set()
            freq = find_values(item, freq_choices, self.mapping.synonyms("money[].frequency"), taken)
            form = find_values(item, form_choices, self.mapping.synonyms("money[].form"), taken)
            missing = [what for what, found in (("whether it is per year or one-off", freq),
                                                ("what form it takes (" + ", ".join(form_choices) + ")", form))
                       if not found]
            if missing:
                raise Unusable(f"{item!r}: say {' and '.join(missing)}")
            out.append({"amount": amount, "frequency": freq[0], "form": form[0], "description": item})
        if out:
            self.data.setdefault("money", []).extend(out)
            self.sources.setdefault(("money",), heading)

    def read_officer_time(self, col, heading, raw, text):
        out = []
        for item in split_list(text):
            m = _DAYS.search(item)
            if not m:
                raise Unusable(f"{item!r} gives no time estimate; write e.g. 'Community Safety Manager, "
                               "2 days per month'")
            amount = 0.5 if m.group(1).lower().startswith("half") else float(m.group(1))
            if m.group(2).lower().startswith("h"):
                amount /= 7.5
            per = m.group(3).lower()
            factor = {"week": 52 / 12, "wk": 52 / 12, "fortnight": 26 / 12, "year": 1 / 12, "yr": 1 / 12,
                      "annum": 1 / 12}.get(per, 1)
            role = (item[: m.start()] + item[m.end():]).strip(" ,;:-–()")
            role = re.sub(r"(?i)\s*\b(?:about|approx\.?|approximately|c\.|circa)\s*$", "", role).strip(" ,;:-–")
            if not role:
                raise Unusable(f"{item!r} does not say whose time it is")
            out.append({"role": role, "days_per_month": tidy(round(amount * factor, 1))})
        if out:
            self.data.setdefault("officer_time", []).extend(out)
            self.sources.setdefault(("officer_time",), heading)

    def read_date_range(self, col, heading, raw, text):
        start_key, end_key = col.to[0], col.to[1] if len(col.to) > 1 else None
        if not isinstance(raw, str):
            self.put((start_key,), parse_date(raw), heading)
            return
        parts = re.split(r"\s+(?:-|–|—|to|until|till)\s+|\s*[–—]\s*", text, maxsplit=1)
        if len(parts) == 1:
            m = re.fullmatch(r"(\S+)\s*-\s*(\S+)", text)  # 01/04/2019-31/03/2029
            if m and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
                parts = [m.group(1), m.group(2)]
        self.put((start_key,), parse_date(parts[0]), heading)
        if len(parts) > 1 and end_key:
            end = parts[1].strip()
            if self.mapping.is_empty(end) or words(end) in ("ongoing", "no end date", "open ended", "indefinite",
                                                               "none set", "permanent"):
                return
            self.put((end_key,), parse_date(end), heading)

    def read_find_values(self, col, heading, raw, text):
        taken: set[int] = set()
        for target in col.to:
            choices = nr.enum_values(self.schema, target)
            found = find_values(text, choices, self.mapping.synonyms(target), taken)
            if len(found) > 1:
                raise Unusable(f"{text!r} names more than one {self.title(target).lower()}: {', '.join(found)}")
            if found:
                self.put((target,), found[0], heading)
            elif target == "type":
                close = difflib.get_close_matches(slug(text), choices, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise Unusable(f"{text!r} is not a known type of partnership{hint}; use one of: {', '.join(choices)}")

    def read_json_list(self, col, heading, raw, text):
        raise Unusable(f"{text[:60]!r} is not a list written as JSON, e.g. "
                       f"{json.dumps(nr.subschema(self.schema, col.to[0]).get('examples', [[{}]])[0], ensure_ascii=False)}")

    def read_body(self, col, heading, raw, text):
        self.body.setdefault(col.section, []).append(text)

    def finish(self) -> None:
        for array, items in self.positional.items():
            objects = [items[i] for i in sorted(items)]
            if array == "partners":
                for partner in objects:
                    if "sector" not in partner and isinstance(partner.get("name"), str):
                        partner["sector"] = self.mapping.guess_sector(partner["name"]) or "other"
                        self.note(self.sources.get(("partners",), ""), f"the sector of {partner['name']!r} was "
                                  f"not given; it is set to {partner['sector']}, so check it")
                self._add_partners(objects)
            else:
                self.data.setdefault(array, []).extend(objects)

    def body_text(self) -> str:
        return "\n\n".join(f"## {section}\n\n" + "\n\n".join(texts) for section, texts in self.body.items())


def _is_literal(col: Column) -> bool:
    """Text in a column of the register's own (`legal_form`, `aims`): read as its downloads write it."""
    return col.exact and col.how in ("text", "text-list")


def _literal(how: str, text: str):
    """The text as it is ('N/A' and '-' too), a list split only where the downloads join items."""
    if how == "text-list":
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    return text


READERS = {
    **{k: RowConverter.read_leaf for k in LEAF_READERS},
    "positional": RowConverter.read_positional,
    "indexed": RowConverter.read_indexed,
    "person": RowConverter.read_person,
    "document": RowConverter.read_document,
    "partners": RowConverter.read_partners,
    "representatives": RowConverter.read_representatives,
    "money": RowConverter.read_money,
    "officer-time": RowConverter.read_officer_time,
    "date-range": RowConverter.read_date_range,
    "find-values": RowConverter.read_find_values,
    "body": RowConverter.read_body,
    "json-list": RowConverter.read_json_list,
}
