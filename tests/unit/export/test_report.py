"""The summary report as Word, CSV and Excel files, and the charts drawn for it."""

from __future__ import annotations

import csv
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from tests.support.disks import full_disk, leftovers, read_only_folder
from tests.unit.services.test_summary import AMINA, INES, Review, build_review

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
def data(store: Store, review: Review) -> dict[str, Any]:
    return summary_of(store).to_dict()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


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


def _table(data: Mapping[str, Any], name: str) -> report_module.ReportTable:
    return next(t for t in report_tables(data) if t.name == name)


def test_tables_hold_the_figures(data: dict[str, Any], review: Review) -> None:
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


def test_agreement_that_is_not_shaped_as_expected_is_listed_as_measures(
        data: dict[str, Any], review: Review) -> None:
    data = dict(data, agreement={review.grain: {"kappa": 0.5, "pairs": [{"a": "x"}]}})
    [table] = [t for t in report_tables(data) if t.name.startswith("agreement")]
    assert [r.cells for r in table.rows] == [("kappa", 0.5), ("pairs.1.a", "x")]


# --- Word -----------------------------------------------------------------------------------


def test_word_report(data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "summary.docx"
    result = write_report(data, path)
    assert (result.format, result.tables, result.charts, result.warnings) == (
        "docx", 17, 5, ())
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


def test_word_report_without_charts_and_with_odd_text(data: dict[str, Any],
                                                     tmp_path: Path) -> None:
    data = dict(data, unresolved=[dict(data["unresolved"][0], comment="bell\x07 <&> ok")])
    path = tmp_path / "plain.docx"
    assert write_report(data, path, charts=False).charts == 0
    document = docx.Document(str(path))
    assert not document.inline_shapes
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "bell <&> ok" in cells


# --- CSV and Excel --------------------------------------------------------------------------


def test_csv_report(data: dict[str, Any], review: Review, tmp_path: Path) -> None:
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


def test_excel_report(data: dict[str, Any], tmp_path: Path) -> None:
    data = dict(data, unresolved=[dict(data["unresolved"][0], comment="=1+1")])
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
def test_a_failed_report_leaves_nothing(data: dict[str, Any], tmp_path: Path,
                                        suffix: str) -> None:
    name = f"summary{suffix}"
    with full_disk(tmp_path / "full", {name: b"an older report"}) as disk:
        path = disk.folder / name
        with pytest.raises(WriteError, match=f"^cannot write {path}: the disk is full$"):
            write_report(data, path, charts=False)
        assert path.read_bytes() == b"an older report"
        assert leftovers(disk.folder) == [name]  # no temporary file left
    with read_only_folder(tmp_path / "ro", {name: b"an older report"}) as disk:
        path = disk.folder / name
        with pytest.raises(WriteError, match=disk.reason):
            write_report(data, path, charts=False)
        assert path.read_bytes() == b"an older report"
        assert leftovers(disk.folder) == [name]


# --- Charts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(640, 360), (1000, 300), (420, 700)])
def test_every_chart_is_a_png_of_the_asked_size(data: dict[str, Any],
                                                size: tuple[int, int]) -> None:
    from PySide6.QtGui import QImage

    from reviewdesk.ui.charts import CHART_KINDS, render_chart

    for kind in CHART_KINDS:
        picture = render_chart(kind, data, *size)
        assert png_size(picture) == size
        image = QImage.fromData(picture, "PNG")
        assert (image.width(), image.height()) == size
        assert _inked(image) > 0.01, kind  # something is drawn, not a blank page


def test_charts_of_an_empty_store(store: Store) -> None:
    from PySide6.QtGui import QImage

    from reviewdesk.ui.charts import CHART_KINDS, render_chart

    summary = summary_of(store)
    for kind in CHART_KINDS:
        image = QImage.fromData(render_chart(kind, summary, 500, 300), "PNG")
        assert 0 < _inked(image) < 0.2, kind  # a title and a "nothing yet" line


def test_charts_refuse_what_they_cannot_draw(data: dict[str, Any]) -> None:
    from reviewdesk.ui.charts import ChartView, render_chart

    with pytest.raises(ValueError, match="no chart 'pie'"):
        render_chart("pie", data)
    with pytest.raises(ValueError, match="at least one pixel"):
        render_chart("tags", data, 0, 10)
    with pytest.raises(ValueError, match="no chart 'pie'"):
        ChartView("pie")


def test_the_chart_view_paints_what_the_picture_shows(data: dict[str, Any], qtbot: Any) -> None:
    from PySide6.QtGui import QImage

    from reviewdesk.ui.charts import ChartView, render_chart

    view = ChartView("timeline", data)
    qtbot.addWidget(view)
    view.resize(700, 380)
    shown = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    drawn = QImage.fromData(render_chart("timeline", data, 700, 380), "PNG").convertToFormat(
        QImage.Format.Format_RGB32)
    assert shown.size() == drawn.size()
    assert shown == drawn
    view.set_kind("progress")
    assert view.kind == "progress" and view.accessibleName() == "Reviewer progress"


def _inked(image: Any) -> float:
    """The share of sampled pixels that are not white."""
    step = 4
    samples = inked = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            inked += image.pixel(x, y) & 0xFFFFFF != 0xFFFFFF
    return inked / samples
