"""What changed between two versions of a record, in plain words, from what a build shows of each.

Both versions arrive already through the build's own view (`assess.publication.view`), so a
public build can only describe what it publishes: an internal field, a confidential amount
or an unpublished record is simply not there to be described. Two more guards cover what the
view of an old version cannot know: a reference to a record this build does not show is
dropped, and a value withheld *today* (an amount made confidential after it was published, a
note moved into an internal field, the name of a record no longer published) is never quoted,
only the field named.
Nothing here reads git, and nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from ..assess.computed import COMPUTED
from ..assess.facts import facts_for
from ..assess.policy import Policy
from ..load import schema as schema_mod
from ..load.loader import Record
from ..text import NOT_RECORDED, label, long_date, money, number, plural
from .record import body_markdown

HIDDEN = "hidden"  # a version that exists but that this build does not show (unpublished, in a public build)
REFERENCES = ("parent", "replaced_by", "sub_groups")  # fields holding other records' ids
ITEM_KEYS = ("name", "title", "rule", "action", "role", "date")  # what names an item of a list of groups
LONG = 100  # text longer than this is said to be updated, not quoted
BODY_TITLE = "More about this partnership"  # the record page's heading over the narrative
_TOTALS = {c.name: re.sub(r"\s*\(.*\)$", "", c.title) for c in COMPUTED}
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6}) +(.+?)\s*#*\s*$")
_WORD = re.compile(r"[^\s,;:()]{6,}")
_CODE = re.compile(r"(?=.*\d)(?=.*[a-z])")  # a word with letters and digits: a reference, a code, a marker
PHRASE = 20  # characters in common with a withheld value that make a shown value withheld too
_PLAIN_WORD = re.compile(r"[^\W\d_]{3,}")
_COMMON_WORDS = frozenset(
    "the and for with from that this not are was were has have had but its our their they them his her you who "
    "what when where which will would should could can may must all any each one two new now yet also only more "
    "than then there here been being into onto over under out off about after before again per via its".split())
"""Words too common to mark a withheld note: 'the' in an internal note never hides a public change."""


@dataclass(frozen=True)
class Change:
    """One thing that changed: `label` names it (a field's title, or the event), `text` says it."""

    label: str
    text: str


@dataclass(frozen=True)
class Withheld:
    """Values withheld today: never to be quoted from an older version.

    A shown value is held back when it contains a withheld value, is contained in one, shares a
    phrase with one, holds one of its reference-like words (LEAKMARK-902, CAB/2020/007), or holds
    a word the withheld text has and nothing shown today has (a name moved into an internal note);
    or when it names a record the build does not show.
    """

    strings: frozenset = frozenset()   # the record's own withheld text, case-folded
    numbers: frozenset = frozenset()
    money: bool = False  # an amount is withheld today: old totals could give it away, so none are shown
    names: frozenset = frozenset()     # ids and names of records the build does not show, case-folded
    only_withheld: frozenset = frozenset()  # words of the withheld text found nowhere in what is shown today

    @cached_property
    def words(self) -> frozenset:
        return frozenset(w for s in self.strings for w in _WORD.findall(s) if _CODE.search(w))

    def hides(self, value) -> bool:
        if isinstance(value, bool) or value is None:
            return False
        if isinstance(value, (int, float)):
            return value in self.numbers
        text = str(value).strip().casefold()
        if not text:
            return False
        if any(n in text for n in self.names):
            return True
        if any(w in text for w in self.words):
            return True
        if self.only_withheld and not self.only_withheld.isdisjoint(_PLAIN_WORD.findall(text)):
            return True  # 'Zork', once in the summary, now only in an internal note: never quoted again
        for s in self.strings:
            if s in text or (len(text) >= 8 and text in s):
                return True
            if min(len(s), len(text)) >= PHRASE:
                match = SequenceMatcher(None, text, s, autojunk=False).find_longest_match(0, len(text), 0, len(s))
                if match.size >= PHRASE:
                    return True
        return False


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif value is not None and not isinstance(value, bool):
        yield value


def _quote(text) -> str:
    return f"‘{text}’"


def _lower(titles) -> list[str]:
    """The first title as written, the others with a lower-case first letter (but 'IT' stays 'IT')."""
    return [t if i == 0 or not (t[:1].isupper() and t[1:2].islower()) else t[:1].lower() + t[1:]
            for i, t in enumerate(map(str, titles))]


def _join(titles) -> str:
    """'Approval, finance approval, date'."""
    return ", ".join(_lower(titles))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(changes: list[Change]) -> str:
    """A short line for a list of changes: the one change itself, or 'Status and annual contribution changed'."""
    if len(changes) == 1:
        return changes[0].text
    labels = _lower(dict.fromkeys(c.label for c in changes))
    if len(labels) > 3:
        labels = labels[:3] + [f"{len(labels) - 3} more"]
    return _and(labels) + " changed"


@dataclass
class Describer:
    """Says what changed in one record between two versions, as this build shows them."""

    schema: dict
    names: dict                      # record id -> name, for every record this build shows
    as_of: dt.date
    policy: Policy
    out: list = field(default_factory=list, init=False, repr=False)    # the changes found so far
    hide: Withheld = field(default_factory=Withheld, init=False, repr=False)

    def describe(self, old, new, hide: Withheld = Withheld()) -> list[Change]:
        """The changes from `old` to `new`: each a Record (as shown), HIDDEN, or None (no such file)."""
        if new is None or new is HIDDEN:
            if isinstance(old, Record):
                return [Change("Removed", "Removed from the register")] if new is None else \
                       [Change("No longer published", "No longer published in the register")]
            return []
        if old is None:
            return [Change("Added", "Added to the register")]
        if old is HIDDEN:
            return [Change("Published", "Now published in the register")]
        self.out, self.hide = [], hide
        old_data, new_data = self._known(old.data), self._known(new.data)
        props = self.schema.get("properties", {})
        for key, sub in props.items():
            if key == "money":
                self._money(old, new, sub)
            elif old_data.get(key) != new_data.get(key):
                self._value(sub, old_data.get(key), new_data.get(key), [sub.get("title", key)], (key,))
        self._body(old, new)
        seen, out = set(), []
        for change in self.out:
            if change.text not in seen:
                seen.add(change.text)
                out.append(change)
        return out

    @cached_property
    def _enum_values(self) -> frozenset:
        return frozenset(v for info in schema_mod.iter_fields(self.schema) for v, _ in info.values)

    def withheld(self, record: Record, shown: Record, others=()) -> Withheld:
        """What `record` (as read) holds that `shown` (its view in this build) does not; `others`:
        the ids and names of the records this build does not show."""
        public = set(_leaves(shown.data))
        hidden = [v for v in _leaves(record.data) if v not in public]
        strings = {v.strip().casefold() for v in hidden
                   if isinstance(v, str) and len(v.strip()) >= 4 and v not in self._enum_values}
        numbers = {v for v in hidden if isinstance(v, (int, float))}
        names = {v.strip().casefold() for v in others if isinstance(v, str) and len(v.strip()) >= 4}
        shown_words = {w for v in (*public, shown.body or "") if isinstance(v, str)
                       for w in _PLAIN_WORD.findall(v.casefold())}
        only = {w for v in strings for w in _PLAIN_WORD.findall(v)} - shown_words - _COMMON_WORDS
        return Withheld(frozenset(strings), frozenset(numbers), bool(shown.data.get("money_withheld")),
                        frozenset(names), frozenset(only))

    # --- helpers ------------------------------------------------------------------------

    def _known(self, data: dict) -> dict:
        """The data with references to records this build does not show taken out."""
        data = dict(data)
        for key in REFERENCES:
            value = data.get(key)
            if isinstance(value, list):
                data[key] = [self.names[v] for v in value if v in self.names] or None
            elif value is not None:
                data[key] = self.names.get(value)
        return data

    def _say(self, titles, text: str) -> None:
        self.out.append(Change(str(titles[0]), f"{_join(titles)}: {text}"))

    def _word(self, sub: dict, value) -> str | None:
        """A value in words; None when it must not be quoted (withheld today, or too long)."""
        if value is None:
            return NOT_RECORDED
        if self.hide.hides(value):
            return None
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if sub.get("format") == "date":
            return long_date(value)
        if "enum" in sub:
            return label(value)
        if isinstance(value, (int, float)):
            return number(value)
        text = str(value)
        return _quote(text) if len(text) <= LONG else None

    # --- by kind of field ---------------------------------------------------------------

    def _value(self, sub: dict, old, new, titles: list, path: tuple) -> None:
        kind = sub.get("type")
        if path[0] == "documents" and len(path) == 2:
            self._document(sub, old, new, titles[-1:])
        elif kind == "object":
            self._object(sub, old, new, titles, path)
        elif kind == "array" and sub.get("items", {}).get("type") == "object":
            self._items(sub["items"], old or [], new or [], titles, path)
        elif kind == "array":
            self._list(sub.get("items", {}), old or [], new or [], titles)
        else:
            self._scalar(sub, old, new, titles)

    def _object(self, sub: dict, old, new, titles: list, path: tuple) -> None:
        old = old if isinstance(old, dict) else {}
        new = new if isinstance(new, dict) else {}
        for key, child in sub.get("properties", {}).items():
            if old.get(key) != new.get(key):
                self._value(child, old.get(key), new.get(key), titles + [child.get("title", key)], path + (key,))

    def _scalar(self, sub: dict, old, new, titles: list) -> None:
        before, after = self._word(sub, old), self._word(sub, new)
        if before is not None and after is not None:
            self._say(titles, f"{before} → {after}")
        elif any(self.hide.hides(v) for v in (old, new)):
            self._say(titles, "changed")
        else:  # long text: named, not quoted
            self._say(titles, "added" if old is None else "removed" if new is None else "updated")

    def _list(self, sub: dict, old: list, new: list, titles: list) -> None:
        added = list((Counter(map(str, new)) - Counter(map(str, old))).elements())
        removed = list((Counter(map(str, old)) - Counter(map(str, new))).elements())
        words = {str(v): self._word(sub, v) for v in [*old, *new]}
        if any(self.hide.hides(v) for v in [*added, *removed]):
            return self._say(titles, "changed")
        parts = []
        for verb, items in (("added", added), ("removed", removed)):
            shown = [words[i] for i in items if words[i] is not None]
            if len(shown) < len(items):
                shown.append(f"{len(items) - len(shown)} more" if shown else plural(len(items), "item"))
            if shown:
                parts.append(f"{verb} {_and(shown)}")
        self._say(titles, "; ".join(parts) if parts else "order changed")

    def _item_key(self, sub: dict):
        props = sub.get("properties", {})
        return next((k for k in ITEM_KEYS if k in props), None)

    def _items(self, sub: dict, old: list, new: list, titles: list, path: tuple) -> None:
        """A list of groups (partners, risks, reviews…): items matched by what names them."""
        key = self._item_key(sub)
        key_sub = sub.get("properties", {}).get(key, {}) if key else {}

        def keyed(items):
            seen, out = Counter(), {}
            for i, item in enumerate(items):
                item = item if isinstance(item, dict) else {}
                name = item.get(key) if key else None
                tag = (str(name) if name is not None else f"#{i}")
                seen[tag] += 1
                out[(tag, seen[tag])] = item
            return out

        before, after = keyed(old), keyed(new)

        def name_of(k, item):
            value = item.get(key) if key else None
            word = self._word(key_sub, value) if value is not None else None
            return word or "an item"

        added = [k for k in after if k not in before]
        removed = [k for k in before if k not in after]
        if any(self.hide.hides(items[k].get(key)) for items, ks in ((after, added), (before, removed)) for k in ks
               if key):
            self._say(titles, "changed")
        else:
            parts = [f"{verb} {_and([name_of(k, items[k]) for k in ks])}"
                     for verb, items, ks in (("added", after, added), ("removed", before, removed)) if ks]
            if parts:
                self._say(titles, "; ".join(parts))
        for k, item in after.items():
            if k in before and before[k] != item:
                if self.hide.hides(item.get(key) if key else None):
                    self._say(titles, "changed")
                else:
                    self._object(sub, before[k], item, titles + [name_of(k, item)], path + ("*",))
        if not added and not removed and list(before) != list(after) and \
                sorted(before) == sorted(after):
            self._say(titles, "order changed")

    def _document(self, sub: dict, old, new, titles: list) -> None:
        """A governance document: its state in words ('now in place'), then its other fields."""
        old = old if isinstance(old, dict) else {}
        new = new if isinstance(new, dict) else {}
        was, now = old.get("state"), new.get("state")
        if was != now:
            if now == "in-place":
                phrase = "now in place"
            elif was == "in-place":
                phrase = "now not applicable" if now == "not-applicable" else "no longer in place"
            elif now == "not-applicable":
                phrase = "now not applicable"
            elif now == "not-in-place":
                phrase = "recorded as not in place"
            else:
                phrase = "state no longer recorded"
            self._say(titles, phrase)
        rest = {k: v for k, v in sub.get("properties", {}).items() if k != "state"}
        self._object({"properties": rest}, old, new, titles, ("documents", "*"))

    def _money(self, old: Record, new: Record, sub: dict) -> None:
        """Totals first (when no amount is withheld today), then each entry added, removed or changed."""
        title = [sub.get("title", "money")]
        entry_props = sub.get("items", {}).get("properties", {})
        was = [m for m in old.data.get("money") or [] if isinstance(m, dict)]
        now = [m for m in new.data.get("money") or [] if isinstance(m, dict)]
        totals = []
        if not self.hide.money and was != now:
            before, after = facts_for(old, self.as_of, self.policy), facts_for(new, self.as_of, self.policy)
            for name, frequency in (("annual_contribution", "annual"), ("one_off_contribution", "one-off")):
                a, b = getattr(before, name), getattr(after, name)
                if a != b:
                    totals.append(frequency)
                    self.out.append(Change(_TOTALS[name], f"{_TOTALS[name]}: {money(a)} → {money(b)}"))

        def what(m) -> str:
            words = f"{label(m.get('frequency')).lower()} {label(m.get('form')).lower()}".strip()
            desc = m.get("description")
            return f"{words} {_quote(desc)}" if isinstance(desc, str) and len(desc) <= 60 else words

        def ident(m):
            return (m.get("frequency"), m.get("form"), m.get("description"))

        def hidden(m) -> bool:
            return any(self.hide.hides(m.get(k)) for k in ("amount", "description"))

        left = list(was)
        matched, added = [], []
        for m in now:
            same = next((o for o in left if ident(o) == ident(m)), None)
            if same is None:
                added.append(m)
            else:
                left.remove(same)
                if same != m:
                    matched.append((same, m))
        removed = left
        lines = []
        if any(hidden(m) for m in [*added, *removed, *(x for pair in matched for x in pair)]):
            lines.append("changed")
        else:
            parts = [f"{verb} {_and([money(m.get('amount')) + ' ' + what(m) for m in ms])}"
                     for verb, ms in (("added", added), ("removed", removed)) if ms]
            if parts:
                lines.append("; ".join(parts))
            for o, m in matched:
                if o.get("amount") != m.get("amount"):
                    alone = not added and not removed and len(matched) == 1
                    if not (alone and m.get("frequency") in totals):
                        lines.append(f"{what(m)}, {money(o.get('amount'))} → {money(m.get('amount'))}")
                flag = entry_props.get("commercially_confidential", {}).get("title", "commercially confidential")
                if bool(o.get("commercially_confidential")) != bool(m.get("commercially_confidential")):
                    lines.append(f"{what(m)}, {flag.lower()}: "
                                 f"{'Yes' if o.get('commercially_confidential') else 'No'} → "
                                 f"{'Yes' if m.get('commercially_confidential') else 'No'}")
        for line in lines:
            self._say(title, line)
        if bool(old.data.get("money_withheld")) != bool(new.data.get("money_withheld")):
            self._say(title, "an amount is now withheld as commercially confidential" if new.data.get("money_withheld")
                      else "no amount is withheld any more")

    def _body(self, old: Record, new: Record) -> None:
        """The narrative, by section: which headings' text was added, removed or updated."""
        before, after = _sections(old), _sections(new)
        if before == after:
            return
        parts = []
        for heading in dict.fromkeys([*after, *before]):
            name = "the opening text" if heading[0] == "" else _quote(heading[0])
            if self.hide.hides(heading[0]):
                return self._say([BODY_TITLE], "changed")
            if heading not in before:
                parts.append(f"{name} added")
            elif heading not in after:
                parts.append(f"{name} removed")
            elif before[heading] != after[heading]:
                parts.append(f"{name} updated")
        if parts:
            self._say([BODY_TITLE], "; ".join(parts))


def _sections(record: Record) -> dict:
    """{(heading, n): text} of the narrative as the record page shows it (no HTML comments)."""
    text = _COMMENT.sub("", body_markdown(record))
    out, current, seen = {}, ("", 1), Counter()
    lines: list[str] = []
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m:
            if lines or current[0]:
                out[current] = " ".join(" ".join(lines).split())
            seen[m.group(2)] += 1
            current, lines = (m.group(2), seen[m.group(2)]), []
        else:
            lines.append(line)
    if lines and (current[0] or " ".join(lines).strip()):
        out[current] = " ".join(" ".join(lines).split())
    return out
