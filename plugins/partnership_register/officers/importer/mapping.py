"""The mapping language: which column headings fill which fields, and which words mean which value.

The shipped mapping (data/import-mapping.yml) is extended, or replaced, by an officer's own
file given with --mapping. A heading written as a field's own path (`sponsoring_officer.name`,
`partners.name`, `reviews[0].summary`, `risks`) needs no mapping: the schema says how to read it.
Any other heading is matched by its words: exactly, by its start (a form's long instruction
after the field's name), or by containing all the words of a heading the mapping knows or of
a field's title in the schema ('Lead / Responsible Officer' holds 'responsible officer'), so a
council's own wording needs no mapping file. A few headings mean different things next to
others ('Name:' beside 'Name of Partnership:' is the person completing the form); entries say
so with `when:` and `next_to:`, and `resolve_columns` settles them for the whole heading row.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ...load.schema import iter_fields
from ...load.yamlsource import parse as parse_yaml
from .. import new as nr
from .values import content_words, norm, stem, words

DEFAULT_MAPPING = Path(__file__).resolve().parents[2] / "data" / "import-mapping.yml"

# How a column's values are read (`as:` in a mapping, or worked out from the field's type);
# convert.READERS has one reader for each.
LEAF_READERS = frozenset({"text", "enum", "date", "url", "number", "integer", "boolean", "text-list",
                          "enum-list"})
GROUP_LISTS = frozenset({"partners", "representatives", "money", "officer-time", "json-list"})
READER_NAMES = LEAF_READERS | GROUP_LISTS | {
    "positional", "indexed", "person", "document", "date-range", "find-values", "body", "classify", "council-role",
    "status", "resources", "in-kind", "meetings", "rating", "significance", "performance", "budget", "targets",
    "plans", "substitutes", "each", "flag", "note", "score", "describe"}
_GROUP_LIST_FIELDS = {"partners": "partners", "representatives": "representatives", "money": "money",
                      "officer_time": "officer-time"}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the line."""


@dataclass
class Column:
    """One mapping entry: the headings it matches and where their values go."""

    to: tuple[str, ...]
    how: str
    headings: tuple[str, ...] = ()
    section: str = ""
    kind: str = ""
    lead: bool = False
    index: int = -1  # for `partners[2].name`: the item (from 0) the column fills
    exact: bool = False  # headed as the register's own downloads head it (`legal_form`, `sponsoring_officer.name`)
    when: str = ""  # used only when another column of the sheet gives this field
    next_to: str = ""  # used only when one of the two columns before it gives this field
    also: tuple = ()  # ((field another column gives, field this column then fills too), ...)
    value: str = ""  # for `as: flag`, the value a yes adds; for `as: note`, what a yes means
    rank: float = 0.0  # how closely the heading matched (set by `candidates`)
    keys: tuple = ()  # each heading made ready for matching: (words, is a pattern, content words, weight)

    def __post_init__(self):
        if not self.keys:
            keys = []
            for h in self.headings:
                entry = frozenset(content_words(h))
                said = norm(h).split()
                # 'Registered by', 'Reports to': one word and its preposition match only as written
                if len(entry) == 1 and len(said) > 1:
                    entry = frozenset()
                keys.append((" ".join(said), "*" in h, entry, len(entry - _WEAK) + 0.5 * len(entry & _WEAK)))
            self.keys = tuple(keys)

    def describe(self) -> str:
        if self.how == "body":
            return f"the text, under '## {self.section}'"
        if self.how == "note":
            return "a note in the record (no field)"
        return ", ".join(self.to)

    def gives(self) -> set[str]:
        """The fields this column fills and the groups they are in: 'money.frequency' and 'money'."""
        out = set()
        for target in self.to:
            parts = target.replace("[]", "").split(".")
            out.update(".".join(parts[: n + 1]) for n in range(len(parts)))
        return out


@dataclass
class Mapping:
    own: list[Column]  # from --mapping: tried first
    default: list[Column]  # from the shipped mapping: tried after field paths
    values: dict[str, dict[str, str]]
    defaults: dict
    empty: set[str]
    council: set[str]
    sector_words: dict[str, list[str]]
    paths: dict[str, str]  # headings that are field paths, for the schema in use
    fallbacks: dict[str, str]  # the value an enumerated field gets when a cell's words name none
    titles: list[Column]  # a column for each field's title in the schema, matched after the mapping's own
    hints: tuple = ()  # the forms' own guidance printed where the answer goes, as patterns
    matched: dict = field(default_factory=dict)  # heading -> its candidates, worked out once

    def without_hints(self, text: str) -> str:
        """A cell without the form's printed guidance ('Insert hyperlink where possible') in front of the answer."""
        for hint in self.hints:
            m = hint.match(text)
            if m:
                text = text[m.end():].strip(" :;,.-–")
        return text

    def synonyms(self, field_path: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for pattern, found in self.values.items():
            if fnmatch.fnmatchcase(field_path, pattern):
                out.update(found)
        return out

    def is_empty(self, text: str) -> bool:
        found = norm(text)
        if not found:  # '-' or '—' is nothing; 'Партнерство здоровья' is a name in another script
            return not any(c.isalnum() for c in str(text))
        return found in self.empty

    def guess_sector(self, name: str) -> str | None:
        """A partner's sector from words in its name ('Northshire Police' → police-fire), or None."""
        found = f" {norm(name)} "
        for sector, terms in self.sector_words.items():
            if any(f" {norm(t)} " in found for t in terms):
                return sector
        return None


def _read_yaml_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise MappingError(f"{path}: is not UTF-8 text (byte 0x{exc.object[exc.start]:02X}); "
                           "save it with the encoding UTF-8") from exc
    data, _, issues = parse_yaml(text)
    if issues:
        i = issues[0]
        raise MappingError(f"{path}:{i.line}:{i.column}: {i.message}")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MappingError(f"{path}: a mapping file holds 'columns:', 'values:' and 'defaults:' sections")
    return data


def _columns(raw, path: Path, schema: dict) -> list[Column]:
    out = []
    for n, entry in enumerate(raw or [], 1):
        where = f"{path}: columns entry {n}"
        if not isinstance(entry, dict) or "to" not in entry or not entry.get("headings"):
            raise MappingError(f"{where}: each entry needs 'to:' and 'headings:'")
        to = entry["to"]
        to = tuple(canonical_path(str(t), schema) for t in (to if isinstance(to, list) else [to]))
        how = str(entry.get("as") or ("body" if to == ("body",) else reader_for(to[0], schema)))
        if how not in READER_NAMES:
            raise MappingError(f"{where}: cannot read values into {', '.join(to)}"
                               + (f" as {entry['as']!r}" if entry.get("as") else ""))
        if how == "body" and not entry.get("section"):
            raise MappingError(f"{where}: 'to: body' needs a 'section:' heading")
        headings = entry["headings"]
        headings = tuple(str(h) for h in (headings if isinstance(headings, list) else [headings]))
        also = entry.get("also") or {}
        if not isinstance(also, dict):
            raise MappingError(f"{where}: 'also:' maps a field another column gives to a field this one then fills")
        out.append(Column(to, how, headings, str(entry.get("section") or ""), str(entry.get("kind") or ""),
                          entry.get("lead") is True, when=canonical_path(str(entry.get("when") or ""), schema)
                          if entry.get("when") else "", next_to=str(entry.get("next_to") or ""),
                          also=tuple((str(k), canonical_path(str(v), schema)) for k, v in also.items()),
                          value=str(entry.get("value") or "")))
    return out


def load_mapping(path=None, schema: dict | None = None) -> Mapping:
    """The shipped mapping, extended (or replaced, with `replace: true`) by the file at `path`."""
    schema = schema or nr.load_schema()
    base = _read_yaml_file(DEFAULT_MAPPING)
    own = _read_yaml_file(Path(path)) if path else {}
    if own.get("replace") is True:
        base = {}
    values: dict[str, dict[str, str]] = {}
    for src in (base, own):
        for fieldpath, found in (src.get("values") or {}).items():
            bucket = values.setdefault(str(fieldpath), {})
            for word, value in (found or {}).items():
                bucket[words(word)] = str(value)
    defaults = {**(base.get("defaults") or {}), **(own.get("defaults") or {})}
    empty = {norm(e) for e in [*(base.get("empty") or []), *(own.get("empty") or [])]}
    council = {norm(c) for c in [*(base.get("council") or []), *(own.get("council") or [])]}
    sectors = dict(base.get("sector_words") or {})
    sectors.update(own.get("sector_words") or {})
    fallbacks = {str(k): str(v) for src in (base, own) for k, v in (src.get("fallbacks") or {}).items()}
    hints = tuple(re.compile(r"\W*" + r"\W+".join(map(re.escape, words(h).split())) + r"\b\W*", re.IGNORECASE)
                  for src in (base, own) for h in (src.get("hints") or []) if words(h))
    return Mapping(_columns(own.get("columns"), Path(path), schema) if path else [],
                   _columns(base.get("columns"), DEFAULT_MAPPING, schema),
                   values, defaults, empty, council, sectors, _field_paths(schema), fallbacks, _title_columns(schema),
                   hints)


@lru_cache(maxsize=1)
def default_mapping() -> Mapping:
    return load_mapping()


def canonical_path(path: str, schema: dict) -> str:
    """`partners[].name` for `partners.name`: '[]' after each list of groups the path goes through."""
    node, out = schema, []
    parts = path.replace("[]", "").split(".")
    for i, part in enumerate(parts):
        node = node.get("properties", {}).get(part, {})
        if node.get("type") == "array" and i < len(parts) - 1:
            node = node.get("items", {})
            part += "[]"
        out.append(part)
    return ".".join(out)


def reader_for(path: str, schema: dict) -> str:
    """How a value for the field at `path` is read, from the schema's type (or 'unsupported').

    A path through a list of groups (`partners[].name`) is read 'positional': the cell holds one
    value per item, separated by '; ', and the n-th values of such columns make the n-th item.
    """
    node = nr.subschema(schema, path)
    if not node or path.endswith("[]"):
        return "unsupported"
    if "[]" in path:
        return "positional" if path.count("[]") == 1 and node_reader(node, path) in LEAF_READERS else "unsupported"
    return node_reader(node, path)


def node_reader(node: dict, path: str) -> str:
    """How a value for a field of this schema node is read."""
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        if "state" in props:
            return "document"
        if "name" in props and "job_title" in props:
            return "person"
        return "unsupported"
    if kind == "array":
        items = node.get("items", {})
        if "enum" in items:
            return "enum-list"
        if items.get("type") == "string":
            return "text-list"
        return _GROUP_LIST_FIELDS.get(path, "json-list")
    if "enum" in node:
        return "enum"
    if node.get("format") == "date":
        return "date"
    if node.get("format") == "uri":
        return "url"
    return {"integer": "integer", "number": "number", "boolean": "boolean", "string": "text"}.get(kind, "unsupported")


def _field_paths(schema: dict) -> dict[str, str]:
    """Column headings that are field paths: `sponsoring_officer.name`, `partners.name`, 'start date'."""
    out: dict[str, str] = {}
    for info in iter_fields(schema):
        if reader_for(info.path, schema) == "unsupported":
            continue
        for variant in (info.path, info.path.replace("[]", "")):
            out.setdefault(variant.lower(), info.path)
            out.setdefault(norm(variant.replace("_", " ")), info.path)
    return out


def _title_columns(schema: dict) -> list[Column]:
    """A column for each field, headed by its title ('Risks to the council', 'Places the council fills').

    Fields inside a group are headed by the group's title and theirs ('Meetings and decisions
    Chair'); lists of groups without a reader of their own are left out.
    """
    out: list[Column] = []
    titles: dict[str, str] = {}
    for info in iter_fields(schema):
        parent = info.path.rsplit(".", 1)[0] if "." in info.path else ""
        titles[info.path] = info.title if not parent else f"{titles.get(parent, '')} {info.title}".strip()
        how = reader_for(info.path, schema)
        if how in ("unsupported", "json-list", "positional") or info.path in ("id",):
            continue
        out.append(Column((info.path,), how, (titles[info.path],)))
    return out


_INDEXED = re.compile(r"^([a-z_]+)(?:\[(\d+)\]|\.(\d+))\.([a-z_.]+)$")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WEAK = frozenset(map(stem, ("partnership", "council", "name", "detail", "information", "body", "organisation",
                              "group", "number", "date", "type")))  # words too common in headings to decide one alone


def _core(heading: str) -> str:
    """A heading without its instruction: no text in brackets, nothing after a first '(' or a '?'."""
    text = re.sub(r"\((s|es)\)", r"\1", heading)  # 'Representative(s)'
    text = _BRACKETS.sub(" ", text).split("(")[0].split("?")[0]
    return text


def _score(col: Column, key: str, core: str, head_words: set, core_words: set) -> float:
    """How closely a heading matches one of the entry's headings; 0 when it does not."""
    best = 0.0
    for nh, pattern, entry, strong in col.keys:
        if pattern:
            if fnmatch.fnmatchcase(key, nh) or fnmatch.fnmatchcase(core, nh):
                best = max(best, 90 + len(nh) / 100)
            continue
        if nh == key:
            return 100.0
        if nh == core:
            best = max(best, 95.0)
            continue
        if " " in nh and (key.startswith(nh + " ") or core.startswith(nh + " ")):
            best = max(best, 80 + len(nh.split()))
            continue
        if not entry:
            continue
        if len(entry) == 1 and (len(core_words) > 2 or (entry <= _WEAK and len(core_words) > 1)):
            continue  # one word ('Risks', 'Members') decides only a short heading; a common one only itself
        if entry <= core_words:
            best = max(best, 50 + 10 * strong - 0.5 * len(core_words - entry))
        elif entry <= head_words and len(entry) >= 2:
            best = max(best, 45 + 10 * strong - 0.5 * len(head_words - entry))
    return best


def candidates(heading: str, mapping: Mapping, schema: dict) -> list[Column]:
    """Every mapping entry a column heading could mean, the closest match first.

    The officer's own mapping comes first; then a heading written as a field path (with '_' or
    '.', or exactly as the register's downloads write it); then the shipped mapping and the
    schema's field titles, by how closely their words match. A heading that only equals a field's
    name in words ('Risks', 'Sub groups') goes where the mapping says, not to the field.
    """
    if heading not in mapping.matched:
        mapping.matched[heading] = _candidates(heading, mapping, schema)
    return list(mapping.matched[heading])


def _candidates(heading: str, mapping: Mapping, schema: dict) -> list[Column]:
    key = norm(heading)
    if not key:
        return []
    own = _best(mapping.own, heading, key, bonus=200)
    if own:
        return own
    m = _INDEXED.match(heading.strip())
    if m:
        path = canonical_path(f"{m.group(1)}.{m.group(4)}", schema)
        if reader_for(path, schema) == "positional":
            return [Column((path,), "indexed", (heading,), index=int(m.group(2) or m.group(3)), rank=150)]
    written = heading.strip()
    path = mapping.paths.get(written.lower())
    if path and (written == path.replace("[]", "") or "_" in written or "." in written):
        return [Column((path,), reader_for(path, schema), (heading,), exact=written == path.replace("[]", ""),
                       rank=150)]
    found = _best(mapping.default, heading, key) + _best(mapping.titles, heading, key, bonus=-20)
    path = mapping.paths.get(key)
    if path and reader_for(path, schema) not in ("json-list", *GROUP_LISTS):
        found.append(Column((path,), reader_for(path, schema), (heading,), rank=85))
    found.sort(key=lambda c: -c.rank)
    return found


def _best(columns: list[Column], heading: str, key: str, bonus: float = 0) -> list[Column]:
    core = " ".join(norm(_core(heading)).split())
    head_words, core_words = set(content_words(heading)), set(content_words(_core(heading)))
    out = []
    for col in columns:
        score = _score(col, key, core, head_words, core_words)
        if score:
            out.append(replace(col, rank=score + bonus))
    out.sort(key=lambda c: -c.rank)  # stable: among equals, the mapping's order
    return out


def match_heading(heading: str, mapping: Mapping, schema: dict) -> Column | None:
    """The mapping entry for a column heading on its own (no other column considered), or None."""
    for col in candidates(heading, mapping, schema):
        if not col.when and not col.next_to:
            return col
    return None


_YEAR = re.compile(r"(?<!\d)(19|20)(\d{2})(?!\d)")
_PREVIOUS = re.compile(r"\b(previous|prior|last year|before|old|was)\b", re.IGNORECASE)


def resolve_columns(headings: list[str], mapping: Mapping, schema: dict) -> list[tuple[int, str, Column | None]]:
    """The entry for every column of a heading row, each heading read beside the others.

    An entry with `when: field` is used only if another column gives that field (so 'Name:'
    means the person completing the form when 'Name of Partnership:' is there too); one with
    `next_to: field` only if one of the two columns before it gives that field ('Frequency'
    beside 'Council contribution' is the money's); `also:` adds a field when another column
    gives one. Of two assurance ratings, the one headed with the earlier year (or 'previous') is
    the previous rating.
    """
    options = [(i, h, candidates(h, mapping, schema)) for i, h in enumerate(headings) if norm(h)]
    chosen: dict[int, Column | None] = {i: next((c for c in cands if not c.when and not c.next_to), None)
                                        for i, h, cands in options}
    # a column that would give way to another for the same field does not make another give way
    yields = {i for i, h, cands in options if chosen[i] is not None
              and any(c.when and c.rank >= chosen[i].rank and c.when.replace("[]", "") in chosen[i].gives()
                      for c in cands)}
    base = dict(chosen)
    for i, h, cands in options * 2:  # twice: a choice may rest on another made after it
        for col in cands:
            if chosen[i] is not None and col.rank < chosen[i].rank:
                break
            if col.when and any(j != i and c is not None and col.when.replace("[]", "") in c.gives()
                                and not (j in yields and c is base[j]) for j, c in chosen.items()):
                chosen[i] = col
                break
            if col.next_to and any(c is not None and col.next_to in c.gives()
                                   for j, c in chosen.items() if i - 2 <= j < i):
                chosen[i] = col
                break
    for i, col in chosen.items():
        if col is not None and col.also:
            extra = tuple(target for given, target in col.also
                          if any(j != i and c is not None and given.replace("[]", "") in c.gives()
                                 for j, c in chosen.items()))
            if extra:
                chosen[i] = replace(col, to=col.to + extra)
    ratings = [i for i, c in chosen.items() if c is not None and c.to == ("assurance.rating",)]
    if len(ratings) > 1:
        def when(i):
            years = [int(a + b) for a, b in _YEAR.findall(headings[i])]
            return (0 if _PREVIOUS.search(headings[i]) else 1, max(years) if years else 9999)
        latest = max(ratings, key=when)
        for i in ratings:
            if i != latest:
                chosen[i] = replace(chosen[i], to=("assurance.previous_rating",))
    return [(i, h, chosen[i]) for i, h, _ in options]
