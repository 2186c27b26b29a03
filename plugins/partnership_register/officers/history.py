"""When each record last changed, the register's recent changes, and an Atom feed of them.

Read from git with one `git log` over the records folder, however many records there are.
Without git (not a repository, git not installed, a broken repository) every function returns
an empty result and `history_available()` is False, so the site can say so; nothing here
raises, and nothing imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ATOM = "http://www.w3.org/2005/Atom"
_RS, _US = "\x1e", "\x1f"  # record and unit separators: never in a commit header
_FORMAT = f"--format={_RS}%H{_US}%cI{_US}%an{_US}%s"
_IGNORED = {"readme.md", "index.md"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class LastChange:
    """The latest commit that touched one file."""

    date: dt.datetime  # committer date, timezone-aware
    commit: str
    author: str
    message: str  # the subject line


@dataclass(frozen=True)
class Change:
    """One record file changed by one commit."""

    date: dt.datetime  # committer date, timezone-aware
    commit: str
    message: str  # the subject line
    path: str  # relative to the repository root, with forward slashes
    record_id: str  # the file name without .md (records are named after their id)
    action: str = "changed"  # added | changed | deleted (a renamed file: deleted, then added)
    author: str = ""


def _git(repo_root, *args: str) -> str | None:
    """git's output, or None when git is missing or fails."""
    if not shutil.which("git"):
        return None
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args],
                              cwd=str(repo_root), capture_output=True, env=env, timeout=120)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def _toplevel(repo_root) -> Path | None:
    out = _git(repo_root, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve() if out and out.strip() else None


def history_available(repo_root=".") -> bool:
    """True when `repo_root` is inside a git work tree and git can be run."""
    try:
        return _toplevel(repo_root) is not None
    except OSError:
        return False


def is_shallow(repo_root=".") -> bool:
    """True for a shallow clone, whose dates are those of the clone, not of the real changes."""
    out = _git(repo_root, "rev-parse", "--is-shallow-repository")
    return bool(out) and out.strip() == "true"


def _relative(path, top: Path, repo_root) -> str | None:
    p = Path(path)
    if not p.is_absolute():
        p = Path(repo_root) / p
    try:
        return p.resolve().relative_to(top).as_posix()
    except (ValueError, OSError):
        return None


def _date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _commits(output: str):
    """(commit, date, author, subject, file lines) for each commit in `git log` output."""
    for chunk in output.split(_RS):
        if not chunk.strip():
            continue
        header, _, files = chunk.partition("\n")
        fields = header.split(_US)
        if len(fields) != 4:
            continue
        commit, date, author, subject = fields
        when = _date(date)
        if when is None:
            continue
        yield commit, when, author, subject, [line for line in files.split("\n") if line.strip()]


def record_history(repo_root, paths) -> dict[str, LastChange]:
    """The last change of each file in `paths`, from a single `git log` call.

    Keys are the paths exactly as given. Files git has never seen are left out. Paths may be
    absolute or relative to `repo_root`.
    """
    top = _toplevel(repo_root)
    if top is None:
        return {}
    wanted: dict[str, list[str]] = {}
    for given in paths:
        rel = _relative(given, top, repo_root)
        if rel:
            wanted.setdefault(rel, []).append(str(given))
    if not wanted:
        return {}
    folders = sorted({str(PurePosixPath(rel).parent) for rel in wanted})
    specs = [f":(literal){f}" if f != "." else "." for f in folders]
    output = _git(top, "log", "--no-color", "--no-renames", _FORMAT, "--name-only", "--", *specs)
    if output is None:
        return {}
    found: dict[str, LastChange] = {}
    for commit, when, author, subject, files in _commits(output):
        for rel in files:
            if rel in wanted and rel not in found:
                found[rel] = LastChange(when, commit, author, subject)
        if len(found) == len(wanted):
            break
    return {given: change for rel, change in found.items() for given in wanted[rel]}


def recent_changes(repo_root, folder="records", limit: int = 30) -> list[Change]:
    """The latest `limit` changes to record files under `folder`, newest first."""
    if limit <= 0:
        return []
    top = _toplevel(repo_root)
    if top is None:
        return []
    rel = _relative(folder, top, repo_root)
    if rel is None:
        return []
    base = "" if rel == "." else rel.rstrip("/") + "/"
    output = _git(top, "log", "--no-color", "--no-renames", _FORMAT, "--name-status", f"--max-count={limit}", "--",
                  f":(top,glob){base}**/*.md")
    if output is None:
        return []
    actions = {"A": "added", "D": "deleted"}  # anything else (M, T) is a change
    out: list[Change] = []
    for commit, when, author, subject, lines in _commits(output):
        entries = []
        for line in lines:
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            path = parts[-1]
            if not path.startswith(base) or PurePosixPath(path).name.lower() in _IGNORED:
                continue
            entries.append(Change(when, commit, subject, path, PurePosixPath(path).stem,
                                  actions.get(parts[0][:1], "changed"), author))
        out.extend(sorted(entries, key=lambda c: c.path))
    return out[:limit]


def _rfc3339(value) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    raise TypeError(f"not a date: {value!r}")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def atom_feed(changes, site_url: str, title: str, updated=None, *, link_pattern: str = "{record_id}/",
              feed_path: str = "changes.xml", names: dict | None = None,
              licence: tuple[str, str] | None = None) -> str:
    """An Atom 1.0 feed of `changes` (newest first), the same text for the same input.

    `updated` is the feed's date; by default the latest change's date (or 1970-01-01 when there
    are no changes, so an empty feed is still reproducible). `link_pattern` turns a change into
    its page address relative to `site_url`; `names` maps record ids to partnership names for
    entry titles; `licence` (name, url) is stated as the feed's rights and its license link (RFC 4946).
    """
    ET.register_namespace("", ATOM)
    base = site_url.rstrip("/") + "/"
    changes = list(changes)
    names = names or {}
    if updated is None:
        updated = max((c.date for c in changes), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _clean(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", base)
    sub(feed, "link", href=base, rel="alternate", type="text/html")
    sub(feed, "link", href=base + feed_path.lstrip("/"), rel="self", type="application/atom+xml")
    sub(feed, "updated", _rfc3339(updated))
    if licence:
        sub(feed, "rights", f"{licence[0]}: {licence[1]}")
        sub(feed, "link", href=licence[1], rel="license", title=licence[0])
    author = sub(feed, "author")
    sub(author, "name", title)
    for change in changes:
        entry = sub(feed, "entry")
        name = names.get(change.record_id, change.record_id)
        sub(entry, "title", f"{name}: {change.message}" if change.message else name)
        sub(entry, "id", f"{base}{link_pattern.format(record_id=change.record_id)}#{change.commit}")
        page = base if change.action == "deleted" else base + link_pattern.format(record_id=change.record_id)
        sub(entry, "link", href=page, rel="alternate", type="text/html")
        sub(entry, "updated", _rfc3339(change.date))
        sub(entry, "summary", f"{change.action.capitalize()} {change.path} in commit {change.commit[:12]}: "
                              f"{change.message}")
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
