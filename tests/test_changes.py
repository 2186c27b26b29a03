"""Recent changes say what changed in the published data, never what anyone wrote about it.

The sentences come from two versions of a record taken through the build's own view; the
rows come from a real git history built in tmp_path (fixed dates, a canary in every commit
message and in the author's name); the leak test builds the whole site with MkDocs and reads
every byte of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from partnership_register import pages as pages_mod
from partnership_register.assess import publication
from partnership_register.load.loader import parse_record
from partnership_register.load.schema import load_schema
from partnership_register.officers import history
from partnership_register.pages import changes
from partnership_register.pages.render import Renderer
from partnership_register.pages.whatchanged import HIDDEN, Change, Describer, Withheld

from helpers import make_policy, make_settings
from test_history import commit as history_commit
from test_history import git as history_git
from test_leak import FIXTURE as LEAK_FIXTURE
from test_leak import leaks

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
ATOM = "{http://www.w3.org/2005/Atom}"
HERE = Path(__file__).resolve().parent
BASE = (HERE / "rules" / "base.md").read_text(encoding="utf-8")
GOLDEN = HERE / "fixtures" / "changes" / "rows.txt"
SCHEMA = load_schema()
AS_OF = dt.date(2026, 11, 23)
CANARY = "CANARY-7f3a"  # in every commit message and the author's name: must never be published
AUTHOR = f"Leakmark Author {CANARY}"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    return history_git(repo, *args, date=date, author=AUTHOR)


def commit(repo: Path, message: str, date: str, files: dict) -> str:
    return history_commit(repo, message, date, files, author=AUTHOR)


# --- the sentences ----------------------------------------------------------------------------

def version(text: str, mode: str = publication.PUBLIC):
    """(the record as the build shows it, or HIDDEN; the record as read)."""
    record = parse_record(text.encode(), "records/base-partnership.md")
    assert record.problems == []
    shown = publication.view([record], mode, SCHEMA)
    return (shown[0] if shown else HIDDEN), record


def said(old: str, new: str, mode: str = publication.PUBLIC, names=None) -> list[str]:
    describer = Describer(SCHEMA, names or {"base-partnership": "Base"}, AS_OF, make_policy())
    (before, _), (after, read) = version(old, mode), version(new, mode)
    hide = describer.withheld(read, after) if after is not HIDDEN else Withheld()
    return [c.text for c in describer.describe(before, after, hide)]


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


MONEY = "  - {amount: 20000, frequency: annual, form: grant}"


def test_money_status_document_list_and_date_in_words():
    new = edit(BASE, ("amount: 20000", "amount: 35000"), ("status: active", "status: under-review"),
               ("exit_strategy: {state: in-place}", "exit_strategy: {state: not-in-place}"),
               ("aims: [Reduce repeat burglary]", "aims: [Cut youth reoffending]"),
               ("next_review: 2027-06-01", "next_review: 2027-09-30"))
    assert said(BASE, new) == [
        "Status: Active → Under review",
        "Aims and objectives: added ‘Cut youth reoffending’; removed ‘Reduce repeat burglary’",
        "Annual contribution: £20,000 → £35,000",  # one entry changed: the total says it all
        "Exit strategy: no longer in place",
        "Next review: 1 June 2027 → 30 September 2027",
    ]
    assert said(new, BASE)[3] == "Exit strategy: now in place"


def test_groups_lists_of_groups_and_money_entries():
    new = edit(BASE, ("council_role: [lead]", "council_role: [lead, funder]"),
               ("partners:\n  - {name: Northshire Police, sector: police-fire}",
                "partners:\n  - {name: Northshire Police, sector: public}\n  - {name: Northshire NHS Trust, sector: health}"),
               (MONEY, MONEY + "\n  - {amount: 5000, frequency: one-off, form: equity, description: Shares}"),
               ("approval:\n  body: Cabinet", "approval:\n  body: Full Council"),
               ("finance_approval: {by: S151 Officer, date: 2020-01-20}",
                "finance_approval: {by: Director of Finance, date: 2020-01-31}"),
               ("likelihood: 2", "likelihood: 3"), ("personal_data_shared: true", "personal_data_shared: false"))
    assert said(BASE, new) == [
        "Council's role: added Funder",
        "Partner organisations: added ‘Northshire NHS Trust’",
        "Partner organisations, ‘Northshire Police’, sector: Police and fire → Public",
        "One-off contributions: £0 → £5,000",
        "Council's financial contribution: added £5,000 one-off equity ‘Shares’",
        "Approval, approved by: ‘Cabinet’ → ‘Full Council’",
        "Approval, finance approval, by: ‘S151 Officer’ → ‘Director of Finance’",
        "Approval, finance approval, date: 20 January 2020 → 31 January 2020",
        "Risks, ‘Partner withdraws’, likelihood (1–4): 2 → 3",
        "Personal data shared: Yes → No",
    ]


def test_narrative_by_section_and_comments_are_not_text():
    assert said(BASE, BASE + "\n## History\n\nFormed in 2020.\n") == \
        ["More about this partnership: ‘History’ added"]
    assert said(BASE, BASE + "\n<!-- a note for officers only -->\n") == []


def test_a_change_to_withheld_data_only_says_nothing_publicly_and_everything_internally():
    new = edit(BASE, ("record: {", "internal_notes: Talks with the police stalled\nrecord: {"),
               ("{name: Priya Shah, job_title: Head of Community Safety}",
                "{name: Priya Shah, job_title: Head of Community Safety, phone: 01632 960111}"),
               ("  - {date: 2026-06-01,", "  - {date: 2026-06-01,"))
    assert said(BASE, new) == []
    assert said(BASE, new, publication.INTERNAL) == [
        "Sponsoring officer, phone: Not recorded → ‘01632 960111’",
        "Internal notes: Not recorded → ‘Talks with the police stalled’",
    ]
    secret = MONEY + "\n  - {amount: 777777, frequency: annual, form: loan, commercially_confidential: true}"
    changed = edit(BASE, (MONEY, secret))
    assert said(changed, edit(changed, ("777777", "888888"))) == []  # a confidential amount changed: nothing shown
    assert said(BASE, changed) == ["Council's financial contribution: an amount is now withheld as commercially confidential"]


def test_an_amount_made_confidential_after_it_was_published_is_never_quoted():
    public = MONEY + "\n  - {amount: 777777, frequency: annual, form: loan, description: Bridge loan}"
    before = edit(BASE, (MONEY, public))
    after = edit(before, ("description: Bridge loan}", "description: Bridge loan, commercially_confidential: true}"))
    text = said(before, after)
    assert text == ["Council's financial contribution: changed",
                    "Council's financial contribution: an amount is now withheld as commercially confidential"]
    assert not any("777" in t or "Bridge" in t for t in text)  # no amount, description or total gives it away
    moved = edit(BASE, ("summary: The council, police and health work together to reduce crime.",
                        "summary: Police funding talks stall."), ("record: {", "internal_notes: Budget cut\nrecord: {"))
    into_internal = edit(BASE, ("record: {", "internal_notes: Police funding talks stall.\nrecord: {"))
    assert said(moved, into_internal) == ["Summary: changed"]  # the old summary is an internal note now


def test_references_name_shown_records_and_never_hidden_ones():
    names = {"base-partnership": "Base", "other": "Other Partnership"}
    assert said(BASE, edit(BASE, ("status: active", "status: active\nparent: other")), names=names) == \
        ["Parent partnership: Not recorded → ‘Other Partnership’"]
    assert said(BASE, edit(BASE, ("status: active", "status: active\nparent: secret-one")), names=names) == []


def test_publication_transitions():
    unpublished = edit(BASE, ("status: active", "status: active\npublication: {publish: false, reason: Talks}"))
    assert said(BASE, unpublished) == ["No longer published in the register"]
    assert said(unpublished, BASE) == ["Now published in the register"]
    assert said(unpublished, edit(unpublished, ("status: active", "status: under-review"))) == []
    assert said(unpublished, BASE, publication.INTERNAL) == ["Publication, publish: No → Not recorded",
                                                             "Publication, reason: ‘Talks’ → Not recorded"]
    describer = Describer(SCHEMA, {}, AS_OF, make_policy())
    shown, _ = version(BASE)
    assert [c.text for c in describer.describe(None, shown)] == ["Added to the register"]
    assert [c.text for c in describer.describe(shown, None)] == ["Removed from the register"]
    assert describer.describe(None, HIDDEN) == [] and describer.describe(HIDDEN, None) == []


def test_what_counts_as_quoting_a_withheld_value():
    hide = Withheld(frozenset({"leakmark-902 talks with the depot owner stalled in may", "01632 960111"}),
                    frozenset({987654.32}))
    assert hide.hides(987654.32) and not hide.hides(1500) and not hide.hides(True)
    assert hide.hides("Call 01632 960111")                       # holds a withheld value
    assert hide.hides("Talks with the depot owner")              # is part of one
    assert hide.hides("Update: talks with the depot owner stalled")  # shares a phrase with one
    assert hide.hides("See LEAKMARK-902")                        # holds one of its reference-like words
    assert not hide.hides("Depot") and not hide.hides("Talks resumed in June")
    assert Withheld(names=frozenset({"secret deal", "secret-deal"})).hides("Shares a depot with Secret Deal")


def test_an_old_value_naming_a_record_no_longer_published_is_not_quoted():
    describer = Describer(SCHEMA, {"base-partnership": "Base"}, AS_OF, make_policy())
    (before, _), (after, read) = version(edit(BASE, ("summary: The council", "summary: With Secret Deal, the council"))), \
        version(BASE)
    hide = describer.withheld(read, after, ["secret-deal", "Secret Deal"])
    assert [c.text for c in describer.describe(before, after, hide)] == ["Summary: changed"]


def test_a_long_row_lists_ten_changes_then_says_how_many_more(history_repo):
    site, rows = rows_of(history_repo)
    long = changes.Row(rows[0].date, rows[0].commit, rows[0].record,
                       tuple(Change("Aims", f"Aims: change {i}") for i in range(13)))
    spec = changes.pages(site)[0]
    spec.context["rows"] = [long]
    html, _ = Renderer().render(spec, site, site.url_of(spec.src_uri))
    assert html.count("<li>Aims: change") == changes.LINES and "<li>and 3 more changes</li>" in html
    assert long.summary == "Aims changed"


def test_a_shallow_clone_says_history_is_unavailable(history_repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", history_repo.as_uri(), str(clone)], check=True,
                   capture_output=True)
    site, rows = rows_of(clone)
    assert rows == [] and not site.history.available
    assert not any(f.dest_uri == changes.FEED for f in site.files)


# --- rows from a real history ----------------------------------------------------------------

def record_text(rid: str, name: str, extra: str = "", status: str = "active") -> str:
    return (f"---\nid: {rid}\nname: {name}\nstatus: {status}\ntype: informal\ncouncil_role: [member]\n"
            f"{extra}---\n")


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory) -> Path:
    """A small register with every kind of commit the page must handle."""
    repo = tmp_path_factory.mktemp("history") / "register"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    secret = "publication: {publish: false, reason: Talks}\npartners:\n  - {name: Hidden Partner Ltd, sector: private}\n"
    commit(repo, f"Start the register {CANARY}", "2025-01-06T09:00:00+00:00", {
        "records/waste.md": record_text("waste", "Waste Partnership", "money:\n  - {amount: 35000, frequency: annual, form: grant}\n"),
        "records/parks.md": record_text("parks", "Parks Forum"),
        "records/secret-deal.md": record_text("secret-deal", "Secret Deal", secret),
        "records/README.md": "# About the records\n",
    })
    commit(repo, f"Waste up to 40k; secret-deal with Hidden Partner Ltd {CANARY}", "2025-02-03T09:00:00+00:00", {
        "records/waste.md": record_text("waste", "Waste Partnership", "money:\n  - {amount: 40000, frequency: annual, form: grant}\n"),
        "records/secret-deal.md": record_text("secret-deal", "Secret Deal", secret + "summary: Bid for the depot\n"),
    })
    commit(repo, f"Internal note only {CANARY}", "2025-03-03T09:00:00+00:00", {
        "records/waste.md": record_text("waste", "Waste Partnership", "money:\n  - {amount: 40000, frequency: annual, form: grant}\n"
                                        f"internal_notes: Depot talks with secret-deal {CANARY}\n"),
    })
    commit(repo, f"Parks: broken by mistake {CANARY}", "2025-04-07T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", "start_date: 01/04/2025\n"),
    })
    commit(repo, f"Parks: fixed, see secret-deal {CANARY}", "2025-04-08T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", "start_date: 2025-04-01\n", status="under-review"),
    })
    git(repo, "checkout", "-q", "-b", "draft")
    commit(repo, f"Draft {CANARY}", "2025-05-05T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", f"start_date: 2025-04-01\nsummary: Draft {CANARY}\n",
                                        status="under-review"),
    })
    commit(repo, f"Undo the draft {CANARY}", "2025-05-06T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", "start_date: 2025-04-01\n", status="under-review"),
    })
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Merge draft {CANARY}", "draft", date="2025-05-07T09:00:00+00:00")
    parks = "start_date: 2025-04-01\ndocuments:\n  exit_strategy: {state: not-in-place}\n"
    commit(repo, f"Parks: exit strategy missing {CANARY}", "2025-06-02T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", parks, status="under-review"),
    })
    commit(repo, f"Parks: withdrawn while we talk {CANARY}", "2025-06-09T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", parks + "publication: {publish: false, reason: Talks}\n",
                                        status="under-review"),
    })
    commit(repo, f"Parks: back, agreed {CANARY}", "2025-06-16T09:00:00+00:00", {
        "records/parks.md": record_text("parks", "Parks Forum", parks.replace("not-in-place", "in-place"),
                                        status="under-review"),
    })
    return repo


def rows_of(repo: Path, mode: str = publication.PUBLIC, **options):
    site = pages_mod.build_site(make_settings(repo / "records", root=repo, mode=mode, history=True, as_of=AS_OF,
                                              **options))
    return site, changes.recent(site)


def as_text(rows) -> str:
    return "".join(f"{r.date.date().isoformat()} | {r.record.name} | {r.summary}\n"
                   + "".join(f"  - {c.text}\n" for c in r.changes) for r in rows)


def test_rows_say_what_changed_in_the_published_data(history_repo):
    repo = history_repo
    _, rows = rows_of(repo)
    text = as_text(rows)
    assert text == GOLDEN.read_text(encoding="utf-8"), text
    assert CANARY not in text and "secret" not in text.lower() and "Hidden Partner" not in text
    dates = {r.date.date().isoformat() for r in rows}
    assert "2025-03-03" not in dates  # withheld data only
    assert "2025-04-07" not in dates  # a version that did not pass the checks is skipped
    assert not dates & {"2025-05-05", "2025-05-06", "2025-05-07"}  # the branch, and a merge that changed nothing


def test_an_internal_build_shows_withheld_changes_but_never_a_message(history_repo):
    repo = history_repo
    _, rows = rows_of(repo, publication.INTERNAL)
    text = as_text(rows)
    assert "Secret Deal | Summary: Not recorded → ‘Bid for the depot’" in text
    assert "Internal notes: Not recorded → ‘Depot talks with secret-deal CANARY-7f3a’" in text
    assert "Start the register" not in text and "Author" not in text and "Internal note only" not in text


def test_limit_stops_the_walk_and_keeps_the_newest(history_repo):
    repo = history_repo
    site, rows = rows_of(repo)
    assert [r.date for r in changes.recent(site, limit=2)] == [r.date for r in rows[:2]]
    assert changes.recent(site, limit=0) == []


def test_page_and_feed_show_the_same_rows(history_repo):
    repo = history_repo
    site, rows = rows_of(repo, site={"site_url": "https://register.example.gov.uk/"})
    spec = next(p for p in site.pages if p.src_uri == changes.PAGE)
    html, _ = Renderer().render(spec, site, site.url_of(spec.src_uri))
    assert "Annual contribution: £35,000 → £40,000" in html
    assert '<time datetime="2025-04-08">' in html and "Status: Active → Under review" in html
    assert "../partnerships/waste/" in html
    feed_bytes = next(f.content for f in site.files if f.dest_uri == changes.FEED)
    feed = ET.fromstring(feed_bytes)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [f"{r.record.name}: {r.summary}" for r in rows]
    parks = entries[3]
    assert parks.findtext(f"{ATOM}title") == "Parks Forum: Status and start date changed"
    assert parks.findtext(f"{ATOM}summary") == "Status: Active → Under review; Start date: Not recorded → 1 April 2025"
    assert parks.find(f"{ATOM}link").get("href") == "https://register.example.gov.uk/partnerships/parks/"
    assert parks.findtext(f"{ATOM}updated") == "2025-04-08T09:00:00Z"
    assert feed.findtext(f"{ATOM}updated") == "2025-06-16T09:00:00Z"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    again = pages_mod.build_site(site.settings)
    assert next(f.content for f in again.files if f.dest_uri == changes.FEED) == feed_bytes  # reproducible


def test_an_empty_feed_is_reproducible():
    feed = ET.fromstring(changes.atom_feed([], "https://x.example", "R"))
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z" and feed.findall(f"{ATOM}entry") == []


# --- the whole public site ---------------------------------------------------------------------

def test_no_canary_reaches_any_byte_of_the_built_site(tmp_path):
    """The leak fixture under git: canaries in messages, the author, a branch, a published-then-withheld
    amount and note, and the unpublished record changed alongside a published one."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    repo = tmp_path / "site-repo"
    shutil.copytree(LEAK_FIXTURE, repo / "records")
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Leak test register\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: Leak test register\nsite_url: https://leak.example.org/\n"
                                     "theme:\n  name: material\nplugins:\n  - search\n  - partnership-register:\n"
                                     "      records_dir: records\n      council_name: Leak Test Council\n"
                                     "      as_of: 2025-12-01\n", encoding="utf-8")
    public = repo / "records" / "leak-public.md"
    secret = repo / "records" / "leakmark-secret-partnership.md"
    original = public.read_text(encoding="utf-8")
    once_public = original.replace("money:\n", "money:\n  - {amount: 4321.5, frequency: one-off, form: loan, "
                                               "description: LEAKMARK-901 once public}\n", 1)
    once_public = once_public.replace("internal_notes: LEAKMARK-011", "internal_notes: Notes")
    once_public = once_public.replace("summary: A published", "summary: LEAKMARK-902 once public. A published")
    git(repo, "init", "-q", "-b", "main")
    public.write_text(once_public, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Start {CANARY} leakmark-secret-partnership", date="2025-01-06T09:00:00+00:00")
    commit(repo, f"Both: LEAKMARK-029 Partner Ltd {CANARY}", "2025-02-03T09:00:00+00:00", {
        "records/leak-public.md": once_public.replace("status: active", "status: under-review"),
        "records/leakmark-secret-partnership.md": secret.read_text(encoding="utf-8").replace(
            "LEAKMARK-023 summary", "LEAKMARK-950 new summary"),
    })
    withheld_now = original.replace("status: active", "status: under-review").replace(
        "money:\n", "money:\n  - {amount: 4321.5, frequency: one-off, form: loan, description: LEAKMARK-901 once public, "
                    "commercially_confidential: true}\n", 1).replace(
        "internal_notes: LEAKMARK-011", "internal_notes: LEAKMARK-011 LEAKMARK-902 once public.")
    commit(repo, f"Withhold {CANARY}", "2025-03-03T09:00:00+00:00", {"records/leak-public.md": withheld_now})
    git(repo, "checkout", "-q", "-b", "draft")
    commit(repo, f"Draft {CANARY}", "2025-04-01T09:00:00+00:00", {
        "records/leak-public.md": withheld_now.replace("summary: A published", "summary: LEAKMARK-960 draft")})
    commit(repo, f"Undo {CANARY}", "2025-04-02T09:00:00+00:00", {"records/leak-public.md": withheld_now})
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {CANARY}", "draft", date="2025-04-03T09:00:00+00:00")
    commit(repo, f"Ordinary, like leakmark-secret-partnership {CANARY}", "2025-05-05T09:00:00+00:00", {
        "records/ordinary-partnership.md": (repo / "records" / "ordinary-partnership.md").read_text(
            encoding="utf-8").replace("status: under-review", "status: active")})

    mp = pytest.MonkeyPatch()
    mp.delenv(publication.BUILD_ENV, raising=False)
    try:
        build(load_config(str(repo / "mkdocs.yml")))
    finally:
        mp.undo()
    site = repo / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    page = files["changes/index.html"].decode("utf-8")
    assert "Status: Active → Under review" in page and "Status: Under review → Active" in page  # rows …
    assert "Council&#39;s financial contribution: changed" in page  # … and names what it cannot quote
    assert b"Status: Active \\u2192 Under review" in files["search/search_index.json"] or \
        "Status: Active → Under review".encode() in files["search/search_index.json"]
    assert b"<entry>" in files["changes.xml"]
    found = leaks(files)
    for name, data in files.items():
        for canary in (CANARY.encode(), b"4321", b"4,321"):
            if canary in data and not name.startswith("assets/"):
                found.append(f"{name}: {canary!r}")
    assert found == []


# --- cost --------------------------------------------------------------------------------------

def test_a_long_history_stays_cheap(tmp_path, monkeypatch):
    """2,000 commits, nine in ten to an unpublished record (skipped without being read): the walk stops
    once it has its rows, having read only the blobs it needed."""
    repo = tmp_path / "long"
    (repo / "records").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    hidden = "publication: {publish: false, reason: Talks}\n"
    for i in range(40):
        (repo / "records" / f"p-{i:02d}.md").write_text(record_text(f"p-{i:02d}", f"Partnership {i}"), encoding="utf-8")
    (repo / "records" / "secret.md").write_text(record_text("secret", "Secret", hidden), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import", date="2024-01-01T00:00:00+00:00")
    stream = []
    for n in range(1, 2000):
        rid, extra = (f"p-{n % 40:02d}", "") if n % 10 == 0 else ("secret", hidden)
        text = record_text(rid, "Secret" if rid == "secret" else f"Partnership {n % 40}", f"{extra}summary: Edit {n}\n")
        parent = "from refs/heads/main^0\n" if n == 1 else ""
        stream.append(f"commit refs/heads/main\ncommitter A <a@example.org> {1704067200 + n * 3600} +0000\n"
                      f"data 4\nedit\n{parent}M 100644 inline records/{rid}.md\ndata {len(text.encode())}\n{text}\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input="".join(stream).encode(), check=True,
                   capture_output=True)
    git(repo, "reset", "-q", "--hard")
    assert git(repo, "rev-list", "--count", "HEAD") == "2000"
    site = pages_mod.build_site(make_settings(repo / "records", root=repo, history=True, as_of=AS_OF))
    read = []
    real_blob = history.RecordLog.blob
    monkeypatch.setattr(history.RecordLog, "blob", lambda self, blob_id: read.append(blob_id) or real_blob(self, blob_id))
    start = time.perf_counter()
    rows = changes.recent(site)
    elapsed = time.perf_counter() - start
    assert len(rows) == changes.ROWS
    assert [c.text for c in rows[0].changes] == ["Summary: ‘Edit 1950’ → ‘Edit 1990’"]
    assert all(r.record.id != "secret" for r in rows)
    assert len(read) <= 2 * changes.ROWS + 2  # 30 rows of one version each, plus the first version of each
    assert elapsed < 5, elapsed


def test_a_short_name_moved_into_an_internal_note_is_never_quoted_again():
    """Found by trying it: 'Zork' was named in the summary, a partner and a heading; the council then
    moved it into an internal note. Recent changes must not quote the old values that name it."""
    named = edit(BASE, ("summary: The council, police and health work together to reduce crime.",
                        "summary: Working with Zork on crime."),
                 ("partners:\n", "partners:\n  - {name: Zork, sector: private}\n"),
                 ("A partnership with nothing missing.", "## Talks with Zork\n\nOngoing."))
    moved = edit(BASE, ("summary: The council, police and health work together to reduce crime.",
                        "summary: Working on crime."),
                 ("record: {", "internal_notes: The partner Zork must not be named.\nrecord: {"),
                 ("A partnership with nothing missing.", "## Talks\n\nOngoing."))
    text = said(named, moved)
    assert text and not any("Zork" in t for t in text), text
    assert "Summary: changed" in text
    # a common word in an internal note hides nothing: the same change without the note is quoted
    plain = edit(moved, ("internal_notes: The partner Zork must not be named.\n", "internal_notes: The must not.\n"))
    assert any("Zork" in t for t in said(named, plain))
