"""Strict YAML for records: YAML 1.2 core scalars, no duplicate keys, and a position for every value.

PyYAML follows YAML 1.1, where `no` is a boolean and `2025-02-30` is a timestamp it
may reject with a traceback. Officers must get exactly what they typed, or a clear
error, so scalars resolve by the YAML 1.2 core schema (dates stay text until the
schema checks them), and the node tree is turned into Python here, remembering
where each key and item sits in the file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import yaml

Path = tuple  # a field path: str keys and int indices


class _CoreResolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema: true/false only, no timestamps, no sexagesimal numbers."""


_CoreResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]:
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, _CoreResolver):
    """Composes nodes only; construction is ours (`_Builder`)."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


@dataclass
class YamlIssue:
    """A problem found while reading YAML; line and column are 1-based within the file.

    `detail` quotes the value (see `problems.Problem`): shown only where the field may be.
    """

    line: int
    column: int
    field: str
    message: str
    kind: str
    hint: str = ""
    detail: str = ""


# PyYAML's words for common slips, and what an officer should do about each.
_PLAIN_WORDS = (
    ("found character '\\t'", "a tab character is used for indenting; YAML needs spaces",
     "replace the tab with spaces, lined up with the lines above"),
    ("mapping values are not allowed here", "a colon is where YAML does not expect one",
     "check this line is indented like the lines around it, or put a value containing ': ' in quotes"),
    ("expected <block end>", "this line is not indented like the lines around it",
     "line it up with the other fields at the same level (use spaces)"),
    ("could not find expected ':'", "a line has no colon after its field name, or a quote is not closed",
     "write each field as `name: value`, and close every quote you open"),
    ("while scanning a quoted scalar", "a quoted value is not closed", "add the closing quote mark"),
    ("while parsing a flow sequence", "a list in square brackets is not closed", "add the closing ]"),
    ("while parsing a flow mapping", "a group in curly brackets is not closed", "add the closing }"),
    ("found undefined alias", "a YAML alias (*name) refers to an anchor that does not exist",
     "remove the *name or write the value out in full"),
    ("while scanning an alias", "an asterisk starts this value, which YAML reads as an alias",
     "put the value in quotes"),
    ("while scanning an anchor", "an ampersand starts this value, which YAML reads as an anchor",
     "put the value in quotes"),
    ("found character '@'", "a value cannot start with @ unless it is in quotes", "put the value in quotes"),
    ("found character '`'", "a value cannot start with ` unless it is in quotes", "put the value in quotes"),
)


_QUOTED = re.compile(r"'(?!\\)[^']{3,}'")  # an alias, anchor or tag name YAML quotes back: typed text


def _plain(problem: str) -> tuple[str, str]:
    """A plain-English message and hint for a PyYAML syntax error, keeping YAML's own words.

    Where YAML quotes back a name the officer typed (`*07700900123` is an alias to YAML), the
    name is left out: a message never repeats what the record says.
    """
    problem = _QUOTED.sub("'…'", problem)
    for words, message, hint in _PLAIN_WORDS:
        if words in problem:
            return f"YAML syntax error: {message} (YAML says: {problem})", hint
    return f"YAML syntax error: {problem}", ""


@dataclass
class Positions:
    """Where each field path sits in the file (1-based line, column)."""

    table: dict = field(default_factory=dict)
    default: tuple = (1, 1)

    def of(self, path) -> tuple[int, int]:
        """The position of a path, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.table:
                return self.table[path]
            path = path[:-1]
        return self.table.get((), self.default)

    def only(self, paths) -> "Positions":
        """Just the positions of `paths` (and of the whole document): `of` answers as before for each."""
        table = self.table
        kept = {path: table[path] for path in paths if path in table}
        if () in table:
            kept[()] = table[()]
        return Positions(kept, self.default)


def field_name(path) -> str:
    """`risks[0].likelihood` from ('risks', 0, 'likelihood')."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_SCALAR_TYPES = {
    "tag:yaml.org,2002:null": lambda v: None,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:int": lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    "tag:yaml.org,2002:float": lambda v: float(v.replace(".inf", "inf").replace(".Inf", "inf")
                                              .replace(".INF", "inf").replace(".nan", "nan")
                                              .replace(".NaN", "nan").replace(".NAN", "nan")),
    "tag:yaml.org,2002:str": lambda v: v,
}

MAX_DEPTH = 50
INTERN_UP_TO = 40  # characters: field names and short values recur across records, long text rarely does
MAX_NODES = 200_000  # guards against alias "billion laughs" expansion
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

# --- What every value must be, whatever field it is in --------------------------------------
# Every page, download and feed must be able to carry every value: XML (HTML, SVG, Atom, XLSX)
# has no place for most control characters or U+FFFE/U+FFFF, a half character (from a "\ud800"
# escape) cannot even be written out as UTF-8, and a number that is not finite, or so large that
# sums and conversions overflow, breaks JSON, the spreadsheet and the sums on every page. So
# they are refused here, for every field there is or will be, with the field's position.

MAX_MAGNITUDE = 1e15
"""No number in a record may be larger than this (a thousand million million): far above any
council amount, small enough that sums over 100,000 records stay exact enough and finite."""

FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xfffe)}{chr(plane * 0x10000 + 0xffff)}" for plane in range(17)) + "]")
"""Control characters other than tab, line feed and carriage return (which every format escapes
or keeps), half characters (lone surrogates) and the
Unicode noncharacters (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF in every plane)."""


def describe_character(char: str) -> str:
    """'the control character U+0007', as an officer is told which character to delete."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"half of a character (U+{code:04X}, from a \\u escape)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"the control character U+{code:04X}"
    return f"the noncharacter U+{code:04X}"


CHARACTER_HINT = "delete it: it usually comes with text pasted from another program"


def character_problem(text: str) -> tuple[int, str] | None:
    """(index, words) for the first character no output can carry ('the control character U+0007'), or None."""
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is None:
        return None
    others = len(FORBIDDEN_CHARACTERS.findall(text)) - 1
    return found.start(), describe_character(found.group()) + (f" (and {others} more)" if others else "")


def number_problem(value) -> tuple[str, str] | None:
    """(message, hint) saying why a number cannot be used (not finite, or too large), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and value != value:
        return "is .nan, which is not a number", "write a number, or leave the field out"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "is infinite, or too large to hold", "write a number, or leave the field out"
    if abs(value) > MAX_MAGNITUDE:
        return ("is too large: a number in a record can be at most 1,000,000,000,000,000",
                "put it in quotes if it is meant as text")
    return None


class _Builder:
    def __init__(self, line_offset: int, text: str):
        self.offset = line_offset
        # A value can hold a character no output carries only if the text does, or writes one
        # as a backslash escape; a node can be reached twice (and so loop) only through an alias.
        # Most records have neither, and then the per-value scans are skipped.
        self.scan_characters = "\\" in text or FORBIDDEN_CHARACTERS.search(text) is not None
        self.aliases = "*" in text
        self.positions = Positions()
        self.issues: list[YamlIssue] = []
        self._active: set[int] = set()
        self._count = 0
        self.overflow_path: tuple = ()

    def where(self, node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def issue(self, node, path, message, kind, detail="", hint=""):
        line, col = self.where(node)
        self.issues.append(YamlIssue(line, col, field_name(path), message, kind, hint, detail))

    def build(self, node, path=()):
        self._count += 1
        if self._count > MAX_NODES:
            self.overflow_path = path
            raise RecursionError
        if len(path) > MAX_DEPTH:
            self.issue(node, path, "is nested too deeply", "yaml-syntax")
            return None
        if not self.aliases:
            return self._node(node, path)
        if id(node) in self._active:
            self.issue(node, path, "refers to itself through a YAML alias", "yaml-syntax")
            return None
        self._active.add(id(node))
        try:
            return self._node(node, path)
        finally:
            self._active.discard(id(node))

    def _node(self, node, path):
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            self.issue(node, path, f"uses the YAML tag {node.tag!r}, which records do not allow; "
                       "write the value without it", "yaml-syntax")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            out = []
            for index, item in enumerate(node.value):
                self.positions.table.setdefault(path + (index,), self.where(item))
                out.append(self.build(item, path + (index,)))
            return out
        return self._scalar(node, path)

    def _mapping(self, node, path):
        out: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue(key_node, path, "a field name must be plain text", "yaml-syntax")
                continue
            key = self._scalar(key_node, path)
            key = key if isinstance(key, str) else str(key)
            if key in out or key in first_seen:
                line, _ = first_seen.get(key, (0, 0))
                self.issue(key_node, path + (key,),
                           f"is given more than once (first on line {line}); only one value can be kept, "
                           "so delete or merge the duplicate", "duplicate-key")
                continue
            first_seen[key] = self.where(key_node)
            self.positions.table.setdefault(path + (key,), self.where(key_node))
            out[key] = self.build(value_node, path + (key,))
        return out

    def _scalar(self, node, path):
        value = node.value
        bad = character_problem(value) if self.scan_characters else None
        if bad is not None:
            self.issue(node, path, f"contains {bad[1]} at character {bad[0] + 1}, which cannot be published",
                       "bad-character", hint=CHARACTER_HINT)
            value = FORBIDDEN_CHARACTERS.sub("\ufffd", value)  # never carried further, even in a message
        convert = _SCALAR_TYPES.get(node.tag)
        if convert is None:
            self.issue(node, path, f"uses the YAML tag {node.tag!r}, which records do not allow; "
                       "write the value as plain text", "yaml-syntax")
            return value
        try:
            out = convert(value)
        except ValueError:
            self.issue(node, path, f"is not a valid {node.tag.rsplit(':', 1)[-1]}", "wrong-type",
                       detail=f"got {value!r}")
            return value
        why = number_problem(out)
        if why is not None:
            self.issue(node, path, why[0], "out-of-range", hint=why[1])
        if type(out) is str and len(out) <= INTERN_UP_TO:
            return sys.intern(out)  # field names, statuses, dates, names that recur: one copy in the register
        return out


try:
    _CParser = yaml.cyaml.CParser  # libyaml: same nodes and marks, ten times faster
except AttributeError:  # PyYAML built without libyaml
    _CParser = None


class _FastLoader(*((_CParser, _CoreResolver) if _CParser else (object,))):
    def __init__(self, stream):
        _CParser.__init__(self, stream)
        _CoreResolver.__init__(self)


# `- - - - x` or `? ? ? x` nests a level every two characters: keep that off libyaml too.
_COMPACT_NESTING = re.compile(r"(?:[-?:][ \t]+){16}")


def _fast_node(text: str):
    """The node tree via libyaml, or None to take the pure-Python path (which words every error).

    Deep flow nesting (`[[[[…`) would overflow libyaml's recursive composer and crash the
    process, so text with many brackets always takes the pure-Python path.
    """
    if (_CParser is None or text.count("[") + text.count("{") > 200 or len(text) > 500_000
            or _COMPACT_NESTING.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text)):
        return None
    try:
        loader = _FastLoader(text)
        try:
            return loader.get_single_node() or False
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any problem: re-read slowly for the exact message
        return None


def parse(text: str, line_offset: int = 0):
    """Parse one YAML document strictly.

    Returns (data, positions, issues). `line_offset` is the number of file lines
    before `text` starts, so positions are file positions.
    """
    loader = None
    fast = _fast_node(text)
    try:
        if fast is not None:
            node = fast or None
        else:
            loader = _Loader(text)
            node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return None, Positions(), [YamlIssue(line, col, "", f"contains {describe_character(chr(char))}, "
                                             "which YAML does not allow; delete it", "yaml-syntax")]
    except RecursionError:
        return None, Positions(), [YamlIssue(1 + line_offset, 1, "", "is nested too deeply (too many brackets "
                                             "or indents inside each other)", "yaml-syntax")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        message, hint = _plain(problem)
        return None, Positions(), [YamlIssue(line, col, "", message, "yaml-syntax", hint)]
    except yaml.YAMLError as exc:
        return None, Positions(), [YamlIssue(1 + line_offset, 1, "", f"YAML error: {exc}", "yaml-syntax")]
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, Positions(default=(1 + line_offset, 1)), []
    builder = _Builder(line_offset, text)
    builder.positions.default = builder.where(node)
    builder.positions.table[()] = builder.where(node)
    try:
        data = builder.build(node)
    except RecursionError:
        top = builder.overflow_path[:1]
        line, col = builder.positions.of(top)
        return None, builder.positions, [YamlIssue(line, col, field_name(top), "is nested too deeply or expands "
                                                   "too many YAML aliases", "yaml-syntax")]
    return data, builder.positions, builder.issues
