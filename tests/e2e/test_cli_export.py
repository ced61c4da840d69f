"""`reviewdesk export`, `suggest` and `reply` driven as a user would: real processes, a real
database file. The export tests need the export engine (services/export.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

# A brief of our own with curly apostrophes, an em dash and words that occur more than once.
HARBOUR_MD = """\
# Harbour of Vessa Review

## Introduction

The port’s new crane — bought in 2023 — lifts forty tonnes at a time.
It is the port’s second crane and the town’s largest purchase.

The harbour board meets every quarter to review the port’s budget.

## Recommendations

1. The harbour board should publish the crane’s maintenance log.
"""

TITLE = "Harbour of Vessa Review"


def run(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer"}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if ok:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    return result


def run_json(db: Path, *args: str) -> Any:
    return json.loads(run(db, *args, "--json").stdout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str,
                          status: int = 1) -> None:
    assert result.returncode == status, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewdesk: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _snapshot(db: Path) -> str:
    briefs = run(db, "briefs", "--json").stdout
    shows = [run(db, "show", b["id"], "--json").stdout for b in json.loads(briefs)]
    return briefs + "".join(shows)


def _text_at(shown: dict[str, Any], start: int, end: int) -> str:
    """The brief's canonical text[start:end], from the blocks `show --json` prints."""
    for section in shown["sections"]:
        for block in section["blocks"]:
            if block["start"] <= start and end <= block["end"]:
                text: str = block["text"][start - block["start"]:end - block["start"]]
                return text
    raise AssertionError(f"no block holds {start}..{end}")


@pytest.fixture
def harbour_file(tmp_path: Path) -> Path:
    path = tmp_path / "vessa.md"
    path.write_text(HARBOUR_MD, encoding="utf-8")
    return path


# --- suggest -------------------------------------------------------------------------------


def test_suggest_records_rewordings_that_show_lists(db_path: Path, harbour_file: Path) -> None:
    [brief] = run_json(db_path, "import", str(harbour_file))
    # Typed with a straight apostrophe; the brief has curly ones. The second occurrence.
    typed = run_json(db_path, "suggest", brief["id"][:8], "--quote", "port's",
                     "--with", "harbour’s", "--occurrence", "2")
    assert typed["quote"] == "port’s" and typed["replacement"] == "harbour’s"
    assert typed["brief_id"] == brief["id"] and typed["reviewer"] == "Test Reviewer"
    assert typed["end"] - typed["start"] == len("port’s")
    assert set(typed) == {"id", "brief_id", "start", "end", "quote", "replacement", "reviewer"}

    human = run(db_path, "suggest", TITLE, "--quote", "forty tonnes", "--with", "40 tonnes",
                "--reviewer", "Ola Berg").stdout.splitlines()
    assert human[0] == f"Suggested: 'forty tonnes' -> '40 tonnes' in '{TITLE}'"
    assert human[1].startswith("  id: ") and len(human[1].split()[1]) == 36

    deletion = run_json(db_path, "suggest", brief["id"], "--quote", "at a time", "--with", "")
    assert deletion["replacement"] == "" and deletion["quote"] == "at a time"

    shown = run_json(db_path, "show", brief["id"])
    suggestions = shown["suggestions"]
    assert [s["id"] for s in suggestions] == [
        s["id"] for s in sorted(suggestions, key=lambda s: s["start"])]
    by_id = {s["id"]: s for s in suggestions}
    assert set(by_id) == {typed["id"], deletion["id"], human[1].split()[1]}
    for suggestion in suggestions:
        assert set(suggestion) == {"id", "start", "end", "quote", "replacement", "reviewer",
                                   "created", "status"}
        assert suggestion["status"] == "pending"
        assert _text_at(shown, suggestion["start"], suggestion["end"]) == suggestion["quote"]
    assert by_id[typed["id"]]["start"] == typed["start"]
    assert by_id[human[1].split()[1]]["reviewer"] == "Ola Berg"
    assert by_id[deletion["id"]]["created"][:2] == "20"

    text = run(db_path, "show", brief["id"]).stdout
    assert "3 suggested edits" in text and "'forty tonnes' -> '40 tonnes'" in text


def test_suggest_refusals_are_one_line_and_change_nothing(db_path: Path,
                                                          harbour_file: Path) -> None:
    [brief] = run_json(db_path, "import", str(harbour_file))
    before = _snapshot(db_path)
    ident = brief["id"]
    cases: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
        (("--quote", "lighthouse keeper", "--with", "x"), ("not in the brief", TITLE)),
        (("--quote", "port's", "--with", "x", "--occurrence", "4"),
         ("occurs only 3 times", "not 4")),
        (("--quote", "crane", "--with", "x", "--occurrence", "0"), ("--occurrence",)),
        (("--quote", "forty tonnes", "--with", "forty tonnes"), ("same as",)),
        (("--quote", "port's budget", "--with", "port’s budget"), ("same as",)),
        (("--quote", "largest purchase. The harbour board", "--with", "x"),
         ("across paragraphs",)),
        (("--quote", "  ", "--with", "x"), ("empty",)),
    ]
    for args, words in cases:
        assert_one_line_error(run(db_path, "suggest", ident, *args, ok=False), *words)
    assert_one_line_error(run(db_path, "suggest", "ffffffff", "--quote", "crane", "--with",
                              "hoist", ok=False), "no brief")
    assert_one_line_error(run(db_path, "suggest", ident, "--quote", "crane", ok=False),
                          "--with", status=2)
    assert _snapshot(db_path) == before
    assert run_json(db_path, "show", ident)["suggestions"] == []


# --- reply ---------------------------------------------------------------------------------


def test_reply_by_id_or_its_start_threads_under_the_annotation(db_path: Path,
                                                               harbour_file: Path) -> None:
    [brief] = run_json(db_path, "import", str(harbour_file))
    note = run_json(db_path, "annotate", brief["id"], "--quote", "bought in 2023",
                    "--tag", "indicator", "--comment", "Which month?")
    first = run(db_path, "reply", note["id"][:6], "--text", "March, per the board’s minutes.")
    lines = first.stdout.splitlines()
    assert "'bought in 2023'" in lines[0] and "1 reply" in lines[0]
    assert lines[1].startswith("  id: ")
    second = run_json(db_path, "reply", note["id"].upper(), "--text", "  Thanks.  ",
                      "--reviewer", "Ola Berg")
    assert second["annotation_id"] == note["id"] and second["brief_id"] == brief["id"]
    assert second["reviewer"] == "Ola Berg" and second["text"] == "Thanks."
    assert second["created"][:2] == "20"

    [shown] = run_json(db_path, "show", brief["id"])["annotations"]
    assert [(r["reviewer"], r["text"]) for r in shown["replies"]] == [
        ("Test Reviewer", "March, per the board’s minutes."), ("Ola Berg", "Thanks.")]
    assert shown["replies"][0]["id"] == lines[1].split()[1]
    assert shown["replies"][1]["id"] == second["id"]


def test_reply_refusals_are_one_line_and_change_nothing(db_path: Path,
                                                        harbour_file: Path) -> None:
    from reviewdesk.domain.anchor import anchor_at
    from reviewdesk.domain.review import Annotation
    from reviewdesk.services.reviewers import ensure_reviewer
    from reviewdesk.storage.store import Store

    [brief] = run_json(db_path, "import", str(harbour_file))
    twins = ["abcd0000-0000-4000-8000-000000000001", "abcd1111-0000-4000-8000-000000000002"]
    with Store(db_path) as store, store.transaction() as tx:
        found = tx.briefs.title_and_text(brief["id"])
        assert found is not None
        text = found[1]
        start = text.index("crane")
        author = ensure_reviewer(tx, "Test Reviewer")
        tx.annotations.add_all([
            Annotation(id=ident, brief_id=brief["id"], reviewer_id=author.id,
                       anchor=anchor_at(text, start, start + len("crane")))
            for ident in twins])
    before = _snapshot(db_path)
    cases: list[tuple[tuple[str, ...], tuple[str, ...], int]] = [
        (("abcd", "--text", "Which crane?"), ("more than one annotation", "give more"), 1),
        (("0123", "--text", "Which crane?"), ("no annotation '0123'",), 1),
        (("", "--text", "Which crane?"), ("name an annotation",), 1),
        ((twins[0], "--text", "   "), ("needs some text",), 1),
        ((twins[0], "--text", ""), ("needs some text",), 1),
        ((twins[0],), ("--text",), 2),
    ]
    for args, words, status in cases:
        assert_one_line_error(run(db_path, "reply", *args, ok=False), *words, status=status)
    assert _snapshot(db_path) == before
    reply = run_json(db_path, "reply", "abcd1", "--text", "The older one.")
    assert reply["annotation_id"] == twins[1]


# --- export: refusals that come before the engine ------------------------------------------


def test_export_usage_and_unknown_brief_are_one_line(db_path: Path, brief_file: Path,
                                                     tmp_path: Path) -> None:
    [brief] = run_json(db_path, "import", str(brief_file))
    out = tmp_path / "review.docx"
    assert_one_line_error(run(db_path, "export", brief["id"], ok=False), "-o", status=2)
    assert_one_line_error(run(db_path, "export", "-o", str(out), ok=False), "BRIEF", status=2)
    assert_one_line_error(run(db_path, "export", brief["id"], "-o", str(out), "--colour",
                              ok=False), "--colour", status=2)
    assert_one_line_error(run(db_path, "export", "ffffffff", "-o", str(out), ok=False),
                          "no brief 'ffffffff'")
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx*")) and not list(tmp_path.glob(".*.docx*"))


# --- export: these need the engine ---------------------------------------------------------


def _review(db: Path, brief_id: str) -> dict[str, str]:
    """Two annotations by two reviewers, a reply and a suggested edit on the Lake Corrin brief."""
    first = run_json(db, "annotate", brief_id, "--quote", "closed season", "--tag",
                     "indicator", "--comment", "Since when?")
    second = run_json(db, "annotate", brief_id, "--quote", "council", "--occurrence", "2",
                      "--tag", "Indicator › economic", "--reviewer", "Ines Duarte")
    run(db, "reply", first["id"], "--text", "Since the 2024 agreement.")
    edit = run_json(db, "suggest", brief_id, "--quote", "six weeks", "--with", "eight weeks")
    return {"first": first["id"], "second": second["id"], "suggestion": edit["id"]}


def _comment_texts(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    return [comment.text for comment in document.comments]


def test_export_writes_a_word_file_with_the_review(db_path: Path, brief_file: Path,
                                                   tmp_path: Path) -> None:
    import docx

    [brief] = run_json(db_path, "import", str(brief_file))
    _review(db_path, brief["id"])
    out = tmp_path / "lake corrin (review).docx"
    report = run_json(db_path, "export", brief["id"][:8], "-o", str(out))
    assert set(report) == {"path", "base", "comments", "replies", "highlights",
                           "tracked_changes", "warnings", "warnings_count", "truncated"}
    assert Path(report["path"]) == out and report["base"] == "clean"
    # The suggested rewording is two tracked changes: a deletion and an insertion.
    assert (report["comments"], report["replies"], report["tracked_changes"]) == (2, 1, 2)
    assert report["highlights"] == 2
    assert isinstance(report["warnings"], list)
    assert report["warnings_count"] == len(report["warnings"]) and not report["truncated"]

    document = docx.Document(str(out))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Lake Corrin Fisheries Outlook" in body and "closed season" in body
    comments = _comment_texts(out)
    assert "[Indicator] Since when?" in comments
    assert "Since the 2024 agreement." in comments
    assert any(text.startswith("[Indicator › economic]") for text in comments)
    with zipfile.ZipFile(out) as package:
        custom = package.read("docProps/custom.xml").decode("utf-8")
    assert "ReviewDeskBriefId" in custom and brief["id"] in custom
    assert "ReviewDeskBriefVersion" in custom
    # The temporary file was renamed into place: nothing else is left beside the export.
    assert {p.name for p in tmp_path.iterdir()
            if not p.name.startswith(db_path.name)} == {brief_file.name, out.name}

    again = tmp_path / "again.docx"
    result = run(db_path, "export", "Lake Corrin Fisheries Outlook", "-o", str(again))
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"Exported 'Lake Corrin Fisheries Outlook' to {again}: ")
    assert "2 comments, 1 reply, 2 highlights, 2 tracked changes" in line
    assert line.endswith("(built from the brief's text)")
    assert docx.Document(str(again)) is not None


def test_export_options_choose_what_goes_in(db_path: Path, brief_file: Path,
                                            tmp_path: Path) -> None:
    import docx

    from reviewdesk.domain.review import AnnotationStatus
    from reviewdesk.services.annotations import update_annotation
    from reviewdesk.storage.store import Store

    [brief] = run_json(db_path, "import", str(brief_file))
    ids = _review(db_path, brief["id"])

    def export(name: str, *options: str) -> dict[str, Any]:
        report: dict[str, Any] = run_json(db_path, "export", brief["id"], "-o",
                                          str(tmp_path / name), *options)
        return report

    by_ines = export("ines.docx", "--reviewer", "ines duarte")
    assert (by_ines["comments"], by_ines["replies"], by_ines["tracked_changes"]) == (1, 0, 0)
    both = export("both.docx", "--reviewer", "Ines Duarte", "--reviewer", "Test Reviewer")
    assert both["comments"] == 2 and both["tracked_changes"] == 2
    indicators = export("indicators.docx", "--tag", "Indicator")  # includes its sub-tags
    assert indicators["comments"] == 2
    economic = export("economic.docx", "--tag", "economic")
    assert economic["comments"] == 1 and economic["replies"] == 0

    no_edits = export("no-edits.docx", "--no-suggestions")
    assert no_edits["tracked_changes"] == 0 and no_edits["comments"] == 2

    with Store(db_path) as store:
        update_annotation(store, ids["first"], status=AnnotationStatus.RESOLVED)
    with_resolved = export("with-resolved.docx")
    assert with_resolved["comments"] == 2 and with_resolved["replies"] == 1
    open_only = export("open-only.docx", "--no-resolved")
    assert open_only["comments"] == 1 and open_only["replies"] == 0

    full = docx.Document(str(tmp_path / "with-resolved.docx"))
    short = export("short.docx", "--no-appendix")
    assert short["comments"] == 2
    assert len(docx.Document(str(tmp_path / "short.docx")).paragraphs) < len(full.paragraphs)

    for args, words in [(("--reviewer", "Nobody Here"), ("no reviewer",)),
                        (("--tag", "gossip"), ("gossip",))]:
        target = tmp_path / "refused.docx"
        assert_one_line_error(run(db_path, "export", brief["id"], "-o", str(target), *args,
                                  ok=False), *words)
        assert not target.exists()


def test_export_never_overwrites_the_source_and_leaves_nothing_on_failure(
        db_path: Path, brief_file: Path, tmp_path: Path) -> None:
    [brief] = run_json(db_path, "import", str(brief_file))
    original = brief_file.read_bytes()
    assert_one_line_error(run(db_path, "export", brief["id"], "-o", str(brief_file), ok=False))
    assert brief_file.read_bytes() == original

    missing = tmp_path / "no such folder" / "review.docx"
    assert_one_line_error(run(db_path, "export", brief["id"], "-o", str(missing), ok=False))
    assert not missing.parent.exists()
