"""The codebook editor opened from the main window: its edits undone there with Ctrl+Z, the
library recounted when a deleted tag took annotations from a brief that is not open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qt_helpers import show_active

from reviewdesk.services.annotations import annotate, brief_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.storage.store import Store
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

SECOND_BRIEF = """\
# Harbour Dredging Options

## Summary

The harbour silts up each winter and the ferry cannot dock at low tide.
Dredging twice a year would keep the channel open for the ferry.
"""


def _row_text(window: MainWindow, brief_id: str) -> str:
    model = window.library_model
    return str(model.index(model.row_of(brief_id)).data())


def test_delete_a_tag_in_the_editor_then_undo_in_the_window(
        qtbot: QtBot, store: Store, brief_file: Path, tmp_path: Path) -> None:
    other_file = tmp_path / "harbour.md"
    other_file.write_text(SECOND_BRIEF, encoding="utf-8")
    first, other = (result.id for result in import_files(store, [brief_file, other_file]))
    annotate(store, other, "ferry", tag="Risk", comment="Which ferry?")
    window = MainWindow(store, _settings(tmp_path))
    show_active(qtbot, window, 1100, 700)
    window.open_brief(first)
    assert "1 annotation" in _row_text(window, other)
    seen: list[CodebookEditor] = []

    def delete_risk() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, CodebookEditor):
            QTimer.singleShot(10, delete_risk)
            return
        seen.append(editor)
        risk = window.session.codebook.find("Risk")
        assert risk is not None
        editor.select_tag(risk.id)
        assert editor.delete_tag()
        editor.reject()  # its own keys are tested in test_codebook_keys

    QTimer.singleShot(0, delete_risk)
    qtbot.keyClick(window.document, Qt.Key.Key_K, CTRL | SHIFT)
    assert seen and default_codebook(store).find("Risk") is None
    assert brief_annotations(store, other) == []
    assert "0 annotations" in _row_text(window, other)
    assert window.session.brief is not None and window.session.brief.id == first

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the editor is gone
    with qtbot.waitActive(window):
        window.activateWindow()
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_Z, CTRL)
    assert default_codebook(store).find("Risk") is not None
    assert [view.comment for view in brief_annotations(store, other)] == ["Which ferry?"]
    assert "1 annotation" in _row_text(window, other)


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
