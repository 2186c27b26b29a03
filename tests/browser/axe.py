"""Helpers for browser-based accessibility tests (Playwright + axe-core).

This module holds no tests. It provides:

* :func:`serve_directory` - serve a built static site over HTTP on 127.0.0.1;
* :func:`launch_chromium` - start the system Chromium with the arguments this
  project needs (headless, no sandbox, no background network traffic);
* :func:`axe_js_path` - locate ``axe.min.js`` (installed by ``npm ci``);
* :func:`run_axe` - inject axe-core into a Playwright (sync API) page and run
  the WCAG 2.x A/AA rules, returning the violations as plain dicts;
* :func:`format_violations` - render violations for assertion messages.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

#: Repository root (``tests/browser/axe.py`` -> ``<repo>``).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: axe-core tags checked by default: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: Default Chromium binary (Debian package ``chromium``); override with $CHROMIUM_EXECUTABLE.
DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# Limits that keep assertion messages readable.
MAX_NODES_PER_VIOLATION = 10
MAX_HTML_CHARS = 300
MAX_SUMMARY_CHARS = 500


# --------------------------------------------------------------------------
# Static file server
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Browsers routinely drop connections (aborted prefetches, closed
        # pages); those tracebacks are noise in test output.
        pass


@contextlib.contextmanager
def serve_directory(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 using a free port.

    Yields the base URL, always ending in ``/`` (e.g. ``http://127.0.0.1:41234/``).
    The server runs in a background thread and is shut down on exit.
    """
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"serve_directory: {root} is not a directory (was the site built?)")

    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.1},
        name=f"serve_directory:{port}",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------


def chromium_executable() -> str:
    """Path of the Chromium binary; raises a clear error if it is missing."""
    exe = os.environ.get("CHROMIUM_EXECUTABLE") or DEFAULT_CHROMIUM
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        raise RuntimeError(
            f"Chromium not found at {exe!r}. Browser tests need the system Chromium: "
            "install it with `apt-get install chromium` (CI does this in .ci/run), "
            "or point $CHROMIUM_EXECUTABLE at a Chromium binary. "
            "Do not use `playwright install`."
        )
    return exe


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    """Launch the system Chromium via a Playwright (sync API) instance.

    ``playwright`` is the object yielded by ``sync_playwright()``. Extra keyword
    arguments are passed to ``playwright.chromium.launch``; ``args`` given there
    are appended to the defaults.
    """
    extra_args = list(kwargs.pop("args", []))
    kwargs.setdefault("headless", True)
    return playwright.chromium.launch(
        executable_path=chromium_executable(),
        args=[*CHROMIUM_ARGS, *extra_args],
        **kwargs,
    )


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


def axe_js_path() -> Path:
    """Locate ``axe.min.js``.

    Uses ``$AXE_CORE_JS`` if set, else ``<repo>/node_modules/axe-core/axe.min.js``.
    """
    env = os.environ.get("AXE_CORE_JS")
    if env:
        path = Path(env)
        if not path.is_file():
            raise FileNotFoundError(f"AXE_CORE_JS is set to {env!r}, but that file does not exist.")
        return path

    path = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"axe-core not found at {path}. Run `npm ci` in {REPO_ROOT} "
            "(or `make test`, which does it) to install it, "
            "or set $AXE_CORE_JS to the path of axe.min.js."
        )
    return path


@functools.lru_cache(maxsize=4)
def _axe_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _truncate(text: str | None, limit: int) -> str:
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


_RUN_AXE_JS = """
async ([context, options]) => {
  const results = await window.axe.run(context ?? document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    tags: v.tags,
    nodes: v.nodes.map((n) => ({
      target: n.target,
      html: n.html,
      failureSummary: n.failureSummary,
    })),
  }));
}
"""


def run_axe(
    page: Any,
    *,
    tags: Sequence[str] = WCAG_TAGS,
    context: Any = None,
    disable_rules: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Run axe-core on the page's current document; return the violations.

    ``page`` is a Playwright sync-API ``Page`` that has already loaded the
    document. ``context`` is an optional axe context (selector string or
    ``{"include": [...], "exclude": [...]}``); ``disable_rules`` lists rule ids
    to switch off.

    Each violation is a dict with ``id``, ``impact``, ``help``, ``helpUrl``,
    ``tags``, ``node_count`` and ``nodes`` (at most
    :data:`MAX_NODES_PER_VIOLATION`, each with ``target``, ``html`` and
    ``failureSummary``, HTML/summary truncated).
    """
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        path = axe_js_path()
        page.add_script_tag(content=_axe_source(str(path)))

    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}

    raw = page.evaluate(_RUN_AXE_JS, [context, options])

    violations: list[dict[str, Any]] = []
    for v in raw:
        nodes = v.get("nodes") or []
        violations.append(
            {
                "id": v["id"],
                "impact": v.get("impact"),
                "help": v.get("help", ""),
                "helpUrl": v.get("helpUrl", ""),
                "tags": v.get("tags", []),
                "node_count": len(nodes),
                "nodes": [
                    {
                        "target": n.get("target", []),
                        "html": _truncate(n.get("html"), MAX_HTML_CHARS),
                        "failureSummary": _truncate(n.get("failureSummary"), MAX_SUMMARY_CHARS),
                    }
                    for n in nodes[:MAX_NODES_PER_VIOLATION]
                ],
            }
        )
    return violations


def format_violations(violations: Sequence[dict[str, Any]], *, url: str | None = None) -> str:
    """Render violations from :func:`run_axe` as a readable multi-line string."""
    if not violations:
        return "no accessibility violations"

    header = f"{len(violations)} accessibility violation(s)"
    if url:
        header += f" on {url}"
    lines = [header + ":"]
    for v in violations:
        lines.append(f"- [{v.get('impact') or 'unknown'}] {v['id']}: {v.get('help', '')}")
        if v.get("helpUrl"):
            lines.append(f"    {v['helpUrl']}")
        nodes = v.get("nodes", [])
        for n in nodes:
            target = ", ".join(" ".join(t) if isinstance(t, list) else str(t) for t in n.get("target", []))
            lines.append(f"    * {target}")
            if n.get("html"):
                lines.append(f"        {n['html']}")
            summary = n.get("failureSummary")
            if summary:
                for s in summary.splitlines():
                    if s.strip():
                        lines.append(f"        | {s.strip()}")
        total = v.get("node_count", len(nodes))
        if total > len(nodes):
            lines.append(f"    ... and {total - len(nodes)} more element(s)")
    return "\n".join(lines)
