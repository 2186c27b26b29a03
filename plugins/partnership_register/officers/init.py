"""`partnerships init DIR`: a new council's register, in a repository of its own.

The files are templates in `data/init/` (a name ending `.jinja` is rendered, any other is
copied as it is; `dot-x` is written as `.x`, since a wheel's data globs skip hidden files).
The council's records and settings then live apart from this package's code, which they
name by an exact version in requirements.txt: upgrading is a version bump, not a merge.
Nothing is ever overwritten: if any file init would write is there already, it writes none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import __version__

TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "init"
DIST = "partnership-register"
ALSO_PINNED = ("mkdocs", "mkdocs-material")  # named in requirements.txt with this package's own ranges
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InitError(ValueError):
    """What the council gave cannot make a register: the message says which and why."""


@dataclass(frozen=True)
class Council:
    """What a new register needs to know; everything else takes the plugin's defaults."""

    council_name: str
    accessibility_contact: str
    site_url: str | None = None
    repository_url: str | None = None


def checked(council: Council) -> Council:
    """The answers tidied (a site URL ends in /), or an InitError naming the first that cannot be used."""
    name = council.council_name.strip()
    if not name or any(ch in name for ch in "\r\n\t") or not name.isprintable():
        raise InitError("the council's name must be one line of text")
    contact = council.accessibility_contact.strip()
    if not EMAIL.match(contact):
        raise InitError(f"the accessibility contact must be an email address, got {contact!r}")
    site_url = _web_address(council.site_url, "site URL")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return Council(name, contact, site_url, _web_address(council.repository_url, "repository URL"))


def _web_address(value: str | None, what: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not value.isprintable() or " " in value:
        raise InitError(f"the {what} must be a web address starting https://, got {value!r}")
    return value


def files(council: Council) -> dict[str, str]:
    """Every file of the new register, {path relative to DIR: text}, rendered for `council`."""
    council = checked(council)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined, autoescape=False,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar
    context = {**vars(council), "version": __version__, "project_url": project_url(),
               "also_pinned": pinned_alongside()}
    out = {}
    for template in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        rel = template.relative_to(TEMPLATES).as_posix()
        target = "/".join("." + part[4:] if part.startswith("dot-") else part for part in rel.split("/"))
        if target.endswith(".jinja"):
            out[target[: -len(".jinja")]] = env.get_template(rel).render(context)
        else:
            out[target] = template.read_text(encoding="utf-8")
    return out


def in_the_way(directory: Path, planned: dict[str, str]) -> list[str]:
    """The files init would write that are there already (each would be a council's file overwritten),
    or whose folder is a file."""
    def taken(rel: str) -> bool:
        path = directory / rel
        folders = [directory / p for p in Path(rel).parents if p != Path(".")]
        return path.exists() or path.is_symlink() or any(f.exists() and not f.is_dir() for f in folders)

    return [rel for rel in planned if taken(rel)]


def write(directory: Path, planned: dict[str, str]) -> list[str]:
    """Write every planned file, or none if any is in the way (InitError naming them)."""
    taken = in_the_way(directory, planned)
    if taken:
        raise InitError(f"{directory} already has {', '.join(taken)}; nothing was written. "
                        "Run init in a new folder, or move those files away first")
    for rel, text in planned.items():
        path = directory / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:  # e.g. no permission; what was written is listed, nothing was overwritten
            done = list(planned)[: list(planned).index(rel)]
            raise InitError(f"cannot write {path}: {exc.strerror or exc}"
                            + (f" (written before it: {', '.join(done)})" if done else "")) from exc
    return list(planned)


def project_url() -> str:
    """This package's repository (its pre-commit hook lives there): pyproject.toml's Source URL."""
    try:
        urls = metadata.metadata(DIST).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    if "Source" not in found:
        raise InitError(f"the installed {DIST} names no Source URL; reinstall it")
    return found["Source"]


def pinned_alongside() -> list[str]:
    """mkdocs and mkdocs-material with the ranges this package asks for, so requirements.txt shows them."""
    try:
        requires = metadata.requires(DIST) or []
    except metadata.PackageNotFoundError:
        return []
    out = []
    for requirement in requires:
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        if name in ALSO_PINNED and ";" not in requirement:
            out.append(requirement)
    return out


EXAMPLE = "example-partnership.md"  # the record data/init/records/ holds


def example_left(records_folder: Path) -> Path | None:
    """The example record init wrote, if it is still in `records_folder` unchanged in its id."""
    path = Path(records_folder) / EXAMPLE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    shipped = (TEMPLATES / "records" / EXAMPLE).read_text(encoding="utf-8")
    same_id = next((line for line in shipped.splitlines() if line.startswith("id:")), None)
    return path if same_id and same_id in text.splitlines() else None
