"""Help → About: version, data folder, log file and the libraries with their licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reviewdesk import __version__
from reviewdesk.ui.about_dialog import AboutDialog


def test_the_dialog_shows_where_things_are_and_the_licences(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite3"
    dialog = AboutDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"ReviewDesk {__version__}" in texts
    assert str(database) in texts and str(tmp_path) in texts
    assert "reviewdesk.log" in texts
    rows = {dialog.libraries.item(row, 0).text(): dialog.libraries.item(row, 2).text()
            for row in range(dialog.libraries.rowCount())}
    assert "LGPL-3.0" in rows["PySide6"]
    assert rows["python-docx"] == "MIT"
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert str(database) in copied and "python-docx" in copied
