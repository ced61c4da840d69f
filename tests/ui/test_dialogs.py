"""The small dialogs: who is reviewing (first run), a comment, and the palettes."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from tests.ui.qt_helpers import show_active

from reviewdesk.services.reviewers import configured_reviewer, has_configured_reviewer
from reviewdesk.storage.store import Store
from reviewdesk.ui.comment_dialog import CommentDialog
from reviewdesk.ui.first_run import ReviewerDialog
from reviewdesk.ui.palette import apply_theme
from reviewdesk.ui.settings import Settings


def test_the_offered_name_is_replaced_by_typing(qtbot: QtBot) -> None:
    dialog = ReviewerDialog("root")
    show_active(qtbot, dialog, 420, 160)
    qtbot.keyClicks(dialog.name, "Farida Nazarova")
    assert dialog.name.text() == "Farida Nazarova"
    assert dialog.initials.text() == "FN"


def test_ok_waits_for_a_name(qtbot: QtBot) -> None:
    dialog = ReviewerDialog("")
    show_active(qtbot, dialog, 420, 160)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.name, "Ines Duarte")
    assert ok.isEnabled()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_name_is_kept_in_the_store(store: Store) -> None:
    from reviewdesk.services.reviewers import set_configured_reviewer

    assert not has_configured_reviewer(store)
    set_configured_reviewer(store, "Ines Duarte", "IDu")
    assert has_configured_reviewer(store) and configured_reviewer(store) == "Ines Duarte"


def test_ctrl_enter_saves_a_comment_and_escape_drops_it(qtbot: QtBot) -> None:
    dialog = CommentDialog("Add a comment", "Which")
    show_active(qtbot, dialog, 420, 220)
    qtbot.keyClicks(dialog.editor, " year?")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)  # a plain Enter is a new line
    assert dialog.isVisible()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.text() == "Which year?\n"
    other = CommentDialog("Edit the comment", "Kept")
    show_active(qtbot, other, 420, 220)
    qtbot.keyClicks(other.editor, " and changed")
    qtbot.keyClick(other.editor, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected


def test_dark_and_light_palettes(qapp: QApplication, tmp_path: object) -> None:
    try:
        apply_theme(qapp, "dark")
        dark = qapp.palette().color(QPalette.ColorRole.Base)
        apply_theme(qapp, "light")
        light = qapp.palette().color(QPalette.ColorRole.Base)
        assert dark.lightness() < 60 < 200 < light.lightness()
        text = qapp.palette().color(QPalette.ColorRole.Text)
        assert abs(text.lightness() - light.lightness()) > 150  # text stays readable
    finally:
        apply_theme(qapp, "system")


def test_the_theme_is_remembered(tmp_path: object) -> None:
    backend = QSettings(str(tmp_path) + "/settings.ini", QSettings.Format.IniFormat)
    Settings(backend).theme = "dark"
    assert Settings(QSettings(str(tmp_path) + "/settings.ini",
                              QSettings.Format.IniFormat)).theme == "dark"
    Settings(backend).theme = "purple"
    assert Settings(backend).theme == "system"
