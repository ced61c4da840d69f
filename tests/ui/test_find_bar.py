"""The find bar: Ctrl+F, a count, next and previous that wrap, Esc to close."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui.document_view import DocumentView
from reviewdesk.ui.find_bar import FindBar
from reviewdesk.ui.session import ReviewSession


@pytest.fixture
def parts(qtbot: QtBot, store: Store,
          brief_file: Path) -> Iterator[tuple[DocumentView, FindBar]]:
    session = ReviewSession(store)
    session.open_brief(import_files(store, [brief_file])[0].id)
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    view = DocumentView(session)
    bar = FindBar(view)
    column.addWidget(view)
    column.addWidget(bar)
    window.resize(800, 600)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    view.setFocus()
    yield view, bar  # the window lives as long as the test


def test_ctrl_f_opens_and_counts_case_insensitively(qtbot: QtBot,
                                                    parts: tuple[DocumentView, FindBar]) -> None:
    view, bar = parts
    assert bar.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "PATROL")
    assert bar.status() == "1 of 3"
    assert view.textCursor().selectedText() == "patrol"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status() == "2 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.status() == "3 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # wraps to the first
    assert bar.status() == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # and back
    assert bar.status() == "3 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status() == "2 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden() and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3)  # F3 still works in the document
    assert bar.status() == "3 of 3"


def test_no_match_says_so(qtbot: QtBot, parts: tuple[DocumentView, FindBar]) -> None:
    _view, bar = parts
    bar.open()
    qtbot.keyClicks(bar.edit, "walrus")
    assert bar.status() == "No matches"
    bar.find_next()
    assert bar.status() == "No matches"
