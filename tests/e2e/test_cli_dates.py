"""`reviewdesk date`: a reviewer sets, corrects and clears an indicator's date, and show,
summary and the exported appendix say how each date was had. A Persian brief written for
this test carries its language and directions through show --json."""

from __future__ import annotations

from pathlib import Path

import docx
from tests.e2e.test_cli import assert_one_line_error, run, run_json

BRIEF = """# River Crossings

## Indicators

The ferry landing closed on 4 March 2024 for repairs. Two months later the county
cancelled the night crossings. Trade along the river slowed.
"""

PERSIAN = """# گذرگاه‌های رود

## نشانه‌ها

وزارت راه در ۱۵ مهر ۱۴۰۳ پل تازه‌ای را بر رود گشود و بازار مرزی در خرداد ۱۴۰۲ بازگشایی شد.
"""


def test_set_correct_and_clear_an_indicators_date(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "crossings.md"
    path.write_text(BRIEF, encoding="utf-8")
    [brief] = run_json(db_path, "import", str(path))
    cancelled = run(db_path, "annotate", brief["id"], "--quote", "cancelled the night crossings",
                    "--tag", "Indicator").stdout.strip()
    slowed = run(db_path, "annotate", brief["id"], "--quote", "Trade along the river slowed",
                 "--tag", "Indicator").stdout.strip()

    notes = {n["id"]: n for n in run_json(db_path, "show", brief["id"])["annotations"]}
    assert (notes[cancelled]["date"], notes[cancelled]["date_stated"],
            notes[cancelled]["date_origin"]) == ("May 2024", False, "inferred")
    assert "“Two months later” after “4 March 2024”" in notes[cancelled]["date_source"]
    assert notes[slowed]["date_origin"] == "inferred"

    dated = run_json(db_path, "date", slowed[:8], "2024-11")
    assert (dated["date_set"], dated["date"], dated["date_origin"]) == (
        "November 2024", "November 2024", "reviewer")
    timeline = run_json(db_path, "summary")["timeline"]
    assert [(t["date"], t["date_stated"], t["date_origin"]) for t in timeline] == [
        ("May 2024", False, "inferred"), ("November 2024", False, "reviewer")]
    printed = run(db_path, "summary").stdout
    assert "(inferred from “Two months later” after “4 March 2024”)" in printed
    assert "(set by a reviewer)" in printed

    out = tmp_path / "reviewed.docx"
    run(db_path, "export", brief["id"], "-o", str(out))
    cells = [cell.text for table in docx.Document(str(out)).tables for row in table.rows
             for cell in row.cells]
    assert any("(set by a reviewer)" in cell for cell in cells)
    assert any("(inferred from" in cell for cell in cells)

    cleared = run(db_path, "date", slowed, "--clear").stdout
    assert "inferred from the date “4 March 2024” earlier in the paragraph" in cleared
    assert_one_line_error(run(db_path, "date", slowed, "next spring", ok=False),
                          "'next spring' is not a date ReviewDesk can read")
    assert_one_line_error(run(db_path, "date", slowed, ok=False), "--clear")


def test_a_persian_brief_in_show_json(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "crossings-fa.md"
    path.write_text(PERSIAN, encoding="utf-8")
    [brief] = run_json(db_path, "import", str(path))
    shown = run_json(db_path, "show", brief["id"])
    assert shown["language"] == "fa"
    assert all(block["rtl"] for s in shown["sections"] for block in s["blocks"])
    [candidate] = shown["indicator_candidates"]
    assert (candidate["date"], candidate["date_stated"]) == ("۱۵ مهر ۱۴۰۳", True)
    note = run_json(db_path, "annotate", brief["id"], "--quote", "بازار مرزی", "--tag",
                    "Indicator")
    dated = run_json(db_path, "date", note["id"], "۱ تیر ۱۴۰۲")
    assert (dated["date"], dated["other_calendar"]) == ("۱ تیر ۱۴۰۲", "22 June 2023")
