"""File → Export / Import REFI-QDA project: a project written by one window comes into
another database's window, after the user trusts its signer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from reviewdesk.services.annotations import annotate, list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.storage.store import Store
from reviewdesk.ui import qdpx_actions
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings


def _window(qtbot: QtBot, store: Store, tmp_path: Path, name: str) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def test_export_then_import_through_the_file_menu(qtbot: QtBot, store: Store, brief_file: Path,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    brief_id = import_files(store, [brief_file])[0].id
    annotate(store, brief_id, "closed season", tag="Indicator", comment="Since when?",
             reviewer="Amina Rahimi")
    first = _window(qtbot, store, tmp_path, "first")
    texts = [action.text() for action in first.menuBar().actions()[0].menu().actions()]
    assert "Export REFI-QDA pro&ject…" in texts and "Import RE&FI-QDA project…" in texts
    target = tmp_path / "project"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    first.export_refi_qda()
    written = tmp_path / "project.qdpx"
    assert written.is_file()
    assert "Wrote 1 brief with 1 coded selection" in first.statusBar().currentMessage()

    with Store(tmp_path / "other.sqlite3") as other:
        second = _window(qtbot, other, tmp_path, "second")
        asked: list[str] = []

        def trust(_parent: object, message: str) -> bool:
            asked.append(message)
            return True

        monkeypatch.setattr(qdpx_actions, "_ask_trust", trust)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(written), ""))
        second.import_refi_qda()
        assert asked and "project.qdpx" in asked[0]
        assert second.library_model.rowCount() == 1
        [note] = list_annotations(other, brief_id)
        assert (note.quote, note.tag, note.comment) == ("closed season", "Indicator",
                                                        "Since when?")
