"""The library's search box searches every brief: typing a name found only in a brief's
body lists the hit, Down and Enter open that brief with the caret at the hit, and a query
without a match says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from qt_helpers import model_failures, show_active

from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files, list_briefs
from reviewdesk.storage.store import Store
from reviewdesk.ui.library_search import BRIEF_ID_ROLE, OFFSET_ROLE
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

TERRACES = """\
# Hillside Terraces Programme

The terraces above Vell were rebuilt by the cooperative led by Marisol Etxeberria.
Rainfall records show fewer landslides since the work ended.
"""


@pytest.fixture
def window(qtbot: QtBot, store: Store, brief_file: Path, tmp_path: Path) -> MainWindow:
    terraces = tmp_path / "terraces.md"
    terraces.write_text(TERRACES, encoding="utf-8")
    import_files(store, [brief_file, terraces])
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    opened = MainWindow(store, settings)
    show_active(qtbot, opened, 1200, 700)
    return opened


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search.setFocus()
    qtbot.keyClicks(window.search, text)
    results = window.library_search
    qtbot.waitUntil(lambda: results.model.rowCount() > 0 or results.empty.isVisible())


def test_a_name_in_a_brief_body_is_found_and_opened_at_the_hit(
        qtbot: QtBot, window: MainWindow, store: Store) -> None:
    assert not window.library.isHidden() and window.library_search.isHidden()
    _type(qtbot, window, "etxeber")
    results = window.library_search
    assert window.library.isHidden() and not results.isHidden()
    assert results.model.rowCount() == 1
    brief_row = results.model.index(0, 0)
    assert brief_row.data().startswith("Hillside Terraces Programme · 1 match")
    hit = results.model.index(0, 0, brief_row)
    assert "Marisol Etxeberria" in hit.data()

    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert results.tree.hasFocus() and results.tree.currentIndex() == hit
    qtbot.keyClick(results.tree, Qt.Key.Key_Escape)
    assert window.search.hasFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(results.tree, Qt.Key.Key_Return)

    brief = window.session.brief
    assert brief is not None and brief.id == hit.data(BRIEF_ID_ROLE)
    cursor = window.document.textCursor()
    assert cursor.selectionStart() == hit.data(OFFSET_ROLE)
    assert cursor.selectedText() == "Etxeberria"  # the word found, selected
    assert window.document.hasFocus()


def test_comments_are_found_and_a_double_click_opens_at_the_annotation(
        qtbot: QtBot, window: MainWindow, store: Store) -> None:
    [lake] = [b for b in list_briefs(store) if b.title.startswith("Lake")]
    note = annotate(store, lake.id, "joint patrol", tag="Claim",
                    comment="Ask the harbourmaster of Alby", reviewer="Ines Duarte")
    _type(qtbot, window, "harbourmaster")
    results = window.library_search
    hit = results.model.index(0, 0, results.model.index(0, 0))
    rect = results.tree.visualRect(hit)
    # A double click as Qt's views see one: a click, then the second press.
    qtbot.mouseClick(results.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(results.tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.session.brief is not None and window.session.brief.id == lake.id
    assert window.document.textCursor().selectionStart() == note.start


def test_no_match_shows_the_empty_state_and_clearing_brings_the_library_back(
        qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window, "quokka")
    results = window.library_search
    assert results.empty.isVisible() and results.tree.isHidden()
    assert results.empty.text() == "No matches for “quokka”."
    window.search.clear()
    assert results.isHidden() and not window.library.isHidden()


def test_the_results_model_is_a_valid_tree(qtbot: QtBot, window: MainWindow) -> None:
    results = window.library_search
    with model_failures() as failures:
        tester = QAbstractItemModelTester(
            results.model, QAbstractItemModelTester.FailureReportingMode.Warning)
        _type(qtbot, window, "the")
        assert results.model.rowCount() == 2
        window.search.clear()
        _type(qtbot, window, "zzz")
    assert failures == [] and tester is not None


def test_the_results_follow_a_brief_imported_while_they_show(
        qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path) -> None:
    _type(qtbot, window, "Okafor")
    assert window.library_search.empty.isVisible()
    later = tmp_path / "later.md"
    later.write_text("# Coastal Ferries\n\nChidi Okafor ran the ferry survey.\n",
                     encoding="utf-8")
    import_files(store, [later])
    window.library_model.reload()  # as the window does after an import
    qtbot.waitUntil(lambda: window.library_search.model.rowCount() == 1)
    assert not window.library_search.tree.isHidden()
