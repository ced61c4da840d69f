"""Keys that always work: every command is a window-wide action, whatever has the focus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from qt_helpers import select_words

from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.tracking import references_of
from reviewdesk.storage.store import Store
from reviewdesk.ui import undo
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.shortcuts_dialog import markdown

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shown = MainWindow(store, settings)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitExposed(shown)
    shown.open_sample()
    assert shown.session.brief is not None
    return shown



def _tag(window: MainWindow, qtbot: QtBot, words: str, key: Qt.Key = Qt.Key.Key_3) -> str:
    select_words(window, words)
    window.document.setFocus()
    qtbot.keyClick(window.document, key)
    return window.session.annotations[-1].id if window.session.annotations else ""


def _press(qtbot: QtBot, keys: str) -> None:
    """Press a key sequence on whatever widget has the focus, as a person would."""
    focused = QApplication.focusWidget()
    assert focused is not None
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(focused, combo.key(), combo.keyboardModifiers())


def test_no_two_window_actions_share_a_key(window: MainWindow) -> None:
    keys = Counter(sequence.toString()
                   for action in window.findChildren(QAction)
                   if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
                   for sequence in action.shortcuts() if not sequence.isEmpty())
    # Qt would run neither of two actions on one key: each key has one command.
    assert [key for key, count in keys.items() if count > 1] == []
    assert {"Ctrl+F", "F8", "Ctrl+Shift+R", "Ctrl+L", "Ctrl+E", "Ctrl+Shift+S",
            "Ctrl+0", "F1"} <= set(keys)


def test_resolve_after_f8_without_clicking_the_card(qtbot: QtBot, window: MainWindow) -> None:
    key = _tag(window, qtbot, "daily release figures")
    window.document.moveCursor(QTextCursor.MoveOperation.Start)
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_F8)
    _press(qtbot, "Ctrl+Shift+R")
    assert window.session.annotation(key).status == AnnotationStatus.RESOLVED
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.document.setFocus()
    _press(qtbot, "Ctrl+Shift+R")
    assert window.session.annotation(key).status == AnnotationStatus.OPEN


def test_link_a_claim_from_the_document(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    brief = window.session.brief
    assert brief is not None
    key = _tag(window, qtbot, "daily release figures")
    reference = references_of(store, brief.id)[0].reference
    window.references.select_reference(reference.id)
    select_words(window, "daily release figures")
    window.document.setFocus()
    _press(qtbot, "Ctrl+L")
    assert references_of(store, brief.id)[0].claims == (key,)
    assert window.review.currentWidget() is window.references  # shown where it happened


def test_words_tagged_by_two_reviewers_link_without_clicking(qtbot: QtBot, store: Store,
                                                            window: MainWindow) -> None:
    """As after a merge: two annotations on the same words, chosen by the keyboard only."""
    session, brief = window.session, window.session.brief
    assert brief is not None
    start, end = select_words(window, "daily release figures")
    session.push(undo.CreateAnnotation(session, brief.id, start, end, None, "mine"))
    session.push(undo.CreateAnnotation(session, brief.id, start, end, None, "theirs"))
    window.open_brief(brief.id)  # reopened, as a merge does: nothing selected any more
    reference = references_of(store, brief.id)[0].reference
    window.references.select_reference(reference.id)
    select_words(window, "daily release figures")
    window.document.setFocus()
    _press(qtbot, "Ctrl+L")
    claims = references_of(store, brief.id)[0].claims
    assert len(claims) == 1
    assert "select a claim" not in window.statusBar().currentMessage().lower()


def test_ctrl_f_from_the_reply_box_finds_and_posts_nothing(qtbot: QtBot, store: Store,
                                                          window: MainWindow) -> None:
    brief = window.session.brief
    assert brief is not None
    key = _tag(window, qtbot, "daily release figures")
    window.session.annotation_selected.emit(key)
    window.cards.reply.setFocus()
    _press(qtbot, "Ctrl+F")
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "release")
    for _ in range(3):
        qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert list_annotations(store, brief.id)[0].replies == ()
    assert window.cards.reply.text() == ""


def test_find_bar_is_one_line_under_the_text_and_shows_every_match(
        qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 800)
    window.document.setFocus()
    _press(qtbot, "Ctrl+F")
    qtbot.keyClicks(window.find_bar.edit, "the")
    bar, document = window.find_bar, window.document
    assert bar.height() < 3 * bar.edit.sizeHint().height()
    assert bar.mapTo(window, bar.rect().topLeft()).y() >= \
        document.mapTo(window, document.rect().bottomLeft()).y()
    total = int(bar.status().split(" of ")[1])
    assert total > 3 and len(bar.highlighted()) == total
    bar.whole_words.setChecked(True)
    bar.match_case.setChecked(True)
    assert len(bar.highlighted()) <= total
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.highlighted() == [] and document.hasFocus()


def test_zoom_keys_and_remembered(qtbot: QtBot, window: MainWindow) -> None:
    usual = window.document.document().defaultFont().pointSizeF()
    window.document.setFocus()
    _press(qtbot, "Ctrl++")
    _press(qtbot, "Ctrl++")
    assert window.document.document().defaultFont().pointSizeF() > usual
    assert window.settings.zoom == 2
    _press(qtbot, "Ctrl+-")
    assert window.settings.zoom == 1
    _press(qtbot, "Ctrl+0")
    assert window.document.document().defaultFont().pointSizeF() == usual
    assert window.settings.zoom == 0


def test_a_tag_key_without_a_selection_is_a_status_line(qtbot: QtBot, window: MainWindow,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: boxes.append(str(args)))
    window.document.moveCursor(QTextCursor.MoveOperation.Start)
    window.document.setFocus()
    qtbot.keyClick(window.document, Qt.Key.Key_2)
    assert boxes == []
    assert window.statusBar().currentMessage() == "Select some words first."


def test_delete_says_how_to_undo(qtbot: QtBot, window: MainWindow) -> None:
    key = _tag(window, qtbot, "daily release figures")
    window.document.setFocus()
    _press(qtbot, "Ctrl+Shift+Del")
    assert window.session.annotation(key) is None
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.session.undo_stack.undo()
    assert window.session.annotation(key) is not None


def test_shortcuts_page_is_generated_from_the_actions(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.shortcut_rows()
    listed = {(row.command, row.keys) for row in rows}
    assert ("Toggle resolved", "Ctrl+Shift+R") in listed
    assert ("Find", "Ctrl+F") in listed
    assert any(row.command.startswith("Tag the selection") and row.keys == "1" for row in rows)
    # A new action shows up without anyone writing it into a list.
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    extra = QAction("Brand new command", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F12"))
    menu.addAction(extra)
    assert ("Brand new command", "Ctrl+Alt+F12") in {(row.command, row.keys)
                                                     for row in window.shortcut_rows()}
    window.document.setFocus()
    _press(qtbot, "F1")
    dialog = window.findChild(type(window.show_shortcuts()))
    assert dialog is not None and len(dialog.rows) >= len(rows)
    dialog.filter.setText("resolved")
    assert [row.command for row in dialog.visible_rows()] == ["Toggle resolved"]


def test_the_shortcuts_page_in_docs_is_current(window: MainWindow) -> None:
    page = Path(__file__).parents[2] / "docs" / "shortcuts.md"
    table = page.read_text(encoding="utf-8").split("\n\n", 2)[2]
    assert table == markdown(window.shortcut_rows()), (
        "regenerate docs/shortcuts.md: reviewdesk --db EMPTY.sqlite gui --shortcuts")
