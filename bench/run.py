"""Benchmark: a register build against a plain MkDocs site of the same size, in time and peak memory.

For each size (default 500 and 2,000; add 10,000 with --with-10000) this writes, in a temporary folder:

* a register: this repository's mkdocs.yml, docs/ and schema/, and N valid synthetic records
  made from a sample record (ids, names, statuses, types, directorates, money and dates varied);
* a plain site: mkdocs-material with the search plugin and N hand-written-style Markdown pages
  carrying the same information as the records, whose nav lists only the index.

Each site is built with `python -m mkdocs build -q` (the venv's Python, a fresh process each
time, SOURCE_DATE_EPOCH fixed) for several rounds, alternating which goes first. Each build's
wall time, CPU time (user + system of that one process) and peak RSS come from os.wait4. The
report gives medians, the register/plain ratios, how both grow from the smallest size to the
largest, and the load average before each build (the machine may be shared: CPU time is the
steadier figure when it is busy).

It also times `partnerships check` on the largest size other than 10,000 against the naive
loop the issue names (python-frontmatter + jsonschema with format checks, one record at a time).

    .venv/bin/python bench/run.py [--sizes 500 2000] [--with-10000] [--rounds 3] [--keep] [--json FILE]
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


ENV = {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
NAIVE_CHECK = """
import json, pathlib, frontmatter, jsonschema
schema = json.loads(pathlib.Path("schema/partnership.schema.json").read_text(encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
problems = 0
for f in sorted(pathlib.Path("records").rglob("*.md")):
    problems += sum(1 for _ in validator.iter_errors(frontmatter.load(f).metadata))
print(problems)
"""


def measure(cmd: list[str], cwd: Path, ok=(0,)) -> dict:
    """Wall time, CPU time and peak RSS of one fresh process (os.wait4 reports that child alone)."""
    env = {**os.environ, **ENV}
    env.pop("PARTNERSHIP_REGISTER_BUILD", None)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(cmd)} in {cwd} failed ({code}):\n{err.decode(errors='replace')[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "load": load}


def medians(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in ("wall", "cpu", "rss")}


def bench_builds(sites: dict, rounds: int) -> dict:
    build = [sys.executable, "-m", "mkdocs", "build", "-q"]
    results = {}
    for n, (reg, plain) in sites.items():
        runs = {"register": [], "plain": []}
        for r in range(rounds):
            order = (("register", reg), ("plain", plain)) if r % 2 == 0 else (("plain", plain), ("register", reg))
            for kind, site in order:
                runs[kind].append(measure(build, site))
            print(f"  {n} records, round {r + 1}: " + ", ".join(
                f"{k} {v[-1]['wall']:.2f} s wall, {v[-1]['cpu']:.2f} s CPU, {v[-1]['rss']:.0f} MiB "
                f"(load {v[-1]['load']:.1f})" for k, v in runs.items()), flush=True)
        med = {kind: medians(v) for kind, v in runs.items()}
        results[n] = {**med, "ratio": {key: med["register"][key] / med["plain"][key] for key in ("wall", "cpu", "rss")},
                      "rounds": runs}
    return results


def bench_check(site: Path, rounds: int) -> dict:
    ours = [str(Path(sys.executable).with_name("partnerships")), "check"]
    naive = [sys.executable, "-c", NAIVE_CHECK]
    runs = {"check": [], "naive": []}
    for r in range(rounds):
        for kind, cmd in ((("check", ours), ("naive", naive)) if r % 2 == 0 else (("naive", naive), ("check", ours))):
            runs[kind].append(measure(cmd, site))
    med = {kind: medians(v) for kind, v in runs.items()}
    return {**med, "ratio": {key: med["check"][key] / med["naive"][key] for key in ("wall", "cpu", "rss")}}


def report(results: dict, check: dict | None, check_size: int | None) -> None:
    print(f"\n{'records':>8} | {'register wall / CPU / RSS':>27} | {'plain wall / CPU / RSS':>27} | "
          f"{'ratio wall / CPU / RSS':>22}")
    for n, r in results.items():
        cells = [f"{r[k]['wall']:6.2f} s {r[k]['cpu']:6.2f} s {r[k]['rss']:5.0f} MiB" for k in ("register", "plain")]
        ratio = r["ratio"]
        print(f"{n:>8} | {cells[0]:>27} | {cells[1]:>27} | {ratio['wall']:6.2f} {ratio['cpu']:6.2f} {ratio['rss']:6.2f}")
    sizes = sorted(results)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        grow = {k: results[hi][k]["cpu"] / results[lo][k]["cpu"] for k in ("register", "plain")}
        print(f"\nscaling {lo} -> {hi} records (x{hi / lo:g}), CPU time: register x{grow['register']:.2f}, "
              f"plain x{grow['plain']:.2f}")
        for a, b in zip(sizes, sizes[1:]):
            print(f"  {a} -> {b}: register wall x{results[b]['register']['wall'] / results[a]['register']['wall']:.2f}, "
                  f"CPU x{results[b]['register']['cpu'] / results[a]['register']['cpu']:.2f}")
    if check:
        print(f"\npartnerships check on {check_size} records: {check['check']['wall']:.2f} s wall, "
              f"{check['check']['cpu']:.2f} s CPU, {check['check']['rss']:.0f} MiB; naive frontmatter + jsonschema loop: "
              f"{check['naive']['wall']:.2f} s wall, {check['naive']['cpu']:.2f} s CPU, {check['naive']['rss']:.0f} MiB "
              f"(ratio CPU {check['ratio']['cpu']:.2f})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--with-10000", action="store_true", help="add 10,000 records (generating and building it takes minutes)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check-rounds", type=int, default=3, help="rounds of the check comparison (0 to skip)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites (the folder is printed)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes) | ({10000} if args.with_10000 else set()))
    root = Path(tempfile.mkdtemp(prefix="register-bench-"))
    try:
        sites = {}
        for n in sizes:
            sites[n] = (register_site(root, n), plain_site(root, n))
            reg_bytes = sum(p.stat().st_size for p in (sites[n][0] / "records").glob("*.md"))
            plain_bytes = sum(p.stat().st_size for p in (sites[n][1] / "docs" / "pages").glob("*.md"))
            print(f"{n} records: {reg_bytes / n / 1024:.1f} KiB a record, "
                  f"{plain_bytes / n / 1024:.1f} KiB a plain page", flush=True)
        results = bench_builds(sites, args.rounds)
        check_size = max((n for n in sizes if n != 10000), default=None)
        check = bench_check(sites[check_size][0], args.check_rounds) if check_size and args.check_rounds else None
        report(results, check, check_size)
        if args.json:
            args.json.write_text(json.dumps({"builds": results, "check": check, "check_size": check_size,
                                             "python": sys.version.split()[0], "cpus": os.cpu_count()}, indent=1))
    finally:
        if args.keep:
            print(f"\nsites kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
