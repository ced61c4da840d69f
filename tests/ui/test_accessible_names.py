"""Every control of the main window has a name and a description a screen reader can say."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe, unnamed
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


def test_the_main_window_names_every_control(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = MainWindow(store, Settings(QSettings(str(tmp_path / "s.ini"),
                                                  QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    assert unnamed(window) == []  # before a brief is open
    window.open_sample()
    for index in range(window.review.count()):
        window.review.setCurrentIndex(index)
        assert unnamed(window) == []


def test_a_control_without_a_name_is_found(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    assert unnamed(root) == ["QLineEdit '' in QWidget: no name or description"]
    describe(field, "Title", "The brief's title")
    assert unnamed(root) == []
