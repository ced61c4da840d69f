"""View → Summary: the overview tables say what summary_of says, the agreement tab finds a
planted disagreement, a double-click goes to the brief, and the report is written."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QTableWidget
from pytestqt.qtbot import QtBot
from tests.ui.qt_helpers import show_active

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.services.summary import summary_of
from reviewdesk.services.tracking import (
    recommendations_of,
    references_of,
    set_reference_check,
    update_recommendation,
)
from reviewdesk.storage.store import Store
from reviewdesk.ui.agreement_tab import quoted, score_text
from reviewdesk.ui.charts import CHART_KINDS
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.summary_tables import PAYLOAD_ROLE, table_rows
from reviewdesk.ui.summary_window import ALL_BRIEFS, SummaryWindow

FERRY_MD = """\
# Harbour Ferry Reform

## Overview

The harbour ferries of Selwick carry eleven thousand riders a day.

## Developments

- In April 2024 the city council merged the two ferry operators.
- On 9 September 2024 a night service started on the northern route.
- Fares on the short crossing rose by a fifth last winter.

## Recommendations

1. The ferry board should publish monthly ridership figures.
2. The city council should repair the Quayside pier before spring.

## References

- Selwick Council. (2024, April 12). Ferry merger approved. https://example.org/merger
- Harbour Riders Forum. (2024). Night service survey.
"""

WATER_MD = """\
# Upland Water Boards

## Background

Three upland districts share one reservoir and quarrel over its summer levels.

## Signals of change

- In May 2023 the districts agreed a common drought plan.
- Farmers now report their wells each quarter.

## Recommendations

- Every month the ferry board must make ridership figures public.
- The districts should train a joint team of pump engineers.

## References

- Upland Water Office. (2023). Drought plan. https://example.org/drought
"""

KOFI = "Kofi Mensah"
LENA = "Lena Varga"
PLANTED = "Fares on the short crossing rose by a fifth last winter."


@dataclass(frozen=True)
class Review:
    ferry: str
    water: str
    open_comment: str  # the id of Lena's unresolved comment on the water brief


@pytest.fixture
def review(store: Store, tmp_path: Path) -> Review:
    """Two briefs, two reviewers: both tag the merger on the ferry brief, only Kofi tags
    the fare rise as a Risk (the planted disagreement); comments, checks, decisions."""
    paths = []
    for name, text in (("ferry", FERRY_MD), ("water", WATER_MD)):
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    ferry, water = (result.id for result in import_files(store, paths))
    annotate(store, ferry, "the city council merged the two ferry operators",
             tag="Indicator › economic", reviewer=KOFI)
    annotate(store, ferry, "the city council merged the two ferry operators",
             tag="Indicator › economic", reviewer=LENA, comment="Which operator leads?")
    annotate(store, ferry, "a night service started on the northern route", tag="Indicator",
             reviewer=LENA)
    annotate(store, ferry, "Fares on the short crossing rose by a fifth", tag="Risk",
             reviewer=KOFI, comment="Who pays the difference?")
    annotate(store, water, "agreed a common drought plan", tag="Indicator › diplomatic",
             reviewer=KOFI)
    comment = annotate(store, water, "report their wells each quarter", tag="Question",
                       reviewer=LENA, comment="Since which year?")
    first = references_of(store, ferry)[0].reference
    set_reference_check(store, first.id, "verified")
    update_recommendation(store, recommendations_of(store, ferry)[0].recommendation.id,
                          status="accepted", reviewer=KOFI)
    return Review(ferry, water, comment.id)



def _window(qtbot: QtBot, store: Store, settings: Settings) -> SummaryWindow:
    window = SummaryWindow(store, settings=settings)
    show_active(qtbot, window, 1280, 800)
    return window


def _counts(table: QTableWidget) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in table_rows(table)}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _double_click(qtbot: QtBot, table: QTableWidget, row: int) -> None:
    table.scrollToItem(table.item(row, 0))
    rect = table.visualItemRect(table.item(row, 0))
    point: QPoint = rect.center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_the_overview_shows_the_summary(qtbot: QtBot, store: Store, review: Review,
                                        settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    summary = summary_of(store)
    assert window.summary == summary
    data = summary.to_dict()  # what the tables show, as plain values
    assert window.brief_box.itemText(0) == ALL_BRIEFS and window.brief() is None
    assert [window.brief_box.itemText(i) for i in range(window.brief_box.count())] == [
        ALL_BRIEFS, "Harbour Ferry Reform", "Upland Water Boards"]
    tables = window.tables
    assert _counts(tables["by_tag"]) == data["by_tag"]["total"]
    assert _counts(tables["by_reviewer"]) == data["by_reviewer"]["total"] == {KOFI: 3, LENA: 3}
    assert _counts(tables["by_section_kind"]) == {
        _label(kind): n for kind, n in data["by_section"]["by_kind"].items()}
    assert [(row[1], int(row[3])) for row in table_rows(tables["by_section"])] == [
        (s["title"] or "(untitled)", s["annotations"])
        for b in data["briefs"] for s in data["by_section"]["per_brief"][b["id"]]]
    assert _counts(tables["references"]) == {
        _label(check): n for check, n in data["references"].items()}
    assert _counts(tables["references"])["Verified"] == 1
    assert _counts(tables["recommendations_by_status"]) == {
        _label(status): n for status, n in data["recommendations"]["by_status"].items()}
    assert _counts(tables["recommendations_by_addressee"]) == \
        data["recommendations"]["by_addressee"]
    assert {row[0]: tuple(int(n) for n in row[1:])
            for row in table_rows(tables["progress"])} == {
        name: (p["annotations"], p["resolved"], p["replies"])
        for name, p in data["progress"].items()}
    assert [(row[0], int(row[2])) for row in table_rows(tables["briefs"])] == [
        (b["title"], b["annotations"]) for b in data["briefs"]]
    # The same recommendation in other words, in two briefs, is one group.
    recurring = table_rows(tables["recurring"])
    assert len(data["recurring_recommendations"]) == 1
    assert [(row[0], row[1]) for row in recurring] == [
        ("1", "Harbour Ferry Reform"), ("1", "Upland Water Boards")]
    unresolved = table_rows(tables["unresolved"])
    assert [(row[1], row[4]) for row in unresolved] == [
        (u["reviewer"], u["comment"]) for u in data["unresolved"]]
    assert ("Upland Water Boards", LENA, "Question", "report their wells each quarter",
            "Since which year?") in unresolved
    assert "6 annotations by 2 reviewers" in window.headline.text()
    # Every chart is there, drawn from the same summary.
    assert sorted(window.charts) == sorted(CHART_KINDS)


def test_one_brief_and_refresh(qtbot: QtBot, store: Store, review: Review,
                               settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    window.set_brief(review.water)
    assert window.brief() == review.water
    assert window.summary == summary_of(store, review.water)
    assert _counts(window.tables["by_reviewer"]) == {KOFI: 1, LENA: 1}
    assert window.tables["by_section"].isColumnHidden(0)
    annotate(store, review.water, "share one reservoir", tag="Claim", reviewer=KOFI)
    assert _counts(window.tables["by_reviewer"]) == {KOFI: 1, LENA: 1}
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert _counts(window.tables["by_reviewer"]) == {KOFI: 2, LENA: 1}
    window.set_brief(None)
    assert window.summary == summary_of(store)


def test_the_agreement_tab_lists_the_planted_disagreement(
        qtbot: QtBot, store: Store, review: Review, settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    window.tabs.setCurrentIndex(2)
    data = summary_of(store).to_dict()
    assert set(data["agreement"]) == {review.ferry, review.water}
    tab = window.agreement
    tab.box.setCurrentIndex(tab.box.findData(review.ferry))
    report = data["agreement"][review.ferry]
    tags = {tab.scores.topLevelItem(i).text(0): tab.scores.topLevelItem(i)
            for i in range(tab.scores.topLevelItemCount())}
    assert set(tags) == set(report["tags"])
    risk = tags["Risk"]
    assert risk.text(5) == score_text(report["tags"]["Risk"]["alpha_u"])
    pair = report["tags"]["Risk"]["pairs"][0]
    assert risk.childCount() == 1
    assert [risk.child(0).text(c) for c in range(5)] == [
        f"{pair['a']} — {pair['b']}", *(score_text(pair[k])
                                         for k in ("precision", "recall", "f1", "kappa"))]
    rows = table_rows(tab.disagreements)
    assert (f"“{PLANTED}”", "Risk", KOFI, LENA, f"{KOFI}: Risk") in rows

    # Enter or a double-click asks for the sentence in its brief.
    row = rows.index((f"“{PLANTED}”", "Risk", KOFI, LENA, f"{KOFI}: Risk"))
    with qtbot.waitSignal(window.range_requested) as asked:
        _double_click(qtbot, tab.disagreements, row)
    brief_id, start, end = asked.args
    text = FERRY_MD  # the brief's text holds the sentence once
    assert brief_id == review.ferry and end - start == len(PLANTED)
    assert PLANTED in text


def test_quoting_and_scores() -> None:
    assert quoted("one two  three", 4, 14) == "“two three”"
    long = " ".join(f"word{i}" for i in range(100))
    shown = quoted(long, 0, len(long), limit=41)
    assert shown.startswith("“word0 ") and " … " in shown and shown.endswith("word99”")
    assert score_text(None) == "—" and score_text(0.66666) == "0.67"


def test_a_double_click_on_an_open_comment_opens_its_brief(
        qtbot: QtBot, store: Store, review: Review, settings: Settings) -> None:
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    main.open_brief(review.ferry)
    summary = main.show_summary()
    assert main.summary_window is summary and summary.isVisible() and not summary.isModal()
    assert summary.brief() == review.ferry  # the brief that is open
    assert summary.summary == summary_of(store, review.ferry)
    summary.set_brief(None)  # the Brief box: every brief
    assert summary.summary == summary_of(store)
    table = summary.tables["unresolved"]
    rows = [table.item(r, 0).data(PAYLOAD_ROLE) for r in range(table.rowCount())]
    row = [tuple(p) for p in rows].index((review.water, review.open_comment))
    with qtbot.waitSignal(summary.annotation_requested) as asked:
        _double_click(qtbot, table, row)
    assert asked.args == [review.water, review.open_comment]
    assert main.session.brief is not None and main.session.brief.id == review.water
    cursor = main.document.textCursor()
    assert cursor.selectedText() == "report their wells each quarter"
    assert main.session.selected_annotation() is not None
    assert main.session.selected_annotation().id == review.open_comment  # type: ignore[union-attr]
    # The same window comes back, computed again, on the brief now open.
    summary.close()
    assert main.show_summary() is summary
    assert summary.brief() == review.water
    assert summary.summary == summary_of(store, review.water)


def test_the_summary_opens_on_every_brief_when_none_is_open(
        qtbot: QtBot, store: Store, review: Review, settings: Settings) -> None:
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    summary = main.show_summary()
    assert summary.brief() is None and summary.brief_box.currentText() == ALL_BRIEFS
    assert summary.summary == summary_of(store)


def test_one_reviewer_reads_as_one(qtbot: QtBot, store: Store, review: Review,
                                   settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "pier.md"
    path.write_text("# Quayside Pier\n\nThe pier needs new pilings before the storms.\n",
                    encoding="utf-8")
    pier = import_files(store, [path])[0].id
    annotate(store, pier, "new pilings", tag="Indicator", reviewer=KOFI)
    window = SummaryWindow(store, settings=settings, brief_id=pier)
    qtbot.addWidget(window)
    assert window.brief() == pier
    assert window.headline.text().startswith(
        "1 brief · 1 annotation by 1 reviewer · 0 open comments · ")
    window.open_on(review.ferry)
    assert window.headline.text().startswith(
        "1 brief · 4 annotations by 2 reviewers · 2 open comments · ")


def test_the_menu_item(qtbot: QtBot, store: Store, review: Review,
                       settings: Settings) -> None:
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    assert main.summary_action.text() == "&Summary…"
    assert main.summary_action.shortcut().toString() == "Ctrl+Shift+Y"
    main.summary_action.trigger()
    assert main.summary_window is not None and main.summary_window.isVisible()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".docx"])
def test_the_report_is_written_off_the_gui_thread(qtbot: QtBot, store: Store, review: Review,
                                                  settings: Settings, tmp_path: Path,
                                                  suffix: str) -> None:
    window = _window(qtbot, store, settings)
    target = tmp_path / f"summary{suffix}"
    with qtbot.waitSignal(window.report_written, timeout=60_000) as written:
        window.export_report(target)
    assert written.args[0].path == target and target.stat().st_size > 0
    assert str(target) in window.status.text()
    assert window.export_button.isEnabled()
    if suffix == ".csv":
        assert "Which operator leads?" in target.read_text(encoding="utf-8-sig")
    else:
        assert zipfile.is_zipfile(target)
    if suffix == ".docx":
        assert written.args[0].charts > 0


def test_the_report_button_asks_for_the_file(qtbot: QtBot, store: Store, review: Review,
                                             settings: Settings, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, store, settings)
    chosen = tmp_path / "figures"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(chosen), "CSV files (*.csv)"))
    with qtbot.waitSignal(window.report_written, timeout=60_000):
        qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "figures.csv").is_file()
    assert settings.last_export_folder == str(tmp_path)


def test_a_report_that_cannot_be_written_says_why(qtbot: QtBot, store: Store, review: Review,
                                                  settings: Settings, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, store, settings)
    messages: list[str] = []
    monkeypatch.setattr(window, "show_error", messages.append)
    window.export_report(tmp_path / "no such folder" / "summary.csv")
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert len(messages) == 1 and "does not exist" in messages[0]


def test_keys_reach_every_tab(qtbot: QtBot, store: Store, review: Review,
                              settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    assert [window.tabs.tabText(i) for i in range(3)] == ["&Overview", "&Charts", "A&greement"]
    for key in (window.refresh_button, window.export_button):
        assert not key.autoDefault()  # Enter in a table does not press a button
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window, Qt.Key.Key_G, alt)
    assert window.tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_O, alt)
    assert window.tabs.currentIndex() == 0
    # Alt+M: into the open comments; Tab leaves a table rather than walk its cells.
    table = window.tables["unresolved"]
    qtbot.keyClick(window, Qt.Key.Key_M, alt)
    assert table.hasFocus() and not table.tabKeyNavigation()
    table.setCurrentCell(0, 0)
    with qtbot.waitSignal(window.annotation_requested) as asked:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert asked.args[0] in (review.ferry, review.water)
    assert window.isVisible()  # Enter did not press a button and close the window
    qtbot.keyClick(window, Qt.Key.Key_B, alt)
    assert window.brief_box.hasFocus()


def test_screenshot_of_the_charts(qtbot: QtBot, store: Store, review: Review,
                                  settings: Settings) -> None:
    window = _window(qtbot, store, settings)
    window.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    picture = window.grab()
    assert (picture.width(), picture.height()) == (1280, 800)
    for view in window.charts.values():
        assert view.width() >= 300 and view.height() >= 200
