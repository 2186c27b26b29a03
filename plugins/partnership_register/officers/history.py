"""The records' git history: when each record file last changed, and each version of every record file.

Only commit ids, committer dates, paths and file contents are read: never a commit message
or an author, so no text written about a change can reach a page. Without git (not a
repository, git not installed, a broken repository) every function returns an empty result
and `history_available()` is False, so the site can say so; nothing here raises, and nothing
imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..load.loader import IGNORED_NAMES

_RS, _US = "\x1e", "\x1f"  # record and unit separators: never in a commit id or date
_FORMAT = f"--format={_RS}%H{_US}%cI"
_NO_BLOB = "0" * 40
_FILE_MODES = {"100644", "100755"}  # a symlink (120000) or a submodule (160000) is not a record's text


@dataclass(frozen=True)
class LastChange:
    """The latest commit that touched one file."""

    date: dt.datetime  # committer date, timezone-aware
    commit: str


@dataclass(frozen=True)
class FileChange:
    """One record file as one commit changed it: the blob ids before and after (None: absent)."""

    path: str  # relative to the repository root, with forward slashes
    old: str | None
    new: str | None

    @property
    def stem(self) -> str:
        """The file name without .md: a valid record's id."""
        return PurePosixPath(self.path).stem


@dataclass(frozen=True)
class Commit:
    """One commit on the main line that changed record files."""

    commit: str
    date: dt.datetime  # committer date, timezone-aware
    files: tuple[FileChange, ...]


def _env() -> dict:
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _command(*args: str) -> list[str]:
    return ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]


def _git(repo_root, *args: str) -> str | None:
    """git's output, or None when git is missing or fails."""
    if not shutil.which("git"):
        return None
    try:
        done = subprocess.run(_command(*args), cwd=str(repo_root), capture_output=True, env=_env(), timeout=120)
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


def _header(line: str) -> tuple[str, dt.datetime] | None:
    fields = line.lstrip(_RS).split(_US)
    if len(fields) != 2 or len(fields[0]) != 40:
        return None
    when = _date(fields[1])
    return (fields[0], when) if when else None


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
    for chunk in output.split(_RS):
        head, _, files = chunk.partition("\n")
        parsed = _header(head)
        if parsed is None:
            continue
        for rel in files.split("\n"):
            if rel in wanted and rel not in found:
                found[rel] = LastChange(parsed[1], parsed[0])
        if len(found) == len(wanted):
            break
    return {given: change for rel, change in found.items() for given in wanted[rel]}


def _is_record_path(path: str, base: str) -> bool:
    """The files the loader reads: *.md under the folder, not README/index, nothing hidden or starting _."""
    if not path.startswith(base) or not path.endswith(".md"):
        return False
    parts = PurePosixPath(path[len(base):]).parts
    return parts[-1].lower() not in IGNORED_NAMES and not any(p.startswith((".", "_")) for p in parts)


def _file_change(line: str, base: str) -> FileChange | None:
    """A FileChange from one `--raw` line, `:100644 100644 <old> <new> M<TAB>path`; None for other files."""
    meta, tab, path = line.partition("\t")
    parts = meta.lstrip(":").split()
    if not tab or len(parts) != 5 or not _is_record_path(path, base):
        return None
    old_mode, new_mode, old, new, _status = parts
    old = old if old != _NO_BLOB and old_mode in _FILE_MODES else None
    new = new if new != _NO_BLOB and new_mode in _FILE_MODES else None
    return FileChange(path, old, new) if (old or new) and old != new else None


class RecordLog:
    """The versions of every record file, newest commit first, read lazily from two git processes.

    One `git log` lists the main line's commits (a merge counts as one change against the
    branch it was merged into, so a branch's own commits never appear) with each record file's
    blob before and after; one `git cat-file --batch` reads the blobs. Both stop as soon as
    the caller stops reading. Use as a context manager; without git, `commits()` is empty.
    """

    def __init__(self, repo_root, folder="records") -> None:
        self._root, self._folder = repo_root, folder
        self._log = self._cat = None
        self._top: Path | None = None
        self._base = ""

    def __enter__(self) -> "RecordLog":
        self._top = _toplevel(self._root) if shutil.which("git") else None
        rel = _relative(self._folder, self._top, self._root) if self._top else None
        if rel is None:
            self._top = None
        else:
            self._base = "" if rel == "." else rel.rstrip("/") + "/"
        return self

    def __exit__(self, *exc) -> None:
        for proc in (self._log, self._cat):
            if proc is not None:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                for stream in (proc.stdin, proc.stdout, proc.stderr):
                    if stream is not None:
                        stream.close()
        self._log = self._cat = None

    def _start(self, *args: str, stdin: bool = False):
        try:
            return subprocess.Popen(_command(*args), cwd=str(self._top), env=_env(), stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
        except (OSError, ValueError):
            return None

    def commits(self):
        """Each main-line commit that changed a record file, newest first."""
        if self._top is None:
            return
        self._log = self._start("log", "--no-color", "--no-renames", "--first-parent", "-m", "--raw", "--no-abbrev",
                                _FORMAT, "--", f":(top,glob){self._base}**/*.md")
        if self._log is None:
            return
        head, files = None, []
        for raw in self._log.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            if line.startswith(_RS):
                if head and files:
                    yield Commit(head[0], head[1], tuple(sorted(files, key=lambda f: f.path)))
                head, files = _header(line), []
            elif head and line.startswith(":") and (change := _file_change(line, self._base)):
                files.append(change)
        if head and files:
            yield Commit(head[0], head[1], tuple(sorted(files, key=lambda f: f.path)))

    def blob(self, blob_id: str) -> bytes | None:
        """The contents of one blob, or None when it cannot be read."""
        if self._top is None:
            return None
        if self._cat is None:
            self._cat = self._start("cat-file", "--batch", stdin=True)
        if self._cat is None or self._cat.poll() is not None:
            return None
        try:
            self._cat.stdin.write(blob_id.encode("ascii") + b"\n")
            self._cat.stdin.flush()
            header = self._cat.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                return None
            size = int(header[2])
            data = self._cat.stdout.read(size)
            self._cat.stdout.read(1)  # the newline after the contents
        except (OSError, ValueError, UnicodeEncodeError):
            return None
        return data if len(data) == size else None


def file_versions(repo_root, names: list[str]) -> dict[str, bytes | None]:
    """The contents of each `rev:path` object name (e.g. `<commit>^:records/x.md`), read by one
    `git cat-file --batch`; None for an object that does not exist (a file added by that commit)."""
    top = _toplevel(repo_root) if shutil.which("git") else None
    if top is None or not names:
        return {}
    try:
        proc = subprocess.Popen(_command("cat-file", "--batch"), cwd=str(top), env=_env(), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, ValueError):
        return {}
    out: dict[str, bytes | None] = {}
    try:
        for name in names:
            proc.stdin.write(name.encode("utf-8") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) == 3 and header[1] == b"blob":
                data = proc.stdout.read(int(header[2]))
                proc.stdout.read(1)
                out[name] = data
            else:
                out[name] = None
    except (OSError, ValueError):
        pass
    finally:
        proc.stdin.close()
        proc.kill()
        proc.wait()
        proc.stdout.close()
    return out


def change_before(repo_root, path: str, commit: str) -> LastChange | None:
    """The latest commit before `commit` that touched `path` (repository-relative), or None."""
    top = _toplevel(repo_root)
    output = _git(top, "log", "-1", "--no-color", "--no-renames", _FORMAT, f"{commit}^", "--", f":(literal){path}") \
        if top else None
    parsed = _header(output.strip().lstrip(_RS)) if output and output.strip() else None
    return LastChange(parsed[1], parsed[0]) if parsed else None


def repository_paths(repo_root, paths) -> dict[str, str]:
    """{path as given: path relative to the repository's top, with forward slashes} for paths inside it."""
    top = _toplevel(repo_root)
    if top is None:
        return {}
    return {str(p): rel for p in paths if (rel := _relative(p, top, repo_root))}
