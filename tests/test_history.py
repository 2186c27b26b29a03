"""Change history from git: last change per record, recent changes, and the Atom feed.

A real repository is built in tmp_path with fixed author and committer dates, so every date
and every feed is known exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from partnership_register.officers import history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
ATOM = "{http://www.w3.org/2005/Atom}"
UTC = dt.timezone.utc


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Priya Shah", "GIT_AUTHOR_EMAIL": "priya@example.gov.uk",
           "GIT_COMMITTER_NAME": "Priya Shah", "GIT_COMMITTER_EMAIL": "priya@example.gov.uk",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def commit(repo: Path, message: str, date: str, files: dict[str, str | None]) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def record(rid: str, extra: str = "") -> str:
    return f"---\nid: {rid}\nname: {rid}\nstatus: active\ntype: informal\ncouncil_role: [member]\n{extra}---\n"


@pytest.fixture
def repo(tmp_path):
    """Four commits: two records added, one changed (with <&> in its message), one deleted."""
    repo = tmp_path / "register"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    c1 = commit(repo, "Add waste and safety records", "2025-01-10T09:00:00+00:00", {
        "records/place/waste-jc.md": record("waste-jc"),
        "records/people/community-safety.md": record("community-safety"),
        "records/index.md": "# Records\n",
        "README.md": "readme\n",
    })
    c2 = commit(repo, "Waste JC: exit strategy <agreed> & signed", "2025-02-01T14:30:00+01:00", {
        "records/place/waste-jc.md": record("waste-jc", "summary: Five councils.\n"),
    })
    c3 = commit(repo, "Docs only", "2025-02-05T10:00:00+00:00", {"README.md": "readme 2\n"})
    c4 = commit(repo, "Add Hartwell BID; remove safety", "2025-03-01T08:00:00+00:00", {
        "records/place/hartwell-bid.md": record("hartwell-bid"),
        "records/people/community-safety.md": None,
    })
    return repo, (c1, c2, c3, c4)


def test_record_history_gives_each_files_last_change(repo):
    root, (c1, c2, c3, c4) = repo
    paths = ["records/place/waste-jc.md", str(root / "records/place/hartwell-bid.md"), "README.md",
             "records/place/never-committed.md"]
    found = history.record_history(root, paths)
    assert set(found) == set(paths[:3])
    waste = found["records/place/waste-jc.md"]
    assert waste == history.LastChange(dt.datetime(2025, 2, 1, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                                       c2, "Priya Shah", "Waste JC: exit strategy <agreed> & signed")
    assert found[paths[1]].commit == c4 and found[paths[1]].date == dt.datetime(2025, 3, 1, 8, tzinfo=UTC)
    assert found["README.md"].commit == c3


def test_record_history_is_one_git_log_for_many_records(tmp_path):
    """2000 records, 3 commits: one git call, well under a second or two."""
    repo = tmp_path / "big"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    folder = repo / "records" / "place"
    folder.mkdir(parents=True)
    for i in range(2000):
        (folder / f"p-{i:04d}.md").write_text(record(f"p-{i:04d}"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import", date="2025-01-01T00:00:00+00:00")
    commit(repo, "Edit one", "2025-01-02T00:00:00+00:00", {"records/place/p-0007.md": record("p-0007", "summary: x\n")})
    commit(repo, "Edit another", "2025-01-03T00:00:00+00:00", {"records/place/p-1999.md": record("p-1999", "summary: y\n")})
    paths = [f"records/place/p-{i:04d}.md" for i in range(2000)]
    start = time.perf_counter()
    found = history.record_history(repo, paths)
    elapsed = time.perf_counter() - start
    assert len(found) == 2000
    assert found["records/place/p-0007.md"].message == "Edit one"
    assert found["records/place/p-1999.md"].message == "Edit another"
    assert found["records/place/p-0500.md"].message == "Import"
    assert elapsed < 5, elapsed


def test_recent_changes_newest_first(repo):
    root, (c1, c2, c3, c4) = repo
    changes = history.recent_changes(root, "records")
    assert [(c.commit, c.path, c.record_id, c.action) for c in changes] == [
        (c4, "records/people/community-safety.md", "community-safety", "deleted"),
        (c4, "records/place/hartwell-bid.md", "hartwell-bid", "added"),
        (c2, "records/place/waste-jc.md", "waste-jc", "changed"),
        (c1, "records/people/community-safety.md", "community-safety", "added"),
        (c1, "records/place/waste-jc.md", "waste-jc", "added"),
    ]  # README.md and records/index.md are not records
    assert changes[2].message == "Waste JC: exit strategy <agreed> & signed"
    assert changes[2].date == dt.datetime(2025, 2, 1, 13, 30, tzinfo=UTC)
    assert [c.path for c in history.recent_changes(root, root / "records", limit=2)] == \
        ["records/people/community-safety.md", "records/place/hartwell-bid.md"]
    assert [c.record_id for c in history.recent_changes(root, "records/place")] == \
        ["hartwell-bid", "waste-jc", "waste-jc"]


def test_atom_feed_parses_with_the_right_entries(repo):
    root, (c1, c2, c3, c4) = repo
    changes = history.recent_changes(root, "records", limit=3)
    feed_text = history.atom_feed(changes, "https://register.example.gov.uk/partnerships", "Partnership Register",
                                  link_pattern="partnerships/{record_id}/", names={"waste-jc": "Waste JC"})
    assert feed_text == history.atom_feed(changes, "https://register.example.gov.uk/partnerships/",
                                          "Partnership Register", link_pattern="partnerships/{record_id}/",
                                          names={"waste-jc": "Waste JC"})  # deterministic
    feed = ET.fromstring(feed_text)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Partnership Register"
    assert feed.findtext(f"{ATOM}updated") == "2025-03-01T08:00:00Z"  # the latest change
    assert feed.findtext(f"{ATOM}id") == "https://register.example.gov.uk/partnerships/"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Partnership Register"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    waste = entries[2]
    assert waste.findtext(f"{ATOM}title") == "Waste JC: Waste JC: exit strategy <agreed> & signed"
    assert waste.find(f"{ATOM}link").get("href") == "https://register.example.gov.uk/partnerships/partnerships/waste-jc/"
    assert waste.findtext(f"{ATOM}updated") == "2025-02-01T13:30:00Z"
    assert waste.findtext(f"{ATOM}id").endswith(f"waste-jc/#{c2}")
    assert "&lt;agreed&gt; &amp; signed" in feed_text  # escaped in the XML, intact once parsed
    deleted = entries[0]
    assert deleted.find(f"{ATOM}link").get("href") == "https://register.example.gov.uk/partnerships/"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3


def test_atom_feed_date_can_be_given_and_empty_feed_is_reproducible():
    given = history.atom_feed([], "https://x.example", "R", updated=dt.date(2025, 4, 1))
    assert ET.fromstring(given).findtext(f"{ATOM}updated") == "2025-04-01T00:00:00Z"
    empty = history.atom_feed([], "https://x.example", "R")
    assert ET.fromstring(empty).findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert ET.fromstring(empty).findall(f"{ATOM}entry") == []


def test_atom_feed_drops_characters_xml_cannot_hold():
    change = history.Change(dt.datetime(2025, 1, 1, tzinfo=UTC), "a" * 40, "bell\x07 and escape\x1b", "records/x.md", "x")
    feed = ET.fromstring(history.atom_feed([change], "https://x.example", "R"))
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "x: bell and escape"


def test_without_a_repository_everything_is_empty(tmp_path, monkeypatch):
    plain = tmp_path / "not-a-repo"
    (plain / "records").mkdir(parents=True)
    (plain / "records" / "a.md").write_text(record("a"), encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find a repository further up
    assert history.history_available(plain) is False
    assert history.record_history(plain, ["records/a.md"]) == {}
    assert history.recent_changes(plain, "records") == []
    assert history.history_available(tmp_path / "missing") is False
    assert history.recent_changes(tmp_path / "missing", "records") == []


def test_without_git_everything_is_empty(repo, monkeypatch):
    root, _ = repo
    monkeypatch.setenv("PATH", str(root / "no-git-here"))
    assert history.history_available(root) is False
    assert history.record_history(root, ["records/place/waste-jc.md"]) == {}
    assert history.recent_changes(root, "records") == []
    assert history.is_shallow(root) is False
