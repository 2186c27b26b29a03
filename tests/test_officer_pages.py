"""The officers' pages: the how-to page's examples come from the real loader, and Recent changes
(with its Atom feed) comes from a real git history: what changed, never a commit message, never an
unpublished record."""

from __future__ import annotations

import html
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from partnership_register.load.loader import parse_record
from partnership_register.pages.howto import MISTAKES, mistakes, sample_record
from partnership_register.load.schema import load_schema

from test_site import Page, build, copy_project, read

ATOM = "{http://www.w3.org/2005/Atom}"


def test_sample_record_on_the_how_to_page_is_valid():
    text = sample_record(load_schema())
    record = parse_record(text.encode(), "records/waste-joint-committee.md")
    assert record.problems == []
    assert "start_date: 2019-04-01" in text  # dates as officers write them, unquoted


def test_every_sample_mistake_gives_exactly_the_located_message_check_gives():
    text = sample_record(load_schema())
    found = mistakes(text, "records/waste-joint-committee.md", None)
    assert [m["what"] for m in found] == [what for what, _, _ in MISTAKES]
    for item in found:
        assert len(item["messages"]) == 1, item  # one mistake, one message
        assert item["messages"][0].startswith("records/waste-joint-committee.md:")
    by_what = {m["what"]: m["messages"][0] for m in found}
    assert "did you mean `next_review`?" in by_what["A field name with a typo"]
    assert "for 30/06/2027 write 2027-06-30" in by_what["A date written the British way"]
    assert "risks[0].likelihood" in by_what["A score outside 1 to 4"]


def git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "o@example.gov.uk",
           "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "o@example.gov.uk"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_recent_changes_page_and_feed_from_git_history(tmp_path):
    project = copy_project(tmp_path / "p")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Sample register", when="2026-01-05T10:00:00+00:00")
    waste = project / "records" / "place" / "northshire-waste-joint-committee.md"
    waste.write_text(waste.read_text(encoding="utf-8") + "\nReviewed again.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Waste JC: annual review recorded", when="2026-03-02T09:00:00+00:00")
    hidden = project / "records" / "place" / "hartwell-station-quarter-joint-venture.md"
    hidden.write_text(hidden.read_text(encoding="utf-8") + "\nSECRET-NEGOTIATION-NOTE\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Station Quarter: SECRET-NEGOTIATION-NOTE", when="2026-04-01T09:00:00+00:00")

    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page_html = read(site, "changes")
    page = Page(page_html)
    assert "More about this partnership: ‘Notes’ updated" in html.unescape(page_html)  # what changed …
    assert "annual review recorded" not in page_html  # … never what the commit message says
    assert "SECRET-NEGOTIATION-NOTE" not in page_html and "Station Quarter" not in page_html
    assert '<time datetime="2026-03-02">' in page_html
    assert "../partnerships/northshire-waste-joint-committee/" in page.links

    feed = ET.parse(site / "changes.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert entries and all("Station Quarter" not in (t or "") for t in titles)
    assert any("Northshire Waste" in (t or "") for t in titles)
    assert feed.findtext(f"{ATOM}updated").startswith("2026-03-02")
    feed_bytes = (site / "changes.xml").read_bytes()
    assert b"SECRET-NEGOTIATION-NOTE" not in feed_bytes and b"annual review recorded" not in feed_bytes
    assert b"Officer" not in feed_bytes  # the author
    search = (site / "search" / "search_index.json").read_bytes()
    assert b"SECRET-NEGOTIATION-NOTE" not in search and b"annual review recorded" not in search

    record_page = read(site, "partnerships/northshire-waste-joint-committee")
    assert "2 March 2026" in html.unescape(record_page)  # last changed, from git


def test_without_git_history_the_site_says_so(tmp_path):
    project = copy_project(tmp_path / "p")  # not a repository
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "Change history is not available" in read(project / "site", "changes")
    assert not (project / "site" / "changes.xml").exists()
