"""`reviewdesk summary` driven as a user would: real processes on a database built with the
review of three briefs (see tests/unit/services/test_summary.py)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from tests.unit.services.test_summary import AMINA, INES, Review, build_review

from reviewdesk.storage.store import Store

KEYS = {"briefs", "by_tag", "by_reviewer", "by_section", "references", "recommendations",
        "recurring_recommendations", "unresolved", "progress", "agreement", "timeline"}


def run(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REVIEWDESK_REVIEWER": "Test Reviewer"}
    result = subprocess.run([sys.executable, "-m", "reviewdesk", "--db", str(db), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if ok:
        assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reviewdesk: error: ")
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


@pytest.fixture
def review(db_path: Path, tmp_path: Path) -> Review:
    with Store(db_path) as store:
        return build_review(store, tmp_path)


def test_summary_as_json(db_path: Path, review: Review) -> None:
    result = run(db_path, "summary", "--json")
    data: dict[str, Any] = json.loads(result.stdout)
    assert set(data) == KEYS
    assert [b["title"] for b in data["briefs"]] == ["Northfield Grain Corridor",
                                                    "Southern Rail Link", "Eastern Border Markets"]
    assert [b["annotations"] for b in data["briefs"]] == [4, 2, 1]
    assert data["references"] == {"unchecked": 4, "verified": 1, "problem": 1}
    assert data["recommendations"]["by_status"]["accepted"] == 1
    assert (data["recommendations"]["decided"], data["recommendations"]["total"]) == (2, 6)
    assert data["by_tag"]["top_level"] == {"Claim": 1, "Indicator": 6}
    assert data["by_reviewer"]["total"] == {AMINA: 4, INES: 3}
    assert [[i["brief"] for i in g] for g in data["recurring_recommendations"]] == [
        [review.grain, review.rail], [review.grain, review.market]]
    assert len(data["unresolved"]) == 3
    assert data["progress"][INES] == {"annotations": 3, "resolved": 0, "replies": 1}
    assert [t["date"] for t in data["timeline"]] == ["21 March 2023", "August 2023",
                                                     "mid-2024", "1 Saur 1403", "June 2024"]
    # The same database prints the same bytes.
    assert run(db_path, "summary", "--json").stdout == result.stdout


def test_summary_for_people(db_path: Path, review: Review) -> None:
    out = run(db_path, "summary").stdout
    assert out.startswith("3 briefs, 7 annotations by 2 reviewers\n")
    assert "Northfield Grain Corridor: 4 annotations; references 1 verified, 1 problem" in out
    assert "Recurring recommendations: 2" in out
    assert "21 March 2023 / 1 Hamal 1402" in out


def test_summary_of_one_brief(db_path: Path, review: Review) -> None:
    data = json.loads(run(db_path, "summary", "--brief", "southern rail link", "--json").stdout)
    assert [b["id"] for b in data["briefs"]] == [review.rail]
    data = json.loads(run(db_path, "summary", "--brief", review.market[:8], "--json").stdout)
    assert [b["id"] for b in data["briefs"]] == [review.market]
    assert data["progress"] == {INES: {"annotations": 1, "resolved": 0, "replies": 0}}


def test_bad_brief_and_bad_report_name(db_path: Path, review: Review, tmp_path: Path) -> None:
    one_line_error(run(db_path, "summary", "--brief", "Atlantis", ok=False),
                   "no brief 'Atlantis'")
    one_line_error(run(db_path, "summary", "--report", str(tmp_path / "out.pdf"), ok=False),
                   "'.pdf'", ".docx, .csv or .xlsx")
    one_line_error(run(db_path, "summary", "--report", str(tmp_path / "nowhere" / "out.csv"),
                       ok=False), "does not exist")
    assert not (tmp_path / "out.pdf").exists()
    # The name is checked before anything else: an unknown brief with it still names it.
    one_line_error(run(db_path, "summary", "--brief", "Atlantis", "--report",
                       str(tmp_path / "out.txt"), ok=False), "'.txt'")


def test_reports(db_path: Path, review: Review, tmp_path: Path) -> None:
    word = tmp_path / "summary.docx"
    result = run(db_path, "summary", "--report", str(word))
    assert f"Wrote the summary to {word} (17 tables, 5 charts)" in result.stdout
    document = docx.Document(str(word))
    assert document.paragraphs[0].text == "Review summary"
    assert len(document.inline_shapes) == 5
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"Northfield Grain Corridor", "Indicator › economic", "1 Hamal 1402"} <= cells

    table = tmp_path / "summary.csv"
    result = run(db_path, "summary", "--report", str(table), "--json")
    assert set(json.loads(result.stdout)) == KEYS  # the JSON stays clean...
    assert f"Wrote the summary to {table}" in result.stderr  # ...the message goes aside
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["section", "brief_id", "brief", "key", "field", "value"]
    assert ["references", "", "", "problem", "Entries", "1"] in rows

    book = tmp_path / "summary.xlsx"
    run(db_path, "summary", "--report", str(book))
    sheet = load_workbook(book)["by_reviewer"]
    assert [tuple(r) for r in sheet.iter_rows(values_only=True)] == [
        ("Reviewer", "Annotations"), (AMINA, 4), (INES, 3)]


def test_summary_of_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    assert "No briefs in the store yet" in run(db, "summary").stdout
    data = json.loads(run(db, "summary", "--json").stdout)
    assert set(data) == KEYS and data["briefs"] == [] and data["agreement"] == {}
    run(db, "summary", "--report", str(tmp_path / "empty.docx"))
    assert docx.Document(str(tmp_path / "empty.docx")).paragraphs[0].text == "Review summary"
