"""Benchmark: how much slower is building a register than building a plain MkDocs site of the same size?

For each size (default 500 and 2,000) this writes, in a temporary folder:

* a register: this repository's mkdocs.yml, docs/ and schema/, and N valid synthetic records
  made from a sample record (ids, names, statuses, types, directorates, money and dates varied);
* a plain site: mkdocs-material with the search plugin and N hand-written-style Markdown pages
  of about the same size as a record, whose nav lists only the index.

It then times `mkdocs build -q` of each (the venv's Python, a fresh process each time) for
several rounds, alternating which goes first, and reports the median register/plain ratio
per size and how the register's build time scales from the smallest to the largest size.

    .venv/bin/python bench/run.py [--sizes 500 2000] [--rounds 3] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "records" / "place" / "northshire-waste-joint-committee.md"
EPOCH = "1795435200"  # 2026-11-23 12:00 UTC
WORDS = ("Northshire Hartwell Castleford Eastmoor Wexcombe Fallowfield Riverside Greenway Market Valley Coastal "
         "Community Safety Health Housing Skills Energy Waste Transport Leisure Heritage Youth Carers Digital "
         "Climate Tourism Water Libraries Parks Arts Employment").split()
KINDS = ("Partnership", "Board", "Joint Committee", "Forum", "Alliance", "Trust", "Network", "Group")
TYPES = ("joint-committee", "strategic-partnership", "operational-partnership", "formal-forum", "pooled-budget",
         "joint-venture-company", "informal", "management-committee", "community-interest-company")
DIRECTORATES = ("Place", "People", "Corporate", "Chief Executive's", "Resources")
STATUSES = ("active",) * 7 + ("under-review", "exiting", "proposed", "closed")


def split_record(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def synthetic_records(folder: Path, n: int, seed: int = 2026) -> None:
    """N valid records: the sample with its identity, status, type, money and dates varied."""
    data, body = split_record(SAMPLE.read_text(encoding="utf-8"))
    for key in ("parent", "sub_groups", "replaced_by"):
        data.pop(key, None)
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        d = json.loads(json.dumps(data, default=str))
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {i + 1}"
        d["id"] = f"bench-{i + 1:05d}"
        d["name"] = name
        d["summary"] = f"{name} brings partners together on {rng.choice(WORDS).lower()} services for residents."
        d["type"] = rng.choice(TYPES)
        d["directorate"] = rng.choice(DIRECTORATES)
        d["status"] = rng.choice(STATUSES)
        start_year = rng.randint(2012, 2025)
        d["start_date"] = f"{start_year}-{rng.randint(1, 12):02d}-01"
        d["proposed_end_date"] = f"{start_year + rng.randint(3, 12)}-03-31"
        if d["status"] == "closed":
            d["closed_date"] = f"{start_year + 2}-03-31"
            d["end_reason"] = "funding-ceased"
        for m in d.get("money") or []:
            m["amount"] = rng.randint(0, 400) * 2500
        for r in d.get("risks") or []:
            r["likelihood"], r["impact"] = rng.randint(1, 4), rng.randint(1, 4)
        d["next_review"] = f"{rng.choice((2025, 2026, 2027))}-{rng.randint(1, 12):02d}-15"
        if rng.random() < 0.3:
            d.get("documents", {}).pop("exit_strategy", None)
        text = "---\n" + yaml.safe_dump(d, sort_keys=False, allow_unicode=True) + "---\n" + body
        (folder / f"{d['id']}.md").write_text(text, encoding="utf-8")


def register_site(root: Path, n: int) -> Path:
    site = root / f"register-{n}"
    site.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(REPO / "docs", site / "docs")
    shutil.copytree(REPO / "schema", site / "schema")
    synthetic_records(site / "records", n)
    return site


def _markdown_lines(value, depth: int = 0) -> list[str]:
    """Front-matter data written out as a person would: nested bullet lists of 'Label: value'."""
    pad = "    " * depth
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            label = str(key).replace("_", " ").capitalize()
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}- {label}:")
                lines += _markdown_lines(item, depth + 1)
            else:
                lines.append(f"{pad}- {label}: {item}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                sub = _markdown_lines(item, depth + 1)
                lines.append(f"{pad}- " + sub[0].lstrip()[2:] if sub else f"{pad}-")
                lines += sub[1:]
            else:
                lines.append(f"{pad}- {item}")
    return lines


def plain_page(i: int, record_text: str) -> str:
    """A hand-written page with the same information as a record: a heading per field, lists, a table, the body."""
    data, body = split_record(record_text)
    lines = [f"# {data['name']}", "", str(data.get("summary", "")), ""]
    lines += ["| Organisation | Sector | Identifier |", "|---|---|---|"]
    lines += [f"| {p['name']} | {p['sector']} | {p.get('org_id', '')} |" for p in data.get("partners") or []]
    lines.append("")
    for key, value in data.items():
        if key in ("name", "summary", "partners"):
            continue
        lines += [f"## {key.replace('_', ' ').capitalize()}", ""]
        lines += _markdown_lines(value) if isinstance(value, (dict, list)) else [str(value)]
        lines.append("")
    lines += [body, "", f"Page {i + 1}."]
    return "\n".join(lines) + "\n"


def plain_site(root: Path, n: int) -> Path:
    site = root / f"plain-{n}"
    (site / "docs" / "pages").mkdir(parents=True)
    config = {"site_name": "Plain site", "site_url": "https://example.org/", "theme": {"name": "material"},
              "plugins": ["search"], "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": False}}],
              "nav": [{"Home": "index.md"}], "not_in_nav": "/pages/"}
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (site / "docs" / "index.md").write_text("# Plain site\n\nA site of hand-written pages.\n", encoding="utf-8")
    records = sorted((root / f"register-{n}" / "records").glob("*.md"))
    for i, record in enumerate(records):
        (site / "docs" / "pages" / f"page-{i + 1:05d}.md").write_text(
            plain_page(i, record.read_text(encoding="utf-8")), encoding="utf-8")
    return site


def time_build(site: Path) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {site} failed:\n{result.stderr}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated sites (the folder is printed)")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="register-bench-"))
    results = {}
    try:
        sites = {}
        for n in args.sizes:
            sites[n] = (register_site(root, n), None)
            sites[n] = (sites[n][0], plain_site(root, n))
            reg_bytes = sum(p.stat().st_size for p in (sites[n][0] / "records").glob("*.md"))
            plain_bytes = sum(p.stat().st_size for p in (sites[n][1] / "docs" / "pages").glob("*.md"))
            print(f"{n} records: {reg_bytes / n / 1024:.1f} KiB a record, "
                  f"{plain_bytes / n / 1024:.1f} KiB a plain page", flush=True)
        for n in args.sizes:
            reg, plain = sites[n]
            times = {"register": [], "plain": []}
            for r in range(args.rounds):
                order = (("register", reg), ("plain", plain)) if r % 2 == 0 else (("plain", plain), ("register", reg))
                for kind, site in order:
                    times[kind].append(time_build(site))
                print(f"  {n}: round {r + 1}: register {times['register'][-1]:.2f}s, plain {times['plain'][-1]:.2f}s",
                      flush=True)
            med = {k: statistics.median(v) for k, v in times.items()}
            results[n] = {"register": med["register"], "plain": med["plain"], "ratio": med["register"] / med["plain"],
                          "rounds": times}
        print()
        print(f"{'records':>8} {'register (s)':>13} {'plain (s)':>10} {'ratio':>6}")
        for n, r in results.items():
            print(f"{n:>8} {r['register']:>13.2f} {r['plain']:>10.2f} {r['ratio']:>6.2f}")
        lo, hi = min(args.sizes), max(args.sizes)
        if lo != hi:
            scaling = results[hi]["register"] / results[lo]["register"]
            plain_scaling = results[hi]["plain"] / results[lo]["plain"]
            print(f"\nscaling {lo} -> {hi} records: register x{scaling:.2f}, plain x{plain_scaling:.2f} "
                  f"(size x{hi / lo:g})")
    finally:
        if args.keep:
            print(f"\nsites kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
