"""The summary report as Word, CSV and Excel files."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from tests.support.disks import full_disk, leftovers, read_only_folder
from tests.unit.services.test_summary import AMINA, INES, Review, build_review

from reviewdesk.domain.summary import Summary
from reviewdesk.errors import InputError, WriteError
from reviewdesk.export import report as report_module
from reviewdesk.export.report import (
    CSV_COLUMNS,
    check_report_path,
    report_tables,
    write_report,
)
from reviewdesk.services.summary import summary_of
from reviewdesk.storage.store import Store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def review(store: Store, tmp_path: Path) -> Review:
    return build_review(store, tmp_path)


@pytest.fixture
def data(store: Store, review: Review) -> Summary:
    return summary_of(store)


def _with_comment(data: Summary, comment: str) -> Summary:
    """The summary with its first open comment saying `comment`."""
    return replace(data, unresolved=(replace(data.unresolved[0], comment=comment),))


# --- Names ----------------------------------------------------------------------------------


def test_a_report_is_docx_csv_or_xlsx(tmp_path: Path) -> None:
    assert check_report_path(tmp_path / "a.DOCX") == "docx"
    assert check_report_path(tmp_path / "a.csv") == "csv"
    assert check_report_path(tmp_path / "a.xlsx") == "xlsx"
    with pytest.raises(InputError, match=r"cannot write a report as '\.pdf'; name a \.docx"):
        check_report_path(tmp_path / "a.pdf")
    with pytest.raises(InputError, match="a name without an extension"):
        check_report_path(tmp_path / "report")
    with pytest.raises(InputError, match="does not exist"):
        check_report_path(tmp_path / "missing" / "a.csv")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(InputError, match="it is a folder"):
        check_report_path(tmp_path / "folder.csv")


# --- The tables -----------------------------------------------------------------------------


def _table(data: Summary, name: str) -> report_module.ReportTable:
    return next(t for t in report_tables(data) if t.name == name)


def test_tables_hold_the_figures(data: Summary, review: Review) -> None:
    names = [t.name for t in report_tables(data)]
    assert names == ["briefs", "by_tag", "by_tag.top_level", "by_tag.per_brief", "by_reviewer",
                     "by_reviewer.per_brief", "by_section.by_kind", "by_section", "references",
                     "recommendations.by_status", "recommendations.by_addressee",
                     "recurring_recommendations", "unresolved", "progress", "agreement",
                     "agreement.disagreements", "timeline"]
    briefs = _table(data, "briefs")
    assert [(r.brief, r.cells[1]) for r in briefs.rows] == [
        ("Northfield Grain Corridor", 4), ("Southern Rail Link", 2),
        ("Eastern Border Markets", 1)]
    assert [r.cells for r in _table(data, "references").rows] == [
        ("unchecked", 4), ("verified", 1), ("problem", 1)]
    assert [r.cells for r in _table(data, "progress").rows] == [(AMINA, 4, 1, 1),
                                                                 (INES, 3, 0, 1)]
    recurring = _table(data, "recurring_recommendations")
    assert [(r.brief_id, r.cells[0]) for r in recurring.rows] == [
        (review.grain, 1), (review.rail, 1), (review.grain, 2), (review.market, 2)]


def test_agreement_tables(data: Summary, review: Review) -> None:
    scores = _table(data, "agreement")
    report = data.agreement[review.grain]
    assert [r.cells[:2] for r in scores.rows] == [
        (entry.tag, f"{AMINA} / {INES}") for entry in report.tags for _ in entry.pairs]
    assert scores.rows[0].cells[6] == round(report.tags[0].alpha_u or 0, 4)
    differences = _table(data, "agreement.disagreements")
    assert [r.cells[1:4] for r in differences.rows] == [
        (item.tag, item.start, item.end) for item in report.disagreements]


# --- Word -----------------------------------------------------------------------------------


def test_word_report(data: Summary, tmp_path: Path) -> None:
    from reviewdesk.ui.charts import render_chart

    path = tmp_path / "summary.docx"
    result = write_report(data, path, charts=render_chart)
    assert (result.format, result.tables, result.charts) == ("docx", 17, 5)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Review summary"
    assert texts[1].startswith("3 briefs, 7 annotations by 2 reviewers; 6 references "
                               "(1 verified, 1 with a problem); 2 of 6 recommendations decided;")
    assert {"Briefs", "Reference checks", "Recurring recommendations", "Dated indicators",
            "Agreement between reviewers"} <= set(texts)
    assert len(document.tables) == 17
    tables = {table.rows[0].cells[0].text + "|" + table.rows[0].cells[1].text: table
              for table in document.tables}
    briefs = tables["Brief|Version"]
    assert [c.text for c in briefs.rows[1].cells][:3] == ["Northfield Grain Corridor", "1", "4"]
    references = [[c.text for c in row.cells] for row in tables["Check|Entries"].rows]
    assert references == [["Check", "Entries"], ["unchecked", "4"], ["verified", "1"],
                          ["problem", "1"]]
    assert tables["Brief|#"].rows[1].cells[2].text == "21 March 2023"  # the timeline
    assert len(document.inline_shapes) == 5
    with zipfile.ZipFile(path) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(pictures) == 5
        assert all(package.read(n)[:8] == PNG_SIGNATURE for n in pictures)


def test_word_report_without_charts_and_with_odd_text(data: Summary,
                                                     tmp_path: Path) -> None:
    data = _with_comment(data, "bell\x07 <&> ok")
    path = tmp_path / "plain.docx"
    assert write_report(data, path).charts == 0
    document = docx.Document(str(path))
    assert not document.inline_shapes
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "bell <&> ok" in cells


# --- CSV and Excel --------------------------------------------------------------------------


def test_csv_report(data: Summary, review: Review, tmp_path: Path) -> None:
    path = tmp_path / "summary.csv"
    assert write_report(data, path).format == "csv"
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # a BOM, for Excel
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert all(len(row) == 6 for row in rows)
    lines = {tuple(row) for row in rows[1:]}
    grain = (review.grain, "Northfield Grain Corridor")
    assert ("briefs", *grain, "", "Annotations", "4") in lines
    assert ("briefs", *grain, "", "References with a problem", "1") in lines
    assert ("by_tag", "", "", "Indicator › economic", "Annotations", "2") in lines
    assert ("by_tag.top_level", "", "", "Indicator", "Annotations", "6") in lines
    assert ("by_section", *grain, "Indicators / indicators", "Annotations", "3") in lines
    assert ("references", "", "", "verified", "Entries", "1") in lines
    assert ("recommendations.by_status", "", "", "proposed", "Recommendations", "4") in lines
    assert ("progress", "", "", AMINA, "Replies", "1") in lines
    assert ("timeline", *grain, "1", "Both written", "yes") in lines
    assert ("timeline", *grain, "1", "Other calendar", "1 Hamal 1402") in lines
    assert ("recurring_recommendations", review.market, "Eastern Border Markets", "2",
            "Recommendation",
            "Cold storage close to the border crossing needs funding from donors.") in lines
    sections = [row[0] for row in rows[1:]]
    assert sections.index("briefs") < sections.index("timeline")


def test_excel_report(data: Summary, tmp_path: Path) -> None:
    data = _with_comment(data, "=1+1")
    path = tmp_path / "summary.xlsx"
    assert write_report(data, path).format == "xlsx"
    workbook = load_workbook(path)
    assert workbook.sheetnames == [t.name for t in report_tables(data)]
    references = [tuple(r) for r in workbook["references"].iter_rows(values_only=True)]
    assert references == [("Check", "Entries"), ("unchecked", 4), ("verified", 1),
                          ("problem", 1)]
    progress = [tuple(r) for r in workbook["progress"].iter_rows(values_only=True)]
    assert progress[1] == (AMINA, 4, 1, 1)
    briefs = [tuple(r) for r in workbook["briefs"].iter_rows(values_only=True)]
    assert briefs[0][:3] == ("Brief", "Version", "Annotations")
    assert briefs[1][:3] == ("Northfield Grain Corridor", 1, 4)
    comment = workbook["unresolved"].cell(row=2, column=6)
    assert comment.value == "=1+1" and comment.data_type == "s"  # words, not a formula


@pytest.mark.parametrize("suffix", [".docx", ".csv", ".xlsx"])
def test_a_failed_report_leaves_nothing(data: Summary, tmp_path: Path,
                                        suffix: str) -> None:
    name = f"summary{suffix}"
    with full_disk(tmp_path / "full", {name: b"an older report"}) as disk:
        path = disk.folder / name
        with pytest.raises(WriteError, match=f"^cannot write {path}: the disk is full$"):
            write_report(data, path)
        assert path.read_bytes() == b"an older report"
        assert leftovers(disk.folder) == [name]  # no temporary file left
    with read_only_folder(tmp_path / "ro", {name: b"an older report"}) as disk:
        path = disk.folder / name
        with pytest.raises(WriteError, match=disk.reason):
            write_report(data, path)
        assert path.read_bytes() == b"an older report"
        assert leftovers(disk.folder) == [name]
