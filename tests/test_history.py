"""Change history from git: the last change of each record, and every version of every record file.

A real repository is built in tmp_path with fixed author and committer dates, so every date
and every feed is known exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from partnership_register.officers import history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
UTC = dt.timezone.utc


def git(repo: Path, *args: str, date: str | None = None, author: str = "Priya Shah") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "priya@example.gov.uk",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "priya@example.gov.uk",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def commit(repo: Path, message: str, date: str, files: dict[str, str | None], author: str = "Priya Shah") -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, date=date, author=author)
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
    assert waste == history.LastChange(dt.datetime(2025, 2, 1, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), c2)
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
    c2 = commit(repo, "Edit one", "2025-01-02T00:00:00+00:00", {"records/place/p-0007.md": record("p-0007", "summary: x\n")})
    c3 = commit(repo, "Edit another", "2025-01-03T00:00:00+00:00", {"records/place/p-1999.md": record("p-1999", "summary: y\n")})
    paths = [f"records/place/p-{i:04d}.md" for i in range(2000)]
    start = time.perf_counter()
    found = history.record_history(repo, paths)
    elapsed = time.perf_counter() - start
    assert len(found) == 2000
    assert found["records/place/p-0007.md"].commit == c2
    assert found["records/place/p-1999.md"].commit == c3
    assert found["records/place/p-0500.md"].date == dt.datetime(2025, 1, 1, tzinfo=UTC)
    assert elapsed < 5, elapsed


def blob_id(repo: Path, commit_id: str, path: str) -> str:
    return git(repo, "rev-parse", f"{commit_id}:{path}")


def test_record_log_lists_each_record_version_newest_first(repo):
    root, (c1, c2, c3, c4) = repo
    with history.RecordLog(root, "records") as log:
        commits = list(log.commits())
        assert [c.commit for c in commits] == [c4, c2, c1]  # c3 touched no record; README and index are not records
        assert commits[0].date == dt.datetime(2025, 3, 1, 8, tzinfo=UTC)
        safety, bid = commits[0].files
        assert (safety.path, safety.new, safety.stem) == ("records/people/community-safety.md", None, "community-safety")
        assert safety.old == blob_id(root, c1, "records/people/community-safety.md")
        assert (bid.path, bid.old) == ("records/place/hartwell-bid.md", None)
        waste = commits[1].files[0]
        assert (waste.old, waste.new) == (blob_id(root, c1, waste.path), blob_id(root, c2, waste.path))
        assert log.blob(waste.new) == record("waste-jc", "summary: Five councils.\n").encode()
        assert log.blob(waste.old) == record("waste-jc").encode()  # the same process answers again
        assert log.blob("f" * 40) is None
    with history.RecordLog(root, root / "records" / "place") as log:
        assert [f.stem for c in log.commits() for f in c.files] == ["hartwell-bid", "waste-jc", "waste-jc"]


def test_record_log_follows_the_main_line_only(repo):
    """A merged branch counts as one change, against what it was merged into: its own commits never appear."""
    root, (c1, c2, c3, c4) = repo
    git(root, "checkout", "-q", "-b", "draft")
    commit(root, "Draft: secret plan", "2025-04-01T00:00:00+00:00",
           {"records/place/waste-jc.md": record("waste-jc", "summary: Secret plan\n")})
    commit(root, "Draft: changed my mind", "2025-04-02T00:00:00+00:00",
           {"records/place/waste-jc.md": record("waste-jc", "summary: Five councils and one more.\n")})
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge the draft", "draft", date="2025-04-03T00:00:00+00:00")
    merge = git(root, "rev-parse", "HEAD")
    with history.RecordLog(root, "records") as log:
        commits = list(log.commits())
        assert [c.commit for c in commits] == [merge, c4, c2, c1]
        (waste,) = commits[0].files
        assert log.blob(waste.old) == record("waste-jc", "summary: Five councils.\n").encode()
        assert log.blob(waste.new) == record("waste-jc", "summary: Five councils and one more.\n").encode()


def test_record_log_stops_git_when_the_reader_stops(tmp_path):
    repo = tmp_path / "many"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for i in range(30):
        commit(repo, f"Edit {i}", f"2025-01-{i + 1:02d}T00:00:00+00:00", {"records/a.md": record("a", f"summary: {i}\n")})
    start = time.perf_counter()
    with history.RecordLog(repo, "records") as log:
        first = next(log.commits())
        process = log._log
    assert first.files[0].path == "records/a.md"
    assert process.poll() is not None  # ended, not left running
    assert time.perf_counter() - start < 5


def test_without_a_repository_everything_is_empty(tmp_path, monkeypatch):
    plain = tmp_path / "not-a-repo"
    (plain / "records").mkdir(parents=True)
    (plain / "records" / "a.md").write_text(record("a"), encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find a repository further up
    assert history.history_available(plain) is False
    assert history.record_history(plain, ["records/a.md"]) == {}
    with history.RecordLog(plain, "records") as log:
        assert list(log.commits()) == [] and log.blob("a" * 40) is None
    assert history.history_available(tmp_path / "missing") is False
    with history.RecordLog(tmp_path / "missing", "records") as log:
        assert list(log.commits()) == []


def test_without_git_everything_is_empty(repo, monkeypatch):
    root, _ = repo
    monkeypatch.setenv("PATH", str(root / "no-git-here"))
    assert history.history_available(root) is False
    assert history.record_history(root, ["records/place/waste-jc.md"]) == {}
    with history.RecordLog(root, "records") as log:
        assert list(log.commits()) == []
    assert history.is_shallow(root) is False


def test_last_changed_is_when_the_shown_record_changed_not_when_withheld_data_did(tmp_path):
    """A commit that changed only an internal field, a confidential amount or a comment is not the
    record's 'last changed' date on a public build (it would tell residents something withheld
    changed that day); an internal build shows every change."""
    from partnership_register import pages

    from helpers import make_settings

    repo = tmp_path / "register"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    money = "money:\n  - {amount: 5000, frequency: annual, form: grant}\n"
    secret = "  - {amount: 9000, frequency: annual, form: grant, commercially_confidential: true}\n"
    commit(repo, "Add", "2025-01-10T09:00:00+00:00", {"records/a.md": record("a", money) + "\nText.\n",
                                                       "records/b.md": record("b") + "\nText.\n"})
    commit(repo, "Public change", "2025-03-01T09:00:00+00:00", {"records/b.md": record("b", "summary: New.\n")
                                                                 + "\nText.\n"})
    commit(repo, "Secret money", "2025-03-15T09:00:00+00:00",  # shown: the page now says an amount is withheld
           {"records/a.md": record("a", money + secret) + "\nText.\n"})
    commit(repo, "Note", "2025-06-01T09:00:00+00:00",
           {"records/a.md": record("a", money + secret + "internal_notes: Withheld note\n") + "\nText.\n"})
    commit(repo, "Secret amount changed", "2025-07-01T09:00:00+00:00",
           {"records/a.md": record("a", money + secret.replace("9000", "9500")
                                   + "internal_notes: Withheld note\n") + "\nText.\n"})
    commit(repo, "Comment", "2025-08-01T09:00:00+00:00",
           {"records/a.md": record("a", money + secret.replace("9000", "9500") + "internal_notes: Withheld note\n")
            + "\nText.\n<!-- officers only -->\n"})

    def last_changed(mode):
        site = pages.build_site(make_settings(repo / "records", root=repo, mode=mode, history=True))
        return {r.id: r.last_changed for r in site.records}

    assert last_changed("public") == {"a": dt.date(2025, 3, 15), "b": dt.date(2025, 3, 1)}
    assert last_changed("internal") == {"a": dt.date(2025, 7, 1), "b": dt.date(2025, 3, 1)}  # comments never shown
