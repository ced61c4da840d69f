"""The codebook editor's buttons, each naming its key, and the names assistive technology
reads for the editor's controls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

if TYPE_CHECKING:
    from reviewdesk.ui.codebook_editor import CodebookEditor

CLOSE_KEYS = "Ctrl+Shift+K"  # the key that opened the editor closes it; Escape does too


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
