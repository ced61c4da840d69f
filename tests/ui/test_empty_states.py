"""Empty lists say what to do next, and stop saying it once they have rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reviewdesk.storage.store import Store
from reviewdesk.ui.empty_state import NO_BRIEFS, OPEN_FIRST
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


def test_hints_follow_the_state(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, Settings(QSettings(str(tmp_path / "s.ini"),
                                                  QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    hints = window.empty_hints
    assert hints["library"].text() == NO_BRIEFS
    assert {hints[name].text() for name in ("annotations", "references",
                                            "recommendations", "edits")} == {OPEN_FIRST}
    window.open_sample()
    assert hints["library"].text() == ""
    assert "tag's key" in hints["annotations"].text()
    assert hints["references"].text() == ""  # the sample has a reference list
    brief = window.session.brief
    assert brief is not None
    start = brief.text.index("daily release figures")
    cursor = window.document.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    window.document.setTextCursor(cursor)
    window.document.tag_with_shortcut("1")
    assert hints["annotations"].text() == ""
