"""One row's cells into record data, Markdown body sections and issues, by the mapping's readers.

Every reader takes a cell and puts values into the record's data. What a cell says that no
field can hold, or that cannot be read, is never a reason to leave the partnership out: the
row's issues say, by column, what was assumed (notes) and what could not be used (errors),
and the record is written with what could. `groups` has the readers of groups of fields
(people, representatives, partners, money, officer time, meetings).
"""

from __future__ import annotations

import difflib
import json
import re

from ...downloads.table import LIST_SEPARATOR
from ...load.problems import Problem
from ...text import iso_date, slug, to_date
from .. import new as nr
from .groups import GroupReaders, choices_in
from .mapping import GROUP_LISTS, LEAF_READERS, Column, Mapping, node_reader
from .report import Issue
from .values import (MAX_CELL, Unusable, cell_text, find_date, find_values, json_items, norm, parse_amount,
                     parse_bool, parse_when, split_list, words)

_FILLER = {"and", "or", "the", "of", "a", "an", "for", "in", "with", "plus", "by", "to", "some", "also", "etc",
           "only", "provided", "support", "kind", "resources", "resource", "use", "council"}
_LABELLED_YES_NO = re.compile(r"([A-Za-z][A-Za-z '\-/]*?)\s*[:=-]\s*(yes|no|y|n)\b(?!\s*/\s*(?:no|n|yes|y)\b)",
                              re.IGNORECASE)  # 'Lead Member: Yes' (but 'Yes/No' left as printed is no answer)
_UNANSWERED = re.compile(r"([A-Za-z][A-Za-z '\-]*?)\s*[:=-]\s*(?:yes|y)\s*/\s*(?:no|n)\b", re.IGNORECASE)
_OTHER = re.compile(r"\bother\s*(?:\(\s*please\s+describe\s*\))?\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)
_BRACKETED = re.compile(r"\(([^()]*)\)")
_UNKNOWN_WORDS = {"tbc", "tba", "tbd", "to be confirmed", "to be decided", "unknown", "not known", "n k",
                  "not yet known"}
_NOT_DATES = {"ongoing", "annual", "annually", "permanent", "indefinite", "open ended", "no end date", "none set",
              "n a", "na", "none", "no", "each year", "rolling", "continuous", "as required", "when required"}
_END_FIELDS = ("proposed_end_date", "closed_date", "next_review", "term_ends", "due", "accountable_body_until")
_DORMANT = re.compile(r"\b(dormant|inactive|not meeting|not met|paused|suspended|on hold|lapsed)\b", re.IGNORECASE)
_LEGAL_FORM = re.compile(r"\b(company|limited by guarantee|clg|llp|charit|cio|unincorporated|incorporated|trust|"
                         r"industrial and provident|community benefit society|ips|plc|ltd|partnership agreement|"
                         r"joint committee|society|almo)\b", re.IGNORECASE)
_ACT = re.compile(r"[^;,–—()]*\b(?:Act\s+\d{4}|s\.?\s?\d+[A-Za-z]?\b|LGA\s+\d{4})[^;,–—()]*", re.IGNORECASE)
_DOC_NO = re.compile(r"\b(draft|drafted|drafting|being|not|no|none|informal|in progress|awaiting|pending|"
                     r"under development|lapsed|expired)\b", re.IGNORECASE)
_DOC_YES = re.compile(r"\b(agreement|terms of reference|tor|mou|memorandum|constitution|articles of association|"
                      r"signed|adopted|agreed|in place|isa|section 75|s75|contract|deed|charter)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*·–]|\d+[.)])\s+")


def is_end(field_path: str) -> bool:
    """True for a date that ends something (an end date, a deadline), which a month stands for by its last day."""
    return field_path.rsplit(".", 1)[-1] in _END_FIELDS


def _said(value) -> str:
    """A value as an officer would read it back: 'state in-place, note 2021', not Python's braces."""
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {_said(v)}" for k, v in value.items())
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_said(v) for v in value)
    return cell_text(value)


class RowConverter(GroupReaders):
    """Reads one row's cells into record data, body sections and issues."""

    def __init__(self, row: int, mapping: Mapping, schema: dict, sheet: str = ""):
        self.row = row
        self.sheet = sheet
        self.mapping = mapping
        self.schema = schema
        self.data: dict = {}
        self.body: dict[str, list[str]] = {}
        self.positional: dict[str, dict[int, dict]] = {}
        self.each: dict[str, dict[str, tuple]] = {}  # array -> {sub field: (cell, heading)}: one value for every item
        self.substitutes: list[tuple[str, str, str]] = []  # (substitute, for whom, heading)
        self.weak: dict[tuple, tuple] = {}  # path -> (value, heading): used only if no column gives the field
        self.sources: dict[tuple, str] = {}
        self.issues: list[Issue] = []
        self.unusable: set[str] = set()  # top-level fields a column gave but could not be read
        self.unknown: set[str] = set()  # required fields a column left not yet known, and said so

    # reporting
    def error(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "error", self.sheet))

    def note(self, heading: str, message: str) -> None:
        self.issues.append(Issue(self.row, heading, message, "note", self.sheet))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def heading_of(self, field: str) -> str:
        parts = tuple(p for p in re.split(r"\.|\[\d+\]", field) if p)
        heading = ""
        while parts and not heading:
            heading = self.sources.get(parts, "")
            parts = parts[:-1]
        return heading

    def issue_for(self, problem: Problem, severity: str = "error") -> Issue:
        """A loader's problem with the record as an issue on the column that gave the field."""
        subject = f"{problem.field}: " if problem.field else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        return Issue(self.row, self.heading_of(problem.field), f"{subject}{problem.full_message}{hint}", severity,
                     self.sheet)

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
                               f"that value is kept and {_said(value)!r} is not used")
            return
        node[key] = value
        self.sources.setdefault(path, heading)

    def put_target(self, target: str, value, heading: str, index: int = -1) -> None:
        """A value for a field path; `audits[].by` fills the item given by `index` (the first by default)."""
        if "[]" in target:
            array, _, sub = target.partition("[].")
            self.positional.setdefault(array, {}).setdefault(max(index, 0), {})[sub] = value
            self.sources.setdefault((array,), heading)
        else:
            self.put(tuple(target.split(".")), value, heading)

    def has(self, path: tuple) -> bool:
        node = self.data
        for part in path:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def title(self, field_path: str) -> str:
        """The field's title, with its list's for a field of a list's items ('Reviews: date')."""
        title = nr.subschema(self.schema, field_path).get("title", field_path)
        if "[]" in field_path:
            array = field_path.split("[]")[0]
            return f"{nr.subschema(self.schema, array).get('title', array)}: {title.lower()}"
        return title

    # leaf values ------------------------------------------------------------------------------
    def enum(self, text: str, field_path: str, heading: str):
        """The allowed value a cell means; the mapping's fallback (with a note) when it names none."""
        choices = nr.enum_values(self.schema, field_path)
        synonyms = self.mapping.synonyms(field_path)
        value = nr.match_choice(text, choices, synonyms)
        if value is not None:
            return value
        found = find_values(text, choices, synonyms)
        if found:
            if len(found) > 1:
                self.note(heading, f"{text!r} names more than one {self.title(field_path).lower()} "
                                   f"({', '.join(found)}); the first, {found[0]}, is used")
            elif len(words(text).split()) > 1:
                self.note(heading, f"{text!r} is read as {found[0]}")
            return found[0]
        fallback = self.mapping.fallbacks.get(field_path)
        if fallback in choices:
            self.note(heading, f"{text!r} is not a known {self.title(field_path).lower()}; it is recorded as "
                               f"{fallback}, so check it")
            return fallback
        close = difflib.get_close_matches(slug(text), choices, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise Unusable(f"{text!r} is not a known {self.title(field_path).lower()}{hint}; "
                       f"use one of: {', '.join(choices)}")

    def date(self, raw, field_path: str, heading: str):
        text = cell_text(raw)
        end = is_end(field_path)
        try:
            value, assumed = parse_when(raw if not isinstance(raw, str) else text, end)
        except Unusable:
            if words(text) in _NOT_DATES:
                raise LeftOut(f"{text!r} is not a date, so {self.title(field_path).lower()} is left out") from None
            found = find_date(text, end)
            if found is None:
                raise
            value, assumed = found
            self.note(heading, f"{text!r} is read as {value.isoformat()}" + (f" ({assumed})" if assumed else ""))
            return value
        if assumed:
            self.note(heading, f"{self.title(field_path).lower()}: {assumed}")
        return value

    def leaf(self, how: str, raw, field_path: str, heading: str):
        """One value for a simple field, or raises Unusable."""
        text = cell_text(raw)
        if how == "date":
            return self.date(raw, field_path, heading)
        if how in ("enum", "rating"):
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
        value = " ".join(text.split()) if node.get("maxLength", 10_000) <= 400 or node.get("pattern") else text
        if len(value) > node.get("maxLength", 10**9):
            section = self.title(field_path)
            self.body.setdefault(section, []).append(text)
            raise LeftOut(f"is longer than the {node['maxLength']:,} characters {section.lower()} may hold; "
                           f"the text is kept in the record under '## {section}'")
        return value

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
            fallback = self.mapping.fallbacks.get(field_path)
            if out or fallback not in choices:
                raise Unusable(f"{', '.join(repr(u) for u in unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                               f"a known {self.title(field_path).lower()}; use: {', '.join(choices)}")
            self.note(heading, f"{text!r} names no {self.title(field_path).lower()}; it is recorded as {fallback}")
            return [fallback]
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
        except LeftOut as exc:
            self.note(heading, str(exc))
        except Unusable as exc:
            self.error(heading, str(exc))
            self.unusable.update(t.split(".")[0].split("[")[0] for t in col.to)

    def _read(self, col: Column, heading: str, raw) -> None:
        if isinstance(raw, str) and len(raw) > MAX_CELL:
            raise Unusable(f"the cell holds {len(raw):,} characters, more than the {MAX_CELL:,} a cell may hold")
        text = cell_text(raw, exact=col.exact)
        if text and not col.exact:
            text = self.mapping.without_hints(text)
            raw = text if isinstance(raw, str) else raw
        if not text:
            return
        if col.how not in ("document", "boolean", "flag", "note", "significance") and not _is_literal(col) \
                and self.blank(text, col.to[0]):
            if words(text) in _UNKNOWN_WORDS:
                self.note(heading, f"says {text!r}: {col.describe()} is not yet known, so it is left out")
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
        for path in col.to:
            value = _literal(col.how, text) if _is_literal(col) else self.leaf(col.how, raw, path, heading)
            self.put_target(path, value, heading, col.index)

    def read_describe(self, col, heading, raw, text):
        """A summary too long for one becomes the purpose; a purpose written as a bulleted list, the aims."""
        path = col.to[0]
        limit = nr.subschema(self.schema, path).get("maxLength", 10**9)
        if path == "summary" and len(" ".join(text.split())) > limit and "purpose" in self.schema["properties"]:
            self.note(heading, f"is longer than a summary's {limit} characters, so it is the purpose")
            path = "purpose"
        lines = [line for line in text.split("\n") if line.strip()]
        if path == "purpose" and len(lines) > 1 and all(_BULLET.match(line) for line in lines):
            self.put(("aims",), split_list(text), heading)
            self.note(heading, "is a list, so each line is one of the aims")
            return
        self.put((path,), self.leaf("text", raw, path, heading), heading)

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
            except LeftOut as exc:
                self.note(heading, str(exc))
                continue
            except Unusable as exc:
                self.error(heading, f"item {index + 1}: {exc}" if len(items) > 1 else str(exc))
                continue
            self.positional.setdefault(array, {}).setdefault(index, {})[sub] = value
            self.sources.setdefault((array,), heading)

    def read_indexed(self, col, heading, raw, text):
        path = col.to[0]
        how = node_reader(nr.subschema(self.schema, path), path)
        self.put_target(path, self.leaf(how, raw, path, heading), heading, col.index)

    def read_document(self, col, heading, raw, text):
        key = col.to[0]
        if words(text) in _UNKNOWN_WORDS:
            section = nr.subschema(self.schema, key).get("title", heading).lower()
            self.note(heading, f"says {text!r}: whether the {section} is in place is not yet known, so it is left out")
            return
        states = nr.enum_values(self.schema, f"{key}.state")
        synonyms = self.mapping.synonyms(f"{key}.state")
        url = _URL.search(text)
        rest = (text[: url.start()] + text[url.end():]).strip() if url else text
        rest = re.sub(r"\(\s*\)", "", rest).strip()
        state = None
        m = re.match(r"^\s*([A-Za-z/ .\-]+?)\s*([,.;:\-–(]|$)(.*)$", rest, re.DOTALL)
        detail = rest
        if m:
            lead_words = words(m.group(1)).split()
            for size in range(len(lead_words), 0, -1):
                value = nr.match_choice(" ".join(lead_words[:size]), states, synonyms)
                if value:
                    state = value
                    # 'No – BID company holds its own': the reason after the word; 'Draft ToR with partners': all
                    detail = m.group(3).strip(" ,.;:-–()") if size == len(lead_words) else rest
                    break
        if state is None and "not-in-place" in states and _DOC_NO.search(rest):
            state, detail = "not-in-place", rest
        elif state is None and "in-place" in states and _DOC_YES.search(rest):
            state, detail = "in-place", rest
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

    def read_date_range(self, col, heading, raw, text):
        start_key, end_key = col.to[0], col.to[1] if len(col.to) > 1 else None
        if not isinstance(raw, str):
            self.put((start_key,), self.date(raw, start_key, heading), heading)
            return
        text = text.strip()
        open_end = bool(re.search(r"\s*[-–—]\s*$", text))
        text = re.sub(r"\s*[-–—]\s*$", "", text)
        parts = re.split(r"\s+(?:-|–|—|to|until|till)\s+|\s*[–—]\s*", text, maxsplit=1)
        if len(parts) == 1:
            m = re.fullmatch(r"(\S+)\s*-\s*(\S+)", text)  # 01/04/2019-31/03/2029, 2018-2033
            if m and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text) and not re.fullmatch(r"\d{4}-\d{2}", text):
                parts = [m.group(1), m.group(2)]
        try:
            self.put((start_key,), self.date(parts[0], start_key, heading), heading)
        except LeftOut as exc:
            self.note(heading, str(exc))
        if len(parts) > 1 and end_key and not open_end:
            end = parts[1].strip()
            if self.mapping.is_empty(end) or words(end) in _NOT_DATES or words(end) in (
                    "no end date", "open ended", "indefinite", "none set", "permanent", "ongoing"):
                return
            self.put((end_key,), self.date(end, end_key, heading), heading)

    def _first_named(self, text: str, target: str, heading: str, taken: set[int]) -> str | None:
        """The first of `target`'s allowed values the text names (saying so when it names more), or None."""
        found = find_values(text, nr.enum_values(self.schema, target), self.mapping.synonyms(target), taken)
        if len(found) > 1:
            self.note(heading, f"{text!r} names more than one {self.title(target).lower()} "
                               f"({', '.join(found)}); the first, {found[0]}, is used")
        return found[0] if found else None

    def read_find_values(self, col, heading, raw, text):
        taken: set[int] = set()
        for target in col.to:
            found = self._first_named(text, target, heading, taken)
            if found:
                self.put((target,), found, heading)
            elif target == "type":
                self.note(heading, f"{text!r} does not say which type of partnership it is; "
                                   "it is recorded as not yet classified")
                self.unknown.add("type")

    def read_classify(self, col, heading, raw, text):
        """What kind of partnership: the type, statutory or voluntary, executive or advisory, the legal form, the Act.

        The first field in `to` is the column's own; the others are taken from its words only when
        no other column gives them ('LLP (joint venture)' under Legal form also says the type).
        """
        primary = col.to[0]
        taken: set[int] = set()
        for target in sorted((t for t in col.to if nr.enum_values(self.schema, t)), key=lambda t: t != "type"):
            found = self._first_named(text, target, heading, taken)
            if found:
                self.put_weak(target, found, heading, strong=target == primary)
            elif target == "type" and primary == "type":
                self.note(heading, f"{text!r} does not say which type of partnership it is (joint committee, "
                                   "pooled budget, company ...); it is recorded as not yet classified")
                self.unknown.add("type")
        if "legal_form" in col.to:
            if primary == "legal_form":
                self.put(("legal_form",), self.leaf("text", raw, "legal_form", heading), heading)
            else:
                part = next((p.strip(" .") for p in re.split(r"[;,]|\s[–—-]\s", text) if _LEGAL_FORM.search(p)), "")
                if part:
                    self.put_weak("legal_form", part, heading)
        if "legal_power" in col.to:
            act = _ACT.search(text)
            if act and act.group(0).strip(" .;–-"):
                value = re.sub(r"(?i)^\s*(statutory|non-statutory|voluntary)\s*[–—-]?\s*", "", act.group(0))
                value = value.strip(" .;–-")
                if value:
                    self.put_weak("legal_power", value, heading)

    def put_weak(self, target: str, value, heading: str, strong: bool = False) -> None:
        if strong:
            self.put(tuple(target.split(".")), value, heading)
        else:
            self.weak.setdefault(tuple(target.split(".")), (value, heading))

    def read_council_role(self, col, heading, raw, text):
        """The council's roles; words that name none are the role in words (council_role_detail)."""
        path = col.to[0]
        choices = nr.enum_values(self.schema, path)
        synonyms = self.mapping.synonyms(path)
        other = _OTHER.search(text)
        detail: list[str] = []
        roles: list[str] = []
        rest = text
        if other:
            rest = text[: other.start()]
            described = " ".join(other.group(1).split()).strip(" .;")
            if described:
                detail.append(described)
                roles.extend(find_values(described, choices, synonyms))
        for m in _LABELLED_YES_NO.finditer(rest):  # "Lead Member: Yes  Representative: No"
            if m.group(2).lower().startswith("y"):
                value = nr.match_choice(m.group(1), choices, synonyms) or next(
                    iter(find_values(m.group(1), choices, synonyms)), None)
                if value:
                    roles.append(value)
        labelled = bool(_LABELLED_YES_NO.search(rest))
        rest = _UNANSWERED.sub(" ", _LABELLED_YES_NO.sub(" ", rest))
        for bracket in _BRACKETED.findall(rest):
            self.note(heading, f"({bracket}) is not a role; it is kept only in this note")
        rest = _BRACKETED.sub(" ", rest)
        for token in re.split(r"[;,/\n]|\s+and\s+|\s+&\s+", rest):
            token = token.strip(" .:-–")
            if not token or self.mapping.is_empty(token):
                continue
            found, left = choices_in(token, choices, synonyms, _FILLER)
            if found:
                roles.extend(found)
                if left:
                    self.note(heading, f"{token!r} is read as {', '.join(found)}")
            else:
                detail.append(token)
        roles = [r for r in dict.fromkeys(roles) if r != "not-classified" or len(roles) == 1]
        if detail:
            self.put(("council_role_detail",), "; ".join(detail), heading)
            unnamed = [d for d in detail if not (other and d == detail[0])]  # 'Other (please describe)' is words
            if unnamed or not roles:
                self.note(heading, f"{'; '.join(unnamed or detail)!r} names none of the council's roles "
                                   f"({', '.join(choices)}); it is kept as the role in words"
                                   + ("" if roles else " and the role is not yet classified"))
        if roles:
            self.put((path,), roles, heading)
        elif labelled and not detail:
            self.note(heading, f"{text!r} gives the council no role; it is recorded as not yet classified")
        if not roles:
            self.unknown.add(path)

    def read_status(self, col, heading, raw, text):
        path = col.to[0]
        value = self.enum(text, path, heading)
        if _DORMANT.search(text) and value == "under-review":
            self.note(heading, f"{text!r}: the register has no 'dormant' status, so it is recorded as under review "
                               "(it has not ended)")
        self.put((path,), value, heading)
        if value == "closed":
            found = find_date(text, end=True)
            if found:
                self.put(("closed_date",), found[0], heading)
            if re.search(r"\b(merged|replaced)\b", text, re.IGNORECASE) and "end_reason" in self.schema["properties"]:
                self.put(("end_reason",), "replaced", heading)

    def read_rating(self, col, heading, raw, text):
        """An allowed value (assurance rating, risk rating), keeping the word as written in the group's label."""
        for path in col.to:
            number = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else (
                float(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else None)
            if number is not None and path == "risk_rating":
                value = "high" if number >= 8 else "medium" if number >= 4 else "low"
                self.note(heading, f"the score {text} is read as {value} risk (scores 8-16 high, 4-6 medium, 1-3 low)")
            else:
                if re.search(r"\b(not yet|new|n/?a|tbc|awaiting|pending|to be)\b", text, re.IGNORECASE) and \
                        nr.match_choice(text, nr.enum_values(self.schema, path), self.mapping.synonyms(path)) is None:
                    self.note(heading, f"says {text!r}: {self.title(path).lower()} is not yet known, so it is left out")
                    continue
                value = self.enum(text, path, heading)
                if path == "assurance.previous_rating" and words(text) in ("high", "medium", "low"):
                    self.note(heading, f"{text!r} is on the old High / Medium / Low scale; read as {value}")
            self.put(tuple(path.split(".")), value, heading)
            parent = path.rsplit(".", 1)[0] if "." in path else ""
            if parent and path.endswith((".rating", ".level")) and "label" in nr.subschema(self.schema, parent).get(
                    "properties", {}):
                self.put(tuple(parent.split(".")) + ("label",), " ".join(text.split())[:100], heading)
                if path == "assurance.rating" and words(text) in ("high", "medium", "low"):
                    self.note(heading, f"{text!r} is on the old High / Medium / Low scale; read as {value}")

    def read_significance(self, col, heading, raw, text):
        """'Y' / 'N' / 'Significant' say whether it is significant; a grading (Major, Tier 1) is the level."""
        path = col.to[0]
        key = words(text)
        try:
            flag = parse_bool(raw)
        except Unusable:
            flag = {"significant": True, "key": True, "key partnership": True, "significant partnership": True,
                    "not significant": False, "non significant": False, "nonsignificant": False,
                    "insignificant": False}.get(key)
        if flag is not None:
            self.put((path, "significant"), flag, heading)
            return
        level_path = f"{path}.level"
        level = nr.match_choice(text, nr.enum_values(self.schema, level_path), self.mapping.synonyms(level_path)) \
            or next(iter(find_values(text, nr.enum_values(self.schema, level_path),
                                     self.mapping.synonyms(level_path))), None)
        if level is None:
            raise Unusable(f"{text!r} says neither whether it is significant (yes or no) nor a level "
                           "(high, medium, low; Major, Moderate, Limited)")
        self.put((path, "level"), level, heading)
        self.put((path, "label"), " ".join(text.split())[:100], heading)

    def read_score(self, col, heading, raw, text):
        path = col.to[0]
        label = " ".join(re.sub(r"\([^()]*\)", "", heading).split()).strip(" :?")
        self.put(tuple(path.split(".")), f"{label} {text}", heading)

    def read_performance(self, col, heading, raw, text):
        """How performance is reported: the words, how often (when one frequency is named), and to whom."""
        self.put(("performance", "mechanism"), " ".join(text.split()), heading)
        if "performance.frequency" in col.to:
            choices = nr.enum_values(self.schema, "performance.frequency")
            found = find_values(text, choices, self.mapping.synonyms("performance.frequency"))
            if len(found) == 1:
                self.put(("performance", "frequency"), found[0], heading)
        if "performance.reported_to" in col.to:
            first = re.split(r"[;\n]", text)[0]
            m = re.search(r"\bto\s+(?:the\s+)?([A-Z][^;,.()]*?)\s*$", first)
            if m and len(m.group(1).split()) <= 8:
                self.put(("performance", "reported_to"), m.group(1).strip(), heading)

    def read_targets(self, col, heading, raw, text):
        path = col.to[0]
        targets = split_list(text)
        if targets:
            value = {"targets": targets}
            year = re.search(r"\b(20\d{2}\s*/\s*\d{2,4}|20\d{2})\b", heading)
            if year and "year" in nr.subschema(self.schema, path).get("properties", {}):
                value = {"year": year.group(1).replace(" ", ""), **value}
            self.put((path,), value, heading)

    def read_plans(self, col, heading, raw, text):
        plans = []
        for item in split_list(text):
            url = _URL.search(item)
            plan = {}
            title = (item[: url.start()] + item[url.end():]).strip(" ,;:-–()") if url else item
            if url:
                link = url.group(0).rstrip(".,;")
                plan["link"] = link if link.lower().startswith("http") else "https://" + link
            plan = {"title": title or plan.get("link", item), **plan}
            plans.append(plan)
        if plans:
            self.data.setdefault(col.to[0], []).extend(plans)
            self.sources.setdefault((col.to[0],), heading)

    def read_flag(self, col, heading, raw, text):
        """A yes adds the entry's value to the list ('Accountable body?' Y -> council_role accountable-body)."""
        path = col.to[0]
        try:
            yes = parse_bool(raw)
        except Unusable:
            yes = norm(text) in self.mapping.council or None
        if yes is None:
            self.note(heading, f"{text!r} is not yes or no, so {col.value} is not added to {self.title(path).lower()}")
            return
        if yes:
            self.put((path,), [col.value], heading)

    def read_note(self, col, heading, raw, text):
        try:
            yes = parse_bool(raw)
        except Unusable:
            self.note(heading, f"says {text!r}")
            return
        if yes:
            self.note(heading, col.value)

    def read_json_list(self, col, heading, raw, text):
        raise Unusable(f"{text[:60]!r} is not a list written as JSON, e.g. "
                       f"{json.dumps(nr.subschema(self.schema, col.to[0]).get('examples', [[{}]])[0], ensure_ascii=False)}")

    def read_body(self, col, heading, raw, text):
        self.body.setdefault(col.section, []).append(text)

    # after the last column ----------------------------------------------------------------------------
    def finish(self) -> None:
        for path, (value, heading) in self.weak.items():
            if not self.has(path):
                self.put(path, value, heading)
        for array, items in self.positional.items():
            objects = [items[i] for i in sorted(items)]
            if array == "partners":
                for partner in objects:
                    if "sector" not in partner and isinstance(partner.get("name"), str):
                        partner["sector"] = self.mapping.guess_sector(partner["name"]) or "other"
                        self.note(self.sources.get(("partners",), ""), f"the sector of {partner['name']!r} was "
                                  f"not given; it is set to {partner['sector']}, so check it")
                self._add_partners(objects)
                continue
            current = self.data.setdefault(array, [])
            for n, obj in enumerate(objects):
                if n < len(current) and isinstance(current[n], dict) and array in ("money", "officer_time"):
                    for key, value in obj.items():
                        current[n].setdefault(key, value)  # 'Frequency' beside 'Council contribution'
                else:
                    current.append(obj)
        self.finish_groups()
        if self.data.get("status") == "closed" and "closed_date" not in self.data and self.data.get("proposed_end_date"):
            self.data["closed_date"] = self.data["proposed_end_date"]
            self.note(self.sources.get(("proposed_end_date",), ""), "closed, with no date closed: the end date "
                                                                    f"{self.data['closed_date']} is taken as the date it closed")
        self._finish_audits()
        self._finish_required_groups()
        self._future_reviews()

    def _future_reviews(self) -> None:
        """A review dated after today has not happened: it is when the next one is due."""
        reviews = self.data.get("reviews")
        if not isinstance(reviews, list):
            return
        today = nr.today()
        future = [r for r in reviews if isinstance(r, dict) and (to_date(r.get("date")) or today) > today]
        if not future:
            return
        heading = self.sources.get(("reviews",), "") or self.heading_of("reviews[].date")
        for review in future:
            reviews.remove(review)
            if "next_review" not in self.data:
                self.data["next_review"] = review["date"]
                self.sources.setdefault(("next_review",), heading)
                self.note(heading, f"{iso_date(review['date'])} is after today, so it is recorded as when the next review is "
                                   "due, not as a review done")
            else:
                self.note(heading, f"{iso_date(review['date'])} is after today, so it is not a review done; the next "
                                   f"review is already given ({iso_date(self.data['next_review'])}), so it is not used")
        if not reviews:
            self.data.pop("reviews")

    def _finish_audits(self) -> None:
        """An audit needs its date and who completed it; without them, its reform plans stay in the text."""
        audits = self.data.get("audits")
        if not isinstance(audits, list):
            return
        kept = []
        for audit in audits:
            if isinstance(audit, dict) and audit.get("date") and audit.get("by"):
                kept.append(audit)
                continue
            plans = audit.get("reform_plans") if isinstance(audit, dict) else None
            heading = self.sources.get(("audits",), "")
            if plans:
                self.body.setdefault("Plans for reform", []).append(plans)
                self.note(heading, "the sheet does not say when the audit was done and by whom, so the plans for "
                                   "reform are kept in the record under '## Plans for reform'")
        if kept:
            self.data["audits"] = kept
        else:
            self.data.pop("audits", None)

    def _finish_required_groups(self) -> None:
        """A group missing what it needs (an assurance without a rating) is left out, and said."""
        for path, needs, what in (("assurance", ("rating",), "an assurance rating"),
                                  ("significance", ("significant", "level"), "whether it is significant, or a level")):
            group = self.data.get(path)
            if isinstance(group, dict) and not any(k in group for k in needs):
                self.data.pop(path)
                shown = ", ".join(f"{k} {v!r}" for k, v in group.items())
                self.note(self.sources.get((path, next(iter(group))), ""),
                          f"{shown} is not recorded: the sheet gives no {what}")
        significance = self.data.get("significance")
        if isinstance(significance, dict) and "significant" in significance and "reason" not in significance:
            self.note(self.sources.get(("significance", "significant"), ""),
                      "the sheet does not say why it is or is not significant; add significance.reason")

    def body_text(self) -> str:
        return "\n\n".join(f"## {section}\n\n" + "\n\n".join(texts) for section, texts in self.body.items())


class LeftOut(Unusable):
    """A cell that says there is no value ('Ongoing' as an end date): noted, not an error."""


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
    "person": GroupReaders.read_person,
    "document": RowConverter.read_document,
    "partners": GroupReaders.read_partners,
    "representatives": GroupReaders.read_representatives,
    "money": GroupReaders.read_money,
    "officer-time": GroupReaders.read_officer_time,
    "date-range": RowConverter.read_date_range,
    "find-values": RowConverter.read_find_values,
    "body": RowConverter.read_body,
    "json-list": RowConverter.read_json_list,
    "classify": RowConverter.read_classify,
    "council-role": RowConverter.read_council_role,
    "status": RowConverter.read_status,
    "resources": GroupReaders.read_resources,
    "in-kind": GroupReaders.read_in_kind,
    "meetings": GroupReaders.read_meetings,
    "rating": RowConverter.read_rating,
    "significance": RowConverter.read_significance,
    "performance": RowConverter.read_performance,
    "budget": GroupReaders.read_budget,
    "targets": RowConverter.read_targets,
    "plans": RowConverter.read_plans,
    "substitutes": GroupReaders.read_substitutes,
    "each": GroupReaders.read_each,
    "flag": RowConverter.read_flag,
    "note": RowConverter.read_note,
    "score": RowConverter.read_score,
    "describe": RowConverter.read_describe,
}
