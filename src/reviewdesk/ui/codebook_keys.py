"""The codebook editor's buttons, each naming its key, and the names assistive technology
reads for the editor's controls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

if TYPE_CHECKING:
    from reviewdesk.ui.codebook_editor import CodebookEditor

CLOSE_KEYS = "Ctrl+Shift+K"  # the key that opened the editor closes it; Escape does too


def own_keys(owner: QWidget, action: QAction, keys: str) -> QAction:
    """Give `owner` (a dialog) this action's keys, written "Ctrl+N, Insert": a dialog owns
    its keys, since the main window's do not reach past a modal dialog."""
    action.setShortcuts([QKeySequence(key) for key in keys.split(", ")])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    owner.addAction(action)
    return action


def keyed_action(owner: QWidget, text: str, keys: str, slot: Callable[[], object]) -> QAction:
    """An action of `owner` that calls `slot` on its keys, its tooltip naming the first."""
    action = own_keys(owner, QAction(text, owner), keys)
    action.setToolTip(f"{text} ({keys.split(', ')[0]})")
    action.triggered.connect(lambda _checked=False: slot())
    return action


class UndoButtons(QObject):
    """Keeps the Undo and Redo buttons' tooltips saying what they would undo or redo; a
    child of the dialog, so it stops listening to the stack (which outlives it) with it."""

    def __init__(self, stack: QUndoStack, undo: QPushButton, redo: QPushButton,
                 parent: QObject) -> None:
        super().__init__(parent)
        self._undo, self._redo = undo, redo
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)

    def _undo_text(self, text: str) -> None:
        describe(self._undo, f"Undo {text} (Ctrl+Z)")

    def _redo_text(self, text: str) -> None:
        describe(self._redo, f"Redo {text} (Ctrl+Shift+Z)")


def key_buttons(actions: list[tuple[QAction, str]]) -> list[QPushButton]:
    """A button for each (action, label), showing its first key and enabled with the action."""
    buttons = []
    for action, label in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(f"{label} ({keys})")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keys on the tree
        button.setAccessibleName(label.rstrip("…"))
        describe(button, f"{action.text()} ({keys})")
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        button.clicked.connect(action.trigger)
        buttons.append(button)
    return buttons


def describe(button: QPushButton, text: str) -> None:
    """The tooltip and accessible description of a button ('Undo Rename Risk (Ctrl+Z)')."""
    button.setToolTip(text)
    button.setAccessibleDescription(text)


def describe_controls(editor: CodebookEditor) -> None:
    """Accessible names and descriptions for the editor's tree, message and Close button
    (the action buttons get theirs in key_buttons)."""
    editor.setAccessibleName("Codebook")
    editor.setAccessibleDescription("The tags reviewers annotate with; every change can be "
                                    "undone with Ctrl+Z")
    editor.tree.setAccessibleName("Tags")
    editor.tree.setAccessibleDescription(
        "Each tag with its key and colour. Insert adds a tag, F2 renames, Delete deletes, "
        "Alt+K sets the key, Alt+Up and Alt+Down move, Ctrl+Z undoes")
    editor.message.setAccessibleName("Why a change was refused")
    editor.message.setAccessibleDescription("Empty unless the last change was refused")
    editor.close_buttons.setAccessibleName("Close the codebook")
    close = editor.close_buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAccessibleName("Close")
    close.setAccessibleDescription(f"Close the codebook (Escape or {CLOSE_KEYS})")
