"""The codebook editor owns its keys, its key picker shows taken keys, and every control has
a name for assistive technology."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QInputDialog,
    QLabel,
    QListWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from qt_helpers import show_active

from reviewdesk.services.codebooks import default_codebook
from reviewdesk.ui.codebook_editor import CodebookEditor
from reviewdesk.ui.key_picker import KeyPicker
from reviewdesk.ui.session import ReviewSession

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def editor(qtbot: QtBot, session: ReviewSession) -> CodebookEditor:
    dialog = CodebookEditor(session)
    show_active(qtbot, dialog, 640, 480)
    dialog.tree.setFocus()
    return dialog


def _select(editor: CodebookEditor, session: ReviewSession, name: str) -> str:
    tag = session.codebook.find(name)
    assert tag is not None
    editor.select_tag(tag.id)
    return tag.id


def _stored(session: ReviewSession) -> list[str]:
    codebook = default_codebook(session.store)
    return [codebook.path(tag) for tag in sorted(codebook.tags, key=lambda t: t.position)]


def _when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> list[QWidget]:
    """Run `act` on the modal dialog the next key opens (it would wait for a person)."""
    seen: list[QWidget] = []

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, answer)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, answer)
    return seen


def _back_to(qtbot: QtBot, editor: CodebookEditor) -> None:
    """Make the editor active again once a question closes, as a window manager would
    (the offscreen platform activates nothing by itself)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the question is gone
    with qtbot.waitActive(editor):
        editor.activateWindow()
    editor.tree.setFocus()


def test_insert_delete_undo_and_redo_keys(qtbot: QtBot, editor: CodebookEditor,
                                          session: ReviewSession) -> None:
    _select(editor, session, "Question")
    before = _stored(session)

    def name_it(modal: QWidget) -> None:
        assert isinstance(modal, QInputDialog)
        modal.setTextValue("Assumption")
        modal.accept()

    _when_modal(qtbot, name_it)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    assert "Assumption" in _stored(session)
    assert editor.tree.currentItem().text(0) == "Assumption"
    _back_to(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)  # no annotations use it: no question
    assert _stored(session) == before
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert "Assumption" in _stored(session)
    assert editor.tree.currentItem().text(0) == "Assumption"
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert _stored(session) == before
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "Assumption" in _stored(session)


@pytest.mark.parametrize(("key", "modifiers"), [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_K, CTRL | SHIFT),  # the key that opened it closes it
])
def test_escape_and_the_opening_key_close_the_editor(qtbot: QtBot, editor: CodebookEditor,
                                                     key: Qt.Key,
                                                     modifiers: Qt.KeyboardModifier) -> None:
    before = _stored(editor._session)
    qtbot.keyClick(editor.tree, key, modifiers)
    assert not editor.isVisible()
    assert _stored(editor._session) == before


def test_the_picker_names_the_tag_holding_each_key(editor: CodebookEditor,
                                                   session: ReviewSession) -> None:
    _select(editor, session, "Risk")
    picker = editor.key_picker()
    assert picker is not None
    texts = [picker.keys.item(row).text() for row in range(picker.keys.count())]
    assert texts[0] == "No key"
    assert texts[1] == "1 — taken by Indicator"
    assert texts[6] == "6 — free (this tag's key)"
    assert picker.keys.currentRow() == 6
    assert not picker.swap.isEnabled()


def test_a_taken_key_is_refused_in_one_sentence(qtbot: QtBot, editor: CodebookEditor,
                                                session: ReviewSession) -> None:
    _select(editor, session, "Risk")
    picker = editor.key_picker()
    assert picker is not None
    picker.keys.setCurrentRow(1)
    assert picker.note.text() == "Key 1 is taken by Indicator; Swap keys gives Indicator key 6."
    picker.use.click()
    assert picker.note.text() == ("Key 1 already belongs to Indicator; choose a free key, "
                                  "or Swap keys.")
    assert picker.choice is None and picker.result() == 0
    show_active(qtbot, picker, 300, 300)
    picker.keys.setCurrentRow(9)
    qtbot.keyClick(picker.keys, Qt.Key.Key_Return)  # Enter means Use key
    assert picker.choice is not None and picker.choice.key == "9"


def test_swap_keys_from_the_picker_and_undo(qtbot: QtBot, editor: CodebookEditor,
                                            session: ReviewSession) -> None:
    risk = _select(editor, session, "Risk")
    indicator = session.codebook.find("Indicator")
    assert indicator is not None

    def swap_with_1(modal: QWidget) -> None:
        assert isinstance(modal, KeyPicker)
        modal.keys.setCurrentRow(1)
        modal.swap.click()

    seen = _when_modal(qtbot, swap_with_1)
    qtbot.keyClick(editor.tree, Qt.Key.Key_K, ALT)
    assert seen
    _back_to(qtbot, editor)
    keys = {tag.id: tag.shortcut for tag in default_codebook(session.store).tags}
    assert (keys[risk], keys[indicator.id]) == ("1", "6")
    assert editor.message.text() == ""
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    keys = {tag.id: tag.shortcut for tag in default_codebook(session.store).tags}
    assert (keys[risk], keys[indicator.id]) == ("6", "1")


def _controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QTreeWidget, QListWidget, QLabel)
    return [widget for widget in root.findChildren(QWidget)
            if isinstance(widget, kinds) and (not isinstance(widget, QLabel)
                                              or widget.buddy() is None)]


def test_every_control_has_an_accessible_name(editor: CodebookEditor,
                                              session: ReviewSession) -> None:
    _select(editor, session, "Risk")
    picker = editor.key_picker()
    assert picker is not None
    for root in (editor, picker):
        unnamed = [type(w).__name__ + " " + getattr(w, "text", lambda: "")()
                   for w in _controls(root) if not w.accessibleName()]
        undescribed = [w.accessibleName() for w in _controls(root)
                       if not isinstance(w, QLabel) and not w.accessibleDescription()]
        assert unnamed == [] and undescribed == []
