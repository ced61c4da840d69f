"""`reviewdesk search` run as a user would: matches grouped by brief, JSON, and the
sentences for no match and for a query without a word."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli import assert_one_line_error, run, run_json


def test_search_prints_matches_grouped_by_brief(db_path: Path, brief_file: Path) -> None:
    [imported] = run_json(db_path, "import", str(brief_file))
    run(db_path, "annotate", imported["id"][:8], "--quote", "closed season", "--tag",
        "indicator", "--comment", "Ask the harbourmaster")
    lines = run(db_path, "search", "harbourmaster").stdout.splitlines()
    assert lines[0] == f"{imported['title']}  ({imported['id'][:8]})"
    assert lines[1].startswith("  comment  Ask the «harbourmaster»  (at ")
    assert lines[-1] == "1 match in 1 brief."

    found = run_json(db_path, "search", "joint", "pat")
    [brief] = found["briefs"]
    assert (found["query"], found["matches"], brief["id"]) == ("joint pat", 1,
                                                               imported["id"])
    [hit] = brief["hits"]
    start, end = hit["marks"][0]
    assert hit["kind"] == "text" and hit["snippet"][start:end] == "joint"


def test_no_match_and_no_word(db_path: Path, brief_file: Path) -> None:
    run(db_path, "import", str(brief_file))
    assert run(db_path, "search", "quokka").stdout == "No matches for “quokka”.\n"
    assert_one_line_error(run(db_path, "search", '"', ok=False), "one word to search for")
