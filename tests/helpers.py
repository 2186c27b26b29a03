"""Helpers the tests share: the core's Settings and policy, made through the plugin's own config."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_settings(records, *, as_of="2026-11-23", council_name="Northshire District Council", mode="public",
                  policy: dict | None = None, root: Path = REPO, site: dict | None = None, **options):
    """The core's Settings for a folder of records, made the way mkdocs.yml's are (validated by the plugin's config)."""
    from partnership_register.mkdocs_plugin.settings import settings_from_options

    opts = {"records_dir": str(records), "as_of": str(as_of), "council_name": council_name, "build": mode,
            "history": False, **options}
    if policy is not None:
        opts["policy"] = policy
    return settings_from_options(opts, root=root, **(site or {}))


def make_policy(policy: dict | None = None, council_name: str = "Test Council"):
    """The council policy from a `policy:` mapping as it would stand in mkdocs.yml."""
    return make_settings(REPO / "records", council_name=council_name, policy=policy or {}).policy


def mkdocs_build(config_file) -> None:
    """`mkdocs build` in process. MkDocs keeps one instance of a plugin that has on_startup for the whole
    process, so on_startup is called as the command calls it (an earlier test may have started it as serve)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def import_cli(cwd: Path, *args) -> tuple[int, str]:
    """`partnerships import ARGS` run in `cwd`: (exit code, output); never a traceback."""
    import os

    from click.testing import CliRunner

    from partnership_register.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["import", *map(str, args)], prog_name="partnerships")
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)  # no traceback
    return result.exit_code, result.output
